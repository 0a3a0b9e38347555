"""Start-up time, side by side in one run: an empty PySide6 window vs DigitPad's window.

Each round starts fresh Python processes (from source, this checkout):
  empty     QApplication + an empty QMainWindow, shown and exposed;
  torch     `import torch` alone (what the first recognition waits for);
  digitpad  app.main.run_app() exactly as `digitpad` runs it: "usable" when the window
            is exposed and its event loop runs (the canvas takes ink), "first
            recognition" when a stroke drawn at that moment has been recognized (by the
            NumPy bridge, model/numpynet/numpy_bridge.py, while torch imports in the background),
            "torch model" when the torch Predictor has taken over.
Times are wall-clock seconds from just before the process is started. The rounds
alternate the two so load on the machine hits both alike; the medians are printed.
One untimed warm-up round first writes the .pyc files (as an installed copy has them;
PYTHONDONTWRITEBYTECODE is dropped for the children) and fills the page cache.

    python bench/startup.py [--rounds 5]      # needs a display (DISPLAY or QT_QPA_PLATFORM)
    python bench/startup.py --bundle dist/DigitPad/DigitPad   # the PyInstaller bundle too

The bundle cannot run a probe, so it is timed from its log (digitpad.log in a fresh data
folder): "usable" when the NumPy bridge's loader starts (it starts right after the window's
first paint, app.main._AfterFirstPaint), "first recognition" when the bridge (else the torch
model) is ready: a stroke drawn meanwhile is recognized at that moment, in a few milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

EMPTY = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(900, 600)
w.show()
def probe():
    if w.windowHandle() is not None and w.windowHandle().isExposed():
        print("usable", time.time(), flush=True)
        app.quit()
    else:
        QTimer.singleShot(1, probe)
QTimer.singleShot(0, probe)
app.exec()
"""

TORCH = r"""
import time
import torch
print("usable", time.time(), flush=True)
"""

DIGITPAD = r"""
import sys, time
from app import main  # first, as `digitpad` imports app before Qt (app.PLAIN_IMPORT)
from PySide6.QtCore import QTimer
app = main.ensure_app(sys.argv[:1])
state = {}
def probe():
    win = next(iter(main._windows), None)
    if win is None or win.windowHandle() is None or not win.windowHandle().isExposed():
        QTimer.singleShot(1, probe)
        return
    print("usable", time.time(), flush=True)
    ink = win.ink  # a stroke, as the canvas adds it while the mouse moves
    ink.begin_stroke(200, 100)
    ink.extend_stroke(200, 300)
    ink.end_stroke()
    def finish(*_):
        if win.manager.predictor is not None and "first" in state:
            print("torch", time.time(), flush=True)
            win.close()
            app.quit()
    def done(prediction, source):
        if prediction is not None and prediction.digit is not None and "first" not in state:
            state["first"] = True
            print("recognized", time.time(), flush=True)
            finish()
    win.recognizer.predicted.connect(done)
    win.manager.modelChanged.connect(finish)
QTimer.singleShot(0, probe)
sys.exit(main.run_app([]))
"""


def run(code: str, data_dir: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), DIGITPAD_DATA_DIR=data_dir)
    # As installed (pip compiles the .pyc files, the bundle ships them): with this set, each
    # start would compile every app/ and model/ module again (~0.1 s).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    marks = {}
    for line in out.stdout.splitlines():
        name, _, stamp = line.partition(" ")
        if name in ("usable", "recognized", "torch"):
            marks[name] = float(stamp) - start
    if "usable" not in marks:
        raise SystemExit(f"the child did not report a window:\n{out.stdout}\n{out.stderr}")
    return marks


def run_bundle(exe: Path, data_dir: str) -> dict[str, float]:
    """Start the bundle, wait for its log to say the model is ready, close it; times as run()'s."""
    log = Path(data_dir) / "logs" / "digitpad.log"
    log.unlink(missing_ok=True)
    start = time.time()
    proc = subprocess.Popen([str(exe)], env=dict(os.environ, DIGITPAD_DATA_DIR=data_dir), stdout=subprocess.DEVNULL)
    marks: dict[str, float] = {}
    try:
        while "torch" not in marks and time.time() - start < 120 and proc.poll() is None:
            time.sleep(0.02)
            for line in log.read_text(errors="replace").splitlines() if log.exists() else []:
                stamp = time.mktime(time.strptime(line[:19], "%Y-%m-%d %H:%M:%S")) + int(line[20:23]) / 1000
                if "digitpad-bridge-loader: started" in line:  # the first loader, right after the first paint
                    marks.setdefault("usable", stamp - start)
                elif "NumPy bridge ready" in line:
                    marks.setdefault("recognized", stamp - start)
                elif "model ready" in line:
                    marks.setdefault("recognized", stamp - start)
                    marks["torch"] = stamp - start
    finally:
        proc.terminate()
        proc.wait(30)
    if "recognized" not in marks:
        raise SystemExit(f"the bundle did not report a ready model in {log}")
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--bundle", type=Path, help="the bundle's executable (dist/DigitPad/DigitPad)")
    args = parser.parse_args()
    empty, usable, first, torch, model = [], [], [], [], []
    bundle: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as data_dir:
        for code in (EMPTY, TORCH, DIGITPAD):  # a warm-up: .pyc files written, files in the page cache
            run(code, data_dir)
        if args.bundle:
            run_bundle(args.bundle, data_dir)
        for i in range(args.rounds):
            if args.bundle:
                b = run_bundle(args.bundle, data_dir)
                bundle.append(b)
                print(
                    f"round {i + 1}: bundle usable {b['usable']:.2f} s, first recognition {b['recognized']:.2f} s, "
                    f"torch model {b['torch']:.2f} s"
                )
            empty.append(run(EMPTY, data_dir)["usable"])
            torch.append(run(TORCH, data_dir)["usable"])
            marks = run(DIGITPAD, data_dir)
            usable.append(marks["usable"])
            first.append(marks.get("recognized", float("nan")))
            model.append(marks.get("torch", float("nan")))
            print(
                f"round {i + 1}: empty window {empty[-1]:.2f} s, DigitPad usable {usable[-1]:.2f} s, "
                f"first recognition {first[-1]:.2f} s, torch model {model[-1]:.2f} s; "
                f"python -c 'import torch' {torch[-1]:.2f} s (load average {os.getloadavg()[0]:.1f})",
                flush=True,
            )
    e, u, f, t, m = (statistics.median(v) for v in (empty, usable, first, torch, model))
    print(
        f"median of {args.rounds}: empty PySide6 window {e:.2f} s; DigitPad usable {u:.2f} s "
        f"({u / e:.2f}x, target <= 2.5x); first recognition {f:.2f} s "
        f"({f - u:.2f} s after the window; a process that only imports torch takes {t:.2f} s: "
        f"first recognition {'before' if f < t else 'NOT before'} it); the torch model took over at {m:.2f} s"
    )
    print(
        f"best of {args.rounds}: empty {min(empty):.2f} s, DigitPad usable {min(usable):.2f} s "
        f"({min(usable) / min(empty):.2f}x); machine load average {os.getloadavg()[0]:.1f}"
    )
    if bundle:
        bu, bf = (statistics.median(m[k] for m in bundle) for k in ("usable", "recognized"))
        print(
            f"bundle, median of {args.rounds}: usable {bu:.2f} s ({bu / e:.2f}x the empty window from source); "
            f"first recognition {bf:.2f} s ({bf - bu:.2f} s after the window)"
        )


if __name__ == "__main__":
    main()

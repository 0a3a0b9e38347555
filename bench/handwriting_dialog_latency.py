"""My Handwriting with many kept drawings: time to the dialog's first paint and the worst
GUI-thread stall (nc3 fault 10: 20,000 drawings froze the app for about 25 s).

Makes a data folder holding N drawings (a generated JSON Lines file imported with
`digitpad samples import`), opens the real main window, triggers Model > My Handwriting,
then scrolls the gallery to the end in pages. A QTimer heartbeat every HEARTBEAT_MS
records the longest gap between beats (how long the GUI thread could not handle input).
Prints figures; asserts nothing.

    python bench/handwriting_dialog_latency.py [--count 20000] [--repo /work/main]
(QT_QPA_PLATFORM=offscreen unless DISPLAY is set.)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEARTBEAT_MS = 10
SETTLE_S = 2.0  # after the gallery is filled, how long the heartbeat keeps watching


def make_data(count: int, repo: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="hwbench-"))
    rng = random.Random(0)
    src = folder / "drawings.jsonl"
    with src.open("w") as f:
        for i in range(count):
            points = [[rng.uniform(0, 100), rng.uniform(0, 100)] for _ in range(rng.randint(8, 30))]
            f.write(json.dumps({"strokes": [points], "label": i % 10}) + "\n")
    env = {**os.environ, "DIGITPAD_DATA_DIR": str(folder / "data"), "PYTHONPATH": str(repo)}
    subprocess.run([sys.executable, "-m", "app", "samples", "import", str(src)], env=env, check=True, cwd=repo)
    return folder / "data"


CHILD = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from app.main import create_window

window = create_window()
window.show()
app = QApplication.instance()
beats = {"last": time.monotonic(), "worst": 0.0}
def beat():
    now = time.monotonic()
    beats["worst"] = max(beats["worst"], now - beats["last"])
    beats["last"] = now
timer = QTimer(); timer.timeout.connect(beat); timer.start(int(sys.argv[1]))
marks = {}

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "paint" not in marks:
            marks["paint"] = time.monotonic()
        return False

def opened():
    dialog = window.handwriting.gallery
    gallery = dialog.gallery
    def filled():
        return gallery.count() > 0 and not getattr(dialog, "is_loading", lambda: False)()
    def scroll():
        if not filled():
            QTimer.singleShot(20, scroll); return
        marks.setdefault("filled", time.monotonic())
        bar = gallery.verticalScrollBar()
        at_end = bar.maximum() > 0 and bar.value() >= bar.maximum()
        marks["still"] = marks.get("still", 0) + 1 if at_end else 0
        if marks["still"] < 20:  # the end stayed the end for 20 steps: the layout is complete
            bar.setValue(bar.value() + bar.pageStep()); QTimer.singleShot(10, scroll)
        else:
            marks["scrolled"] = time.monotonic(); QTimer.singleShot(int(float(sys.argv[2]) * 1000), app.quit)
    QTimer.singleShot(0, scroll)

def start():
    beats["worst"] = 0.0; beats["last"] = time.monotonic()
    marks["trigger"] = time.monotonic()
    from app.my_handwriting.handwriting_dialog import HandwritingDialog
    real_init = HandwritingDialog.__init__
    def init(self, *a, **k):
        real_init(self, *a, **k); self._bench_filter = FirstPaint(self); self.installEventFilter(self._bench_filter)
    HandwritingDialog.__init__ = init
    window.handwriting.open_gallery.trigger()
    marks["returned"] = time.monotonic()
    opened()

QTimer.singleShot(3000, start)
QTimer.singleShot(180000, app.quit)
app.exec()
t = marks["trigger"]
def since(k):
    return f"{marks[k] - t:.2f} s" if k in marks else "never"
print(f"menu action returned after {since('returned')}, dialog first painted after {since('paint')}, "
      f"drawings shown after {since('filled')}, scrolled to the end after {since('scrolled')}")
print(f"thumbnails rendered: {getattr(window.handwriting.gallery.gallery, 'model_', None) and window.handwriting.gallery.gallery.model_.rendered()}")
print(f"worst GUI-thread stall (heartbeat every {sys.argv[1]} ms): {beats['worst']:.2f} s")
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to run (to compare with another)")
    args = parser.parse_args()
    data = make_data(args.count, args.repo)
    env = {**os.environ, "DIGITPAD_DATA_DIR": str(data), "PYTHONPATH": str(args.repo)}
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    print(f"{args.count} drawings, {args.repo}:")
    subprocess.run([sys.executable, "-c", CHILD, str(HEARTBEAT_MS), str(SETTLE_S)], env=env, cwd=args.repo, check=True)


if __name__ == "__main__":
    main()

"""My Handwriting with many kept drawings: time to the dialog's first paint and the worst
GUI-thread stall (nc3 fault 10: 20,000 drawings froze the app for about 25 s).

Makes a data folder holding N drawings (a generated JSON Lines file imported with
`digitpad samples import`), opens the real main window, triggers Model > My Handwriting,
then scrolls the gallery to the end in pages. A QTimer heartbeat every HEARTBEAT_MS
records the longest gap between beats (how long the GUI thread could not handle input).
With --actions it then works the dialog as a user would, one action at a time, each timed
from its trigger until the dialog (and the main window's count of kept drawings) is idle
again: keep a drawing from the main window (twice: with the store as last read, and after
another process appended to it), delete 5 selected drawings, export all, import 100 new
ones, delete all; first 3 s of nothing, whose stall is the floor the machine's load sets
(a busy machine leaves the process's threads waiting for a core). For each: the worst
GUI-thread stall and the time until done. Message
boxes are answered at once (they would wait for a click). Prints figures; asserts nothing.

    python bench/handwriting_dialog_latency.py [--count 20000] [--repo /work/main] [--actions]
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


def write_drawings(path: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w") as f:
        for i in range(count):
            points = [[rng.uniform(0, 100), rng.uniform(0, 100)] for _ in range(rng.randint(8, 30))]
            f.write(json.dumps({"strokes": [points], "label": i % 10}) + "\n")


def make_data(count: int, repo: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="hwbench-"))
    src = folder / "drawings.jsonl"
    write_drawings(src, count, seed=0)
    write_drawings(folder / "new.jsonl", 100, seed=1)  # for --actions: drawings not kept yet
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
        if sys.argv[3] == "1":  # --actions: straight on once the drawings are shown
            opening.update(worst=beats["worst"], rendered=gallery.model().rendered())
            QTimer.singleShot(int(float(sys.argv[2]) * 1000), actions); return
        bar = gallery.verticalScrollBar()
        at_end = bar.maximum() > 0 and bar.value() >= bar.maximum()
        marks["still"] = marks.get("still", 0) + 1 if at_end else 0
        if marks["still"] < 20:  # the end stayed the end for 20 steps: the layout is complete
            bar.setValue(bar.value() + bar.pageStep()); QTimer.singleShot(10, scroll)
        else:
            marks["scrolled"] = time.monotonic()
            QTimer.singleShot(int(float(sys.argv[2]) * 1000), app.quit)
    QTimer.singleShot(0, scroll)

opening = {}
ACTIONS = []  # (name, function) in order; each ends when the dialog and the window are idle
timings = []

floor = {"until": 0.0}

def idle():
    if time.monotonic() < floor["until"]:
        return False
    dialog = window.handwriting.gallery
    busy = getattr(dialog, "is_busy", dialog.is_loading)()
    counting = getattr(window.handwriting, "is_counting", lambda: False)()
    return not busy and not counting

def actions():
    from app import messages
    for name in ("info", "error"):
        setattr(messages, name, lambda *a, **k: None)
    messages.ask = lambda *a, **k: True
    step(0)

def step(i):
    if i == len(ACTIONS):
        app.quit(); return
    name, action = ACTIONS[i]
    beats["worst"] = 0.0; beats["last"] = time.monotonic()
    start = time.monotonic()
    action()
    def wait():
        if not idle():
            QTimer.singleShot(10, wait); return
        done = time.monotonic() - start
        def settled():
            timings.append((name, beats["worst"], done))
            step(i + 1)
        QTimer.singleShot(300, settled)
    QTimer.singleShot(0, wait)

def keep():
    window.ink.add_stroke([[100 + 2 * k, 80 + 6 * k] for k in range(30)])
    window.handwriting.keep_as(1)

def keep_after_another_process():
    from model.pen.samples import SampleStore
    SampleStore().add([[[0, 0], [40, 0], [10, 60]]], 7)  # as `digitpad samples import` would
    keep()

def delete_five():
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QAbstractItemView
    dialog = window.handwriting.gallery
    model, selection = dialog.gallery.model(), dialog.gallery.selectionModel()
    for row in range(5):
        selection.select(model.index(row * 7, 0), QItemSelectionModel.SelectionFlag.Select)
    dialog.delete_button.click()

EXPORTED = sys.argv[4] + "/exported.jsonl"

def export_all():
    window.handwriting.gallery.export_to(EXPORTED)

def import_new():
    window.handwriting.gallery.import_from(sys.argv[4] + "/new.jsonl")

def nothing():
    floor["until"] = time.monotonic() + 3.0

ACTIONS += [
    ("nothing for 3 s (the machine's floor)", nothing),
    ("keep a drawing", keep),
    ("keep, the file changed elsewhere", keep_after_another_process),
    ("delete 5 selected", delete_five),
    ("export all", export_all),
    ("import 100 new", import_new),
    ("delete all", lambda: window.handwriting.gallery.delete_all_button.click()),
]

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
print(f"thumbnails rendered: {opening.get('rendered', window.handwriting.gallery.gallery.model_.rendered())}")
print(f"worst GUI-thread stall (heartbeat every {sys.argv[1]} ms): {opening.get('worst', beats['worst']):.2f} s")
for name, worst, done in timings:
    print(f"  {name:38s} worst GUI stall {worst:5.2f} s, done after {done:5.2f} s")
if timings:
    print(f"worst GUI-thread stall over the actions: {max(w for _, w, _ in timings):.2f} s")
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to run (to compare with another)")
    parser.add_argument("--actions", action="store_true", help="then keep, delete, export, import (timed)")
    args = parser.parse_args()
    data = make_data(args.count, args.repo)
    env = {**os.environ, "DIGITPAD_DATA_DIR": str(data), "PYTHONPATH": str(args.repo)}
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    print(f"{args.count} drawings, {args.repo}:")
    child = [
        sys.executable,
        "-c",
        CHILD,
        str(HEARTBEAT_MS),
        str(SETTLE_S),
        "1" if args.actions else "0",
        str(data.parent),
    ]
    subprocess.run(child, env=env, cwd=args.repo, check=True)


if __name__ == "__main__":
    main()

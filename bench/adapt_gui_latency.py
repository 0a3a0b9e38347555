"""How long the GUI thread stalls while Adapt to My Handwriting runs (goal: under 50 ms).

    QT_QPA_PLATFORM=offscreen DIGITPAD_DATA_DIR=$(mktemp -d) python bench/adapt_gui_latency.py [--writer 28]

Keeps 2 drawings per digit of one pendigits-tra writer, opens the Adapt dialog, presses
Adapt, and ticks a 10 ms QTimer until the worker stops; prints the largest gap between
ticks, the median and the 99th percentile, and the load average (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.adapt_eval import find_data, split_writer, writers_of  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writer", type=int, default=28)
    args = parser.parse_args()
    if not os.environ.get("DIGITPAD_DATA_DIR"):
        sys.exit("set DIGITPAD_DATA_DIR to an empty folder: this keeps drawings there")
    from app import messages
    from app.main import create_window
    from model.pen.samples import SampleStore

    messages.error = lambda parent, title, text, details="": print("error:", text)
    corrections, _ = split_writer(writers_of(find_data("pendigits-tra", "pendigits-orig.tra"))[args.writer], 0)
    store = SampleStore()
    for s in corrections:
        store.add(s["strokes"], s["label"])
    window = create_window()
    window.show()
    dialog = window.handwriting.show_adapt()
    while not dialog.warmed.is_set():  # as when a person reads the dialog before pressing Adapt
        QApplication.processEvents()
        time.sleep(0.01)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    load = os.getloadavg()[0]
    started = time.perf_counter()
    dialog.start()
    while dialog.is_running():
        QApplication.processEvents()
        time.sleep(0.002)
    seconds = time.perf_counter() - started
    timer.stop()
    worst = max(zip(ticks, ticks[1:]), key=lambda ab: ab[1] - ab[0], default=(started, started))
    gaps = sorted((b - a) * 1000 for a, b in zip(ticks, ticks[1:]))
    p99 = gaps[int(len(gaps) * 0.99)] if gaps else float("nan")
    print(
        f"adapt on {len(corrections)} drawings in the app: {seconds:.1f} s; GUI thread: largest gap "
        f"{max(gaps):.0f} ms ({worst[0] - started:.1f} s after Adapt was pressed), median {statistics.median(gaps):.1f} ms, p99 {p99:.0f} ms "
        f"(goal < 50 ms); load average {load:.1f} on {os.cpu_count()} cores"
    )
    print(dialog.status.text().replace("\n", " | "))
    return 0


if __name__ == "__main__":
    sys.exit(main())

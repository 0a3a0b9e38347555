"""Measure how long the GUI thread stalls while the Train Model dialog trains.

Run by hand (not collected by pytest):
    QT_QPA_PLATFORM=offscreen DIGITPAD_DATA_DIR=$(mktemp -d) \
        /work/main/.venv/bin/python tests/app/bench_gui_latency.py [--arch cnn] [--epochs 2] [--data DIR]
A 10 ms QTimer ticks during training; the figure is the largest gap between ticks
(goal: under 50 ms) with the median and 99th percentile.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

MNIST_MINI = Path(__file__).resolve().parents[2] / "assets" / "samples" / "mnist-mini"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", default="cnn")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--data", default=str(MNIST_MINI))
    parser.add_argument("--cold", action="store_true", help="press Start at once, before the warm-up imports end")
    args = parser.parse_args()

    from app import messages
    from app.main import create_window

    messages.error = lambda parent, title, text, details="": print("error:", text)
    window = create_window()
    window.show()
    dialog = window.open_train_dialog()
    form = dialog.form
    form.arch.setCurrentIndex(form.arch.findData(args.arch))
    form.set_data_folder(args.data)
    form.epochs.setValue(args.epochs)
    form.batch.setValue(args.batch)
    if "--cold" not in sys.argv:
        while not dialog.warmed.is_set():  # as when a person reads the form before pressing Start
            QApplication.processEvents()
            time.sleep(0.01)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    done = []
    dialog.trainingFinished.connect(done.append)
    dialog.trainingFailed.connect(done.append)
    timer.start()
    started = time.perf_counter()
    dialog.start_training()
    from model.training.train import BatchProgress, EpochResult

    first = []

    def on_progress(p):
        if isinstance(p, EpochResult):
            print(f"epoch {p.epoch} at {time.perf_counter() - started:.2f} s")
        elif isinstance(p, BatchProgress) and not first:
            first.append(print(f"first batch at {time.perf_counter() - started:.2f} s"))

    dialog.worker.progress.connect(on_progress)
    while not done:
        QApplication.processEvents()
        time.sleep(0.001)
    timer.stop()
    worst = sorted(((b - a) * 1000, a - started) for a, b in zip(ticks, ticks[1:]))[-3:]
    print("worst gaps (ms, at s after start):", ", ".join(f"{g:.0f} @ {t:.2f}" for g, t in worst))
    gaps = sorted((b - a) * 1000 for a, b in zip(ticks, ticks[1:]))
    print(
        f"{args.arch}, {args.epochs} epoch(s), batch {args.batch}: {time.perf_counter() - started:.1f} s, "
        f"{len(gaps)} ticks of 10 ms; gap median {statistics.median(gaps):.1f} ms, "
        f"p99 {gaps[int(len(gaps) * 0.99)]:.1f} ms, max {gaps[-1]:.1f} ms (goal < 50 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

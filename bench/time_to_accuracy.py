"""Time to 99.0% MNIST test accuracy with a two-epoch CNN (the README's benchmark).

    python bench/time_to_accuracy.py [--mnist ../shared/data/mnist] [--target 0.99]

The run is the same as the command line (not `--preset quick`, which trains 3 epochs)
    digitpad train --arch cnn --epochs 2 --data DIR
(TrainConfig defaults otherwise: batch 128, AdamW, one-cycle, peak lr 3e-3,
augmentation on). The clock starts before the data are read and stops at the end
of the first epoch whose test accuracy reaches the target (the test set is
evaluated after every epoch, and that time is counted).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.training.train import TrainConfig, train  # noqa: E402

DEFAULT_MNIST = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist"
QUICK = dict(arch="cnn", epochs=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mnist", type=Path, default=DEFAULT_MNIST)
    parser.add_argument("--target", type=float, default=0.99)
    args = parser.parse_args()
    start = time.perf_counter()
    reached: list[float] = []

    def on_epoch(r):
        elapsed = time.perf_counter() - start
        print(f"epoch {r.epoch}: test accuracy {r.test_accuracy:.2%} at {elapsed:.1f} s", flush=True)
        if r.test_accuracy >= args.target and not reached:
            reached.append(elapsed)

    result = train(TrainConfig(data=str(args.mnist), **QUICK), on_epoch=on_epoch)
    print(f"torch threads: {torch.get_num_threads()}; final accuracy {result.report.accuracy:.2%}")
    if reached:
        print(f"time to {args.target:.1%}: {reached[0]:.1f} s")
    else:
        print(f"target {args.target:.1%} not reached")


if __name__ == "__main__":
    main()

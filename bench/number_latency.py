"""Strokes to text for a 6-digit number: how long Predictor.predict_number takes.

    python bench/number_latency.py [--count 300] [--digits 6]
    python bench/number_latency.py --images      # the same numbers drawn into pictures (scans)
    python bench/number_latency.py --drawing     # what the app calls: read_drawing (the number,
                                                 # then the "not a digit" rules)

Numbers are built from pendigits writers 21-30 (ordinary spacing, some with a
decimal point). Prints the median, p90, p99 and max in milliseconds, the number of
candidate characters rendered and classified per number, and the machine's load
average (other jobs on a shared machine inflate the tail). Target (issue 14): a
6-digit number in at most 15 ms p99. With --images the numbers are drawn into pictures
first (bench/number_eval.py as_image, untimed) and Predictor.predict_number_image is timed:
ink finding, blob cuts, segmentation by recognition.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.latency import threads_used  # noqa: E402
from bench.number_eval import PENDIGITS, as_image  # noqa: E402
from model.predictor import Predictor  # noqa: E402
from model.segmentation.number_synth import by_writer, make_numbers, read_pendigits  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--digits", type=int, default=6)
    ap.add_argument("--model", type=Path)
    ap.add_argument("--images", action="store_true", help="time pictures of the numbers (predict_number_image)")
    ap.add_argument("--drawing", action="store_true", help="time read_drawing, as the app reads the canvas")
    args = ap.parse_args()
    predictor = Predictor.load(args.model)
    samples = by_writer(read_pendigits(PENDIGITS))
    numbers = make_numbers(samples, list(range(21, 31)), args.count, seed=99, lengths=(args.digits, args.digits))
    batches: list[int] = []  # images per forward pass, reset for every number
    original = predictor._number_probabilities

    def counting(images: np.ndarray) -> np.ndarray:
        batches.append(len(images))
        return original(images)

    predictor._number_probabilities = counting  # count the candidates per number
    inputs = [as_image(n.strokes) for n in numbers] if args.images else [n.strokes for n in numbers]
    read = predictor.predict_number_image if args.images else predictor.predict_number
    if args.drawing and not args.images:
        read = predictor.read_drawing
    for x in inputs[:20]:  # warm up (allocator, oneDNN kernels)
        read(x)
    load_before = os.getloadavg()[0]
    wall, cpu, candidates = [], [], []
    for x in inputs:
        batches.clear()
        start, start_cpu = time.perf_counter(), time.thread_time()
        read(x)
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
        candidates.append(sum(batches))
    print(
        f"{args.count} numbers of {args.digits} digits, {'picture' if args.images else 'strokes'} -> text"
        f"{' (read_drawing)' if args.drawing and not args.images else ''} "
        f"({np.mean(candidates):.1f} candidates per number, at most {max(candidates)}; "
        f"load average {load_before:.1f} -> {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores):"
    )
    for name, times in (("wall clock", wall), ("CPU time of the thread", cpu)):
        ms = np.array(times) * 1000
        print(
            f"  {name}: median {np.median(ms):.1f} ms, p90 {np.percentile(ms, 90):.1f}, "
            f"p99 {np.percentile(ms, 99):.1f}, max {ms.max():.1f}"
        )
    print(f"  ({threads_used()}; the calling thread's CPU time includes its spin-waits for them)")


if __name__ == "__main__":
    main()

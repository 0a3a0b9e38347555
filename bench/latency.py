"""Latency of strokes -> probabilities, one ink per call as the GUI does.

    python bench/latency.py [--model PATH] [--rounds 5] [--threads N]

Uses the real UJI pen digits (220 inks) as input; prints p50 / p90 / p99 / max of
the whole call (render + forward + softmax), and of the rendering alone, in wall-clock
time and in the calling thread's CPU time. On a machine shared with other jobs the
wall clock measures the scheduler as much as our code (one call waits for a core);
the CPU time is what the call itself costs, the figure to compare changes by.
Target (issue 12): p99 <= 2 ms on the development machine. Also timed: the same call
with the "not a digit" check (predict_strokes(check_not_digit=True), as the app asks it of a
drawing that does not read as a confident number); --check names another check file.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from model.ood import NotDigitCheck  # noqa: E402
from model.pen.ink import render_ink  # noqa: E402
from model.pen.uji import load_uji  # noqa: E402
from model.predictor import Predictor  # noqa: E402
from model.threads import small_batch_threads  # noqa: E402

UJI_DIR = REPO.parent / "shared" / "data" / "uji-penchars-v1"
if not UJI_DIR.is_dir():  # a git worktree one level deeper
    UJI_DIR = REPO.parent.parent / "shared" / "data" / "uji-penchars-v1"
WARMUP = 50
TARGET_MS = 2.0


def timings(fn, inks: list, rounds: int, clock=time.perf_counter) -> np.ndarray:
    """Milliseconds per call by clock (perf_counter: wall; thread_time: CPU), (rounds * len(inks),)."""
    for ink in inks[:WARMUP]:
        fn(ink)
    out = []
    for _ in range(rounds):
        for ink in inks:
            t0 = clock()
            fn(ink)
            out.append((clock() - t0) * 1000)
    return np.array(out)


def show(name: str, ms: np.ndarray) -> None:
    p50, p90, p99 = np.percentile(ms, [50, 90, 99])
    print(f"{name:<28} n={ms.size}  p50 {p50:.2f} ms  p90 {p90:.2f} ms  p99 {p99:.2f} ms  max {ms.max():.2f} ms")


def threads_used() -> str:
    """Which intra-op threads the predictor gives one ink now (model.threads.small_batch_threads)."""
    chosen = small_batch_threads()
    if chosen is None:
        return f"one ink runs on torch's {torch.get_num_threads()} threads (a core is idle)"
    return "one ink runs on the calling thread alone (the cores are busy)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, help="checkpoint (default: the bundled model)")
    ap.add_argument("--data", type=Path, default=UJI_DIR, help="UJI Pen Characters folder")
    ap.add_argument("--rounds", type=int, default=5, help="passes over the inks")
    ap.add_argument("--threads", type=int, help="torch threads (default: torch's own choice)")
    ap.add_argument("--check", type=Path, help="not-a-digit check file (default: assets/notdigit.pt)")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    inks = [s.strokes for s in load_uji(args.data)]
    predictor = Predictor.load(args.model)
    if args.check:
        predictor.not_digit = NotDigitCheck.load(args.check)
    print(
        f"model {predictor.path} ({predictor.arch}), torch threads {torch.get_num_threads()}, "
        f"{len(inks)} UJI inks x {args.rounds} rounds"
    )
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {threads_used()}")
    show("render_ink only", timings(render_ink, inks, args.rounds))
    ms = timings(predictor.predict_strokes, inks, args.rounds)
    show("predict_strokes (total)", ms)
    show("render_ink, CPU time", timings(render_ink, inks, args.rounds, time.thread_time))
    show("predict_strokes, CPU time", timings(predictor.predict_strokes, inks, args.rounds, time.thread_time))
    if predictor.not_digit is not None:
        nets = len(getattr(predictor.not_digit, "nets", [None]))

        def checked(ink):
            return predictor.predict_strokes(ink, check_not_digit=True)

        checked_ms = timings(checked, inks, args.rounds)
        show(f"with the check ({nets} nets)", checked_ms)
        show("with the check, CPU time", timings(checked, inks, args.rounds, time.thread_time))
        p99_checked = float(np.percentile(checked_ms, 99))
        print(f"p99 with the check: {'met' if p99_checked <= TARGET_MS else 'NOT met'} ({p99_checked:.2f} ms)")
    p99 = float(np.percentile(ms, 99))
    print(f"p99 target {TARGET_MS:g} ms: {'met' if p99 <= TARGET_MS else 'NOT met'} ({p99:.2f} ms wall clock)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

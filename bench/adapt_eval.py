"""Learn my handwriting, measured: simulated users from writer-disjoint pen data.

    python bench/adapt_eval.py                     # the bundled model, the 5 writers it reads worst
    python bench/adapt_eval.py --writers 10 --model other.pt --mnist DIR

For each of the writers of pendigits-tra (30 writers the base model may never have
seen) that the model reads worst: take 2 drawings per digit as the user's
corrections (seeded), adapt (the defaults of model/adapt.py, replaying MNIST), and
score the writer's other ~230 digits before and after. Then the adapted models'
MNIST test accuracy, and the wall time of `digitpad adapt` on 20 drawings (a
subprocess, as a user runs it; the load average is printed beside it, since the
machine may be shared). Targets (issue 13): average >= 98% on those writers,
MNIST >= 99.5%, `digitpad adapt` <= 20 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from model.adapt import AdaptConfig, adapt  # noqa: E402
from model.checkpoint import LoadedModel, model_from_checkpoint, read_checkpoint  # noqa: E402
from model.data import load_data  # noqa: E402
from model.evaluate import evaluate  # noqa: E402
from model.paths import bundled_model_path  # noqa: E402
from model.pendigits import load_pendigits  # noqa: E402
from model.predictor import Predictor  # noqa: E402

CORRECTIONS_PER_DIGIT = 2


def find_data(name: str, marker: str) -> Path | None:
    """shared/data/NAME beside the checkout (or beside a parent folder), if it holds marker."""
    for parent in REPO.parents:
        if (parent / "shared" / "data" / name / marker).is_file():
            return parent / "shared" / "data" / name
    return None


def writers_of(folder: Path) -> dict[int, list[dict]]:
    """{writer: [{"strokes", "label"}, ...]} from pendigits-tra (model/pendigits.py flips y)."""
    pen = load_pendigits(folder)
    groups: dict[int, list[dict]] = {}
    for ink, label, writer in zip(pen.inks, pen.labels.tolist(), pen.writers.tolist()):
        groups.setdefault(writer, []).append({"strokes": [s.tolist() for s in ink], "label": label})
    return groups


def split_writer(inks: list[dict], seed: int) -> tuple[list[dict], list[dict]]:
    """(2 drawings per digit as corrections, the rest) of one writer, seeded."""
    rng = np.random.default_rng(seed)
    chosen: set[int] = set()
    for d in range(10):
        of_digit = [i for i, s in enumerate(inks) if s["label"] == d]
        chosen.update(int(i) for i in rng.choice(of_digit, CORRECTIONS_PER_DIGIT, replace=False))
    return [inks[i] for i in sorted(chosen)], [s for i, s in enumerate(inks) if i not in chosen]


def accuracy(predictor: Predictor, inks: list[dict]) -> float:
    predicted = predictor.predict_many_strokes([s["strokes"] for s in inks])
    return float(np.mean([p.digit == s["label"] for p, s in zip(predicted, inks)]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=bundled_model_path())
    parser.add_argument("--writers", type=int, default=5, help="how many of the worst-read writers")
    parser.add_argument("--mnist", type=Path, default=find_data("mnist", "t10k-images-idx3-ubyte.gz"))
    parser.add_argument("--pen", type=Path, default=find_data("pendigits-tra", "pendigits-orig.tra"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-cli", action="store_true", help="do not time `digitpad adapt`")
    parser.add_argument(
        "--cli-folds", type=int, default=AdaptConfig().folds, help="--folds for the timed `digitpad adapt`"
    )
    parser.add_argument("--only-cli", action="store_true", help="only time `digitpad adapt` (on the worst writer)")
    args = parser.parse_args()
    if args.mnist is None or args.pen is None:
        sys.exit("MNIST or pendigits-tra not found: give --mnist DIR and --pen DIR")
    base = read_checkpoint(args.model)
    predictor = Predictor.load(args.model)
    writers = writers_of(args.pen)
    ranked = sorted(writers, key=lambda w: accuracy(predictor, writers[w]))[: args.writers]
    if args.only_cli:
        time_cli(writers[ranked[0]], args)
        return
    replay, test = load_data(args.mnist, "train"), load_data(args.mnist, "test")
    config = AdaptConfig(seed=args.seed, folds=0)
    print(f"model {args.model.name}; {config}")
    before_all, after_all, mnist_all = [], [], []
    for w in ranked:
        corrections, others = split_writer(writers[w], args.seed + w)
        result = adapt(
            base,
            [s["strokes"] for s in corrections],
            [s["label"] for s in corrections],
            config,
            replay=replay,
            base_name=args.model.name,
        )
        model, config_ = model_from_checkpoint(result.checkpoint)
        adapted = Predictor(LoadedModel(model.eval(), base["arch"], config_))
        before, after = accuracy(predictor, others), accuracy(adapted, others)
        mnist = evaluate(model, test).accuracy
        before_all.append(before), after_all.append(after), mnist_all.append(mnist)
        print(
            f"writer {w:2d}: {len(others)} other digits {before:.2%} -> {after:.2%}; "
            f"MNIST test {mnist:.2%}; adapt {result.seconds:.1f} s",
            flush=True,
        )
    print(
        f"average over the {len(ranked)} worst writers: {np.mean(before_all):.2%} -> {np.mean(after_all):.2%} "
        f"(target >= 98%); MNIST test of the adapted models: min {min(mnist_all):.2%}, "
        f"mean {np.mean(mnist_all):.2%} (target >= 99.5%)"
    )
    if not args.skip_cli:
        time_cli(writers[ranked[0]], args)


def time_cli(inks: list[dict], args: argparse.Namespace) -> None:
    """Wall and CPU time of `digitpad adapt` on 20 drawings (with its cross-validation, as by default)."""
    corrections, _ = split_writer(inks, args.seed)
    with tempfile.TemporaryDirectory() as folder:
        ink_file = Path(folder) / "mine.jsonl"
        ink_file.write_text(
            "".join(json.dumps({"strokes": s["strokes"], "label": s["label"]}) + "\n" for s in corrections)
        )
        env = {**os.environ, "DIGITPAD_MNIST": str(args.mnist), "DIGITPAD_DATA_DIR": folder, "PYTHONPATH": str(REPO)}
        load = os.getloadavg()[0]
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "app",
                "adapt",
                "--ink",
                str(ink_file),
                "--model",
                str(args.model),
                "--out",
                str(Path(folder) / "a.pt"),
                "--folds",
                str(args.cli_folds),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    last = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
    print(
        f"`digitpad adapt --folds {args.cli_folds}` on {len(corrections)} drawings: {seconds:.1f} s wall (target <= 20 s), {cpu:.1f} s CPU "
        f"(user + system), exit {run.returncode}, load average {load:.1f} on {os.cpu_count()} cores\n  {last}"
    )


if __name__ == "__main__":
    main()

"""Learn my handwriting, measured: simulated users from writer-disjoint pen data.

    python bench/adapt_eval.py                     # the bundled model, the 5 writers it reads worst
    python bench/adapt_eval.py --writers 10 --model other.pt --mnist DIR
    python bench/adapt_eval.py --uji DIR --skip-cli     # and the UJI writers (check set: scored only)

For each of the writers of pendigits-tra that the model reads worst: take 2 drawings per
digit as the user's corrections (seeded), adapt (the defaults of model/adaptation/adapt.py,
replaying MNIST), and score the writer's other ~230 digits before and after, read as the
Predictor reads ink: the image network alone, with the bundled trajectory network, and
with the adapted trajectory network the adapted checkpoint carries. Caution: the bundled
models were trained on ALL 30 pendigits writers, so these writers are not new to them
(the figures are optimistic); the UJI run (--uji) has writers neither network has seen:
each has 2 drawings per digit, so each user adapts on one per digit (10 drawings) and is
scored on the other, then the other way round. UJI is a check set: score only, never
tune on it. "forgetting" is the trajectory network alone (bundled -> adapted) on other
writers' digits: 1,000 of the other pendigits writers' (optimistic, as above), and for
the UJI users all the other UJI writers'; "pair on others" the adapted image network with
the bundled / the adapted trajectory network on those digits. Then the adapted models' MNIST test accuracy,
and the wall time of `digitpad adapt` on 20 drawings (a subprocess, as a user runs it;
the load average is printed beside it, since the machine may be shared). Targets
(issue 13): average >= 98% on those writers, MNIST >= 99.5%, `digitpad adapt` <= 20 s.
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

from model.adaptation.adapt import AdaptConfig, adapt  # noqa: E402
from model.adaptation.trajectory_adapt import trajectory_logits  # noqa: E402
from model.checkpoints.checkpoint import LoadedModel, model_from_checkpoint, read_checkpoint  # noqa: E402
from model.paths import bundled_model_path  # noqa: E402
from model.pen.pendigits import load_pendigits  # noqa: E402
from model.pen.uji import load_uji  # noqa: E402
from model.predictor import Predictor  # noqa: E402
from model.training.data import load_data  # noqa: E402
from model.training.evaluate import evaluate  # noqa: E402
from model.trajectory_net.trajectory import combine, trajectory_batch  # noqa: E402
from model.trajectory_net.trajectory_pairing import embedded_trajectory  # noqa: E402

CORRECTIONS_PER_DIGIT = 2
FORGET_SAMPLE = 1000  # other writers' digits the trajectory network alone is scored on
COLUMNS = ("image", "image+bundled", "image+adapted")  # the adapted image network alone / with each trajectory net


def find_data(name: str, marker: str) -> Path | None:
    """shared/data/NAME beside the checkout (or beside a parent folder), if it holds marker."""
    for parent in REPO.parents:
        if (parent / "shared" / "data" / name / marker).is_file():
            return parent / "shared" / "data" / name
    return None


def writers_of(folder: Path) -> dict[int, list[dict]]:
    """{writer: [{"strokes", "label"}, ...]} from pendigits-tra (model/pen/pendigits.py flips y)."""
    pen = load_pendigits(folder)
    groups: dict[int, list[dict]] = {}
    for ink, label, writer in zip(pen.inks, pen.labels.tolist(), pen.writers.tolist()):
        groups.setdefault(writer, []).append({"strokes": [s.tolist() for s in ink], "label": label})
    return groups


def slanted(inks: list[dict], slant: float) -> list[dict]:
    """The inks written in an italic hand: x += slant * (bottom - y) (y down). With a slant far
    beyond training's augmentation (1.0), a pendigits writer is new to the bundled networks
    (as tests/model/test_adapt.py makes one): a development set for the adaptation's settings."""
    out = []
    for s in inks:
        bottom = max(y for stroke in s["strokes"] for _, y in stroke)
        out.append({**s, "strokes": [[[x + slant * (bottom - y), y] for x, y in k] for k in s["strokes"]]})
    return out


def uji_writers(folder: Path) -> dict[str, list[dict]]:
    """{writer: [{"strokes", "label"}, ...]} of the UJI digits (2 per digit per writer)."""
    groups: dict[str, list[dict]] = {}
    for s in load_uji(folder):
        groups.setdefault(s.writer, []).append(
            {"strokes": [[list(p) for p in k] for k in s.strokes], "label": int(s.label)}
        )
    return groups


def split_writer(inks: list[dict], seed: int, per_digit: int = CORRECTIONS_PER_DIGIT) -> tuple[list[dict], list[dict]]:
    """(per_digit drawings per digit as corrections, the rest) of one writer, seeded."""
    rng = np.random.default_rng(seed)
    chosen: set[int] = set()
    for d in range(10):
        of_digit = [i for i, s in enumerate(inks) if s["label"] == d]
        chosen.update(int(i) for i in rng.choice(of_digit, per_digit, replace=False))
    return [inks[i] for i in sorted(chosen)], [s for i, s in enumerate(inks) if i not in chosen]


def accuracy(predictor: Predictor, inks: list[dict]) -> float:
    predicted = predictor.predict_many_strokes([s["strokes"] for s in inks])
    return float(np.mean([p.digit == s["label"] for p, s in zip(predicted, inks)]))


def image_probabilities(predictor: Predictor, inks: list[dict]) -> np.ndarray:
    """(N, 10) probabilities of the predictor's image network alone (its trajectory net unused)."""
    alone = Predictor(predictor.loaded, not_digit=predictor.not_digit, warm_up=False)
    return np.stack([p.probabilities for p in alone.predict_many_strokes([s["strokes"] for s in inks])])


def path_logits(trajectory, inks: list[dict]) -> np.ndarray:
    """(N, 10) logits of a trajectory network (TrajectoryModel) on the inks."""
    x = trajectory_batch([s["strokes"] for s in inks], trajectory.points)  # (N,5,L)
    return trajectory_logits(trajectory.net, x).numpy()


def read_as(probs: np.ndarray, trajectory, logits: np.ndarray | None, inks: list[dict]) -> float:
    """Accuracy of image probabilities (N, 10), combined with trajectory logits if given."""
    both = probs if logits is None else combine(probs, logits, trajectory.weight)
    return float(np.mean(both.argmax(1) == np.array([s["label"] for s in inks])))


def simulated_user(base, base_pred, corrections, others, forget, config, args, replay, replay_inks) -> dict:
    """Adapt to one user's corrections; scores on their other digits (see the module doc)."""
    bundled = base_pred.trajectory
    result = adapt(
        base,
        [s["strokes"] for s in corrections],
        [s["label"] for s in corrections],
        config,
        replay=replay,
        base_name=args.model.name,
        trajectory=bundled,
        replay_inks=replay_inks,
    )
    ckpt = result.checkpoint
    model, config_ = model_from_checkpoint(ckpt)
    adapted_pred = Predictor(LoadedModel(model.eval(), base["arch"], config_, raw=ckpt), warm_up=False)
    own = embedded_trajectory(ckpt, "adapted")
    base_probs, probs = image_probabilities(base_pred, others), image_probabilities(adapted_pred, others)
    out = {"seconds": result.seconds, "model": model, "base image": read_as(base_probs, None, None, others)}
    out["base image+bundled"] = read_as(base_probs, bundled, path_logits(bundled, others), others)
    out["image"] = read_as(probs, None, None, others)
    out["image+bundled"] = read_as(probs, bundled, path_logits(bundled, others), others)
    out["image+adapted"] = read_as(probs, own, path_logits(own, others), others) if own else float("nan")
    zeros, general = np.zeros((len(forget), 10)), image_probabilities(adapted_pred, forget)
    out["forget bundled"] = read_as(zeros, bundled, path_logits(bundled, forget), forget)
    out["forget adapted"] = read_as(zeros, own, path_logits(own, forget), forget) if own else float("nan")
    out["others+bundled"] = read_as(general, bundled, path_logits(bundled, forget), forget)
    out["others+adapted"] = read_as(general, own, path_logits(own, forget), forget) if own else float("nan")
    return out


def report_users(title: str, rows: list[dict]) -> None:
    mean = {k: np.mean([r[k] for r in rows]) for k in rows[0] if k not in ("model", "seconds")}
    print(
        f"{title}: base (image / +bundled trajectory) {mean['base image']:.2%} / {mean['base image+bundled']:.2%}; "
        f"adapted image {mean['image']:.2%}, +bundled trajectory {mean['image+bundled']:.2%}, "
        f"+adapted trajectory {mean['image+adapted']:.2%}; trajectory alone on other writers "
        f"{mean['forget bundled']:.2%} -> {mean['forget adapted']:.2%}, adapted image + bundled / + adapted "
        f"trajectory on them {mean['others+bundled']:.2%} / {mean['others+adapted']:.2%}; "
        f"adapt {np.mean([r['seconds'] for r in rows]):.1f} s (mean)",
        flush=True,
    )


def line(name: str, r: dict) -> str:
    cells = ", ".join(f"{k} {r[k]:.2%}" for k in ("base image+bundled", *COLUMNS))
    return (
        f"{name}: {cells}; trajectory alone on others {r['forget bundled']:.2%} -> {r['forget adapted']:.2%}, "
        f"pair on others {r['others+bundled']:.2%} / {r['others+adapted']:.2%}; adapt {r['seconds']:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=bundled_model_path())
    parser.add_argument("--writers", type=int, default=5, help="how many of the worst-read writers")
    parser.add_argument("--mnist", type=Path, default=find_data("mnist", "t10k-images-idx3-ubyte.gz"))
    parser.add_argument("--pen", type=Path, default=find_data("pendigits-tra", "pendigits-orig.tra"))
    parser.add_argument("--uji", type=Path, help="also simulate the UJI writers (check set: scored only)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--slant", type=float, default=0.0, help="the pendigits users write in this italic (slanted)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (1: steady on a shared machine)")
    parser.add_argument("--trajectory-steps", type=int, default=AdaptConfig().trajectory_steps)
    parser.add_argument("--trajectory-lr", type=float, default=AdaptConfig().trajectory_lr)
    parser.add_argument("--trajectory-anchor", type=float, default=AdaptConfig().trajectory_anchor)
    parser.add_argument(
        "--trajectory-replay",
        type=int,
        default=0,
        help="distill the trajectory net on this many pendigits inks of other writers "
        "(0: the shipped assets/samples/pen-replay.jsonl, as the app and CLI)",
    )
    parser.add_argument("--skip-mnist", action="store_true", help="do not score the adapted models on MNIST test")
    parser.add_argument("--skip-pen", action="store_true", help="skip the pendigits users (with --uji)")
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
    if predictor.trajectory is None:
        sys.exit(f"{args.model.name} reads ink without a trajectory network: nothing to compare")
    writers = writers_of(args.pen)
    users = {w: slanted(inks, args.slant) for w, inks in writers.items()} if args.slant else writers
    ranked = sorted(writers, key=lambda w: accuracy(predictor, users[w]))[: args.writers]
    if args.only_cli:
        time_cli(writers[ranked[0]], args)
        return
    replay, test = load_data(args.mnist, "train"), load_data(args.mnist, "test")
    config = AdaptConfig(
        seed=args.seed,
        folds=0,
        threads=args.threads,
        trajectory_steps=args.trajectory_steps,
        trajectory_lr=args.trajectory_lr,
        trajectory_anchor=args.trajectory_anchor,
    )
    print(f"model {args.model.name}; {config}; trajectory replay {args.trajectory_replay or 'shipped'} pen inks")
    rng = np.random.default_rng(args.seed)
    if not args.skip_pen:
        rows, mnist_all = [], []
        for w in ranked:
            corrections, others = split_writer(users[w], args.seed + w)
            pool = [s for v, inks in writers.items() if v != w for s in inks]
            pick = rng.permutation(len(pool))
            forget = [pool[i] for i in pick[:FORGET_SAMPLE]]
            replay_inks = [pool[i]["strokes"] for i in pick[FORGET_SAMPLE : FORGET_SAMPLE + args.trajectory_replay]]
            r = simulated_user(base, predictor, corrections, others, forget, config, args, replay, replay_inks or None)
            r["mnist"] = float("nan") if args.skip_mnist else evaluate(r["model"], test).accuracy
            rows.append(r)
            mnist_all.append(r["mnist"])
            print(line(f"pendigits writer {w:2d} ({len(others)} other digits)", r) + f"; MNIST test {r['mnist']:.2%}")
        hand = f", slanted {args.slant:g}" if args.slant else " (optimistic: the bundled nets saw them)"
        report_users(f"pendigits, the {len(ranked)} worst-read writers{hand}", rows)
        print(
            f"MNIST test of the adapted models: min {min(mnist_all):.2%}, mean {np.mean(mnist_all):.2%} (target >= 99.5%)"
        )
    if args.uji:
        uji_users(base, predictor, uji_writers(args.uji), config, args, replay, writers, rng)
    if not args.skip_cli:
        time_cli(writers[ranked[0]], args)


def uji_users(base, predictor, users: dict[str, list[dict]], config, args, replay, pen, rng) -> None:
    """Each UJI writer: adapt on one drawing per digit, score on the other, then swapped."""
    rows = []
    pool = [s for inks in pen.values() for s in inks]
    for w, inks in sorted(users.items()):
        first, second = split_writer(inks, args.seed, per_digit=1)
        forget = [s for v, other in users.items() if v != w for s in other]
        for name, corrections, others in (("a", first, second), ("b", second, first)):
            replay_inks = [pool[i]["strokes"] for i in rng.permutation(len(pool))[: args.trajectory_replay]]
            r = simulated_user(base, predictor, corrections, others, forget, config, args, replay, replay_inks or None)
            rows.append(r)
            print(line(f"UJI {w}{name} ({len(others)} other digits)", r), flush=True)
    report_users(f"UJI, {len(users)} writers x 2 (writers new to both networks; check set, scored only)", rows)


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

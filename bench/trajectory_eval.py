"""Does the pen's path (stroke order and direction) help the image network? Issue 12 point 3.

    python bench/trajectory_eval.py [--image-model /tmp/mnist_only.pt] [--epochs 8] [--latency-only]
    python bench/trajectory_eval.py --image-fold-models 'fold{k}.pt'   # a pen-trained image model per fold
    python bench/trajectory_eval.py --save trajectory.pt                # then train on all writers, save

Writer-disjoint folds of pendigits-tra as bench/pen_eval.py makes them (fold k holds
out the writers w with (w - 1) % 3 == k). Per fold a small TrajectoryNet
(model/trajectory_net/trajectory.py) is trained on the other writers' ink (jittered at stroke level
with model/pen/ink_synth.py jitter_ink, plus the synthesized world forms built from those
writers' digits) and the held-out writers are scored by

  (a) the image network alone (a checkpoint that never saw pendigits, through
      Predictor.predict_many_strokes: the very rendering path the app uses),
  (b) the trajectory network alone,
  (c) both: log-softmax(image) + w * log-softmax(trajectory), with w = 1 (no tuning),
      and with w chosen on the TRAINING writers only: they are split in two by
      writer, a trajectory network is trained on each half and scores the other
      half, and w maximizes the accuracy of the sum there. Held-out writers never
      choose anything.

UJI (11 writers) is scored with each fold's networks as a check only: nothing is
tuned on it. Last, the trajectory network's added latency for one ink (features +
forward, one torch thread as the predictor uses for one ink) and the whole
image + trajectory call, p50/p99 over the UJI inks.

The image model: `git show 9f4507b:assets/digitnet.pt > /tmp/mnist_only.pt` (MNIST only),
or, with --image-fold-models, one image model per fold that never saw that fold's
held-out writers (e.g. bench/pen_eval.py's fold trainings, saved). With fold models
that saw the training writers, the weight chosen there is biased toward the image
network (it is sure of writers it learned): then trust the w = 1 line more.
The trajectory weight saved with --save is the median of the folds' choices.

Measured 2026-11-29 (MNIST-only image model, `--epochs 3 --variants 2`, machine
loaded ~16 on 2 cores), held-out writers over the 3 folds (7,494 digits):
(a) image 97.56% (worst writer 88.80%), (b) trajectory 96.96% (85.20%),
(c) w = 1 99.16% (93.60%), (c) w chosen on training writers 99.03% (93.20%);
UJI check (c) 99.09-100% per fold vs (a) 99.09%. Added CPU time per ink
(features + forward, one thread) p50 0.22 ms, p99 0.79 ms.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np
import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.latency import show as show_latency  # noqa: E402
from bench.latency import timings  # noqa: E402
from model.checkpoints.checkpoint import load_model  # noqa: E402
from model.pen.pendigits import load_pendigits  # noqa: E402
from model.pen.uji import load_uji  # noqa: E402
from model.predictor import Prediction, Predictor  # noqa: E402
from model.trajectory_net.trajectory import TRAJECTORY_POINTS, TrajectoryNet, trajectory_batch, trajectory_features  # noqa: E402
from model.trajectory_net.trajectory_checkpoint import TrajectoryModel, save_trajectory  # noqa: E402
from model.trajectory_net.trajectory_train import (  # noqa: E402
    TrajectoryTrainConfig,
    form_trajectories,
    ink_variants,
    log_probs,
    train_trajectory,
)

DATA = REPO.parent / "shared" / "data"
if not DATA.is_dir():  # a git worktree one level deeper
    DATA = REPO.parent.parent / "shared" / "data"
WEIGHTS = np.round(np.arange(0.0, 3.01, 0.1), 2)  # candidate trajectory weights


def image_log_probs(predictor: Predictor, inks: list) -> np.ndarray:
    """(N, 10) float64 log-probabilities of the image network (one batch pass)."""
    out = predictor.predict_many_strokes(inks)
    assert all(isinstance(p, Prediction) and p.digit is not None for p in out), "an ink did not render"
    probs = np.stack([p.probabilities for p in out if isinstance(p, Prediction)])  # (N,10)
    return np.log(np.maximum(probs.astype(np.float64), 1e-30))


def fit(pen, x_all: torch.Tensor, mask: np.ndarray, config: TrajectoryTrainConfig) -> TrajectoryNet:
    """A TrajectoryNet trained on the writers in mask (N,) bool: their variants and their world forms."""
    idx = np.flatnonzero(mask)
    forms, form_y = form_trajectories([pen.inks[i] for i in idx], pen.labels[idx], config.per_form, config.seed)
    return train_trajectory(x_all[idx], torch.from_numpy(pen.labels[idx]), forms, form_y, config)


def scores(logp: np.ndarray, labels: np.ndarray, writers: np.ndarray) -> tuple[float, float, float, object]:
    """(accuracy, mean per-writer accuracy, worst writer's accuracy, worst writer)."""
    right = logp.argmax(axis=1) == labels
    per = {w: right[writers == w].mean() for w in np.unique(writers)}
    worst = min(per, key=lambda w: per[w])
    return float(right.mean()), float(np.mean(list(per.values()))), float(per[worst]), worst


def line(name: str, logp: np.ndarray, labels: np.ndarray, writers: np.ndarray) -> float:
    acc, mean, worst, who = scores(logp, labels, writers)
    print(f"    {name:<34} {acc:7.2%} of {len(labels):5d} | writer mean {mean:7.2%} worst {worst:7.2%} ({who})")
    return acc


def choose_weight(pen, x_all, img: np.ndarray, train_mask: np.ndarray, config: TrajectoryTrainConfig) -> float:
    """w for img + w * traj, chosen on the training writers only (two-way split by writer)."""
    train_writers = np.unique(pen.writers[train_mask])
    halves = [np.isin(pen.writers, train_writers[i::2]) for i in range(2)]
    oof = np.zeros((len(pen), 10))
    for i in range(2):
        net = fit(pen, x_all, halves[i], dataclasses.replace(config, seed=config.seed * 10 + i + 1))
        other = halves[1 - i]
        oof[other] = log_probs(net, x_all[torch.from_numpy(other), 0])
    labels = pen.labels[train_mask]
    acc = [((img[train_mask] + w * oof[train_mask]).argmax(1) == labels).mean() for w in WEIGHTS]
    best = float(WEIGHTS[int(np.argmax(acc))])
    print(f"  weight chosen on the training writers (out-of-half): w = {best:g} ({max(acc):.2%} there)")
    return best


def train_config(args) -> TrajectoryTrainConfig:
    return TrajectoryTrainConfig(
        epochs=args.epochs,
        variants=args.variants,
        per_form=args.per_form,
        width=args.width,
        lr=args.lr,
        batch=args.batch,
    )


def fold_image(args, k: int, predictor: Predictor, inks: list, uji_inks: list, cache: dict) -> tuple:
    """(pen (N,10), UJI (U,10)) image log-probs for fold k: the fold's own image model
    (--image-fold-models, trained without fold k's writers), else the one image model."""
    path = str(args.image_fold_models).format(k=k) if args.image_fold_models else str(args.image_model)
    if path not in cache:
        p = predictor if not args.image_fold_models else Predictor(load_model(path))
        cache[path] = (image_log_probs(p, inks), image_log_probs(p, uji_inks))
    return cache[path]


def run_folds(args, pen, uji_inks: list, uji_labels: np.ndarray, uji_writers: np.ndarray, predictor) -> tuple:
    """Prints the per-fold and overall figures; returns (last fold's net, the chosen weights)."""
    t0 = time.perf_counter()
    cache: dict = {}
    config = train_config(args)
    x_all = ink_variants(pen.inks, config.variants, seed=0)  # (N,V,5,64)
    uji_x = trajectory_batch(uji_inks)
    print(f"{x_all.shape[1]} trajectory variants of {len(pen)} inks: {time.perf_counter() - t0:.0f} s")
    held_all = {"a": [], "b": [], "c1": [], "cw": []}
    chosen = []
    for k in range(args.folds) if args.fold_only is None else [args.fold_only]:
        held = (pen.writers - 1) % args.folds == k
        t0 = time.perf_counter()
        img, uji_img = fold_image(args, k, predictor, pen.inks, uji_inks, cache)
        fold_config = dataclasses.replace(config, seed=k)
        w = choose_weight(pen, x_all, img, ~held, fold_config) if args.choose_weight else 1.0
        chosen.append(w)
        net = fit(pen, x_all, ~held, fold_config)
        traj = log_probs(net, x_all[torch.from_numpy(held), 0])
        lab, wri = pen.labels[held], pen.writers[held]
        print(
            f"fold {k + 1}/{args.folds} ({time.perf_counter() - t0:.0f} s): held-out writers {sorted(set(wri.tolist()))}"
        )
        for key, name, logp in (
            ("a", "(a) image network", img[held]),
            ("b", "(b) trajectory network", traj),
            ("c1", "(c) image + trajectory (w=1)", img[held] + traj),
            ("cw", f"(c) image + {w:g} x trajectory", img[held] + w * traj),
        ):
            line(name, logp, lab, wri)
            held_all[key].append((logp, lab, wri))
        ut = log_probs(net, uji_x)
        print("    UJI, check only:")
        line("  (a) image", uji_img, uji_labels, uji_writers)
        line("  (b) trajectory", ut, uji_labels, uji_writers)
        line(f"  (c) image + {w:g} x trajectory", uji_img + w * ut, uji_labels, uji_writers)
    print(f"\nall {args.folds} folds, every writer scored by networks that never saw them (weights {chosen}):")
    for key, name in (("a", "(a) image"), ("b", "(b) trajectory"), ("c1", "(c) w=1"), ("cw", "(c) w chosen")):
        parts = held_all[key]
        line(name, np.concatenate([p[0] for p in parts]), *(np.concatenate([p[i] for p in parts]) for i in (1, 2)))
    return net, chosen


def save_final(args, pen, chosen: list[float]) -> None:
    """Train on all 30 writers; save with --weight, or the median of the weights the folds chose."""
    config = train_config(args)
    x_all = ink_variants(pen.inks, config.variants, seed=0)
    net = fit(pen, x_all, np.ones(len(pen), dtype=bool), config)
    weight = float(np.median(chosen)) if args.weight is None else args.weight
    metrics = {"image_model": str(args.image_model), "fold_weights": chosen, "train": str(config)}
    path = save_trajectory(net, TRAJECTORY_POINTS, weight, args.save, metrics)
    print(f"saved {path}: trained on all {len(np.unique(pen.writers))} writers, weight {weight:g}")


def latency(args, predictor: Predictor, inks: list, net: TrajectoryNet, weight: float) -> None:
    torch.set_num_threads(1)  # the predictor's busy-machine case: one ink on the calling thread
    net.eval()
    paired = Predictor(predictor.loaded, trajectory=TrajectoryModel(net, TRAJECTORY_POINTS, weight))

    def traj_only(ink) -> np.ndarray:
        x = torch.from_numpy(trajectory_features(ink)).unsqueeze(0)  # (1,5,64)
        with torch.inference_mode():
            return net(x).softmax(dim=1).numpy()  # (1,10)

    print(f"\nlatency, one ink per call, {len(inks)} UJI inks x {args.rounds} rounds, torch threads 1:")
    show_latency("trajectory features only", timings(trajectory_features, inks, args.rounds))
    show_latency("trajectory features+net", timings(traj_only, inks, args.rounds))
    show_latency("predict_strokes (image)", timings(predictor.predict_strokes, inks, args.rounds))
    show_latency("image + trajectory", timings(paired.predict_strokes, inks, args.rounds))
    show_latency("traj features+net, CPU", timings(traj_only, inks, args.rounds, time.thread_time))
    show_latency("predict_strokes, CPU", timings(predictor.predict_strokes, inks, args.rounds, time.thread_time))
    show_latency("image + trajectory, CPU", timings(paired.predict_strokes, inks, args.rounds, time.thread_time))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--image-model", type=Path, default=Path("/tmp/mnist_only.pt"), help="never trained on pendigits")
    ap.add_argument(
        "--image-fold-models",
        help="per-fold image checkpoints, '{k}' for the fold (0..folds-1), each trained without that fold's writers",
    )
    ap.add_argument("--save", type=Path, help="then train on all writers and save a trajectory checkpoint here")
    ap.add_argument(
        "--weight", type=float, help="the weight saved with --save (default: the median of the folds' choices)"
    )
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--fold-only", type=int, help="run this fold (0..folds-1) only")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--variants", type=int, default=4, help="stroke-level jitters per ink (plus the ink as written)")
    ap.add_argument("--per-form", type=int, default=150, help="synthesized inks per world form per fold")
    ap.add_argument("--width", type=int, default=48, help="TrajectoryNet channels")
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--no-choose-weight", dest="choose_weight", action="store_false", help="w = 1 only (faster)")
    ap.add_argument("--threads", type=int, default=2, help="torch threads for training")
    ap.add_argument("--rounds", type=int, default=3, help="latency passes over the UJI inks")
    ap.add_argument("--latency-only", action="store_true", help="untrained net: timing only")
    ap.add_argument("--pen", type=Path, default=DATA / "pendigits-tra")
    ap.add_argument("--uji", type=Path, default=DATA / "uji-penchars-v1")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    predictor = Predictor(load_model(args.image_model))
    uji = load_uji(args.uji)
    uji_inks = [s.strokes for s in uji]
    uji_labels = np.array([int(s.label) for s in uji])
    uji_writers = np.array([s.writer for s in uji])
    print(f"image model {args.image_model}; TrajectoryNet width {args.width}, {args.epochs} epochs")
    if args.latency_only:
        net, chosen = TrajectoryNet(args.width), [1.0]
    else:
        pen = load_pendigits(args.pen)
        net, chosen = run_folds(args, pen, uji_inks, uji_labels, uji_writers, predictor)
        if args.save:
            save_final(args, pen, chosen)
    latency(args, predictor, uji_inks, net, float(np.median(chosen)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Does the pen's path (stroke order and direction) help the image network? Issue 12 point 3.

    python bench/trajectory_eval.py [--image-model /tmp/mnist_only.pt] [--epochs 15] [--latency-only]

Writer-disjoint folds of pendigits-tra as bench/pen_eval.py makes them (fold k holds
out the writers w with (w - 1) % 3 == k). Per fold a small TrajectoryNet
(model/trajectory.py) is trained on the other writers' ink (jittered at stroke level
with model/ink_synth.py jitter_ink, plus the synthesized world forms built from those
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

The image model: `git show 9f4507b:assets/digitnet.pt > /tmp/mnist_only.pt` (MNIST only).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.latency import show as show_latency  # noqa: E402
from bench.latency import timings  # noqa: E402
from model.checkpoint import load_model  # noqa: E402
from model.ink_synth import jitter_ink, synthesize_forms  # noqa: E402
from model.pendigits import load_pendigits  # noqa: E402
from model.predictor import Prediction, Predictor  # noqa: E402
from model.trajectory import TrajectoryNet, trajectory_batch, trajectory_features  # noqa: E402
from model.uji import load_uji  # noqa: E402

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


def variants(inks: list, count: int, seed: int) -> torch.Tensor:
    """(N, 1 + count, 5, 64): each ink as written, then `count` stroke-level jitters."""
    rng = np.random.default_rng(seed)
    per = [trajectory_batch(inks)]
    for _ in range(count):
        per.append(trajectory_batch([jitter_ink(ink, rng) for ink in inks]))
    return torch.stack(per, dim=1)


def train_net(x: torch.Tensor, y: torch.Tensor, forms: torch.Tensor, form_y: torch.Tensor, args, seed: int):
    """x (N, V, 5, 64) variants, y (N,); forms (M, 5, 64), form_y (M,) -> trained TrajectoryNet (eval mode)."""
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    net = TrajectoryNet(args.width)
    n = len(x) + len(forms)
    steps = args.epochs * ((n + args.batch - 1) // args.batch)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps)
    net.train()
    for _ in range(args.epochs):
        pick = torch.randint(0, x.shape[1], (len(x),), generator=g)  # one variant per ink this epoch
        ex = torch.cat([x[torch.arange(len(x)), pick], forms])  # (n,5,64)
        ey = torch.cat([y, form_y])  # (n,)
        order = torch.randperm(n, generator=g)
        for start in range(0, n, args.batch):
            idx = order[start : start + args.batch]
            loss = F.cross_entropy(net(ex[idx]), ey[idx], label_smoothing=0.05)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return net.eval()


def traj_log_probs(net: TrajectoryNet, x: torch.Tensor) -> np.ndarray:
    """(N, 5, 64) -> (N, 10) float64 log-softmax of the trajectory network."""
    with torch.inference_mode():
        return F.log_softmax(net(x), dim=1).double().numpy()


def forms_for(pen, mask: np.ndarray, per_form: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Synthesized world forms built from the digits of the writers in mask: (M, 5, 64), (M,)."""
    idx = np.flatnonzero(mask)
    inks, labels = synthesize_forms([pen.inks[i] for i in idx], pen.labels[idx], per_form, np.random.default_rng(seed))
    return trajectory_batch(inks), torch.tensor(labels, dtype=torch.int64)


def fit(pen, x_all: torch.Tensor, y_all: torch.Tensor, mask: np.ndarray, args, seed: int) -> TrajectoryNet:
    forms, form_y = forms_for(pen, mask, args.per_form, seed)
    sel = torch.from_numpy(mask)
    return train_net(x_all[sel], y_all[sel], forms, form_y, args, seed)


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


def choose_weight(pen, x_all, y_all, img: np.ndarray, train_mask: np.ndarray, args, seed: int) -> float:
    """w for img + w * traj, chosen on the training writers only (two-way split by writer)."""
    train_writers = np.unique(pen.writers[train_mask])
    halves = [np.isin(pen.writers, train_writers[i::2]) for i in range(2)]
    oof = np.zeros((len(pen), 10))
    for i in range(2):
        net = fit(pen, x_all, y_all, halves[i], args, seed * 10 + i + 1)
        other = halves[1 - i]
        oof[other] = traj_log_probs(net, x_all[torch.from_numpy(other), 0])
    labels = pen.labels[train_mask]
    acc = [((img[train_mask] + w * oof[train_mask]).argmax(1) == labels).mean() for w in WEIGHTS]
    best = float(WEIGHTS[int(np.argmax(acc))])
    print(f"  weight chosen on the training writers (out-of-half): w = {best:g} ({max(acc):.2%} there)")
    return best


def run_folds(args, pen, uji_inks: list, uji_labels: np.ndarray, uji_writers: np.ndarray, predictor) -> list:
    t0 = time.perf_counter()
    img = image_log_probs(predictor, pen.inks)  # (N,10)
    uji_img = image_log_probs(predictor, uji_inks)
    x_all = variants(pen.inks, args.variants, seed=0)  # (N,V,5,64)
    y_all = torch.from_numpy(pen.labels)
    uji_x = trajectory_batch(uji_inks)
    print(
        f"image log-probs and {x_all.shape[1]} trajectory variants of {len(pen)} inks: {time.perf_counter() - t0:.0f} s"
    )
    held_all = {"a": [], "b": [], "c1": [], "cw": []}
    chosen = []
    for k in range(args.folds):
        held = (pen.writers - 1) % args.folds == k
        t0 = time.perf_counter()
        w = choose_weight(pen, x_all, y_all, img, ~held, args, k) if args.choose_weight else 1.0
        chosen.append(w)
        net = fit(pen, x_all, y_all, ~held, args, k)
        traj = traj_log_probs(net, x_all[torch.from_numpy(held), 0])
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
        ut = traj_log_probs(net, uji_x)
        print("    UJI, check only:")
        line("  (a) image", uji_img, uji_labels, uji_writers)
        line("  (b) trajectory", ut, uji_labels, uji_writers)
        line(f"  (c) image + {w:g} x trajectory", uji_img + w * ut, uji_labels, uji_writers)
    print(f"\nall {args.folds} folds, every writer scored by networks that never saw them (weights {chosen}):")
    for key, name in (("a", "(a) image"), ("b", "(b) trajectory"), ("c1", "(c) w=1"), ("cw", "(c) w chosen")):
        parts = held_all[key]
        line(name, np.concatenate([p[0] for p in parts]), *(np.concatenate([p[i] for p in parts]) for i in (1, 2)))
    return [net]


def latency(args, predictor: Predictor, inks: list, net: TrajectoryNet) -> None:
    torch.set_num_threads(1)  # the predictor runs one ink on the calling thread (SINGLE_THREAD_BELOW)
    net.eval()

    def traj_only(ink) -> np.ndarray:
        x = torch.from_numpy(trajectory_features(ink)).unsqueeze(0)  # (1,5,64)
        with torch.inference_mode():
            return net(x).softmax(dim=1).numpy()  # (1,10)

    def both(ink) -> np.ndarray:
        p = predictor.predict_strokes(ink)
        return np.log(np.maximum(p.probabilities, 1e-30)) + np.log(traj_only(ink)[0])

    print(f"\nlatency, one ink per call, {len(inks)} UJI inks x {args.rounds} rounds, torch threads 1:")
    show_latency("trajectory features only", timings(trajectory_features, inks, args.rounds))
    show_latency("trajectory features+net", timings(traj_only, inks, args.rounds))
    show_latency("predict_strokes (image)", timings(predictor.predict_strokes, inks, args.rounds))
    show_latency("image + trajectory", timings(both, inks, args.rounds))
    show_latency("traj features+net, CPU", timings(traj_only, inks, args.rounds, time.thread_time))
    show_latency("predict_strokes, CPU", timings(predictor.predict_strokes, inks, args.rounds, time.thread_time))
    show_latency("image + trajectory, CPU", timings(both, inks, args.rounds, time.thread_time))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--image-model", type=Path, default=Path("/tmp/mnist_only.pt"), help="never trained on pendigits")
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=15)
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
        net = TrajectoryNet(args.width)
    else:
        net = run_folds(args, load_pendigits(args.pen), uji_inks, uji_labels, uji_writers, predictor)[0]
    latency(args, predictor, uji_inks, net)
    return 0


if __name__ == "__main__":
    sys.exit(main())

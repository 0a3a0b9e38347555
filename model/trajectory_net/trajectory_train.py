"""Training the trajectory network (model/trajectory_net/trajectory.py) on real pen ink.

Data: pen digits with their labels (e.g. model.pen.pendigits.load_pendigits of
../shared/data/pendigits-tra). Each ink is used as written and as `variants`
stroke-level jitters (model/pen/ink_synth.py jitter_ink: rotation, shear, aspect, wobble,
smoothing); every epoch takes one of them per ink at random. The world's digit forms
MNIST lacks (ink_synth.synthesize_forms: slashed 0, continental 1, crossed 7, ...)
are built from the same inks and added. Each jittered variant also has each stroke's
direction reversed with probability REVERSE_PROBABILITY and the stroke order reversed
with the same probability: the 30 writers drew every 0 and 8 their own way round, and
people who draw a 0 clockwise must not be read as writing an 8. The network still sees
where the pen lifted, the strokes' shapes in time, and which directions are most usual.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from ..pen.ink import ink_to_array
from ..pen.ink_synth import jitter_ink, synthesize_forms
from .trajectory import TRAJECTORY_POINTS, TrajectoryNet, trajectory_batch

REVERSE_PROBABILITY = 0.3  # per stroke (direction) and per ink (stroke order), jittered variants only


def reverse_some(ink: list, rng: np.random.Generator, p: float = REVERSE_PROBABILITY) -> list:
    """The ink with each stroke drawn backwards with probability p, and the strokes in
    reverse order with probability p. ink: list of (P, 2) arrays; the shape is unchanged."""
    out = [np.asarray(s)[::-1].copy() if rng.random() < p else np.asarray(s) for s in ink]
    return out[::-1] if rng.random() < p else out


@dataclass(frozen=True)
class TrajectoryTrainConfig:
    epochs: int = 8  # passes over the inks (one variant of each per pass)
    variants: int = 4  # stroke-level jitters per ink, besides the ink as written
    per_form: int = 150  # synthesized inks per world digit form
    width: int = 48  # TrajectoryNet channels
    lr: float = 3e-3  # AdamW peak learning rate (one-cycle schedule)
    batch: int = 128
    label_smoothing: float = 0.05
    seed: int = 0


def ink_variants(
    inks: list, count: int, seed: int, points: int = TRAJECTORY_POINTS, reverse: float = REVERSE_PROBABILITY
) -> torch.Tensor:
    """(N, 1 + count, 5, points) float32: each ink's trajectory as written, then `count` jittered
    (and partly reversed with probability `reverse`, reverse_some).

    Deterministic for a seed. ValueError / NothingToRecognize for an ink without a shape.
    """
    rng = np.random.default_rng(seed)
    inks = [ink_to_array(ink) for ink in inks]  # (P,2) x, y arrays: points may carry pressure, time...
    per = [trajectory_batch(inks, points)]  # (N,5,L) each
    for _ in range(count):
        per.append(trajectory_batch([reverse_some(jitter_ink(ink, rng), rng, reverse) for ink in inks], points))
    return torch.stack(per, dim=1)


def form_trajectories(inks: list, labels: np.ndarray, per_form: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Synthesized world forms built from these inks: (M, 5, L) float32, (M,) int64 labels."""
    made, made_labels = synthesize_forms(inks, labels, per_form, np.random.default_rng(seed))
    return trajectory_batch(made), torch.tensor(made_labels, dtype=torch.int64)


def train_trajectory(
    x: torch.Tensor, y: torch.Tensor, forms: torch.Tensor, form_y: torch.Tensor, config: TrajectoryTrainConfig
) -> TrajectoryNet:
    """Train a TrajectoryNet; returns it in eval mode.

    x (N, V, 5, L) float32 variants of N inks (ink_variants), y (N,) int64 labels 0..9;
    forms (M, 5, L), form_y (M,) extra samples used every epoch (form_trajectories).
    """
    torch.manual_seed(config.seed)
    g = torch.Generator().manual_seed(config.seed)
    net = TrajectoryNet(config.width)
    n = len(x) + len(forms)
    steps = config.epochs * ((n + config.batch - 1) // config.batch)
    opt = torch.optim.AdamW(net.parameters(), lr=config.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=config.lr, total_steps=steps)
    net.train()
    for _ in range(config.epochs):
        pick = torch.randint(0, x.shape[1], (len(x),), generator=g)  # (N,) one variant per ink
        ex = torch.cat([x[torch.arange(len(x)), pick], forms])  # (n,5,L)
        ey = torch.cat([y, form_y])  # (n,)
        order = torch.randperm(n, generator=g)
        for start in range(0, n, config.batch):
            idx = order[start : start + config.batch]
            loss = F.cross_entropy(net(ex[idx]), ey[idx], label_smoothing=config.label_smoothing)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return net.eval()


def log_probs(net: TrajectoryNet, x: torch.Tensor) -> np.ndarray:
    """(N, 5, L) -> (N, 10) float64 log-softmax of the network."""
    with torch.inference_mode():
        return F.log_softmax(net(x), dim=1).double().numpy()

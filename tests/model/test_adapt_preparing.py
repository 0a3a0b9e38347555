"""Preparing the drawings for adaptation (model/adaptation/preparation.py, adaptation_run.py
make_pools) is done chunk by chunk: it reports progress and stops at the first chunk boundary
after a cancel. With 5,000 kept drawings it used to run tens of seconds with the progress bar
at 0% and ignore Cancel / Ctrl+C until it was done."""

from __future__ import annotations

import threading

import numpy as np
import torch

from model.adaptation.adapt import AdaptConfig, adapt
from model.adaptation.adapt_config import PREPARING, AdaptProgress
from model.adaptation.fine_tune import augmented_pool
from model.adaptation.preparation import PREPARE_CHUNK, chunks, scatter_copies
from model.trajectory_net.trajectory_checkpoint import bundled_trajectory
from tests.model.test_adapt import TINY

DRAWINGS = 20 * PREPARE_CHUNK + 7  # a few hundred: several chunks, the last one partial


def _generated_drawings(n: int, seed: int = 0) -> tuple[list, list]:
    """n inks: circles (0) and slanted bars (1) of random size and place."""
    rng = np.random.default_rng(seed)
    inks, labels = [], []
    t = np.linspace(0, 2 * np.pi, 24)
    for i in range(n):
        cx, cy, r = rng.uniform(30, 70), rng.uniform(30, 70), rng.uniform(10, 30)
        if i % 2 == 0:
            inks.append([np.stack([cx + r * np.cos(t), cy + 1.3 * r * np.sin(t)], 1).tolist()])
        else:
            inks.append([[[cx, cy - r], [cx + rng.uniform(-8, 8), cy + r]]])
        labels.append(i % 2)
    return inks, labels


def _config(**changes) -> AdaptConfig:
    return AdaptConfig(**{**TINY.__dict__, "copies": 2, "trajectory_steps": 2, **changes})


def test_cancel_while_preparing_the_drawings_stops_at_the_next_chunk_and_saves_nothing(base, replay):
    inks, labels = _generated_drawings(DRAWINGS)
    cancel = threading.Event()
    seen: list[AdaptProgress] = []
    after_cancel: list[AdaptProgress] = []

    def report(p: AdaptProgress) -> None:
        (after_cancel if cancel.is_set() else seen).append(p)
        if p.stage == PREPARING and p.step >= 2 * PREPARE_CHUNK:
            cancel.set()  # as the dialog's Cancel / the CLI's SIGINT would, mid-preparation

    result = adapt(base, inks, labels, _config(), report, cancel, replay=replay, trajectory=bundled_trajectory())
    assert result.cancelled and result.checkpoint is None
    assert [p.step for p in seen] == [PREPARE_CHUNK, 2 * PREPARE_CHUNK]  # progress during preparation
    assert all(p.stage == PREPARING and p.steps == DRAWINGS and p.user_loss is None for p in seen)
    assert after_cancel == []  # not one more chunk prepared, no fine-tuning step taken


def test_preparing_reports_every_chunk_up_to_all_drawings_then_training_follows(base, replay):
    inks, labels = _generated_drawings(2 * PREPARE_CHUNK + 3)
    reports: list[AdaptProgress] = []
    result = adapt(base, inks, labels, _config(folds=0), reports.append, replay=replay, trajectory=bundled_trajectory())
    assert result.checkpoint is not None
    preparing = [p for p in reports if p.stage == PREPARING]
    assert [p.step for p in preparing] == [PREPARE_CHUNK, 2 * PREPARE_CHUNK, len(inks)]
    assert reports[: len(preparing)] == preparing  # all before the first fine-tuning step
    fractions = [p.fraction for p in reports]
    assert fractions == sorted(fractions) and 0 < fractions[0] and fractions[-1] == 1.0


def test_chunked_pools_keep_the_layout_of_one_pool():
    """Row k * N + i is copy k of drawing i, however the drawings were cut into chunks."""
    n, copies = 2 * PREPARE_CHUNK + 5, 2
    images = torch.rand(n, 1, 28, 28)
    whole = augmented_pool(images, copies, torch.Generator().manual_seed(0))  # ((c+1)*N,1,28,28)
    pool = None
    for start, stop in chunks(n):
        part = augmented_pool(images[start:stop], copies, torch.Generator().manual_seed(start))
        pool = scatter_copies(pool, part, n, start, copies + 1)
    assert pool is not None and pool.shape == whole.shape
    assert torch.equal(pool[:n], images)  # copy 0: the drawings themselves, in order
    tagged = torch.arange(n, dtype=torch.float32).view(n, 1, 1, 1).expand(n, 1, 2, 2)  # each row says its drawing
    pool = None
    for start, stop in chunks(n):
        pool = scatter_copies(pool, tagged[start:stop].repeat(copies + 1, 1, 1, 1), n, start, copies + 1)
    assert pool is not None
    assert torch.equal(pool[:, 0, 0, 0], torch.arange(n, dtype=torch.float32).repeat(copies + 1))

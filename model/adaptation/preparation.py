"""Preparing the user's drawings for adaptation, chunk by chunk: rendering them (model/pen/ink.py),
checking that the trajectory network can read them as pen paths, and making the feature pools of
their augmented copies (model/adaptation/adaptation_run.py make_pools). Done in chunks of
PREPARE_CHUNK drawings so that a cancel is seen after at most one chunk (a fraction of a second)
and progress is reported during this phase too: with thousands of kept drawings it takes tens of
seconds, and only one chunk's augmented images (float32) are held at a time, not all of them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch

from ..pen.ink import Ink, render_ink
from ..trajectory_net.trajectory import trajectory_features
from .adapt_config import AdaptError

PREPARE_CHUNK = 16  # drawings per chunk; with 16 copies each, the image features and the trajectories
# of 32 drawings took 0.25 s each on an idle core but a cancel waited 0.67 s on 2 busy cores (load 3)


def render_samples(inks: Sequence[Ink], first: int = 1) -> torch.Tensor:
    """Inks -> (N, 1, 28, 28) float32 in [0, 1]; AdaptError naming an unusable drawing
    (numbered from `first`)."""
    images = []
    for i, ink in enumerate(inks, first):
        try:
            images.append(render_ink(ink))  # (28,28)
        except ValueError as exc:
            raise AdaptError(f"drawing {i}: {exc}") from None
    return torch.from_numpy(np.stack(images)).unsqueeze(1)  # (N,1,28,28)


def check_pen_paths(inks: Sequence[Ink], first: int = 1) -> None:
    """AdaptError naming the first drawing (numbered from `first`) the trajectory network cannot read
    as a pen path (model/trajectory_net/trajectory.py trajectory_features: e.g. a drawing that
    renders but is one dot)."""
    for i, ink in enumerate(inks, first):
        try:
            trajectory_features(ink)  # (5,L)
        except ValueError as exc:
            raise AdaptError(f"drawing {i} cannot be read as a pen path: {exc}") from None


def chunks(n: int, size: int = PREPARE_CHUNK) -> list[tuple[int, int]]:
    """[(start, stop), ...] covering range(n) in pieces of at most `size`."""
    return [(a, min(a + size, n)) for a in range(0, n, size)]


def scatter_copies(pool: torch.Tensor | None, part: torch.Tensor, n: int, start: int, variants: int) -> torch.Tensor:
    """Write one chunk's pool `part` (variants*m, ...), row k*m + j = copy k of drawing start+j,
    into the whole pool (variants*n, ...), row k*n + i = copy k of drawing i (the layout of
    model/adaptation/fine_tune.py augmented_pool); the whole pool is allocated on the first chunk
    (pool None) with part's dtype. Returns the whole pool."""
    m = part.shape[0] // variants
    if pool is None:
        pool = part.new_empty((variants * n, *part.shape[1:]))
    pool.view(variants, n, *part.shape[1:])[:, start : start + m] = part.view(variants, m, *part.shape[1:])
    return pool

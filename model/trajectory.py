"""What ink knows and a picture does not: the pen's path, in order and direction.

A pure function turns ink into a fixed-length trajectory (TRAJECTORY_POINTS points
spaced evenly along the pen's whole path, pen-up moves included and flagged), and a
small 1D convolutional network reads it and returns logits, like the image networks.

Features per point (channels, in this order; FEATURES):

- x, y: position, centred on the ink's bounding box and divided by its longer side
  (aspect ratio kept; y down as on the canvas), so each lies in [-0.5, 0.5];
- dx, dy: the step from the previous point in the same units times
  TRAJECTORY_POINTS (a straight stroke across the box has steps near 1); 0 at the
  first point. These carry the direction the pen moved;
- pen: 1 where the point lies on a stroke, 0 on the straight move between the end
  of one stroke and the start of the next (the pen in the air).

The result depends only on the points' order and shape: not on where the digit was
drawn, how large, or how densely the device sampled it (the path is resampled by
arc length).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch
from torch import nn

from .ink import Ink, ink_to_array, is_a_dot
from .preprocess import NothingToRecognize

TRAJECTORY_POINTS = 64  # points along the pen's path
FEATURES = ("x", "y", "dx", "dy", "pen")
NUM_FEATURES = len(FEATURES)
NUM_CLASSES = 10


def trajectory_features(ink: Ink, points: int = TRAJECTORY_POINTS) -> np.ndarray:
    """Ink -> (NUM_FEATURES, points) float32: the pen path resampled by arc length.

    The path runs through every stroke in the order drawn, joined by straight pen-up
    moves from the end of one stroke to the start of the next; `points` points are
    placed at equal arc-length steps along it (first point = start of the first
    stroke, last = end of the last). Channels are FEATURES (see the module doc).

    Raises NothingToRecognize (a ValueError) for an empty ink or a single dot,
    ValueError for malformed ink (model.ink.ink_to_array's messages).
    """
    return trajectory_features_many([ink], points)[0]


def trajectory_features_many(inks: Sequence[Ink], points: int = TRAJECTORY_POINTS) -> np.ndarray:
    """N inks -> (N, NUM_FEATURES, points) float32, each as trajectory_features makes it.

    Vectorized over the inks (a number's candidates are read together): the per-ink
    Python work is validating and joining the strokes; the resampling is one pass over
    all the points. Raises as trajectory_features does, for the first ink that fails.
    """
    paths, pens = [], []
    for ink in inks:
        strokes = ink_to_array(ink)  # list of (P_i,2) float64
        if not strokes:
            raise NothingToRecognize("nothing to recognize: the ink has no strokes")
        paths.append(np.concatenate(strokes))  # (P,2) every point in drawing order
        pen = np.ones(len(paths[-1]), dtype=np.float32)  # (P,) pen state of the segment from each point
        pen[np.cumsum([len(s) for s in strokes[:-1]], dtype=np.int64) - 1] = 0.0  # into the next stroke: pen up
        pens.append(pen)
    if not paths:
        return np.zeros((0, NUM_FEATURES, points), dtype=np.float32)
    sizes = np.array([len(p) for p in paths])  # (N,) points per ink
    first = np.concatenate([[0], np.cumsum(sizes)[:-1]])  # (N,) index of each ink's first point
    xy, ink_of = _normalized(np.concatenate(paths), first)  # (T,2), (T,)
    return _resample(xy, np.concatenate(pens), first, sizes, ink_of, points)


def _normalized(path: np.ndarray, first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(T, 2) points of N inks (ink k from first[k]) -> each ink centred on its box and
    divided by its longer side (T, 2), and the ink of each point (T,)."""
    lo = np.minimum.reduceat(path, first)  # (N,2)
    hi = np.maximum.reduceat(path, first)  # (N,2)
    with np.errstate(over="ignore", invalid="ignore"):
        extent = (hi - lo).max(axis=1)  # (N,)
        largest = np.maximum.reduceat(np.abs(path).max(axis=1), first)  # (N,)
    if not np.isfinite(extent).all():
        raise ValueError("the ink's coordinates are too large")
    if is_a_dot(extent, largest).any():
        raise NothingToRecognize("nothing to recognize: the ink is a single dot")
    ink_of = np.repeat(np.arange(len(first)), np.diff(np.append(first, len(path))))  # (T,)
    return (path - ((lo + hi) / 2)[ink_of]) / extent[ink_of, None], ink_of


def _resample(
    xy: np.ndarray, seg_pen: np.ndarray, first: np.ndarray, sizes: np.ndarray, ink_of: np.ndarray, points: int
) -> np.ndarray:
    """(T, 2) normalized points of N inks, (T,) pen state of the segment from each point
    -> (N, NUM_FEATURES, points) float32. Every ink has at least 2 points (it has extent)."""
    seg_len = np.hypot(*np.diff(xy, axis=0).T)  # (T-1,) segment i joins point i and i+1
    seg_len[(first + sizes - 1)[:-1]] = 0.0  # the joins between inks have no length
    cum = np.concatenate([[0.0], np.cumsum(seg_len)])  # (T,) arc length along all the inks
    start, total = cum[first], cum[first + sizes - 1] - cum[first]  # (N,) each
    target = start[:, None] + np.linspace(0.0, 1.0, points)[None] * total[:, None]  # (N,points)
    seg = np.searchsorted(cum, target, side="right") - 1  # (N,points)
    seg = np.clip(seg, first[:, None], (first + sizes - 2)[:, None])  # within each ink's own segments
    frac = (target - cum[seg]) / np.maximum(seg_len[seg], 1e-12)  # (N,points)
    frac = np.clip(frac, 0.0, 1.0)[..., None]  # (N,points,1)
    pos = xy[seg] * (1 - frac) + xy[seg + 1] * frac  # (N,points,2)
    step = np.zeros_like(pos)  # (N,points,2)
    step[:, 1:] = (pos[:, 1:] - pos[:, :-1]) * points
    pen = seg_pen[seg]  # (N,points)
    return np.concatenate([pos, step, pen[..., None]], axis=2).transpose(0, 2, 1).astype(np.float32)


def trajectory_batch(inks: Sequence[Ink], points: int = TRAJECTORY_POINTS) -> torch.Tensor:
    """Inks -> (N, NUM_FEATURES, points) float32 tensor (each ink must be drawable)."""
    return torch.from_numpy(trajectory_features_many(inks, points))


class TrajectoryNet(nn.Module):
    """(N, NUM_FEATURES, L) trajectory -> (N, 10) logits: three 1D conv blocks, then the
    mean and the max over the path, then a linear layer. `width` channels; ~30k
    parameters at width 48."""

    def __init__(self, width: int = 48) -> None:
        super().__init__()
        self.width = w = width
        self.features = nn.Sequential(
            nn.Conv1d(NUM_FEATURES, w, 5, padding=2),  # (N,w,L)
            nn.BatchNorm1d(w),
            nn.ReLU(),
            nn.Conv1d(w, w, 5, padding=2, stride=2),  # (N,w,L/2)
            nn.BatchNorm1d(w),
            nn.ReLU(),
            nn.Conv1d(w, 2 * w, 3, padding=1, stride=2),  # (N,2w,L/4)
            nn.BatchNorm1d(2 * w),
            nn.ReLU(),
        )
        self.dropout = nn.Dropout(0.2)
        self.classifier = nn.Linear(4 * w, NUM_CLASSES)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N,5,L) -> (N,10)
        h = self.features(x)  # (N,2w,L/4)
        pooled = torch.cat([h.mean(dim=2), h.amax(dim=2)], dim=1)  # (N,4w)
        return self.classifier(self.dropout(pooled))


def combine(image_probs: np.ndarray, trajectory_logits: np.ndarray, weight: float) -> np.ndarray:
    """Image and trajectory networks together: softmax(log p_image + weight * log_softmax(trajectory)).

    image_probs (N, 10) probabilities, trajectory_logits (N, 10) -> (N, 10) float32
    probabilities (rows sum to 1). weight 0 gives the image probabilities back; an
    image probability of exactly 0 stays finite (floored at 1e-30).
    """
    log_image = np.log(np.maximum(np.asarray(image_probs, dtype=np.float64), 1e-30))  # (N,10)
    t = np.asarray(trajectory_logits, dtype=np.float64)  # (N,10)
    log_traj = t - t.max(axis=1, keepdims=True)
    log_traj -= np.log(np.exp(log_traj).sum(axis=1, keepdims=True))  # (N,10) log-softmax
    z = log_image + weight * log_traj
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return (p / p.sum(axis=1, keepdims=True)).astype(np.float32)

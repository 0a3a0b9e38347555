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

from .ink import MIN_EXTENT, Ink, ink_to_array
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
    strokes = ink_to_array(ink)  # list of (P_i,2) float64
    if not strokes:
        raise NothingToRecognize("nothing to recognize: the ink has no strokes")
    path = np.concatenate(strokes)  # (P,2) every point in drawing order
    lo, hi = path.min(axis=0), path.max(axis=0)  # (2,) each
    with np.errstate(over="ignore", invalid="ignore"):
        extent = float((hi - lo).max())
    if not np.isfinite(extent):
        raise ValueError("the ink's coordinates are too large")
    if extent <= MIN_EXTENT * max(1.0, float(np.abs(path).max())):
        raise NothingToRecognize("nothing to recognize: the ink is a single dot")
    xy = (path - (lo + hi) / 2) / extent  # (P,2) in [-0.5, 0.5], aspect kept
    starts = np.cumsum([0] + [len(s) for s in strokes[:-1]])  # (S,) index of each stroke's first point
    seg_pen = np.ones(len(xy) - 1, dtype=np.float32)  # (P-1,) segment i joins point i and i+1
    seg_pen[starts[1:] - 1] = 0.0  # the move into the next stroke's start is pen-up
    return _resample(xy, seg_pen, points)


def _resample(xy: np.ndarray, seg_pen: np.ndarray, points: int) -> np.ndarray:
    """(P,2) path, (P-1,) pen state per segment -> (NUM_FEATURES, points) float32."""
    if len(xy) == 1:  # cannot happen after the extent check; kept for clarity
        xy = np.concatenate([xy, xy])
        seg_pen = np.ones(1, dtype=np.float32)
    seg_len = np.hypot(*np.diff(xy, axis=0).T)  # (P-1,)
    cum = np.concatenate([[0.0], np.cumsum(seg_len)])  # (P,) arc length at each point
    target = np.linspace(0.0, cum[-1], points)  # (points,)
    seg = np.clip(np.searchsorted(cum, target, side="right") - 1, 0, len(seg_len) - 1)  # (points,)
    frac = (target - cum[seg]) / np.maximum(seg_len[seg], 1e-12)  # (points,)
    frac = np.clip(frac, 0.0, 1.0)[:, None]  # (points,1)
    pos = xy[seg] * (1 - frac) + xy[seg + 1] * frac  # (points,2)
    step = np.zeros_like(pos)  # (points,2)
    step[1:] = (pos[1:] - pos[:-1]) * points
    pen = seg_pen[seg]  # (points,)
    return np.concatenate([pos.T, step.T, pen[None]]).astype(np.float32)  # (5,points)


def trajectory_batch(inks: Sequence[Ink], points: int = TRAJECTORY_POINTS) -> torch.Tensor:
    """Inks -> (N, NUM_FEATURES, points) float32 tensor (each ink must be drawable)."""
    return torch.from_numpy(np.stack([trajectory_features(ink, points) for ink in inks]))


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

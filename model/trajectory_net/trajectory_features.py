"""The trajectory network's input and how its answer joins the image network's: NumPy only.

model/trajectory_net/trajectory.py (the network, torch) describes the features; they are computed here so
that the NumPy bridge (model/numpynet/numpy_bridge.py) reads ink with them before torch is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..pen.ink import Ink, ink_to_array, is_a_dot
from ..preprocess import NothingToRecognize

TRAJECTORY_POINTS = 64  # points along the pen's path
FEATURES = ("x", "y", "dx", "dy", "pen")
NUM_FEATURES = len(FEATURES)
NUM_CLASSES = 10


def trajectory_features(ink: Ink, points: int = TRAJECTORY_POINTS) -> np.ndarray:
    """Ink -> (NUM_FEATURES, points) float32: the pen path resampled by arc length.

    The path runs through every stroke in the order drawn, joined by straight pen-up
    moves from the end of one stroke to the start of the next; `points` points are
    placed at equal arc-length steps along it (first point = start of the first
    stroke, last = end of the last). Channels are FEATURES (see model/trajectory_net/trajectory.py's module doc).

    Raises NothingToRecognize (a ValueError) for an empty ink or a single dot,
    ValueError for malformed ink (model.pen.ink.ink_to_array's messages).
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

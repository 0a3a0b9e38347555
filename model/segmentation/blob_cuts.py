"""Touching characters in a picture: where a blob of ink may be cut into pieces.

Two handwritten digits that touch are one connected blob, and their boxes often overlap,
so a straight vertical cut would give each a part of the other. A cut here is a path from
the blob's top row to its bottom row that moves at most one column per row and crosses as
little ink as it can (dynamic programming over the rows: the least-cost path through each
column at mid-height, from a pass down and a pass up), the classic "shortest path"
segmentation of touching numerals. Where two digits touch, such a path crosses one stroke;
through the middle of a digit it usually crosses two or more (a 0, an 8), or one (a 7's
bar, a 2's base): the cuts are only candidates, and the recognizer chooses which to keep
(model/segmentation/segment.py), the whole blob being a candidate too.

Hand-written because it is our field (segmentation of handwriting), not a standard image
operation; OpenCV has no such routine.
"""

from __future__ import annotations

import numpy as np

from ..pen.ink import stroke_width

SPLIT_WIDTH = 0.5  # a blob wider than this (line heights) may hold several characters (writers 1-20)
MIN_PIECE = 0.15  # a cut leaves pieces at least this wide (line heights) ...
CUT_SPACING = 0.25  # ... and lies at least this far from the next cut (line heights)
CUT_INK = 3.5  # a cut crosses at most this many stroke widths of ink (chosen on writers 1-20)
SLANT_COST = 0.3  # a step sideways costs this (ink pixels): of equal paths the straighter
MAX_CUTS = 24


def cut_paths(blob: np.ndarray, height: float) -> list[np.ndarray]:
    """(h, w) bool mask of one blob, cropped to it -> the cuts, left to right: each an (h,)
    int column per row; the pixels at or right of it belong to the right piece.

    height: the line height in px. [] for a blob not wider than SPLIT_WIDTH line heights.
    """
    h, w = blob.shape
    if w <= SPLIT_WIDTH * height or h < 2:
        return []
    ink = blob.astype(np.float32)  # (h,w) one per ink pixel crossed
    down, down_from = _least_paths(ink)  # (h,w): best path cost from the top row to each pixel
    up, up_from = _least_paths(ink[::-1])
    up, up_from = up[::-1], up_from[::-1]
    mid = h // 2
    through = down[mid] + up[mid] - ink[mid]  # (w,) the least ink a cut at each column crosses
    width = max(float(stroke_width(ink)), 1.0)
    margin = max(1, int(MIN_PIECE * height))
    chosen: list[int] = []
    for x in np.argsort(through[margin : w - margin], kind="stable") + margin:
        if through[x] > CUT_INK * width or len(chosen) >= MAX_CUTS:
            break
        if _local_minimum(through, int(x)) and all(abs(int(x) - c) >= CUT_SPACING * height for c in chosen):
            chosen.append(int(x))
    paths = [_trace(x, mid, down_from, up_from) for x in sorted(chosen)]
    if not paths:
        return []
    return list(np.maximum.accumulate(np.stack(paths), axis=0))  # (K,h) never crossing


def pieces(blob: np.ndarray, paths: list[np.ndarray]) -> list[np.ndarray]:
    """(h, w) bool blob and its cuts -> its pieces, left to right, (h, w) bool each (empty
    pieces left out)."""
    cols = np.arange(blob.shape[1])[None, :]  # (1,w)
    edges = [np.zeros(blob.shape[0], np.int64), *paths, np.full(blob.shape[0], blob.shape[1])]
    out = []
    for lo, hi in zip(edges, edges[1:]):
        piece = blob & (cols >= lo[:, None]) & (cols < hi[:, None])  # (h,w)
        if piece.any():
            out.append(piece)
    return out


def _least_paths(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(h, w) cost -> ((h, w) least total cost of a path from row 0 to each pixel, moving at
    most one column per row; (h, w) int the column it came from in the row above). Of equal
    ways the straight one is taken, then the one from the left."""
    h, w = cost.shape
    total = np.full((h, w + 2), np.inf, np.float32)  # a column of inf on either side
    came = np.empty((h, w), np.int64)
    total[0, 1:-1] = cost[0]
    cols = np.arange(w)
    came[0] = cols
    for y in range(1, h):
        prev = total[y - 1].astype(np.float64)  # (w+2,)
        straight, left, right = prev[1:-1], prev[:-2] + SLANT_COST, prev[2:] + SLANT_COST  # (w,) each
        side = np.minimum(left, right)
        step = np.where(straight <= side, 0, np.where(left <= right, -1, 1))  # (w,)
        total[y, 1:-1] = np.minimum(straight, side) + cost[y]
        came[y] = cols + step
    return total[:, 1:-1], came


def _local_minimum(values: np.ndarray, x: int) -> bool:
    """values[x] is no higher than its neighbours (a plateau counts once, at its middle)."""
    v = values[x]
    lo = x
    while lo > 0 and values[lo - 1] == v:
        lo -= 1
    hi = x
    while hi < len(values) - 1 and values[hi + 1] == v:
        hi += 1
    left_ok = lo == 0 or values[lo - 1] > v
    right_ok = hi == len(values) - 1 or values[hi + 1] > v
    return left_ok and right_ok and x == (lo + hi) // 2


def _trace(x: int, mid: int, down_from: np.ndarray, up_from: np.ndarray) -> np.ndarray:
    """The least-ink path through (mid, x): (h,) its column in every row."""
    h = down_from.shape[0]
    path = np.empty(h, np.int64)
    path[mid] = x
    for y in range(mid, 0, -1):
        path[y - 1] = down_from[y, path[y]]
    for y in range(mid, h - 1):
        path[y + 1] = up_from[y, path[y]]
    return path

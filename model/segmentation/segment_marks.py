"""Decimal points and minus signs by their shape (model/segmentation/segment.py): which atoms look like a
"." or a "-" before the recognizer says anything, from their boxes alone.

A point is tiny and low on the line, outside every digit's x range. A minus or a dash is
short, nearly flat and at mid-height of the writing around it; it may touch a neighbour a
little, but never crosses a digit's stroke (a 7's or a 4's crossbar) or sits at the top of
one (a 5's top bar). Boxes are (N, 4) float64 x0, y0, x1, y1 in reading order, y down;
`tiny` marks the atoms small enough to be a point; heights are line heights.
"""

from __future__ import annotations

import numpy as np

from .number import DECIMAL_POINT, MINUS

DOT_LOW = 0.55  # a point (a tiny atom, model/segmentation/segment.py DOT_SIZE) has its center lies below this fraction of the line (0 top, 1 bottom)
MINUS_FLAT = 0.35  # a minus is at most this high for its width
MINUS_MIN_WIDTH = 0.2  # and at least this wide, in line heights
MINUS_MAX_HEIGHT = 0.5  # and at most this high, in line heights
MINUS_BAND = (0.2, 0.85)  # its center within this band of its neighbours' height
BESIDE_BAND = (0.15, 0.9)  # and within this band of the digit beside it
DASH_TOUCH = 0.3  # a minus may share this much of its width with a neighbour's x range
GRAZE = 0.15  # sharing less than this of its width with an atom, a minus only grazes it
TOUCH_BAND = (0.1, 0.9)  # where on a tall neighbour's height a minus touching it may be
TALL = 0.5  # at least this high (line heights): a digit's main stroke, not a bar or a crossbar
NEIGHBOURHOOD = 1.0  # a minus is at mid-height of the writing this near it (line heights in x)
APART_POINT = ","  # mark_atoms: a decimal point whose x range overlaps no larger atom's


def mark_atoms(b: np.ndarray, tiny: np.ndarray, height: float, dashes: bool = False) -> dict[int, str]:
    """The atoms that look like a mark by their geometry alone, by index in reading order: a
    tiny atom low on the line, its center outside every larger atom's x range, is a decimal
    point (".": "," when its x range also overlaps none of them, a point standing apart);
    a flat atom at mid-height apart from the rest a minus ("-": first, or anywhere with
    dashes)."""
    marks: dict[int, str] = {}
    big = b[~tiny]  # (K,4)
    for i in np.flatnonzero(tiny).tolist():
        if _line_position(b, tiny, i) >= DOT_LOW and not _inside_another(b, tiny, i):
            apart = not ((big[:, 0] <= b[i, 2]) & (b[i, 0] <= big[:, 2])).any()
            marks[i] = APART_POINT if apart else DECIMAL_POINT
    if _is_minus(b, tiny, height):
        marks[0] = MINUS
    for k in range(1, len(b) if dashes else 1):
        if _is_dash(b, tiny, height, k):  # "5-", "555-1234": read as written, then no number
            marks[k] = MINUS
    return marks


def dash_shaped(w: float, h: float, height: float) -> bool:
    """A box w wide and h high (any unit, height the line height in it) has a minus's or a
    dash's shape: at least MINUS_MIN_WIDTH line heights wide, at most MINUS_FLAT as high as
    wide and MINUS_MAX_HEIGHT line heights high (a form's row of joined boxes round the
    digits is flat too). Where it stands is for mark_atoms; a picture's blob of this shape
    is never cut into characters (model/segmentation/number_image.py)."""
    return bool(w >= MINUS_MIN_WIDTH * height and h <= MINUS_FLAT * w and h <= MINUS_MAX_HEIGHT * height)


def _is_dash(b: np.ndarray, tiny: np.ndarray, height: float, k: int) -> bool:
    """Atom k (not the first) is a flat dash at mid-height of the writing around it, touching
    its neighbours at most a little (a 7's or a 4's crossbar crosses its stem; a 5's top
    bar sits at the top of its body)."""
    w, h = b[k, 2] - b[k, 0], b[k, 3] - b[k, 1]
    if not dash_shaped(w, h, height):
        return False
    return (
        _touches_at_mid_height(b, k, w, height)
        and _mid_height(b, tiny, k, height)
        and _beside_mid_height(b, tiny, k, -1, height)
    )


def _line_position(b: np.ndarray, tiny: np.ndarray, k: int) -> float:
    """Where atom k's center lies on the line of its nearest non-tiny neighbours: 0 top, 1 bottom."""
    near = [i for i in (_nearest(tiny, k, -1), _nearest(tiny, k, +1)) if i is not None]
    if not near:
        return 1.0
    top, bottom = b[near, 1].mean(), b[near, 3].mean()
    center = (b[k, 1] + b[k, 3]) / 2
    return float((center - top) / max(bottom - top, 1e-9))


def _inside_another(b: np.ndarray, tiny: np.ndarray, k: int) -> bool:
    """Atom k's center lies within the x range of a larger atom: part of a digit, not a point."""
    center = (b[k, 0] + b[k, 2]) / 2
    big = b[~tiny]
    return bool(((big[:, 0] <= center) & (center <= big[:, 2])).any())


def _nearest(tiny: np.ndarray, k: int, step: int) -> int | None:
    i = k + step
    while 0 <= i < len(tiny):
        if not tiny[i]:
            return i
        i += step
    return None


def _is_minus(b: np.ndarray, tiny: np.ndarray, height: float) -> bool:
    """The first atom is a flat dash, mid-height beside what follows, not touching it.
    A short dash counts too (small enough to be a dot candidate, as a quick minus often
    is): its flatness, width and height on the line tell it from a decimal point."""
    if len(b) < 2:
        return False
    w, h = b[0, 2] - b[0, 0], b[0, 3] - b[0, 1]
    if not dash_shaped(w, h, height):
        return False
    return (
        _touches_at_mid_height(b, 0, w, height)
        and _mid_height(b, tiny, 0, height)
        and _beside_mid_height(b, tiny, 0, +1, height)
    )


def _beside_mid_height(b: np.ndarray, tiny: np.ndarray, k: int, step: int, height: float) -> bool:
    """Atom k's center lies within BESIDE_BAND of the digit beside it (step -1: before it,
    +1: after it): the nearest atom at least TALL line heights high that way, with every
    atom centered within its x range (a 5's top bar, an 8's other loop; not a touching
    neighbour). A 5's top bar reaching
    right sits at the top of its own body; a dash after a 5 at mid-height of the 5."""
    i = k + step
    while 0 <= i < len(b) and (tiny[i] or b[i, 3] - b[i, 1] < TALL * height):
        i += step
    if not 0 <= i < len(b):
        return False
    centers = (b[:, 0] + b[:, 2]) / 2  # (N,)
    parts = ~tiny & (b[i, 0] <= centers) & (centers <= b[i, 2])  # (N,) its digit's strokes, not a neighbour's
    parts[k] = False
    top, bottom = b[parts, 1].min(), b[parts, 3].max()
    rel = ((b[k, 1] + b[k, 3]) / 2 - top) / max(bottom - top, 1e-9)
    return BESIDE_BAND[0] <= rel <= BESIDE_BAND[1]


def _touches_at_mid_height(b: np.ndarray, k: int, w: float, height: float) -> bool:
    """A dash (atom k, w wide) shares at most DASH_TOUCH of its width with any other atom's x
    range, and a tall one's (a digit's main stroke) only away from its top and bottom
    (TOUCH_BAND): a dash touching a neighbour, not a 7's or a 4's crossbar crossing its
    stem, nor a 5's top bar on its body."""
    shared = np.minimum(b[:, 2], b[k, 2]) - np.maximum(b[:, 0], b[k, 0])  # (N,) x overlaps
    shared[k] = 0.0
    if (shared > DASH_TOUCH * w).any():
        return False
    center = (b[k, 1] + b[k, 3]) / 2
    for i in np.flatnonzero(shared > GRAZE * w).tolist():
        top, bottom = b[i, 1], b[i, 3]
        if bottom - top >= TALL * height and not TOUCH_BAND[0] <= (center - top) / (bottom - top) <= TOUCH_BAND[1]:
            return False
    return True


def _mid_height(b: np.ndarray, tiny: np.ndarray, k: int, height: float) -> bool:
    """Atom k's center lies within MINUS_BAND of the writing around it: from the highest top
    to the lowest bottom of the atoms (not tiny) less than NEIGHBOURHOOD line heights
    away in x (a neighbour's every stroke: an 8 of two loops, a 5's top bar; a short 0
    beside a tall 9). False when nothing is near."""
    gap = np.maximum(b[:, 0] - b[k, 2], b[k, 0] - b[:, 2])  # (N,) x distance to atom k
    near = ~tiny & (gap < NEIGHBOURHOOD * height)
    near[k] = False
    if not near.any():
        return False
    top, bottom = b[near, 1].min(), b[near, 3].max()
    rel = ((b[k, 1] + b[k, 3]) / 2 - top) / max(bottom - top, 1e-9)
    return MINUS_BAND[0] <= rel <= MINUS_BAND[1]

"""A drawn "!" or "?" among a number's characters: a stroke with a point centred below it.

The number reader (model/segmentation/number_ink.py) reads the bar of a "!" with its point
as a 1 ("7!" read "71"), and the glued-letter rule (glued.py) never asks the "not a digit"
check, since the pieces do not touch. A digit has no separate point below it; a decimal
point is a character of its own, beside the digits at their foot, and is left alone. The
picture path has the same rule on components (model/pictures/punctuation.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

POINT_MAX = 0.2  # a point is at most this fraction of the mark's height, either way
POINT_SMALL = 2.5  # ... and the mark is at least this many times taller than the point
POINT_GAP = 0.45  # the gap between them is at most this fraction of the mark's height
POINT_CENTRE = 0.15  # the point's centre lies within the mark's x range, widened by this much of its height


def point_below(strokes: Sequence[np.ndarray]) -> bool:
    """strokes: one character's strokes, each (P, 2) float (x right, y down, any unit).
    Is one of them a point centred below the others, with a gap?"""
    if len(strokes) < 2:
        return False
    boxes = np.array([[s[:, 0].min(), s[:, 1].min(), s[:, 0].max(), s[:, 1].max()] for s in strokes])  # (S,4)
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        rest = np.delete(boxes, i, axis=0)  # (S-1,4)
        rx0, ry0 = rest[:, 0].min(), rest[:, 1].min()
        rx1, ry1 = rest[:, 2].max(), rest[:, 3].max()
        tall = ry1 - ry0
        size = max(x1 - x0, y1 - y0)
        if tall <= 0 or size > POINT_MAX * tall or tall < POINT_SMALL * size:
            continue
        margin = POINT_CENTRE * tall
        if 0 < y0 - ry1 <= POINT_GAP * tall and rx0 - margin <= (x0 + x1) / 2 <= rx1 + margin:
            return True
    return False

"""Underlines: a flat stroke drawn under a number is no character of it.

People underline a total or an answer. Left in, the line below "47" was read as a digit
of the number ("457", "427") or as a line of its own. An underline is found from the
atoms' boxes alone, before the segmentation (model/segmentation/text_lines.py leaves
it out), for drawn ink and pictures alike:

- flat: at most MINUS_FLAT as high as wide, and UNDERLINE_MIN_WIDTH line heights wide
  (UNDERLINE_APART_MIN_WIDTH when apart, below);
- under the writing: below the bottom of every tall atom (a digit's main stroke, not a
  bar: an "=" is no underlined bar) whose x range it shares, touching them by at most
  UNDERLINE_TOUCH line heights;
- close under it, wider than what it is under: UNDERLINE_WIDER times the widest of
  those atoms, so a 2's base or a 5's bar written apart, as wide as its digit, stays a
  part of it; UNDERLINE_APART line heights below it or more (no part of a digit), any
  width (a digit underlined as wide as it was read "0 / 2", a newcomer's).

An underline that touches the digits is part of their blob and stays (the picture path's
remove_lines takes it when it is long: model/pictures/digit_finder.py). Boxes are (N, 4)
float64 x0, y0, x1, y1, y down.
"""

from __future__ import annotations

import numpy as np

from .segment import line_height
from .segment_marks import MINUS_FLAT, TALL

UNDERLINE_MIN_WIDTH = 0.8  # an underline is at least this wide, in line heights
UNDERLINE_TOUCH = 0.1  # its top may reach this far above the bottom of what it is under, in line heights
UNDERLINE_WIDER = 1.25  # and it is this many times as wide as the widest tall atom above it
UNDERLINE_APART = 0.1  # ... unless it is this far below them, in line heights
UNDERLINE_APART_MIN_WIDTH = 0.5  # then at least this wide (a 1 underlined), in line heights


def underlines(boxes: np.ndarray) -> np.ndarray:
    """(N, 4) boxes -> int64 indices of the atoms that are underlines (often none)."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    if len(boxes) < 2:
        return np.zeros(0, np.int64)
    height = line_height(boxes)
    w, h = boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]  # (N,) each
    tall = (h >= TALL * height) & (h > MINUS_FLAT * w)  # (N,) a digit's main stroke, not a bar
    found = []
    for k in np.flatnonzero((w >= UNDERLINE_APART_MIN_WIDTH * height) & (h <= MINUS_FLAT * w)).tolist():
        above = tall & (boxes[:, 0] < boxes[k, 2]) & (boxes[k, 0] < boxes[:, 2])  # (N,) tall atoms sharing its x range
        above[k] = False
        if not above.any():
            continue
        gap = boxes[k, 1] - boxes[above, 3].max()  # below what it is under, >= -UNDERLINE_TOUCH line heights
        if gap >= UNDERLINE_APART * height or (
            gap >= -UNDERLINE_TOUCH * height
            and w[k] >= max(UNDERLINE_MIN_WIDTH * height, UNDERLINE_WIDER * w[above].max())
        ):
            found.append(k)
    return np.asarray(found, np.int64)

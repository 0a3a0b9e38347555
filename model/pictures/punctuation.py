"""A stroke with a point below it ("!", "?"): a punctuation mark, not a digit.

No digit has a separate point centred below it. The "not a digit" check (model/ood.py)
sees only the 28x28 input, and there "!" is a 1 once the finder has dropped its point as
a speck, and "?" is close to a 7: the picture's components tell them apart. A decimal
point ("7.") sits beside the digit at its foot, not below it, and is left alone.

Measured (bench/photo_cases.py's digit kinds, 100 pictures of each at seeds 7 to 9; 3,000
MNIST test digits and UJI's 220 pen digits as pictures; 2,000 pendigits as pictures): no
digit picture is taken for a mark but one pendigits 1 with a stray dot below it; of 100
pictures of the symbol kind, 22 are (every "!" and "?"), and 3 of 100 noise pictures.
"""

from __future__ import annotations

import numpy as np

from ..formats import NOT_DIGIT_POINT_REASON
from .finder_components import Component, components, union_box

POINT_MESSAGE = NOT_DIGIT_POINT_REASON
POINT_ELONGATION = 2.0  # a point's box is at most this much longer one way than the other
POINT_FILL = 0.5  # ... and its ink fills at least this share of its box
POINT_STROKES = (0.6, 3.5)  # its size, in stroke widths of the mark above it
POINT_SMALL = 2.5  # the mark above is at least this many times taller than the point
POINT_GAP = 0.45  # the gap between them, at most this fraction of the mark's height (at least 1 px)
POINT_MIN = 0.07  # the point is at least this fraction of the mark's height (a hairline's broken tip is less)
POINT_TONE = 0.6  # the point's ink is at least this share as dark as the mark's
POINT_CLEAR = 2.0  # no other ink within this many point sizes of it (clutter, texture)
LINE_CLEAR = 2  # px: no removed ruling line this close to it (a grid's remnant)


def point_below(chosen: list[Component], comps: list[Component], lines: np.ndarray) -> bool:
    """Is one of comps a point centred below the rest of the chosen components?

    chosen: the digit's components (model/pictures/digit_finder.py choose_digit); comps:
    every component of the picture; lines: (H, W) bool, the ruling lines removed from it.
    """
    for point in comps:
        body = [c for c in chosen if c is not point]
        if point.touches_border or not body or not _point_shaped(point, body):
            continue
        x, y, w, h = point.box
        bx0, by0, bx1, by1 = union_box(body)
        tall = by1 - by0
        below = 1 <= y - by1 <= POINT_GAP * tall and POINT_MIN * tall <= max(w, h) and tall >= POINT_SMALL * h
        if below and bx0 <= x + w / 2 <= bx1 and _clear(point, body, comps, lines):
            return True
    return False


def _point_shaped(point: Component, body: list[Component]) -> bool:
    """Compact, filled, about one stroke wide, and as dark as the body's ink."""
    _, _, w, h = point.box
    stroke = max(c.width for c in body)
    tone = sum(c.mass for c in body) / sum(c.area for c in body)  # mean contrast of the body's ink
    return (
        max(w, h) <= POINT_ELONGATION * min(w, h)
        and point.area >= POINT_FILL * w * h
        and POINT_STROKES[0] * stroke <= min(w, h)
        and max(w, h) <= POINT_STROKES[1] * stroke
        and point.mass / point.area >= POINT_TONE * tone
    )


def _clear(point: Component, body: list[Component], comps: list[Component], lines: np.ndarray) -> bool:
    """No other ink and no removed line near the point."""
    x, y, w, h = point.box
    r = POINT_CLEAR * max(w, h)
    for c in comps:
        cx, cy, cw, ch = c.box
        if (
            c is not point
            and c not in body
            and cx < x + w + r
            and cx + cw > x - r
            and cy < y + h + r
            and cy + ch > y - r
        ):
            return False
    return not lines[max(0, y - LINE_CLEAR) : y + h + LINE_CLEAR, max(0, x - LINE_CLEAR) : x + w + LINE_CLEAR].any()


def mask_has_point_below(mask: np.ndarray) -> bool:
    """(h, w) bool ink of one character (a number's, model/segmentation/number_image.py):
    is it a stroke with a point centred below it (point_below on its own components)?"""
    padded = np.pad(mask, 2)  # (h+4, w+4): a tight crop's parts would all touch its border
    comps, _ = components(padded, padded.astype(np.float32))
    return len(comps) >= 2 and point_below(comps, comps, np.zeros(padded.shape, dtype=bool))

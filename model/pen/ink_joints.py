"""Pillow's `draw.line(xy, fill, width, joint="curve")`, pixel for pixel, with the per-joint
trigonometry looked up instead of recomputed (the ink renderer's inner loop, model/pen/ink.py).

Pillow 13 rounds every joint of a wide line with a pie slice, plus a 3 px "gap filler"
polyline for pens wider than 8 px, computing both in Python for each point with several
trigonometric calls. What it derives from one segment (its angle, the two gap-filler
offsets) depends only on the segment's (dx, dy) and the pen width; the ink renderer snaps
points to whole pixels, so the same few thousand (dx, dy) come back again and again. They
are memoized here, computed the first time by Pillow's own expressions with the same
`math` calls (so the same floats); what depends on two segments (the bend side, the pie
slice's angles) is Pillow's arithmetic as it was. tests/model/test_pen_render_speed.py
compares the pixels with Pillow's own line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Terms = tuple[float, tuple[float, float], tuple[float, float]]  # angle, gap offset at angle -90 / +90
MEMO_LIMIT = 60_000  # segments kept per pen width (~370 bytes each; 7,494 pen digits use 1,122); then start afresh
_memo: dict[int, dict[tuple[float, float], Terms]] = {}


def _terms(dx: float, dy: float, half: float) -> Terms:
    """Pillow's expressions for a segment from (x0, y0) to (x0 + dx, y0 + dy)."""
    angle = math.degrees(math.atan2(dx, -dy)) % 360  # Pillow: atan2(x - x0, y0 - y)

    def at(a: float) -> tuple[float, float]:  # Pillow's coord_at_angle, as an offset
        ox = half * math.cos(math.radians(a - 90))
        oy = half * math.sin(math.radians(a - 90))
        return (math.floor(ox) if ox > 0 else math.ceil(ox)), (math.floor(oy) if oy > 0 else math.ceil(oy))

    return angle, at(angle - 90), at(angle + 90)


def curve_line(core, coords: Sequence[tuple[float, float]], width: int, ink: int) -> None:
    """Draw `coords` (a list of (x, y)) as Pillow's line with joint="curve" would.

    core: an ImageDraw.Draw's `.draw` (the C drawing object); ink: its `draw_ink(...)`.
    """
    core.draw_lines(coords, ink, width)
    if width <= 4 or len(coords) < 3:
        return
    half = width / 2 - 1  # Pillow's joint radius and gap distance
    memo = _memo.setdefault(width, {})
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    segments = []
    for (x0, y0), (x1, y1) in zip(coords, coords[1:]):
        key = (x1 - x0, y1 - y0)
        terms = memo.get(key)
        if terms is None:
            terms = memo[key] = _terms(key[0], key[1], half)
        segments.append(terms)
    gaps = width > 8
    for (x, y), (a0, m0, p0), (a1, m1, p1) in zip(coords[1:-1], segments, segments[1:]):
        if a0 == a1:  # straight on: no joint
            continue
        flipped = (a1 > a0 and a1 - 180 > a0) or (a1 < a0 and a1 + 180 > a0)
        start, end = (a1 + 90, a0 + 90) if flipped else (a0 - 90, a1 - 90)
        core.draw_pieslice([(x - half, y - half), (x + half, y + half)], start - 90, end - 90, ink, 1)
        if gaps:
            (g0x, g0y), (g1x, g1y) = (p0, p1) if flipped else (m0, m1)
            core.draw_lines([(x + g0x, y + g0y), (x, y), (x + g1x, y + g1y)], ink, 3)

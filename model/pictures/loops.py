"""Enclosed loops: a digit encloses at most three, a tangled scribble many.

A digit's ink encloses at most two loops (the counters of an 8, of a slashed 0; one of
0, 4, 6, 9), three for a sloppy one (an 8 whose stroke crosses itself again). A
scribble that crosses itself again and again encloses many. The "not a digit" check
(model/ood.py) cannot see this: it reads the 28x28 input, where a tangle's strokes,
brought to MNIST's width, merge into a solid blob like a bold digit's. So the loops are
counted on the ink before it is brought to 28x28: the picture's own mask
(model/pictures/finder_strokes.py) or drawn ink rendered with a thin pen (ink_mask).

Measured, before -> after (a loop counted from LOOP_MIN_SHARE of the ink's size):
- scribbles of bench/photo_cases.py called "not a digit" (`python bench/photo_eval.py
  -n 300 [--seed 5]`): 84.0 -> 90.7% (seed 1), 81.7 -> 90.0% (seed 5); the same random
  walks drawn as ink: 85 -> 89% of 300;
- real digits: no change in any row of `python bench/notdigit_eval.py -n 300` (MNIST
  test, UJI and pendigits digits as pictures and ink, every photo kind) nor in the photo
  kinds' accuracy (98.5% at seed 5). No pendigits digit of 7,494 encloses more than
  MAX_DIGIT_LOOPS as ink, and 1 of 4,000 as a picture; 67 enclose three as ink, hence a
  limit of three, not two.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw

from ..formats import NOT_DIGIT_LOOPS_REASON

LOOPS_MESSAGE = NOT_DIGIT_LOOPS_REASON
MAX_DIGIT_LOOPS = 3  # more enclosed loops than this: no digit (an 8 has two)
LOOP_MIN_SHARE = 0.04  # a loop counts when its area is at least (this * the ink's size)^2 ...
LOOP_MIN_PX = 4  # ... and at least this many px: not a pinhole where strokes cross at a slant
LOOP_MAX_ELONGATION = 4.0  # ... and round: at most this many times the area of the widest circle
# inside it (a circle 1, a square 1.3, a 3:1 box 3.8), not the sliver between two passes of a
# digit gone over twice
INK_LOOP_SIDE = 128  # px: drawn ink's longer side when rendered to count its loops
INK_LOOP_PEN = 0.06  # its pen width, a share of that side: two passes over a digit a little apart are one stroke


def enclosed_loops(mask: np.ndarray) -> int:
    """(H, W) bool ink -> how many regions of paper it encloses (4-connected paper, each
    of at least LOOP_MIN_PX px and (LOOP_MIN_SHARE * the ink's longer side)^2, and round:
    LOOP_MAX_ELONGATION)."""
    ys, xs = np.nonzero(mask)
    if ys.size == 0:
        return 0
    size = max(int(np.ptp(ys)), int(np.ptp(xs))) + 1
    paper = np.pad(~mask.astype(bool), 1, constant_values=True).astype(np.uint8)  # (H+2,W+2)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(paper, connectivity=4)
    depth = cv2.distanceTransform(paper, cv2.DIST_L2, 3)  # (H+2,W+2) px to the nearest ink
    widest = np.zeros(count, np.float32)  # (count,) each region's inscribed radius, px
    np.maximum.at(widest, labels.ravel(), depth.ravel())
    areas = stats[:, cv2.CC_STAT_AREA].astype(np.float32)  # (count,) px
    keep = areas >= max(LOOP_MIN_PX, (LOOP_MIN_SHARE * size) ** 2)
    keep &= areas <= LOOP_MAX_ELONGATION * np.pi * np.maximum(widest, 0.5) ** 2
    keep[[0, labels[0, 0]]] = False  # the ink, and the paper outside (the padding joins it)
    return int(keep.sum())


def too_many_loops(mask: np.ndarray) -> bool:
    """(H, W) bool ink: does it enclose more loops than any digit (MAX_DIGIT_LOOPS)?"""
    return enclosed_loops(mask) > MAX_DIGIT_LOOPS


def ink_mask(strokes: list[np.ndarray]) -> np.ndarray:
    """Strokes, each (P, 2) float x, y (any units, y down) -> (h, w) bool ink drawn with a
    thin round pen (INK_LOOP_PEN), the longer side INK_LOOP_SIDE px."""
    pts = np.concatenate(strokes)  # (P,2)
    lo = pts.min(axis=0)
    extent = max(float(np.ptp(pts, axis=0).max()), 1e-9)
    pen = max(1, round(INK_LOOP_PEN * INK_LOOP_SIDE))
    scale = (INK_LOOP_SIDE - pen) / extent
    w, h = (np.ceil(np.ptp(pts, axis=0) * scale).astype(int) + pen + 2).tolist()
    canvas = Image.new("1", (w, h), 0)
    draw = ImageDraw.Draw(canvas)
    for stroke in strokes:
        xy = [tuple(p) for p in ((stroke - lo) * scale + pen / 2 + 1).tolist()]
        if len(xy) > 1:
            draw.line(xy, fill=1, width=pen, joint="curve")
        for x, y in (xy[0], xy[-1]):  # round caps (and a tap's dot)
            draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=1)
    return np.asarray(canvas, dtype=bool)

"""Enclosed loops: a digit encloses at most three, a tangled scribble many.

A digit's ink encloses at most two loops (the counters of an 8, of a slashed 0; one of
0, 4, 6, 9), three for a sloppy one (an 8 whose stroke crosses itself again). A
scribble that crosses itself again and again encloses many. The "not a digit" check
(model/ood.py) cannot see this: it reads the 28x28 input, where a tangle's strokes,
brought to MNIST's width, merge into a solid blob like a bold digit's. So the loops are
counted on the picture's own mask (model/pictures/finder_strokes.py locate_digit), and a
loop must be round: the slivers of paper between two passes of a digit gone over twice
are long and thin.

Pictures only. Drawn ink was tried (rendered with a thin pen) and left out: drawn
scribbles gained 2 points (85 -> 87%), while 8s gone over two or three times, the passes
5% of the digit apart, were called scribbles (a helper: 9 of 240 pendigits 8s so
retraced), and a person goes over a digit on the canvas more often than a tangle
escapes the check.

Exactly three loops (0.2-0.4% of real digits as pictures, most scribbles the check lets
through) make the check doubt: model/pictures/images.py image_to_input says so, and the
check turns such a picture away formats.NOT_DIGIT_DOUBT_MARGIN logits sooner.

Measured, before -> after (more than three loops; and with the doubt at three):
- scribbles of bench/photo_cases.py called "not a digit" (`python bench/photo_eval.py
  -n 300 --seed S --kinds scribble`): 84.0 -> 90.7 -> 91.7% (seed 1), 81.7 -> 88.7 ->
  91.0% (seed 5);
- real digits: no change in any row of `python bench/notdigit_eval.py -n 300` (MNIST
  test, UJI and pendigits digits as pictures, every photo kind), nor in the photo kinds'
  accuracy. Of 3,000 pendigits digits as pictures, 1 encloses more than MAX_DIGIT_LOOPS;
  the real digits with three scored at most -1.1 on the check (threshold 2.6).
- pendigits digits gone over twice as pictures, the second pass wandering 4 / 6 / 8% of
  the size away: 0 / 0.3 / 2.2% enclose more than MAX_DIGIT_LOOPS (without the roundness
  rule 2.0 / 3.8 / 5.3%). A helper's 8s gone over twice or three times, 5% apart with a
  fine pen, are still called scribbles (tests/model/test_loops.py keeps 2 and 4%).
"""

from __future__ import annotations

import cv2
import numpy as np

from ..formats import NOT_DIGIT_LOOPS_REASON

LOOPS_MESSAGE = NOT_DIGIT_LOOPS_REASON
MAX_DIGIT_LOOPS = 3  # more enclosed loops than this: no digit (an 8 has two)
LOOP_MIN_SHARE = 0.04  # a loop counts when its area is at least (this * the ink's size)^2 ...
LOOP_MIN_PX = 4  # ... and at least this many px: not a pinhole where strokes cross at a slant
LOOP_MAX_ELONGATION = 4.0  # ... and round: at most this many times the area of the widest circle
# inside it (a circle 1, a square 1.3, a 3:1 box 3.8), not the sliver between two passes of a
# digit gone over twice


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
    np.maximum.at(widest, labels.ravel().astype(np.intp), depth.ravel())
    areas = stats[:, cv2.CC_STAT_AREA].astype(np.float32)  # (count,) px
    keep = areas >= max(LOOP_MIN_PX, (LOOP_MIN_SHARE * size) ** 2)
    keep &= areas <= LOOP_MAX_ELONGATION * np.pi * np.maximum(widest, 0.5) ** 2
    keep[[0, labels[0, 0]]] = False  # the ink, and the paper outside (the padding joins it)
    return int(keep.sum())


def too_many_loops(mask: np.ndarray) -> bool:
    """(H, W) bool ink: does it enclose more loops than any digit (MAX_DIGIT_LOOPS)?"""
    return enclosed_loops(mask) > MAX_DIGIT_LOOPS

"""Step 5 of finding the digit in a picture (model/pictures/digit_finder.py): the connected
components of the ink mask, with their size, stroke width and place, and the ones that
make the digit. The components touching the picture's border are dropped when there is
a digit-sized component clear of it; the digit is the heaviest component plus those of
a similar stroke width close to it, less an underline below it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..segmentation.underlines import underlines

SPECK = 0.04  # components lighter than this fraction of the heaviest are specks
DIGIT_MIN_SIDE = 0.06  # a component clear of the border must be this big (of the shorter side) to count
GROUP_GAP = 0.6  # parts of the digit lie within this fraction of its size of each other
GROUP_WIDTH = 2.5  # ... and have a stroke width within this factor of the main part's


@dataclass
class Component:
    """One connected piece of ink: its pixels are labels == index."""

    index: int
    area: int  # px
    mass: float  # sum of the ink contrast over its pixels
    box: tuple[int, int, int, int]  # x, y, width, height in px
    touches_border: bool
    width: float  # stroke width, px

    @property
    def side(self) -> int:
        return max(self.box[2], self.box[3])


def components(mask: np.ndarray, contrast: np.ndarray) -> tuple[list[Component], np.ndarray]:
    """8-connected components of a (H, W) bool mask -> (components, (H, W) int32 labels)."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if n <= 1:
        return [], labels
    h, w = mask.shape
    mass = np.bincount(labels.ravel(), weights=contrast.ravel(), minlength=n)  # (n,)
    dt, ridge = stroke_ridge(mask)  # (H,W) each
    ridge_sum = np.bincount(labels[ridge], weights=dt[ridge], minlength=n)
    ridge_n = np.maximum(np.bincount(labels[ridge], minlength=n), 1)
    out = []
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        border = x == 0 or y == 0 or x + bw == w or y + bh == h
        width = max(1.0, 2.0 * ridge_sum[i] / ridge_n[i] - 1.0)
        out.append(Component(i, area, float(mass[i]), (x, y, bw, bh), border, width))
    return out, labels


def stroke_ridge(mask: np.ndarray, precise: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(H, W) bool ink -> ((H, W) float32 px to the paper, (H, W) bool the strokes' middle
    lines: where that distance is a local maximum). A stroke's width is about twice the
    distance on its middle line, less one. precise: OpenCV's exact distance, not its 3x3
    approximation (which is about 4% short along straight strokes)."""
    size = cv2.DIST_MASK_PRECISE if precise else 3
    dt = cv2.distanceTransform(mask.astype(np.uint8), cv2.DIST_L2, size)  # (H,W)
    return dt, (dt > 0) & (dt >= cv2.dilate(dt, np.ones((3, 3), np.uint8)))


def choose_digit(comps: list[Component], shape: tuple[int, int]) -> list[Component]:
    """The components that make the digit: clear of the border if a digit-sized one is,
    the heaviest one and the parts of similar stroke width close to it, less a line drawn
    under them (model/segmentation/underlines.py: an underlined 7 read as a 2). [] if none."""
    if not comps:
        return []
    heaviest = max(c.mass for c in comps)
    comps = [c for c in comps if c.mass >= SPECK * heaviest]
    inner = [c for c in comps if not c.touches_border and c.side >= DIGIT_MIN_SIDE * min(shape)]
    pool = inner or comps
    main = max(pool, key=lambda c: c.mass)
    chosen = [main]
    grew = True
    while grew:  # add parts near what is chosen so far (a 5's flag, a broken stroke)
        grew = False
        x0, y0, x1, y1 = union_box(chosen)
        size = max(x1 - x0, y1 - y0)
        for c in pool:
            if c in chosen or not (1 / GROUP_WIDTH <= c.width / main.width <= GROUP_WIDTH):
                continue
            cx0, cy0, cw, ch = c.box
            gap = max(x0 - (cx0 + cw), cx0 - x1, y0 - (cy0 + ch), cy0 - y1, 0)
            if gap <= GROUP_GAP * size and c.mass >= SPECK * main.mass:
                chosen.append(c)
                grew = True
    boxes = np.array([(x, y, x + w, y + h) for x, y, w, h in (c.box for c in chosen)], np.float64)  # (K,4)
    drawn_under = set(underlines(boxes).tolist())
    return [c for k, c in enumerate(chosen) if k not in drawn_under]


def union_box(comps: list[Component]) -> tuple[int, int, int, int]:
    """x0, y0, x1, y1 (px, end exclusive) around the components."""
    return (
        min(c.box[0] for c in comps),
        min(c.box[1] for c in comps),
        max(c.box[0] + c.box[2] for c in comps),
        max(c.box[1] + c.box[3] for c in comps),
    )

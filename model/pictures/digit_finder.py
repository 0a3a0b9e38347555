"""Find the digit in a picture: ink against the paper, lines and clutter out, strokes in.

The steps follow document-image practice (OpenCV for the standard operations):

1. :func:`light_ink` - polarity: the paper is the picture's border when the border is
   mostly one tone (a tight crop of a bold digit is mostly ink, yet its border is
   paper), else the majority of the pixels; the result has light ink on dark;
2. :func:`ink_contrast` - a local background: a morphological opening with a window
   several strokes wide removes the ink and keeps the paper, shadows and the desk
   (any dark area wider than the window); the ink is what rises above it, relative
   to the local paper brightness (a shadowed stroke counts as much as a lit one);
3. :func:`ink_mask` - a threshold on that contrast (Otsu's, above the noise floor):
   locally adaptive, since the contrast is measured against the local paper;
4. :func:`remove_lines` - long straight lines and large areas (ruling, grids, frames,
   border lines, page and desk edges) found by morphological openings with long
   horizontal and vertical windows, removed when they reach beyond the rest of the
   ink; the digit's pixels under a removed line are restored;
5. :func:`components` and :func:`choose_digit` - connected components with their
   size, stroke width and place; the ones touching the picture's border are dropped
   when there is a digit-sized component clear of it; the digit is the heaviest
   component plus those of a similar stroke width close to it;
6. model/pictures/finder_strokes.py :func:`normalize_width` - strokes much thinner or bolder than MNIST's (relative to
   the digit's size) are dilated or eroded (distance transform) to MNIST's width, the
   width drawn ink is rendered at (model/pen/ink.py PEN_WIDTH).

The pieces are separate so that a reader of several digits can reuse 1-5 and group
the components its own way.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..preprocess import NoDigit, NothingToRecognize  # noqa: F401  NoDigit: raised here, defined there

MIN_CONTRAST = 0.12  # ink must differ from the paper by this much (0..1 scale)
BORDER_RING = 0.03  # the border ring, as a fraction of the shorter side (at least 1 px)
BORDER_UNIFORM = 0.75  # the ring is "one tone" when this share of it is near its median
BACKGROUND_STROKES = 4.0  # background window: this many stroke widths...
BACKGROUND_MIN = 9  # ... and at least this many px
FIRST_WINDOW = 0.25  # the first background window, as a fraction of the longer side
MOSTLY_INK = 0.35  # more ink than this share of the picture: one background level (the paper's)
TWO_TONES = 0.9  # Otsu separability above which a picture is flat ink on flat paper
SMALL_PICTURE = 64  # pictures smaller than this (px, longer side) have one background level
WINDOW_MIN = 0.125  # the background window is at least this fraction of the longer side
NOISE_SIGMAS = 4.0  # the ink threshold is at least the paper's median + this many std devs
LINE_LENGTH = 0.4  # a line is at least this fraction of the picture's width or height
LINE_GAP = 0.03  # gaps in a line (noise, JPEG) up to this fraction of the picture are bridged
LINE_SPAN = 0.75  # only lines spanning this much of the picture are removed
OVERHANG_MARGIN = 0.1  # a line crossing the rest is removed if it reaches this far beyond it on both sides
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


def light_ink(gray: np.ndarray) -> np.ndarray:
    """(H, W) gray in [0, 1] -> (H, W) with the ink light; all zeros for a flat picture.

    A border of one tone is the paper (clean pictures, tight crops of bold digits).
    Else (a desk, a shadow, a frame across the border: a photo or scan of paper) the
    ink is dark. (Comparing how much thin ink each polarity shows was tried: paper
    between a frame and the digit, or beside a desk, looks like thin light ink.)
    """
    lo, hi = float(gray.min()), float(gray.max())
    if hi - lo < MIN_CONTRAST:
        return np.zeros_like(gray)
    paper = _border_paper(gray)
    if paper is not None:
        return 1.0 - gray if paper > (lo + hi) / 2 else gray
    return 1.0 - gray


def _border_paper(img: np.ndarray) -> float | None:
    """The border ring's median when the ring is mostly one tone, else None."""
    ring = _border_ring(img)
    paper = float(np.median(ring))
    spread = float(img.max() - img.min())
    return paper if np.mean(np.abs(ring - paper) < 0.25 * spread) >= BORDER_UNIFORM else None


def _border_ring(img: np.ndarray) -> np.ndarray:
    t = max(1, int(BORDER_RING * min(img.shape)))
    return np.concatenate([img[:t].ravel(), img[-t:].ravel(), img[t:-t, :t].ravel(), img[t:-t, -t:].ravel()])


def ink_contrast(ink: np.ndarray) -> np.ndarray:
    """Light-on-dark (H, W) -> (H, W) float32 in [0, 1]: how far each pixel rises above the
    local background, relative to the local paper brightness (1 - background).

    The window is BACKGROUND_STROKES times the stroke width found on a first pass,
    and at least WINDOW_MIN of the picture's longer side.
    """
    ink = ink.astype(np.float32)
    if max(ink.shape) < SMALL_PICTURE:  # icons, MNIST itself: digital, evenly lit
        return _rise(ink, np.full_like(ink, np.median(ink)))
    u8 = np.round(ink * 255).astype(np.uint8)
    otsu, _ = cv2.threshold(u8, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    above = u8 > otsu
    if np.mean(above) > MOSTLY_INK and _two_tones(ink, above) and _border_paper(ink) is not None:  # tight, bold
        return _rise(ink, np.full_like(ink, np.median(ink[~above])))
    first = _rise(ink, _background(ink, int(FIRST_WINDOW * max(ink.shape))))
    window = max(int(BACKGROUND_STROKES * _stroke_width_estimate(first)) + 3, int(WINDOW_MIN * max(ink.shape)))
    return _rise(ink, _background(ink, window))


def _two_tones(img: np.ndarray, above: np.ndarray) -> bool:
    """Is the picture two flat tones (ink and paper), not a gradient? Otsu's separability:
    the between-class share of the variance (about 0.75 for an even spread of levels)."""
    total = float(img.var())
    if total <= 0 or above.all() or not above.any():
        return False
    p = float(above.mean())
    between = p * (1 - p) * (float(img[above].mean()) - float(img[~above].mean())) ** 2
    return between / total > TWO_TONES


def _background(ink: np.ndarray, window: int) -> np.ndarray:
    window = min(max(window, BACKGROUND_MIN), 2 * max(ink.shape)) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (window, window))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel, borderType=cv2.BORDER_REPLICATE)


def _rise(ink: np.ndarray, background: np.ndarray) -> np.ndarray:
    return np.clip((ink - background) / np.maximum(1.0 - background, 0.1), 0.0, 1.0)


def _stroke_width_estimate(contrast: np.ndarray) -> float:
    """Typical stroke width (px) of the ink clear of the border (all of it in a tight crop)."""
    mask = ink_mask(contrast)
    if not mask.any():
        return 1.0
    comps, _ = components(mask, contrast)
    inner = [c for c in comps if not c.touches_border and c.area >= 4]
    pick = inner or comps
    heaviest = max(pick, key=lambda c: c.mass)
    return heaviest.width


def ink_mask(contrast: np.ndarray) -> np.ndarray:
    """(H, W) contrast -> (H, W) bool ink: Otsu's threshold, above the paper's noise floor."""
    u8 = np.round(contrast * 255).astype(np.uint8)
    if int(u8.max()) < MIN_CONTRAST * 255:
        return np.zeros(contrast.shape, bool)
    otsu, _ = cv2.threshold(u8, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    back = contrast[u8 <= otsu]
    median = float(np.median(back)) if back.size else 0.0
    sigma = 1.4826 * float(np.median(np.abs(back - median))) if back.size else 0.0
    t = max(otsu / 255.0, median + NOISE_SIGMAS * sigma, MIN_CONTRAST * 0.75)
    return contrast > t


def remove_lines(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(H, W) bool -> (ink without its long lines and large areas, the removed part).

    A horizontal (vertical) line is thin ink that holds a run of LINE_LENGTH of the
    width (height). One that spans LINE_SPAN of the picture is removed when it lies
    apart from the likely digit (the rest's main components), or crosses it and
    reaches well beyond it on both sides. A 7's bar or a 1's stem ends where the
    digit ends, so it stays, even in a tight crop.
    """
    h, w = mask.shape
    u8 = mask.astype(np.uint8)
    gap_w, gap_h = max(3, int(LINE_GAP * w)) | 1, max(3, int(LINE_GAP * h)) | 1  # bridge a broken line
    horiz = _open(_close(u8, (gap_w, 1)), (max(3, int(LINE_LENGTH * w)), 1)) & u8
    vert = _open(_close(u8, (1, gap_h)), (1, max(3, int(LINE_LENGTH * h)))) & u8
    lines = (horiz | vert).astype(bool)
    if not lines.any():
        return mask, np.zeros_like(mask)
    thin = lines & ~_thick_parts(lines, mask)  # a digit's stroke along or across a line is not thin
    rest = _digit_candidate(mask & ~thin)  # (H,W) bool: the likely digit among the rest
    box = _bounds(rest)  # x0, y0, x1, y1 of it, or None
    removed = np.zeros_like(mask)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(lines.astype(np.uint8), connectivity=8)
    for i in range(1, n):
        x, y, bw, bh = (int(v) for v in stats[i, :4])
        if not (bw >= LINE_SPAN * w or bh >= LINE_SPAN * h):
            drop = False  # shorter than the picture: a digit's stroke, or judged with the components
        elif box is None:
            drop = n > 2  # lines only: a lone stroke may be a 1; a ruling with a long 1 loses the 1
        elif not (_near(labels == i, 3) & rest).any():  # apart from the digit: an edge, a frame, a ruling
            drop = True
        else:  # crossing the digit: a ruling reaches well beyond it on both sides, a digit's bar does not
            drop = _overhangs(x, x + bw, box[0], box[2]) or _overhangs(y, y + bh, box[1], box[3])
        if drop:
            removed |= (labels == i) & thin
    if not removed.any():
        return mask, removed
    kept = mask & ~removed
    # the digit's strokes crossing a removed line: close the gap across the line only
    thick = max(3, int(2 * _median_thickness(removed)) + 1)
    k8 = kept.astype(np.uint8)
    across = (_close(k8, (1, thick)).astype(bool) & removed & horiz.astype(bool)) | (
        _close(k8, (thick, 1)).astype(bool) & removed & vert.astype(bool)
    )
    return kept | across, removed


def _thick_parts(lines: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The parts of the lines inside ink much thicker than the lines typically are (a stroke)."""
    t = _median_thickness(lines)
    dt = cv2.distanceTransform(mask.astype(np.uint8), cv2.DIST_L2, 3)  # in the whole ink
    core = (dt > t + 1.5).astype(np.uint8)
    grow = int(t + 1.5) * 2 + 1
    return cv2.dilate(core, np.ones((grow, grow), np.uint8)).astype(bool) & lines


def _open(u8: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    return cv2.morphologyEx(u8, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))


def _close(u8: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    return cv2.morphologyEx(u8, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, size))


def _near(mask: np.ndarray, reach: int) -> np.ndarray:
    return cv2.dilate(mask.astype(np.uint8), np.ones((reach, reach), np.uint8)).astype(bool)


def _median_thickness(lines: np.ndarray) -> float:
    dt = cv2.distanceTransform(lines.astype(np.uint8), cv2.DIST_L2, 3)
    return float(np.median(dt[dt > 0])) if (dt > 0).any() else 1.0


def _digit_candidate(rest: np.ndarray) -> np.ndarray:
    """The components of the rest that choose_digit would take (a contrast of 1 for all)."""
    comps, labels = components(rest, rest.astype(np.float32))
    chosen = choose_digit(comps, rest.shape)
    return np.isin(labels, [c.index for c in chosen]) if chosen else np.zeros_like(rest)


def _bounds(mask: np.ndarray) -> tuple[int, int, int, int] | None:
    ys, xs = np.nonzero(mask)
    return None if ys.size == 0 else (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)


def _overhangs(lo: int, hi: int, rest_lo: int, rest_hi: int) -> bool:
    """Does [lo, hi) reach beyond [rest_lo, rest_hi) by a good margin on both sides?"""
    margin = max(2.0, OVERHANG_MARGIN * (rest_hi - rest_lo))
    return rest_lo - lo > margin and hi - rest_hi > margin


def components(mask: np.ndarray, contrast: np.ndarray) -> tuple[list[Component], np.ndarray]:
    """8-connected components of a (H, W) bool mask -> (components, (H, W) int32 labels)."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if n <= 1:
        return [], labels
    h, w = mask.shape
    mass = np.bincount(labels.ravel(), weights=contrast.ravel(), minlength=n)  # (n,)
    dt = cv2.distanceTransform(mask.astype(np.uint8), cv2.DIST_L2, 3)  # (H,W)
    ridge = (dt > 0) & (dt >= cv2.dilate(dt, np.ones((3, 3), np.uint8)))
    ridge_sum = np.bincount(labels[ridge], weights=dt[ridge], minlength=n)
    ridge_n = np.maximum(np.bincount(labels[ridge], minlength=n), 1)
    out = []
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        border = x == 0 or y == 0 or x + bw == w or y + bh == h
        width = max(1.0, 2.0 * ridge_sum[i] / ridge_n[i] - 1.0)
        out.append(Component(i, area, float(mass[i]), (x, y, bw, bh), border, width))
    return out, labels


def choose_digit(comps: list[Component], shape: tuple[int, int]) -> list[Component]:
    """The components that make the digit: clear of the border if a digit-sized one is,
    the heaviest one and the parts of similar stroke width close to it. [] if none."""
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
        x0, y0, x1, y1 = _union_box(chosen)
        size = max(x1 - x0, y1 - y0)
        for c in pool:
            if c in chosen or not (1 / GROUP_WIDTH <= c.width / main.width <= GROUP_WIDTH):
                continue
            cx0, cy0, cw, ch = c.box
            gap = max(x0 - (cx0 + cw), cx0 - x1, y0 - (cy0 + ch), cy0 - y1, 0)
            if gap <= GROUP_GAP * size and c.mass >= SPECK * main.mass:
                chosen.append(c)
                grew = True
    return chosen


def _union_box(comps: list[Component]) -> tuple[int, int, int, int]:
    return (
        min(c.box[0] for c in comps),
        min(c.box[1] for c in comps),
        max(c.box[0] + c.box[2] for c in comps),
        max(c.box[1] + c.box[3] for c in comps),
    )

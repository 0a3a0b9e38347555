"""Find the digit in a picture: ink against the paper, lines and clutter out, strokes in.

The steps follow document-image practice (OpenCV for the standard operations); a frame
along all four edges of the picture (a box drawn round the digit, the picture cut at the
box's edge: :func:`frame_box`) is cropped away first (model/pictures/images.py), then:

1. :func:`light_ink` (:func:`ink_is_dark`) - polarity: the paper is the picture's border
   when the border is mostly one tone (a tight crop of a bold digit is mostly ink, yet
   its border is paper), unless the border is only the dark corners of paper lit in the
   middle (a lamp's falloff); else the ink is dark; the result has light ink on dark;
2. :func:`ink_contrast` - a local background (:func:`paper_level`): a morphological
   opening with a window several strokes wide removes the ink and keeps the paper,
   shadows and the desk (any dark area wider than the window); the ink is what rises
   above it, relative to the local paper brightness (a shadowed stroke counts as much
   as a lit one);
3. :func:`ink_mask` - a threshold on that contrast (Otsu's, above the noise floor):
   locally adaptive, since the contrast is measured against the local paper;
4. model/pictures/finder_lines.py :func:`remove_lines` - long straight lines and large areas (ruling, grids, frames,
   border lines, page and desk edges) found by morphological openings with long
   horizontal and vertical windows, removed when they reach beyond the rest of the
   ink; the digit's pixels under a removed line are restored;
5. model/pictures/finder_components.py :func:`components` and :func:`choose_digit` - connected components with their
   size, stroke width and place; the ones touching the picture's border are dropped
   when there is a digit-sized component clear of it; the digit is the heaviest
   component plus those of a similar stroke width close to it;
6. model/pictures/finder_strokes.py :func:`normalize_width` - strokes much thinner or bolder than MNIST's (relative to
   the digit's size) are dilated or eroded (distance transform) to MNIST's width, the
   width drawn ink is rendered at (model/pen/ink.py PEN_WIDTH).

The pieces are separate so that a reader of several digits can reuse 1-5 and group
the components its own way; all of them can be imported from here.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..preprocess import NoDigit, NothingToRecognize  # noqa: F401  NoDigit: raised here, defined there
from .finder_components import Component, choose_digit, components  # noqa: F401  steps 5, here as before
from .finder_lines import remove_lines  # noqa: F401  step 4, here as before

MIN_CONTRAST = 0.12  # ink must differ from the paper by this much (0..1 scale)
BORDER_RING = 0.03  # the border ring, as a fraction of the shorter side (at least 1 px)
BORDER_UNIFORM = 0.75  # the ring is "one tone" when this share of it is near its median
BACKGROUND_STROKES = 4.0  # background window: this many stroke widths...
BACKGROUND_MIN = 9  # ... and at least this many px
FIRST_WINDOW = 0.25  # the first background window, as a fraction of the longer side
MOSTLY_INK = 0.35  # more ink than this share of the picture: one background level (the paper's)
TIGHT_MARGIN = 0.05  # a tight crop's ink comes this close (of the side, at least 2 px) to all four sides
TWO_TONES = 0.9  # Otsu separability above which a picture is flat ink on flat paper
LIT_WIDTH = 0.25  # a bright area with a dark border this wide (of the longer side) is lit paper, not ink
LIT_CLOSE = 0.04  # ... once dark marks narrower than this (of the longer side) are closed over
SMALL_PICTURE = 64  # pictures smaller than this (px, longer side) have one background level
WINDOW_MIN = 0.125  # the background window is at least this fraction of the longer side
NOISE_SIGMAS = 4.0  # the ink threshold is at least the paper's median + this many std devs
FRAME_MAX = 0.25  # a frame along the picture's edges is at most this share of the shorter side wide
FRAME_FULL = 0.9  # a frame's rows and columns are at least this share of its tone
FRAME_LINE = 0.04  # a line along the border is at most twice this share of the shorter side wide
CLEAN_SHARE = 0.98  # a clean picture's digit holds at least this share of its ink pixels


def light_ink(gray: np.ndarray, dark_ink: bool | None = None) -> np.ndarray:
    """(H, W) gray in [0, 1] -> (H, W) with the ink light; all zeros for a flat picture.

    dark_ink: the polarity when already known (a closer re-cut of a picture whose
    polarity was decided on the whole of it), else :func:`ink_is_dark` decides.
    """
    lo, hi = float(gray.min()), float(gray.max())
    if hi - lo < MIN_CONTRAST:
        return np.zeros_like(gray)
    return 1.0 - gray if (ink_is_dark(gray) if dark_ink is None else dark_ink) else gray


def ink_is_dark(gray: np.ndarray) -> bool:
    """(H, W) gray in [0, 1] -> is the ink darker than the paper?

    A border of one tone is the paper (clean pictures, tight crops of bold digits),
    unless it is darker than the middle tone only because the light falls off toward
    the corners (_lit_middle). Else (a desk, a shadow, a frame across the border: a
    photo or scan of paper) the ink is dark. (Comparing how much thin ink each polarity
    shows was tried: paper between a frame and the digit, or beside a desk, looks like
    thin light ink.)
    """
    paper = _border_paper(gray)
    lo, hi = float(gray.min()), float(gray.max())
    if paper is None or paper > (lo + hi) / 2:
        return True
    return max(gray.shape) >= SMALL_PICTURE and _lit_middle(gray, paper)  # small: digital, evenly lit


def _lit_middle(gray: np.ndarray, paper: float) -> bool:
    """Is a picture whose border is darker than its middle tone light paper in uneven
    light (a lamp's or a lens's falloff to darker corners), not light ink on dark paper?
    Light ink is strokes or, when it covers much of the picture (a tight crop of a bold
    digit), two flat tones; lit paper is an area wider than any stroke (a disc of LIT_WIDTH
    of the picture's longer side fits in it once the dark ink across it is closed over),
    in a gradient. bench/photo_eval.py -n 100 --kinds vignette: 96 -> 99%. A faint grey pen on a sheet
    whose corners fall to 70% was read as light ink, the lit middle as one blob of it:
    "not a digit" (a newcomer's photos)."""
    lit = gray > (paper + float(gray.max())) / 2  # (H,W) bool: nearer the brightest than the border
    if _two_tones(gray, lit):
        return False
    side = max(3, int(LIT_CLOSE * max(gray.shape))) | 1  # the dark ink drawn across lit paper closed over
    whole = cv2.morphologyEx(lit.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((side, side), np.uint8))
    inside = cv2.distanceTransform(whole, cv2.DIST_L2, 3)  # (H,W) px to the nearest dark pixel
    return float(inside.max()) > LIT_WIDTH * max(gray.shape) / 2


def _border_paper(img: np.ndarray) -> float | None:
    """The border ring's median when the ring is mostly one tone, else None. A frame along
    the picture's edges (:func:`frame_box`) is not the paper: the ring inside it is."""
    frame = frame_box(img)
    if frame is not None:
        top, bottom, left, right = frame
        return _border_paper(img[top:bottom, left:right])
    ring = _border_ring(img)
    paper = float(np.median(ring))
    spread = float(img.max() - img.min())
    if np.mean(np.abs(ring - paper) < 0.25 * spread) < BORDER_UNIFORM:
        return None
    return None if _thin_band(np.abs(img - paper) < 0.25 * spread) else paper


def _thin_band(tone: np.ndarray) -> bool:
    """(H, W) bool, the border ring's tone -> is the part of it that touches the border a
    line along it (a box drawn by hand round the digit, a little askew, the picture cut at
    or through it), no wider than 2 * FRAME_LINE of the shorter side? Paper round a digit,
    even a bold one cropped tight, is wider somewhere. A box round a digit, cut through,
    was taken for dark paper and the paper inside it for light ink: "not a digit" (9 of 40
    of a newcomer's boxes)."""
    n, labels = cv2.connectedComponents(tone.astype(np.uint8), connectivity=8)
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    band = np.isin(labels, edge[edge > 0])  # (H,W) bool: the tone's parts that touch the border
    inside = cv2.distanceTransform(np.pad(band, 1).astype(np.uint8), cv2.DIST_L2, 3)  # beyond the border: not the tone
    return float(inside.max()) <= FRAME_LINE * min(tone.shape)


def frame_box(img: np.ndarray) -> tuple[int, int, int, int] | None:
    """(H, W) gray -> (top, bottom, left, right), end exclusive, of the picture inside a
    frame along all four edges, or None when there is none: on every side, rows (columns)
    at least FRAME_FULL of the edge's tone, together at most FRAME_MAX of the shorter
    side, and the ring just inside them of another tone. A picture of a digit in a drawn
    box, cut at the box's edge, had the box taken for the paper (or a thin one made the
    border two-toned) and the paper for the ink, or the box for the digit. A tight crop
    of a bold digit is never all ink along all four sides."""
    spread = float(img.max() - img.min())
    if spread < MIN_CONTRAST:
        return None
    edge = np.concatenate([img[0], img[-1], img[:, 0], img[:, -1]])
    tone = float(np.median(edge))
    near = np.abs(img - tone) < 0.25 * spread  # (H,W) bool: the frame's tone
    limit = max(1, int(FRAME_MAX * min(img.shape)))
    depth = []
    for side in (near, near[::-1], near.T, near.T[::-1]):  # top, bottom, left, right: rows from the edge
        full = side[:limit].mean(axis=1) >= FRAME_FULL  # (limit,) bool
        k = limit if full.all() else int(np.argmin(full))
        if k == 0 or k == limit:
            return None
        depth.append(k)
    top, bottom, left, right = depth[0], img.shape[0] - depth[1], depth[2], img.shape[1] - depth[3]
    inside = img[top:bottom, left:right]
    if min(inside.shape) <= 2 * max(1, int(BORDER_RING * min(img.shape))):
        return None
    ring = _border_ring(inside)
    return (top, bottom, left, right) if np.mean(np.abs(ring - tone) < 0.25 * spread) < 1 - BORDER_UNIFORM else None


def _border_ring(img: np.ndarray) -> np.ndarray:
    t = max(1, int(BORDER_RING * min(img.shape)))
    return np.concatenate([img[:t].ravel(), img[-t:].ravel(), img[t:-t, :t].ravel(), img[t:-t, -t:].ravel()])


def ink_contrast(ink: np.ndarray, floor: np.ndarray | None = None, min_window: int = 0) -> np.ndarray:
    """Light-on-dark (H, W) -> (H, W) float32 in [0, 1]: how far each pixel rises above the
    local background (:func:`paper_level`), relative to the local paper brightness
    (1 - background).

    floor: (H, W) float32, a background known from a wider view (a re-cut's share of
    the whole picture's): the background is at least that (a shadow cut short by the
    re-cut is narrower than its window, and would be taken for ink). min_window: px, the
    background window is at least this (paper_level).
    """
    ink = ink.astype(np.float32)
    background = paper_level(ink, min_window)
    if floor is not None:
        background = np.maximum(background, floor)
    return _rise(ink, background)


def paper_level(ink: np.ndarray, min_window: int = 0) -> np.ndarray:
    """Light-on-dark (H, W) -> (H, W) float32 background: the paper, shadows and the desk.

    A morphological opening whose window (background_window) is BACKGROUND_STROKES times
    the stroke width found on a first pass, and at least WINDOW_MIN of the picture's
    longer side and min_window px; one level for small pictures and for tight crops of
    bold digits.
    """
    ink = ink.astype(np.float32)
    u8 = np.round(ink * 255).astype(np.uint8)
    otsu, _ = cv2.threshold(u8, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    above = u8 > otsu  # (H,W) bool: the ink side of Otsu's threshold
    if max(ink.shape) < SMALL_PICTURE:  # icons, MNIST itself: digital, evenly lit
        # the paper's level is the dark class's (a tight bold digit is mostly ink: not the median)
        return np.full_like(ink, np.median(ink[~above] if (~above).any() else ink))
    if np.mean(above) > MOSTLY_INK and _two_tones(ink, above) and _spans(above) and _border_paper(ink) is not None:
        # a tight crop of a bold digit (not a broad shadow beside a thin one: it spans the picture)
        return np.full_like(ink, np.median(ink[~above]))
    return _background(ink, max(background_window(ink), min_window))


def background_window(ink: np.ndarray) -> int:
    """Light-on-dark (H, W) -> the window (px) of paper_level's opening: BACKGROUND_STROKES
    stroke widths found on a first pass, at least WINDOW_MIN of the longer side."""
    first = _rise(ink, _background(ink, int(FIRST_WINDOW * max(ink.shape))))
    return max(int(BACKGROUND_STROKES * _stroke_width_estimate(first)) + 3, int(WINDOW_MIN * max(ink.shape)))


def _spans(above: np.ndarray) -> bool:
    """Does the (H, W) bool ink reach within TIGHT_MARGIN of all four sides (a tight crop)?"""
    rows, cols = np.flatnonzero(above.any(axis=1)), np.flatnonzero(above.any(axis=0))
    if rows.size == 0:
        return False
    h, w = above.shape
    mh, mw = max(2, int(TIGHT_MARGIN * h)), max(2, int(TIGHT_MARGIN * w))
    return bool(rows[0] <= mh and rows[-1] >= h - 1 - mh and cols[0] <= mw and cols[-1] >= w - 1 - mw)


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


def is_clean(gray: np.ndarray, digit: np.ndarray, contrast: np.ndarray) -> bool:
    """Was the digit plain to see? (H, W) gray in [0, 1] (the working image), the (H, W)
    bool digit found in it and its (H, W) contrast -> True when the picture is flat ink
    on flat paper (:func:`_two_tones`) and the digit is all of the ink (CLEAN_SHARE of
    its pixels: no line, edge, shadow or other mark was left out). Such a picture is
    judged by the "not a digit" check's own threshold for clean pictures (model/ood.py
    clean_threshold): the finder made no choice whose mistakes (a bar kept without the
    faint rest of a 5, a grid's square) the pictures' threshold must forgive."""
    mask = ink_mask(contrast)  # (H,W) bool: all the ink
    if not mask.any() or digit.sum() < CLEAN_SHARE * mask.sum():
        return False
    return _two_tones(light_ink(gray), mask)

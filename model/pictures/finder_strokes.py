"""The digit found in a picture, its strokes brought to MNIST's width.

:func:`find_digit` runs model/pictures/digit_finder.py's steps on a working-size gray picture
and returns the digit's ink (light on dark, float in [0, 1]) ready for to_mnist.
:func:`normalize_width` changes the stroke width of a digit whose strokes are much
thinner or bolder than MNIST's relative to its size (a 1-px paint-program line, a
saved drawing at a small pen width, a marker): the digit is brought to about
NORMALIZE_SIDE px, its mask dilated or eroded (by the distance transform, which is
Euclidean: round strokes stay round) to the width drawn ink is rendered at, and
softened like drawn ink (model/pen/ink.py EDGE_BLUR). Digits already within MNIST's
range of widths keep their own gray levels.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..pen.ink import EDGE_BLUR, PEN_WIDTH, stroke_width
from ..preprocess import BOX_SIZE
from .digit_finder import (
    SMALL_PICTURE,
    NoDigit,
    choose_digit,
    components,
    ink_contrast,
    ink_mask,
    light_ink,
    remove_lines,
)
from .loops import LOOPS_MESSAGE, too_many_loops
from .punctuation import POINT_MESSAGE, point_below

MNIST_RELATIVE_WIDTH = PEN_WIDTH / BOX_SIZE  # stroke width / digit size in MNIST (and drawn ink): 0.13
# MNIST's 0.5th..96th percentiles of that ratio (measured: 0.09, 0.20): left as they are.
# The 99th (0.23) left a bold pen 1 with a long flag bold enough to close the flag's angle
# into a 9's loop: bench/photo_eval.py -n 200 bold 96.5 -> 100%, tight-bold 98.5 -> 99.0%,
# MNIST test as 112-px pictures 99.30 -> 99.33% of 3,000, number_eval --picture unchanged.
WIDTH_BAND = (0.09, 0.20)
NORMALIZE_SIDE = 100  # the digit is brought to about this size (px) before its width is changed
MASK_GROW = 1  # px: the digit's gray ink is taken a little beyond its mask (anti-aliased rims)


def find_digit(gray: np.ndarray) -> np.ndarray:
    """(H, W) gray in [0, 1] (either polarity) -> (h, w) float32 ink of the digit alone.

    All zeros for a picture with no ink (a blank page); NoDigit when there is ink but
    every piece of it is a line, an edge or clutter.
    """
    found = locate_digit(gray)
    if found is None:
        return np.zeros(gray.shape, np.float32)
    return digit_ink(*found)


def locate_digit(
    gray: np.ndarray,
    dark_ink: bool | None = None,
    near: np.ndarray | None = None,
    floor: np.ndarray | None = None,
    min_window: int = 0,
) -> tuple[np.ndarray, np.ndarray] | None:
    """(H, W) gray -> ((H, W) bool mask of the digit, (H, W) float32 ink contrast), in the
    picture's own frame; None for a blank picture; NoDigit for ink that is no digit.

    A closer look at a digit already found (model/pictures/images.py) passes the
    polarity found on the whole picture (dark_ink) and near, (H, W) bool, where the
    digit was: only pieces of ink that overlap it are the digit's (a shadow's edge or the
    page's, cut short by the re-cut, is no longer long or wide enough to be told from
    ink on its own), and floor, (H, W) float32, the whole picture's background there
    (digit_finder.ink_contrast), and min_window, px: the background's window is at least
    the first look's, at this scale (a bold digit fills most of a re-cut: a window set by
    the re-cut's size would take its strokes for paper, and a ruling's thin lines, not
    its strokes, would set it).
    """
    contrast = ink_contrast(light_ink(gray, dark_ink), floor, min_window)  # (H,W)
    mask = ink_mask(contrast)
    if not mask.any():
        return None
    cleaned, lines = remove_lines(mask)
    comps, labels = components(cleaned, contrast)
    if near is not None:  # only the pieces of ink that overlap the digit found first
        hits = np.bincount(labels[near], minlength=len(comps) + 1)  # (n+1,) px of each label near it
        comps = [c for c in comps if hits[c.index] > 0]
    chosen = choose_digit(comps, cleaned.shape)
    if not chosen:
        raise NoDigit("no digit found: only lines and edges")
    if point_below(chosen, comps, lines):
        raise NoDigit(POINT_MESSAGE)
    digit = np.isin(labels, [c.index for c in chosen])  # (H,W)
    if too_many_loops(digit):  # a tangled scribble (model/pictures/loops.py)
        raise NoDigit(LOOPS_MESSAGE)
    return digit, contrast


def digit_ink(digit: np.ndarray, contrast: np.ndarray) -> np.ndarray:
    """The located digit -> its ink for to_mnist: the gray contrast, or (strokes far from
    MNIST's width in a picture large enough to redraw them) a width-normalized mask."""
    if max(digit.shape) < SMALL_PICTURE:  # MNIST-sized: no room to redraw, and already MNIST-like
        return _gray_digit(digit, contrast)
    return normalize_width(digit, contrast)


def _gray_digit(digit: np.ndarray, contrast: np.ndarray) -> np.ndarray:
    """The contrast inside the digit's mask grown by MASK_GROW px (its anti-aliased rim)."""
    grown = cv2.dilate(digit.astype(np.uint8), np.ones((2 * MASK_GROW + 1,) * 2, np.uint8)).astype(bool)
    return np.where(grown, contrast, 0.0).astype(np.float32)


def normalize_width(digit: np.ndarray, contrast: np.ndarray) -> np.ndarray:
    """(H, W) bool digit mask and contrast -> (h, w) float32 ink at MNIST's relative width.

    Within WIDTH_BAND of the digit's size the gray contrast inside the (slightly grown)
    mask is returned as it is; else a re-drawn mask cropped to the digit.
    """
    ys, xs = np.nonzero(digit)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    size = max(y1 - y0, x1 - x0)
    gray = _gray_digit(digit, contrast)  # (H,W)
    if WIDTH_BAND[0] <= float(stroke_width(gray)) / size <= WIDTH_BAND[1]:  # measured as on MNIST
        return gray
    width = float(stroke_width(digit.astype(np.float32)))
    crop: np.ndarray = digit[y0:y1, x0:x1].astype(np.float32)  # (h,w)
    scale = NORMALIZE_SIDE / size
    if scale > 1:  # small digits: work at NORMALIZE_SIDE so that the width is exact enough
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)
        size, width = size * scale, width * scale
    mask = np.pad(crop > 0.5, int(size * 0.2) + 2)  # room to grow
    # In drawn ink the skeleton spans BOX_SIZE - PEN_WIDTH and the pen is PEN_WIDTH wide.
    skeleton = max(size - width, 1.0)
    target = skeleton * MNIST_RELATIVE_WIDTH / (1.0 - MNIST_RELATIVE_WIDTH)
    out = _set_width(mask, width, target)
    sigma = EDGE_BLUR * (size / BOX_SIZE)
    out = out.astype(np.float32)
    return cv2.GaussianBlur(out, (0, 0), sigma) if sigma > 0.3 else out


def _set_width(mask: np.ndarray, width: float, target: float) -> np.ndarray:
    """Grow (thin strokes) or shrink (bold) a bool mask's strokes from `width` to `target` px."""
    u8 = mask.astype(np.uint8)
    if target > width:
        dist = cv2.distanceTransform(1 - u8, cv2.DIST_L2, 5)  # distance to the ink
        return dist <= (target - width) / 2
    dist = cv2.distanceTransform(u8, cv2.DIST_L2, 5)  # distance to the paper
    shrunk = dist > (width - target) / 2
    # keep every part: a piece the erosion would wipe out keeps its centre line
    if shrunk.sum() < 0.25 * mask.sum():
        return mask
    return shrunk

"""Image files to MNIST-style digits: find the ink, then the shared to_mnist path.

Any mode (RGB, RGBA with transparency, palette, 16-bit, grayscale, CMYK), any size,
either polarity. The steps, in :func:`image_to_ink`:

1. decode (model/pictures/image_files.py: JPEG at reduced size), apply the EXIF
   rotation, flatten transparency onto a background that contrasts with the opaque
   pixels, make it gray;
2. level ruled or squared paper photographed askew (model/pictures/ruling_tilt.py);
3. shrink so the longer side is at most WORK_SIDE (the digit ends up 20 px anyway;
   larger on a page of dense rulings, _work_side), the ink widened first on a large
   picture so that thin strokes survive (shrink);
4. find the digit (model/pictures/digit_finder.py, model/pictures/finder_strokes.py):
   polarity, a local background (shadows, uneven light), an adaptive threshold, long
   lines and the desk's or page's edge out, the digit's components chosen, strokes
   brought to MNIST's width when they are far thinner or bolder; a digit small in a
   large picture is looked at again, closer.
Then to_mnist crops, fits into 20x20, centers by mass.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np
from PIL import Image

from ..formats import BLANK_PICTURE_REASON, NOT_DIGIT_TEXTURE_REASON
from ..preprocess import NothingToRecognize, to_mnist
from .digit_finder import (
    MIN_CONTRAST,
    NoDigit,
    background_window,
    frame_box,
    ink_contrast,
    ink_is_dark,
    ink_mask,
    is_clean,
    light_ink,
    paper_level,
)
from .finder_strokes import digit_ink, locate_digit
from .image_files import DECODE_SIDE, ImageInput, open_image, to_gray
from .loops import MAX_DIGIT_LOOPS, enclosed_loops
from .ruling_tilt import Levelled, Ruling, find_ruling, level

__all__ = [
    "ImageInput",
    "PictureInput",
    "image_to_input",
    "image_to_mnist",
    "level_rulings",
    "open_image",
    "shrink",
    "to_gray",
]


class PictureInput(NamedTuple):
    """What the finder makes of a picture of one digit (image_to_input)."""

    image: np.ndarray  # (28, 28) float32 in [0, 1], MNIST-style
    doubtful: bool  # as many loops as a digit can enclose (model/pictures/loops.py), or grainy all over
    clean: bool  # flat ink on flat paper, all of it the digit (digit_finder.is_clean)


WORK_SIDE = 256  # longer side of the working image
# A picture shrunk 2.5-fold or more has its ink widened first, so that a 1-px stroke
# keeps about this share of its contrast in the working image (shrink). 0.4 left the
# 1-px strokes of a number on a 3,000-px picture in pieces at 640 px ("4" read "311").
THIN_KEEP = 0.6
RULED_SHARE = 0.6  # ... nor when a row or column of it is this much ink (a ruled line)
THIN_LOST = 0.5  # ... when no ink keeps this share of its contrast when shrunk as it is
FLAT_STEP = 0.5 / 255  # median step between neighbouring pixels below which the paper is flat
ZOOM_BELOW = 0.5  # a digit spanning less than this of the working image is re-cut at full size
ZOOM_MARGIN = 0.25  # margin around it, as a fraction of its size
NEAR_GROW = 2  # working px: the re-cut keeps the ink this close to the digit found first
RULED_SPACING = 30  # px: rulings closer than this at the working size: the picture is worked larger ...
RULED_SIDE = DECODE_SIDE  # ... up to this longer side (what a JPEG decodes to at least)
# A picture with no ink found whose neighbouring pixels differ this much on average is
# noise or a texture: "not a digit", not "blank" (blank paper with light noise: < 0.02).
TEXTURE_STEP = 0.06
TEXTURE_MESSAGE = NOT_DIGIT_TEXTURE_REASON


def _shrink(gray: np.ndarray) -> np.ndarray:
    """Longer side at most WORK_SIDE (shrink)."""
    return shrink(gray, WORK_SIDE)


def shrink(gray: np.ndarray, side: int) -> np.ndarray:
    """(H, W) gray in [0, 1] -> (h, w) float32, longer side at most `side`, area-averaged
    (the picture as it is when it is no larger).

    Averaging thins a stroke's contrast with the shrink: a 1-px line on a 2,000-px picture
    keeps 1/8 of it at 256 px, too faint to tell from the paper. So when nothing in the
    picture keeps half its contrast (THIN_LOST: all its ink is hairlines), the ink is
    widened first by round(THIN_KEEP * factor) px, when that is 2 or more (a shrink of
    2.5-fold or more; a grey-level erosion of dark ink, a dilation of light ink): a 1-px
    stroke keeps about THIN_KEEP of its contrast. Only a picture on flat paper (a paint
    program's, a render: most neighbouring pixels equal) is widened: a photo's grain would
    grow into specks of ink, and a lens never draws 1-px lines. A picture with ink of
    normal width (a number of ordinary strokes on a screenshot with small text, a grid
    with a digit on it), or ruled or squared paper (a row or a column more than
    RULED_SHARE ink), is shrunk as it is: widened, its text and lines grew into blobs.
    The ink's side is the extreme farther from the paper (the median).
    bench/photo_eval.py -n 200: thin-large (1-3 px on 1,000-2,600 px) 76.5 -> 100%, every
    other kind as before."""
    h, w = gray.shape
    factor = max(h, w) / side
    if factor <= 1:
        return gray
    size = (max(1, round(w / factor)), max(1, round(h / factor)))
    plain = np.asarray(Image.fromarray(gray, mode="F").resize(size, Image.Resampling.BOX), dtype=np.float32)
    widen = int(round(THIN_KEEP * factor))
    rows = gray[:: max(1, h // 200)]  # (~200,W) a sample of the rows
    if widen < 2 or float(np.median(np.abs(np.diff(rows, axis=1)))) >= FLAT_STEP:
        return plain
    paper = float(np.median(rows))
    lo, hi = float(gray.min()), float(gray.max())
    dark = paper - lo >= hi - paper
    reach = (paper - lo) if dark else (hi - paper)  # the ink's contrast at full size
    if float(np.abs(plain - paper).max()) >= THIN_LOST * reach:
        return plain  # some ink kept its contrast: it is not all hairlines
    inked = np.abs(gray - paper) > 0.1 * reach  # (H,W) any ink, faint lines too
    if max(float(inked.mean(axis=1).max()), float(inked.mean(axis=0).max())) > RULED_SHARE:
        return plain  # ruled or squared paper: widened, its lines would swallow a thin digit's
    kernel = np.ones((widen, widen), np.uint8)
    gray = (cv2.erode if dark else cv2.dilate)(gray.astype(np.float32, copy=False), kernel)  # (H,W)
    return np.asarray(Image.fromarray(gray, mode="F").resize(size, Image.Resampling.BOX), dtype=np.float32)


def level_rulings(
    gray: np.ndarray, work: np.ndarray | None = None, faint: bool = False
) -> tuple[np.ndarray, Levelled | None, Ruling | None]:
    """(H, W) gray -> the picture with its rulings level (model/pictures/ruling_tilt.py: ruled
    or squared paper photographed askew), how it was levelled (None when it has no
    rulings or they are level) and its rulings (None when it has none; their spacing in
    px of work). work: the picture shrunk (shrink), if at hand.
    The rulings are looked for in the ink the digit finder keeps (ink_mask) or, faint,
    in all that rises MIN_CONTRAST above the paper: a number's finder, at a larger working
    size, keeps rulings the digit's finder leaves out ("41" on a page turned 3 degrees read
    "5532525225252555"). bench/photo_eval.py -n 200 --kinds tilted, one digit: 191 of 200
    right finding the tilt in ink_mask, 187 in the faint ink, 41 of 100 unlevelled."""
    work = _shrink(gray) if work is None else work
    contrast = ink_contrast(light_ink(work))  # (h,w)
    ruling = find_ruling(contrast > MIN_CONTRAST if faint else ink_mask(contrast))
    if ruling is None or not ruling.angle:
        return gray, None, ruling
    return (*level(gray, ruling.angle), ruling)


def _work_side(gray: np.ndarray, work: np.ndarray, ruling: Ruling | None) -> int:
    """The working image's longer side for the (H, W) picture: WORK_SIDE, or on ruled or
    squared paper with rulings closer than RULED_SPACING px on `work`, larger, up to
    RULED_SIDE (and the picture's own size). A digit a line or two tall on a photo of a
    whole notebook page is some 16 px at WORK_SIDE, its strokes a pixel wide among the
    lines: a newcomer's pages (digit 1.5 line spacings tall, 20 of each) read 11 of 20
    at 256 px, 20 of 20 at 512."""
    if ruling is None or ruling.spacing >= RULED_SPACING:
        return WORK_SIDE
    wanted = max(work.shape) * RULED_SPACING / max(ruling.spacing, 1.0)  # the side at which they are that far apart
    return int(min(RULED_SIDE, max(gray.shape), max(WORK_SIDE, wanted)))


def image_to_ink(img: Image.Image) -> np.ndarray:
    """(H, W) float32 in [0, 1] with ink = 1, whatever the mode, size and polarity
    (_find_ink's ink)."""
    return _find_ink(img)[0]


def _find_ink(img: Image.Image) -> tuple[np.ndarray, np.ndarray | None, bool, bool]:
    """(H, W) float32 ink in [0, 1] (ink = 1), the (h, w) bool mask of the digit found
    (None when there is no ink), whether the picture is clean (digit_finder.is_clean;
    never for a picture framed or looked at closer) and whether it is grainy all over
    (_is_texture: noise, a texture).

    A digit small in a large image (a photo taken from afar) is found on the
    working image, then cut from the decoded image (JPEGs decode at 2 * WORK_SIDE
    or more) and processed again, with the polarity decided on the whole picture and
    only the ink near the digit found first (the re-cut may hold a corner of a
    shadow or of the page, too small there to be told from ink).
    """
    gray = to_gray(img)  # (H,W)
    frame = frame_box(gray)
    if frame is not None:  # a box drawn round the digit, cut at its edge: the digit is inside
        gray = gray[frame[0] : frame[1], frame[2] : frame[3]]
    work = _shrink(gray)  # (h,w), longer side <= WORK_SIDE
    gray, levelled, ruling = level_rulings(gray, work)
    side = _work_side(gray, work, ruling)  # larger on a page of dense rulings
    if levelled is not None or side != WORK_SIDE:
        work = shrink(gray, side)  # (h,w), longer side <= side
    grainy = _is_texture(work)
    found = locate_digit(work)  # (digit mask, contrast) on the working image, or None
    if found is None:
        return np.zeros(work.shape, np.float32), None, False, grainy
    clean = frame is None and is_clean(work, *found)
    box = _ink_box(found[0])
    assert box is not None  # locate_digit's mask holds the chosen components' pixels: never empty
    scale = max(gray.shape) / max(work.shape)  # full-res px per working px
    top, bottom, left, right = box
    margin = ZOOM_MARGIN * max(bottom - top, right - left)
    if scale > 1 and max(bottom - top, right - left) + 2 * margin <= ZOOM_BELOW * max(work.shape):
        y0, x0 = (int(max(0, (v - margin) * scale)) for v in (top, left))
        y1, x1 = (int(min(n, (v + margin) * scale)) for v, n in ((bottom, gray.shape[0]), (right, gray.shape[1])))
        closer = _shrink(gray[y0:y1, x0:x1])  # (h2,w2)
        dark = ink_is_dark(work)
        near = _near(found[0], (y0, y1, x0, x1), scale, closer.shape) > 0
        light = light_ink(work, dark)  # (h,w)
        floor = _near(paper_level(light), (y0, y1, x0, x1), scale, closer.shape)
        window = round(background_window(light) * closer.shape[0] * scale / (y1 - y0))  # closer px
        clean = False  # small in a large picture: a photo of more than the digit
        try:
            found = locate_digit(closer, dark, near, floor, window) or found  # the digit, seen closer
        except NoDigit:
            pass  # nothing near where the digit was: keep the first look
    return digit_ink(*found), found[0], clean, grainy


def _near(layer: np.ndarray, region: tuple[int, int, int, int], scale: float, shape: tuple[int, ...]) -> np.ndarray:
    """A (h, w) layer of the working image (the digit's mask, the background) -> its
    (h2, w2) float32 part in the re-cut region (y0, y1, x0, x1 in full-resolution px)
    worked at `shape`, grown (a maximum filter) by NEAR_GROW working px: the first
    look is coarser, its edges are blurred over that much."""
    y0, y1, x0, x1 = (int(round(v / scale)) for v in region)
    part = layer[y0 : max(y1, y0 + 1), x0 : max(x1, x0 + 1)].astype(np.float32)  # (h1,w1)
    grow = 2 * int(np.ceil(NEAR_GROW * shape[0] / max(part.shape[0], 1))) + 1  # px of the re-cut
    closer = cv2.resize(part, (shape[1], shape[0]), interpolation=cv2.INTER_LINEAR)  # (h2,w2)
    return cv2.dilate(closer, np.ones((grow, grow), np.uint8))


def _ink_box(ink: np.ndarray) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right), end exclusive, of the ink; None if there is none."""
    rows, cols = np.flatnonzero(ink.max(axis=1) > 0), np.flatnonzero(ink.max(axis=0) > 0)
    if rows.size == 0:
        return None
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def image_to_mnist(source: ImageInput) -> np.ndarray:
    """Any image of one digit -> (28, 28) float32 in [0, 1], MNIST-style.

    NothingToRecognize for a blank image, ValueError for one that cannot be read.
    """
    return image_to_input(source)[0]


def image_to_input(source: ImageInput) -> PictureInput:
    """Any image of one digit -> PictureInput: its (28, 28) float32 input in [0, 1];
    doubtful when the digit found encloses as many loops as a digit can
    (model/pictures/loops.py: rare in digits, common in scribbles) or the picture is
    grainy all over (_is_texture: noise, a texture; no photo kind of digits of
    bench/photo_cases.py was turned away for it, 19 noise pictures of 200 read as digits
    and 5 of them were), and clean when the picture is flat ink on flat paper, all of it
    the digit (digit_finder.is_clean), for the "not a digit" check to weigh.

    NothingToRecognize for a blank image, ValueError for one that cannot be read.
    """
    img = open_image(source)
    ink, digit, clean, grainy = _find_ink(img)
    if digit is None or not ink.any():
        if grainy:
            raise NoDigit(TEXTURE_MESSAGE)
        raise NothingToRecognize(BLANK_PICTURE_REASON)
    return PictureInput(to_mnist(ink), grainy or enclosed_loops(digit) >= MAX_DIGIT_LOOPS, clean)


def _is_texture(gray: np.ndarray) -> bool:
    """(h, w) gray in [0, 1]: neighbouring pixels differ by TEXTURE_STEP on average (noise,
    grain, a pattern), unlike blank paper, however lit."""
    if min(gray.shape) < 2:
        return False
    steps = np.abs(np.diff(gray, axis=0)).mean() + np.abs(np.diff(gray, axis=1)).mean()  # two directions
    return bool(steps / 2 >= TEXTURE_STEP)

"""Images of handwritten numbers: ink found, split into characters, each read as a digit.

The ink is found as for one digit (model/pictures/digit_finder.py: polarity, local contrast,
long lines removed), then its 8-connected blobs are the atoms of the segmentation by
recognition (model/segmentation/segment.py). A blob wider than a character may be (two
digits touching) is cut along the paths through it that cross the least ink
(model/segmentation/blob_cuts.py), and the recognizer chooses which cuts to keep; the whole
blob stays a candidate. Each candidate character is its pixels through the single-digit
picture path (its strokes brought to MNIST's width relative to its size,
model/pictures/finder_strokes.py, then to_mnist). Specks (tiny blobs far lighter than the
characters) are dropped. Points and dashes are decided as for ink, from the blobs' boxes
(model/segmentation/segment_marks.py): a blob much smaller than the line's whole blobs, low
on the line, is a decimal point whatever its shape (round or square); a flat blob at
mid-height is a minus or a dash, never cut and never read as a digit (a piece cut from a
blob is neither). Lines written one under another are read line by line, as ink's are
(model/segmentation/text_lines.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..formats import BLANK_PICTURE_REASON, NOT_DIGIT_POINT_REASON
from ..pictures.digit_finder import SMALL_PICTURE, frame_box, ink_contrast, ink_mask, light_ink, remove_lines
from ..pictures.finder_components import DIGIT_MIN_SIDE, GROUP_WIDTH, SPECK, Component, components, stroke_ridge
from ..pictures.finder_strokes import MASK_GROW, normalize_width
from ..pictures.image_files import ImageInput, open_image, to_gray
from ..pictures.images import level_rulings, shrink
from ..pictures.punctuation import mask_has_point_below
from ..preprocess import NothingToRecognize, to_mnist
from .blob_cuts import cut_paths, pieces
from .number import Character, NumberPrediction
from .number_ink import ClassifyArrays
from .segment import line_height
from .segment_marks import dash_shaped
from .text_lines import segment_lines

WORK_SIDE = 640  # longer side of the working image: 8 digits in a row keep ~70 px each
SPECK_FRACTION = 0.004  # blobs lighter than this fraction of the heaviest are specks
MIN_SPECK_PIXELS = 3  # ... and so are blobs of fewer pixels than this
MAX_PIECES = 4  # a character is at most this many pieces
BORDER_HEIGHT = (0.5, 1.3)  # a blob touching the border is a character when this tall (of the tallest clear of it)
CHARACTER_HEIGHT = 2.0  # a character's pen path is at least this many pen widths high
BORDER_CONTACT = 5.0  # ... and on the border for at most this many of its stroke widths (a stroke cut by it)


def find_ink(gray: np.ndarray) -> np.ndarray:
    """(H, W) gray in [0, 1] -> (h, w) float32 ink in [0, 1], longer side <= WORK_SIDE.

    The same ink finding as for one digit (model/pictures/digit_finder.py): local contrast,
    a threshold above the paper's noise, and long straight lines (ruling, frames,
    edges) removed; the ink keeps its contrast so light specks can be told apart.
    """
    gray = shrink(gray, WORK_SIDE)  # thin strokes widened first on a large picture
    contrast = ink_contrast(light_ink(gray))  # (h,w)
    mask = ink_mask(contrast)
    if mask.any():
        mask, _ = remove_lines(mask)
    return drop_border_clutter(np.where(mask, contrast, 0.0).astype(np.float32))


def drop_border_clutter(ink: np.ndarray) -> np.ndarray:
    """(H, W) ink -> the same without the blobs that touch the picture's border and are
    not like the characters clear of it: the rest of a desk's or a shadow's edge, the end
    of a ruled line, a speck the border cuts ("91" for a 9 by the desk's edge, ".7" for a
    7 by a shadow). As the single digit's finder drops them (finder_components.py), but a
    number's first or last digit may touch the border of a tight crop: a blob about as
    tall as the tallest clear of it (BORDER_HEIGHT), across their line, of their stroke
    width (GROUP_WIDTH) and crossing the border as a stroke does, not lying along it as a
    region the border cuts (BORDER_CONTACT), stays. Nothing is dropped when no digit-sized
    blob is clear of the border."""
    comps, labels = components(ink > 0, ink)  # labels (H,W) int32
    if not comps:
        return ink
    heaviest = max(c.mass for c in comps)
    inner = [
        c
        for c in comps
        if not c.touches_border
        and c.side >= DIGIT_MIN_SIDE * min(ink.shape)
        and c.mass >= SPECK * heaviest
        and _tall(c)  # not a minus or a point clear of the border by digits cropped tight ("-3.5")
    ]
    if not inner:
        return ink
    # px of each blob on the border side it touches most: a stroke crosses it, a region lies along it
    sides = (labels[0], labels[-1], labels[:, 0], labels[:, -1])
    contact = np.max([np.bincount(side, minlength=len(comps) + 1) for side in sides], axis=0)  # (C+1,)
    line = _Line.of(inner)
    clutter = [c.index for c in comps if c.touches_border and not line.holds(c, int(contact[c.index]))]
    # Not done: dropping blobs of another stroke width than the heaviest (a desk's grain). The
    # digits of one number may differ more than GROUP_WIDTH (a picture made of MNIST digits:
    # "2024" read "0", a newcomer's).
    return np.where(np.isin(labels, clutter), 0.0, ink).astype(np.float32)


def _tall(blob: Component) -> bool:
    """Is the line the pen followed at least CHARACTER_HEIGHT pen widths high, as a digit's
    (a minus's or a point's is about none)?"""
    return blob.box[3] - blob.width >= CHARACTER_HEIGHT * blob.width


@dataclass(frozen=True)
class _Line:
    """The characters clear of the border: the tallest's height, their top and bottom and
    their median stroke width, in px."""

    tallest: int
    top: int
    bottom: int
    width: float

    @classmethod
    def of(cls, characters: list[Component]) -> _Line:
        return cls(
            max(c.box[3] for c in characters),
            min(c.box[1] for c in characters),
            max(c.box[1] + c.box[3] for c in characters),
            float(np.median([c.width for c in characters])),
        )

    def holds(self, blob: Component, contact: int) -> bool:
        """Is a blob touching the border (on it for `contact` px) as tall as the characters,
        across their line, of their stroke width, and on the border for a stroke's width only?"""
        _, y, _, h = blob.box
        return (
            BORDER_HEIGHT[0] * self.tallest <= h <= BORDER_HEIGHT[1] * self.tallest
            and self.top <= y + h / 2 <= self.bottom
            and 1 / GROUP_WIDTH <= blob.width / self.width <= GROUP_WIDTH
            and contact <= BORDER_CONTACT * blob.width
        )


def label_blobs(ink: np.ndarray) -> tuple[np.ndarray, int]:
    """(H, W) ink -> ((H, W) int32 labels, 0 = background, 1..count), 8-connected, specks dropped."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats((ink > 0).astype(np.uint8), connectivity=8)
    if n <= 1:
        return np.zeros(ink.shape, dtype=np.int32), 0
    mass = np.bincount(labels.ravel(), weights=ink.ravel(), minlength=n)[1:]  # (C,)
    pixels = stats[1:, cv2.CC_STAT_AREA]  # (C,)
    keep = (mass >= SPECK_FRACTION * mass.max()) & (pixels >= MIN_SPECK_PIXELS)  # (C,)
    new_id = np.concatenate([[0], np.cumsum(keep) * keep]).astype(np.int32)  # (C+1,) 0 for specks
    return new_id[labels], int(keep.sum())


def atoms_of(labels: np.ndarray, count: int) -> tuple[list[np.ndarray], frozenset[tuple[int, int]]]:
    """The atoms of the segmentation: ((H, W) bool mask each; the pairs (a, a + 1) of atoms
    cut from one blob). A blob wider than a character may be is cut along the least-ink
    paths through it (model/segmentation/blob_cuts.py); the recognizer chooses which
    cuts to keep."""
    boxes = [_box(labels == k) for k in range(1, count + 1)]
    height = line_height(np.array(boxes, dtype=np.float64))
    masks: list[np.ndarray] = []
    joined = set()
    for k, (x0, y0, x1, y1) in enumerate(boxes, 1):
        blob = labels[y0:y1, x0:x1] == k  # (h,w)
        paths = [] if dash_shaped(x1 - x0, y1 - y0, height) else cut_paths(blob, height)  # a dash is one mark
        for i, part in enumerate(pieces(blob, paths)):
            if i:
                joined.add((len(masks) - 1, len(masks)))
            mask = np.zeros(labels.shape, dtype=bool)
            mask[y0:y1, x0:x1] = part
            masks.append(mask)
    return masks, frozenset(joined)


def _blob_of_atoms(count: int, joined: frozenset[tuple[int, int]]) -> np.ndarray:
    """(count,) int: the blob each atom was cut from (atoms_of's pieces of one blob are
    consecutive, each pair in joined)."""
    blob = np.zeros(count, dtype=np.int64)
    for k in range(1, count):
        blob[k] = blob[k - 1] + ((k - 1, k) not in joined)
    return blob


def pen_width(mask: np.ndarray) -> float:
    """(H, W) bool ink -> the pen's width in px: the median depth of the strokes' middle
    lines in the mask drawn twice as large. (At its own size a stroke 2 px wide is 1 px
    deep on its middle line, as one 1 px wide is: even widths came out one less, and the
    minus of small print, 2 px high, was no flat mark: "-3.5" at 18 px read "03.5".)"""
    big = cv2.resize(mask.astype(np.uint8), None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST)  # (2H,2W)
    dt, ridge = stroke_ridge(big, precise=True)  # (2H,2W) each
    return max(1.0, float(np.median(dt[ridge]))) if ridge.any() else 1.0


def skeleton_boxes(boxes: np.ndarray, pen: float) -> np.ndarray:
    """(N, 4) boxes of blobs drawn with a pen `pen` px wide -> (N, 4) boxes of the lines the
    pen followed (each side pen / 2 in, at least a point): the boxes that ink's strokes
    have, on which the shapes of marks are decided (segment_marks.py). A bold minus is as
    flat as a thin one, and a bold point as small ("-5" in a bold font read "05")."""
    inset = np.array([1.0, 1.0, -1.0, -1.0]) * (pen - 1.0) / 2.0  # (4,) a 1 px pen keeps its box
    out = boxes + inset  # (N,4)
    mid_x, mid_y = (boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2  # (N,)
    out[:, 0], out[:, 2] = np.minimum(out[:, 0], mid_x), np.maximum(out[:, 2], mid_x)
    out[:, 1], out[:, 3] = np.minimum(out[:, 1], mid_y), np.maximum(out[:, 3], mid_y)
    return out


def _box(mask: np.ndarray) -> tuple[int, int, int, int]:
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


def read_number_image(source: ImageInput, classify: ClassifyArrays) -> NumberPrediction:
    """An image of a number -> NumberPrediction; boxes in the image's own pixels. A frame
    along the picture's edges (digit_finder.frame_box) is left out.

    ValueError when it cannot be read; a blank image gives NumberPrediction.nothing.
    """
    gray = to_gray(open_image(source))  # (H,W)
    frame = frame_box(gray)
    top, left = (frame[0], frame[2]) if frame is not None else (0, 0)
    if frame is not None:  # a box drawn round the number, cut at its edge: the number is inside
        gray = gray[frame[0] : frame[1], frame[2] : frame[3]]
    gray, levelled, _ = level_rulings(gray, faint=True)  # ruled paper photographed askew: boxes mapped back below
    ink = find_ink(gray)  # (h,w)
    labels, count = label_blobs(ink)
    if count == 0:
        return NumberPrediction.nothing(BLANK_PICTURE_REASON)
    scale = gray.shape[1] / ink.shape[1]  # image px per working px
    masks, joined = atoms_of(labels, count)  # (h,w) bool each
    boxes = skeleton_boxes(np.array([_box(m) for m in masks], dtype=np.float64), pen_width(labels > 0))  # (N,4)
    images: list[np.ndarray] = []  # (28,28) each: every candidate rendered
    probs = np.zeros((0, 10), np.float32)  # (M,10) their probabilities, row for row

    def classify_groups(groups: list[tuple[int, ...]]):
        """segment's classify: called once per round of the lazy search, with new groups."""
        nonlocal probs
        rows: list[int | None] = []
        for group in groups:
            try:
                images.append(to_mnist(character_ink(_union(masks, group), ink)))  # (28,28)
                rows.append(len(images) - 1)
            except NothingToRecognize:
                rows.append(None)
        if len(images) > len(probs):
            probs = np.concatenate([probs, classify(np.stack(images[len(probs) :]))])  # (M,10)
        return rows, probs

    chars = []
    groups = segment_lines(boxes, classify_groups, max_atoms=MAX_PIECES, joined=joined, lazy=True, dashes=True)
    if _punctuated(masks, groups, joined):
        return NumberPrediction.nothing(NOT_DIGIT_POINT_REASON, not_digit=True)
    blobs = _blob_of_atoms(len(masks), joined)  # (N,) int
    for g in groups:
        mask = _union(masks, g.atoms)
        x0, y0, x1, y1 = _box(mask)
        box = (x0 * scale, y0 * scale, x1 * scale, y1 * scale)  # levelled picture's px
        bx0, by0, bx1, by1 = box if levelled is None else levelled.box_back(box)
        chars.append(
            Character(
                text=g.label,
                box=(bx0 + left, by0 + top, bx1 + left, by1 + top),
                probabilities=None if g.candidate is None else probs[g.candidate],
                image=None if g.candidate is None else images[g.candidate],
                mask=mask[y0:y1, x0:x1],
                mask_scale=scale,
                line=g.line,
                blob=int(blobs[g.atoms[0]]) if len({int(blobs[a]) for a in g.atoms}) == 1 else -1,
            )
        )
    return NumberPrediction.of(chars)


def _punctuated(masks: list[np.ndarray], groups: list, joined: frozenset[tuple[int, int]]) -> bool:
    """Is a digit of the reading a "!" or a "?": a stroke with a point centred below it
    (model/pictures/punctuation.py), the point in the digit's own atoms or one the reading
    left out (a point that is no decimal point)? A digit holding part of a blob cut in
    pieces (joined: pairs of atoms cut from one blob) is none: a cut may leave a crumb of
    the blob below the piece ("12" over "34" read as a "!", a newcomer's)."""
    used = {a for g in groups for a in g.atoms}
    left = [masks[k] for k in range(len(masks)) if k not in used]
    for g in groups:
        if g.candidate is None or any((a in g.atoms) != (b in g.atoms) for a, b in joined):
            continue
        body = _union(masks, g.atoms)
        for mask in [body] + [body | point for point in left]:
            x0, y0, x1, y1 = _box(mask)
            if mask_has_point_below(mask[y0:y1, x0:x1]):
                return True
    return False


def character_ink(mask: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """A candidate character's (H, W) bool mask and the picture's (H, W) ink -> its ink for
    to_mnist, cropped to it: the single-digit picture path's ink (finder_strokes.digit_ink),
    strokes far from MNIST's width relative to this character's size redrawn at it.

    A number's working picture is larger than SMALL_PICTURE while its characters may not
    be, so the picture's size (not the crop's) says whether there is room to redraw.
    """
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    pad = 2 * MASK_GROW  # the grown mask's rim stays inside the crop
    y0, y1 = max(0, rows[0] - pad), min(mask.shape[0], rows[-1] + 1 + pad)
    x0, x1 = max(0, cols[0] - pad), min(mask.shape[1], cols[-1] + 1 + pad)
    crop, contrast = mask[y0:y1, x0:x1], ink[y0:y1, x0:x1]  # (h,w)
    if max(ink.shape) < SMALL_PICTURE:
        return np.where(crop, contrast, 0.0).astype(np.float32)
    return normalize_width(crop, contrast)


def _union(masks: list[np.ndarray], group: tuple[int, ...]) -> np.ndarray:
    out = masks[group[0]].copy()
    for k in group[1:]:
        out |= masks[k]
    return out

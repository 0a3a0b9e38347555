"""DigitPad's own drawings saved as PNG carry their strokes, so opening one reads the ink.

A drawing saved by the app (File > Save Drawing) is an 8-bit grey PNG of the strokes
painted on white, plus one compressed PNG text chunk (INK_KEY), before the pixels,
holding the strokes as JSON with the SHA-256 of the pixels they were saved with:

    {"format": 1, "size": [W, H], "scale": s, "pixels": "<sha256 of the W*H grey bytes>",
     "strokes": [{"width": 14.0, "points": [[x, y, pressure], ...]}, ...]}

Points are in the ink's units (canvas pixels, y down) from the picture's top-left
corner: pixel = point * scale (the canvas's zoom times the screen's device pixel ratio),
so the picture shows the ink space (W / s, H / s). Opening such a file reads the strokes,
exactly what the live canvas read (a picture loses the pen's order and direction, and
shrinking loses thin strokes), and the app gives them back to edit.

The strokes are trusted only when the picture is still the one they were saved with and
they draw it: the pixels' digest matches (as the picture path sees them: transparency
flattened, EXIF rotation applied, 16-bit scaled), no rotation is asked for, and the
strokes painted at their widths cover the picture's ink and nothing much besides
(a file made to show one number and carry another is read as the picture it shows).
A file edited in a paint program, re-encoded with the chunk after the pixels (the chunk
is looked for in the header only, so the app and the command line agree), or whose
chunk is damaged, hostile or too large is read as any picture. Everything is bounded
before it is allocated (MAX_INK_TEXT, MAX_STROKES, MAX_POINTS).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import logging
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import cv2
import numpy as np
from PIL import Image, ImageDraw

from ..pen.ink import MAX_POINTS

if TYPE_CHECKING:
    from ..segmentation.number import NumberPrediction

log = logging.getLogger(__name__)

INK_KEY = "DigitPad ink"  # the PNG text chunk's keyword
INK_FORMAT = 1
# Pillow refuses to open a PNG whose text chunk inflates past 1 MB
# (PngImagePlugin.MAX_TEXT_CHUNK), so a longer ink is not stored: the file is then a
# picture only, and still opens everywhere.
MAX_INK_TEXT = 900_000  # characters
MAX_STROKES = 1_000  # a drawing of more is saved as a picture only (recognition slows past it)
MAX_SIDE = 100_000.0  # px: the largest picture side believed
SCALE_RANGE = (1 / 64, 64.0)  # picture px per ink px: a canvas zoomed, a HiDPI screen
MAX_PEN_WIDTH = 100.0  # ink px (the canvas's pens are 4..40 px)
MIN_PEN_WIDTH = 0.5  # ink px: a pen that paints nothing would hide its strokes
MAX_PRESSURE = 1.0  # a tablet's pressure is 0..1 (the mouse's 1)
EXIF_ORIENTATION = 0x0112
# The strokes drawn must cover the picture's ink, and the picture's ink the strokes, but
# for this share of either (Qt smooths strokes and anti-aliases; Pillow draws polylines)
# when both are grown by COVER_MARGIN px (not by anything the file says: a pen claimed
# huge would excuse anything).
COVER_SHARE = 0.97
STROKE_SHARE = 0.9
COVER_MARGIN = 3
MAX_PATH = 500  # canvas crossings (width + height) of pen path, all strokes together
SMOOTH_STEP = 4.0  # px between the points of a stroke's smooth path when it is compared
EIGHT_BIT_MODES = ("L", "LA", "RGB", "RGBA", "P")  # what a viewer shows as the values are
INK_LEVEL = 160  # grey below this is ink when the strokes are compared with the picture


class SavedDrawing(NamedTuple):
    """The strokes a saved drawing carries.

    strokes: per stroke, (x, y, pressure) float points in ink px from the picture's
        top-left corner (y down).
    widths: per stroke, the pen width in ink px.
    space: (width, height) of the ink space the picture shows, ink px.
    scale: picture px per ink px.
    """

    strokes: list[list[tuple[float, float, float]]]
    widths: list[float]
    space: tuple[float, float]
    scale: float

    def in_pixels(self, number: NumberPrediction) -> NumberPrediction:
        """A reading of these strokes with its characters' boxes (x0, y0, x1, y1) taken
        from ink px to the picture's pixels."""
        s = self.scale
        characters = tuple(
            dataclasses.replace(c, box=(c.box[0] * s, c.box[1] * s, c.box[2] * s, c.box[3] * s))
            for c in number.characters
        )
        return dataclasses.replace(number, characters=characters)


def ink_text(
    strokes: Sequence[Sequence[Sequence[float]]],
    widths: Sequence[float],
    scale: float,
    gray: bytes,
    size: tuple[int, int],
) -> str | None:
    """The INK_KEY chunk's text for a drawing painted into `gray` (W*H uint8 bytes, row by
    row, of the picture of `size` (W, H) that is saved): points (x, y[, pressure]) in ink
    px from the picture's top-left corner, pixel = point * scale. None when the drawing
    has more than MAX_STROKES strokes or the text would be longer than MAX_INK_TEXT (the
    file is then a picture only). ValueError when `gray` is not W*H bytes."""
    if len(gray) != size[0] * size[1]:
        raise ValueError(f"expected {size[0] * size[1]} grey bytes, got {len(gray)}")
    if len(strokes) > MAX_STROKES:
        return None
    doc = {
        "format": INK_FORMAT,
        "size": [int(size[0]), int(size[1])],
        "scale": float(scale),
        "pixels": hashlib.sha256(gray).hexdigest(),
        "strokes": [
            {"width": float(w), "points": [[float(p[0]), float(p[1]), float(p[2]) if len(p) > 2 else 1.0] for p in s]}
            for s, w in zip(strokes, widths, strict=True)
        ],
    }
    text = json.dumps(doc, separators=(",", ":"), allow_nan=False)
    return text if len(text) <= MAX_INK_TEXT else None


def saved_drawing(source: Any) -> SavedDrawing | None:
    """The strokes of a drawing DigitPad saved, when `source` (a path, PNG bytes or a PIL
    image) is one and they still draw its picture; else None (any other picture, an
    unreadable file: the picture path reads it and says what is wrong). For a path or
    bytes only the chunks before the pixels count, and only a PNG holding INK_KEY there
    is decoded."""
    try:
        if isinstance(source, Image.Image):
            return _verified(source, source.info.get(INK_KEY))
        if isinstance(source, (bytes, bytearray)):
            stream: Any = io.BytesIO(bytes(source))
        elif isinstance(source, (str, os.PathLike)) and Path(source).is_file():
            stream = Path(source)
        else:
            return None
        with Image.open(stream) as header:  # the header and the chunks before the pixels only
            text = header.info.get(INK_KEY) if header.format == "PNG" else None
        if not isinstance(text, str):
            return None
        from .image_files import open_image  # sizes bounded before the pixels are decoded

        return _verified(open_image(source), text)
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError, MemoryError) as exc:
        log.debug("not read as a saved drawing: %s", exc)
        return None


def _verified(image: Image.Image, text: Any) -> SavedDrawing | None:
    if not isinstance(text, str):
        return None
    try:
        drawing, size, digest = _parse(text)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, RecursionError) as exc:
        log.warning("the drawing's strokes in the image are damaged (%s); it is read as a picture", exc)
        return None
    rotated = image.getexif().get(EXIF_ORIENTATION, 1) != 1
    if tuple(image.size) != size or rotated or image.mode not in EIGHT_BIT_MODES:
        log.info("the image is not the drawing DigitPad saved; it is read as a picture")
        return None
    from .image_files import to_gray

    gray = np.round(to_gray(image) * 255).astype(np.uint8)  # (H,W) as the picture path sees it
    if hashlib.sha256(gray.tobytes()).hexdigest() != digest or not _strokes_draw(drawing, gray):
        log.info("the drawing was changed since DigitPad saved it; it is read as a picture")
        return None
    return drawing


def _strokes_draw(drawing: SavedDrawing, gray: np.ndarray) -> bool:
    """Do the strokes, painted at their widths, draw the (H, W) uint8 picture's ink? Each
    stroke must lie on the picture's ink (STROKE_SHARE of its own pixels: a dot or a line
    added to the strokes would change the reading), and together they must cover that
    ink (COVER_SHARE). A path longer than MAX_PATH canvas crossings is no drawing (and
    would take long to paint)."""
    h, w = gray.shape
    s = drawing.scale
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * COVER_MARGIN + 1, 2 * COVER_MARGIN + 1))
    saved = gray < INK_LEVEL  # (H,W) bool
    near = cv2.dilate(saved.astype(np.uint8), kernel) > 0  # (H,W) the picture's ink, grown
    painted = np.zeros((h, w), bool)
    length = 0.0
    for stroke, width in zip(drawing.strokes, drawing.widths):
        points = [(x * s, y * s, p) for x, y, p in stroke]
        length += sum(math.dist(a[:2], b[:2]) for a, b in zip(points, points[1:]))
        if length > MAX_PATH * (w + h):
            return False
        tile = _paint_stroke(points, width * s, (w, h))
        if tile is None:  # wholly off the picture: nothing there shows it
            return False
        (x0, y0), ink = tile
        region = (slice(y0, y0 + ink.shape[0]), slice(x0, x0 + ink.shape[1]))
        if int((ink & near[region]).sum()) < STROKE_SHARE * int(ink.sum()):
            return False
        painted[region] |= ink
    drawn = cv2.dilate(painted.astype(np.uint8), kernel) > 0
    total = int(saved.sum())
    return total == 0 or int((saved & drawn).sum()) >= COVER_SHARE * total


def _paint_stroke(
    points: list[tuple[float, float, float]], pen: float, size: tuple[int, int]
) -> tuple[tuple[int, int], np.ndarray] | None:
    """One stroke (picture px, pressure) painted with a round pen of `pen` px as the canvas
    paints it, on the part of the picture it can reach: ((x0, y0), (h, w) bool ink), or
    None when nothing of it is on the picture."""
    reach = max(0.5, pen * max(p[2] for p in points) / 2) + 1
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, y0 = max(0, math.floor(min(xs) - reach)), max(0, math.floor(min(ys) - reach))
    x1, y1 = min(size[0], math.ceil(max(xs) + reach)), min(size[1], math.ceil(max(ys) + reach))
    if x1 <= x0 or y1 <= y0:
        return None
    tile = Image.new("L", (x1 - x0, y1 - y0), 255)
    draw = ImageDraw.Draw(tile)
    path = [(x - x0, y - y0, p) for x, y, p in _smooth(points)]
    uniform = all(p[2] == points[0][2] for p in points)
    if uniform:  # one polyline with round joins (the mouse's strokes)
        draw.line([p[:2] for p in path], fill=0, width=max(1, round(pen * points[0][2])), joint="curve")
    else:  # each piece at its pressure (a tablet's)
        for a, b in zip(path, path[1:]):
            draw.line([a[:2], b[:2]], fill=0, width=max(1, round(pen * (a[2] + b[2]) / 2)))
    for x, y, p in path if not uniform else (path[0], path[-1]):  # round caps (and joins)
        r = max(0.5, pen * p / 2)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=0)
    ink = np.asarray(tile) < INK_LEVEL  # (h,w)
    return ((x0, y0), ink) if ink.any() else None


def _smooth(points: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """The canvas's smooth path through (x, y, pressure) points, as a polyline about every
    SMOOTH_STEP px: quadratic pieces from midpoint to midpoint, each point the control
    (app/drawing/ink_painting.py paints strokes so; Qt itself draws the curves there)."""
    if len(points) < 3:
        return points
    out, start = [points[0]], points[0]
    for i in range(1, len(points) - 1):
        c, b = points[i], points[i + 1]
        end = ((c[0] + b[0]) / 2, (c[1] + b[1]) / 2, (c[2] + b[2]) / 2)
        reach = math.dist(start[:2], c[:2]) + math.dist(c[:2], end[:2])
        steps = max(1, min(64, int(reach / SMOOTH_STEP)))
        for k in range(1, steps + 1):
            t = k / steps
            u, v, w = (1 - t) ** 2, 2 * (1 - t) * t, t * t
            x, y, p = (u * start[j] + v * c[j] + w * end[j] for j in range(3))
            out.append((x, y, p))
        start = end
    out.append(points[-1])
    return out


def _parse(text: str) -> tuple[SavedDrawing, tuple[int, int], str]:
    """Validate the chunk's JSON, every number bounded; ValueError (or TypeError,
    KeyError, IndexError, OverflowError, RecursionError) when it is not the format."""
    if len(text) > MAX_INK_TEXT:
        raise ValueError(f"{len(text)} characters is more than {MAX_INK_TEXT}")
    doc = json.loads(text)
    if not isinstance(doc, dict) or type(doc.get("format")) is not int or doc["format"] != INK_FORMAT:
        raise ValueError("not format 1")
    width, height = (int(_number(v, 1, MAX_SIDE)) for v in doc["size"])
    scale = _number(doc["scale"], *SCALE_RANGE)
    space = (width / scale, height / scale)
    digest = doc["pixels"]
    if not isinstance(digest, str) or len(digest) != 64:
        raise ValueError("no pixel digest")
    items = doc["strokes"]
    if not isinstance(items, list) or not 0 < len(items) <= MAX_STROKES:
        raise ValueError(f"no strokes, or more than {MAX_STROKES}")
    strokes, widths, total = [], [], 0
    for item in items:
        points = item["points"]
        if not isinstance(points, list) or not points:
            raise ValueError("a stroke without points")
        total += len(points)
        if total > MAX_POINTS:
            raise ValueError(f"more than {MAX_POINTS} points")
        strokes.append([_point(p, space) for p in points])
        widths.append(_number(item["width"], MIN_PEN_WIDTH, MAX_PEN_WIDTH))
    return SavedDrawing(strokes, widths, space, scale), (width, height), digest


def _point(p: Any, space: tuple[float, float]) -> tuple[float, float, float]:
    """[x, y, pressure] within a space's width or height beyond its edges (ink drawn off
    the picture, before the window was made smaller), pressure in [0, MAX_PRESSURE]."""
    if not isinstance(p, list) or len(p) != 3:
        raise ValueError("a point is [x, y, pressure]")
    x = _number(p[0], -space[0], 2 * space[0])
    return (x, _number(p[1], -space[1], 2 * space[1]), _number(p[2], 0.0, MAX_PRESSURE))


def _number(value: Any, lo: float, hi: float) -> float:
    """value as a float in [lo, hi]; TypeError for anything but a JSON number, ValueError
    out of range (a 400-digit integer too: float() of it raises OverflowError)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{value!r} is not a number")
    number = float(value)
    if not (math.isfinite(number) and lo <= number <= hi):
        raise ValueError(f"{number!r} is out of [{lo}, {hi}]")
    return number

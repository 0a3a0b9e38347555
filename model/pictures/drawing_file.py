"""DigitPad's own drawings saved as PNG carry their strokes, so opening one reads the ink.

A drawing saved by the app (File > Save Drawing) is an 8-bit grey PNG of the strokes
painted on white, plus one compressed PNG text chunk (INK_KEY) holding the strokes
themselves as JSON, with the SHA-256 of the pixels they were saved with:

    {"format": 1, "size": [W, H], "space": [w, h], "to_pixels": [scale, dx, dy],
     "pixels": "<sha256 of the W*H grey bytes>",
     "strokes": [{"width": 14.0, "points": [[x, y, pressure], ...]}, ...]}

Points are in the ink's coordinates (canvas pixels of `space`, y down, as the app's
InkModel keeps them); pixel = point * scale + (dx, dy). Opening such a file reads the
strokes (exactly what the live canvas read: a picture loses the pen's order and
direction, and down-scaling loses thin strokes) and the app gives them back to edit.
The strokes are trusted only while the pixels are the ones they were saved with: a file
edited in a paint program, re-encoded to another format, or whose chunk is damaged or
hostile is read as any picture (model/pictures/images.py), nothing else changes.
Everything here is bounded before it is allocated (MAX_INK_TEXT, MAX_POINTS).
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

from PIL import Image

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
MAX_SPACE = 100_000.0  # px: the largest ink space or image side believed
MAX_PEN_WIDTH = 1_000.0  # px


class SavedDrawing(NamedTuple):
    """The strokes a saved drawing carries.

    strokes: per stroke, (x, y, pressure) float points in ink coordinates (y down).
    widths: per stroke, the pen width in ink pixels (display only).
    space: (width, height) of the ink space, px.
    to_pixels: (scale, dx, dy): image pixel = point * scale + (dx, dy).
    """

    strokes: list[list[tuple[float, float, float]]]
    widths: list[float]
    space: tuple[float, float]
    to_pixels: tuple[float, float, float]

    def in_pixels(self, number: NumberPrediction) -> NumberPrediction:
        """A reading of these strokes with its characters' boxes (x0, y0, x1, y1) taken
        from ink coordinates to the image's pixels."""
        scale, dx, dy = self.to_pixels

        def moved(box: Sequence[float]) -> tuple[float, float, float, float]:
            x0, y0, x1, y1 = box
            return (x0 * scale + dx, y0 * scale + dy, x1 * scale + dx, y1 * scale + dy)

        characters = tuple(dataclasses.replace(c, box=moved(c.box)) for c in number.characters)
        return dataclasses.replace(number, characters=characters)


def pixel_digest(gray: bytes) -> str:
    """SHA-256 (hex) of an image's grey pixels: W*H uint8 bytes, row by row, no padding."""
    return hashlib.sha256(gray).hexdigest()


def ink_text(
    strokes: Sequence[Sequence[Sequence[float]]],
    widths: Sequence[float],
    space: tuple[float, float],
    to_pixels: tuple[float, float, float],
    gray: bytes,
    size: tuple[int, int],
) -> str | None:
    """The INK_KEY chunk's text for a drawing painted into `gray` (W*H uint8 bytes of the
    image of `size` (W, H) that is saved), or None when it would be longer than
    MAX_INK_TEXT (the file is then saved as a picture only). Points are (x, y[, pressure])."""
    if len(gray) != size[0] * size[1]:
        raise ValueError(f"expected {size[0] * size[1]} grey bytes, got {len(gray)}")
    doc = {
        "format": INK_FORMAT,
        "size": [int(size[0]), int(size[1])],
        "space": [float(space[0]), float(space[1])],
        "to_pixels": [float(v) for v in to_pixels],
        "pixels": pixel_digest(gray),
        "strokes": [
            {"width": float(w), "points": [[float(p[0]), float(p[1]), float(p[2]) if len(p) > 2 else 1.0] for p in s]}
            for s, w in zip(strokes, widths, strict=True)
        ],
    }
    text = json.dumps(doc, separators=(",", ":"), allow_nan=False)
    return text if len(text) <= MAX_INK_TEXT else None


def saved_drawing(source: Any) -> SavedDrawing | None:
    """The strokes of a drawing DigitPad saved, when `source` (a path, PNG bytes or a PIL
    image) is one whose pixels are still the ones saved with them; else None (any other
    picture, an unreadable file: the picture path reads it and says what is wrong). Only
    a PNG whose header holds INK_KEY is decoded here."""
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
            if header.format != "PNG" or INK_KEY not in header.info:
                return None
        from .images import open_image  # sizes bounded before the pixels are decoded

        image = open_image(source)
        return _verified(image, image.info.get(INK_KEY))
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as exc:
        log.debug("not read as a saved drawing: %s", exc)
        return None


def _verified(image: Image.Image, text: Any) -> SavedDrawing | None:
    if not isinstance(text, str):
        return None
    try:
        drawing, size, digest = _parse(text)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        log.warning("the drawing's ink in the image is damaged (%s); the image is read as a picture", exc)
        return None
    if tuple(image.size) != size or pixel_digest(image.convert("L").tobytes()) != digest:
        log.info("the drawing was changed since DigitPad saved it; the image is read as a picture")
        return None
    return drawing


def _parse(text: str) -> tuple[SavedDrawing, tuple[int, int], str]:
    """Validate the chunk's JSON, every number bounded; ValueError (or TypeError,
    KeyError, IndexError) when it is not the format."""
    if len(text) > MAX_INK_TEXT:
        raise ValueError(f"{len(text)} characters is more than {MAX_INK_TEXT}")
    doc = json.loads(text)
    if not isinstance(doc, dict) or doc.get("format") != INK_FORMAT:
        raise ValueError("not format 1")
    size = (_number(doc["size"][0], 1, MAX_SPACE), _number(doc["size"][1], 1, MAX_SPACE))
    space = (_number(doc["space"][0], 1e-3, MAX_SPACE), _number(doc["space"][1], 1e-3, MAX_SPACE))
    scale, dx, dy = (float(v) for v in doc["to_pixels"])
    to_pixels = (
        _number(scale, 1e-6, MAX_SPACE),
        _number(dx, -MAX_SPACE, MAX_SPACE),
        _number(dy, -MAX_SPACE, MAX_SPACE),
    )
    digest = doc["pixels"]
    if not isinstance(digest, str) or len(digest) != 64:
        raise ValueError("no pixel digest")
    items = doc["strokes"]
    if not isinstance(items, list) or not items:
        raise ValueError("no strokes")
    strokes, widths, total = [], [], 0
    for item in items:
        points = item["points"]
        total += len(points)
        if not points or total > MAX_POINTS:
            raise ValueError("a stroke without points, or too many points")
        strokes.append([_point(p) for p in points])
        widths.append(_number(item["width"], 0.0, MAX_PEN_WIDTH))
    return SavedDrawing(strokes, widths, space, to_pixels), (int(size[0]), int(size[1])), digest


def _point(p: Any) -> tuple[float, float, float]:
    if not isinstance(p, list) or len(p) != 3:
        raise ValueError("a point is [x, y, pressure]")
    return (_number(p[0], -MAX_SPACE, MAX_SPACE), _number(p[1], -MAX_SPACE, MAX_SPACE), _number(p[2], 0.0, 1e3))


def _number(value: Any, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{value!r} is not a number")
    if not (math.isfinite(value) and lo <= value <= hi):
        raise ValueError(f"{value!r} is out of [{lo}, {hi}]")
    return float(value)

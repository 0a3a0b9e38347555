"""Ink (the strokes a person drew) rendered as MNIST was made: a pure function of the ink.

Ink is a list of strokes; a stroke is a list of points (x, y) in canvas pixels, y
growing downward, optionally (x, y, pressure) or (x, y, pressure, t). Rendering
does not depend on the canvas size, the screen or the paint code.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw

from .preprocess import BOX_SIZE, NothingToRecognize, to_mnist

Point = Sequence[float]
Stroke = Sequence[Point]
Ink = Sequence[Stroke]

SUPERSAMPLE = 4  # draw at 4x the 20-px box, to_mnist's area filter anti-aliases
STROKE_WIDTH = 2.4 / BOX_SIZE  # pen width as a fraction of the digit's longer side


def ink_to_array(ink: Ink) -> list[np.ndarray]:
    """Validate ink and return one (P, 2) float64 array of x, y per non-empty stroke."""
    strokes = []
    for i, stroke in enumerate(ink):
        pts = np.asarray([tuple(p)[:2] for p in stroke], dtype=np.float64).reshape(-1, 2)  # (P,2)
        if not np.isfinite(pts).all():
            raise ValueError(f"stroke {i} has NaN or infinite coordinates")
        if len(pts):
            strokes.append(pts)
    return strokes


def render_ink(ink: Ink) -> np.ndarray:
    """Ink -> (28, 28) float32 in [0, 1], MNIST-style. NothingToRecognize if empty."""
    strokes = ink_to_array(ink)
    if not strokes:
        raise NothingToRecognize("nothing to recognize: the ink has no strokes")
    allpts = np.concatenate(strokes)  # (P,2)
    lo = allpts.min(axis=0)
    extent = float((allpts.max(axis=0) - lo).max())
    side = BOX_SIZE * SUPERSAMPLE * 2  # room for the digit and its pen width
    width = max(2.0, STROKE_WIDTH * side)
    scale = (side - 2 * width) / extent if extent > 0 else 1.0
    offset = width - lo * scale
    canvas = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(canvas)
    r = width / 2
    for pts in strokes:
        xy = pts * scale + offset  # (P,2) in canvas pixels
        coords = [tuple(p) for p in xy]
        if len(coords) > 1:
            draw.line(coords, fill=255, width=int(round(width)), joint="curve")
        for x, y in (coords[0], coords[-1]) if len(coords) > 1 else coords:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
    return to_mnist(np.asarray(canvas, dtype=np.float32) / 255.0)

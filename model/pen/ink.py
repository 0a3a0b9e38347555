"""Ink (the strokes a person drew) rendered as MNIST was made: a pure function of the ink.

Ink is a list of strokes; a stroke is a list of points (x, y) in canvas pixels, y
growing downward, optionally (x, y, pressure) or (x, y, pressure, t); extra values
are ignored (MNIST pens had one width). Rendering depends only on the points: not on
the canvas size, the screen DPI or the paint code, and not on where or how large the
digit was drawn.

How: the pen width is a fixed fraction of the digit's size, chosen so that in the
28x28 frame the stroke is as wide as the median MNIST stroke (PEN_WIDTH, measured
with :func:`stroke_width` over the MNIST training set; `bench/uji_eval.py
--stroke-stats` prints the measurement). The strokes are drawn at SUPERSAMPLE times
the final resolution so that the box filter in to_mnist anti-aliases them, then
to_mnist crops, fits into 20x20 keeping the aspect ratio and centers by mass.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from ..preprocess import BOX_SIZE, NothingToRecognize, levels_to_mnist
from .ink_joints import curve_line

Point = Sequence[float]
Stroke = Sequence[Point] | np.ndarray  # (P, 2) arrays too
Ink = Sequence[Stroke]

PEN_WIDTH = 2.6  # stroke width in the 28x28 frame: the MNIST training-set median is 2.60 px
SUPERSAMPLE = 5  # draw at 5x the final resolution; to_mnist's area filter anti-aliases
# MNIST's edges are a little softer than an area filter alone makes them: in MNIST
# there are about as many partly inked pixels (0.1..0.9) as fully inked ones (ratio
# 1.02, median over the training set); a Gaussian blur of 0.16 px (in the 28x28
# frame) before the area filter gives the same ratio (0.80 without it).
EDGE_BLUR = 0.16
MAX_POINTS = 1_000_000  # more points than this is not a drawing
MIN_EXTENT = 1e-9  # a drawing smaller than this (relative to its coordinates) is one dot
# ... and so is one spanning at most this, in its own units (canvas pixels for the app and the
# command line; the pen data sets' units are larger): scaled up to a digit's size, a stroke
# 0.001 px long became a confident "1".
DOT_EXTENT = 0.01


def is_a_dot(extent, largest):
    """extent: the drawing's width or height, whichever is larger; largest: its largest
    |coordinate| (floats or arrays of them). True where the drawing is one dot."""
    return extent <= np.maximum(DOT_EXTENT, MIN_EXTENT * np.maximum(1.0, largest))


def ink_to_array(ink: Ink) -> list[np.ndarray]:
    """Validate ink; one (P, 2) float64 array of x, y per non-empty stroke.

    Raises ValueError with a clear message for anything that is not a list of
    strokes of finite (x, y[, ...]) points.
    """
    if isinstance(ink, (str, bytes, dict)) or not hasattr(ink, "__len__"):
        raise ValueError(f"ink must be a list of strokes, got {type(ink).__name__}")
    strokes, total = [], 0
    for i, stroke in enumerate(ink):
        pts = _stroke_points(stroke, i)  # (P,2)
        if not np.isfinite(pts).all():
            raise ValueError(f"stroke {i} has NaN or infinite coordinates")
        total += len(pts)
        if total > MAX_POINTS:
            raise ValueError(f"the ink has more than {MAX_POINTS} points")
        if len(pts):
            strokes.append(pts)
    return strokes


def _stroke_points(stroke: Stroke, i: int) -> np.ndarray:
    """One stroke -> (P, 2) float64; fast path for a regular array of points."""
    if isinstance(stroke, (str, bytes, dict)):
        raise ValueError(f"stroke {i} must be a list of points, got {type(stroke).__name__}")
    try:
        arr = np.asarray(stroke, dtype=np.float64)
        if arr.ndim == 2 and arr.shape[1] >= 2:
            return arr[:, :2]
        if arr.size == 0:
            return np.zeros((0, 2))
    except (TypeError, ValueError):
        pass  # ragged (points of mixed lengths) or not numbers: go point by point
    try:
        rows = [_point_xy(p) for p in stroke]
    except TypeError:
        raise ValueError(f"stroke {i} must be a list of points, got {type(stroke).__name__}") from None
    except ValueError as exc:
        raise ValueError(f"stroke {i}: {exc}") from None
    return np.asarray(rows, dtype=np.float64).reshape(-1, 2)


def _point_xy(point: Point) -> tuple[float, float]:
    if isinstance(point, (str, bytes, dict)) or not hasattr(point, "__len__") or len(point) < 2:
        raise ValueError(f"a point must be (x, y[, pressure[, t]]), got {point!r:.40}")
    try:
        return float(point[0]), float(point[1])
    except (TypeError, ValueError):
        raise ValueError(f"a point's x and y must be numbers, got {point!r:.40}") from None


def span(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(P, 2) points -> (lowest x and y, width and height), each (2,) float64.

    ValueError when the width or height overflows (coordinates near the float64 limit).
    """
    lo, hi = points.min(axis=0), points.max(axis=0)  # (2,) each
    with np.errstate(over="ignore", invalid="ignore"):
        size = hi - lo  # (2,)
    if not np.isfinite(size).all():
        raise ValueError("the ink's coordinates are too large")
    return lo, size


def render_ink(ink: Ink) -> np.ndarray:
    """Ink -> (28, 28) float32 in [0, 1], MNIST-style (white ink on black).

    Raises NothingToRecognize (a ValueError) for an empty ink or one whose points
    all coincide (a tap: no shape to fit), ValueError for malformed ink.
    """
    strokes = ink_to_array(ink)
    if not strokes:
        raise NothingToRecognize("nothing to recognize: the ink has no strokes")
    allpts = np.concatenate(strokes)  # (P,2)
    lo, size = span(allpts)  # (2,) each
    extent = float(size.max())
    if is_a_dot(extent, float(np.abs(allpts).max())):  # all points (nearly) coincide
        raise NothingToRecognize("nothing to recognize: the ink is a single dot")
    levels = _draw(strokes, lo, size, extent)  # (h, w) uint8
    return levels_to_mnist(levels)  # = to_mnist(levels / 255), converting only the ink's box


def _draw(strokes: list[np.ndarray], lo: np.ndarray, size: np.ndarray, extent: float) -> np.ndarray:
    """Draw the strokes so that skeleton + pen spans 20 * SUPERSAMPLE px on the longer side.
    Returns the (h, w) uint8 canvas (255 = full ink)."""
    pen = PEN_WIDTH * SUPERSAMPLE  # pen width on the canvas, px
    scale = (BOX_SIZE - PEN_WIDTH) * SUPERSAMPLE / extent  # skeleton's longer side -> 87 px
    margin = pen  # room for the round caps and the pen's half width
    w, h = (np.ceil(size * scale + 2 * margin).astype(int) + 1).tolist()
    canvas = Image.new("L", (w, h), 0)
    core = ImageDraw.Draw(canvas).draw  # Pillow's C drawing object
    r = pen / 2
    ink = core.draw_ink(255)
    for pts in strokes:
        xy = _dedupe((pts - lo) * scale + margin)  # (P',2) canvas px, no repeats
        coords = [tuple(p) for p in xy.tolist()]
        if len(coords) > 1:
            curve_line(core, coords, int(round(pen)), ink)
        for x, y in {coords[0], coords[-1]}:
            core.draw_ellipse((x - r, y - r, x + r, y + r), ink, 1)  # draw.ellipse(..., fill=255)
    canvas = canvas.filter(ImageFilter.GaussianBlur(EDGE_BLUR * SUPERSAMPLE))
    return np.asarray(canvas)  # (h, w) uint8, 255 = full ink


def _curve_line(draw: ImageDraw.ImageDraw, coords: list[tuple[float, float]], width: int, ink: int) -> None:
    """`draw.line(coords, fill, width, joint="curve")` of Pillow 13, pixel for pixel, several
    times faster (model/pen/ink_joints.py; the render tests compare the two)."""
    curve_line(draw.draw, coords, width, ink)


def _dedupe(xy: np.ndarray) -> np.ndarray:
    """(P, 2) -> (P', 2): drop points within 1 canvas px (0.2 px at 28x28) of the previous kept one."""
    q = np.round(xy)  # (P,2) snapped to the canvas grid
    keep = np.ones(len(q), dtype=bool)
    keep[1:] = (q[1:] != q[:-1]).any(axis=1)
    return q[keep]


def stroke_width(images: np.ndarray) -> np.ndarray:
    """Mean stroke width in px of (..., H, W) images in [0, 1] (ink = 1).

    A stroke of width w and length L has area w*L and outline 2*L; the outline is
    measured as the total gradient magnitude, which works on anti-aliased images
    and in every direction: width = 2 * sum(I) / sum(|grad I|).
    """
    x = np.asarray(images, dtype=np.float64)
    gy = np.zeros_like(x)
    gx = np.zeros_like(x)
    gy[..., 1:-1, :] = (x[..., 2:, :] - x[..., :-2, :]) / 2  # central differences
    gx[..., :, 1:-1] = (x[..., :, 2:] - x[..., :, :-2]) / 2
    outline = np.hypot(gx, gy).sum(axis=(-2, -1))  # (...)
    return 2 * x.sum(axis=(-2, -1)) / np.maximum(outline, 1e-9)

"""Readings whose characters are glued together: a letter's pieces read as a number.

The number reader splits ink by its strokes, so a letter drawn in several strokes can read
as a confident number: a two-stroke K (a bar and a "<") as "12", an H as "1-1", a V as
"11", an n as "17". The strokes of one letter meet: each piece starts on, ends on or crosses
another. The digits of a written number stand apart (bench/letter_numbers.py, issue 15:
on numbers built from pendigits writers 1-20, no ordinary neighbours' ink came within
GLUE_DISTANCE; neighbours written touching do, about one pair in three).

`glued(characters, strokes)` says when EVERY pair of neighbouring characters on a line has
ink within GLUE_DISTANCE line heights of each other (STROKES_GLUE_DISTANCE for pieces that
are lone strokes): then the drawing reader (model/drawing_reader.py) asks the "not a
digit" check about the pieces. NumPy only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .number import MINUS, Character

# Neighbouring characters whose ink comes this close (in heights of the whole reading) touch
GLUE_DISTANCE = 0.04
# ... and pieces a lone straight stroke reads as (stroke_like) this close: a sloppy H's bar
# stops short of its legs; a number's 1s and minus signs stand further apart (numbers built
# from pendigits writers 1-20, ordinary spacing: some neighbours 0.11 heights apart or more)
STROKES_GLUE_DISTANCE = 0.1
POINT_STEP = 0.02  # strokes are resampled to points at most this far apart (reading heights) ...
MAX_STROKE_POINTS = 200  # ... or to this many points for a longer stroke (bounds the distance tables)
# characters a lone straight stroke reads as; not a decimal point: "1.1" is a number
STROKE_LIKE = frozenset("1" + MINUS)


def resample(stroke: np.ndarray, step: float) -> np.ndarray:
    """(P, 2) polyline -> (Q, 2) float64 points along it `step` apart (its ends kept), Q at
    most MAX_STROKE_POINTS + 1; a stroke of one point, or of length 0, gives its first point."""
    if len(stroke) < 2:
        return stroke[:1]
    along = np.r_[0.0, np.cumsum(np.hypot(*np.diff(stroke, axis=0).T))]  # (P,)
    if along[-1] <= 0:
        return stroke[:1]
    t = np.linspace(0.0, along[-1], min(int(np.ceil(along[-1] / step)), MAX_STROKE_POINTS) + 1)  # (Q,)
    return np.stack([np.interp(t, along, stroke[:, 0]), np.interp(t, along, stroke[:, 1])], axis=1)


def ink_distance(a: np.ndarray, b: np.ndarray) -> float:
    """(P, 2), (Q, 2) points -> the smallest distance between a point of a and one of b."""
    return float(np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(-1).min()))  # (P,Q) -> min


def glued(characters: Sequence[Character], strokes: Mapping[int, np.ndarray], distance: float = GLUE_DISTANCE) -> bool:
    """True when there are at least two characters and every two neighbours on a line
    touch: some of their ink lies within `distance` times the reading's height.

    characters: a reading's characters, left to right (Character.strokes index `strokes`);
    strokes: stroke index -> (P, 2) float64 x, y, canvas pixels, y down.
    """
    if len(characters) < 2:
        return False
    y0 = min(c.box[1] for c in characters)
    y1 = max(c.box[3] for c in characters)
    height = max(y1 - y0, 1e-9)
    near = distance * height
    pairs = [(a, b) for a, b in zip(characters, characters[1:]) if a.line == b.line]
    if not pairs or any(b.box[0] - a.box[2] > near for a, b in pairs):  # boxes apart: the ink is too (no points needed)
        return False
    step = POINT_STEP * height
    points = {id(c): np.concatenate([resample(strokes[k], step) for k in c.strokes]) for c in characters}  # (Pi,2)
    return all(ink_distance(points[id(a)], points[id(b)]) <= near for a, b in pairs)


def stroke_like(characters: Sequence[Character]) -> bool:
    """True when every character is one a lone straight stroke reads as: 1 or minus (a V
    read as "11", an H as "1-1": the check cannot tell such pieces from digits)."""
    return all(c.text in STROKE_LIKE for c in characters)

"""More pen marks that are not digits, for the "not a digit" check: written words,
crossings-out, stars and Lissajous figures. (Not a stroke circling on itself: that is
how many write a bold 0.)

Each generator returns ink (a list of (P, 2) float64 arrays, x right, y down, in a unit
box or font units) from a numpy Generator, like bench/notdigit_shapes.py's (whose kinds
these do not repeat). Words are 2..4 letters of the Hershey fonts that are not
digit-shaped (bench/hershey_letters.py), set side by side as a hand writes them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bench.hershey_letters import FONTS, glyph_strokes, hand_varied
from model.pen.ink_synth import jitter_ink, smooth

Ink = list  # list of (P, 2) float64 arrays


def word(rng: np.random.Generator, letters: str) -> Ink:
    """2..4 letters of one Hershey font side by side, each a little varied, then the word."""
    font = FONTS[int(rng.integers(len(FONTS)))]
    out: Ink = []
    x = 0.0
    for _ in range(int(rng.integers(2, 5))):
        strokes = hand_varied(glyph_strokes(font, letters[int(rng.integers(len(letters)))]), rng, 0.5)
        pts = np.concatenate(strokes)  # (P,2)
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        out += [s + np.array([x - lo[0], 0.0]) for s in strokes]
        x += float(hi[0] - lo[0]) + float(rng.uniform(0.05, 0.3)) * float(hi[1] - lo[1] + 1e-9)
    return jitter_ink(out, rng, 0.7)


def crossing_out(rng: np.random.Generator) -> Ink:
    """A patch crossed out: one stroke back and forth across a box at some angle, 6..14 turns
    (the patch at least 0.6 as long as wide: a thin one is a bold 1)."""
    turns = int(rng.integers(6, 15))
    along = np.linspace(0, 1, turns)  # (T,) where each turn sits along the patch
    side = np.where(np.arange(turns) % 2 == 0, 0.0, 1.0) + rng.normal(0, 0.08, turns)  # (T,)
    pts = np.stack([side, along + rng.normal(0, 0.02, turns)], axis=1) * np.array([1.0, rng.uniform(0.6, 1.2)])
    a = rng.uniform(0, np.pi)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    stroke = pts @ rot.T
    return [smooth(stroke) if rng.random() < 0.5 else stroke]


# {n/k}, n and k coprime (one stroke), its inner polygon small: {7/2} and {9/2} are rings, a 0.
STARS = ((5, 2), (7, 3), (8, 3), (9, 4))


def star(rng: np.random.Generator) -> Ink:
    """A star polygon {n/k} drawn in one stroke, corners jittered."""
    n, k = STARS[int(rng.integers(len(STARS)))]
    idx = (np.arange(n + 1) * k) % n
    a = 2 * np.pi * idx / n + rng.uniform(0, 2 * np.pi)
    corners = np.stack([np.cos(a), np.sin(a)], axis=1) + rng.normal(0, 0.06, (n + 1, 2))  # (n+1,2)
    corners[-1] = corners[0]
    return jitter_ink([corners], rng, 1.0)


LISSAJOUS = ((3, 4), (4, 3), (2, 5), (3, 5), (4, 5))  # 2:3 can look like an 8


def lissajous(rng: np.random.Generator) -> Ink:
    """A Lissajous figure with coprime frequencies 2..5 (not 1:1, an ellipse; not 1:2 or 2:3, an 8),
    its phase away from the values where it folds onto an open curve."""
    fx, fy = LISSAJOUS[int(rng.integers(len(LISSAJOUS)))]
    t = np.linspace(0, 2 * np.pi, 200)
    return [np.stack([np.sin(fx * t + rng.uniform(0.3, 1.2)), np.sin(fy * t)], axis=1)]


MARKS: dict[str, Callable[[np.random.Generator], Ink]] = {
    "crossing-out": crossing_out,
    "star": star,
    "lissajous": lissajous,
}


def random_mark(rng: np.random.Generator, letters: str) -> Ink:
    """One mark of a random kind: a word as often as all the others together."""
    if rng.random() < 0.5:
        return word(rng, letters)
    names = sorted(MARKS)
    return MARKS[names[int(rng.integers(len(names)))]](rng)


def angular_scribble(rng: np.random.Generator) -> Ink:
    """1-2 strokes of straight segments meeting at sharp corners (5-35 corners: a random
    walk or points anywhere), never smoothed: a scribble drawn with a ruler-straight hand
    or a mouse. bench/notdigit_shapes.py's scribbles are smoothed curves only."""
    out: Ink = []
    for _ in range(int(rng.integers(1, 3))):
        n = int(rng.integers(5, 36))
        if rng.random() < 0.5:
            corners = rng.uniform(0, 1, (n, 2))
        else:
            corners = np.clip(rng.uniform(0.2, 0.8, 2) + rng.normal(0, rng.uniform(0.1, 0.3), (n, 2)).cumsum(0), 0, 1)
        steps = np.linspace(0, 1, 8, endpoint=False)[:, None]  # (8,1): points along each segment
        parts = [corners[i] + (corners[i + 1] - corners[i]) * steps for i in range(n - 1)]
        out.append(np.concatenate([*parts, corners[-1:]]))  # (8(n-1)+1, 2)
    return out

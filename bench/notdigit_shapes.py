"""Pen strokes that are not digits, for training the "not a digit" check.

Every generator returns ink (a list of (P, 2) float64 arrays, x right, y down, about a
unit box) drawn from a numpy Generator; the inks go through model/pen/ink.py's render_ink
(the canvas's renderer) or are drawn on synthetic paper (bench/notdigit_data.py).

Kinds: hand-drawn capital and small letters whose shapes are not digits' (stroke
templates, jittered), scribbles, zig-zags, spirals, hatching, circles with things in
them, smileys, symbols (+ x # @ & % ? ! * = < > arrows, stars, hearts, ticks, boxes,
triangles), waves and cursive loops. Shapes a digit can take are left out on purpose:
a lone circle (0), a lone slanted or upright line (1), an S, a Z, a lone hook.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from model.pen.ink_synth import jitter_ink, smooth

Ink = list  # list of (P, 2) float64 arrays
Shape = Callable[[np.random.Generator], Ink]


def _pl(*corners: tuple[float, float], n: int = 6) -> np.ndarray:
    """(K, 2) corners -> (M, 2) points along the polyline."""
    c = np.asarray(corners, float)
    parts = [c[i] + (c[i + 1] - c[i]) * np.linspace(0, 1, n, endpoint=False)[:, None] for i in range(len(c) - 1)]
    return np.concatenate(parts + [c[-1:]])


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, n: int = 24) -> np.ndarray:
    """(n, 2) points on an ellipse from angle a0 to a1 (degrees, y down: 90 is the bottom)."""
    t = np.radians(np.linspace(a0, a1, n))
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1)


def _dot(x: float, y: float, r: float = 0.02) -> np.ndarray:
    return _arc(x, y, r, r, 0, 360, 8)


# Hand-drawn letters whose shapes are not digits' (A E F H K M N R T U V W X Y, a e h k m
# n r t u v w x y and a few more); strokes in the order most people draw them.
LETTER_TEMPLATES: dict[str, list[np.ndarray]] = {
    "A": [_pl((0, 1), (0.5, 0), (1, 1)), _pl((0.25, 0.55), (0.75, 0.55))],
    "E": [_pl((1, 0), (0, 0), (0, 1), (1, 1)), _pl((0, 0.5), (0.7, 0.5))],
    "F": [_pl((1, 0), (0, 0), (0, 1)), _pl((0, 0.5), (0.7, 0.5))],
    "H": [_pl((0, 0), (0, 1)), _pl((1, 0), (1, 1)), _pl((0, 0.5), (1, 0.5))],
    "K": [_pl((0, 0), (0, 1)), _pl((0.9, 0), (0, 0.55), (1, 1))],
    "M": [_pl((0, 1), (0, 0), (0.5, 0.6), (1, 0), (1, 1))],
    "N": [_pl((0, 1), (0, 0), (1, 1), (1, 0))],
    "R": [
        np.concatenate([_pl((0, 1), (0, 0)), _arc(0.35, 0.25, 0.45, 0.25, -90, 90), _pl((0.35, 0.5), (0, 0.5))]),
        _pl((0.3, 0.5), (1, 1)),
    ],
    "T": [_pl((0, 0), (1, 0)), _pl((0.5, 0), (0.5, 1))],
    "U": [np.concatenate([_pl((0, 0), (0, 0.6)), _arc(0.5, 0.6, 0.5, 0.4, 180, 0), _pl((1, 0.6), (1, 0))])],
    "V": [_pl((0, 0), (0.5, 1), (1, 0))],
    "W": [_pl((0, 0), (0.25, 1), (0.5, 0.3), (0.75, 1), (1, 0))],
    "X": [_pl((0, 0), (1, 1)), _pl((1, 0), (0, 1))],
    "Y": [_pl((0, 0), (0.5, 0.5), (1, 0)), _pl((0.5, 0.5), (0.5, 1))],
    "C": [_arc(0.5, 0.5, 0.5, 0.5, -45, -315, 28)],
    "P": [np.concatenate([_pl((0, 1), (0, 0)), _arc(0.3, 0.25, 0.5, 0.25, -90, 90), _pl((0.3, 0.5), (0, 0.5))])],
    "a": [np.concatenate([_arc(0.45, 0.5, 0.45, 0.5, -20, -380, 28), _pl((0.9, 0), (0.9, 0.9), (1, 1))])],
    "e": [np.concatenate([_pl((0.05, 0.5), (0.95, 0.5)), _arc(0.5, 0.5, 0.45, 0.5, 0, -300, 26)])],
    "h": [
        _pl((0, -0.6), (0, 1)),
        np.concatenate([_arc(0.45, 0.4, 0.45, 0.4, 180, 360, 14), _pl((0.9, 0.4), (0.9, 1))]),
    ],
    "k": [_pl((0, -0.6), (0, 1)), _pl((0.8, 0), (0, 0.55), (0.9, 1))],
    "m": [
        np.concatenate(
            [
                _pl((0, 1), (0, 0.2)),
                _arc(0.25, 0.3, 0.25, 0.3, 180, 360, 10),
                _pl((0.5, 0.3), (0.5, 1)),
                _arc(0.75, 0.3, 0.25, 0.3, 180, 360, 10),
                _pl((1, 0.3), (1, 1)),
            ]
        )
    ],
    "n": [
        np.concatenate([_pl((0, 1), (0, 0)), _arc(0.45, 0.35, 0.45, 0.35, 190, 360, 12), _pl((0.9, 0.35), (0.9, 1))])
    ],
    "r": [np.concatenate([_pl((0, 1), (0, 0.1)), _arc(0.45, 0.35, 0.45, 0.3, 200, 300, 8)])],
    "t": [_pl((0.4, -0.5), (0.4, 0.9), (0.8, 1)), _pl((0, 0), (0.8, 0))],
    "u": [np.concatenate([_pl((0, 0), (0, 0.6)), _arc(0.45, 0.6, 0.45, 0.4, 180, 0, 12), _pl((0.9, 0), (0.9, 1))])],
    "v": [_pl((0, 0), (0.5, 1), (1, 0))],
    "w": [_pl((0, 0), (0.25, 1), (0.5, 0.4), (0.75, 1), (1, 0))],
    "x": [_pl((0, 0), (1, 1)), _pl((1, 0), (0, 1))],
    "y": [_pl((0, 0), (0.5, 0.7)), _pl((1, 0), (0.2, 1.6))],
    "f": [
        np.concatenate([_arc(0.75, 0.2, 0.25, 0.2, -10, -180, 10), _pl((0.5, 0.2), (0.5, 1.5))]),
        _pl((0.1, 0.6), (0.9, 0.6)),
    ],
    "d": [np.concatenate([_arc(0.45, 0.6, 0.45, 0.4, -20, -380, 24), _pl((0.9, -0.6), (0.9, 1))])],
    "p": [_pl((0, 0), (0, 1.6)), _arc(0.45, 0.4, 0.45, 0.4, 180, -180, 24)],
    "c": [_arc(0.5, 0.5, 0.5, 0.5, -40, -300, 24)],
    "L": [_pl((0, 0), (0, 1), (0.7, 1))],
    "J": [np.concatenate([_pl((0.7, 0), (0.7, 0.75)), _arc(0.4, 0.75, 0.3, 0.25, 0, 180, 10)])],
}


def letter(rng: np.random.Generator, strength: float = 1.2) -> Ink:
    """A letter template, jittered (model/pen/ink_synth.py) with the given strength."""
    names = sorted(LETTER_TEMPLATES)
    return jitter_ink([s.copy() for s in LETTER_TEMPLATES[names[int(rng.integers(len(names)))]]], rng, strength)


def sloppy_letter(rng: np.random.Generator) -> Ink:
    """A letter written fast: stronger warps, and each stroke's points wobbled along it."""
    ink = letter(rng, rng.uniform(1.0, 2.2))
    out = []
    for s in ink:
        drift = rng.normal(0, 0.03, (len(s), 2)).cumsum(axis=0) / max(1.0, np.sqrt(len(s)) / 2)  # (P,2)
        out.append(s + drift * float(np.ptp(np.concatenate(ink), axis=0).max()))
    return out


def scribble(rng: np.random.Generator) -> Ink:
    """1-3 strokes of smoothed random walks with many turns."""
    out = []
    for _ in range(int(rng.integers(1, 4))):
        n = int(rng.integers(6, 30))
        if rng.random() < 0.5:  # points anywhere in the box
            pts = rng.uniform(0, 1, (n, 2))
        else:  # a walk that keeps some of its heading
            pts = (rng.normal(0, 1, (n, 2)) + 0.6 * rng.normal(0, 1, (1, 2))).cumsum(axis=0)
        out.append(smooth(pts))
    return out


def zigzag(rng: np.random.Generator) -> Ink:
    k = int(rng.integers(4, 10))
    x = np.linspace(0, 1, k + 1)
    y = np.where(np.arange(k + 1) % 2, 0.0, 1.0) * rng.uniform(0.3, 1.0) + rng.normal(0, 0.05, k + 1)
    pts = np.stack([x, y], 1)
    if rng.random() < 0.5:
        pts = pts[:, ::-1]
    return [_pl(*map(tuple, pts), n=4)]


def spiral(rng: np.random.Generator) -> Ink:
    turns = rng.uniform(1.5, 3.0)
    t = np.linspace(0, turns * 2 * math.pi, int(60 * turns))
    r = rng.uniform(0.02, 0.1) + t / t[-1]
    sign = rng.choice([-1, 1])
    return [np.stack([r * np.cos(sign * t), r * np.sin(sign * t)], 1)]


def hatching(rng: np.random.Generator) -> Ink:
    out = []
    for angle in [rng.uniform(0, 180)] + ([rng.uniform(0, 180)] if rng.random() < 0.5 else []):
        a = math.radians(angle)
        d, n = np.array([math.cos(a), math.sin(a)]), np.array([-math.sin(a), math.cos(a)])
        for off in np.linspace(-0.5, 0.5, int(rng.integers(3, 6))):
            c = n * off
            out.append(_pl(tuple(c - d * 0.5), tuple(c + d * 0.5)))
    return out


def circled(rng: np.random.Generator) -> Ink:
    """A circle with something in it: a cross, a dot, lines, a smaller circle, a face."""
    out = [_arc(0.5, 0.5, 0.5, 0.5, 0, 360 + rng.uniform(0, 30), 36)]
    inner = int(rng.integers(5))
    if inner == 0:
        out += [_pl((0.2, 0.5), (0.8, 0.5)), _pl((0.5, 0.2), (0.5, 0.8))]
    elif inner == 1:
        out += [_pl((0.2, 0.2), (0.8, 0.8)), _pl((0.8, 0.2), (0.2, 0.8))]
    elif inner == 2:
        out += [_dot(0.5, 0.5, 0.04), _arc(0.5, 0.5, 0.25, 0.25, 0, 360, 20)]
    elif inner == 3:
        out += [_pl((0.5, 0), (0.5, 1)), _pl((0.5, 0.5), (0.15, 0.85)), _pl((0.5, 0.5), (0.85, 0.85))]
    else:
        out += [_dot(rng.uniform(0.25, 0.75), rng.uniform(0.25, 0.75), 0.05) for _ in range(int(rng.integers(2, 5)))]
    return out


def smiley(rng: np.random.Generator) -> Ink:
    out = [] if rng.random() < 0.15 else [_arc(0.5, 0.5, 0.5, 0.5, 0, 360 + rng.uniform(0, 20), 36)]
    e = rng.uniform(0.02, 0.06)
    out += [_dot(0.33, 0.35, e), _dot(0.67, 0.35, e)]
    mood = rng.random()
    if mood < 0.6:
        out.append(_arc(0.5, 0.5, 0.25, 0.2, 20, 160, 12))
    elif mood < 0.8:
        out.append(_arc(0.5, 0.85, 0.22, 0.15, 200, 340, 12))
    else:
        out.append(_pl((0.3, 0.7), (0.7, 0.7)))
    return out


def _symbol_strokes(ch: str) -> list[np.ndarray]:
    s = {
        "+": [_pl((0, 0.5), (1, 0.5)), _pl((0.5, 0), (0.5, 1))],
        "x": [_pl((0, 0), (1, 1)), _pl((1, 0), (0, 1))],
        "#": [_pl((0.3, 0), (0.2, 1)), _pl((0.75, 0), (0.65, 1)), _pl((0, 0.33), (1, 0.33)), _pl((0, 0.66), (1, 0.66))],
        "@": [
            np.concatenate(
                [
                    _arc(0.5, 0.5, 0.18, 0.2, 0, 360, 16),
                    _pl((0.68, 0.3), (0.7, 0.65)),
                    _arc(0.5, 0.5, 0.5, 0.5, 20, -300, 30),
                ]
            )
        ],
        "&": [
            np.concatenate(
                [
                    _pl((1, 1), (0.25, 0.35)),
                    _arc(0.4, 0.2, 0.2, 0.2, 135, -180, 14),
                    _pl((0.3, 0.45), (0.05, 0.75)),
                    _arc(0.3, 0.75, 0.25, 0.25, 180, 45, 12),
                    _pl((0.48, 0.93), (0.9, 0.55)),
                ]
            )
        ],
        "%": [_arc(0.2, 0.2, 0.17, 0.17, 0, 360, 14), _pl((0.9, 0), (0.1, 1)), _arc(0.8, 0.8, 0.17, 0.17, 0, 360, 14)],
        "?": [
            np.concatenate([_arc(0.5, 0.25, 0.35, 0.25, 200, 450, 16), _pl((0.5, 0.5), (0.5, 0.7))]),
            _dot(0.5, 0.95, 0.03),
        ],
        "!": [_pl((0.5, 0), (0.5, 0.7)), _dot(0.5, 0.95, 0.04)],
        "*": [_pl((0.5, 0), (0.5, 1)), _pl((0.07, 0.25), (0.93, 0.75)), _pl((0.93, 0.25), (0.07, 0.75))],
        "=": [_pl((0, 0.35), (1, 0.35)), _pl((0, 0.65), (1, 0.65))],
        "<": [_pl((1, 0), (0, 0.5), (1, 1))],
        ">": [_pl((0, 0), (1, 0.5), (0, 1))],
        "arrow": [_pl((0, 0.5), (1, 0.5)), _pl((0.7, 0.2), (1, 0.5), (0.7, 0.8))],
        "star": [_pl((0.5, 0), (0.2, 1), (1, 0.35), (0, 0.35), (0.8, 1), (0.5, 0))],
        "heart": [
            np.concatenate(
                [
                    _arc(0.27, 0.3, 0.25, 0.25, 150, 360, 12),
                    _arc(0.73, 0.3, 0.25, 0.25, 180, 390, 12),
                    _pl((0.95, 0.45), (0.5, 1), (0.05, 0.45)),
                ]
            )
        ],
        "tick": [_pl((0, 0.6), (0.35, 1), (1, 0))],
        "box": [_pl((0, 0), (1, 0), (1, 1), (0, 1), (0, 0))],
        "triangle": [_pl((0.5, 0), (1, 1), (0, 1), (0.5, 0))],
        "house": [
            _pl((0, 1), (0, 0.4), (0.5, 0), (1, 0.4), (1, 1), (0, 1)),
            _pl((0.4, 1), (0.4, 0.65), (0.6, 0.65), (0.6, 1)),
        ],
        "figure": [
            _arc(0.5, 0.12, 0.12, 0.12, 0, 360, 12),
            _pl((0.5, 0.24), (0.5, 0.65)),
            _pl((0.1, 0.4), (0.9, 0.4)),
            _pl((0.2, 1), (0.5, 0.65), (0.8, 1)),
        ],
        "minus": [_pl((0, 0.5), (1, 0.5))],
        "wave": [np.stack([np.linspace(0, 1, 60), 0.5 + 0.15 * np.sin(np.linspace(0, 4 * math.pi, 60))], 1)],
        "loops": [
            np.stack(
                [
                    np.linspace(0, 1, 120) + 0.08 * np.cos(np.linspace(0, 10 * math.pi, 120)),
                    0.5 + 0.2 * np.sin(np.linspace(0, 10 * math.pi, 120)),
                ],
                1,
            )
        ],
    }
    return s[ch]


SYMBOLS = (
    "+",
    "x",
    "#",
    "@",
    "&",
    "%",
    "?",
    "!",
    "*",
    "=",
    "<",
    ">",
    "arrow",
    "star",
    "heart",
    "tick",
    "box",
    "triangle",
    "house",
    "figure",
    "minus",
    "wave",
    "loops",
)


def symbol(rng: np.random.Generator) -> Ink:
    ink = [s.copy() for s in _symbol_strokes(SYMBOLS[int(rng.integers(len(SYMBOLS)))])]
    return jitter_ink(ink, rng, 1.0)


SHAPES: dict[str, Shape] = {
    "letter": letter,
    "scribble": scribble,
    "zigzag": zigzag,
    "spiral": spiral,
    "hatching": hatching,
    "circled": circled,
    "smiley": smiley,
    "symbol": symbol,
}


def random_shape(rng: np.random.Generator) -> Ink:
    """One non-digit ink of a random kind (letters and symbols twice as often)."""
    kinds = ["letter", "letter", "symbol", "symbol", *SHAPES]
    ink = SHAPES[kinds[int(rng.integers(len(kinds)))]](rng)
    return [np.asarray(s, np.float64) for s in ink if len(s)]

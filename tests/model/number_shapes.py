"""Hand-made digits for the whole-number tests: each a list of strokes in a 100-high box,
y down, placed by `number()` side by side (some in several strokes)."""

from __future__ import annotations

import numpy as np


def _line(a, b, steps: int = 10) -> np.ndarray:
    return np.linspace(a, b, steps + 1)  # (steps+1, 2)


def _arc(cx, cy, rx, ry, t0, t1, steps: int = 24) -> np.ndarray:
    t = np.linspace(t0, t1, steps)
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1)


def _path(*pieces) -> np.ndarray:
    return np.concatenate(pieces)


SHAPES: dict[str, list[np.ndarray]] = {
    "0": [_arc(30, 50, 28, 48, -np.pi / 2, 1.5 * np.pi, 40)],
    "1": [_path(_line((8, 18), (22, 0), 4), _line((22, 0), (22, 100)))],
    "2": [_path(_arc(28, 28, 26, 26, np.pi, 2.25 * np.pi), _line((46, 46), (2, 100)), _line((2, 100), (56, 100)))],
    "4": [_path(_line((34, 0), (2, 66)), _line((2, 66), (58, 66))), _line((44, 30), (44, 100))],  # two strokes
    "7": [_path(_line((0, 0), (56, 0)), _line((56, 0), (18, 100))), _line((16, 52), (52, 52), 6)],  # crossbar
    "5": [_path(_line((8, 0), (6, 46)), _arc(28, 70, 26, 28, -2.3, 2.5)), _line((8, 0), (54, 0), 6)],  # two
    "3": [_path(_arc(28, 26, 25, 24, -2.6, 1.6), _arc(28, 74, 27, 26, -1.6, 2.6))],
    "8": [_path(_arc(30, 26, 22, 24, np.pi / 2, 2.5 * np.pi), _arc(30, 74, 26, 26, -np.pi / 2, 1.5 * np.pi))],
    "6": [_path(_line((46, 0), (8, 60), 8), _arc(30, 74, 24, 25, np.pi, 3 * np.pi))],
    "9": [_path(_arc(30, 26, 24, 24, 0, 2 * np.pi), _line((54, 26), (50, 100)))],
}


def digit(label: str, x: float, y: float = 0.0, scale: float = 1.0) -> list[np.ndarray]:
    """The strokes of a digit with its box's top-left at (x, y), 100 * scale high."""
    return [s * scale + np.array([x, y]) for s in SHAPES[label]]


def width(label: str, scale: float = 1.0) -> float:
    pts = np.concatenate(SHAPES[label])
    return float(pts[:, 0].max() - pts[:, 0].min()) * scale


def number(text: str, gap: float = 30.0, wave: float = 0.0) -> list[np.ndarray]:
    """Strokes of `text` (digits, "." and a leading "-") written left to right."""
    strokes, x = [], 0.0
    for k, ch in enumerate(text):
        dy = wave * np.sin(1.3 * k)
        if ch == ".":
            strokes.append(np.array([[x + 4, 96 + dy]]))  # a dot: a single point
            x += 8 + gap
        elif ch == "-":
            strokes.append(_line((x, 50), (x + 40, 50), 6))
            x += 40 + gap
        else:
            strokes += digit(ch, x, dy)
            x += width(ch) + gap
    return strokes

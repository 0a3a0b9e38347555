"""Omniglot's pen strokes: real handwritten characters that are not digits.

Source: Lake, Salakhutdinov and Tenenbaum, "Human-level concept learning through
probabilistic program induction", Science 2015; https://github.com/brendenlake/omniglot
(MIT licence). Its `python/strokes_background_small1.zip` and `..._small2.zip` hold the
online strokes of 1,540 characters of eight alphabets (Latin lower case, Greek,
Korean, Balinese, Early Aramaic, Katakana, Sanskrit, Tagalog), each drawn by 20 people
with a mouse on Amazon Mechanical Turk: 4,840 drawings once the two copies of Latin and
Greek are counted once. Unzip both into one folder and pass it as --omniglot DIR to
bench/calibrate_notdigit.py.

A file is `START`, then `x,y,t` lines (x right, y up, t in ms) with `BREAK` after each
stroke. Each drawing is returned as ink in the canvas's convention (model/pen/ink.py):
a list of (P, 2) float64 strokes, x right, y down, in the file's units.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Omniglot's Latin alphabet is the lower case letters a..z, character01..character26.
LATIN = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class OmniglotDrawing:
    """One drawing: its ink, alphabet, character (1-based, as in the folder names),
    the drawer's number within that character (1..20) and, for Latin, the letter."""

    ink: list[np.ndarray]
    alphabet: str
    character: int
    drawer: int

    @property
    def letter(self) -> str | None:
        return LATIN[self.character - 1] if self.alphabet == "Latin" else None


def read_strokes(path: Path) -> list[np.ndarray]:
    """One stroke file -> ink: (P, 2) float64 strokes, y flipped to grow downward.

    Raises ValueError for a line that is not START, BREAK or three numbers."""
    strokes: list[np.ndarray] = []
    points: list[tuple[float, float]] = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line in ("START", "BREAK", "END", ""):
            if points:
                strokes.append(np.asarray(points, np.float64))
                points = []
            continue
        x, y, _t = (float(v) for v in line.split(","))
        points.append((x, -y))  # the file's y grows upward, the canvas's downward
    if points:
        strokes.append(np.asarray(points, np.float64))
    return strokes


def load_omniglot(root: Path) -> list[OmniglotDrawing]:
    """Every drawing under root (the unzipped strokes_background* folders, in any nesting:
    .../ALPHABET/characterNN/NNNN_DD.txt), each drawing once (the small sets share Latin
    and Greek), in a fixed order. Raises FileNotFoundError when root holds no stroke file."""
    seen: dict[tuple[str, int, str], OmniglotDrawing] = {}
    for path in sorted(root.rglob("character*/*.txt")):
        if path.name.startswith("._"):
            continue  # a macOS resource fork from the zip
        alphabet, character = path.parent.parent.name, int(path.parent.name.removeprefix("character"))
        key = (alphabet, character, path.stem)
        if key not in seen:
            ink = read_strokes(path)
            if ink:
                seen[key] = OmniglotDrawing(ink, alphabet, character, int(path.stem.split("_")[1]))
    if not seen:
        raise FileNotFoundError(f"no Omniglot stroke files under {root}")
    return list(seen.values())

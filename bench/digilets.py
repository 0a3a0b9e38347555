"""DigiLeTs: digits and letters written on a tablet by 77 people, a check set of real hands.

Source: Fedor Scholz et al., University of Tuebingen (Cognitive Modeling),
https://github.com/CognitiveModeling/DigiLeTs. Each participant wrote 0..9, a..z and A..Z,
five times each, "in an authentic way, as they would do usually", with a Wacom Intuos
pen on a 2000x2000 square of the tablet. The repository has no licence file: DigitPad
only measures on it (bench/digilets_eval.py) and never trains on it, ships it or sets a
threshold with it. It showed one fault: many of its writers' 1s (a long flag from near
the stem's foot) were turned away as "not a digit"; the world form that fixed it
(model/pen/ink_synth.py continental_one, stop 21) was drawn after looking at them, so
its 1s are no longer an unseen check. Clone it and pass its data/raw/complete folder (77
complete participants) as --digilets DIR.

A participant's file (e.g. 002-f-22-right_2019-06-05-12-21-29; the _info files beside
them are not read) holds two lines per instance, 62 symbols x 5 instances: the points as
whitespace-separated (x, y, pressure, pen_down, time) groups, x right and y up in tablet
squares (about 0..1.2), pen_down 1 on the first point of each stroke; then a one-hot
label of 62 values in the order SYMBOLS. Points with pressure 0 that start no stroke were
made by the pen's buttons in the air and are dropped (the dataset's own cleaning rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

SYMBOLS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
FIELDS = 5  # x, y, pressure, pen_down, time of each point


@dataclass(frozen=True)
class DigiletsSample:
    """One written symbol: its label (a character of SYMBOLS), its writer (the file name's
    leading number, e.g. "002") and its ink in the canvas's convention (model/pen/ink.py):
    a list of (P, 2) float64 strokes, x right, y down, in tablet squares."""

    label: str
    writer: str
    strokes: list[np.ndarray]


def _strokes(points: np.ndarray) -> list[np.ndarray]:
    """(P, 5) points -> strokes, y flipped to grow downward; the buttons' air points dropped."""
    strokes: list[np.ndarray] = []
    starts = np.flatnonzero(points[:, 3] == 1)
    bounds = [*starts[starts > 0], len(points)]
    for lo, hi in zip([0, *bounds[:-1]], bounds):
        seg = points[lo:hi]
        seg = seg[(seg[:, 2] > 0) | (seg[:, 3] == 1)]  # (p, 5)
        if len(seg):
            strokes.append(np.column_stack([seg[:, 0], -seg[:, 1]]))  # (p, 2)
    return strokes


def read_participant(path: Path) -> list[DigiletsSample]:
    """Every instance in one participant's file. ValueError for a malformed file."""
    lines = path.read_text(encoding="ascii").splitlines()
    writer = path.name.split("-", 1)[0]
    if len(lines) % 2:
        raise ValueError(f"{path.name}: an odd number of lines ({len(lines)}); expected two per instance")
    samples = []
    for k in range(0, len(lines), 2):
        values = np.array(lines[k].split(), dtype=np.float64)
        label = np.array(lines[k + 1].split(), dtype=np.float64)
        if len(values) % FIELDS or len(label) != len(SYMBOLS):
            raise ValueError(f"{path.name} line {k + 1}: not (x y pressure pen_down time) points and a 62-value label")
        strokes = _strokes(values.reshape(-1, FIELDS))
        if strokes:
            samples.append(DigiletsSample(SYMBOLS[int(np.argmax(label))], writer, strokes))
    return samples


def load_digilets(folder: Path) -> list[DigiletsSample]:
    """Every participant's file in folder (data/raw/complete of the repository), in writer
    order. FileNotFoundError when the folder holds none."""
    files = sorted(p for p in Path(folder).iterdir() if p.is_file() and not p.name.endswith("_info"))
    if not files:
        raise FileNotFoundError(f"no DigiLeTs participant files in {folder} (expected data/raw/complete)")
    return [s for f in files for s in read_participant(f)]

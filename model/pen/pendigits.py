"""A reader for UCI pendigits (UNIPEN 1.0 text): real pen digits with their writers.

Data source: ../shared/data/pendigits-tra/pendigits-orig.tra (E. Alpaydin, F. Alimoglu,
UCI dataset 81, CC BY 4.0): 7,494 digits by 30 writers on a 500 x 500 tablet box. Per
digit::

    .SEGMENT DIGIT 12-13 ? "4"
    .COMMENT 4 7 118          label, writer (1..30), sample number of that writer
    .PEN_DOWN
     267  333                 x y, tablet units, y growing UPWARD
    .PEN_UP

The tablet's y grows upward; the canvas's (and model/pen/ink.py's) grows downward, so y is
flipped here (y -> TABLET_HEIGHT - y): every ink this module returns is in the canvas
convention and can go straight to render_ink.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .unipen import parse_segments

DATA_FILE = "pendigits-orig.tra"
TABLET_HEIGHT = 500.0  # the writing box is 500 x 500 tablet units, y growing upward
_SEGMENT = re.compile(r'^\.SEGMENT\s+DIGIT\s+\S+\s+\S+\s+"(\d)"')
_COMMENT = re.compile(r"^\.COMMENT\s+(\d+)\s+(\d+)")


@dataclass
class PenDigits:
    """Pen digits in memory: inks[i] is a list of (P, 2) float64 arrays (x, y), y down."""

    inks: list[list[np.ndarray]]
    labels: np.ndarray  # (N,) int64 in 0..9
    writers: np.ndarray  # (N,) int64, the dataset's writer numbers (1..30)

    def __len__(self) -> int:
        return len(self.inks)

    def select(self, mask: np.ndarray) -> PenDigits:
        """The samples where mask (N,) bool is True, in order."""
        idx = np.flatnonzero(mask)
        return PenDigits([self.inks[i] for i in idx], self.labels[idx], self.writers[idx])

    def to_json_lines(self) -> list[dict]:
        """One {"strokes", "label", "writer"} dict per sample: `digitpad evaluate --ink`'s format."""
        return [
            {"strokes": [s.tolist() for s in ink], "label": int(y), "writer": f"pen{int(w):02d}"}
            for ink, y, w in zip(self.inks, self.labels, self.writers)
        ]


def parse_pendigits(text: str) -> PenDigits:
    """All digits of one UNIPEN text, in order, y flipped to point down.

    ValueError on a malformed point line, or a digit without its .COMMENT writer line.
    """
    inks: list[list[np.ndarray]] = []
    labels: list[int] = []
    writers: list[int] = []
    for seg in parse_segments(text, _SEGMENT):
        found = [c for c in map(_COMMENT.match, seg.comments) if c]
        if not found:
            raise ValueError("a digit has no '.COMMENT label writer sample' line")
        ink = [np.asarray(stroke, dtype=np.float64) for stroke in seg.strokes]  # (P,2) tablet units, y up
        for pts in ink:
            pts[:, 1] = TABLET_HEIGHT - pts[:, 1]  # y down, as on the canvas
        inks.append(ink)
        labels.append(int(seg.label))
        writers.append(int(found[-1].group(2)))
    return PenDigits(inks, np.asarray(labels, dtype=np.int64), np.asarray(writers, dtype=np.int64))


def load_pendigits(folder: str | os.PathLike) -> PenDigits:
    """The pendigits-orig.tra file of folder (or a path to the file itself).

    Raises ValueError (clear message) when it is missing or malformed.
    """
    path = Path(folder).expanduser()
    if path.is_dir():
        path = path / DATA_FILE
    if not path.is_file():
        raise ValueError(f"pen digits not found: {path} (expected the UCI file {DATA_FILE})")
    data = parse_pendigits(path.read_text(encoding="latin-1"))
    if not len(data):
        raise ValueError(f"{path} holds no '.SEGMENT DIGIT' samples")
    return data

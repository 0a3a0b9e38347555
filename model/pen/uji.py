"""A reader for the UJI Pen Characters files (UNIPEN-like text), digits and letters.

Each sample looks like::

    .SEGMENT CHARACTER 61 ? "0"
    .COMMENT Class [O]
    .PEN_DOWN
     527  312
     ...
    .PEN_UP
    .DT 100

x grows to the right, y grows downward, in tablet units. A sample is kept as ink
(list of strokes, each a list of (x, y)) with its label and its writer.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .unipen import parse_segments

DIGIT_LABELS = tuple("0123456789")
_SEGMENT = re.compile(r'^\.SEGMENT\s+CHARACTER\s+\S+\s+\S+\s+"(.*)"')


@dataclass
class UjiSample:
    label: str  # the character, e.g. "7" or "a"
    writer: str  # e.g. "w01", from the file name
    strokes: list[list[tuple[float, float]]] = field(default_factory=list)

    def to_json(self) -> dict:
        """The JSON Lines form `digitpad predict --ink` reads."""
        return {"strokes": [[list(p) for p in s] for s in self.strokes], "label": self.label, "writer": self.writer}


def parse_uji(text: str, writer: str = "") -> list[UjiSample]:
    """All samples in one file's text, in order. ValueError on a malformed point line."""
    return [UjiSample(seg.label, writer, seg.strokes) for seg in parse_segments(text, _SEGMENT)]


def load_uji(folder: str | os.PathLike, labels: tuple[str, ...] | None = DIGIT_LABELS) -> list[UjiSample]:
    """Samples from every UJIpenchars-w* file in folder (digits only by default)."""
    folder = Path(folder)
    files = sorted(folder.glob("UJIpenchars-w*"))
    if not files:
        raise ValueError(f"no UJIpenchars-w* files in {folder}")
    samples = []
    for path in files:
        writer = path.name.rsplit("-", 1)[-1]
        text = path.read_text(encoding="latin-1")
        samples += [s for s in parse_uji(text, writer) if labels is None or s.label in labels]
    return samples

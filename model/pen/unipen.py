"""The UNIPEN text format's common core, shared by the pen-data readers (model/pen/pendigits.py,
model/pen/uji.py): segments, each with a label, its .COMMENT lines and its strokes.

    .SEGMENT <kind> <ids> ? "<label>"      starts a sample (the reader's regex gives the label)
    .COMMENT ...                           kept as text, for the reader
    .PEN_DOWN
     267  333                              x y, tablet units (a reader knows which way y grows)
    .PEN_UP

Other dot lines (.DT, .X_DIM...) are skipped; so are strokes outside any segment and a
stroke left open when the next segment starts. Hand-written: this is our field's data
format, and no maintained Python library reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Stroke = list[tuple[float, float]]  # (x, y) points, tablet units


@dataclass
class Segment:
    label: str  # the segment regex's first group, e.g. "7"
    comments: list[str] = field(default_factory=list)  # its .COMMENT lines, stripped
    strokes: list[Stroke] = field(default_factory=list)  # pen-down strokes with at least one point


def parse_segments(text: str, segment: re.Pattern[str]) -> list[Segment]:
    """All segments of one UNIPEN text, in order; `segment` matches a .SEGMENT line of the
    wanted kind and captures its label. ValueError naming the line of a malformed point."""
    segments: list[Segment] = []
    stroke: Stroke | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        m = segment.match(line)
        if m:
            segments.append(Segment(m.group(1)))
            stroke = None
        elif line.startswith(".COMMENT") and segments:
            segments[-1].comments.append(line)
        elif line.startswith(".PEN_DOWN"):
            stroke = []
        elif line.startswith(".PEN_UP"):
            if segments and stroke:
                segments[-1].strokes.append(stroke)
            stroke = None
        elif stroke is not None and not line.startswith("."):
            stroke.append(_point(line, lineno))
    return segments


def _point(line: str, lineno: int) -> tuple[float, float]:
    parts = line.split()
    try:
        return float(parts[0]), float(parts[1])
    except (IndexError, ValueError):
        raise ValueError(f"line {lineno}: expected 'x y', got {line!r}") from None

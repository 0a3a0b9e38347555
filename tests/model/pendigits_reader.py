"""A small reader for UCI pendigits (UNIPEN text), for the adaptation tests and bench.

Another module (model/pendigits.py) may come to read this data set for training; this
one only serves tests/model/test_adapt.py and bench/adapt_eval.py, which need the
writer of each digit. Format (see ../shared/data/pendigits-tra/README.md):

    .SEGMENT DIGIT 12-13 ? "4"
    .COMMENT 4 7 118          label, writer (1..30), sample number
    .PEN_DOWN
     267  333                 x y, tablet units, y grows UPWARD
    .PEN_UP

Points are flipped to screen coordinates (y = BOX - y) so that a 6 is not an "e".
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PENDIGITS_ENV = "DIGITPAD_TEST_PENDIGITS"  # the .tra file, if it is not beside the checkout
RELATIVE = Path("shared") / "data" / "pendigits-tra" / "pendigits-orig.tra"
BOX = 500  # the writing box is 500 x 500 tablet units


def pendigits_file() -> Path | None:
    """$DIGITPAD_TEST_PENDIGITS, or shared/data/pendigits-tra beside the checkout (or a parent's)."""
    env = os.environ.get(PENDIGITS_ENV)
    candidates = [Path(env)] if env else []
    candidates += [parent / RELATIVE for parent in REPO.parents]
    return next((c for c in candidates if c.is_file()), None)


def load_pendigits(path: str | Path) -> list[dict]:
    """[{"strokes": [[[x, y], ...], ...], "label": int, "writer": int}] in file order.

    y is flipped to grow downward. Raises OSError if the file is missing, ValueError
    on a malformed point line.
    """
    samples: list[dict] = []
    stroke: list[list[float]] | None = None
    for lineno, raw in enumerate(Path(path).read_text(encoding="latin-1").splitlines(), 1):
        line = raw.strip()
        if line.startswith(".SEGMENT"):
            label = int(line.rsplit('"', 2)[-2])
            samples.append({"strokes": [], "label": label, "writer": -1})
            stroke = None
        elif line.startswith(".COMMENT") and samples:
            samples[-1]["writer"] = int(line.split()[2])
        elif line.startswith(".PEN_DOWN"):
            stroke = []
        elif line.startswith(".PEN_UP"):
            if samples and stroke:
                samples[-1]["strokes"].append(stroke)
            stroke = None
        elif stroke is not None and line and not line.startswith("."):
            parts = line.split()
            if len(parts) < 2:
                raise ValueError(f"{path}:{lineno}: expected 'x y', got {line!r}")
            stroke.append([float(parts[0]), BOX - float(parts[1])])
    return samples


def by_writer(samples: list[dict]) -> dict[int, list[dict]]:
    """Group samples by writer number, keeping file order."""
    groups: dict[int, list[dict]] = {}
    for s in samples:
        groups.setdefault(s["writer"], []).append(s)
    return groups

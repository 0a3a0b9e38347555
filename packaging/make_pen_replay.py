"""Make assets/samples/pen-replay.jsonl: general pen digits that adapting to a hand replays
(run by hand, result committed).

    python packaging/make_pen_replay.py [--pen ../shared/data/pendigits-tra] [--per-digit 50]

When DigitPad adapts to one person's drawings, the trajectory network's copy is
distilled on these (model/adaptation/trajectory_adapt.py) so that it keeps reading everyone else's
digits, as the image network replays MNIST. They come from pendigits-tra (E. Alpaydin,
F. Alimoglu, UCI Machine Learning Repository dataset 81, CC BY 4.0,
doi:10.24432/C5MG6K), the data the bundled trajectory network was trained on:
--per-digit digits of each class, taken in turn from each of the 30 writers (seeded),
in the canvas convention (y down, tablet units), one {"strokes", "label", "writer"} per line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.pen.pendigits import load_pendigits  # noqa: E402

OUT = ROOT / "assets" / "samples" / "pen-replay.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    found = [p / "shared/data/pendigits-tra" for p in ROOT.parents if (p / "shared/data/pendigits-tra").is_dir()]
    parser.add_argument("--pen", type=Path, default=found[0] if found else None)
    parser.add_argument("--per-digit", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    pen = load_pendigits(args.pen)
    rng = np.random.default_rng(args.seed)
    lines = []
    for digit in range(10):
        by_writer = {
            int(w): list(rng.permutation(np.flatnonzero((pen.labels == digit) & (pen.writers == w))))
            for w in np.unique(pen.writers)
        }
        taken = 0
        while taken < args.per_digit and any(by_writer.values()):
            for w, left in by_writer.items():
                if left and taken < args.per_digit:
                    i = int(left.pop())
                    strokes = [[[int(round(x)), int(round(y))] for x, y in s.tolist()] for s in pen.inks[i]]
                    lines.append(json.dumps({"strokes": strokes, "label": digit, "writer": w}, separators=(",", ":")))
                    taken += 1
    OUT.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{len(lines)} pen digits -> {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()

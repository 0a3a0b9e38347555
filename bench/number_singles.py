"""Single pen digits read as whole numbers: does a segmentation change alter any of them?

    python bench/number_singles.py --save /tmp/before.json     # before a change
    python bench/number_singles.py --compare /tmp/before.json  # after it: what changed
    python bench/number_singles.py --writers 1-30              # every pendigits writer

Reads the 1,718 single digits of UJI (220, 11 writers) and pendigits writers 25-30 with
Predictor.read_drawing (what the app and `digitpad predict --ink --number` read) and
prints how many read as their own digit, as several characters, as another digit and
as nothing (called "not a digit" counted apart). --save writes each reading (the text
shown); --compare prints the digits whose reading differs from a saved run. A change to
the number reader should leave every one of them as it was: one digit is a number of
length one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.number_eval import PENDIGITS, UJI  # noqa: E402
from model.pen.uji import load_uji  # noqa: E402
from model.predictor import Predictor  # noqa: E402
from model.segmentation.number_synth import read_pendigits  # noqa: E402

WRITERS = range(25, 31)  # pendigits writers held out from the notdigit calibration's choices


def singles(writers=WRITERS) -> list[tuple[str, str, list[np.ndarray]]]:
    """(name, label, strokes) of every single digit: UJI first, then pendigits `writers`."""
    out = [
        (f"uji/{s.writer}/{k}", s.label, [np.array(st, dtype=np.float64) for st in s.strokes])
        for k, s in enumerate(load_uji(UJI))
    ]
    pen = [d for d in read_pendigits(PENDIGITS) if d.writer in writers]
    out += [(f"pendigits/{d.writer}/{k}", d.label, list(d.strokes)) for k, d in enumerate(pen)]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--save", type=Path, help="write the readings here (JSON)")
    ap.add_argument("--compare", type=Path, help="compare with readings saved before")
    ap.add_argument("--writers", default="25-30", help="pendigits writers (default 25-30)")
    args = ap.parse_args()
    lo, _, hi = args.writers.partition("-")
    predictor = Predictor.load()
    readings: dict[str, str] = {}
    kinds: Counter[str] = Counter()
    for name, label, strokes in singles(range(int(lo), int(hi or lo) + 1)):
        number, _ = predictor.read_drawing(strokes)
        text = number.shown_text()
        readings[name] = text
        kind = (
            "not a digit"
            if number.not_digit
            else "right"
            if text == label
            else "nothing"
            if not text
            else "several"
            if len(text) > 1
            else "other digit"
        )
        kinds[kind] += 1
    print(f"{len(readings)} single pen digits: " + ", ".join(f"{n} {k}" for k, n in kinds.most_common()))
    if args.save:
        args.save.write_text(json.dumps(readings, indent=0))
    if args.compare:
        before = json.loads(args.compare.read_text())
        changed = [f"{k}: {before.get(k)!r} -> {v!r}" for k, v in readings.items() if before.get(k) != v]
        print(f"{len(changed)} read differently from {args.compare}" + "".join(f"\n   {c}" for c in changed))


if __name__ == "__main__":
    main()

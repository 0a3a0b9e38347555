"""Real digits and letters of 77 other hands (DigiLeTs): read right, and "not a digit".

    python bench/digilets_eval.py --digilets ~/DigiLeTs/data/raw/complete
    python bench/digilets_eval.py --digilets DIR --every 4     # every 4th writer (faster)

bench/digilets.py says where the data comes from; no part of DigitPad learnt from it.
Each symbol is read as the app reads it: drawn (Predictor.predict_many_strokes with the
check, as the canvas asks when a drawing is no confident number) and as a picture (the ink
drawn dark on white, bench/notdigit_eval.py on_paper, through Predictor.predict_many_images).
Prints, per path:
- digits read right, and digits called "not a digit" (lower is better);
- letters that are not digit-shaped (bench/notdigit_data.py DIGIT_SHAPED), and apart the
  digit-shaped ones, given no digit (higher is better).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.digilets import load_digilets  # noqa: E402
from bench.notdigit_data import DIGIT_SHAPED  # noqa: E402
from bench.notdigit_eval import called_not_digit, on_paper, rejected, row  # noqa: E402
from model.ood import NotDigitCheck  # noqa: E402
from model.predictor import Predictor  # noqa: E402

DIGITS = "0123456789"


def read_right(preds, labels: list[str]) -> float:
    """Share of predictions whose digit is the label (an error or no digit is wrong)."""
    return float(np.mean([not isinstance(p, ValueError) and str(p.digit) == y for p, y in zip(preds, labels)]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--digilets", type=Path, required=True, help="the repository's data/raw/complete folder")
    ap.add_argument("--every", type=int, default=1, help="every k-th writer only")
    ap.add_argument("--check", type=Path, help="a not-a-digit check file (default: assets/notdigit.pt)")
    ap.add_argument("--model", type=Path, help="digit model (default: the bundled one)")
    ap.add_argument("--ink-only", action="store_true", help="skip the pictures (4x faster)")
    args = ap.parse_args()
    start = time.perf_counter()
    predictor = Predictor.load(args.model)
    if args.check:
        predictor.not_digit = NotDigitCheck.load(args.check)
    samples = load_digilets(args.digilets)
    writers = sorted({s.writer for s in samples})[:: args.every]
    samples = [s for s in samples if s.writer in writers]
    print(f"{len(writers)} writers, {len(samples)} symbols")
    groups = {
        "digits": [s for s in samples if s.label in DIGITS],
        "letters, not digit-shaped": [s for s in samples if s.label not in DIGITS + DIGIT_SHAPED],
        "letters, digit-shaped": [s for s in samples if s.label in DIGIT_SHAPED],
    }
    paths = {"ink": lambda inks: predictor.predict_many_strokes(inks, check_not_digit=True)}
    if not args.ink_only:
        paths["pictures"] = lambda inks: predictor.predict_many_images([on_paper(s) for s in inks])
    for path, predict in paths.items():
        for name, group in groups.items():
            preds = predict([s.strokes for s in group])
            if name == "digits":
                row(f"{path}: digits read right", read_right(preds, [s.label for s in group]), len(group))
                row(f"{path}: digits called 'not a digit'", called_not_digit(preds), len(group))
            else:
                row(f"{path}: {name}, given no digit", rejected(preds), len(group))
    print(f"{time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()

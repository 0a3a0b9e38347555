"""Written letters and words must not read as a number: drawn, and as pictures.

    python bench/words_eval.py --omniglot /tmp/omni              # drawers 17..20 (held out)
    python bench/words_eval.py --omniglot /tmp/omni --drawers 1-16   # the drawers rules were chosen on
    python bench/words_eval.py --omniglot /tmp/omni --picture    # as pictures (the app's Open)

Words of one to five lower-case letters, each word by one Omniglot drawer (Lake et al.
2015, MIT licence; the Latin alphabet of python/strokes_background_small1.zip and
..._small2.zip of github.com/brendenlake/omniglot, unzipped into one folder:
bench/omniglot_strokes.py), placed side by side like a number's digits
(model/segmentation/number_synth.py compose). Only letters that are not digit-shaped
(bench/notdigit_data.py DIGIT_SHAPED: an "o" is a 0 in many hands) unless --all-letters.

Read as the app reads: a drawing with read_drawing (the canvas), a picture (the ink drawn
into an image, bench/number_eval.py as_image) with read_picture. Prints, per word length
and in all, the share read as a number (lower is better) and called "not a digit"; the
rest read as nothing at all. Real numbers called "not a digit": bench/number_eval.py
--drawing and --picture.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.notdigit_data import DIGIT_SHAPED  # noqa: E402
from bench.number_eval import as_image, parse_writers  # noqa: E402
from bench.omniglot_strokes import load_omniglot  # noqa: E402
from model.predictor import Predictor  # noqa: E402
from model.segmentation.number_synth import PenDigit, SynthNumber, compose  # noqa: E402

MAX_LETTERS = 5


def make_words(root: Path, drawers: list[int], count: int, seed: int, all_letters: bool) -> list[SynthNumber]:
    """count words, each of 1..MAX_LETTERS letters of one drawer (text: the letters)."""
    by_drawer: dict[int, list[PenDigit]] = {}
    for d in load_omniglot(root):
        if d.letter and d.drawer in drawers and (all_letters or d.letter not in DIGIT_SHAPED):
            by_drawer.setdefault(d.drawer, []).append(PenDigit(d.letter, d.drawer, tuple(d.ink)))
    if not by_drawer:
        raise SystemExit(f"no Omniglot Latin drawings of drawers {drawers[0]}..{drawers[-1]} in {root}")
    rng = np.random.default_rng(seed)
    keys = sorted(by_drawer)
    words = []
    for _ in range(count):
        pool = by_drawer[keys[int(rng.integers(len(keys)))]]
        letters = [pool[int(k)] for k in rng.choice(len(pool), int(rng.integers(1, MAX_LETTERS + 1)))]
        words.append(compose(letters, rng))
    return words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--omniglot", type=Path, required=True, help="folder of Omniglot's stroke files")
    ap.add_argument("--drawers", default="17-20", help="Omniglot drawers, e.g. 1-16 (default 17-20, held out)")
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--picture", action="store_true", help="draw each word into an image, read with read_picture")
    ap.add_argument("--all-letters", action="store_true", help="digit-shaped letters too")
    args = ap.parse_args()
    words = make_words(args.omniglot, parse_writers(args.drawers), args.count, args.seed, args.all_letters)
    predictor = Predictor.load()
    tally: Counter = Counter()
    examples = []
    for word in words:
        if args.picture:
            number, _ = predictor.read_picture(as_image(word.strokes))
        else:
            number, _ = predictor.read_drawing(word.strokes)
        kind = "number" if number.digits else "not a digit" if number.not_digit else "nothing"
        tally[len(word.text), kind] += 1
        tally[0, kind] += 1
        if kind == "number" and len(examples) < 12:
            examples.append(f"{word.text}->{number.text}")
    print(f"words of Omniglot drawers {args.drawers}, {'pictures' if args.picture else 'drawings'}:")
    for n in [*range(1, MAX_LETTERS + 1), 0]:
        total = sum(tally[n, kind] for kind in ("number", "not a digit", "nothing"))
        name = "all" if n == 0 else f"{n} letter{'s' * (n > 1)}"
        print(
            f"  {name:>9}: {total:4d} words, read as a number {tally[n, 'number'] / max(1, total):6.1%}, "
            f"called not a digit {tally[n, 'not a digit'] / max(1, total):6.1%}"
        )
    print("   e.g. " + ", ".join(examples))


if __name__ == "__main__":
    main()

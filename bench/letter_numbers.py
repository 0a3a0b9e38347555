"""Letters and symbols drawn as ink: does the drawing reader call them a number?

    python bench/letter_numbers.py               # Hershey and sloppy pen letters, symbols
    python bench/letter_numbers.py --per 20      # inks per character and source
    python bench/letter_numbers.py --uji         # also UJI pen letters (a CHECK set: report only)

Reads each ink with Predictor.read_drawing (what the app and `digitpad predict --ink
--number` read) and prints, per character, how often it is read as a number (the text
shown), called "not a digit", or read as nothing, then the share of letters read as a
number (the issue 15 fault: a two-stroke K read as "11"). Letters many people write like
digits (bench/notdigit_data.py DIGIT_SHAPED: O o Q D I l i j ...) are counted apart.

Ink sources: the Hershey stroke-font letters and symbols, hand-varied
(bench/hershey_letters.py), and our own pen templates written fast
(bench/notdigit_shapes.py LETTER_TEMPLATES, varied like its sloppy_letter). UJI pen
letters (11 writers) are for checking a design once it is chosen, never for tuning.

Figures (defaults, --uji), read as a number before -> after the glued-pieces rule
(model/segmentation/glued.py; its distances were chosen on other seeds and on numbers of
pendigits writers 1-20): Hershey letters 25.0% -> 15.0%, Hershey symbols 26.1% -> 18.3%,
sloppy pen letters 8.8% -> 5.7%, Hershey digit-shaped letters 75.5% -> 75.0%; UJI letters
30.0% -> 29.2%, UJI digit-shaped 87.4% -> 87.4%.
Stop 20, before -> after the written-letters rule (model/drawing_reader.py _unless_letters)
and drawn ink's own threshold (bench/calibrate_notdigit.py --ink-threshold): Hershey
letters 13.8% -> 6.2%, symbols 19.4% -> 13.3%, digit-shaped 78.9% -> 62.7%; sloppy pen
letters 6.9% -> 2.4%; UJI letters 22.7% -> 13.1%, digit-shaped 86.9% -> 78.3%.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.hershey_letters import FONTS, SYMBOLS, glyph_strokes, hand_varied  # noqa: E402
from bench.notdigit_data import DIGIT_SHAPED, FONT_LETTERS  # noqa: E402
from bench.notdigit_shapes import LETTER_TEMPLATES  # noqa: E402
from bench.number_eval import UJI  # noqa: E402
from model.pen.ink_synth import jitter_ink  # noqa: E402
from model.predictor import Predictor  # noqa: E402

CANVAS_HEIGHT = 200.0  # a character's taller side, in canvas pixels, as drawn on the app's canvas
MARGIN = 40.0  # canvas pixels left and above the character
SLOPPY_DRIFT = 0.03  # per point, in character sizes: the wobble of bench/notdigit_shapes.py sloppy_letter
NUMBER, NOT_DIGIT, NOTHING = "number", "not a digit", "nothing"

Ink = list  # list of (P, 2) float64 arrays, x right, y down


def on_canvas(ink: Ink) -> Ink:
    """Ink of any units -> canvas pixels: the taller side CANVAS_HEIGHT, at (MARGIN, MARGIN)."""
    pts = np.concatenate(ink)  # (P,2)
    lo, size = pts.min(axis=0), float(np.ptp(pts, axis=0).max()) or 1.0
    return [(s - lo) * (CANVAS_HEIGHT / size) + MARGIN for s in ink]


def hershey_inks(chars: str, per: int, rng: np.random.Generator) -> dict[str, list[Ink]]:
    """per hand-varied Hershey inks of each character, each in a random font that draws it."""
    out: dict[str, list[Ink]] = defaultdict(list)
    for ch in chars:
        for _ in range(per):
            font = FONTS[int(rng.integers(len(FONTS)))]
            try:
                glyph = glyph_strokes(font, ch)
            except ValueError:
                continue
            out[ch].append(hand_varied(glyph, rng, float(rng.uniform(0.6, 1.8))))
    return out


def sloppy_inks(per: int, rng: np.random.Generator) -> dict[str, list[Ink]]:
    """per inks of each pen letter template, written fast (as notdigit_shapes.sloppy_letter)."""
    out: dict[str, list[Ink]] = {}
    for ch, template in LETTER_TEMPLATES.items():
        inks = []
        for _ in range(per):
            ink = jitter_ink([s.copy() for s in template], rng, float(rng.uniform(1.0, 2.2)))
            size = float(np.ptp(np.concatenate(ink), axis=0).max())
            wobble = [
                rng.normal(0, SLOPPY_DRIFT, (len(s), 2)).cumsum(axis=0) / max(1.0, np.sqrt(len(s)) / 2) for s in ink
            ]
            inks.append([s + w * size for s, w in zip(ink, wobble)])
        out[ch] = inks
    return out


def uji_inks() -> dict[str, list[Ink]]:
    """UJI pen letters (no digits), by character: the check set."""
    from model.pen.uji import load_uji

    out: dict[str, list[Ink]] = defaultdict(list)
    for s in load_uji(UJI, labels=None):
        if not s.label.isdigit():
            out[s.label].append([np.array(st, dtype=np.float64) for st in s.strokes])
    return out


def outcome(predictor: Predictor, ink: Ink) -> tuple[str, str]:
    """(NUMBER / NOT_DIGIT / NOTHING, the text shown) of one ink read by read_drawing."""
    number, _ = predictor.read_drawing(on_canvas(ink))
    if number.not_digit:
        return NOT_DIGIT, ""
    text = number.shown_text()
    return (NUMBER, text) if text else (NOTHING, "")


def report(name: str, predictor: Predictor, inks: dict[str, list[Ink]], verbose: bool) -> dict[str, Counter]:
    """Read every ink; print one line per character (verbose) and the shares; return the counts."""
    counts: dict[str, Counter] = {}
    start, n = time.perf_counter(), 0
    for ch, group in sorted(inks.items()):
        kinds: Counter = Counter()
        texts: Counter = Counter()
        for ink in group:
            kind, text = outcome(predictor, ink)
            kinds[kind] += 1
            texts[text] += kind == NUMBER
            n += 1
        counts[ch] = kinds
        if verbose:
            shown = ", ".join(f"{t!r} {k}" for t, k in texts.most_common(3) if k)
            print(f"  {name} {ch!r}: {kinds[NUMBER]}/{len(group)} number {shown}, {kinds[NOT_DIGIT]} not a digit")
    ms = 1000 * (time.perf_counter() - start) / max(n, 1)
    for part, chars in (
        ("letters", [c for c in counts if c.isalpha() and c not in DIGIT_SHAPED]),
        ("digit-shaped letters", [c for c in counts if c in DIGIT_SHAPED]),
        ("symbols", [c for c in counts if not c.isalnum()]),
    ):
        total = sum((counts[c] for c in chars), Counter())
        if not chars or not sum(total.values()):
            continue
        size = sum(total.values())
        worst = sorted(chars, key=lambda c: -counts[c][NUMBER] / max(sum(counts[c].values()), 1))[:8]
        print(
            f"{name} {part}: {size} inks, read as a number {total[NUMBER] / size:.1%}, "
            f"not a digit {total[NOT_DIGIT] / size:.1%}, nothing {total[NOTHING] / size:.1%}"
            f"  (most often a number: {' '.join(worst)})"
        )
    print(f"{name}: {ms:.1f} ms per drawing")
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per", type=int, default=12, help="inks per character and source (default 12)")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--uji", action="store_true", help="also read UJI pen letters (check set: never tune on it)")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per character")
    args = ap.parse_args()
    predictor = Predictor.load()
    rng = np.random.default_rng(args.seed)
    report("hershey", predictor, hershey_inks(FONT_LETTERS + DIGIT_SHAPED + SYMBOLS, args.per, rng), args.verbose)
    report("sloppy", predictor, sloppy_inks(args.per, rng), args.verbose)
    if args.uji:
        report("uji", predictor, uji_inks(), args.verbose)


if __name__ == "__main__":
    main()

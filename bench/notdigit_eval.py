""" "Not a digit": how many non-digits are turned away, and how many real digits.

    python bench/notdigit_eval.py                       # the bundled check and model
    python bench/notdigit_eval.py --check /tmp/nd.pt -n 100

Non-digits (share called "not a digit", higher is better):
- letters printed in fonts the check never saw (DejaVu, Noto), letters that are not
  digit-shaped and, apart, the digit-shaped ones (O o Q D I l i j Z z S s B b g q G);
- UJI pen letters (11 writers; a check set only, never trained or tuned on), drawn on
  paper as a picture and as drawn ink, with and without the digit-shaped letters;
- the non-digit kinds of bench/photo_cases.py (letters, symbols, scribbles, smileys,
  noise: other generators than the training's), through Predictor.predict_image.
Real digits (share turned away, lower is better): the MNIST test set (its 28x28 input
and as pictures), UJI pen digits (pictures and ink), pendigits (all 30 writers as ink,
and the held-out writers 25..30 as pictures), and every photo kind of bench/photo_cases.py.
"Ink" rows are the drawn ink's check (Predictor.predict_many_strokes(check_not_digit=True):
the rendered ink against the check's drawn-ink threshold; model/ood.py), as the app runs
it on a drawing that does not read as a confident number, and `digitpad predict --ink`.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.notdigit_data import DIGIT_SHAPED, HELD_WRITERS, ink_picture  # noqa: E402
from bench.photo_cases import (  # noqa: E402
    DIGIT_KINDS,
    EVAL_FONTS,
    NON_DIGIT_KINDS,
    SHARED,
    _unit_box,
    draw_strokes,
    glyph,
    load_source,
    make_case,
)
from model.ood import NotDigitCheck  # noqa: E402
from model.pen.pendigits import load_pendigits  # noqa: E402
from model.pen.uji import load_uji  # noqa: E402
from model.predictor import Predictor  # noqa: E402
from model.training.data import load_data  # noqa: E402

HELD_FONTS = EVAL_FONTS + sorted(Path("/usr/share/fonts/truetype/noto").glob("*.ttf"))
ALL_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
CLEAR_LETTERS = "".join(c for c in ALL_LETTERS if c not in DIGIT_SHAPED)


def on_paper(strokes) -> Image.Image:
    """Pen ink as a picture: dark strokes, 12 px wide, the character filling 70% of 300 px."""
    img = Image.new("L", (300, 300), 255)
    draw_strokes(ImageDraw.Draw(img), _unit_box([np.asarray(s, np.float64) for s in strokes]), (45, 45, 210), 12, 0)
    return img


def rejected(preds) -> float:
    """Share of predictions without a digit (not a digit, or nothing found): for non-digits."""
    return float(np.mean([isinstance(p, ValueError) or p.digit is None for p in preds]))


def called_not_digit(preds) -> float:
    """Share of predictions saying "not a digit": for real digits (a digit the finder misses
    is bench/photo_eval.py's business, not the check's)."""
    return float(np.mean([not isinstance(p, ValueError) and p.not_digit for p in preds]))


def row(name: str, share: float, n: int) -> None:
    print(f"  {name:48s} {share:7.1%}  of {n}")


def non_digit_rows(predictor: Predictor, check: NotDigitCheck, n: int) -> None:
    print("non-digits called 'not a digit' (higher is better)")
    for name, chars in (
        ("font letters, not digit-shaped", CLEAR_LETTERS),
        ("font letters, digit-shaped", DIGIT_SHAPED),
    ):
        pics = [glyph(np.random.default_rng([77, i]), chars, HELD_FONTS)[0] for i in range(n)]
        row(name + " (DejaVu, Noto)", rejected(predictor.predict_many_images(pics)), n)
    uji = load_uji(SHARED / "data" / "uji-penchars-v1", labels=None)
    for name, chars in (
        ("not digit-shaped", CLEAR_LETTERS),
        ("digit-shaped", DIGIT_SHAPED),
        ("all letters", ALL_LETTERS),
    ):
        inks = [s.strokes for s in uji if s.label in chars]
        row(
            f"UJI letters, {name}, pictures",
            rejected(predictor.predict_many_images([on_paper(s) for s in inks])),
            len(inks),
        )
        row(
            f"UJI letters, {name}, ink", rejected(predictor.predict_many_strokes(inks, check_not_digit=True)), len(inks)
        )
    for kind in NON_DIGIT_KINDS:
        pics = [make_case(kind, i, None, seed=1)[0] for i in range(n)]
        row(f"photo_cases {kind}", rejected(predictor.predict_many_images(pics)), n)


def digit_rows(predictor: Predictor, check: NotDigitCheck, n: int) -> None:
    print("real digits turned away (lower is better)")
    test = load_data(SHARED / "data" / "mnist", "test")
    images = test.images.numpy()  # (10000,28,28) uint8
    flat = images.astype(np.float32) / 255  # (10000,28,28)
    row("MNIST test, 28x28 input, pictures' threshold", float(np.mean(check.rejects(flat))), len(images))
    row("MNIST test, 28x28 input, drawn ink's threshold", float(np.mean(check.rejects(flat, ink=True))), len(images))
    pngs = []
    for x in images[:2000]:
        buf = io.BytesIO()
        Image.fromarray(255 - x).resize((112, 112), Image.Resampling.BILINEAR).save(buf, "PNG")
        pngs.append(buf.getvalue())
    row(
        "MNIST test as pictures (dark on white, 112 px)",
        called_not_digit(predictor.predict_many_images(pngs)),
        len(pngs),
    )
    uji = [s.strokes for s in load_uji(SHARED / "data" / "uji-penchars-v1")]
    row(
        "UJI pen digits, pictures",
        called_not_digit(predictor.predict_many_images([on_paper(s) for s in uji])),
        len(uji),
    )
    row("UJI pen digits, ink", called_not_digit(predictor.predict_many_strokes(uji, check_not_digit=True)), len(uji))
    pen = load_pendigits(SHARED / "data" / "pendigits-tra")
    pen_preds = predictor.predict_many_strokes(pen.inks, check_not_digit=True)
    row("pendigits, all 30 writers, ink", called_not_digit(pen_preds), len(pen))
    held_preds = [p for p, w in zip(pen_preds, pen.writers) if w in HELD_WRITERS]
    row("pendigits writers 25..30 (held out for calibration), ink", called_not_digit(held_preds), len(held_preds))
    held = pen.select(np.isin(pen.writers, HELD_WRITERS))
    rng = np.random.default_rng(5)
    pics = [ink_picture(rng, _unit_box(ink)) for ink in held.inks[: n * 5]]
    row(
        "pendigits writers 25..30, pictures (pen 2..20%)",
        called_not_digit(predictor.predict_many_images(pics)),
        len(pics),
    )
    src = load_source((images, test.labels.numpy()))
    total = []
    for kind in DIGIT_KINDS:
        preds = predictor.predict_many_images([make_case(kind, i, src, seed=1)[0] for i in range(n)])
        total += preds
        row(f"photo kind {kind}", called_not_digit(preds), n)
    row("photo kinds, all", called_not_digit(total), len(total))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=100, help="pictures per generated kind")
    ap.add_argument("--check", type=Path, help="a not-a-digit check file (default: assets/notdigit.pt)")
    ap.add_argument("--model", type=Path, help="digit model (default: the bundled one)")
    args = ap.parse_args()
    start = time.perf_counter()
    predictor = Predictor.load(args.model)
    if args.check:
        predictor.not_digit = NotDigitCheck.load(args.check)
    check = predictor.not_digit
    if check is None:
        sys.exit("no not-a-digit check (assets/notdigit.pt is missing)")
    print(
        f"check thresholds {check.threshold:.3f} (pictures), {check.ink_threshold:.3f} (drawn ink), "
        f"{args.n} pictures per generated kind"
    )
    non_digit_rows(predictor, check, args.n)
    digit_rows(predictor, check, args.n)
    print(f"{time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()

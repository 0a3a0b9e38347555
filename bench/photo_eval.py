"""Accuracy on synthetic photos, scans and drawings, per kind; "not a digit" rates.

    python bench/photo_eval.py                   # 40 pictures per kind, the bundled model
    python bench/photo_eval.py -n 100 --save /tmp/cases   # also write the pictures (PNG)
    python bench/photo_eval.py --kinds ruled,thin --failures
    python bench/photo_eval.py --picture         # as the app's Open reads (a number, "" for none)
    python bench/photo_eval.py --digits typed    # digits printed in the installed fonts instead

Digit kinds: accuracy (a "not a digit" answer counts as wrong) and how many were
rejected. Non-digit kinds (letters, symbols, scribbles, smileys, noise): the share
called "not a digit". Pictures come from bench/photo_cases.py (MNIST test digits and
pendigits pen ink on synthetic paper); nothing here is tuned on them case by case.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from bench.photo_cases import (  # noqa: E402
    ENCODED,
    KINDS,
    LETTERS,
    NON_DIGIT_KINDS,
    SHARED,
    _unit_box,
    draw_strokes,
    load_source,
    make_case,
)
from model.pen.uji import load_uji  # noqa: E402
from model.predictor import Predictor  # noqa: E402
from model.training.data import load_data  # noqa: E402

MNIST_DIR = SHARED / "data" / "mnist"
CASES_DIR = SHARED / "cases" / "images"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=40, help="pictures per kind")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds")
    ap.add_argument("--model", type=Path, help="checkpoint (default: the bundled model)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--digits",
        choices=("handwritten", "typed"),
        default="handwritten",
        help="handwritten: MNIST and pen ink; typed: digits printed in the installed fonts",
    )
    ap.add_argument("--save", type=Path, help="write each picture here as KIND-I-LABEL.png")
    ap.add_argument("--failures", action="store_true", help="list every wrong picture")
    ap.add_argument(
        "--picture",
        action="store_true",
        help="read as the app's Open (read_picture): a number read counts as its text, no reading as no digit",
    )
    ap.add_argument(
        "--digit-rates",
        action="store_true",
        help="also: real digits called not a digit (MNIST test set, UJI pen digits)",
    )
    args = ap.parse_args()

    data = load_data(MNIST_DIR if MNIST_DIR.exists() else REPO / "assets" / "samples" / "mnist-mini", "test")
    src = load_source((data.images.numpy(), data.labels.numpy()))
    src.typed = args.digits == "typed"
    predictor = Predictor.load(args.model)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    digit_right = digit_total = 0
    start = time.perf_counter()
    print(f"{'kind':12s} {'right':>7s} {'rejected':>9s}")
    for kind in args.kinds.split(","):
        right = rejected = 0
        wrong = []
        for i in range(args.n):
            img, label = make_case(kind, i, src, args.seed)
            if args.save:
                img.save(args.save / f"{kind}-{i}-{label}.png")
            got, message = read(predictor, img, args.picture)
            ok = got == str(label)
            right += ok
            rejected += got is None
            if not ok:
                wrong.append(f"{i}:{label}->{got}" + (f"({message})" if got is None else ""))
        if kind in NON_DIGIT_KINDS:
            print(f"{kind:12s} {'':>7s} {rejected / args.n:9.1%}   (not a digit)")
        else:
            digit_right += right
            digit_total += args.n
            print(f"{kind:12s} {right / args.n:7.1%} {rejected / args.n:9.1%}")
        if args.failures and wrong:
            print("   wrong:", " ".join(wrong))
    if digit_total:
        print(f"{'all digits':12s} {digit_right / digit_total:7.1%}  ({digit_total} pictures)")
    if args.digit_rates:
        print_digit_rejection(predictor, data)
    if CASES_DIR.exists():
        cases = sorted(CASES_DIR.glob("*.png"))
        got = [(c.stem, predictor.predict_image(c).digit) for c in cases]
        good = sum(str(d) == stem[-1] for stem, d in got)
        print(f"shared cases {good}/{len(cases)}: " + " ".join(f"{s}->{d}" for s, d in got))
    print(f"{time.perf_counter() - start:.1f} s")


def read(predictor: Predictor, img: Image.Image, picture: bool) -> tuple[str | None, str]:
    """What is read in a picture: (the digit or, with picture, the number read by
    read_picture, as text; None when nothing or "not a digit" is read) and the message.
    A JPEG case is read from its file's bytes, as the app opens a file."""
    source = img.info.get(ENCODED, img)
    if picture:
        number, _ = predictor.read_picture(source)
        return number.text or None, number.message
    p = predictor.predict_image(source)
    return (None if p.digit is None else str(p.digit)), p.message


def print_digit_rejection(predictor: Predictor, data) -> None:
    """Real digits turned away: the MNIST test set (its 28x28 input, and 1,000 of them as
    picture files through the image path) and the 220 UJI pen digits drawn on paper."""
    check = predictor.not_digit
    if check is None:
        print("no not-a-digit check for this model")
        return
    images = data.images.numpy()  # (N,28,28) uint8
    print(
        f"MNIST test, 28x28 input: {check.rejects(images.astype(np.float32) / 255).mean():.2%} rejected "
        f"of {len(images)}"
    )
    pngs = []
    for x in images[:1000]:
        buf = io.BytesIO()
        Image.fromarray(255 - x).resize((112, 112), Image.Resampling.BILINEAR).save(buf, "PNG")
        pngs.append(buf.getvalue())
    preds = predictor.predict_many_images(pngs)
    print(f"MNIST test as dark-on-white PNGs: {sum(p.not_digit for p in preds) / len(preds):.2%} rejected of 1000")
    uji_dir = SHARED / "data" / "uji-penchars-v1"
    if not uji_dir.exists():
        return
    samples = load_uji(uji_dir, labels=None)
    for name, chars in (("UJI pen digits", "0123456789"), ("UJI pen letters (not digit-like)", LETTERS)):
        preds = predictor.predict_many_images([on_paper(s.strokes) for s in samples if s.label in chars])
        print(f"{name} drawn on paper: {sum(p.not_digit for p in preds) / len(preds):.2%} rejected of {len(preds)}")


def on_paper(strokes) -> Image.Image:
    img = Image.new("L", (300, 300), 255)
    ink = _unit_box([np.asarray(t, dtype=np.float64) for t in strokes])
    draw_strokes(ImageDraw.Draw(img), ink, (45, 45, 210), 12, 0)
    return img


if __name__ == "__main__":
    main()

"""Accuracy on synthetic photos, scans and drawings, per kind; "not a digit" rates.

    python bench/photo_eval.py                   # 40 pictures per kind, the bundled model
    python bench/photo_eval.py -n 100 --save /tmp/cases   # also write the pictures (PNG)
    python bench/photo_eval.py --kinds ruled,thin --failures

Digit kinds: accuracy (a "not a digit" answer counts as wrong) and how many were
rejected. Non-digit kinds (letters, symbols, scribbles, smileys, noise): the share
called "not a digit". Pictures come from bench/photo_cases.py (MNIST test digits and
pendigits pen ink on synthetic paper); nothing here is tuned on them case by case.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.photo_cases import KINDS, NON_DIGIT_KINDS, SHARED, load_source, make_case  # noqa: E402
from model.data import load_data  # noqa: E402
from model.predictor import Predictor  # noqa: E402

MNIST_DIR = SHARED / "data" / "mnist"
CASES_DIR = SHARED / "cases" / "images"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=40, help="pictures per kind")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds")
    ap.add_argument("--model", type=Path, help="checkpoint (default: the bundled model)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--save", type=Path, help="write each picture here as KIND-I-LABEL.png")
    ap.add_argument("--failures", action="store_true", help="list every wrong picture")
    args = ap.parse_args()

    data = load_data(MNIST_DIR if MNIST_DIR.exists() else REPO / "tests" / "data" / "mnist-mini", "test")
    src = load_source((data.images.numpy(), data.labels.numpy()))
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
            p = predictor.predict_image(img)
            ok = p.digit == label
            right += ok
            rejected += p.digit is None
            if not ok:
                wrong.append(f"{i}:{label}->{p.digit}" + (f"({p.message})" if p.digit is None else ""))
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
    if CASES_DIR.exists():
        cases = sorted(CASES_DIR.glob("*.png"))
        got = [(c.stem, predictor.predict_image(c).digit) for c in cases]
        good = sum(str(d) == stem[-1] for stem, d in got)
        print(f"shared cases {good}/{len(cases)}: " + " ".join(f"{s}->{d}" for s, d in got))
    print(f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()

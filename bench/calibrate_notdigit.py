"""Train and calibrate the "not a digit" check (model/ood.py); writes assets/notdigit.pt.

    python bench/calibrate_notdigit.py [--epochs 6] [--out assets/notdigit.pt]

Data (the check sets stay unseen: not the MNIST test set, not UJI, not the
benchmark's seeds or fonts):
- digits: MNIST training digits 0..29,999; the pendigits training writers rendered
  as drawn ink (first four fifths); synthetic photos of digits through the image
  path (bench/photo_cases.py, seed 100);
- non-digits, through the image path: letters and symbols in the URW fonts (the
  benchmark draws DejaVu), scribbles, smileys and noise (seeds 1000+), and random
  scribbled inks rendered as drawn ink;
- threshold: the higher of two: held-out MNIST training digits 50,000..59,999 and the
  last fifth of pendigits turned away at TARGET_DIGIT_REJECTION, and the synthetic
  photos of digits turned away at PHOTO_REJECTION (the finder's output of a photo is
  less clean than MNIST, and a first threshold from clean digits alone turned away
  4% of the photos).

    python bench/calibrate_notdigit.py --keep-net   # recompute only the threshold
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.photo_cases import (  # noqa: E402
    DIGIT_KINDS,
    LETTERS,
    SHARED,
    TRAIN_FONTS,
    TRAIN_SYMBOLS,
    glyph,
    load_source,
    make_case,
    noise,
    scribble,
    smiley,
)
from model.data import load_data  # noqa: E402
from model.images import image_to_mnist  # noqa: E402
from model.ink import render_ink  # noqa: E402
from model.ood import TARGET_DIGIT_REJECTION, NotDigitCheck, NotDigitNet  # noqa: E402
from model.preprocess import normalize  # noqa: E402

NON_DIGITS_PER_KIND = 400
INK_SCRIBBLES = 1500
PHOTOS_PER_KIND = 20
PHOTO_REJECTION = 0.01  # share of the (training) photos of digits the threshold may turn away


def through_image_path(pictures) -> np.ndarray:
    arrays = []
    for img in pictures:
        try:
            arrays.append(image_to_mnist(img))
        except ValueError:
            pass  # blank or only lines: the finder already says so
    return np.stack(arrays)


def non_digit_pictures():
    for i in range(NON_DIGITS_PER_KIND):
        rng = np.random.default_rng([1000 + i, 7])
        yield glyph(rng, LETTERS, TRAIN_FONTS)[0]
        yield glyph(rng, TRAIN_SYMBOLS, TRAIN_FONTS)[0]
        yield scribble(rng)[0]
        yield smiley(rng)[0]
        yield noise(rng)[0]


def scribbled_inks(n: int) -> np.ndarray:
    """Random pen scribbles (1-3 strokes of random walks), rendered as drawn ink."""
    rng = np.random.default_rng(3)
    out = []
    for _ in range(n):
        strokes = []
        for _ in range(int(rng.integers(1, 4))):
            steps = rng.normal(0, 1, (int(rng.integers(4, 30)), 2)).cumsum(axis=0)
            strokes.append(steps.tolist())
        out.append(render_ink(strokes))
    return np.stack(out)


def train(x: np.ndarray, y: np.ndarray, epochs: int) -> NotDigitNet:
    torch.manual_seed(0)
    net = NotDigitNet()
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    xt = normalize(torch.from_numpy(x).unsqueeze(1))  # (N,1,28,28)
    yt = torch.from_numpy(y.astype(np.float32))
    pos = float(y.mean())
    weight = torch.where(yt > 0, 0.5 / pos, 0.5 / (1 - pos))
    for epoch in range(epochs):
        order = torch.randperm(len(xt))
        total = 0.0
        for s in range(0, len(order), 256):
            idx = order[s : s + 256]
            batch = xt[idx]
            shift = torch.randint(-2, 3, (2,))  # a little translation: the crops are not exact
            batch = torch.roll(batch, shifts=(int(shift[0]), int(shift[1])), dims=(2, 3))
            loss = (
                torch.nn.functional.binary_cross_entropy_with_logits(net(batch), yt[idx], reduction="none")
                * weight[idx]
            ).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(idx)
        print(f"epoch {epoch + 1}: loss {total / len(xt):.4f}", flush=True)
    return net.eval()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--out", type=Path, default=REPO / "assets" / "notdigit.pt")
    ap.add_argument("--keep-net", action="store_true", help="load --out and recompute only its threshold")
    args = ap.parse_args()
    start = time.perf_counter()
    data = load_data(SHARED / "data" / "mnist", "train")
    mnist = data.images.numpy().astype(np.float32) / 255  # (60000,28,28)
    src = load_source((mnist, data.labels.numpy()), limit=100_000)
    pen = np.stack([render_ink(s) for s in src.inks])  # (P,28,28)
    cut = len(pen) * 4 // 5
    photos = through_image_path(make_case(k, i, src, 100)[0] for k in DIGIT_KINDS for i in range(PHOTOS_PER_KIND))
    others = np.concatenate([through_image_path(non_digit_pictures()), scribbled_inks(INK_SCRIBBLES)])
    if args.keep_net:
        check = NotDigitCheck.load(args.out)
    else:
        digits = np.concatenate([mnist[:30000], pen[:cut], np.repeat(photos, 5, axis=0)])
        print(f"digits {len(digits)}, non-digits {len(others)} ({time.perf_counter() - start:.0f} s)", flush=True)
        x = np.concatenate([digits, others]).astype(np.float32)
        y = np.concatenate([np.zeros(len(digits)), np.ones(len(others))])
        check = NotDigitCheck(train(x, y, args.epochs), 0.0)
    held = np.concatenate([mnist[50000:], pen[cut:]])
    check.threshold = max(
        float(np.quantile(check.scores(held), 1 - TARGET_DIGIT_REJECTION)),
        float(np.quantile(check.scores(photos), 1 - PHOTO_REJECTION)),
    )
    print(
        f"threshold {check.threshold:.3f}: turns away {np.mean(check.rejects(held)):.2%} of held-out digits, "
        f"{np.mean(check.rejects(others)):.1%} of the training non-digits, "
        f"{np.mean(check.rejects(photos)):.1%} of the training photos"
    )
    check.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB) in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()

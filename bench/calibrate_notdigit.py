"""Train and calibrate the "not a digit" check (model/ood.py); writes assets/notdigit.pt.

    nice -n 10 python bench/calibrate_notdigit.py            # about 5 min on 2 cores
    python bench/calibrate_notdigit.py --keep-net             # recompute only the threshold

The data is bench/notdigit_data.py's (its docstring lists the splits): digits from MNIST
training digits 0..49,999, pendigits writers 1..24 (ink, pictures, world forms) and
pictures of every photo kind; non-digits from pen shapes, font letters and symbols,
noise. Inputs are cached in --cache (delete it after changing the data code).

The threshold: for each held-out digit source (MNIST training digits 50,000..59,999,
pendigits writers 25..30 as ink, as pictures and in world forms, photo kinds of those
digits), the score that turns away TARGET_DIGIT_REJECTION of it; the highest of these.
So no source of real digits loses more than that share, the one with the least clean
input (photos) included. The check looks only at the 28x28 input, never at the digit
model: retraining assets/digitnet.pt needs no recalibration; a change to the
preprocessing (model/images.py, model/digit_finder.py, model/ink.py) does: delete the
cache and run this again (--keep-net when only the threshold should move).
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

from bench.notdigit_data import digits, non_digits  # noqa: E402
from model.augment import augment_batch  # noqa: E402
from model.ood import TARGET_DIGIT_REJECTION, NotDigitCheck, NotDigitNet  # noqa: E402
from model.preprocess import normalize  # noqa: E402

CACHE = Path("/tmp/digitpad-notdigit-cache")
SETS = {  # name -> how it is made
    "digits-train": lambda: digits(held=False, photos_per_kind=150, pictures=3000, seed=11),
    "digits-held": lambda: digits(held=True, photos_per_kind=60, pictures=1500, seed=12),
    "others-train": lambda: non_digits(2000, seed=13),
    "others-held": lambda: non_digits(400, seed=14),
}


def load_set(name: str, cache: Path) -> dict[str, np.ndarray]:
    """{source: (N, 28, 28) float32}, made once and kept in cache/NAME.npz."""
    path = cache / f"{name}.npz"
    if path.exists():
        with np.load(path) as f:
            return {k: f[k] for k in f.files}
    start = time.perf_counter()
    parts = SETS[name]()
    cache.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **parts)
    sizes = ", ".join(f"{k} {len(v)}" for k, v in parts.items())
    print(f"made {name}: {sizes} ({time.perf_counter() - start:.0f} s)", flush=True)
    return parts


def train(digit_x: np.ndarray, other_x: np.ndarray, epochs: int, width: int) -> NotDigitNet:
    """A fresh net on digits (label 0) and non-digits (label 1), classes weighted equally;
    half of every batch warped and re-inked (model/augment.py) whatever its class."""
    torch.manual_seed(0)
    net = NotDigitNet(width)
    x = torch.from_numpy(np.concatenate([digit_x, other_x])).unsqueeze(1)  # (N,1,28,28) in [0,1]
    y = torch.cat([torch.zeros(len(digit_x)), torch.ones(len(other_x))])  # (N,)
    weight = torch.where(y > 0, 0.5 * len(y) / len(other_x), 0.5 * len(y) / len(digit_x))
    steps = epochs * ((len(x) + 255) // 256)
    opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    for epoch in range(epochs):
        net.train()
        order, total, start = torch.randperm(len(x)), 0.0, time.perf_counter()
        for s in range(0, len(order), 256):
            idx = order[s : s + 256]
            batch = x[idx]  # (B,1,28,28)
            half = len(idx) // 2
            batch = torch.cat([augment_batch(batch[:half]), batch[half:]])
            logits = net(normalize(batch))  # (B,)
            loss = (
                torch.nn.functional.binary_cross_entropy_with_logits(logits, y[idx], reduction="none") * weight[idx]
            ).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(idx)
        print(
            f"epoch {epoch + 1}/{epochs}: loss {total / len(x):.4f} ({time.perf_counter() - start:.0f} s)", flush=True
        )
    return net.eval()


def calibrate(check: NotDigitCheck, held: dict[str, np.ndarray], target: float) -> None:
    """Set check.threshold to the highest per-source (1 - target) quantile of held-out digits."""
    check.threshold = max(float(np.quantile(check.scores(v), 1 - target)) for v in held.values())


def report(check: NotDigitCheck, sets: dict[str, dict[str, np.ndarray]]) -> None:
    for name, parts in sets.items():
        rates = ", ".join(f"{k} {np.mean(check.rejects(v)):.1%}" for k, v in parts.items())
        print(f"  {name} turned away: {rates}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--width", type=int, default=16)
    ap.add_argument("--out", type=Path, default=REPO / "assets" / "notdigit.pt")
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument(
        "--target", type=float, default=TARGET_DIGIT_REJECTION, help="share of each held-out digit source turned away"
    )
    ap.add_argument("--keep-net", action="store_true", help="load --out and recompute only its threshold")
    args = ap.parse_args()
    torch.set_num_threads(2)
    start = time.perf_counter()
    sets = {name: load_set(name, args.cache) for name in SETS}
    if args.keep_net:
        check = NotDigitCheck.load(args.out)
    else:
        digit_x = np.concatenate(list(sets["digits-train"].values()))
        other_x = np.concatenate(list(sets["others-train"].values()))
        print(f"training on {len(digit_x)} digits and {len(other_x)} non-digits", flush=True)
        check = NotDigitCheck(train(digit_x, other_x, args.epochs, args.width), 0.0)
    calibrate(check, sets["digits-held"], args.target)
    print(f"threshold {check.threshold:.3f} (each held-out digit source turned away at most {args.target:.1%}):")
    report(check, sets)
    check.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB) in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()

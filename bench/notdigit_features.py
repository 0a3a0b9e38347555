"""Experiment: feature-space "not a digit" scores beside the check network (model/ood.py).

    nice -n 10 python bench/notdigit_features.py --epochs 4 --save /tmp/ood-feat.pt

A small digit classifier (model/ood.py's NotDigitNet layout with ten outputs) is trained
on the check's training digits only (bench/notdigit_data.py: MNIST training digits
0..49,999, pendigits writers 1..24 as ink and their world forms), so the check's held-out
digits (MNIST 50,000..59,999, writers 25..30, their photos) are unseen by it too. On its
hidden layer: class-conditional Gaussians with one shared covariance (Mahalanobis,
Lee et al. 2018) and a k-nearest-neighbour distance on normalized features (Sun et al.
2022). Each score, and each fused with the check's logit, is thresholded as the check is
(the highest per-source 99.5% quantile of held-out digits) and its share of held-out
non-digits turned away is printed. Uses the cache of bench/calibrate_notdigit.py.
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

from bench.calibrate_notdigit import CACHE, load_set  # noqa: E402
from bench.notdigit_data import HELD_WRITERS, MNIST_HELD  # noqa: E402
from bench.photo_cases import SHARED  # noqa: E402
from model.adaptation.fine_tune import take_step  # noqa: E402
from model.ood import TARGET_DIGIT_REJECTION, NotDigitCheck, NotDigitNet  # noqa: E402
from model.pen.ink_synth import synthesize_forms  # noqa: E402
from model.pen.pendigits import load_pendigits  # noqa: E402
from model.preprocess import normalize  # noqa: E402
from model.training.augment import augment_batch  # noqa: E402
from model.training.data import load_data  # noqa: E402

MNIST_PER_EPOCH = 15_000


class DigitFeatureNet(NotDigitNet):
    """NotDigitNet's layout with ten digit logits; hidden() gives its (N, 4w) features."""

    def __init__(self, width: int = 16) -> None:
        super().__init__(width)
        self.head[-1] = torch.nn.Linear(4 * width, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))  # (N,10)

    def hidden(self, x: torch.Tensor) -> torch.Tensor:
        return self.head[1](self.head[0](self.features(x)))  # (N,4w) after ReLU


def labelled_training_digits(cache: Path) -> tuple[np.ndarray, np.ndarray]:
    """(N, 28, 28) float32, (N,) int64: the cached training digits that have labels."""
    train = load_set("digits-train", cache)
    mnist_labels = load_data(SHARED / "data" / "mnist", "train").labels.numpy()[:MNIST_HELD]
    pen = load_pendigits(SHARED / "data" / "pendigits-tra")
    pen = pen.select(~np.isin(pen.writers, HELD_WRITERS))
    forms, form_labels = synthesize_forms(pen.inks, pen.labels, 300, np.random.default_rng(11))
    assert len(form_labels) == len(train["world forms"]), "the cache's world forms changed"
    x = np.concatenate([train["mnist"], train["pen ink"], train["world forms"]])
    y = np.concatenate([mnist_labels, pen.labels, np.asarray(form_labels)]).astype(np.int64)
    return x, y


def train(
    x: np.ndarray, y: np.ndarray, epochs: int, width: int, outliers: np.ndarray | None, oe: float
) -> DigitFeatureNet:
    torch.manual_seed(0)
    net = DigitFeatureNet(width)
    n_mnist = MNIST_HELD
    xt, yt = torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y)
    ot = None if outliers is None else torch.from_numpy(outliers).unsqueeze(1)
    per_epoch = MNIST_PER_EPOCH + len(x) - n_mnist
    steps = epochs * ((per_epoch + 255) // 256)
    opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    for epoch in range(epochs):
        net.train()
        idx_all = torch.cat([torch.randperm(n_mnist)[:MNIST_PER_EPOCH], torch.arange(n_mnist, len(x))])
        order = idx_all[torch.randperm(len(idx_all))]
        total, start = 0.0, time.perf_counter()
        for s in range(0, len(order), 256):
            idx = order[s : s + 256]
            batch = augment_batch(xt[idx])  # (B,1,28,28)
            loss = torch.nn.functional.cross_entropy(net(normalize(batch)), yt[idx], label_smoothing=0.05)
            if ot is not None and oe > 0:
                o = ot[torch.randint(len(ot), (len(idx) // 2,))]
                lo = net(normalize(augment_batch(o)))  # (B/2,10)
                loss = loss + oe * (-(lo.log_softmax(1)).mean(1)).mean()  # cross-entropy to uniform
            take_step(loss, opt, sched)
            total += float(loss.detach()) * len(idx)
        print(
            f"epoch {epoch + 1}/{epochs}: loss {total / len(order):.4f} ({time.perf_counter() - start:.0f} s)",
            flush=True,
        )
    return net.eval()


def check_as_features(check_net: NotDigitNet) -> DigitFeatureNet:
    """The check network viewed as a feature net: hidden() is its (N, 4w) hidden layer
    (its 'logits' are meaningless here: the one output repeated)."""
    net = DigitFeatureNet(check_net.width)
    net.features, net.head = check_net.features, torch.nn.Sequential(*check_net.head[:3], _Repeat(check_net.head[3]))
    return net.eval()


class _Repeat(torch.nn.Module):
    def __init__(self, lin: torch.nn.Module) -> None:
        super().__init__()
        self.lin = lin

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        return self.lin(h).repeat(1, 10)


def hidden(net: DigitFeatureNet, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(N, 28, 28) -> (N, 4w) features, (N, 10) logits."""
    x = normalize(torch.from_numpy(images).unsqueeze(1))
    feats, logits = [], []
    with torch.inference_mode():
        for s in range(0, len(x), 2048):
            h = net.hidden(x[s : s + 2048])
            feats.append(h)
            logits.append(net.head[3](h))
    return torch.cat(feats).numpy(), torch.cat(logits).numpy()


class Gaussians:
    """Class means (10, D) and a shared precision (D, D); score = min squared distance."""

    def __init__(self, feats: np.ndarray, labels: np.ndarray) -> None:
        self.means = np.stack([feats[labels == c].mean(0) for c in range(10)])  # (10,D)
        centered = feats - self.means[labels]
        cov = centered.T @ centered / len(feats) + 1e-3 * np.eye(feats.shape[1])
        self.precision = np.linalg.inv(cov)

    def score(self, feats: np.ndarray) -> np.ndarray:
        d = feats[:, None, :] - self.means[None]  # (N,10,D)
        return np.einsum("ncd,de,nce->nc", d, self.precision, d).min(1)  # (N,)


class Knn:
    """k-th nearest neighbour distance of L2-normalized features to a bank."""

    def __init__(self, feats: np.ndarray, k: int) -> None:
        self.bank = feats / (np.linalg.norm(feats, axis=1, keepdims=True) + 1e-8)
        self.k = k

    def score(self, feats: np.ndarray) -> np.ndarray:
        f = feats / (np.linalg.norm(feats, axis=1, keepdims=True) + 1e-8)
        out = []
        for s in range(0, len(f), 1024):
            sim = f[s : s + 1024] @ self.bank.T  # (B,M)
            out.append(1 - np.partition(-sim, self.k - 1, axis=1)[:, self.k - 1] * -1)
        return np.concatenate(out)


def threshold(scores: dict[str, np.ndarray], target: float) -> float:
    pools = dict(scores)
    forms = pools.pop("world forms", None)
    if forms is not None:
        pools["pen ink"] = np.concatenate([pools["pen ink"], forms])
    return max(float(np.quantile(v, 1 - target)) for v in pools.values())


def zscore(x: np.ndarray, ref: np.ndarray) -> np.ndarray:
    return (x - np.median(ref)) / (np.quantile(ref, 0.99) - np.median(ref) + 1e-8)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--width", type=int, default=16)
    ap.add_argument("--oe", type=float, default=0.0, help="outlier exposure weight (uniform softmax on non-digits)")
    ap.add_argument("--save", type=Path)
    ap.add_argument("--load", type=Path)
    ap.add_argument("--check", type=Path, default=REPO / "assets" / "notdigit.pt")
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument(
        "--check-features", action="store_true", help="the check network's own hidden layer, not a digit classifier's"
    )
    args = ap.parse_args()
    torch.set_num_threads(1)
    x, y = labelled_training_digits(args.cache)
    if args.load:
        net = DigitFeatureNet(args.width)
        net.load_state_dict(torch.load(args.load, weights_only=True))
        net.eval()
    else:
        outliers = None
        if args.oe > 0:
            outliers = np.concatenate(list(load_set("others-train", args.cache).values()))
        net = train(x, y, args.epochs, args.width, outliers, args.oe)
        if args.save:
            torch.save(net.state_dict(), args.save)
    if args.check_features:
        net = check_as_features(NotDigitCheck.load(args.check).nets[0])
    rng = np.random.default_rng(0)
    pick = rng.permutation(len(x))[:20_000]
    feats, _ = hidden(net, x[pick])
    gauss = Gaussians(feats, y[pick])
    knn = Knn(feats[:5000], 10)
    check = NotDigitCheck.load(args.check)
    held = load_set("digits-held", args.cache)
    others = {**load_set("others-held", args.cache), **load_set("letters-held", args.cache)}
    scorers = {}
    base_digits = {k: check.scores(v) for k, v in held.items()}
    base_others = {k: check.scores(v) for k, v in others.items()}
    feat_digits = {k: hidden(net, v) for k, v in held.items()}
    feat_others = {k: hidden(net, v) for k, v in others.items()}
    ref_d = np.concatenate(list(base_digits.values()))
    for name, fn in (
        ("maha", lambda f, lg: gauss.score(f)),
        ("knn", lambda f, lg: knn.score(f)),
        ("energy", lambda f, lg: -np.log(np.exp(lg - lg.max(1, keepdims=True)).sum(1)) - lg.max(1)),
        ("msp", lambda f, lg: -torch.from_numpy(lg).softmax(1).max(1).values.numpy()),
    ):
        sd = {k: fn(*v) for k, v in feat_digits.items()}
        so = {k: fn(*v) for k, v in feat_others.items()}
        scorers[name] = (sd, so)
        refs = np.concatenate(list(sd.values()))
        for a in (0.0, 0.5, 1.0, 2.0, 4.0, None):
            if a is None:
                d = sd
                o = so
                label = f"{name} alone"
            else:
                d = {k: zscore(base_digits[k], ref_d) + a * zscore(sd[k], refs) for k in sd}
                o = {k: zscore(base_others[k], ref_d) + a * zscore(so[k], refs) for k in so}
                label = f"check + {a} {name}"
            t = threshold(d, TARGET_DIGIT_REJECTION)
            rates = {k: float(np.mean(v > t)) for k, v in o.items()}
            mean = np.mean(list(rates.values()))
            dig = {k: float(np.mean(v > t)) for k, v in d.items()}
            print(
                f"{label:22s} mean {mean:.1%} | "
                + ", ".join(f"{k} {r:.0%}" for k, r in rates.items())
                + " | digits "
                + ", ".join(f"{k} {r:.1%}" for k, r in dig.items()),
                flush=True,
            )


if __name__ == "__main__":
    main()

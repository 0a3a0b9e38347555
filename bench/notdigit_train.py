"""Training of one "not a digit" network (model/ood.py NotDigitNet) for bench/calibrate_notdigit.py.

Two kinds of network:
- outputs 1: binary, digits (label 0) against non-digits (label 1);
- outputs 11: a reject class beside the ten digits. Digits are taught their own class,
  as the bundled digit model reads them (its softmax probabilities, soft labels: the
  training digits carry no labels in the calibration cache, and the soft labels also
  say which digits a sloppy one resembles); non-digits the reject class. Held-out
  figures (bench/calibrate_notdigit.py's held-out non-digits, width 16, 5 epochs, the
  same data): binary 88.7%, reject class 92.0% of them turned away at the threshold.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import torch
from torch.nn import functional as F

from model.adaptation.fine_tune import take_step
from model.ood import REJECT_CLASS, NotDigitNet
from model.preprocess import normalize
from model.training.augment import augment_batch

MNIST_PER_EPOCH = 12_000  # of the 50,000: keeps an epoch short, and the sources balanced
BATCH = 256
LEARNING_RATE = 3e-3
WEIGHT_DECAY = 1e-4
Teacher = Callable[[np.ndarray], np.ndarray]  # (N, 28, 28) in [0, 1] -> (N, 10) probabilities


def train(
    digit_sets: dict[str, np.ndarray],
    others: list[np.ndarray],
    epochs: int,
    width: int,
    balance: bool = False,
    seed: int = 0,
    outputs: int = 1,
    teacher: Teacher | None = None,
) -> NotDigitNet:
    """A fresh net on digits and non-digits (each (N, 28, 28) float32 in [0, 1]), the two
    weighted equally; half of every batch warped and re-inked (model/training/augment.py)
    whatever its class. Each epoch sees MNIST_PER_EPOCH fresh MNIST digits
    (digit_sets["mnist"]) and all of every other source. With balance, each non-digit
    source weighs as the square root of its size (not its size): a large source (letters)
    does not drown a small one (noise, symbols). outputs 11 needs a teacher: the digits'
    soft labels. ValueError for outputs 11 without one."""
    if outputs != 1 and teacher is None:
        raise ValueError("a reject-class network needs a teacher for the digits' classes")
    other_x = np.concatenate(others)
    torch.manual_seed(seed)
    net = NotDigitNet(width, outputs)
    digit_rest = [v for k, v in digit_sets.items() if k != "mnist"]
    mnist = torch.from_numpy(digit_sets["mnist"]).unsqueeze(1)  # (M,1,28,28) in [0,1]
    rest = torch.from_numpy(np.concatenate([*digit_rest, other_x])).unsqueeze(1)  # (R,1,28,28)
    mnist_soft, rest_soft = _soft_labels(teacher, digit_sets["mnist"], digit_rest, len(other_x))
    n_digits = MNIST_PER_EPOCH + len(rest) - len(other_x)
    y = torch.cat([torch.zeros(n_digits), torch.ones(len(other_x))])  # (N,) one epoch's labels
    weight = torch.where(y > 0, 0.5 * len(y) / len(other_x), 0.5 * len(y) / n_digits)
    if balance:
        share = np.concatenate([np.full(len(o), np.sqrt(len(o)) / len(o)) for o in others])  # (n_others,)
        weight[n_digits:] = torch.from_numpy(0.5 * len(y) * share / np.sqrt([len(o) for o in others]).sum()).float()
    steps = epochs * ((len(y) + BATCH - 1) // BATCH)
    opt = torch.optim.AdamW(net.parameters(), lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=LEARNING_RATE, total_steps=steps)
    for epoch in range(epochs):
        net.train()
        pick = torch.randperm(len(mnist))[:MNIST_PER_EPOCH]
        x = torch.cat([mnist[pick], rest])  # (N,1,28,28)
        soft = torch.cat([mnist_soft[pick], rest_soft])  # (N,10), zeros for non-digits
        order, total, start = torch.randperm(len(x)), 0.0, time.perf_counter()
        for s in range(0, len(order), BATCH):
            idx = order[s : s + BATCH]
            batch = x[idx]  # (B,1,28,28)
            half = len(idx) // 2
            batch = torch.cat([augment_batch(batch[:half]), batch[half:]])
            z = net.head_logits(normalize(batch))  # (B,outputs)
            loss = (_loss(z, y[idx], soft[idx]) * weight[idx]).mean()
            take_step(loss, opt, sched)
            total += float(loss.detach()) * len(idx)
        print(
            f"epoch {epoch + 1}/{epochs}: loss {total / len(x):.4f} ({time.perf_counter() - start:.0f} s)", flush=True
        )
    return net.eval()


def _soft_labels(
    teacher: Teacher | None, mnist: np.ndarray, digit_rest: list[np.ndarray], n_others: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """(M, 10) for the MNIST digits, (R, 10) for the other digits then zeros for the
    non-digits: the teacher's probabilities (zeros everywhere without a teacher)."""
    n_rest = sum(map(len, digit_rest))
    if teacher is None:
        return torch.zeros(len(mnist), 10), torch.zeros(n_rest + n_others, 10)
    start = time.perf_counter()
    mnist_soft = torch.from_numpy(_taught(teacher, mnist))
    rest = [torch.from_numpy(_taught(teacher, v)) for v in digit_rest]
    print(f"the digits' soft labels ({time.perf_counter() - start:.0f} s)", flush=True)
    return mnist_soft, torch.cat([*rest, torch.zeros(n_others, 10)])


def _taught(teacher: Teacher, x: np.ndarray, chunk: int = 4096) -> np.ndarray:
    """(N, 28, 28) -> (N, 10) float32, a chunk at a time."""
    return np.concatenate([teacher(x[s : s + chunk]) for s in range(0, len(x), chunk)]).astype(np.float32)


def _loss(z: torch.Tensor, y: torch.Tensor, soft: torch.Tensor) -> torch.Tensor:
    """(B, outputs) logits, (B,) 1 for non-digits, (B, 10) the digits' soft labels -> (B,)."""
    if z.shape[1] == 1:
        return F.binary_cross_entropy_with_logits(z[:, 0], y, reduction="none")
    target = torch.cat([soft * (1 - y[:, None]), y[:, None]], dim=1)  # (B,11)
    assert target.shape[1] == REJECT_CLASS + 1
    return -(target * torch.log_softmax(z, dim=1)).sum(dim=1)

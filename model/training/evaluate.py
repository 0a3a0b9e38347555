"""Evaluation: accuracy, loss, confusion matrix, per-class report, misclassified examples."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from ..nets import NUM_CLASSES
from ..preprocess import uint8_to_input
from .data import DigitData


@dataclass
class ClassStats:
    digit: int
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class Misclassified:
    index: int
    source: str  # file path, or "#index" for MNIST
    true: int
    predicted: int
    confidence: float  # probability given to the wrong answer


@dataclass
class EvalReport:
    accuracy: float
    loss: float
    count: int
    confusion: list[list[int]]  # confusion[true][predicted]
    per_class: list[ClassStats]
    misclassified: list[Misclassified] = field(default_factory=list)
    data: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@torch.inference_mode()
def predict_logits(
    model: nn.Module, images: torch.Tensor, device: torch.device, batch_size: int = 1000
) -> torch.Tensor:
    """(N, 28, 28) uint8 -> (N, 10) logits on the CPU."""
    model.eval()
    outs = []
    for start in range(0, images.shape[0], batch_size):
        batch = uint8_to_input(images[start : start + batch_size].to(device))  # (B,1,28,28)
        outs.append(model(batch).float().cpu())
    return torch.cat(outs) if outs else torch.empty(0, NUM_CLASSES)


def evaluate(
    model: nn.Module, data: DigitData, device: torch.device | str = "cpu", batch_size: int = 1000
) -> EvalReport:
    logits = predict_logits(model, data.images, torch.device(device), batch_size)  # (N,10)
    return report_from_logits(logits, data)


def report_from_logits(logits: torch.Tensor, data: DigitData) -> EvalReport:
    labels = data.labels.cpu()  # (N,)
    if len(labels) == 0:
        raise ValueError("nothing to evaluate: the data set is empty")
    loss = F.cross_entropy(logits, labels).item()
    probs = logits.softmax(dim=1)  # (N,10)
    predicted = probs.argmax(dim=1)  # (N,)
    confusion = torch.bincount(labels * NUM_CLASSES + predicted, minlength=NUM_CLASSES**2).view(
        NUM_CLASSES, NUM_CLASSES
    )
    per_class = _per_class(confusion)
    wrong = (predicted != labels).nonzero().flatten().tolist()
    misclassified = [
        Misclassified(i, data.source_of(i), int(labels[i]), int(predicted[i]), float(probs[i, predicted[i]]))
        for i in wrong
    ]
    accuracy = float((predicted == labels).float().mean())
    return EvalReport(accuracy, loss, len(labels), confusion.tolist(), per_class, misclassified, data.name)


def _per_class(confusion: torch.Tensor) -> list[ClassStats]:
    stats = []
    for d in range(NUM_CLASSES):
        tp = int(confusion[d, d])
        predicted = int(confusion[:, d].sum())
        support = int(confusion[d, :].sum())
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        stats.append(ClassStats(d, precision, recall, f1, support))
    return stats

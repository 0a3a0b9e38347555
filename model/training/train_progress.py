"""What a training run reports and returns: per-batch progress, per-epoch results, the
final result, and the error that stops a run (model/training/train.py, model/training/training_run.py)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from torch import nn

from .evaluate import EvalReport


@dataclass
class BatchProgress:
    epoch: int  # 1-based
    epochs: int
    batch: int  # 1-based, within the epoch
    batches: int
    loss: float  # running mean over this epoch
    accuracy: float  # running mean over this epoch
    images_per_sec: float
    eta_seconds: float  # for the whole run
    # exponential moving average over every batch so far (not reset per epoch, bias-corrected);
    # the loss is plain cross-entropy, without label smoothing, so it compares with test loss
    smooth_loss: float = math.nan
    smooth_accuracy: float = math.nan

    @property
    def fraction(self) -> float:
        return ((self.epoch - 1) * self.batches + self.batch) / (self.epochs * self.batches)


@dataclass
class EpochResult:
    epoch: int
    epochs: int
    train_loss: float
    train_accuracy: float
    test_loss: float
    test_accuracy: float
    seconds: float
    images_per_sec: float


@dataclass
class TrainResult:
    model: nn.Module  # on the CPU, eval mode
    checkpoint: dict[str, Any]  # complete and resumable
    history: list[EpochResult]
    report: EvalReport | None  # on the test split after the last epoch
    cancelled: bool = False
    seconds: float = 0.0


class TrainingError(RuntimeError):
    """Training cannot go on (NaN loss, out of memory...); the message says why."""


BatchCallback = Callable[[BatchProgress], None]
EpochCallback = Callable[[EpochResult], None]
CheckpointCallback = Callable[[dict[str, Any]], None]

"""What the Train dialog runs in the background and how its outcome is put into words:
the training job for app.worker.Worker (throttled progress, and the last whole epoch's
model kept when a run is cancelled), the kinds of failure, a failed save's reason, and
durations as the progress bar shows them. No widgets: app/training/dialog.py shows them.
"""

from __future__ import annotations

import copy
import dataclasses

from model.training.data import DataError
from model.training.train import TrainConfig, TrainingError, train

from ..worker import default_classify


def format_duration(seconds: float) -> str:
    """seconds as M:SS, or H:MM:SS from an hour on (rounded, never negative)."""
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


def training_job(config: TrainConfig):
    """The job for app.worker.Worker: reports BatchProgress (throttled, the last batch of
    an epoch always) and every EpochResult; returns the TrainResult (cancelled or not).

    A run cancelled after one or more whole epochs returns the checkpoint of the last
    finished epoch (its weights and its test report), so Cancel keeps what was learned;
    the weights of the epoch that was cut short are dropped (never evaluated)."""

    def job(report, cancel):
        finished: list[dict] = []  # the checkpoint at the end of the last finished epoch

        def keep(checkpoint: dict) -> None:
            # a deep copy: the engine's checkpoint shares its tensors with the training network
            finished[:] = [copy.deepcopy(checkpoint)]

        result = train(
            config,
            on_batch=lambda p: report(p, last=p.batch == p.batches),
            on_epoch=lambda r: report(r, last=True),
            cancel=cancel,
            on_checkpoint=keep,
        )
        if result.cancelled and finished:
            return dataclasses.replace(result, checkpoint=finished[0])
        return result

    return job


def classify_training_failure(exc: BaseException) -> tuple[str, str]:
    """(kind, message): kind is "data", "training", "memory", "config" or "error"."""
    kind, text = default_classify(exc)
    if kind == "memory":
        return kind, "" if isinstance(exc, MemoryError) else text
    if isinstance(exc, DataError):
        return "data", text
    if isinstance(exc, TrainingError):
        return "training", text
    if isinstance(exc, ValueError):
        return "config", text
    return "error", f"{text}\n\n{type(exc).__name__}: {exc}"

"""The training loop. It knows nothing of Qt: progress goes to callbacks, and a
cancel flag (a threading.Event) is checked before every batch. Its settings are a
TrainConfig (model/training/train_config.py).

train() here is the entry point; the run itself is model/training/training_run.py (TrainingRun),
its optimizer and schedule model/training/optimizers.py, what it reports model/training/train_progress.py.
"""

from __future__ import annotations

import threading
from typing import Any

import torch

from ..nets import get_architecture
from .data import DigitData, load_data, load_training_data
from .device import select_device
from .train_config import TrainConfig
from .train_progress import (
    BatchCallback,
    BatchProgress,
    CheckpointCallback,
    EpochCallback,
    EpochResult,
    TrainingError,
    TrainResult,
)
from .training_run import TrainingRun

__all__ = [
    "BatchProgress",
    "EpochResult",
    "TrainConfig",
    "TrainResult",
    "TrainingError",
    "resume_config",
    "train",
    "warm_up",
]


def train(
    config: TrainConfig,
    on_batch: BatchCallback | None = None,
    on_epoch: EpochCallback | None = None,
    cancel: threading.Event | None = None,
    resume: dict[str, Any] | None = None,
    train_data: DigitData | None = None,
    test_data: DigitData | None = None,
    on_checkpoint: CheckpointCallback | None = None,
) -> TrainResult:
    """Train per config; resume continues from a checkpoint dict made by this function.

    on_checkpoint(checkpoint) is called at every epoch end, before on_epoch, with a
    complete resumable checkpoint (to save it: a kill loses at most one epoch); what
    it raises (e.g. OSError for a full disk) stops the training and propagates.
    Resuming with more epochs than the checkpoint was trained for rebuilds the
    learning-rate schedule for the new total, at the step reached.
    """
    config.validate()
    device = select_device(config.device)
    if config.threads:
        torch.set_num_threads(config.threads)
    train_data = train_data or load_training_data(config)
    test_data = test_data or load_data(config.data, "test", config.download)
    if config.train_limit:
        train_data = train_data.subset(config.train_limit)
    run = _run_class(config.arch)(config, device, train_data, test_data, resume)
    return run.loop(on_batch, on_epoch, cancel or threading.Event(), on_checkpoint)


def _run_class(arch: str) -> type[TrainingRun]:
    """TrainingRun, or for a NumPy network its subclass with the NumPy step (model/numpynet/numpy_train.py)."""
    if get_architecture(arch).engine == "numpy":
        from ..numpynet.numpy_train import NumpyRun

        return NumpyRun
    return TrainingRun


# torch imports its compiler stack (torch._dynamo, ~2 s of Python imports that hold the
# GIL in long stretches) the first time an optimizer is built. Done during training in
# a GUI, that stalls the GUI thread for up to ~300 ms at a time; done ahead, nothing does.
LAZY_TRAINING_IMPORTS = ("torch._dynamo",)
_warmed = threading.Event()
_warm_lock = threading.Lock()


def warm_up() -> threading.Event:
    """Import, in a background thread, what the first training would import lazily.

    Returns an Event set when done. Only imports: no tensors are made. Idempotent.
    """
    with _warm_lock:
        if not getattr(warm_up, "started", False):
            warm_up.started = True  # type: ignore[attr-defined]
            threading.Thread(target=_import_lazy_modules, name="digitpad-warm-up", daemon=True).start()
    return _warmed


def _import_lazy_modules() -> None:
    import importlib

    try:
        for name in LAZY_TRAINING_IMPORTS:
            importlib.import_module(name)
    except Exception:  # only an optimization: training imports them itself if needed
        pass
    finally:
        _warmed.set()


def resume_config(checkpoint: dict[str, Any], **overrides: Any) -> TrainConfig:
    """The TrainConfig a checkpoint was trained with, with overrides (e.g. more epochs)."""
    state = checkpoint.get("train") or {}
    if "config" not in state or "optimizer" not in state:
        raise ValueError("this checkpoint holds no training state to resume from")
    values = dict(state["config"])
    values.update({k: v for k, v in overrides.items() if v is not None})
    config = TrainConfig.from_dict(values)
    done = int(state.get("epoch", 0))
    if config.epochs < done:
        raise ValueError(f"this checkpoint has already trained {done} epochs; give --epochs {done + 1} or more")
    return config

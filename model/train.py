"""The training loop. It knows nothing of Qt: progress goes to callbacks, and a
cancel flag (a threading.Event) is checked before every batch. Its settings are a
TrainConfig (model/train_config.py).

Data live in memory as uint8 tensors on the training device and are batched by
indexing with a shuffled permutation; augmentation works on whole batches.
"""

from __future__ import annotations

import dataclasses
import math
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from .augment import augment_batch
from .checkpoint import make_checkpoint, model_from_checkpoint, read_checkpoint
from .data import DigitData, load_data, load_training_data
from .device import select_device, select_precision
from .evaluate import EvalReport, evaluate
from .nets import build_model, get_architecture, make_config
from .preprocess import normalize
from .train_config import TrainConfig

EMA_DECAY = 0.98  # the smoothed training curves average over about the last 50 batches


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


def _run_class(arch: str) -> type[_Run]:
    """_Run, or for a NumPy network its subclass with the NumPy step (model/numpy_train.py)."""
    if get_architecture(arch).engine == "numpy":
        from .numpy_train import NumpyRun

        return NumpyRun
    return _Run


REPORT_INTERVAL = 0.05  # s between progress reports (each one reads the sums back from the device)


def _sum_dtype(device: torch.device) -> torch.dtype:
    return torch.float32 if device.type == "mps" else torch.float64  # MPS has no float64


class _Run:
    _ema: torch.Tensor  # (2,) smoothed (loss, accuracy), created by the first _update_ema
    _ema_count: int

    def __init__(self, config, device, train_data, test_data, resume) -> None:
        self.config, self.device = config, device
        self.autocast_dtype = select_precision(config.precision, device)  # None: fp32
        self.train_data, self.test_data = train_data, test_data
        self.images = train_data.images.to(device)  # (N,28,28) uint8
        self.labels = train_data.labels.to(device)  # (N,)
        self.batches = math.ceil(len(train_data) / config.batch_size)
        torch.manual_seed(config.seed)
        if resume:
            self.model, _ = model_from_checkpoint(resume)
        elif config.init:
            self.model = _initial_weights(config)
        else:
            self.model = build_model(config.arch, config.arch_config)
        # channels_last: oneDNN's convolutions run ~1.3x faster on CPUs in this layout.
        # Module.to(device, memory_format=...) works, but torch's stub overloads take one or the other.
        self.model.to(device, memory_format=torch.channels_last)  # type: ignore[call-overload]
        self.optimizer = _make_optimizer(config, self.model, device)
        self.scheduler = _make_scheduler(config, self.optimizer, self.batches)
        state = (resume or {}).get("train") or {}
        self.epoch, self.step = int(state.get("epoch", 0)), int(state.get("step", 0))
        self.history = [EpochResult(**h) for h in state.get("history", [])]
        self.elapsed = float(state.get("seconds", 0.0))
        self.resumed_metrics = dict((resume or {}).get("metrics") or {})  # kept if no epoch runs
        if "optimizer" in state:
            try:
                self.optimizer.load_state_dict(state["optimizer"])
                _restore_scheduler(self.scheduler, state["scheduler"], self.epoch * self.batches + self.step)
            except (KeyError, TypeError, ValueError, RuntimeError, IndexError, AttributeError) as exc:
                raise ValueError(f"the checkpoint's training state cannot be resumed ({str(exc)[:120]})") from None

    def loop(self, on_batch, on_epoch, cancel: threading.Event, on_checkpoint=None) -> TrainResult:
        started = time.perf_counter() - self.elapsed
        report = None
        cancelled = False
        while self.epoch < self.config.epochs:
            if not self._train_epoch(on_batch, cancel, started):
                cancelled = True
                break
            report = evaluate(self.model, self.test_data, self.device)
            result = self._epoch_result(report, started)
            self.history.append(result)
            self.epoch, self.step = self.epoch + 1, 0
            if on_checkpoint:
                self.elapsed = time.perf_counter() - started
                on_checkpoint(self.checkpoint(report))
            if on_epoch:
                on_epoch(result)
        self.elapsed = time.perf_counter() - started
        self.model.eval()
        checkpoint = self.checkpoint(report)
        self.model.cpu()
        return TrainResult(self.model, checkpoint, self.history, report, cancelled, self.elapsed)

    def _train_epoch(self, on_batch, cancel, started) -> bool:
        """One epoch from self.step on; False if cancelled (state kept for resuming)."""
        cfg = self.config
        self.model.train()
        gen = torch.Generator().manual_seed(cfg.seed * 100_003 + self.epoch)
        order = torch.randperm(len(self.labels), generator=gen).to(self.device)  # (N,)
        # loss*n, correct, n, summed on the device: read back only when progress is reported
        self._sums = torch.zeros(3, dtype=_sum_dtype(self.device), device=self.device)
        self._epoch_start = time.perf_counter()
        self._last_report = 0.0
        done_before = self.step
        for b in range(self.step, self.batches):
            if cancel.is_set():
                return False
            idx = order[b * cfg.batch_size : (b + 1) * cfg.batch_size]
            self._train_batch(idx, gen)
            self.step = b + 1
            now = time.monotonic()
            if self.step == self.batches or now - self._last_report >= REPORT_INTERVAL:
                self._last_report = now
                progress = self._progress(b + 1 - done_before, started)  # the only device sync
                if on_batch:
                    on_batch(progress)
        return True

    def _train_batch(self, idx: torch.Tensor, gen: torch.Generator) -> None:
        x = self.images[idx].unsqueeze(1).float().div_(255.0)  # (B,1,28,28) in [0,1]
        x = x.contiguous(memory_format=torch.channels_last)
        y = self.labels[idx]  # (B,)
        if self.config.augment:
            x = augment_batch(x, gen)
        dtype = self.autocast_dtype
        with torch.autocast(self.device.type, dtype=dtype, enabled=dtype is not None):
            logits = self.model(normalize(x))  # (B,10)
            loss = F.cross_entropy(logits, y, label_smoothing=self.config.label_smoothing)  # fp32
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        self.scheduler.step()
        n = y.shape[0]
        correct = (logits.argmax(1) == y).sum()  # () on the device: no sync here
        self._sums += torch.stack([loss.detach() * n, correct, torch.ones_like(loss) * n]).to(self._sums.dtype)
        plain = loss.detach()
        if self.config.label_smoothing:
            with torch.no_grad():
                plain = F.cross_entropy(logits.detach().float(), y)  # () without label smoothing
        self._update_ema(torch.stack([plain, correct / n]).to(self._sums.dtype))

    def _update_ema(self, values: torch.Tensor) -> None:
        """Smoothed per-batch curves, values (2,) = (loss, accuracy) on the device: an EMA kept
        across epochs (bias-corrected when read), with no device sync."""
        if getattr(self, "_ema", None) is None or self._ema.device != values.device:
            self._ema, self._ema_count = torch.zeros_like(values), 0
        self._ema.mul_(EMA_DECAY).add_(values, alpha=1 - EMA_DECAY)
        self._ema_count += 1

    def _read_sums(self) -> tuple[float, float, float]:
        """(loss*n, correct, n) of this epoch so far; TrainingError once the loss is not finite."""
        loss_sum, correct, n = self._sums.tolist()
        if not math.isfinite(loss_sum):
            raise TrainingError(
                f"the loss became {loss_sum} by epoch {self.epoch + 1}, batch {self.step}: "
                "training diverged; try a lower learning rate"
            )
        return loss_sum, correct, n

    def _progress(self, batches_run: int, started: float) -> BatchProgress:
        loss_sum, correct, n = self._read_sums()
        spent = time.perf_counter() - self._epoch_start
        per_batch = spent / max(batches_run, 1)
        remaining = (self.batches - self.step) + (self.config.epochs - self.epoch - 1) * self.batches
        count = getattr(self, "_ema_count", 0)
        loss_ema, acc_ema = self._ema.tolist() if count else (math.nan, math.nan)
        debias = 1 - EMA_DECAY**count if count else 1.0
        return BatchProgress(
            self.epoch + 1,
            self.config.epochs,
            self.step,
            self.batches,
            loss_sum / n,
            correct / n,
            n / spent if spent > 0 else 0.0,
            remaining * per_batch,
            loss_ema / debias,
            acc_ema / debias,
        )

    def _epoch_result(self, report: EvalReport, started: float) -> EpochResult:
        loss_sum, correct, n = self._read_sums()
        seconds = time.perf_counter() - self._epoch_start
        return EpochResult(
            self.epoch + 1,
            self.config.epochs,
            loss_sum / max(n, 1),
            correct / max(n, 1),
            report.loss,
            report.accuracy,
            seconds,
            n / seconds if seconds > 0 else 0.0,
        )

    def checkpoint(self, report: EvalReport | None) -> dict[str, Any]:
        metrics: dict[str, Any] = {"train_size": len(self.train_data), "data": self.train_data.name}
        if report:
            metrics.update(test_accuracy=report.accuracy, test_loss=report.loss, test_size=report.count)
        else:
            metrics.update({k: v for k, v in self.resumed_metrics.items() if k.startswith("test_")})
        train_state = {
            "config": self.config.to_dict(),
            "epoch": self.epoch,
            "step": self.step,
            "optimizer": self.optimizer.state_dict(),
            "scheduler": self.scheduler.state_dict(),
            "history": [dataclasses.asdict(h) for h in self.history],
            "seconds": self.elapsed,
            "device": str(self.device),
            "precision": str(self.autocast_dtype or torch.float32).removeprefix("torch."),
            "finished": self.epoch >= self.config.epochs,
        }
        config = make_config(self.config.arch, self.config.arch_config)
        return make_checkpoint(self.model, self.config.arch, config, metrics, train_state)


def _initial_weights(config: TrainConfig) -> nn.Module:
    """The network of checkpoint config.init (fine-tuning); ValueError if it is not config's arch and config."""
    init = config.init
    assert init is not None  # called only when config.init is set
    ckpt = read_checkpoint(init)
    if ckpt["arch"] != config.arch or make_config(ckpt["arch"], ckpt["config"]) != make_config(
        config.arch, config.arch_config
    ):
        raise ValueError(f"{config.init}: a {ckpt['arch']} {ckpt['config']} cannot start a {config.arch} training")
    return model_from_checkpoint(ckpt, init)[0]


def _make_optimizer(config: TrainConfig, model: nn.Module, device: torch.device) -> torch.optim.Optimizer:
    if get_architecture(config.arch).engine == "numpy":
        from .numpy_train import make_numpy_sgd  # its update in NumPy

        return make_numpy_sgd(config, model)
    params = _decay_groups(model, config.weight_decay)
    # One fused kernel per step instead of a dozen: 3x faster steps for small networks.
    fused: dict[str, Any] = {"fused": True} if device.type in ("cpu", "cuda") else {}
    if config.optimizer == "sgd":
        return torch.optim.SGD(params, lr=config.lr, momentum=config.momentum, nesterov=config.momentum > 0, **fused)
    if config.optimizer == "adam":
        return torch.optim.Adam(params, lr=config.lr, **fused)
    return torch.optim.AdamW(params, lr=config.lr, **fused)


def _decay_groups(model: nn.Module, weight_decay: float) -> list[dict[str, Any]]:
    """Two parameter groups: weight matrices and kernels decay; biases and normalization
    weights (the 1-D parameters) do not, as in nanoGPT and most reference recipes."""
    decay = [p for p in model.parameters() if p.requires_grad and p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.requires_grad and p.dim() < 2]
    return [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]


def _make_scheduler(config: TrainConfig, optimizer, batches: int) -> torch.optim.lr_scheduler.LRScheduler:
    total = config.epochs * batches
    if config.schedule == "onecycle":
        # cycle_momentum would switch momentum on for plain SGD (momentum 0)
        return torch.optim.lr_scheduler.OneCycleLR(
            optimizer, max_lr=config.lr, total_steps=total, pct_start=0.25, cycle_momentum=config.momentum > 0
        )
    if config.schedule == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total)
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda _: 1.0)


def _restore_scheduler(scheduler, saved: dict[str, Any], done_steps: int) -> None:
    """Load the saved schedule, or, when its length changed (more epochs), fast-forward the
    rebuilt one to done_steps (the saved one would step past its end and fail)."""
    fresh = scheduler.state_dict()
    lengths = ("total_steps", "T_max")
    if all(saved.get(k) == fresh.get(k) for k in lengths):
        scheduler.load_state_dict(saved)
        return
    for group in scheduler.optimizer.param_groups:  # the loaded optimizer holds the old run's last lr
        group["lr"] = group["initial_lr"]
    with warnings.catch_warnings():  # "scheduler.step() before optimizer.step()": intended here
        warnings.simplefilter("ignore")
        for _ in range(done_steps):
            scheduler.step()


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

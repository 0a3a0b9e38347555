"""The training loop proper (TrainingRun), driven by model/training/train.py's train().

Data live in memory as uint8 tensors on the training device and are batched by
indexing with a shuffled permutation; augmentation works on whole batches. Loss and
accuracy sums stay on the device and are read back only when progress is reported.
"""

from __future__ import annotations

import dataclasses
import math
import threading
import time
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from ..checkpoints.checkpoint import make_checkpoint, model_from_checkpoint, read_checkpoint
from ..nets import build_model, make_config
from ..preprocess import normalize
from .augment import augment_batch
from .device import select_precision
from .distill import distilled_loss, load_teachers, taught_mask, teacher_logits
from .evaluate import EvalReport, evaluate
from .optimizers import make_optimizer, make_scheduler, restore_scheduler
from .train_config import TrainConfig
from .train_progress import BatchProgress, EpochResult, TrainingError, TrainResult
from .weight_average import averaged_state, make_averaged, restore_averaged

EMA_DECAY = 0.98  # the smoothed training curves average over about the last 50 batches
REPORT_INTERVAL = 0.05  # s between progress reports (each one reads the sums back from the device)


def _sum_dtype(device: torch.device) -> torch.dtype:
    return torch.float32 if device.type == "mps" else torch.float64  # MPS has no float64


class TrainingRun:
    """One training run in progress: the network, its optimizer and schedule, the data on
    the device, and where it stands (epoch, step, history), so that it can be checkpointed
    and resumed. `loop()` runs it to the end or to a cancel."""

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
        self.teachers = load_teachers(config.teachers, device)  # [] without distillation
        taught = taught_mask(train_data, config.distill_on) if self.teachers else None
        self.taught = None if taught is None else taught.to(device)  # (N,) bool: where teachers teach
        # The weights' moving average (None: off), made from the checkpoint's averaged weights
        # on resume, before the raw ones go back into self.model below.
        self.averaged = make_averaged(self.model, config.ema_decay)
        self.optimizer = make_optimizer(config, self.model, device)
        self.scheduler = make_scheduler(config, self.optimizer, self.batches)
        state = (resume or {}).get("train") or {}
        self.epoch, self.step = int(state.get("epoch", 0)), int(state.get("step", 0))
        self.history = [EpochResult(**h) for h in state.get("history", [])]
        self.elapsed = float(state.get("seconds", 0.0))
        self.resumed_metrics = dict((resume or {}).get("metrics") or {})  # kept if no epoch runs
        if "optimizer" in state:
            try:
                if self.averaged is not None:
                    restore_averaged(self.averaged, self.model, state)
                self.optimizer.load_state_dict(state["optimizer"])
                restore_scheduler(self.scheduler, state["scheduler"], self.epoch * self.batches + self.step)
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
            report = evaluate(self.final_model, self.test_data, self.device)
            result = self._epoch_result(report, started)
            self.history.append(result)
            self.epoch, self.step = self.epoch + 1, 0
            if on_checkpoint:
                self.elapsed = time.perf_counter() - started
                on_checkpoint(self.checkpoint(report))
            if on_epoch:
                on_epoch(result)
        self.elapsed = time.perf_counter() - started
        model = self.final_model
        model.eval()
        checkpoint = self.checkpoint(report)
        model.cpu()
        return TrainResult(model, checkpoint, self.history, report, cancelled, self.elapsed)

    @property
    def final_model(self) -> nn.Module:
        """The network that is evaluated and saved: the weights' moving average if it is on."""
        return self.model if self.averaged is None else self.averaged.module

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
            x = normalize(x)
            logits = self.model(x)  # (B,10)
            loss = F.cross_entropy(logits, y, label_smoothing=self.config.label_smoothing, reduction="none")  # (B,)
            if self.teachers:
                taught = None if self.taught is None else self.taught[idx]  # (B,) bool
                loss = distilled_loss(
                    loss, logits, teacher_logits(self.teachers, x), self.config.distill_weight, taught
                )
            loss = loss.mean()  # () fp32
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        self.scheduler.step()
        if self.averaged is not None:
            self.averaged.update_parameters(self.model)
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
        if self.averaged is not None:
            train_state.update(averaged_state(self.averaged, self.model))
        config = make_config(self.config.arch, self.config.arch_config)
        return make_checkpoint(self.final_model, self.config.arch, config, metrics, train_state)


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

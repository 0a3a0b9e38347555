"""Fine-tuning a trained model on one person's handwriting ("Learn my handwriting").

The person's kept drawings (inks with labels, model/samples.py) are rendered by the
one renderer (model/ink.py) and the active model is fine-tuned on them, with the
training augmentation (model/augment.py), each batch mixed with replayed general
digits (MNIST if the user has it, else the mini MNIST shipped in assets/) so that
nothing general is forgotten: on those the target is the base model's own answer
(distillation, softened at DISTILL_T), not just the label. BatchNorm statistics stay
frozen: a few dozen drawings would otherwise pull them away from everything else.

What it gained is measured by cross-validation: the drawings are split into folds
(each digit spread over the folds); for each fold a model is fine-tuned on the
others and scored on it. "before" is the base model on the same drawings.

No Qt here: progress goes to a callback and a threading.Event cancels, as in
model/train.py.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from .augment import augment_batch
from .checkpoint import make_checkpoint, model_from_checkpoint
from .data import DataError, DigitData, load_data
from .device import select_precision
from .ink import Ink, render_ink
from .nets import NUM_CLASSES, get_architecture, make_config
from .paths import asset_path
from .preprocess import normalize
from .samples import SampleError, parse_label

MIN_SAMPLES = 2  # fewer than this leaves nothing to hold out
MINI_MNIST = "samples/mnist-mini"
DISTILL_T = 2.0  # softmax temperature of the base model's answers on replayed digits (Hinton et al. 2015)  # shipped replay data when the user has no MNIST


class AdaptError(ValueError):
    """The drawings cannot be adapted to (no labels, too few, bad labels); the message says why."""


@dataclass
class AdaptConfig:
    """Settings of one adaptation run (defaults measured by bench/adapt_eval.py)."""

    steps: int = 40  # optimizer steps per fine-tuning
    copies: int = 16  # augmented copies of each drawing, made once (plus the drawing itself)
    replay_pool: int = 1024  # general digits, augmented once, to replay from
    user_batch: int = 32  # augmented copies of the user's drawings per batch
    replay_batch: int = 64  # replayed general digits per batch
    replay_weight: float = 2.0  # weight of the distillation loss on them (the user's loss has 1)
    lr: float = 1e-3  # peak learning rate (AdamW, cosine decay)
    weight_decay: float = 1e-4
    folds: int = 2  # cross-validation folds (0: no before/after measurement)
    seed: int = 0
    threads: int | None = None  # CPU threads for torch; None: torch's default

    def validate(self) -> None:
        checks = [
            (self.steps >= 1, f"steps must be at least 1, got {self.steps}"),
            (self.user_batch >= 1, f"user batch must be at least 1, got {self.user_batch}"),
            (self.replay_batch >= 0, f"replay batch must be >= 0, got {self.replay_batch}"),
            (math.isfinite(self.lr) and self.lr > 0, f"learning rate must be positive, got {self.lr}"),
            (self.weight_decay >= 0, f"weight decay must be >= 0, got {self.weight_decay}"),
            (
                math.isfinite(self.replay_weight) and self.replay_weight >= 0,
                f"replay weight must be >= 0, got {self.replay_weight}",
            ),
            (self.folds == 0 or self.folds >= 2, f"folds must be 0 or at least 2, got {self.folds}"),
            (self.threads is None or self.threads >= 1, f"threads must be at least 1, got {self.threads}"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)


@dataclass
class AdaptProgress:
    stage: str  # "fold 1/2", ..., "final"
    step: int  # 1-based within the stage
    steps: int
    fraction: float  # of the whole run, in [0, 1]
    user_loss: float  # cross-entropy on the user's drawings in this step's batch (nats)
    distill_loss: float | None  # distillation cross-entropy on the replayed digits at DISTILL_T,
    # unweighted (the step minimizes user_loss + replay_weight * DISTILL_T**2 * distill_loss); None without replay


@dataclass
class AdaptResult:
    checkpoint: dict[str, Any] | None  # None when cancelled: nothing unfinished is kept
    samples: int
    before: float | None  # base model's accuracy on the user's drawings (None: not measured)
    after: float | None  # cross-validated accuracy of the adapted procedure on them
    cancelled: bool = False
    seconds: float = 0.0
    folds: int = 0  # cross-validation folds run: config.folds, at most one per drawing

    def summary(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "checkpoint"}


ProgressCallback = Callable[[AdaptProgress], None]


def check_labels(labels: Sequence[Any]) -> list[int]:
    """Labels as ints 0-9 (7, "7"); AdaptError naming the first problem."""
    if len(labels) == 0 or all(label is None for label in labels):
        raise AdaptError('no labelled drawings: each line needs "strokes" and a "label" 0-9')
    out = []
    for i, label in enumerate(labels, 1):
        if label is None:
            raise AdaptError(f'drawing {i} has no "label": each needs a digit 0-9')
        try:
            out.append(parse_label(label))
        except SampleError:
            raise AdaptError(f"drawing {i} has label {label!r:.40}; labels must be digits 0-9") from None
    if len(out) < MIN_SAMPLES:
        raise AdaptError(f"only {len(out)} drawing: adapting needs at least {MIN_SAMPLES}")
    return out


def render_samples(inks: Sequence[Ink]) -> torch.Tensor:
    """Inks -> (N, 1, 28, 28) float32 in [0, 1]; AdaptError naming an unusable drawing."""
    images = []
    for i, ink in enumerate(inks, 1):
        try:
            images.append(render_ink(ink))  # (28,28)
        except ValueError as exc:
            raise AdaptError(f"drawing {i}: {exc}") from None
    return torch.from_numpy(np.stack(images)).unsqueeze(1)  # (N,1,28,28)


def default_replay() -> DigitData:
    """General digits to replay: the user's MNIST training set if found, else the shipped mini MNIST."""
    try:
        return load_data(None, "train")
    except DataError:
        return load_data(asset_path(MINI_MNIST), "train")


def stratified_folds(labels: Sequence[int], folds: int, seed: int = 0) -> np.ndarray:
    """(N,) int fold index per sample; each digit's drawings are spread over the folds."""
    rng = np.random.default_rng(seed)
    label_array = np.asarray(labels)  # (N,)
    fold_of = np.zeros(len(label_array), dtype=np.int64)
    offset = 0
    for digit in range(NUM_CLASSES):
        idx = rng.permutation(np.flatnonzero(label_array == digit))
        fold_of[idx] = (np.arange(len(idx)) + offset) % folds
        offset += len(idx)  # the next digit starts where this one ended: folds stay balanced
    return fold_of


def split_for_tuning(model: nn.Module, arch: str) -> tuple[nn.Module, nn.Module]:
    """(frozen prefix, tuned tail) sharing the model's modules: tail(prefix(x)) == model(x).

    digitnet keeps its first two stages (edges and strokes, which every hand shares)
    and tunes the third stage and the head: about 5x less work per step than tuning
    it all, and the prefix runs once per drawing instead of once per step. Other
    architectures are tuned whole.
    """
    if arch == "digitnet":
        stages = model.features
        head = model.head
        assert isinstance(stages, nn.Sequential) and isinstance(head, nn.Module)
        return stages[:6], nn.Sequential(stages[6:], head)  # (N,64,7,7) between them
    return nn.Identity(), model


@torch.inference_mode()
def prefix_features(prefix: nn.Module, images: torch.Tensor, batch_size: int = 512) -> torch.Tensor:
    """(N, 1, 28, 28) float [0, 1] -> prefix(normalize(images)), (N, ...) float32."""
    prefix.eval()
    outs = [prefix(normalize(images[i : i + batch_size])) for i in range(0, len(images), batch_size)]
    return torch.cat(outs).float().contiguous() if outs else images


def augmented_pool(images: torch.Tensor, copies: int, gen: torch.Generator) -> torch.Tensor:
    """(N, 1, 28, 28) -> (N * (copies + 1), 1, 28, 28): each image, then its augmented copies.

    Row k * N + i is copy k of image i (copy 0 is the image itself).
    """
    repeated = images.repeat(copies, 1, 1, 1)  # (copies*N,1,28,28)
    return torch.cat([images, augment_batch(repeated, gen)])


def fine_tune(
    tail: nn.Module,
    user_x: torch.Tensor,
    user_y: torch.Tensor,
    replay_x: torch.Tensor | None,
    replay_logits: torch.Tensor | None,
    config: AdaptConfig,
    on_step: Callable[[int, float, float | None], None] | None = None,
    cancel: threading.Event | None = None,
) -> bool:
    """Fine-tune `tail` in place on prefix features of the user's drawings (user_x (N, ...),
    labels user_y (N,) int64) while distilling the base model on replayed digits
    (replay_x (R, ...), the base model's replay_logits (R, 10)).

    Each step: config.user_batch user rows (cross-entropy with their labels) +
    config.replay_batch replay rows (cross-entropy with the base model's probabilities
    at temperature DISTILL_T, so the replayed digits keep their old answers, not just
    their labels); AdamW with a cosine-decaying learning rate; BatchNorm statistics
    frozen. on_step(step, user cross-entropy, unweighted distillation cross-entropy or
    None) after each step. Returns False if cancelled (the tail is then half-tuned: discard it).
    """
    gen = torch.Generator().manual_seed(config.seed)
    tail.train()
    for module in tail.modules():
        if isinstance(module, nn.modules.batchnorm._BatchNorm):
            module.eval()  # keep the base model's running statistics
    params = [p for p in tail.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=config.lr, weight_decay=config.weight_decay)
    decay = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: 0.5 * (1 + math.cos(math.pi * s / config.steps)))
    replay = replay_x is not None and replay_logits is not None and len(replay_x) > 0 and config.replay_batch > 0
    autocast = select_precision("auto", torch.device("cpu"))
    u = config.user_batch
    for step in range(config.steps):
        if cancel is not None and cancel.is_set():
            return False
        pick = torch.randint(len(user_y), (u,), generator=gen)  # (U,)
        x = user_x[pick]
        if replay:
            assert replay_x is not None and replay_logits is not None
            r = torch.randint(len(replay_x), (config.replay_batch,), generator=gen)  # (R',)
            x = torch.cat([x, replay_x[r]])  # (U+R', ...)
        with torch.autocast("cpu", dtype=autocast, enabled=autocast is not None):
            logits = tail(x).float()  # (U+R',10)
        user_loss = F.cross_entropy(logits[:u], user_y[pick])  # () the user's drawings
        loss, distill = user_loss, None
        if replay:
            assert replay_logits is not None
            soft = (replay_logits[r] / DISTILL_T).softmax(dim=1)  # (R',10) the base model's answers
            distill = F.cross_entropy(logits[u:] / DISTILL_T, soft)  # ()
            loss = user_loss + config.replay_weight * DISTILL_T**2 * distill
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        decay.step()
        if on_step:
            on_step(step + 1, float(user_loss.item()), None if distill is None else float(distill.item()))
    tail.eval()
    return True


def adapt(
    base: dict[str, Any],
    inks: Sequence[Ink],
    labels: Sequence[Any],
    config: AdaptConfig | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    replay: DigitData | None = None,
    base_name: str = "",
) -> AdaptResult:
    """Fine-tune the model of checkpoint dict `base` on labelled inks; measure the gain.

    inks: the drawings (model/ink.py format), labels: their digits 0-9. replay:
    general digits to mix in (default: :func:`default_replay`). base_name: how the
    checkpoint names its base model (a file name). Raises AdaptError for unusable
    drawings or labels, CheckpointError for a bad base. The result's checkpoint is
    None when cancelled.
    """
    config = config or AdaptConfig()
    config.validate()
    started = time.perf_counter()
    targets = torch.tensor(check_labels(labels), dtype=torch.int64)  # (N,)
    if len(inks) != len(targets):
        raise AdaptError(f"{len(inks)} drawings but {len(targets)} labels")
    engine = getattr(get_architecture(str(base.get("arch"))), "engine", "torch")
    if engine != "torch":
        raise AdaptError(
            f"{base.get('arch')} models train with their own {engine} loop and cannot be adapted; "
            "adapt a PyTorch model (digitnet, cnn, mlp...)"
        )
    images = render_samples(inks)  # (N,1,28,28)
    if config.threads:
        torch.set_num_threads(config.threads)
    run = _Run(base, config, on_progress, cancel or threading.Event())
    run.make_pools(images, targets, replay if replay is not None else default_replay())
    before, after = run.cross_validate() if config.folds else (None, None)
    model = run.final() if not run.cancelled else None
    seconds = time.perf_counter() - started
    n = len(targets)
    if model is None:
        return AdaptResult(None, n, before, after, cancelled=True, seconds=seconds)
    info = {
        "base": base_name,
        "base_created": str(base.get("created", "")),
        "samples": n,
        "before": before,
        "after": after,
        "folds": run.folds,
        "config": asdict(config),
        "seconds": seconds,
    }
    metrics = {"adapted_from": base_name, "adapt_samples": n, "adapt_before": before, "adapt_after": after}
    arch = base["arch"]
    checkpoint = make_checkpoint(model, arch, make_config(arch, base["config"]), metrics)
    checkpoint["adapt"] = {k: v for k, v in info.items() if v is not None}
    return AdaptResult(checkpoint, n, before, after, seconds=seconds, folds=run.folds)


class _Run:
    """One adaptation: the shared feature pools, the cross-validation folds, the final model."""

    def __init__(self, base, config: AdaptConfig, on_progress, cancel: threading.Event) -> None:
        self.base, self.config = base, config
        self.on_progress, self.cancel = on_progress, cancel
        self.cancelled = False
        self.folds = self.stage = 0
        self.stages = 1
        self.gen = torch.Generator().manual_seed(config.seed)

    def new_model(self) -> tuple[nn.Module, nn.Module, nn.Module]:
        model, _ = model_from_checkpoint(self.base)
        model.eval()
        prefix, tail = split_for_tuning(model, self.base["arch"])
        for p in prefix.parameters():
            p.requires_grad_(False)
        return model, prefix, tail

    def make_pools(self, images: torch.Tensor, targets: torch.Tensor, replay: DigitData) -> None:
        """Prefix features of the drawings' augmented copies and of augmented replay digits."""
        cfg, n = self.config, len(targets)
        _, prefix, tail = self.new_model()
        self.n, self.targets = n, targets
        self.folds = min(cfg.folds, n)
        self.stages = self.folds + 1
        self.user_x = prefix_features(prefix, augmented_pool(images, cfg.copies, self.gen))  # (N*(c+1),...)
        self.user_y = targets.repeat(cfg.copies + 1)  # (N*(c+1),)
        self.sample_of = torch.arange(n).repeat(cfg.copies + 1)  # drawing index of each row
        self.replay_x = self.replay_logits = None
        if len(replay) and cfg.replay_batch:
            pick = torch.randperm(len(replay), generator=self.gen)[: cfg.replay_pool]  # (R,)
            digits = replay.images[pick].unsqueeze(1).float().div_(255.0)  # (R,1,28,28)
            self.replay_x = prefix_features(prefix, augment_batch(digits, self.gen))
            with torch.inference_mode():
                self.replay_logits = tail.eval()(self.replay_x).float()  # (R,10) the base model's answers

    def tune(self, rows: torch.Tensor) -> nn.Module | None:
        """A fresh copy of the base model, fine-tuned on the user rows `rows` (bool mask)."""
        model, _, tail = self.new_model()
        self.stage += 1
        stage = "final" if self.stage == self.stages else f"fold {self.stage}/{self.stages - 1}"
        ok = fine_tune(
            tail,
            self.user_x[rows],
            self.user_y[rows],
            self.replay_x,
            self.replay_logits,
            self.config,
            lambda step, user_loss, distill: self._report(stage, step, user_loss, distill),
            self.cancel,
        )
        self.cancelled = not ok
        return model if ok else None

    def _report(self, stage: str, step: int, user_loss: float, distill: float | None) -> None:
        if self.on_progress:
            steps = self.config.steps
            fraction = ((self.stage - 1) * steps + step) / (self.stages * steps)
            self.on_progress(AdaptProgress(stage, step, steps, fraction, user_loss, distill))

    def heldout_correct(self, model: nn.Module, which: torch.Tensor) -> int:
        """How many of the original drawings `which` (bool mask over N) the model reads right."""
        _, tail = split_for_tuning(model, self.base["arch"])
        with torch.inference_mode():
            tail.eval()
            logits = tail(self.user_x[: self.n][which])  # (M,10): rows 0..N-1 are the originals
        return int((logits.argmax(1) == self.targets[which]).sum())

    def cross_validate(self) -> tuple[float | None, float | None]:
        folds = self.folds
        fold_of = torch.from_numpy(stratified_folds(self.targets.tolist(), folds, self.config.seed))  # (N,)
        base, _, _ = self.new_model()
        before = self.heldout_correct(base, torch.ones(self.n, dtype=torch.bool)) / self.n
        correct = 0
        for f in range(folds):
            model = self.tune(fold_of[self.sample_of] != f)
            if model is None:
                return before, None
            correct += self.heldout_correct(model, fold_of == f)
        return before, correct / self.n

    def final(self) -> nn.Module | None:
        return self.tune(torch.ones(len(self.user_y), dtype=torch.bool))

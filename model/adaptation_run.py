"""One adaptation run (AdaptationRun): augmented feature pools of the user's drawings and
of replayed digits, made once; fine-tuned models per cross-validation fold and the final
one (model/fine_tune.py); progress per step. Driven by model/adapt.py's adapt()."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import torch
from torch import nn

from .adapt_config import AdaptConfig, AdaptProgress
from .augment import augment_batch
from .checkpoint import model_from_checkpoint
from .data import DigitData
from .fine_tune import augmented_pool, fine_tune, prefix_features, split_for_tuning
from .nets import NUM_CLASSES


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


class AdaptationRun:
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

"""One adaptation run (AdaptationRun): augmented feature pools of the user's drawings and
of replayed digits, made once; fine-tuned models per cross-validation fold and the final
one (model/adaptation/fine_tune.py), each with its fine-tuned copy of the base's trajectory network
when the base has one (model/adaptation/trajectory_adapt.py); progress per step. Driven by
model/adaptation/adapt.py's adapt()."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import torch
from torch import nn

from ..checkpoints.checkpoint import model_from_checkpoint
from ..nets import NUM_CLASSES
from ..training.augment import augment_batch
from ..training.data import DigitData
from ..trajectory_net.trajectory import TrajectoryNet, combine
from ..trajectory_net.trajectory_checkpoint import TrajectoryModel
from .adapt_config import PREPARING, AdaptConfig, AdaptProgress
from .fine_tune import augmented_pool, fine_tune, prefix_features, split_for_tuning
from .preparation import check_pen_paths, chunks, render_samples, scatter_copies
from .trajectory_adapt import fine_tune_trajectory, trajectory_logits, trajectory_pool, tuned_copy

PREPARE_SHARE = 0.2  # of the progress bar, for preparing the drawings (a rough share of the run's time)

Tuned = tuple[nn.Module, TrajectoryNet | None]  # the image network and its trajectory network (if any)


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

    def __init__(
        self, base, config: AdaptConfig, on_progress, cancel: threading.Event, trajectory: TrajectoryModel | None = None
    ) -> None:
        self.base, self.config, self.trajectory = base, config, trajectory
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

    def make_pools(
        self,
        inks: Sequence,
        targets: torch.Tensor,
        replay: DigitData,
        replay_inks: Sequence | None = None,
    ) -> bool:
        """Prefix features of the drawings (inks) and of their augmented copies, and of augmented
        replay digits; with a trajectory network, the trajectories of the drawings and of
        replay_inks (general pen digits to distill on, optional). The drawings are prepared in
        chunks (model/adaptation/preparation.py): progress "preparing" after each, and False
        (self.cancelled) as soon as a chunk's images or trajectories end with `cancel` set. AdaptError names an
        unusable drawing."""
        cfg, n = self.config, len(targets)
        _, prefix, tail = self.new_model()
        self.n, self.targets = n, targets
        self.folds = min(cfg.folds, n)
        self.stages = self.folds + 1
        paths = self.trajectory is not None and cfg.trajectory_steps > 0
        variants = cfg.copies + 1
        user_x: torch.Tensor | None = None
        self.traj_x = None
        for start, stop in chunks(n):
            if self.cancel.is_set():
                self.cancelled = True
                return False
            images = render_samples(inks[start:stop], start + 1)  # (m,1,28,28)
            part = prefix_features(prefix, augmented_pool(images, cfg.copies, self.gen))  # (m*(c+1),...)
            user_x = scatter_copies(user_x, part, n, start, variants)  # (N*(c+1),...)
            if paths and self.cancel.is_set():  # the trajectories take as long again
                self.cancelled = True
                return False
            if paths:
                assert self.trajectory is not None
                check_pen_paths(inks[start:stop], start + 1)
                seed = cfg.seed + start  # chunk 0 keeps the seed of an unchunked pool
                part = trajectory_pool(inks[start:stop], cfg.copies, self.trajectory.points, seed)  # (m*(c+1),5,L)
                self.traj_x = scatter_copies(self.traj_x, part, n, start, variants)  # rows as user_x
            self._report_preparing(stop)
        assert user_x is not None  # adapt() checked there are at least MIN_SAMPLES drawings
        self.user_x = user_x
        self.user_y = targets.repeat(variants)  # (N*(c+1),)
        self.sample_of = torch.arange(n).repeat(variants)  # drawing index of each row
        self.replay_x = self.replay_logits = None
        if len(replay) and cfg.replay_batch:
            pick = torch.randperm(len(replay), generator=self.gen)[: cfg.replay_pool]  # (R,)
            digits = replay.images[pick].unsqueeze(1).float().div_(255.0)  # (R,1,28,28)
            self.replay_x = prefix_features(prefix, augment_batch(digits, self.gen))
            with torch.inference_mode():
                self.replay_logits = tail.eval()(self.replay_x).float()  # (R,10) the base model's answers
        self.traj_replay_x = self.traj_replay_logits = None
        if paths and replay_inks:
            assert self.trajectory is not None
            self.traj_replay_x = trajectory_pool(replay_inks, 0, self.trajectory.points, cfg.seed)  # (R,5,L)
            self.traj_replay_logits = trajectory_logits(self.trajectory.net, self.traj_replay_x)  # (R,10)
        return True

    def _report_preparing(self, done: int) -> None:
        if self.on_progress:
            fraction = PREPARE_SHARE * done / self.n
            self.on_progress(AdaptProgress(PREPARING, done, self.n, fraction, None, None))

    def tune(self, rows: torch.Tensor) -> Tuned | None:
        """Fresh copies of the base model and of its trajectory network (None without one; an
        unchanged copy if config.trajectory_steps is 0), fine-tuned on the user rows `rows`
        (bool mask). None if cancelled."""
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
        if not ok:
            return None
        if self.trajectory is None:
            return model, None
        net = tuned_copy(self.trajectory.net)
        if self.traj_x is not None:
            ok = fine_tune_trajectory(
                net,
                self.traj_x[rows],
                self.user_y[rows],
                self.config,
                self.traj_replay_x,
                self.traj_replay_logits,
                cancel=self.cancel,
            )
            self.cancelled = not ok
        return (model, net.eval()) if ok else None

    def _report(self, stage: str, step: int, user_loss: float, distill: float | None) -> None:
        if self.on_progress:
            steps = self.config.steps
            trained = ((self.stage - 1) * steps + step) / (self.stages * steps)
            fraction = PREPARE_SHARE + (1 - PREPARE_SHARE) * trained
            self.on_progress(AdaptProgress(stage, step, steps, fraction, user_loss, distill))

    def heldout_correct(self, tuned: Tuned, which: torch.Tensor) -> int:
        """How many of the original drawings `which` (bool mask over N) the model reads right,
        with its trajectory network as the Predictor combines them (model/trajectory_net/trajectory.py combine)."""
        model, net = tuned
        _, tail = split_for_tuning(model, self.base["arch"])
        with torch.inference_mode():
            tail.eval()
            logits = tail(self.user_x[: self.n][which]).float()  # (M,10): rows 0..N-1 are the originals
        if net is None or self.trajectory is None or self.traj_x is None:
            predicted = logits.argmax(1)
        else:
            paths = trajectory_logits(net, self.traj_x[: self.n][which])  # (M,10)
            both = combine(logits.softmax(1).numpy(), paths.numpy(), self.trajectory.weight)  # (M,10)
            predicted = torch.from_numpy(both.argmax(1))
        return int((predicted == self.targets[which]).sum())

    def cross_validate(self) -> tuple[float | None, float | None]:
        folds = self.folds
        fold_of = torch.from_numpy(stratified_folds(self.targets.tolist(), folds, self.config.seed))  # (N,)
        base, _, _ = self.new_model()
        base_net = None if self.trajectory is None else self.trajectory.net
        before = self.heldout_correct((base, base_net), torch.ones(self.n, dtype=torch.bool)) / self.n
        correct = 0
        for f in range(folds):
            tuned = self.tune(fold_of[self.sample_of] != f)
            if tuned is None:
                return before, None
            correct += self.heldout_correct(tuned, fold_of == f)
        return before, correct / self.n

    def final(self) -> Tuned | None:
        return self.tune(torch.ones(len(self.user_y), dtype=torch.bool))

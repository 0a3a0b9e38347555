"""Settings, progress and result of one adaptation to a person's handwriting (model/adaptation/adapt.py)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

MIN_SAMPLES = 2  # fewer than this leaves nothing to hold out
PREPARING = "preparing"  # AdaptProgress.stage while the drawings are rendered and augmented


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
    # the trajectory network's fine-tuning (model/adaptation/trajectory_adapt.py), when the base has one
    trajectory_steps: int = 40  # AdamW steps (0: keep the base's trajectory network unchanged)
    trajectory_lr: float = 1e-3  # peak learning rate (cosine decay)
    trajectory_anchor: float = 0.01  # L2-SP: weight of the squared distance from the base's weights

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
            (self.trajectory_steps >= 0, f"trajectory steps must be >= 0, got {self.trajectory_steps}"),
            (
                math.isfinite(self.trajectory_lr) and self.trajectory_lr > 0,
                f"trajectory learning rate must be positive, got {self.trajectory_lr}",
            ),
            (
                math.isfinite(self.trajectory_anchor) and self.trajectory_anchor >= 0,
                f"trajectory anchor must be >= 0, got {self.trajectory_anchor}",
            ),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)


@dataclass
class AdaptProgress:
    stage: str  # PREPARING (the drawings: step, steps count drawings), "fold 1/2", ..., "final"
    step: int  # 1-based within the stage
    steps: int
    fraction: float  # of the whole run, in [0, 1]
    user_loss: float | None  # cross-entropy on the user's drawings in this step's batch (nats); None while preparing
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

"""TrainConfig: everything one training run needs, built by the CLI and by the Train dialog."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

from .device import PRECISION_CHOICES
from .nets import get_architecture, make_config

OPTIMIZERS = ("adamw", "adam", "sgd")
SCHEDULES = ("onecycle", "cosine", "constant")


@dataclass
class TrainConfig:
    """Everything one training run needs; built by the CLI and by the Train dialog."""

    arch: str = "digitnet"
    data: str | None = None  # MNIST folder or ImageFolder tree; None: the default MNIST
    init: str | None = None  # fine-tuning: start from this checkpoint's weights (same arch and arch config)
    ink_data: str | None = None  # pendigits folder: its pen ink, rendered, joins the training data
    download: bool = False  # may torchvision download MNIST if it is missing?
    epochs: int = 15
    batch_size: int = 128
    lr: float = 3e-3  # peak learning rate
    optimizer: str = "adamw"
    schedule: str = "onecycle"
    weight_decay: float = 5e-4
    augment: bool = True
    label_smoothing: float = 0.1
    seed: int = 0
    device: str = "auto"
    precision: str = "auto"  # auto: bf16 mixed precision where the hardware runs it natively
    threads: int | None = None  # CPU threads for torch; None: torch's default
    train_limit: int | None = None  # use only the first N training digits
    arch_config: dict[str, Any] = field(default_factory=dict)  # overrides of the arch's config

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        get_architecture(self.arch)  # ValueError naming the choices
        make_config(self.arch, self.arch_config)
        checks = [
            (self.epochs >= 1, f"epochs must be at least 1, got {self.epochs}"),
            (self.batch_size >= 1, f"batch size must be at least 1, got {self.batch_size}"),
            (math.isfinite(self.lr) and self.lr > 0, f"learning rate must be positive, got {self.lr}"),
            (self.optimizer in OPTIMIZERS, f"optimizer must be one of {', '.join(OPTIMIZERS)}, got {self.optimizer!r}"),
            (self.schedule in SCHEDULES, f"schedule must be one of {', '.join(SCHEDULES)}, got {self.schedule!r}"),
            (self.weight_decay >= 0, f"weight decay must be >= 0, got {self.weight_decay}"),
            (0 <= self.label_smoothing < 1, f"label smoothing must be in [0, 1), got {self.label_smoothing}"),
            (self.precision in PRECISION_CHOICES, f"precision must be one of {', '.join(PRECISION_CHOICES)}, got {self.precision!r}"),
            (self.threads is None or self.threads >= 1, f"threads must be at least 1, got {self.threads}"),
            (self.train_limit is None or self.train_limit >= 1, f"train limit must be at least 1, got {self.train_limit}"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> "TrainConfig":
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})

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
# What an engine can train with: the NumPy network has its own SGD (model/numpy_train.py)
# and computes in float32.
ENGINE_OPTIMIZERS = {"numpy": ("sgd",)}
ENGINE_PRECISIONS = {"numpy": ("auto", "fp32")}
# Defaults of an architecture where they differ from TrainConfig's; the user's own
# choices (CLI flags, dialog fields) go over them. See TrainConfig.for_arch.
ARCH_PRESETS: dict[str, dict[str, Any]] = {
    # The tutorial's SGD (lr 0.1, batch 100) with Nesterov momentum and a one-cycle schedule;
    # no augmentation or smoothing: 4,700 weights underfit MNIST rather than overfit it.
    "numpy-cnn": dict(epochs=6, batch_size=100, lr=0.1, optimizer="sgd", momentum=0.9, schedule="onecycle",
                      weight_decay=0.0, augment=False, label_smoothing=0.0, precision="fp32"),
}


@dataclass
class TrainConfig:
    """Everything one training run needs; built by the CLI and by the Train dialog."""

    arch: str = "digitnet"
    data: str | None = None  # MNIST folder or ImageFolder tree; None: the default MNIST
    download: bool = False  # may torchvision download MNIST if it is missing?
    epochs: int = 15
    batch_size: int = 128
    lr: float = 3e-3  # peak learning rate
    optimizer: str = "adamw"
    momentum: float = 0.9  # sgd only: 0 is plain SGD; > 0 Nesterov momentum
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

    @classmethod
    def for_arch(cls, arch: str, **values: Any) -> "TrainConfig":
        """TrainConfig(arch=arch, **values) over the arch's preset (ARCH_PRESETS) if it has one."""
        return cls(arch=arch, **{**ARCH_PRESETS.get(arch, {}), **values})

    def validate(self) -> None:
        engine = get_architecture(self.arch).engine  # ValueError naming the choices
        make_config(self.arch, self.arch_config)
        checks = [
            (self.epochs >= 1, f"epochs must be at least 1, got {self.epochs}"),
            (self.batch_size >= 1, f"batch size must be at least 1, got {self.batch_size}"),
            (math.isfinite(self.lr) and self.lr > 0, f"learning rate must be positive, got {self.lr}"),
            (self.optimizer in OPTIMIZERS, f"optimizer must be one of {', '.join(OPTIMIZERS)}, got {self.optimizer!r}"),
            (self.optimizer in ENGINE_OPTIMIZERS.get(engine, OPTIMIZERS),
             f"{self.arch} trains with {' or '.join(ENGINE_OPTIMIZERS.get(engine, ()))} only "
             f"(momentum 0 for plain SGD), not {self.optimizer}"),
            (math.isfinite(self.momentum) and 0 <= self.momentum < 1, f"momentum must be in [0, 1), got {self.momentum}"),
            (self.schedule in SCHEDULES, f"schedule must be one of {', '.join(SCHEDULES)}, got {self.schedule!r}"),
            (self.weight_decay >= 0, f"weight decay must be >= 0, got {self.weight_decay}"),
            (0 <= self.label_smoothing < 1, f"label smoothing must be in [0, 1), got {self.label_smoothing}"),
            (self.precision in PRECISION_CHOICES, f"precision must be one of {', '.join(PRECISION_CHOICES)}, got {self.precision!r}"),
            (self.precision in ENGINE_PRECISIONS.get(engine, PRECISION_CHOICES),
             f"{self.arch} computes in float32 (NumPy): precision {self.precision} is not available for it"),
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

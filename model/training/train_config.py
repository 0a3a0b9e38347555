"""TrainConfig: everything one training run needs, built by the CLI and by the Train dialog."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..nets import ARCHITECTURES, get_architecture, make_config
from .device import DEVICE_CHOICES, PRECISION_CHOICES

OPTIMIZERS = ("adamw", "adam", "sgd")
SCHEDULES = ("onecycle", "cosine", "constant")
# Distillation's reach: every training image, or only the --data (MNIST) images, so that a
# teacher that never saw pen ink (an MNIST specialist) does not teach on rendered pen ink.
DISTILL_ON = ("all", "data")
ARCH_NAMES = tuple(ARCHITECTURES)


def option(
    default: Any,
    help: str,
    *,
    choices: Sequence[str] | None = None,
    flag: str | None = None,
    resumable: bool = False,
    metavar: str | None = None,
) -> Any:
    """A TrainConfig field with what the command line and the dialog need to know about it:
    `help` (one line), `choices`, the CLI `flag` (default --field-name), and whether it may
    change when a run is resumed."""
    meta = {
        "help": help,
        "choices": tuple(choices) if choices else None,
        "flag": flag,
        "resumable": resumable,
        "metavar": metavar,
    }
    return field(default=default, metadata=meta)


# What an engine can train with: the NumPy network has its own SGD (model/numpynet/numpy_train.py)
# and computes in float32.
ENGINE_OPTIMIZERS = {"numpy": ("sgd",)}
ENGINE_PRECISIONS = {"numpy": ("auto", "fp32")}
# Defaults of an architecture where they differ from TrainConfig's; the user's own
# choices (CLI flags, dialog fields) go over them. See TrainConfig.for_arch.
ARCH_PRESETS: dict[str, dict[str, Any]] = {
    # The tutorial's SGD (lr 0.1, batch 100) with Nesterov momentum and a one-cycle schedule;
    # no augmentation or smoothing: 4,700 weights underfit MNIST rather than overfit it.
    "numpy-cnn": dict(
        epochs=6,
        batch_size=100,
        lr=0.1,
        optimizer="sgd",
        momentum=0.9,
        schedule="onecycle",
        weight_decay=0.0,
        augment=False,
        label_smoothing=0.0,
        precision="fp32",
    ),
}


@dataclass
class TrainConfig:
    """Everything one training run needs. The command line's training flags are generated
    from these fields (cli/main.py), and the Train dialog builds the same object."""

    arch: str = option("digitnet", "architecture", choices=ARCH_NAMES)
    data: str | None = option(
        None,
        "MNIST folder (the four .gz files) or image folder tree with train/ and test/ "
        "(default: $DIGITPAD_MNIST or the data folder's MNIST)",
        resumable=True,
        metavar="DIR",
    )
    init: str | None = option(
        None,
        "fine-tuning: start from this checkpoint's weights (same --arch), with a fresh optimizer and schedule",
        metavar="CHECKPOINT",
    )
    ink_data: str | None = option(
        None,
        "pendigits folder (UNIPEN pendigits-orig.tra): its pen ink, rendered as the "
        "canvas renders, plus synthesized world digit forms, joins the training data",
        resumable=True,
        metavar="DIR",
    )
    download: bool = option(False, "download MNIST with torchvision if it is missing", resumable=True)
    epochs: int = option(15, "number of epochs (when resuming: the new total)", resumable=True)
    batch_size: int = option(128, "images per training step")
    lr: float = option(3e-3, "peak learning rate")
    optimizer: str = option("adamw", "optimizer", choices=OPTIMIZERS)
    momentum: float = option(0.9, "SGD momentum (Nesterov); 0 for plain SGD")
    schedule: str = option("onecycle", "learning-rate schedule", choices=SCHEDULES)
    weight_decay: float = option(5e-4, "weight decay (not applied to biases and normalization weights)")
    augment: bool = option(True, "augmentation: random shifts, rotations, scaling and stroke-width changes")
    label_smoothing: float = option(0.1, "label smoothing of the training loss")
    ema_decay: float = option(
        0.0,
        "weight averaging: evaluate and save an exponential moving average of the weights "
        "with this decay per step (0.999 for runs of 10,000 steps or more); 0: off",
    )
    teachers: str | None = option(
        None,
        "distillation: also learn from the averaged answers of these trained checkpoints "
        "(paths separated by commas), softened at temperature 2",
        flag="--teacher",
        metavar="CHECKPOINTS",
    )
    distill_weight: float = option(0.5, "distillation: the teachers' share of the loss (the labels get the rest)")
    distill_on: str = option(
        "all",
        "distillation: which training images the teachers teach on: all, or only the --data "
        "images (not the pen ink of --ink-data, for teachers that never saw pen ink)",
        choices=DISTILL_ON,
    )
    seed: int = option(0, "random seed")
    device: str = option("auto", "auto: CUDA, then Apple MPS, then CPU", choices=DEVICE_CHOICES, resumable=True)
    precision: str = option(
        "auto",
        "auto: bf16 mixed precision where the CPU or GPU runs it natively",
        choices=PRECISION_CHOICES,
        resumable=True,
    )
    threads: int | None = option(None, "CPU threads for PyTorch (default: torch's)", resumable=True)
    train_limit: int | None = option(None, "train on the first N digits only", flag="--limit", metavar="N")
    arch_config: dict[str, Any] = field(default_factory=dict)  # overrides of the arch's config (not a flag)

    def __post_init__(self) -> None:
        self.validate()

    @classmethod
    def for_arch(cls, arch: str, **values: Any) -> TrainConfig:
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
            (
                self.optimizer in ENGINE_OPTIMIZERS.get(engine, OPTIMIZERS),
                f"{self.arch} trains with {' or '.join(ENGINE_OPTIMIZERS.get(engine, ()))} only "
                f"(momentum 0 for plain SGD), not {self.optimizer}",
            ),
            (
                math.isfinite(self.momentum) and 0 <= self.momentum < 1,
                f"momentum must be in [0, 1), got {self.momentum}",
            ),
            (self.schedule in SCHEDULES, f"schedule must be one of {', '.join(SCHEDULES)}, got {self.schedule!r}"),
            (self.weight_decay >= 0, f"weight decay must be >= 0, got {self.weight_decay}"),
            (0 <= self.label_smoothing < 1, f"label smoothing must be in [0, 1), got {self.label_smoothing}"),
            (
                math.isfinite(self.ema_decay) and 0 <= self.ema_decay < 1,
                f"EMA decay must be in [0, 1), got {self.ema_decay}",
            ),
            (
                self.ema_decay == 0 or engine != "numpy",
                f"{self.arch} trains in NumPy: weight averaging (EMA decay) is not available for it",
            ),
            (
                self.precision in PRECISION_CHOICES,
                f"precision must be one of {', '.join(PRECISION_CHOICES)}, got {self.precision!r}",
            ),
            (
                self.precision in ENGINE_PRECISIONS.get(engine, PRECISION_CHOICES),
                f"{self.arch} computes in float32 (NumPy): precision {self.precision} is not available for it",
            ),
            (
                math.isfinite(self.distill_weight) and 0 <= self.distill_weight <= 1,
                f"distillation weight must be in [0, 1], got {self.distill_weight}",
            ),
            (
                not self.teachers or engine != "numpy",
                f"{self.arch} trains in NumPy: distillation from teachers is not available for it",
            ),
            (self.threads is None or self.threads >= 1, f"threads must be at least 1, got {self.threads}"),
            (
                self.train_limit is None or self.train_limit >= 1,
                f"train limit must be at least 1, got {self.train_limit}",
            ),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainConfig:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})


# Named starting points. The Train dialog opens with QUICK (a run of about a minute on a
# laptop CPU); the command line's defaults are the fields' defaults (the bundled model's
# recipe). `digitpad train --preset quick` gives the dialog's settings on the command line.
PRESETS: dict[str, dict[str, Any]] = {
    "default": {},
    "quick": {"arch": "cnn", "epochs": 3},
}
DIALOG_PRESET = "quick"


def preset(name: str, **overrides: Any) -> TrainConfig:
    """The TrainConfig of a named preset, then the chosen architecture's own preset
    (ARCH_PRESETS), then the overrides. ValueError for an unknown name."""
    if name not in PRESETS:
        raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
    values = {**PRESETS[name], **overrides}
    arch = values.pop("arch", TrainConfig.arch)
    return TrainConfig.for_arch(
        arch, **{k: v for k, v in values.items() if k in overrides or k not in ARCH_PRESETS.get(arch, {})}
    )


def cli_fields() -> list[dataclasses.Field]:
    """The fields that are command-line flags (those declared with `option`)."""
    return [f for f in dataclasses.fields(TrainConfig) if "help" in f.metadata]

"""Checkpoints that rebuild themselves, saved atomically and loaded without running code.

A checkpoint is a plain dict:
    {"format": "digitpad-checkpoint", "version": 1, "arch": str, "config": dict,
     "state_dict": {...tensors}, "metrics": dict, "preprocess_version": int,
     "created": ISO date, "train": {TrainConfig as dict, epoch, step, optimizer, scheduler}}
and, for a model adapted to a hand (model/adaptation/adapt.py), "adapt": {base, base_created, samples, ...}
and "trajectory": its own trajectory network (model/trajectory_net/trajectory_pairing.py).
It is loaded with torch.load(weights_only=True), which refuses pickled code.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import nn

from ..atomic import atomic_write
from ..formats import CHECKPOINT_FORMAT, CHECKPOINT_VERSION
from ..nets import build_model, config_to_dict, get_architecture
from ..preprocess import PREPROCESS_VERSION
from ..trajectory_net.trajectory_checkpoint import validate_trajectory
from .checkpoint_limits import (
    CheckpointError,
    check_config,
    check_forward,
    check_plain,
    check_state_dict,
    load_plain,
)
from .checkpoint_metadata import bound_metadata

__all__ = [
    "CheckpointError",
    "LoadedModel",
    "make_checkpoint",
    "save_checkpoint",
    "read_checkpoint",
    "load_model",
    "model_from_checkpoint",
]

FORMAT = CHECKPOINT_FORMAT
FORMAT_VERSION = CHECKPOINT_VERSION


@dataclass
class LoadedModel:
    model: nn.Module  # in eval mode, on the CPU
    arch: str
    config: Any
    metrics: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)  # the whole checkpoint dict
    path: Path | None = None


def make_checkpoint(
    model: nn.Module,
    arch: str,
    config: Any,
    metrics: dict[str, Any] | None = None,
    train: dict[str, Any] | None = None,
) -> dict[str, Any]:
    state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "arch": arch,
        "config": config_to_dict(config),
        "state_dict": state,
        "metrics": dict(metrics or {}),
        "preprocess_version": PREPROCESS_VERSION,
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "train": train or {},
    }


def save_checkpoint(checkpoint: dict[str, Any], path: str | os.PathLike, *, make_parents: bool = True) -> Path:
    """Write atomically (model/atomic.py): never a half-written file, the old one kept on failure.

    make_parents=False for a path the user named: a missing folder is then an error.
    Raises OSError naming path (ENOSPC when the disk is full) with path left unchanged.
    """
    return atomic_write(path, lambda fh: torch.save(checkpoint, fh), make_parents=make_parents)


def read_checkpoint(path: str | os.PathLike) -> dict[str, Any]:
    """Load and validate the dict, bounded before anything large is allocated.

    Raises CheckpointError ("NAME: reason", one line) for anything but a sound checkpoint.
    """
    path = Path(path)
    ckpt = load_plain(path)
    _validate(ckpt, path)
    bound_metadata(ckpt, path.name)  # accuracies in [0, 1], texts clipped, dates dates: shown as they are
    return ckpt


def load_model(path: str | os.PathLike) -> LoadedModel:
    """Rebuild the network a checkpoint describes, ready for inference (eval mode, CPU).

    Raises CheckpointError when the file is unusable, including a network whose
    predictions are not finite.
    """
    ckpt = read_checkpoint(path)
    model, config = model_from_checkpoint(ckpt, path)
    model.eval()
    check_forward(model, Path(path).name)
    return LoadedModel(model, ckpt["arch"], config, dict(ckpt.get("metrics") or {}), ckpt, Path(path))


def model_from_checkpoint(ckpt: dict[str, Any], path: str | os.PathLike = "checkpoint") -> tuple[nn.Module, Any]:
    """The network of a validated checkpoint dict; CheckpointError if the weights do not fit."""
    name = Path(path).name
    config = check_config(ckpt["arch"], ckpt["config"], ckpt["state_dict"], name)
    try:
        model = build_model(ckpt["arch"], config)
        model.load_state_dict(ckpt["state_dict"], strict=True)
    except (ValueError, TypeError, RuntimeError, KeyError) as exc:
        raise CheckpointError(f"{name}: weights do not match the architecture ({_short(exc)})") from None
    return model, config


def _validate(ckpt: Any, path: Path) -> None:
    name = path.name
    if not isinstance(ckpt, dict) or ckpt.get("format") != FORMAT:
        raise CheckpointError(f"{name} is not a DigitPad checkpoint (no '{FORMAT}' header)")
    version = ckpt.get("version")
    if version != FORMAT_VERSION or type(version) is not int:
        raise CheckpointError(
            f"{name} has checkpoint version {_clip(repr(version))}; this DigitPad reads {FORMAT_VERSION}"
        )
    arch = ckpt.get("arch")
    if not isinstance(arch, str):
        raise CheckpointError(f"{name}: the architecture name is {_a(type(arch).__name__)}, not a text")
    try:
        get_architecture(arch)
    except ValueError as exc:
        raise CheckpointError(f"{name}: {_clip(str(exc), 200)}") from None
    if "config" not in ckpt:
        raise CheckpointError(f"{name}: missing architecture config")
    kinds = (("config", "architecture config"), ("metrics", "metrics table"), ("train", "training state"))
    for key, kind in (*kinds, ("adapt", "adaptation record")):
        value = ckpt.get(key, {})
        if not isinstance(value, dict):
            raise CheckpointError(f"{name}: its {kind} is {_a(type(value).__name__)}, not a dict")
        check_plain(value, kind, name, tensors=key == "train")
    check_state_dict(ckpt.get("state_dict"), name)
    if "trajectory" in ckpt:  # an adapted model's own trajectory network, bounded before it is built
        validate_trajectory(ckpt["trajectory"], f"{name} (its trajectory network)")
    version = ckpt.get("preprocess_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CheckpointError(f"{name}: malformed preprocessing version {_clip(repr(version))}")
    if version > PREPROCESS_VERSION:  # a newer DigitPad prepares its input differently
        raise CheckpointError(
            f"{name} was made by a newer DigitPad (preprocessing version {version}; "
            f"this one has {PREPROCESS_VERSION}): update DigitPad to use it"
        )


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _clip(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]

"""Checkpoints that rebuild themselves, saved atomically and loaded without running code.

A checkpoint is a plain dict:
    {"format": "digitpad-checkpoint", "version": 1, "arch": str, "config": dict,
     "state_dict": {...tensors}, "metrics": dict, "preprocess_version": int,
     "created": ISO date, "train": {TrainConfig as dict, epoch, step, optimizer, scheduler}}
It is loaded with torch.load(weights_only=True), which refuses pickled code.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import nn

from .nets import build_model, config_to_dict, get_architecture, make_config
from .preprocess import PREPROCESS_VERSION

FORMAT = "digitpad-checkpoint"
FORMAT_VERSION = 1


class CheckpointError(ValueError):
    """A file that is not a usable DigitPad checkpoint; the message says why."""


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
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "train": train or {},
    }


def save_checkpoint(checkpoint: dict[str, Any], path: str | os.PathLike) -> Path:
    """Write to a temporary file beside `path`, then rename: never a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            torch.save(checkpoint, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_checkpoint(path: str | os.PathLike) -> dict[str, Any]:
    """Load and validate the dict; raise CheckpointError with a clear reason."""
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(f"no checkpoint at {path}")
    try:
        ckpt = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # truncated, foreign, or carrying code
        raise CheckpointError(f"{path.name} is not a valid DigitPad checkpoint ({_short(exc)})") from None
    _validate(ckpt, path)
    return ckpt


def load_model(path: str | os.PathLike) -> LoadedModel:
    """Rebuild the network a checkpoint describes, ready for inference."""
    ckpt = read_checkpoint(path)
    model, config = model_from_checkpoint(ckpt, path)
    model.eval()
    return LoadedModel(model, ckpt["arch"], config, dict(ckpt.get("metrics") or {}), ckpt, Path(path))


def model_from_checkpoint(ckpt: dict[str, Any], path: str | os.PathLike = "checkpoint") -> tuple[nn.Module, Any]:
    name = Path(path).name
    try:
        config = make_config(ckpt["arch"], ckpt["config"])
        if hasattr(config, "use_local_imagenet_weights"):  # weights come from the file
            config = type(config)(**{**config_to_dict(config), "use_local_imagenet_weights": False})
        model = build_model(ckpt["arch"], config)
        model.load_state_dict(ckpt["state_dict"], strict=True)
    except (ValueError, TypeError, RuntimeError, KeyError) as exc:
        raise CheckpointError(f"{name}: weights do not match the architecture ({_short(exc)})") from None
    return model, config


def _validate(ckpt: Any, path: Path) -> None:
    name = path.name
    if not isinstance(ckpt, dict) or ckpt.get("format") != FORMAT:
        raise CheckpointError(f"{name} is not a DigitPad checkpoint (no '{FORMAT}' header)")
    if ckpt.get("version") != FORMAT_VERSION:
        raise CheckpointError(f"{name} has checkpoint version {ckpt.get('version')!r}; this DigitPad reads {FORMAT_VERSION}")
    try:
        get_architecture(ckpt.get("arch"))
    except ValueError as exc:
        raise CheckpointError(f"{name}: {exc}") from None
    if not isinstance(ckpt.get("config"), dict):
        raise CheckpointError(f"{name}: missing architecture config")
    state = ckpt.get("state_dict")
    if not isinstance(state, dict) or not state or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise CheckpointError(f"{name}: missing or malformed weights")
    if any(v.is_floating_point() and not torch.isfinite(v).all() for v in state.values()):
        raise CheckpointError(f"{name}: weights contain NaN or infinite values")
    version = ckpt.get("preprocess_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CheckpointError(f"{name}: malformed preprocessing version {version!r}")
    if version > PREPROCESS_VERSION:  # a newer DigitPad prepares its input differently
        raise CheckpointError(
            f"{name} was made by a newer DigitPad (preprocessing version {version}; "
            f"this one has {PREPROCESS_VERSION}): update DigitPad to use it"
        )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]

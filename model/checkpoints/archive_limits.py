"""The torch-free bounds of a checkpoint file, shared by torch.load's path
(model/checkpoints/checkpoint_limits.py, which re-exports them) and the NumPy bridge's reader
(model/checkpoints/archive_reader.py): the zip directory, plain metadata, the architecture config's
numbers. Each check raises CheckpointError with "NAME: reason" and reads only metadata.
"""

from __future__ import annotations

import math
import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..formats import (
    TRAJECTORY_FORMAT,
    TRAJECTORY_POINTS_RANGE,
    TRAJECTORY_VERSION,
    TRAJECTORY_WEIGHT_RANGE,
    TRAJECTORY_WIDTH_RANGE,
)
from ..preprocess import IMAGE_SIZE


class CheckpointError(ValueError):
    """A file that is not a usable DigitPad checkpoint; the message says why, in one line."""


MAX_ARCHIVE_BYTES = 1 << 30  # all members together, uncompressed: 1 GiB (AlexNet + Adam state is ~0.7 GiB)
MAX_PICKLE_BYTES = 16 << 20  # the data.pkl member: metadata only, the weights are separate members
MAX_MEMBERS = 100_000
MAX_PARAMETERS = 100_000_000  # AlexNet, the largest architecture, has 57 million
MAX_PLAIN_ITEMS = 100_000  # values in metrics / config / training state, counted with repeats
MAX_PLAIN_DEPTH = 12
MAX_TEXT = 10_000  # characters in one string
MAX_TEXT_TOTAL = 1_000_000  # characters in all strings of one field, counted with repeats
MAX_INT = 2**63 - 1
MAX_LAYERS = 64  # entries of a list in an architecture config (e.g. hidden layers)
MAX_WIDTH = 4096  # any integer in an architecture config (units, channels...)
CONFIG_INT_RANGES = {  # fields whose integers need tighter ranges than 1..MAX_WIDTH
    "input_size": (32, 512),  # AlexNet's upsampled input: activations grow with its square
    "kernel_size": (1, IMAGE_SIZE - 1),
    "kernel_sizes": (1, IMAGE_SIZE - 1),
}


def check_regular_file(path: Path, what: str = "DigitPad checkpoint") -> None:
    """path names a regular file (a FIFO would block a reader forever); CheckpointError otherwise."""
    try:
        mode = path.stat().st_mode
    except OSError:
        raise CheckpointError(f"no {what.removeprefix('DigitPad ')} at {path}") from None
    if stat.S_ISDIR(mode):
        raise CheckpointError(f"{path.name} is a folder, not a checkpoint")
    if not stat.S_ISREG(mode):
        raise CheckpointError(f"{path.name} is not a regular file (a FIFO, a device or a socket), not a checkpoint")


def check_archive(path: os.PathLike, name: str) -> None:
    """The zip directory of a torch.save file: bounded, uncompressed members."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except Exception:  # BadZipFile, NotImplementedError, struct.error...: not a zip torch.save wrote
        raise CheckpointError(f"{name} is not a valid DigitPad checkpoint (not a PyTorch zip archive)") from None
    if len(members) > MAX_MEMBERS:
        raise CheckpointError(f"{name} is not a valid DigitPad checkpoint ({len(members)} archive members)")
    total = 0
    for info in members:
        if info.compress_type != zipfile.ZIP_STORED:  # torch.save never compresses
            raise CheckpointError(
                f"{name} was refused: its archive member {_clip(info.filename)} is compressed, "
                "which PyTorch checkpoints never are"
            )
        if info.filename.endswith("data.pkl") and info.file_size > MAX_PICKLE_BYTES:
            raise CheckpointError(
                f"{name} was refused: its metadata is {_mb(info.file_size)} (at most {_mb(MAX_PICKLE_BYTES)})"
            )
        total += info.file_size
    if total > MAX_ARCHIVE_BYTES:
        raise CheckpointError(f"{name} was refused: it holds {_mb(total)} (at most {_mb(MAX_ARCHIVE_BYTES)})")


def check_plain(value: Any, what: str, name: str, leaf: Callable[[Any], bool] | None = None) -> None:
    """value is None/bool/int/float/str or lists/dicts of them, of bounded size; CheckpointError
    ("NAME: reason") otherwise. leaf(v): True for a value the caller accepts as it is (after its
    own checks), e.g. a tensor of a training state; it may raise CheckpointError."""
    budget = [MAX_PLAIN_ITEMS, MAX_TEXT_TOTAL]  # items, characters (a shared string counts each time)

    def walk(v: Any, depth: int) -> None:
        budget[0] -= 1
        if isinstance(v, str) and len(v) <= MAX_TEXT:
            budget[1] -= len(v)
        if budget[0] < 0 or budget[1] < 0 or depth > MAX_PLAIN_DEPTH:
            raise CheckpointError(f"{name}: its {what} is too large or too deeply nested")
        if v is None or isinstance(v, (bool, float)):
            return
        if isinstance(v, int):
            if abs(v) > MAX_INT:
                raise CheckpointError(f"{name}: its {what} holds an integer of {v.bit_length()} bits")
        elif isinstance(v, str):
            if len(v) > MAX_TEXT:
                raise CheckpointError(f"{name}: its {what} holds a text of {len(v):,} characters")
        elif isinstance(v, (list, tuple)):
            for item in v:
                walk(item, depth + 1)
        elif isinstance(v, dict):
            for key, item in v.items():
                walk(key, depth + 1)
                walk(item, depth + 1)
        elif leaf is None or not leaf(v):
            raise CheckpointError(f"{name}: its {what} holds a {type(v).__name__}, not plain data")

    walk(value, 0)


def _check_config_value(key: str, value: Any, name: str) -> None:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, (list, tuple)):
        if len(value) > MAX_LAYERS:
            raise CheckpointError(f"{name}: config {_clip(key)} has {len(value):,} entries (at most {MAX_LAYERS})")
        for item in value:
            if isinstance(item, (list, tuple)):
                raise CheckpointError(f"{name}: config {_clip(key)} is nested")
            _check_config_value(key, item, name)
        return
    if isinstance(value, (int, float)):
        if key.endswith("dropout"):
            low, high = 0, 0.999
        else:
            low, high = CONFIG_INT_RANGES.get(key, (1 if isinstance(value, int) else 0, MAX_WIDTH))
        if not (math.isfinite(value) and low <= value <= high):
            raise CheckpointError(f"{name}: config {_clip(key)} is {_clip(str(value))} (allowed {low}..{high})")
        return
    raise CheckpointError(f"{name}: config {_clip(key)} is a {type(value).__name__}")


def _clip(text: str, limit: int = 60) -> str:
    text = str(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _short(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return _clip(lines[0] if lines else type(exc).__name__, 160)


def _mb(n: int) -> str:
    return f"{n / (1 << 20):,.0f} MB" if n >= 1 << 20 else f"{n:,} bytes"


def check_trajectory_header(ckpt: Any, name: str) -> tuple[int, int, float]:
    """(width, points, weight) of a trajectory checkpoint dict's header (format, version, config,
    metrics and combination weight; model/trajectory_net/trajectory_checkpoint.py), bounded,
    before either engine looks at its weights. CheckpointError "NAME: reason" otherwise."""
    if not isinstance(ckpt, dict) or ckpt.get("format") != TRAJECTORY_FORMAT:
        raise CheckpointError(f"{name} is not a DigitPad trajectory checkpoint (no '{TRAJECTORY_FORMAT}' header)")
    if type(ckpt.get("version")) is not int or ckpt["version"] != TRAJECTORY_VERSION:
        raise CheckpointError(
            f"{name}: unknown trajectory checkpoint version; this DigitPad reads {TRAJECTORY_VERSION}"
        )
    config, metrics = ckpt.get("config"), ckpt.get("metrics", {})
    if not isinstance(config, dict) or not isinstance(metrics, dict):
        raise CheckpointError(f"{name}: config and metrics must be dicts")
    check_plain(config, "config", name)
    check_plain(metrics, "metrics table", name)
    width = _header_int(config.get("width"), TRAJECTORY_WIDTH_RANGE, "width", name)
    points = _header_int(config.get("points"), TRAJECTORY_POINTS_RANGE, "points", name)
    weight: Any = ckpt.get("weight")
    if type(weight) not in (int, float) or not math.isfinite(weight):
        raise CheckpointError(f"{name}: the combination weight is not a number")
    if not TRAJECTORY_WEIGHT_RANGE[0] <= weight <= TRAJECTORY_WEIGHT_RANGE[1]:
        raise CheckpointError(f"{name}: the combination weight {weight:g} is outside {TRAJECTORY_WEIGHT_RANGE}")
    return width, points, float(weight)


def _header_int(value: Any, bounds: tuple[int, int], what: str, name: str) -> int:
    if type(value) is not int or not bounds[0] <= value <= bounds[1]:
        raise CheckpointError(f"{name}: config {what} is {str(value)[:40]} (allowed {bounds[0]}..{bounds[1]})")
    return value

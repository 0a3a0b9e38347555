"""The trajectory network's checkpoint: saved atomically, loaded without running code.

A plain dict, loaded with torch.load(weights_only=True) and validated and bounded
with model/checkpoints/checkpoint_limits.py's checks before the network is built:

    {"format": "digitpad-trajectory", "version": 1,
     "config": {"width": int, "points": int},   # TrajectoryNet channels, trajectory length
     "weight": float,                          # w in log p(image) + w * log p(trajectory)
     "state_dict": {...tensors}, "metrics": dict, "created": ISO date}

"weight" is the combination weight chosen (on training writers only) for the image
network named in metrics["image_model"]; it belongs to that pairing.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from ..atomic import atomic_write
from ..checkpoints.archive_limits import check_trajectory_header
from ..checkpoints.checkpoint_limits import CheckpointError, _compare_weights, check_state_dict, load_plain
from ..formats import (
    BUNDLED_TRAJECTORY,
    TRAJECTORY_FORMAT,
    TRAJECTORY_POINTS_RANGE,
    TRAJECTORY_VERSION,
    TRAJECTORY_WEIGHT_RANGE,
    TRAJECTORY_WIDTH_RANGE,
)
from .trajectory import NUM_FEATURES, TrajectoryNet

FORMAT = TRAJECTORY_FORMAT
FORMAT_VERSION = TRAJECTORY_VERSION
WIDTH_RANGE = TRAJECTORY_WIDTH_RANGE  # TrajectoryNet channels
POINTS_RANGE = TRAJECTORY_POINTS_RANGE  # trajectory length
WEIGHT_RANGE = TRAJECTORY_WEIGHT_RANGE  # the combination weight


@dataclass
class TrajectoryModel:
    """A loaded trajectory network (eval mode, CPU), its trajectory length and combination weight."""

    net: TrajectoryNet
    points: int
    weight: float
    metrics: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None


def trajectory_checkpoint(
    net: TrajectoryNet, points: int, weight: float, metrics: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The checkpoint dict (module doc) of a network: what save_trajectory writes, and what an
    adapted model's checkpoint carries under "trajectory" (model/trajectory_net/trajectory_pairing.py)."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "config": {"width": int(net.width), "points": int(points)},
        "weight": float(weight),
        "state_dict": {k: v.detach().cpu().clone() for k, v in net.state_dict().items()},
        "metrics": dict(metrics or {}),
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
    }


def save_trajectory(
    net: TrajectoryNet, points: int, weight: float, path: str | os.PathLike, metrics: dict[str, Any] | None = None
) -> Path:
    """Write the checkpoint atomically (model/atomic.py). OSError with path unchanged on failure."""
    ckpt = trajectory_checkpoint(net, points, weight, metrics)
    return atomic_write(path, lambda fh: torch.save(ckpt, fh))


def load_trajectory(path: str | os.PathLike) -> TrajectoryModel:
    """Load and validate; CheckpointError (a ValueError, one line "NAME: reason") if unusable."""
    path = Path(path)
    model = trajectory_from_dict(load_plain(path, "trajectory checkpoint"), path.name)
    model.path = path
    return model


def trajectory_from_dict(ckpt: Any, name: str) -> TrajectoryModel:
    """The network of a trajectory checkpoint dict (loaded with weights_only=True), validated
    and bounded before it is built; `name` heads the messages. CheckpointError if unusable."""
    width, points, weight = validate_trajectory(ckpt, name)
    net = TrajectoryNet(width)
    net.load_state_dict(ckpt["state_dict"], strict=True)
    net.eval()
    with torch.inference_mode():
        logits = net(torch.zeros(2, NUM_FEATURES, points))  # (2,10)
    if not bool(torch.isfinite(logits).all()):
        raise CheckpointError(f"{name}: the network gives non-finite logits")
    return TrajectoryModel(net, points, weight, dict(ckpt.get("metrics") or {}))


def validate_trajectory(ckpt: Any, name: str) -> tuple[int, int, float]:
    """(width, points, weight) of a sound checkpoint dict (metadata bounded, weights finite and
    of the network's names and shapes, compared on the "meta" device: nothing built yet);
    CheckpointError otherwise."""
    width, points, weight = check_trajectory_header(ckpt, name)
    check_state_dict(ckpt.get("state_dict"), name)
    with torch.device("meta"):  # names, shapes and dtypes, with nothing allocated
        expected = TrajectoryNet(width).state_dict()
    _compare_weights(expected, ckpt["state_dict"], name)
    return width, points, weight


def bundled_trajectory() -> TrajectoryModel | None:
    """The trajectory network shipped beside the bundled model (assets/trajectory.pt), or
    None when it is missing or unreadable: the image network then reads ink alone."""
    from ..paths import asset_path

    try:
        path = asset_path(BUNDLED_TRAJECTORY)
        return load_trajectory(path) if Path(path).is_file() else None
    except (FileNotFoundError, ValueError):
        return None

"""Which trajectory network reads ink beside an image model (Predictor.load), and how an
adapted model carries its own.

An adapted model's checkpoint (model/adaptation/adapt.py) holds its fine-tuned trajectory network
under TRAJECTORY_KEY, as a whole trajectory checkpoint dict (model/trajectory_net/trajectory_checkpoint.py
format): one file, saved atomically by the one save_checkpoint, so the two networks can
never be separated, copied apart or replaced one without the other. It is loaded with the
image model (torch.load(weights_only=True)), validated and bounded by
model/checkpoints/checkpoint.py's read_checkpoint before anything is built.

The pairing, in order (paired_trajectory):

1. the checkpoint carries its own trajectory network: that one;
2. the bundled model (assets/digitnet.pt), or a copy of it however named (its "created"
   stamp is the bundled model's, and it is no adapted model): the bundled trajectory
   network (assets/trajectory.pt). Paired by content, not path: a backup reads ink as the
   original does;
3. a model adapted from the bundled model before adapted models carried one (its "adapt"
   record names the bundled file and the bundled model's creation date): the bundled
   trajectory network, which its base was read with;
4. anything else (a model trained by the user, adapted from one, or from an older bundled
   model): none; the image network reads ink alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..checkpoints.checkpoint_limits import CheckpointError, load_plain
from ..paths import bundled_model_path
from .trajectory import TrajectoryNet
from .trajectory_checkpoint import TrajectoryModel, bundled_trajectory, trajectory_checkpoint, trajectory_from_dict
from .trajectory_rule import BUNDLED, OWN, TRAJECTORY_KEY, adapted_from_bundled, pairing_rule

__all__ = ["BUNDLED", "OWN", "TRAJECTORY_KEY", "adapted_from_bundled", "pairing_rule", "paired_trajectory"]


def part_name(name: str) -> str:
    """How messages name the trajectory part of checkpoint `name`."""
    return f"{name} (its trajectory network)"


def embed_trajectory(
    checkpoint: dict[str, Any], net: TrajectoryNet, base: TrajectoryModel, steps: int, base_name: str
) -> None:
    """Put the fine-tuned `net` (eval mode) into an adapted image checkpoint dict, with the
    base's trajectory length and combination weight; its metrics name where it came from:
    the base's trajectory file, or the base model `base_name` that carried it."""
    source = base.path.name if base.path is not None else f"{base_name or 'the base model'} (its own)"
    metrics = {"adapted_from": source, "adapt_steps": int(steps)}
    checkpoint[TRAJECTORY_KEY] = trajectory_checkpoint(net, base.points, base.weight, metrics)


def embedded_trajectory(checkpoint: dict[str, Any], name: str) -> TrajectoryModel | None:
    """The trajectory network a checkpoint dict carries (None without one).
    CheckpointError "NAME (its trajectory network): reason" for a damaged or oversized part."""
    if TRAJECTORY_KEY not in checkpoint:
        return None
    return trajectory_from_dict(checkpoint[TRAJECTORY_KEY], part_name(name))


def _bundled_created() -> Any:
    """The bundled checkpoint's "created" field, read with torch.load (None when unreadable)."""
    try:
        return load_plain(bundled_model_path()).get("created")
    except (CheckpointError, AttributeError):
        return None


def paired_trajectory(checkpoint: dict[str, Any], path: str | Path | None) -> TrajectoryModel | None:
    """The trajectory network to read ink with beside the image model of `checkpoint` (a
    validated checkpoint dict) loaded from `path`: the module doc's rules. None when there
    is none (or the bundled one is missing). CheckpointError for a damaged carried part."""
    rule = pairing_rule(checkpoint, path, _bundled_created)
    if rule == OWN:
        return embedded_trajectory(checkpoint, Path(path).name if path is not None else "checkpoint")
    return bundled_trajectory() if rule == BUNDLED else None

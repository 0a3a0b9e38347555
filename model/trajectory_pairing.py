"""Which trajectory network reads ink beside an image model (Predictor.load), and how an
adapted model carries its own.

An adapted model's checkpoint (model/adapt.py) holds its fine-tuned trajectory network
under TRAJECTORY_KEY, as a whole trajectory checkpoint dict (model/trajectory_checkpoint.py
format): one file, saved atomically by the one save_checkpoint, so the two networks can
never be separated, copied apart or replaced one without the other. It is loaded with the
image model (torch.load(weights_only=True)), validated and bounded by
model/checkpoint.py's read_checkpoint before anything is built.

The pairing, in order (paired_trajectory):

1. the checkpoint carries its own trajectory network: that one;
2. the bundled model (assets/digitnet.pt), or any copy of it, however named or re-saved:
   the bundled trajectory network (assets/trajectory.pt). A copy is recognized by content,
   the same architecture, config and weights (a SHA-256 of the weights), not by its path;
3. a model adapted from the bundled model before adapted models carried one (its "adapt"
   record names the bundled file and the bundled model's creation date): the bundled
   trajectory network, which its base was read with;
4. anything else (a model trained by the user, adapted from one, or from an older bundled
   model): none; the image network reads ink alone.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import torch

from .checkpoint_limits import CheckpointError, load_plain
from .paths import bundled_model_path
from .trajectory import TrajectoryNet
from .trajectory_checkpoint import TrajectoryModel, bundled_trajectory, trajectory_checkpoint, trajectory_from_dict

TRAJECTORY_KEY = "trajectory"  # in an image model's checkpoint dict


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


def adapted_from_bundled(checkpoint: dict[str, Any]) -> bool:
    """Whether the checkpoint's "adapt" record names the bundled model as its base: its file
    name and its creation date (a later bundled model has another date)."""
    record = checkpoint.get("adapt")
    bundled = bundled_model_path()
    if not isinstance(record, dict) or record.get("base") != bundled.name or not record.get("base_created"):
        return False
    try:
        created = load_plain(bundled).get("created")
    except (CheckpointError, AttributeError):
        return False
    return isinstance(created, str) and record.get("base_created") == created


def weights_digest(state_dict: dict[str, Any]) -> str:
    """SHA-256 of a validated state dict's tensors (names, dtypes, shapes, values) in key order."""
    digest = hashlib.sha256()
    for key in sorted(state_dict):
        t = state_dict[key]
        if isinstance(t, torch.Tensor):
            digest.update(f"{key}:{t.dtype}:{tuple(t.shape)};".encode())
            digest.update(t.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()


def is_the_bundled_model(checkpoint: dict[str, Any]) -> bool:
    """Whether a validated checkpoint dict holds the bundled model's network: its architecture,
    config and weights (a byte-identical or re-saved copy does; a fine-tuned one does not)."""
    bundled = bundled_model_path()
    try:
        stat = bundled.stat()
    except OSError:
        return False
    fingerprint = _fingerprint_of(str(bundled), stat.st_mtime_ns, stat.st_size)
    if fingerprint is None or (checkpoint.get("arch"), _config_key(checkpoint)) != fingerprint[:2]:
        return False
    return weights_digest(checkpoint.get("state_dict") or {}) == fingerprint[2]


def _config_key(checkpoint: dict[str, Any]) -> str:
    return json.dumps(checkpoint.get("config"), sort_keys=True, default=str)


@functools.lru_cache(maxsize=2)
def _fingerprint_of(path: str, mtime_ns: int, size: int) -> tuple[str, str, str] | None:
    """(arch, config, weights digest) of the bundled model file as it is now (cached per version)."""
    try:
        ckpt = load_plain(Path(path))
    except CheckpointError:
        return None
    if not isinstance(ckpt, dict) or not isinstance(ckpt.get("state_dict"), dict):
        return None
    return str(ckpt.get("arch")), _config_key(ckpt), weights_digest(ckpt["state_dict"])


def paired_trajectory(checkpoint: dict[str, Any], path: str | Path | None) -> TrajectoryModel | None:
    """The trajectory network to read ink with beside the image model of `checkpoint` (a
    validated checkpoint dict) loaded from `path`: the module doc's rules. None when there
    is none (or the bundled one is missing). CheckpointError for a damaged carried part."""
    name = Path(path).name if path is not None else "checkpoint"
    own = embedded_trajectory(checkpoint, name)
    if own is not None:
        return own
    is_bundled = path is not None and Path(path).resolve() == bundled_model_path().resolve()
    if is_bundled or is_the_bundled_model(checkpoint) or adapted_from_bundled(checkpoint):
        return bundled_trajectory()
    return None

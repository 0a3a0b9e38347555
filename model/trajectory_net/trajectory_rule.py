"""Which trajectory network pairs with an image model: the rules of model/trajectory_net/trajectory_pairing.py
(its module doc), torch-free, so that the NumPy bridge (model/numpynet/numpy_bridge.py) pairs alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..paths import bundled_model_path

TRAJECTORY_KEY = "trajectory"  # in an image model's checkpoint dict
OWN, BUNDLED = "own", "bundled"  # pairing_rule's answers


def pairing_rule(checkpoint: dict[str, Any], path: str | Path | None, bundled_created: Callable[[], Any]) -> str | None:
    """Which trajectory network reads ink beside the image model of `checkpoint` loaded from
    `path` (the module doc's rules): OWN (the one it carries), BUNDLED (assets/trajectory.pt)
    or None. bundled_created as adapted_from_bundled's."""
    if TRAJECTORY_KEY in checkpoint:
        return OWN
    is_bundled = path is not None and Path(path).resolve() == bundled_model_path().resolve()
    if is_bundled or copy_of_bundled(checkpoint, bundled_created) or adapted_from_bundled(checkpoint, bundled_created):
        return BUNDLED
    return None


def copy_of_bundled(checkpoint: dict[str, Any], bundled_created: Callable[[], Any]) -> bool:
    """Whether the checkpoint is the bundled model under another path (a backup, a copy in the
    models folder): its "created" stamp is the bundled model's and it records no adaptation.
    Every training and adaptation stamps its own checkpoint, so the stamp names the network
    (as adapted_from_bundled's base_created does). bundled_created as adapted_from_bundled's."""
    created = checkpoint.get("created")
    if "adapt" in checkpoint or not isinstance(created, str) or not created:
        return False
    return created == bundled_created()


def adapted_from_bundled(checkpoint: dict[str, Any], bundled_created: Callable[[], Any]) -> bool:
    """Whether the checkpoint's "adapt" record names the bundled model as its base: its file
    name and its creation date (a later bundled model has another date).
    bundled_created: reads the bundled checkpoint's "created" (None when unreadable): with
    torch.load (model/trajectory_net/trajectory_pairing.py) or the NumPy bridge's reader."""
    record = checkpoint.get("adapt")
    bundled = bundled_model_path()
    if not isinstance(record, dict) or record.get("base") != bundled.name or not record.get("base_created"):
        return False
    created = bundled_created()
    return isinstance(created, str) and record.get("base_created") == created

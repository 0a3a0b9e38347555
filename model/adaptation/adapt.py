"""Adapting a trained model on one person's handwriting ("Learn my handwriting").

The person's kept drawings (inks with labels, model/pen/samples.py) are rendered by the
one renderer (model/pen/ink.py) and the active model is fine-tuned on them, with the
training augmentation (model/training/augment.py), each batch mixed with replayed general
digits (MNIST if the user has it, else the mini MNIST shipped in assets/) so that
nothing general is forgotten: on those the target is the base model's own answer
(distillation, softened at DISTILL_T), not just the label. BatchNorm statistics stay
frozen: a few dozen drawings would otherwise pull them away from everything else.

When the base model reads ink with a trajectory network (model/trajectory_net/trajectory.py), a copy of
that network is fine-tuned on the same drawings (model/adaptation/trajectory_adapt.py) and carried
inside the adapted checkpoint (model/trajectory_net/trajectory_pairing.py), so the adapted model reads
ink as its base did, with both networks.

What it gained is measured by cross-validation: the drawings are split into folds
(each digit spread over the folds); for each fold a model is fine-tuned on the
others and scored on it. "before" is the base model on the same drawings.

The pieces: model/adaptation/adapt_config.py (settings, progress, result), model/adaptation/fine_tune.py
(the fine-tuning step), model/adaptation/adaptation_run.py (pools, folds, stages). No Qt here: progress goes to a callback and a threading.Event cancels, as in
model/training/train.py.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import torch

from ..checkpoints.checkpoint import make_checkpoint
from ..nets import get_architecture, make_config
from ..paths import asset_path
from ..pen.ink import Ink
from ..pen.samples import SampleError, parse_label, read_samples
from ..training.data import DataError, DigitData, load_data
from ..trajectory_net.trajectory_checkpoint import TrajectoryModel
from ..trajectory_net.trajectory_pairing import embed_trajectory
from .adapt_config import MIN_SAMPLES, AdaptConfig, AdaptError, AdaptProgress, AdaptResult, ProgressCallback
from .adaptation_run import AdaptationRun, stratified_folds
from .preparation import render_samples

logger = logging.getLogger(__name__)

__all__ = [
    "AdaptConfig",
    "AdaptError",
    "AdaptProgress",
    "AdaptResult",
    "adapt",
    "check_labels",
    "default_replay",
    "default_replay_inks",
    "render_samples",
    "stratified_folds",
]

MINI_MNIST = "samples/mnist-mini"  # shipped replay data when the user has no MNIST
PEN_REPLAY = (
    "samples/pen-replay.jsonl"  # shipped pen digits the trajectory network replays (packaging/make_pen_replay.py)
)


def check_labels(labels: Sequence[Any]) -> list[int]:
    """Labels as ints 0-9 (7, "7"); AdaptError naming the first problem."""
    if len(labels) == 0 or all(label is None for label in labels):
        raise AdaptError('no labelled drawings: each line needs "strokes" and a "label" 0-9')
    out = []
    for i, label in enumerate(labels, 1):
        if label is None:
            raise AdaptError(f'drawing {i} has no "label": each needs a digit 0-9')
        try:
            out.append(parse_label(label))
        except SampleError:
            raise AdaptError(f"drawing {i} has label {label!r:.40}; labels must be digits 0-9") from None
    if len(out) < MIN_SAMPLES:
        raise AdaptError(f"only {len(out)} drawing: adapting needs at least {MIN_SAMPLES}")
    return out


def default_replay() -> DigitData:
    """General digits to replay: the user's MNIST training set if found, else the shipped mini MNIST."""
    try:
        return load_data(None, "train")
    except DataError:
        return load_data(asset_path(MINI_MNIST), "train")


def default_replay_inks() -> list[Ink]:
    """General pen digits for the trajectory network to replay: the 500 shipped in
    assets/samples/pen-replay.jsonl (pendigits-tra, 50 per digit from all 30 writers);
    [] if the file is missing (L2-SP alone then keeps the network near its base)."""
    try:
        text = asset_path(PEN_REPLAY).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return []
    samples, _ = read_samples(text.splitlines(), PEN_REPLAY)
    return [s.strokes for s in samples]


def adapt(
    base: dict[str, Any],
    inks: Sequence[Ink],
    labels: Sequence[Any],
    config: AdaptConfig | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    replay: DigitData | None = None,
    base_name: str = "",
    trajectory: TrajectoryModel | None = None,
    replay_inks: Sequence[Ink] | None = None,
) -> AdaptResult:
    """Fine-tune the model of checkpoint dict `base` on labelled inks; measure the gain.

    inks: the drawings (model/pen/ink.py format), labels: their digits 0-9. replay:
    general digits to mix in (default: :func:`default_replay`). base_name: how the
    checkpoint names its base model (a file name). trajectory: the base's trajectory
    network (model/trajectory_net/trajectory_pairing.py paired_trajectory; the app passes its
    predictor's): a fine-tuned copy goes into the checkpoint, and before/after are of the
    two networks together, as the Predictor reads ink. replay_inks: general pen digits
    to distill the trajectory network on (optional; without, L2-SP alone keeps it near
    the base). Raises AdaptError for unusable drawings or labels, CheckpointError for a
    bad base. The result's checkpoint is None when cancelled.
    """
    config = config or AdaptConfig()
    config.validate()
    started = time.perf_counter()
    targets = torch.tensor(check_labels(labels), dtype=torch.int64)  # (N,)
    if len(inks) != len(targets):
        raise AdaptError(f"{len(inks)} drawings but {len(targets)} labels")
    engine = getattr(get_architecture(str(base.get("arch"))), "engine", "torch")
    if engine != "torch":
        raise AdaptError(
            f"{base.get('arch')} models train with their own {engine} loop and cannot be adapted; "
            "adapt a PyTorch model (digitnet, cnn, mlp...)"
        )
    if config.threads:
        torch.set_num_threads(config.threads)
    if trajectory is not None and config.trajectory_steps and replay_inks is None:
        replay_inks = default_replay_inks()
    run = AdaptationRun(base, config, on_progress, cancel or threading.Event(), trajectory)
    try:
        run.make_pools(inks, targets, replay if replay is not None else default_replay(), replay_inks)
    except AdaptError:  # an unusable drawing, named
        raise
    except (ValueError, RuntimeError):  # every drawing was checked: a library's words would mean nothing here
        logger.exception("preparing the drawings for adaptation failed")
        raise AdaptError(
            "the drawings could not be prepared for adapting (an internal error; the details are in the log)"
        ) from None
    before, after = run.cross_validate() if config.folds and not run.cancelled else (None, None)
    tuned = run.final() if not run.cancelled else None
    seconds = time.perf_counter() - started
    n = len(targets)
    if tuned is None:
        return AdaptResult(None, n, before, after, cancelled=True, seconds=seconds)
    model, net = tuned
    info = {
        "base": base_name,
        "base_created": str(base.get("created", "")),
        "samples": n,
        "before": before,
        "after": after,
        "folds": run.folds,
        "config": asdict(config),
        "seconds": seconds,
    }
    metrics = {"adapted_from": base_name, "adapt_samples": n, "adapt_before": before, "adapt_after": after}
    arch = base["arch"]
    checkpoint = make_checkpoint(model, arch, make_config(arch, base["config"]), metrics)
    checkpoint["adapt"] = {k: v for k, v in info.items() if v is not None}
    if net is not None and trajectory is not None:
        embed_trajectory(checkpoint, net, trajectory, config.trajectory_steps, base_name)
    return AdaptResult(checkpoint, n, before, after, seconds=seconds, folds=run.folds)

"""The trajectory network's training and checkpoint (model/trajectory_net/trajectory_train.py, trajectory_checkpoint.py)."""

from __future__ import annotations

import argparse

import numpy as np
import pytest
import torch

from model.checkpoints.checkpoint_limits import CheckpointError
from model.trajectory_net.trajectory import TRAJECTORY_POINTS, TrajectoryNet, trajectory_batch
from model.trajectory_net.trajectory_checkpoint import FORMAT, load_trajectory, save_trajectory
from model.trajectory_net.trajectory_train import TrajectoryTrainConfig, ink_variants, log_probs, train_trajectory


def line_ink(angle: float) -> list[np.ndarray]:
    """One straight stroke at angle (degrees), drawn from its start to its end."""
    t = np.linspace(0, 1, 10)[:, None]  # (10,1)
    direction = np.array([np.cos(np.radians(angle)), np.sin(np.radians(angle))])
    return [t * direction * 100]


def test_ink_variants_shape_and_determinism():
    inks = [line_ink(a) for a in (0, 45, 90)]
    x = ink_variants(inks, 2, seed=3)
    assert x.shape == (3, 3, 5, TRAJECTORY_POINTS) and x.dtype == torch.float32
    assert torch.equal(x[:, 0], trajectory_batch(inks))  # the first variant is the ink as written
    assert torch.equal(x, ink_variants(inks, 2, seed=3))
    assert not torch.equal(x[:, 1], x[:, 0])


def test_training_learns_direction_the_picture_cannot_see():
    """The same stroke drawn one way or the other: identical pictures, two labels."""
    angles = np.random.default_rng(0).uniform(-20, 20, 64)
    inks = [line_ink(a) for a in angles] + [line_ink(a + 180) for a in angles]
    y = torch.tensor([0] * 64 + [1] * 64)
    config = TrajectoryTrainConfig(epochs=6, variants=1, width=8, lr=1e-2, batch=32)
    x = ink_variants(inks, config.variants, seed=0)
    net = train_trajectory(x, y, torch.zeros(0, 5, TRAJECTORY_POINTS), torch.zeros(0, dtype=torch.int64), config)
    assert not net.training
    pred = log_probs(net, x[:, 0]).argmax(axis=1)  # (128,)
    assert (pred == y.numpy()).mean() > 0.95


def test_checkpoint_round_trip(tmp_path):
    net = TrajectoryNet(16).eval()
    path = save_trajectory(net, TRAJECTORY_POINTS, 1.5, tmp_path / "traj.pt", {"image_model": "mnist"})
    loaded = load_trajectory(path)
    assert (loaded.points, loaded.weight, loaded.metrics) == (TRAJECTORY_POINTS, 1.5, {"image_model": "mnist"})
    assert not loaded.net.training
    x = trajectory_batch([line_ink(30)])  # (1,5,64)
    with torch.inference_mode():
        assert torch.allclose(loaded.net(x), net(x))


def _saved(tmp_path, **changes):
    net = TrajectoryNet(8)
    ckpt = {
        "format": FORMAT,
        "version": 1,
        "config": {"width": 8, "points": 64},
        "weight": 1.0,
        "state_dict": net.state_dict(),
        "metrics": {},
    }
    ckpt.update(changes)
    path = tmp_path / "bad.pt"
    torch.save(ckpt, path)
    return path


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"format": "digitpad-checkpoint"}, "not a DigitPad trajectory checkpoint"),
        ({"version": 2}, "version"),
        ({"config": {"width": 100_000, "points": 64}}, "width"),
        ({"config": {"width": 8, "points": 10**9}}, "points"),
        ({"config": {"width": 16, "points": 64}}, "do not match"),
        ({"weight": float("nan")}, "weight"),
        ({"weight": -1.0}, "weight"),
        ({"state_dict": {}}, "weights"),
        ({"metrics": {"x": "y" * 20_000}}, "metrics"),
    ],
)
def test_bad_checkpoints_are_refused_in_one_line(tmp_path, changes, message):
    with pytest.raises(CheckpointError, match=message) as err:
        load_trajectory(_saved(tmp_path, **changes))
    assert "\n" not in str(err.value)


def test_non_finite_weights_and_python_objects_are_refused(tmp_path):
    state = TrajectoryNet(8).state_dict()
    state["classifier.bias"] = torch.full_like(state["classifier.bias"], float("inf"))
    with pytest.raises(CheckpointError, match="NaN or infinite"):
        load_trajectory(_saved(tmp_path, state_dict=state))
    with pytest.raises(CheckpointError, match="Python objects"):
        load_trajectory(_saved(tmp_path, metrics={"args": argparse.Namespace(a=1)}))


def test_missing_file_and_garbage(tmp_path):
    with pytest.raises(CheckpointError, match="no trajectory checkpoint"):
        load_trajectory(tmp_path / "none.pt")
    (tmp_path / "junk.pt").write_bytes(b"not a zip")
    with pytest.raises(CheckpointError):
        load_trajectory(tmp_path / "junk.pt")

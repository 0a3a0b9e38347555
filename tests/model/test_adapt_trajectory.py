"""An adapted model keeps (and adapts) the trajectory network it reads ink with
(model/adaptation/trajectory_adapt.py, model/trajectory_net/trajectory_pairing.py), in the one checkpoint file."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from model.adaptation.adapt import AdaptConfig, adapt
from model.adaptation.trajectory_adapt import fine_tune_trajectory, trajectory_pool, tuned_copy
from model.checkpoints.checkpoint import CheckpointError, read_checkpoint, save_checkpoint
from model.paths import asset_path
from model.predictor import Predictor
from model.trajectory_net.trajectory import TRAJECTORY_POINTS, TrajectoryNet
from model.trajectory_net.trajectory_checkpoint import BUNDLED_TRAJECTORY, bundled_trajectory, trajectory_checkpoint
from model.trajectory_net.trajectory_pairing import TRAJECTORY_KEY, embedded_trajectory, paired_trajectory
from tests.model.test_adapt import TINY, _tiny_inks


@pytest.fixture(scope="module")
def bundled():
    trajectory = bundled_trajectory()
    assert trajectory is not None, "assets/trajectory.pt is shipped"
    return trajectory


def _adapted(base, replay, bundled, tmp_path, name="adapted.pt", **changes):
    inks, labels = _tiny_inks()
    config = AdaptConfig(**{**TINY.__dict__, "trajectory_steps": 3, **changes})
    result = adapt(base, inks, labels, config, replay=replay, base_name="digitnet.pt", trajectory=bundled)
    assert result.checkpoint is not None
    return save_checkpoint(result.checkpoint, tmp_path / name), result


def test_the_adapted_checkpoint_carries_its_own_fine_tuned_trajectory_network(base, replay, bundled, tmp_path):
    path, result = _adapted(base, replay, bundled, tmp_path)
    assert result.before is not None and result.after is not None  # cross-validated with both networks
    predictor = Predictor.load(path)
    own = predictor.trajectory
    assert own is not None and own.path is None  # carried inside adapted.pt, not the bundled file
    assert (own.points, own.weight) == (bundled.points, bundled.weight)
    assert own.metrics == {"adapted_from": BUNDLED_TRAJECTORY, "adapt_steps": 3}
    state, start = own.net.state_dict(), bundled.net.state_dict()
    assert any(not torch.equal(state[k], start[k]) for k in state), "the trajectory network was fine-tuned"
    assert torch.equal(bundled_trajectory().net.state_dict()["classifier.weight"], start["classifier.weight"])
    assert predictor.predict_strokes(_tiny_inks()[0][0]).digit is not None


def test_trajectory_steps_zero_carries_the_base_network_unchanged(base, replay, bundled, tmp_path):
    path, _ = _adapted(base, replay, bundled, tmp_path, trajectory_steps=0, folds=0)
    own = Predictor.load(path).trajectory
    assert own is not None
    for key, value in bundled.net.state_dict().items():
        assert torch.equal(own.net.state_dict()[key], value), key


def test_an_adapted_model_adapted_again_keeps_a_trajectory_network(base, replay, bundled, tmp_path):
    path, _ = _adapted(base, replay, bundled, tmp_path)
    first = read_checkpoint(path)
    inks, labels = _tiny_inks()
    again = adapt(
        first, inks, labels, TINY, replay=replay, base_name="adapted.pt", trajectory=paired_trajectory(first, path)
    )
    assert again.checkpoint is not None
    assert again.checkpoint[TRAJECTORY_KEY]["metrics"]["adapted_from"] == "adapted.pt (its own)"


def _damage(ckpt: dict, change: str) -> None:
    part = ckpt[TRAJECTORY_KEY]
    if change == "huge width":
        part["config"]["width"] = 100_000
    elif change == "huge points":
        part["config"]["points"] = 10**9
    elif change == "nan weights":
        part["state_dict"]["classifier.weight"][0, 0] = float("nan")
    elif change == "wrong shapes":
        part["state_dict"] = TrajectoryNet(16).state_dict()
    elif change == "bad weight":
        part["weight"] = "heavy"
    elif change == "not a dict":
        ckpt[TRAJECTORY_KEY] = [1, 2, 3]
    elif change == "python object":
        part["metrics"] = {"x": {1, 2}}
    elif change == "missing weights":
        del part["state_dict"]["classifier.bias"]


@pytest.mark.parametrize(
    "change, needle",
    [
        ("huge width", "width"),
        ("huge points", "points"),
        ("nan weights", "NaN"),
        ("wrong shapes", "do not match"),
        ("bad weight", "weight"),
        ("not a dict", "not a DigitPad trajectory checkpoint"),
        ("missing weights", "missing"),
    ],
)
def test_a_damaged_or_oversized_trajectory_part_is_refused_in_one_clear_line(
    base, replay, bundled, tmp_path, change, needle
):
    path, _ = _adapted(base, replay, bundled, tmp_path, folds=0)
    ckpt = torch.load(path, weights_only=True)
    _damage(ckpt, change)
    torch.save(ckpt, path)
    for load in (read_checkpoint, Predictor.load):
        with pytest.raises(CheckpointError) as caught:
            load(path)
        message = str(caught.value)
        assert isinstance(caught.value, ValueError) and "\n" not in message
        assert message.startswith("adapted.pt (its trajectory network)") and needle in message, message


def test_an_oversized_trajectory_part_is_refused_before_a_network_is_built(
    monkeypatch, base, replay, bundled, tmp_path
):
    path, _ = _adapted(base, replay, bundled, tmp_path, folds=0)
    ckpt = torch.load(path, weights_only=True)
    ckpt[TRAJECTORY_KEY]["config"]["width"] = 4096
    torch.save(ckpt, path)

    def never_built(self, width=48):
        raise AssertionError(f"a TrajectoryNet of width {width} was built")

    monkeypatch.setattr(TrajectoryNet, "__init__", never_built)
    with pytest.raises(CheckpointError, match="width"):
        Predictor.load(path)


def _old_style(base, replay, tmp_path, base_name: str, name: str, created: str | None = None):
    """An adapted checkpoint as DigitPad wrote them before they carried a trajectory network."""
    inks, labels = _tiny_inks()
    config = AdaptConfig(**{**TINY.__dict__, "folds": 0})
    result = adapt(base, inks, labels, config, replay=replay, base_name=base_name)
    assert result.checkpoint is not None and TRAJECTORY_KEY not in result.checkpoint
    if created is not None:
        result.checkpoint["adapt"]["base_created"] = created
    return save_checkpoint(result.checkpoint, tmp_path / name)


def test_old_adapted_checkpoints_of_the_bundled_model_pair_with_the_bundled_trajectory(base, replay, tmp_path):
    path = _old_style(base, replay, tmp_path, "digitnet.pt", "old.pt")
    trajectory = Predictor.load(path).trajectory
    assert trajectory is not None and trajectory.path == asset_path(BUNDLED_TRAJECTORY)


@pytest.mark.parametrize(
    "base_name, created",
    [("mine.pt", None), ("digitnet.pt", "2020-01-01T00:00:00+00:00"), ("digitnet.pt", "")],
    ids=["another base", "an older bundled model", "no base date"],
)
def test_old_adapted_checkpoints_of_other_models_read_ink_with_the_image_network_alone(
    base, replay, tmp_path, base_name, created
):
    path = _old_style(base, replay, tmp_path, base_name, "old.pt", created)
    assert Predictor.load(path).trajectory is None


def test_a_model_adapted_without_a_trajectory_network_carries_none(base, replay, tmp_path):
    """A base that reads ink alone (a model the user trained) gives an adapted model that does too."""
    ckpt = dict(base, created="2001-01-01T00:00:00+00:00")
    inks, labels = _tiny_inks()
    result = adapt(ckpt, inks, labels, TINY, replay=replay, base_name="mine.pt", trajectory=None)
    assert result.checkpoint is not None and TRAJECTORY_KEY not in result.checkpoint
    path = save_checkpoint(result.checkpoint, tmp_path / "adapted.pt")
    assert Predictor.load(path).trajectory is None


def test_an_explicit_trajectory_still_wins_over_the_carried_one(base, replay, bundled, tmp_path):
    path, _ = _adapted(base, replay, bundled, tmp_path, folds=0)
    predictor = Predictor.load(path, trajectory=asset_path(BUNDLED_TRAJECTORY))
    assert predictor.trajectory is not None and predictor.trajectory.path == asset_path(BUNDLED_TRAJECTORY)


def _direction_inks(n: int, reverse: bool) -> list:
    """Straight strokes drawn left to right, or right to left: the same picture either way."""
    rng = np.random.default_rng(1 if reverse else 0)
    inks = []
    for _ in range(n):
        y = rng.uniform(-5, 5)
        stroke = [[0.0, 0.0], [50.0, y], [100.0, 2 * y]]
        inks.append([stroke[::-1] if reverse else stroke])
    return inks


def test_fine_tuning_learns_the_users_direction_and_stays_near_the_base():
    """The user's stroke direction is what only the trajectory network can learn; L2-SP keeps
    the weights nearer the base the stronger its anchor."""
    inks = _direction_inks(6, False) + _direction_inks(6, True)
    labels = torch.tensor([1] * 6 + [7] * 6)
    torch.manual_seed(0)
    start = TrajectoryNet(8).eval()
    x = trajectory_pool(inks, 3, TRAJECTORY_POINTS, seed=0)  # (48,5,64)
    y = labels.repeat(4)
    distances = []
    for anchor in (0.0, 10.0):
        net = tuned_copy(start)
        config = AdaptConfig(trajectory_steps=60, trajectory_lr=1e-2, trajectory_anchor=anchor, user_batch=16)
        assert fine_tune_trajectory(net, x, y, config)
        assert not net.training
        with torch.inference_mode():
            predicted = net(x[:12]).argmax(1)
        if anchor == 0.0:
            assert torch.equal(predicted, labels)
        distances.append(
            sum(float(((a.detach() - b.detach()) ** 2).sum()) for a, b in zip(net.parameters(), start.parameters()))
        )
    assert distances[1] < distances[0] / 2, distances


def test_trajectory_pool_rows_follow_the_image_pool_layout():
    inks = _direction_inks(3, False)
    x = trajectory_pool(inks, 2, TRAJECTORY_POINTS, seed=0)
    assert x.shape == (9, 5, TRAJECTORY_POINTS)
    first = trajectory_pool(inks, 0, TRAJECTORY_POINTS, seed=0)
    assert torch.equal(x[:3], first)  # copy 0 of each ink, in order: the drawings as written


def test_the_saved_part_is_a_plain_trajectory_checkpoint(bundled):
    part = trajectory_checkpoint(bundled.net, bundled.points, bundled.weight, {"adapted_from": "x"})
    assert set(part) == {"format", "version", "config", "weight", "state_dict", "metrics", "created"}


def test_the_shipped_pen_replay_holds_fifty_drawable_digits_of_each_class():
    from model.adaptation.adapt import PEN_REPLAY, default_replay_inks
    from model.pen.samples import read_samples

    samples, problems = read_samples(asset_path(PEN_REPLAY).read_text().splitlines())
    assert problems == [] and [sum(s.label == d for s in samples) for d in range(10)] == [50] * 10
    inks = default_replay_inks()
    assert len(inks) == 500
    assert trajectory_pool(inks, 0, TRAJECTORY_POINTS, seed=0).shape == (500, 5, TRAJECTORY_POINTS)


def test_replayed_pen_digits_keep_the_adapted_trajectory_network_reading_them_as_before(base, replay, bundled):
    """Distillation on the shipped pen digits: the adapted network answers them as the base did,
    more so than when fine-tuned on the user's drawings alone."""
    from model.adaptation.adapt import default_replay_inks
    from model.adaptation.trajectory_adapt import trajectory_logits

    torch.manual_seed(0)  # dropout draws from torch's global generator
    general = default_replay_inks()[::5]  # (100 inks)
    x = trajectory_pool(general, 0, TRAJECTORY_POINTS, seed=0)
    answers = trajectory_logits(bundled.net, x).argmax(1)
    agreement = []
    for replay_inks in (None, []):  # the shipped replay (default), none
        inks, labels = _tiny_inks()
        config = AdaptConfig(steps=2, copies=4, replay_pool=32, folds=0, trajectory_steps=40, trajectory_lr=3e-3)
        result = adapt(base, inks, labels, config, replay=replay, trajectory=bundled, replay_inks=replay_inks)
        assert result.checkpoint is not None
        own = embedded_trajectory(result.checkpoint, "adapted.pt")
        assert own is not None
        agreement.append(float((trajectory_logits(own.net, x).argmax(1) == answers).float().mean()))
    assert agreement[0] >= 0.9 and agreement[0] > agreement[1] + 0.2, agreement

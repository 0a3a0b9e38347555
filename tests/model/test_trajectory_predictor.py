"""The Predictor with a trajectory network paired to its image network (ink only)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from model.checkpoints.checkpoint import CheckpointError
from model.predictor import Prediction, Predictor
from model.trajectory_net.trajectory import TRAJECTORY_POINTS, TrajectoryNet, combine
from model.trajectory_net.trajectory_checkpoint import TrajectoryModel, save_trajectory

SEVEN = [[(10.0, 10.0), (40.0, 10.0), (25.0, 60.0)], [(20.0, 35.0), (38.0, 35.0)]]
LINE = [[(10, 10), (10, 200)]]


def voting_net(digit: int) -> TrajectoryNet:
    """A trajectory network whose logits ignore the ink and favour `digit` by 5."""
    net = TrajectoryNet(8)
    with torch.no_grad():
        net.classifier.weight.zero_()
        net.classifier.bias.zero_()
        net.classifier.bias[digit] = 5.0
    return net.eval()


@pytest.fixture(scope="module")
def image_only() -> Predictor:
    return Predictor(Predictor.load().loaded, trajectory=None)  # the bundled image network alone


def pair(image_only: Predictor, digit: int, weight: float) -> Predictor:
    return Predictor(image_only.loaded, trajectory=TrajectoryModel(voting_net(digit), TRAJECTORY_POINTS, weight))


def test_combine_is_the_weighted_sum_of_log_probabilities():
    image = np.array([[0.7, 0.3] + [0.0] * 8])  # (1,10): zeros stay finite
    logits = np.array([[0.0, 2.0] + [-1.0] * 8])  # (1,10)
    assert np.allclose(combine(image, logits, 0.0), np.maximum(image, 1e-30) / np.maximum(image, 1e-30).sum())
    p = combine(image, logits, 1.0)
    traj = np.exp(logits) / np.exp(logits).sum()
    expected = image * traj / (image * traj).sum()
    assert np.allclose(p, expected, atol=1e-6) and p.dtype == np.float32
    assert np.isfinite(combine(np.zeros((1, 10)), logits, 2.0)).all()


def test_weight_zero_gives_the_image_network_back(image_only):
    alone = image_only.predict_strokes(SEVEN)
    both = pair(image_only, 3, 0.0).predict_strokes(SEVEN)
    assert both.digit == alone.digit
    assert np.allclose(both.probabilities, alone.probabilities, atol=1e-5)
    assert np.array_equal(both.image, alone.image)


def test_the_trajectory_network_takes_part_in_ink_predictions(image_only):
    alone = image_only.predict_strokes(SEVEN)
    outvoted = next(d for d in range(10) if d != alone.digit)
    both = pair(image_only, outvoted, 10.0)
    single = both.predict_strokes(SEVEN)
    assert single.digit == outvoted and abs(float(single.probabilities.sum()) - 1) < 1e-4
    many = both.predict_many_strokes([SEVEN, [], "not ink", LINE])
    assert isinstance(many[0], Prediction) and many[0].digit == outvoted
    assert isinstance(many[1], Prediction) and many[1].digit is None  # blank stays blank
    assert isinstance(many[2], ValueError)  # malformed stays an error
    assert isinstance(many[3], Prediction) and many[3].digit == outvoted
    chunked = both.predict_many_strokes([SEVEN, [], "not ink", LINE], batch_size=1)
    for a, b in zip(many, chunked):
        assert type(a) is type(b)
        if isinstance(a, Prediction) and isinstance(b, Prediction):
            assert a.digit == b.digit and np.allclose(a.probabilities, b.probabilities, atol=1e-6)


def test_images_are_never_scored_by_the_trajectory_network(image_only):
    picture = image_only.predict_strokes(SEVEN).image
    alone = image_only.predict_arrays([picture])[0]
    assert np.allclose(pair(image_only, 3, 10.0).predict_arrays([picture])[0].probabilities, alone.probabilities)


def test_load_pairs_a_trajectory_checkpoint(tmp_path):
    path = save_trajectory(voting_net(4), TRAJECTORY_POINTS, 10.0, tmp_path / "traj.pt")
    predictor = Predictor.load(trajectory=path)
    assert predictor.trajectory is not None and predictor.trajectory.weight == 10.0
    assert predictor.predict_strokes(SEVEN).digit == 4
    (tmp_path / "bad.pt").write_bytes(b"junk")
    with pytest.raises(CheckpointError):
        Predictor.load(trajectory=tmp_path / "bad.pt")

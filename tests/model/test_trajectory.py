"""The trajectory features (model/trajectory_net/trajectory.py): shape, invariances, order and direction."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from model.preprocess import NothingToRecognize
from model.trajectory_net.trajectory import (
    FEATURES,
    NUM_FEATURES,
    TRAJECTORY_POINTS,
    TrajectoryNet,
    trajectory_batch,
    trajectory_features,
    trajectory_features_many,
)

PEN = FEATURES.index("pen")


def seven() -> list[np.ndarray]:
    """A 7: top bar left to right, then the stem down to the left; then a crossing bar."""
    top = np.array([[10.0, 10.0], [40.0, 10.0], [25.0, 60.0]])  # (3,2)
    bar = np.array([[20.0, 35.0], [38.0, 35.0]])  # (2,2)
    return [top, bar]


def test_shape_dtype_and_range():
    f = trajectory_features(seven())
    assert f.shape == (NUM_FEATURES, TRAJECTORY_POINTS)
    assert f.dtype == np.float32
    xy = f[:2]
    assert xy.min() >= -0.5 - 1e-6 and xy.max() <= 0.5 + 1e-6
    assert 0.95 < np.ptp(xy[1]) <= 1.0  # the taller side spans the box (resampling may cut a corner)
    assert trajectory_features(seven(), points=32).shape == (NUM_FEATURES, 32)


def test_starts_and_ends_where_the_pen_does():
    f = trajectory_features(seven())
    assert np.allclose(f[:2, 0], [-0.3, -0.5])  # top-left of the 7, box centre (25, 35), side 50
    assert np.allclose(f[:2, -1], [0.26, 0.0])  # the end of the bar
    assert (f[2:4, 0] == 0).all()  # no step before the first point


def test_pen_up_move_is_flagged():
    f = trajectory_features(seven())
    pen = f[PEN]
    assert pen[0] == 1 and pen[-1] == 1
    assert 0 < (pen == 0).sum() < TRAJECTORY_POINTS // 2  # the move from the stem's end to the bar
    assert set(np.unique(pen).tolist()) <= {0.0, 1.0}
    one_stroke = trajectory_features([np.concatenate(seven())])
    assert (one_stroke[PEN] == 1).all()


@pytest.mark.parametrize("scale, shift", [(1.0, (500.0, -300.0)), (7.5, (0.0, 0.0)), (0.01, (3.0, 4.0))])
def test_invariant_to_translation_and_scale(scale, shift):
    ink = seven()
    moved = [s * scale + np.array(shift) for s in ink]
    assert np.allclose(trajectory_features(ink), trajectory_features(moved), atol=1e-5)


def test_invariant_to_sampling_density():
    """A canvas samples densely, a tablet sparsely: the same path gives the same features."""
    ink = seven()
    dense = []
    for s in ink:
        t = np.linspace(0, 1, 9)[:, None]  # (9,1)
        dense.append(np.concatenate([s[i] * (1 - t[:-1]) + s[i + 1] * t[:-1] for i in range(len(s) - 1)] + [s[-1:]]))
    assert np.allclose(trajectory_features(ink), trajectory_features(dense), atol=1e-5)


def test_stroke_order_matters():
    ink = seven()
    f, swapped = trajectory_features(ink), trajectory_features(ink[::-1])
    assert not np.allclose(f, swapped)
    assert np.allclose(swapped[:2, 0], [-0.1, 0.0])  # now the bar comes first
    assert np.allclose(swapped[:2, -1], [0.0, 0.5])  # and the stem's foot last


def test_direction_matters():
    ink = seven()
    reversed_top = [ink[0][::-1], ink[1]]
    assert not np.allclose(trajectory_features(ink), trajectory_features(reversed_top))


def test_drawing_backwards_reverses_positions_and_negates_steps():
    ink = seven()
    backwards = [s[::-1] for s in ink[::-1]]  # the same picture, drawn from its last point
    f, b = trajectory_features(ink), trajectory_features(backwards)
    assert np.allclose(b[:2], f[:2, ::-1], atol=1e-6)
    assert np.allclose(b[2:4, 1:], -f[2:4, :0:-1], atol=1e-5)


def test_accepts_lists_of_tuples_and_extra_values():
    ink = [[(10, 10, 0.5), (40, 10, 0.5), (25, 60, 0.4)], [(20, 35), (38, 35)]]
    assert np.allclose(trajectory_features(ink), trajectory_features(seven()))


@pytest.mark.parametrize("ink", [[], [[]], [[(5.0, 5.0)]], [[(5.0, 5.0), (5.0, 5.0)], [(5.0, 5.0)]]])
def test_nothing_to_recognize(ink):
    with pytest.raises(NothingToRecognize):
        trajectory_features(ink)


@pytest.mark.parametrize("ink", ["7", [[("a", 1)]], [[(float("nan"), 1.0), (2.0, 3.0)]], 7])
def test_malformed_ink_is_a_value_error(ink):
    with pytest.raises(ValueError):
        trajectory_features(ink)


def test_a_dot_as_its_own_stroke_keeps_its_place():
    """A stroke of one point (a dot) is reached by a pen-up move and lands in the path."""
    ink = [np.array([[0.0, 0.0], [0.0, 10.0]]), np.array([[5.0, 12.0]])]
    f = trajectory_features(ink)
    assert np.allclose(f[:2, -1], [2.5 / 12, 0.5])  # box x 0..5, y 0..12: centre (2.5, 6), side 12
    assert f[PEN, -1] == 0  # reached by a pen-up move


def test_many_inks_at_once_are_each_as_alone():
    """The vectorized batch (a number's candidates) gives every ink the features it gets
    alone: inks of different sizes and places, dots, repeated points, one-point strokes."""
    rng = np.random.default_rng(5)
    inks = [seven(), seven()[::-1], [np.array([[0.0, 0.0], [0.0, 10.0]]), np.array([[5.0, 12.0]])]]
    for _ in range(20):
        strokes = rng.integers(1, 4)
        inks.append(
            [
                rng.normal(rng.uniform(-1e4, 1e4), rng.uniform(0.5, 300), (rng.integers(1, 30), 2))
                for _ in range(strokes)
            ]
        )
    inks.append([np.array([[3.0, 3.0], [3.0, 3.0], [9.0, 3.0], [9.0, 3.0]])])  # repeated points
    many = trajectory_features_many(inks)
    assert many.shape == (len(inks), NUM_FEATURES, TRAJECTORY_POINTS) and many.dtype == np.float32
    for ink, f in zip(inks, many):
        assert np.allclose(f, trajectory_features(ink), atol=1e-5)
    assert trajectory_features_many([]).shape == (0, NUM_FEATURES, TRAJECTORY_POINTS)


@pytest.mark.parametrize("bad", [[[(5.0, 5.0)]], []])
def test_one_undrawable_ink_among_many_raises(bad):
    with pytest.raises(NothingToRecognize):
        trajectory_features_many([seven(), bad, seven()])


def test_network_returns_logits_for_a_batch():
    net = TrajectoryNet().eval()
    x = trajectory_batch([seven(), seven()[::-1]])  # (2,5,64)
    assert x.shape == (2, NUM_FEATURES, TRAJECTORY_POINTS)
    with torch.inference_mode():
        logits = net(x)
    assert logits.shape == (2, 10)
    assert torch.isfinite(logits).all()
    assert sum(p.numel() for p in net.parameters()) < 50_000

"""The bundled model reads ink with its trajectory network beside it, the same way for
single digits and for numbers; other models read ink with their image network alone."""

from __future__ import annotations

import shutil

import numpy as np

from model.checkpoints.checkpoint import read_checkpoint, save_checkpoint
from model.numpynet.numpy_bridge import NumpyBridge
from model.paths import asset_path, bundled_model_path
from model.predictor import Predictor
from model.trajectory_net.trajectory_checkpoint import BUNDLED_TRAJECTORY


def _seven() -> list:
    top = [[60.0 + 4 * i, 40.0] for i in range(30)]
    stem = [[180.0 - 2.5 * i, 40.0 + 6 * i] for i in range(1, 40)]
    return [top + stem]


def test_the_bundled_model_is_paired_with_the_bundled_trajectory_network():
    assert asset_path(BUNDLED_TRAJECTORY).is_file()
    assert Predictor.load().trajectory is not None
    assert Predictor.load(bundled_model_path()).trajectory is not None


def test_a_copy_of_the_bundled_model_reads_ink_as_the_bundled_model_does(tmp_path):
    """Paired by content, not path (newcomer nc3, fault 11: a byte-identical copy read ink worse)."""
    copy = shutil.copy(bundled_model_path(), tmp_path / "backup.pt")
    resaved = save_checkpoint(read_checkpoint(bundled_model_path()), tmp_path / "resaved.pt")  # re-saved: same stamp
    bundled = Predictor.load().predict_strokes(_seven()).probabilities
    for path in (copy, resaved):
        predictor = Predictor.load(path)
        assert predictor.trajectory is not None and NumpyBridge.load(path).trajectory is not None, path
        np.testing.assert_array_equal(predictor.predict_strokes(_seven()).probabilities, bundled)


def test_another_model_reads_ink_alone(tmp_path):
    other = read_checkpoint(bundled_model_path())
    first = next(iter(other["state_dict"]))
    other["state_dict"][first] = other["state_dict"][first] + 1e-3  # another network, however alike,
    other["created"] = "2030-01-01T00:00:00+00:00"  # stamped when it was made, as every training stamps
    path = save_checkpoint(other, tmp_path / "mine.pt")
    assert Predictor.load(path).trajectory is None and NumpyBridge.load(path).trajectory is None
    adapted = dict(read_checkpoint(bundled_model_path()), adapt={"base": "mine.pt"})  # an adaptation record
    assert Predictor.load(save_checkpoint(adapted, tmp_path / "adapted.pt")).trajectory is None


def test_a_single_digit_reads_the_same_as_a_digit_and_as_a_number():
    predictor = Predictor.load()
    ink = _seven()
    digit = predictor.predict_strokes(ink)
    number = predictor.predict_number(ink)
    assert digit.digit == 7 and number.text == "7"
    np.testing.assert_allclose(number.characters[0].probabilities, digit.probabilities, atol=1e-5)


def test_the_trajectory_network_takes_part(tmp_path):
    paired = Predictor.load()
    alone = Predictor(paired.loaded, trajectory=None)
    ink = _seven()
    a, b = paired.predict_strokes(ink).probabilities, alone.predict_strokes(ink).probabilities
    assert not np.allclose(a, b, atol=1e-4)
    assert not np.allclose(paired.predict_number(ink).characters[0].probabilities, b, atol=1e-4)


def test_direction_and_stroke_order_do_not_change_the_digit():
    """People draw a 0 clockwise or not, a 7's bar first or last: the trajectory network
    (trained on 30 writers' habits) must not outvote the picture for another way round."""
    from tests.model.test_pen_forms import FORMS

    predictor = Predictor.load()
    for name, (label, inks) in FORMS.items():
        for ink in inks:
            backwards = [list(reversed(stroke)) for stroke in ink]
            for variant in (ink, backwards, ink[::-1], backwards[::-1]):
                assert predictor.predict_strokes(variant).digit == label, name
                assert predictor.predict_number(variant).text == str(label), name

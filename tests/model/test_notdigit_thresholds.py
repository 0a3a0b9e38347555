""" "Not a digit" has two thresholds (model/ood.py): one for pictures, one for drawn ink
(calibrated on held-out ink digits only: a drawing never has a photo's badly cropped
digit). The check file keeps both, loads older files with one, refuses damaged ones, and
the Predictor judges each input against its own."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from model.ood import FORMAT_VERSION, NotDigitCheck, NotDigitNet, bundled_check
from model.predictor import Predictor

SEVEN = [[(20.0, 20.0), (180.0, 20.0), (70.0, 220.0)]]  # canvas pixels, y down


def small_check(threshold: float = 0.5, ink_threshold: float | None = -0.25) -> NotDigitCheck:
    torch.manual_seed(0)
    return NotDigitCheck(NotDigitNet(2), threshold, ink_threshold)


def seven_picture() -> Image.Image:
    img = Image.new("L", (240, 240), 255)
    ImageDraw.Draw(img).line([(40, 40), (200, 40), (90, 210)], fill=0, width=12)
    return img


def test_the_bundled_check_has_both_thresholds():
    check = bundled_check()
    assert check is not None
    assert np.isfinite(check.threshold) and np.isfinite(check.ink_threshold)


def test_both_thresholds_are_saved_and_loaded(tmp_path):
    small_check().save(tmp_path / "c.pt")
    back = NotDigitCheck.load(tmp_path / "c.pt")
    assert (back.threshold, back.ink_threshold) == (0.5, -0.25)
    assert torch.load(tmp_path / "c.pt", weights_only=True)["version"] == FORMAT_VERSION


def test_a_file_with_one_threshold_judges_ink_as_pictures(tmp_path):
    net = small_check().nets[0]
    torch.save({"version": 2, "width": 2, "threshold": 0.5, "state_dict": net.state_dict()}, tmp_path / "old.pt")
    back = NotDigitCheck.load(tmp_path / "old.pt")
    assert back.ink_threshold == back.threshold == 0.5
    assert NotDigitCheck(NotDigitNet(2), 1.5).ink_threshold == 1.5  # none given: the same


@pytest.mark.parametrize(
    "change",
    [{"ink_threshold": float("nan")}, {"threshold": float("inf")}, {"ink_threshold": 1e300}, {"ink_threshold": "x"}],
)
def test_a_damaged_threshold_is_refused_with_one_line(tmp_path, change):
    small_check().save(tmp_path / "c.pt")
    blob = torch.load(tmp_path / "c.pt", weights_only=True)
    torch.save({**blob, **change}, tmp_path / "bad.pt")
    with pytest.raises(ValueError, match="damaged") as info:
        NotDigitCheck.load(tmp_path / "bad.pt")
    assert "\n" not in str(info.value)


def test_other_versions_are_refused(tmp_path):
    small_check().save(tmp_path / "c.pt")
    blob = torch.load(tmp_path / "c.pt", weights_only=True)
    for version in (1, FORMAT_VERSION + 1, "3"):
        torch.save({**blob, "version": version}, tmp_path / "v.pt")
        with pytest.raises(ValueError, match="version"):
            NotDigitCheck.load(tmp_path / "v.pt")


@pytest.fixture(scope="module")
def loaded():
    return Predictor.load(warm_up=False).loaded


def with_check(loaded, threshold: float, ink_threshold: float) -> Predictor:
    """A predictor whose check turns away everything above one threshold and nothing
    above the other (thresholds far beyond any logit)."""
    check = bundled_check()
    assert check is not None
    return Predictor(loaded, not_digit=NotDigitCheck(check.nets, threshold, ink_threshold), warm_up=False)


def test_drawn_ink_is_judged_by_the_ink_threshold(loaded):
    strict_ink = with_check(loaded, threshold=1e3, ink_threshold=-1e3)
    assert strict_ink.predict_strokes(SEVEN, check_not_digit=True).not_digit
    assert all(p.not_digit for p in strict_ink.predict_many_strokes([SEVEN, SEVEN], check_not_digit=True))
    assert strict_ink.read_drawing(SEVEN)[1] is not None  # the app's and the CLI's reading
    assert not strict_ink.predict_image(seven_picture()).not_digit
    assert strict_ink.predict_strokes(SEVEN).digit == 7  # unchecked ink: always read


def test_pictures_are_judged_by_the_pictures_threshold(loaded):
    strict_pictures = with_check(loaded, threshold=-1e3, ink_threshold=1e3)
    assert strict_pictures.predict_image(seven_picture()).not_digit
    assert strict_pictures.read_picture(seven_picture())[0].not_digit
    assert not strict_pictures.predict_strokes(SEVEN, check_not_digit=True).not_digit
    assert strict_pictures.read_drawing(SEVEN)[1] is None

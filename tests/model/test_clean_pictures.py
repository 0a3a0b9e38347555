"""A clean picture (flat ink on flat paper, all of it the digit) is judged by the "not a
digit" check's clean threshold (model/ood.py clean_threshold, format version 6): the
finder made no choice there whose mistakes the pictures' threshold must forgive (a
grid's square or a page's edge kept as the digit). Pictures with anything else in them,
or found closer in a large photo, keep the pictures' threshold."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from model.ood import FORMAT_VERSION, NotDigitCheck, NotDigitNet, bundled_check
from model.pictures.images import image_to_input
from model.predictor import Predictor

SEVEN = [(60, 60), (240, 60), (120, 250)]  # a 7 on a 300 px picture


def picture(side: int = 300, extra=None, paper: int = 255, ink: int = 0) -> Image.Image:
    img = Image.new("L", (side, side), paper)
    draw = ImageDraw.Draw(img)
    draw.line(SEVEN, fill=ink, width=14)
    if extra:
        extra(draw)
    return img


CLUTTERED = {
    "ruled paper": lambda d: [d.line([(0, y), (300, y)], fill=120, width=2) for y in range(20, 300, 40)],
    "a smudge at the edge": lambda d: d.ellipse([285, 120, 330, 170], fill=0),  # cut by the picture's edge
    "a border line": lambda d: d.line([(296, 0), (296, 300)], fill=0, width=3),
}


def test_a_digit_alone_on_paper_is_clean():
    assert image_to_input(picture()).clean
    assert image_to_input(picture(paper=30, ink=230)).clean  # light ink on a dark board
    assert image_to_input(picture(side=120)).clean


@pytest.mark.parametrize("kind", list(CLUTTERED))
def test_a_picture_with_more_than_the_digit_is_not_clean(kind):
    found = image_to_input(picture(extra=CLUTTERED[kind]))
    assert not found.clean
    assert found.image.max() > 0  # the digit is still found


def test_a_gradient_or_a_far_away_digit_is_not_clean():
    shade = np.linspace(90, 255, 300)[None, :].repeat(300, 0)  # (300,300) light from the right
    img = np.minimum(shade, np.asarray(picture(), np.float64)).astype(np.uint8)
    assert not image_to_input(Image.fromarray(img)).clean
    far = Image.new("L", (1200, 1200), 255)
    far.paste(picture(side=150), (500, 500))  # small in a large picture: found, then looked at closer
    assert not image_to_input(far).clean


def small_check(threshold=0.5, ink=-0.25, clean=None) -> NotDigitCheck:
    torch.manual_seed(0)
    return NotDigitCheck(NotDigitNet(2), threshold, ink, clean)


def test_the_clean_threshold_is_saved_and_older_files_judge_clean_pictures_as_the_others(tmp_path):
    small_check(clean=-3.0).save(tmp_path / "c.pt")
    back = NotDigitCheck.load(tmp_path / "c.pt")
    assert (back.threshold, back.ink_threshold, back.clean_threshold) == (0.5, -0.25, -3.0)
    blob = torch.load(tmp_path / "c.pt", weights_only=True)
    assert blob["version"] == FORMAT_VERSION == 6
    old = {k: v for k, v in blob.items() if k != "clean_threshold"}
    torch.save({**old, "version": 5}, tmp_path / "v5.pt")
    assert NotDigitCheck.load(tmp_path / "v5.pt").clean_threshold == 0.5
    torch.save(old, tmp_path / "missing.pt")  # version 6 without it: damaged
    with pytest.raises(ValueError, match="damaged"):
        NotDigitCheck.load(tmp_path / "missing.pt")
    for bad in (float("nan"), -1e300, "x"):
        torch.save({**blob, "clean_threshold": bad}, tmp_path / "bad.pt")
        with pytest.raises(ValueError, match="damaged"):
            NotDigitCheck.load(tmp_path / "bad.pt")


def test_clean_pictures_are_never_judged_more_leniently_than_the_others():
    check = small_check(threshold=0.0, clean=50.0)
    x = np.random.default_rng(0).random((8, 28, 28)).astype(np.float32)
    assert list(check.rejects(x, clean=True)) == list(check.rejects(x))


@pytest.fixture(scope="module")
def loaded():
    return Predictor.load(warm_up=False).loaded


def test_the_predictor_judges_clean_pictures_by_the_clean_threshold(loaded):
    check = bundled_check()
    assert check is not None
    strict_clean = Predictor(loaded, not_digit=NotDigitCheck(check.nets, 1e3, 1e3, -1e3), warm_up=False)
    assert strict_clean.predict_image(picture()).not_digit
    assert strict_clean.predict_many_images([picture()])[0].not_digit
    assert strict_clean.read_picture(picture())[0].not_digit  # the app's Open
    ruled = picture(extra=CLUTTERED["ruled paper"])
    assert strict_clean.predict_image(ruled).digit == 7
    assert strict_clean.predict_strokes([SEVEN], check_not_digit=True).digit == 7  # drawn ink: its own threshold

"""A stroke with a point below it ("!", "?") is a punctuation mark, not a digit
(model/pictures/punctuation.py); a digit with a decimal point beside it, a speck far
from it or a grid behind it is still read."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from bench.photo_cases import DIGIT_KINDS, EVAL_FONTS, glyph, load_source, make_case
from model.pictures.punctuation import POINT_MESSAGE
from model.predictor import Predictor
from model.training.data import load_data
from tests.conftest import MNIST_MINI


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


def mark(kind: str, side: int, pen: int, point: float = 1.0) -> Image.Image:
    """A "!" (a bar) or "?" (a hook) drawn dark on white, with its point below; `point`
    scales the point's diameter (1: a pen's width and a half)."""
    img = Image.new("L", (side, side), 255)
    d = ImageDraw.Draw(img)
    cx, top, foot = side * 0.5, side * 0.15, side * 0.62
    if kind == "!":
        d.line([(cx, top), (cx, foot)], fill=0, width=pen)
    else:
        d.arc((cx - side * 0.18, top, cx + side * 0.18, top + side * 0.3), 180, 400, fill=0, width=pen)
        d.line([(cx + side * 0.12, top + side * 0.26), (cx, side * 0.47), (cx, foot)], fill=0, width=pen)
    r = 0.75 * pen * point
    y = foot + side * 0.12
    d.ellipse((cx - r, y - r, cx + r, y + r), fill=0)
    return img


@pytest.mark.parametrize("kind", ["!", "?"])
@pytest.mark.parametrize("side,pen", [(120, 6), (240, 12), (400, 9), (600, 30)])
def test_a_mark_with_a_point_below_is_not_a_digit(predictor, kind, side, pen):
    p = predictor.predict_image(mark(kind, side, pen))
    assert p.not_digit and p.digit is None
    assert p.message == POINT_MESSAGE
    number, single = predictor.read_picture(mark(kind, side, pen))
    assert number.not_digit and number.text == "" and single.not_digit


@pytest.mark.parametrize("seed", range(12))
def test_printed_exclamation_and_question_marks_are_not_digits(predictor, seed):
    rng = np.random.default_rng([41, seed])
    for chars in ("!", "?"):
        img, _ = glyph(rng, chars, EVAL_FONTS)
        assert predictor.predict_image(img).message == POINT_MESSAGE, chars


def test_a_decimal_point_beside_a_digit_is_not_a_punctuation_mark(predictor):
    img = Image.new("L", (240, 240), 255)
    d = ImageDraw.Draw(img)
    d.line([(60, 40), (170, 40), (100, 190)], fill=0, width=12)  # a 7
    d.ellipse((160, 180, 176, 196), fill=0)  # its point, at the foot, to the right
    assert predictor.predict_image(img).message != POINT_MESSAGE


def test_a_point_far_below_or_beside_the_stroke_is_no_exclamation_mark(predictor):
    for centre in ((120, 250), (215, 170)):  # far below the bar; beside its foot
        img = Image.new("L", (240, 280), 255)
        d = ImageDraw.Draw(img)
        d.line([(120, 30), (120, 150)], fill=0, width=12)
        d.ellipse((centre[0] - 9, centre[1] - 9, centre[0] + 9, centre[1] + 9), fill=0)
        assert predictor.predict_image(img).message != POINT_MESSAGE, centre


@pytest.mark.parametrize("kind", sorted(DIGIT_KINDS))
def test_digits_of_every_photo_kind_are_never_taken_for_a_mark(predictor, kind):
    data = load_data(MNIST_MINI, "test")
    src = load_source((data.images.numpy(), data.labels.numpy()), limit=200)
    messages = [predictor.predict_image(make_case(kind, i, src, seed=8)[0]).message for i in range(20)]
    assert POINT_MESSAGE not in messages


NEWCOMER = Path(__file__).resolve().parents[1] / "data" / "images" / "newcomer-pictures"


@pytest.mark.parametrize("name", ["txt_q7.png", "b2_7_space_excl.png", "b3_3_handquest.png", "b2_excl7.png"])
def test_a_question_or_exclamation_mark_beside_a_digit_is_no_number(predictor, name):
    """A newcomer's "?7", "7 !", "3?" (drawn) and "!7" read "77", "71", "37" as numbers."""
    number, _ = predictor.read_picture(NEWCOMER / name)
    assert number.not_digit and number.text == "" and number.message == POINT_MESSAGE


@pytest.mark.parametrize("name,text", [("txt_yr2024.png", "2024"), ("b2_12dot5.png", "12.5")])
def test_numbers_with_and_without_a_decimal_point_are_still_numbers(predictor, name, text):
    assert predictor.read_picture(NEWCOMER / name)[0].text == text

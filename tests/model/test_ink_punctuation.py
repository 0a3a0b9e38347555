"""A drawn "!" or "?" beside a digit ("7!", "3?") is no number (DrawingReader.read_drawing,
model/segmentation/ink_punctuation.py): a newcomer drew "7!" and read "71", with the "!"
read as a 1 at 85%. Numbers with decimal points still read."""

from __future__ import annotations

import numpy as np
import pytest

from model.formats import NOT_DIGIT_POINT_REASON
from model.predictor import Predictor
from model.segmentation.ink_punctuation import point_below


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


def bar(x: float, y0: float, y1: float) -> list[list[float]]:
    return [[x, y] for y in np.linspace(y0, y1, 12)]


def dot(x: float, y: float) -> list[list[float]]:
    return [[x, y], [x + 1, y + 1]]


SEVEN = [[[100, 100], [160, 100], [120, 200]]]
THREE = [[[100, 105], [150, 100], [155, 135], [120, 148], [158, 165], [150, 198], [100, 195]]]
EXCLAMATION = [bar(220, 100, 180), dot(220, 200)]
QUESTION = [[[200, 110], [215, 100], [235, 105], [240, 125], [225, 145], [222, 175]], dot(222, 197)]


@pytest.mark.parametrize("name,ink", [("7!", SEVEN + EXCLAMATION), ("7?", SEVEN + QUESTION), ("3?", THREE + QUESTION)])
def test_a_mark_beside_a_digit_makes_the_drawing_no_number(predictor, name, ink):
    number, whole = predictor.read_drawing(ink)
    assert number.not_digit and number.text == "" and number.message == NOT_DIGIT_POINT_REASON, name
    assert whole is not None and whole.not_digit and whole.image.any()  # what the model saw is kept


@pytest.mark.parametrize(
    "text,ink",
    [
        ("71", SEVEN + [bar(220, 100, 200)]),
        ("7.1", SEVEN + [dot(180, 199), bar(220, 100, 200)]),
    ],
)
def test_numbers_with_and_without_a_point_still_read(predictor, text, ink):
    assert predictor.read_drawing(ink)[0].text == text


def test_a_point_below_the_middle_of_a_stroke_is_found_and_a_decimal_point_is_not():
    stroke = np.array(bar(0, 0, 100), dtype=float)
    assert point_below([stroke, np.array(dot(0, 115), dtype=float)])
    assert not point_below([stroke, np.array(dot(40, 100), dtype=float)])  # beside the foot: a decimal point
    assert not point_below([stroke, np.array(dot(0, 190), dtype=float)])  # far below: no point of this mark
    assert not point_below([stroke, np.array(bar(0, 110, 150), dtype=float)])  # a second stroke, not a point
    assert not point_below([stroke])

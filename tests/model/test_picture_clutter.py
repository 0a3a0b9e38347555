"""Clutter beside one digit in a picture, as the app's Open reads it (Predictor.read_picture):
the rest of a desk's or a shadow's edge at the picture's border read as a "1" ("91" for a 9),
a speck of a shadow or a punched hole read as a decimal point (".7", "3."). The number path
now drops the blobs at the border that are not like the characters clear of it
(model/segmentation/number_image.py drop_border_clutter), and a reading loses its stray
points (NumberPrediction.without_stray_points); a number cropped tight, its first digit
touching the border, keeps that digit; a short number narrower than NUMBER_ASPECT
whose digits are written in a row reads as that number."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from bench.photo_cases import make_case
from model.segmentation.number import Character, NumberPrediction
from model.segmentation.number_image import drop_border_clutter

PICTURES = Path(__file__).resolve().parents[2] / "tests" / "data" / "images" / "newcomer-pictures"


def _ink(shape=(100, 200)) -> np.ndarray:
    ink = np.zeros(shape, np.float32)
    ink[20:80, 90:100] = 1.0  # a digit-sized stroke clear of the border, 10 px wide
    return ink


def test_a_region_the_border_cuts_is_dropped():
    ink = _ink()
    ink[:, :30] = 0.8  # a desk's edge: along the whole left border, taller than the digit
    out = drop_border_clutter(ink)
    assert not out[:, :30].any()
    assert out[20:80, 90:100].all()


def test_a_speck_at_the_border_is_dropped():
    ink = _ink()
    ink[50:53, 0:4] = 1.0  # read as a decimal point before the digit: ".7"
    assert not drop_border_clutter(ink)[50:53, 0:4].any()


def test_a_tight_crops_digit_at_the_border_stays():
    ink = _ink()
    for y in range(22, 78):  # a 1 as tall and as bold as the other digit, slanted across the border
        ink[y, (y - 22) // 5 : (y - 22) // 5 + 10] = 1.0
    np.testing.assert_array_equal(drop_border_clutter(ink), ink)


def test_a_border_blob_stays_without_a_digit_clear_of_the_border():
    ink = np.zeros((100, 100), np.float32)
    ink[10:90, 0:12] = 1.0  # a bold 1 cropped tight, or a desk's edge: nothing to tell it by
    ink[40:43, 40:43] = 0.5  # a speck, no digit
    assert drop_border_clutter(ink)[10:90, 0:12].all()


@pytest.mark.parametrize("name", ["nc7_mnist_2024_white.png", "nc7_mnist_2024_squared.png"])
def test_digits_of_different_stroke_widths_are_one_number(predictor, name):
    """A newcomer's "2024" of MNIST digits (a bold 0 between thin 2s, more than GROUP_WIDTH
    apart) read "0" when blobs of another width than the heaviest were dropped as grain."""
    assert predictor.read_picture(PICTURES / name)[0].text == "2024"


def _char(text, x0, x1, y0=0.0, y1=100.0):
    if text == ".":
        return Character(".", (x0, y1 - 10, x1, y1))
    return Character(text, (x0, y0, x1, y1), probabilities=np.eye(10, dtype=np.float32)[int(text)])


def test_stray_points_are_dropped_and_decimal_points_kept():
    far = NumberPrediction.of([_char(".", 0, 10), _char("5", 100, 160)])  # ".5", the point 0.9 heights away
    assert far.without_stray_points().text == "5"
    near = NumberPrediction.of([_char(".", 0, 10), _char("5", 25, 85)])  # ".5" as written
    assert near.without_stray_points().text == ".5"
    trailing = NumberPrediction.of([_char("3", 0, 60), _char(".", 70, 80)])
    assert trailing.without_stray_points().text == "3"
    inside = NumberPrediction.of([_char("3", 0, 60), _char(".", 65, 75), _char("1", 80, 120)])
    assert inside.without_stray_points() is inside


@pytest.mark.parametrize("kind", ["desk", "shadow"])
def test_one_digit_by_a_desk_or_a_shadow_reads_as_that_digit(predictor, source, kind):
    """Seed 3: 58 and 56 of 60 read right before (desk, shadow), now 60 and 60."""
    wrong = []
    for i in range(60):
        img, label = make_case(kind, i, source, seed=3)
        number, _ = predictor.read_picture(img)
        if number.text != str(label):
            wrong.append(f"{i}: {label} read {number.text!r}")
    assert len(wrong) <= 1, wrong


def _seventeen(shift: int) -> Image.Image:
    """'17' cropped tight: the 1 touches the left border (shift < 0: the border cuts it)."""
    img = Image.new("L", (150, 100), 255)
    draw = ImageDraw.Draw(img)
    draw.line([(shift + 14, 8), (shift + 4, 92)], fill=0, width=9)
    draw.line([(60, 12), (112, 12), (80, 90)], fill=0, width=9, joint="curve")
    return img


@pytest.mark.parametrize("shift", [-5, -2, 0])
def test_a_number_cropped_tight_keeps_its_first_digit(predictor, shift):
    assert predictor.read_picture(_seventeen(shift))[0].text == "17"


def test_digits_written_in_a_row():
    row = NumberPrediction.of([_char("1", 0, 20), _char("1", 40, 60)])
    assert row.written_in_a_row() and not row.looks_like_a_number()
    stacked = NumberPrediction.of([_char("1", 0, 20), _char("1", 10, 30)])  # sharing x: one thing in pieces
    assert not stacked.written_in_a_row()
    small = NumberPrediction.of([_char("1", 0, 20), _char("1", 40, 60, y0=50.0)])  # one half as tall
    assert not small.written_in_a_row()
    with_point = NumberPrediction.of([_char("1", 0, 20), _char(".", 25, 30), _char("1", 40, 60)])
    assert not with_point.written_in_a_row()


def test_a_narrow_number_the_single_digit_path_calls_no_digit_reads(predictor):
    """'11' is narrower than NUMBER_ASPECT and no one digit: it read nothing ("90", "8.3" and
    "11" of bench/number_eval.py --picture did too)."""
    img = Image.new("L", (200, 200), 255)
    draw = ImageDraw.Draw(img)
    draw.line([(80, 50), (76, 150)], fill=0, width=8)
    draw.line([(120, 50), (116, 150)], fill=0, width=8)
    assert predictor.read_picture(img)[0].text == "11"


def test_a_crumb_of_a_cut_blob_is_no_punctuation_point(predictor):
    """'12' over '34' printed (a newcomer's): a cut of the bold '2' left a crumb below its
    right piece, and the picture was called a punctuation mark."""
    number = predictor.predict_number_image(PICTURES / "nc7_two_lines_12_34.png")
    assert "punctuation" not in number.message

"""Several lines of writing: each line is segmented on its own, never interleaved."""

from pathlib import Path

import numpy as np
import pytest

from model.predictor import Predictor
from model.segmentation.text_lines import split_lines
from tests.conftest import digitpad

from .number_shapes import number


def shifted(text: str, dx: float = 0.0, dy: float = 0.0) -> list[np.ndarray]:
    return [s + np.array([dx, dy]) for s in number(text)]


def boxes_of(strokes) -> np.ndarray:
    return np.array([[*s.min(axis=0), *s.max(axis=0)] for s in strokes])


@pytest.fixture(scope="module")
def predictor():
    return Predictor.load()


def test_one_line_with_a_wavy_baseline_a_point_and_a_minus_stays_one_line():
    strokes = []
    for k, text in enumerate(["-", "3", ".", "1", "4"]):
        strokes += shifted(text, dx=45 * k, dy=12 * np.sin(k))
    assert len(split_lines(boxes_of(strokes))) == 1


def test_two_lines_are_split_top_to_bottom_with_their_decimal_point():
    top, bottom = number("12"), shifted("3.4", dy=140)  # digits are 100 high
    lines = split_lines(boxes_of(bottom + top))  # order of writing does not matter
    assert [sorted(x.tolist()) for x in lines] == [
        list(range(len(bottom), len(bottom) + len(top))),
        list(range(len(bottom))),
    ]


def test_a_number_on_two_lines_reads_each_line_and_is_no_number(predictor):
    ink = [s.tolist() for s in number("2024") + shifted("315", dy=130)]
    reading, rejected = predictor.read_drawing(ink)
    assert rejected is None
    assert reading.line_texts() == ["2024", "315"]
    assert reading.problem() == "lines"
    obj = reading.to_dict()
    assert obj["number"] is None and obj["reason"] == "not a number: written on 2 lines ('2024', '315')"
    assert [c["line"] for c in obj["characters"]] == [0, 0, 0, 0, 1, 1, 1]


def test_one_line_reads_as_before(predictor):
    reading, _ = predictor.read_drawing([s.tolist() for s in number("2024")])
    assert reading.text == "2024" and reading.lines == 1 and "line" not in reading.to_dict()["characters"][0]


PICTURES = Path(__file__).resolve().parents[1] / "data" / "images" / "newcomer-pictures"


@pytest.mark.parametrize("bottom", ["315", "-7.5"])
def test_a_picture_of_numbers_on_two_lines_reads_each_line_and_is_no_number(predictor, bottom):
    """Pictures were read as one line, the lines' digits interleaved ("316273" for a newcomer's
    "12" over "34"), then called not a digit; ink said "written on 2 lines"."""
    from .test_number import ink_image

    picture = ink_image(number("2024") + shifted(bottom, dy=150))
    reading, _ = predictor.read_picture(picture)
    assert reading.line_texts() == ["2024", bottom] and reading.problem() == "lines"


def test_a_printed_picture_of_two_lines_says_so_on_the_command_line():
    (obj,) = digitpad("predict", str(PICTURES / "nc7_two_lines_12_34.png"), "--number")
    assert obj["number"] is None and obj["reason"] == "not a number: written on 2 lines ('12', '34')"
    assert [c["line"] for c in obj["characters"]] == [0, 0, 1, 1]


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("nc8_column_5_2_8.png", ["5", "2", "8"]),
        ("nc8_printed_column_1_7_4.png", ["1", "7", "4"]),
        ("nc8_column_3_8_apart.png", ["3", "8"]),
        ("nc8_12_over_34.png", ["12", "34"]),
        ("nc8_12_34_56.png", ["12", "34", "56"]),
    ],
)
def test_a_newcomers_pictures_of_lines_read_line_by_line(predictor, name, lines):
    """A column of single digits read as one confident "1" (the single-digit path squashed
    the column); lines of a thin "1" and a digit, narrower than NUMBER_ASPECT, read "not a
    digit"; a 3 far above an 8 read "8" (a newcomer's)."""
    reading, _ = predictor.read_picture(PICTURES / name)
    assert reading.line_texts() == lines and reading.problem() == "lines"


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("nc9_mark_crossed_above_47.png", ["47"]),
        ("nc9_mark_scribble_below_47.png", ["47"]),
        ("nc9_mark_tick_below_305.png", ["305"]),
        ("nc9_ml_small_over_big2.png", ["315", "2024"]),
        ("nc9_ml_big_over_small.png", ["2024", "315"]),
    ],
)
def test_a_mark_above_or_below_a_number_is_no_line_but_small_numbers_are(predictor, name, lines):
    """A crossing-out above "47" read "2 / 47", so the picture was called not a digit; a
    small "315" over a big "2024" was no line of writing either (a newcomer's)."""
    reading, _ = predictor.read_picture(PICTURES / name)
    assert reading.line_texts() == lines

"""An underline under a number is no character of it ("47" underlined read "457", "427",
or a line of its own), in drawn ink and in pictures; flat parts of digits stay digits."""

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from model.segmentation.underlines import underlines

from .number_shapes import _line, digit, number
from .test_number import ink_image
from .test_number_pictures import pen_digits  # noqa: F401 (a fixture)


def boxes_of(strokes) -> np.ndarray:
    return np.array([[*s.min(axis=0), *s.max(axis=0)] for s in strokes])


def underline(x0: float, x1: float, y: float, wave: float = 0.0) -> np.ndarray:
    """A stroke from x0 to x1 at height y (the digits are 100 high, their feet at y = 100)."""
    pts = _line((x0, y), (x1, y + wave / 3), 30)
    pts[:, 1] += wave * np.sin(pts[:, 0] / 12)
    return pts


def test_the_line_under_a_number_is_an_underline_and_nothing_else_is():
    strokes = number("47") + [underline(-10, 160, 118)]
    assert underlines(boxes_of(strokes)).tolist() == [len(strokes) - 1]
    # a 7's crossbar, a 5's top bar, a 4's strokes, a minus, a decimal point: none
    for text in ("-7", "5.7", "747", "2024"):
        assert underlines(boxes_of(number(text))).size == 0, text


def test_a_digits_own_flat_stroke_below_it_is_no_underline():
    """A 2 whose base is written apart, as wide as the 2: part of the digit."""
    two = digit("2", 0)
    body = _line((30, 5), (2, 96), 10)  # the neck only, down to the base
    base = _line((0, 104), (58, 104), 10)
    assert underlines(boxes_of([two[0][:24], body, base])).size == 0


@pytest.mark.parametrize(
    "lines",
    [
        [(-10, 160, 118, 0)],  # straight
        [(-30, 190, 112, 0)],  # long
        [(10, 140, 125, 6)],  # wavy
        [(-10, 160, 115, 0), (-10, 160, 130, 0)],  # double
    ],
)
def test_an_underlined_drawing_reads_the_number(predictor, lines):
    ink = number("47") + [underline(x0, x1, y, wave) for x0, x1, y, wave in lines]
    reading, rejected = predictor.read_drawing([s.tolist() for s in ink])
    assert rejected is None and reading.text == "47"
    picture, _ = predictor.read_picture(ink_image(ink))
    assert picture.text == "47"


def test_an_underlined_digit_reads_the_digit(predictor):
    ink = digit("7", 0) + [underline(-20, 80, 125)]
    reading, _ = predictor.read_drawing([s.tolist() for s in ink])
    assert reading.text == "7"
    picture, single = predictor.read_picture(ink_image(ink))
    assert picture.text == "7" or (not picture.characters and single.digit == 7)


def _underlined_picture(strokes_47, width: int, x0: int, x1: int, y: int, double: bool) -> Image.Image:
    from bench.photo_cases import _unit_box, draw_strokes

    img = Image.new("L", (400, 260), 255)
    draw = ImageDraw.Draw(img)
    for k, ink in enumerate(strokes_47):
        draw_strokes(draw, _unit_box(ink), (70 + k * 130, 40, 120), 10, 0)
    for dy in (0, 14) if double else (0,):
        draw.line((x0, y + dy, x1, y + dy), fill=0, width=width)
    return img


STYLES = [  # the underline's width, x range, double
    (3, (60, 330), False),
    (10, (60, 330), False),
    (6, (20, 380), False),
    (6, (90, 300), False),
    (6, (60, 330), True),
]


def test_real_pen_numbers_underlined_in_pictures_read_right(predictor, pen_digits):  # noqa: F811
    """Pendigits writers 1..12 write 4 and 7, underlined thin, thick, long, short, double:
    60 pictures, 36 read right before."""
    rng = np.random.default_rng(0)
    wrong = []
    for writer in range(1, 13):
        four, seven = (pen_digits[writer][d][0].strokes for d in "47")
        for width, span, double in STYLES:
            y = 185 + int(rng.integers(-5, 15))
            img = _underlined_picture([four, seven], width, *span, y, double)
            reading, _ = predictor.read_picture(img)
            if reading.text != "47":
                wrong.append((writer, width, span, double, reading.text))
    assert not wrong


INKS = Path(__file__).resolve().parents[1] / "data" / "inks" / "underlined-digits.jsonl"
PICTURES = Path(__file__).resolve().parents[1] / "data" / "images" / "newcomer-pictures"


@pytest.mark.parametrize("line", INKS.read_text().splitlines(), ids=lambda line: json.loads(line)["style"])
def test_a_newcomers_underlined_digits_read_the_digit(predictor, line):
    """An underline far below a digit, or as wide as it, or a second one: read "0 / 2"."""
    ink = json.loads(line)
    reading, _ = predictor.read_drawing(ink["strokes"])
    assert reading.text == ink["label"]


@pytest.mark.parametrize(
    "name,text",
    [
        ("nc10_underline_thin_2024", "2024"),  # the ends of the removed line read ".2024."
        ("nc10_underline_bar_2024", "2024"),
        ("nc10_underline_double_2024", "2024"),
        ("nc10_underline_double_5", "5"),
        ("nc10_underline_double_1", "1"),
        ("nc10_underline_short_47", "47"),
    ],
)
def test_a_newcomers_underlined_pictures_read_the_number(predictor, name, text):
    reading, single = predictor.read_picture(PICTURES / f"{name}.png")
    assert reading.text == text or (not reading.characters and str(single.digit) == text)

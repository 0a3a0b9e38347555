"""A picture whose number reading spells no number reads as the digit the single-digit
path finds (Predictor.read_picture). A newcomer opened screenshots of a big digit in a
window: the title bar and the buttons were read as points and digits (".085..0"), while
`digitpad predict` read the 8. A phone number and a date, which the single-digit path
does not read as a digit, keep their readings as written, and so do a later newcomer's
phone numbers drawn in strokes, where it does: only a reading of many points is
clutter. The pictures are theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.predictor import Predictor

PICTURES = Path(__file__).resolve().parents[1] / "data" / "images" / "newcomer-pictures"


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


@pytest.mark.parametrize("name,digit", [("screenshot_ui_8.png", "8"), ("b3_darkmode_screenshot_9.png", "9")])
def test_a_screenshot_of_a_digit_reads_as_the_digit(predictor, name, digit):
    number, single = predictor.read_picture(PICTURES / name)
    assert number.text == digit and single.digit == int(digit)
    (character,) = number.characters
    x0, y0, x1, y1 = character.box  # the digit's own box, not the whole screenshot's clutter
    assert y1 - y0 > 60 and x1 - x0 < 200


@pytest.mark.parametrize(
    "name,text",
    [
        ("txt_phone.png", "555-1234"),
        ("txt_date.png", "30.11.2026"),
        # a later newcomer's, drawn in strokes: the single-digit path reads a 5 in them
        ("nc6_phone_strokes.png", "555-1234"),
        ("nc6_555-123_strokes.png", "555-123"),
    ],
)
def test_a_phone_number_or_a_date_keeps_its_reading_as_written(predictor, name, text):
    number, _ = predictor.read_picture(PICTURES / name)
    assert number.text == text and number.problem()

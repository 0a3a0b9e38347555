"""What the app's Open and `digitpad predict --number` read in a picture
(Predictor.read_picture). A picture of one digit on a desk, beside a shadow or in a photo
read as a number of clutter ("32" for an 8, "20324-74" for a 0): the number's blobs keep
what the single-digit finder leaves out. An unconfident number now gives way to the digit
the single-digit path reads. A printed "-5", narrower than NUMBER_ASPECT, read "5" (a
newcomer's): a minus before digits makes a number."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.photo_cases import make_case
from tests.conftest import digitpad

REPO = Path(__file__).resolve().parents[2]
PICTURES = REPO / "tests" / "data" / "images" / "newcomer-pictures"


@pytest.mark.parametrize("kind", ["desk", "shadow", "photo"])
def test_one_digit_in_clutter_reads_as_that_digit(predictor, source, kind):
    right = wrong_numbers = 0
    for i in range(30):
        img, label = make_case(kind, i, source, seed=3)
        number, _ = predictor.read_picture(img)
        right += number.text == str(label)
        wrong_numbers += len(number.characters) > 1 and number.text != str(label)
    assert right >= 27, kind
    assert wrong_numbers <= 2, kind


def test_a_printed_minus_five_is_minus_five(predictor):
    number, _ = predictor.read_picture(PICTURES / "nc6_print_minus5.png")
    assert number.text == "-5"
    assert digitpad("predict", "--number", str(PICTURES / "nc6_print_minus5.png"))[0]["number"] == "-5"

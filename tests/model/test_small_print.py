"""Small print: a minus 2 px high is a minus ("-3.5" in 18 px DejaVu Sans read "03.5", "-7"
read "7"): the pen width of strokes an even number of pixels wide came out one less, so
the minus's box, shrunk to its pen's middle line, was not flat enough
(model/segmentation/number_image.py pen_width). All 12 pictures were read wrong before."""

from pathlib import Path

import numpy as np
import pytest

from model.segmentation.number_image import pen_width

SMALL = Path(__file__).resolve().parents[1] / "data" / "images" / "small-print"


@pytest.mark.parametrize("path", sorted(SMALL.glob("*.png")), ids=lambda p: p.stem)
def test_small_printed_signed_numbers_read_right(predictor, path):
    reading, _ = predictor.read_picture(path)
    assert reading.text == path.stem.split("_")[-1]


@pytest.mark.parametrize("width", [1, 2, 3, 4, 5, 6, 9, 12])
def test_the_pen_width_of_straight_strokes_is_their_width(width):
    mask = np.zeros((80, 80), bool)
    mask[10:70, 20 : 20 + width] = True  # a vertical stroke
    mask[40 : 40 + width, 30:75] = True  # a horizontal one
    assert pen_width(mask) == pytest.approx(width, abs=0.5)

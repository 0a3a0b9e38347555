"""A minus and a point printed in a bold font (tests/data/images/bold-printed/: DejaVu at 80
px) were read as a "0": their blobs' boxes hold the pen's width, so a bold minus was not
flat enough to be a minus and a bold point not small enough to be a point ("-7.5" read
"0705"). Marks are now decided on the boxes of the lines the pen followed
(model/segmentation/number_image.py skeleton_boxes), as for drawn ink."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from model.predictor import Predictor
from model.segmentation.number_image import pen_width, skeleton_boxes
from tests.conftest import digitpad

REPO = Path(__file__).resolve().parents[2]
BOLD = REPO / "tests" / "data" / "images" / "bold-printed"


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


@pytest.mark.parametrize("path", sorted(BOLD.glob("*.png")), ids=lambda p: p.stem)
def test_a_printed_number_with_a_minus_or_a_point_reads_as_printed(predictor, path):
    expected = path.stem.split("_", 1)[1]
    assert predictor.read_picture(path)[0].text == expected
    assert predictor.predict_number_image(path).text == expected


def test_the_command_line_reads_a_bold_minus():
    assert digitpad("predict", "--number", str(BOLD / "DejaVuSans-Bold_-7.5.png"))[0]["number"] == "-7.5"


def test_pen_width_of_a_bar():
    mask = np.zeros((60, 80), bool)
    mask[20:31, 10:70] = True  # an 11 px thick bar
    assert 9.0 <= pen_width(mask) <= 12.0
    assert pen_width(np.zeros((5, 5), bool)) == 1.0


def test_skeleton_boxes_shrink_by_the_pen_and_keep_a_point():
    boxes = np.array([[10.0, 20.0, 70.0, 31.0], [0.0, 0.0, 11.0, 11.0]])  # a bold minus, a bold point
    out = skeleton_boxes(boxes, 11.0)
    np.testing.assert_allclose(out[0], [15.0, 25.0, 65.0, 26.0])  # flat: 50 wide, 1 high
    np.testing.assert_allclose(out[1], [5.0, 5.0, 6.0, 6.0])  # a point
    np.testing.assert_allclose(skeleton_boxes(boxes, 1.0), boxes)  # a hairline pen: as they are


@pytest.mark.parametrize("text", ["-42", "-3.5", "-7", "0.75", "12.50", "4096"])
def test_printed_numbers_cropped_to_their_ink_read_as_printed(predictor, text):
    """A newcomer's pictures cropped to the ink (DejaVu Sans Bold): every digit touches the
    border and only the minus or the point stands clear of it; the border's clutter rule
    took them for the characters and dropped the digits ("-42" read nothing). A minus or a
    point is no character to measure the others by (number_image.py _tall)."""
    path = REPO / "tests" / "data" / "images" / "newcomer-pictures" / f"nc7_tight_{text}.png"
    assert predictor.read_picture(path)[0].text == text

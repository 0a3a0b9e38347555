"""A small digit on a photo of a whole notebook page: the rulings found with their spacing
(model/pictures/ruling_tilt.py), the page worked larger when they are dense
(model/pictures/images.py), and a ruling that steps a row still taken for a line
(model/pictures/finder_lines.py)."""

from __future__ import annotations

import numpy as np
import pytest

from bench.photo_cases import make_case
from model.pictures.finder_lines import remove_lines
from model.pictures.images import RULED_SIDE, WORK_SIDE, _work_side
from model.pictures.ruling_tilt import Ruling, find_ruling


def test_the_rulings_spacing_is_found_even_with_faint_dashed_and_missing_lines():
    mask = np.zeros((256, 200), bool)
    mask[5::10, :] = True
    assert find_ruling(mask) == Ruling(0.0, 10.0)
    dashed = mask.copy()
    dashed[:, ::3] = False  # a faint ruling: two thirds of it kept as ink
    dashed[:, 1::3] = False
    dashed[5::20, :] = False  # every other ruling lost
    dashed[[45, 85, 125], :] = mask[[45, 85, 125], :]
    found = find_ruling(dashed)
    assert found is not None and found.spacing <= 15  # the spacing, not twice it
    squared = mask | np.isin(np.arange(200), np.arange(3, 200, 10))[None, :]  # columns raise every row
    assert find_ruling(squared) == Ruling(0.0, 10.0)


def test_a_picture_without_rulings_has_none():
    mask = np.zeros((256, 200), bool)
    mask[60:200, 90:100] = True  # a 1
    mask[60:70, 60:140] = True  # and a bar
    assert find_ruling(mask) is None


def test_dense_rulings_on_a_large_picture_are_worked_larger():
    page = np.ones((2000, 1500), np.float32)
    work = np.ones((256, 192), np.float32)
    assert _work_side(page, work, Ruling(0.0, 10.0)) == RULED_SIDE
    assert _work_side(page, work, Ruling(0.0, 40.0)) == WORK_SIDE  # lines far apart: as it was
    assert _work_side(page, work, None) == WORK_SIDE
    assert (
        _work_side(np.ones((300, 200), np.float32), np.ones((256, 171)), Ruling(0.0, 10.0)) == 300
    )  # no larger than itself


def test_a_ruling_that_steps_a_row_is_removed_and_the_digit_kept():
    """At 512 px a ruling levelled to within a quarter degree steps a row on its way; its
    two halves were each too short to be lines, and a 9 joined to one read "not a digit"."""
    mask = np.zeros((400, 300), bool)
    for y in range(20, 400, 24):
        mask[y, :170] = True
        mask[y + 1, 170:] = True  # the step
    mask[150:230, 120:126] = True  # a stroke crossing three rulings
    kept, removed = remove_lines(mask)
    assert removed.sum() > 0.9 * 300 * 16
    assert kept[150:230, 120:126].mean() > 0.95
    assert kept.sum() < 1.2 * 80 * 6


# page cases (bench/photo_cases.py, seed 11, tests/model/conftest.py source) that read
# "not a digit" worked at 256 px
@pytest.mark.parametrize("i", [11, 15, 29, 32, 38, 41, 53])
def test_a_small_digit_on_a_notebook_page_reads_right(i, source, predictor):
    img, label = make_case("page", i, source, seed=11)
    assert predictor.predict_image(img).digit == label


def test_a_faint_ruling_broken_by_gaps_is_still_a_line():
    """A faint ruling in a JPEG fades in and out: gaps of 5% of the width (the page read
    in the app, decoded at half size, kept two rulings as the digit: "not a digit")."""
    mask = np.zeros((400, 300), bool)
    for y in range(20, 400, 24):
        mask[y, :] = True
        mask[y, 100:115] = False  # a gap of 15 px
        mask[y, 200:214] = False
    mask[150:230, 150:156] = True  # a stroke crossing three rulings
    kept, removed = remove_lines(mask)
    assert removed.sum() > 0.9 * 271 * 16
    assert kept[150:230, 150:156].mean() > 0.95
    assert kept.sum() < 1.2 * 80 * 6

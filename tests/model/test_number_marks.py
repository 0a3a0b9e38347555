"""Decimal points and dashes among digits: each stays what it is, never a piece of a digit
that is complete without it (model/segmentation/segment.py)."""

from __future__ import annotations

import numpy as np
import pytest

from model.predictor import Predictor
from model.segmentation.number_synth import by_writer, compose, make_numbers, read_pendigits
from model.segmentation.segment import segment
from tests.conftest import pendigits_path

from .number_shapes import digit, width

TUNING_WRITERS = list(range(1, 21))  # pendigits writers the segmentation is tuned on


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


@pytest.fixture(scope="module")
def pen_digits():
    """pendigits-orig beside the checkout (or beside the worktrees' folder), writers 1-20."""
    path = pendigits_path()
    if path is None:
        pytest.skip("pendigits not found in ../shared/data")
    return [d for d in read_pendigits(path) if d.writer in TUNING_WRITERS]


def fake_recognizer(readings: dict[tuple[int, ...], tuple[int, float]]):
    """segment's classify: each group reads as readings[group] = (digit, probability), the
    rest spread evenly; any other group reads as a 1 at 0.2."""

    def classify(groups):
        rows = []
        for g in groups:
            digit, p = readings.get(tuple(sorted(g)), (1, 0.2))
            row = np.full(10, (1 - p) / 9, np.float32)
            row[digit] = p
            rows.append(row)
        return list(range(len(groups))), np.stack(rows)  # (M,10)

    return classify


def test_a_top_bar_and_a_point_far_below_it_are_no_seven():
    """ "5.4" read "574": a 5's top bar reaching right, over the point, read with the point
    as a confident 7 (writers 21-30 of pendigits). Strokes of one digit meet; these are a
    line height apart up and down. Boxes of that number; the recognizer says what it said."""
    boxes = np.array(
        [
            [0, 16, 111, 191],  # the 5's body
            [168, 179, 180, 192],  # the point
            [48, 8, 160, 27],  # the 5's top bar, written after the point
            [221, -19, 356, 204],  # a 4
        ],
        np.float64,
    )
    readings = {(0,): (5, 0.96), (0, 2): (5, 0.9), (1, 2): (7, 0.97), (2,): (7, 0.3), (3,): (4, 1.0)}
    got = "".join(g.label for g in segment(boxes, fake_recognizer(readings), dashes=True))
    assert got == "5.4"


def test_a_point_apart_is_not_taken_into_the_next_digit():
    """ "5.4" read "54": a point just left of a 4's foot, apart from it, made the 4 read
    better (0.99 against 0.77 alone), so the two became one 4. A digit complete without a
    point standing apart pays for taking it in. Boxes of that number (pendigits writer 20)."""
    boxes = np.array(
        [
            [8, 137, 96, 269],  # the 5's body
            [0, 74, 185, 152],  # its top bar
            [208, 271, 208, 271],  # the point, a tap
            [224, -3, 327, 267],  # a 4 in one stroke
        ],
        np.float64,
    )
    readings = {(0,): (3, 0.53), (0, 1): (5, 1.0), (0, 1, 2): (5, 0.99), (1,): (1, 0.9)}
    readings |= {(1, 2): (7, 0.84), (1, 2, 3): (4, 1.0), (2, 3): (4, 0.99), (3,): (4, 0.77)}
    got = "".join(g.label for g in segment(boxes, fake_recognizer(readings), dashes=True))
    assert got == "5.4"


def test_pen_fives_in_two_strokes_followed_by_a_point(predictor, pen_digits):
    """Every 5 of writers 1-20 written in several strokes, then a point and a 1 or a 4: the
    point stays a point, neither the foot of a 7 under the 5's top bar nor a part of the
    next digit (18 of 812 before)."""
    writers = by_writer(pen_digits)
    fives = [d for d in pen_digits if d.label == "5" and len(d.strokes) >= 2]
    rng = np.random.default_rng(1)
    inside = []
    for five in fives:
        for label in "14":
            n = compose([five, writers[five.writer][label][0]], rng, decimal_at=0, late=False)
            point = n.owners.index(1)
            read = predictor.predict_number(n.strokes)
            if any(point in c.strokes and len(c.strokes) > 1 for c in read.characters):
                inside.append(read.text)
    assert len(fives) > 300
    assert len(inside) <= 1, inside


@pytest.mark.parametrize("text", ["35.00", "435.78"])
def test_pen_numbers_whose_point_read_as_a_seven(predictor, pen_digits, text):
    """Two numbers of bench/number_eval.py --writers 1-20 (seed 14) that read 35700, 435778."""
    numbers = make_numbers(by_writer(pen_digits), TUNING_WRITERS, 1000, 14)
    (number,) = [n for n in numbers if n.text == text]
    assert predictor.predict_number(number.strokes).text == text


# -- dashes ---------------------------------------------------------------------------
def dash_ink(text: str, dash_width: float = 40.0, dash_y: float = 50.0, touching: bool = False) -> list[np.ndarray]:
    """Strokes of `text` (hand-made digits 100 high, "-" a flat stroke dash_y from the top);
    touching: each dash begins 4 inside the box of the digit before it and the next digit
    4 before the dash ends (boxes that touch: the last digit's ink may end short of it)."""
    strokes: list[np.ndarray] = []
    x = 0.0
    for ch in text:
        if ch == "-":
            x0 = x - 34.0 if touching and strokes else x  # x is 30 past the digit before
            strokes.append(np.linspace((x0, dash_y), (x0 + dash_width, dash_y + 2), 7))
            x = x0 + dash_width + (-4.0 if touching else 30.0)
        else:
            strokes += digit(ch, x)
            x += width(ch) + 30.0
    return strokes


@pytest.mark.parametrize("text", ["5-", "555-1234", "-5", "7-", "5-5", "12-34", "3-"])
@pytest.mark.parametrize("dash_width", [30.0, 40.0, 60.0])
@pytest.mark.parametrize("dash_y", [40.0, 50.0, 60.0])
def test_a_dash_is_read_where_it_stands(predictor, text, dash_width, dash_y):
    """A newcomer's "5-" read "5" or "52" and "555-1234" "5551234" or "55521234": the dash
    beside a 5 (or a 7) was measured against the 5's top bar (or the 7's crossbar), not
    the digit, so it was no dash; then it joined the 5 or read as a 2. A short flat stroke
    at mid-height of the writing around it is a "-" wherever it stands."""
    assert predictor.predict_number(dash_ink(text, dash_width, dash_y)).text == text


@pytest.mark.parametrize("text", ["5-", "555-1234", "7-", "12-34"])
def test_a_dash_touching_its_neighbours_is_a_dash(predictor, text):
    assert predictor.predict_number(dash_ink(text, touching=True)).text == text


def test_a_dash_inside_a_number_is_read_as_written_and_called_no_number(predictor):
    reading = predictor.predict_number(dash_ink("555-1234"))
    assert reading.problem() == "minus" and reading.to_dict()["number"] is None
    assert [c.text for c in reading.characters].count("-") == 1


def test_bars_of_digits_are_no_dashes(predictor):
    """A 7's crossbar reaching right of its stem, a 5's top bar reaching over the next digit,
    a 4 in two strokes: parts of digits, not dashes (boxes only tell them from a dash by
    where they sit on their digit)."""
    seven = [np.concatenate([np.linspace((0, 0), (56, 0), 7), np.linspace((56, 0), (18, 100), 11)])]
    seven.append(np.linspace((30, 52), (80, 52), 7))  # crossbar, more than half beyond the stem
    assert predictor.predict_number(seven).text == "7"
    five_bar = digit("5", 0)[0], np.linspace((8, 0), (75, -2), 7)  # top bar reaching right
    assert predictor.predict_number([*five_bar, *digit("3", 90)]).text == "53"
    assert predictor.predict_number(digit("4", 0) + digit("7", 90)).text == "47"


def test_pen_numbers_with_dashes(predictor, pen_digits):
    """Numbers of writers 1-20 with a dash after a digit (inside or at the end), ordinary
    spacing and touching: read as written (bench/number_eval.py --dashes checks 21-30)."""
    samples = by_writer(pen_digits)
    for touching, least in ((False, 0.95), (True, 0.9)):
        numbers = make_numbers(samples, TUNING_WRITERS, 100, 30 + touching, touching=touching, dash_p=1.0)
        assert sum("-" in n.text for n in numbers) >= 80  # not beside a point
        right = np.mean([predictor.predict_number(n.strokes).text == n.text for n in numbers])
        assert right >= least, (touching, right)

"""Several lines of writing: each line is segmented on its own, never interleaved."""

import numpy as np
import pytest

from model.predictor import Predictor
from model.segmentation.text_lines import split_lines

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

"""NumberPrediction.problem: characters that are read, but spell no number."""

import numpy as np
import pytest

from model.segmentation.number import Character, NumberPrediction


def reading(text: str) -> NumberPrediction:
    chars = []
    for i, t in enumerate(text):
        probs = None
        if t.isdigit():
            probs = np.full(10, 0.01, np.float32)
            probs[int(t)] = 0.91
        chars.append(Character(t, (10.0 * i, 0.0, 10.0 * i + 8, 20.0), probabilities=probs))
    return NumberPrediction.of(chars)


@pytest.mark.parametrize("text", ["2024", "3.14", "-5", "-0.5", "7", "3.", ".5"])
def test_numbers_have_no_problem(text):
    number = reading(text)
    assert number.problem() == ""
    assert number.to_dict()["number"] == text


@pytest.mark.parametrize(
    ("text", "problem"), [("3..4", "points"), ("1.2.3", "points"), ("5-", "minus"), ("1-2", "minus")]
)
def test_readings_that_are_no_number_say_why(text, problem):
    number = reading(text)
    assert number.problem() == problem
    obj = number.to_dict()
    assert obj["number"] is None and obj["reason"].startswith(f"not a number: {text!r} has ")
    assert "".join(c["text"] for c in obj["characters"]) == text


def test_side_by_side_means_in_a_row_not_one_inside_another():
    row = reading("12")
    assert row.side_by_side()
    probs = np.full(10, 0.01, np.float32)
    face = Character("0", (0.0, 0.0, 100.0, 100.0), probabilities=probs)
    eyes = Character("5", (30.0, 20.0, 70.0, 80.0), probabilities=probs)
    assert not NumberPrediction.of([face, eyes]).side_by_side()


def test_a_dash_between_digits_is_read_as_written_and_called_no_number():
    """ "1-2" read as "12" (the dash dropped) or "42": a dash apart from its neighbours, at
    mid-height, is a "-" wherever it stands; a number has one only first."""
    from model.predictor import Predictor

    from .number_shapes import number

    one, two = number("1"), number("2")
    dash = [np.array([[50.0, 50.0], [80.0, 51.0]])]
    ink = one + dash + [s + np.array([100.0, 0.0]) for s in two]
    reading, rejected = Predictor.load().read_drawing([s.tolist() for s in ink])
    assert rejected is None and reading.text == "1-2" and reading.problem() == "minus"
    assert reading.to_dict()["number"] is None

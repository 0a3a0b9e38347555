"""A letter or a scribble in a picture, cut in pieces, read as a confident number: a scribble
read "25" or "853", a handwritten letter "41" (bench/photo_cases.py, seed 7). The pieces of
one blob now ask the "not a digit" check about their digits, as a drawing's touching
strokes do (model/segmentation/glued.py); digits that stand apart are never asked. And a
noise picture read on many lines ("20 / 201 / 0 / 00 / ...") is no reading."""

from __future__ import annotations

import numpy as np
import pytest

from bench.photo_cases import make_case
from model.segmentation.number import Character, NumberPrediction
from model.segmentation.number_image import _blob_of_atoms

from .number_shapes import number
from .test_number import ink_image


@pytest.mark.parametrize(("kind", "i"), [("scribble", 10), ("scribble", 29), ("scribble", 48), ("letter", 193)])
def test_a_scribble_or_a_letter_cut_in_pieces_is_not_a_number(predictor, source, kind, i):
    img, _ = make_case(kind, i, source, seed=7)
    assert predictor.predict_number_image(img).cut_from_one_blob()  # what made it a number
    reading, single = predictor.read_picture(img)
    assert reading.not_digit and not reading.characters and single.not_digit


def test_noise_read_on_many_lines_is_no_reading(predictor, source):
    img, _ = make_case("noise", 77, source, seed=7)
    assert predictor.predict_number_image(img).lines > 2
    reading, _ = predictor.read_picture(img)
    assert len(reading.characters) <= 1


def test_digits_that_stand_apart_are_not_pieces_of_one_blob(predictor):
    reading, _ = predictor.read_picture(ink_image(number("2024")))
    assert reading.text == "2024" and not reading.cut_from_one_blob()


def test_blobs_of_atoms_and_pieces_of_one_blob():
    assert _blob_of_atoms(5, frozenset({(1, 2), (2, 3)})).tolist() == [0, 1, 1, 1, 2]
    box = (0.0, 0.0, 1.0, 1.0)
    one = NumberPrediction.of([Character("1", box, blob=3), Character("7", box, blob=3)])
    assert one.cut_from_one_blob()
    assert not NumberPrediction.of([Character("1", box, blob=3), Character("7", box, blob=4)]).cut_from_one_blob()
    assert not NumberPrediction.of([Character("1", box), Character("7", box)]).cut_from_one_blob()  # ink: -1
    assert not NumberPrediction.of([Character("1", box, blob=0)]).cut_from_one_blob()
    lines = NumberPrediction.of([Character("1", box, blob=0), Character("7", box, blob=1, line=1)])
    assert not lines.cut_from_one_blob()  # no two neighbours on a line
    assert np.all([c.blob == -1 for c in NumberPrediction.of([Character("5", box)]).characters])

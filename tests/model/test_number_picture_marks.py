"""Minus signs, dashes and decimal points in pictures of numbers (Predictor.predict_number_image,
`digitpad predict IMAGE --number`) are decided as for drawn ink (model/segmentation/segment_marks.py):
a flat mark at mid-height is a "-" (first: a minus; later: a dash, shown and called no number),
never a digit; a small solid mark low on the line is a point whatever its shape. Newcomer nc4
found "-5" read as "55", "555-1234" as "55551234" and a bold square point read as 0."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from cli.main import main as cli_main
from model.predictor import Predictor
from model.segmentation.number_image import read_number_image
from model.segmentation.segment_marks import dash_shaped

from .number_shapes import digit, width

NEWCOMER = Path(__file__).resolve().parents[1] / "data" / "images" / "newcomer-marks"
PEN = 9  # stroke width of the hand-made digits (px; they are 100 px high)
DASH = (60, 10)  # a dash's width and height, px: a blob wider than blob_cuts.SPLIT_WIDTH line heights
SQUARE = 20  # a bold square point's side, px (a fifth of the digits' height)
WIDE = 1.3  # a wide hand: its 4s and 7s are cut into pieces shorter than the digits


def picture(text: str, gap: float = 30.0, wide: float = 1.0) -> Image.Image:
    """Dark ink on white paper: the hand-made digits of text (tests/model/number_shapes.py),
    `wide` times as wide, its "-" a filled flat bar at mid-height and its "." a filled square
    on the line."""
    img = Image.new("L", (int(len(text) * (70 * wide + gap)) + 60, 160), 235)
    draw = ImageDraw.Draw(img)
    x, top = 30.0, 30.0
    for ch in text:
        if ch == "-":
            draw.rectangle((x, top + 50 - DASH[1] / 2, x + DASH[0], top + 50 + DASH[1] / 2), fill=20)
            x += DASH[0] + gap
        elif ch == ".":
            draw.rectangle((x, top + 100 - SQUARE, x + SQUARE, top + 100), fill=20)
            x += SQUARE + gap
        else:
            for s in digit(ch, 0.0, top):
                xy = [(x + wide * px, py) for px, py in s.tolist()]
                draw.line(xy, fill=20, width=PEN, joint="curve")
                for px, py in (xy[0], xy[-1]):
                    draw.ellipse((px - PEN / 2, py - PEN / 2, px + PEN / 2, py + PEN / 2), fill=20)
            x += wide * width(ch) + gap
    return img


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


@pytest.mark.parametrize(
    ("text", "wide", "number", "shown"),
    [
        ("-5", 1.0, "-5", "-5"),
        ("-5", WIDE, "-5", "-5"),
        ("-20", 1.0, "-20", "-20"),
        ("555-1234", 1.0, None, "555-1234"),
        ("555-1234", WIDE, None, "555-1234"),
        ("3.14", WIDE, "3.14", "3.14"),
        ("4.44", WIDE, "4.44", "4.44"),
        ("7.4", WIDE, "7.4", "7.4"),
    ],
)
def test_picture_marks_read_as_in_ink(predictor, text, wide, number, shown):
    """A minus first is part of the number; a dash later is shown and makes it no number; a bold
    square point is a point, not a 0, also beside digits cut into short pieces."""
    got = predictor.predict_number_image(picture(text, wide=wide))
    assert got.text == shown
    assert (got.problem() == "") == (number is not None)


def test_a_dash_blob_is_never_a_digit_candidate(predictor):
    """The recognizer never sees a dash on its own: every candidate it is asked about is higher
    than a flat bar (a bar rendered alone would read as a 1 or a 7)."""
    seen: list[np.ndarray] = []

    def spy(images: np.ndarray) -> np.ndarray:
        seen.extend(images)  # (28,28) each
        return predictor._number_probabilities(images)

    assert read_number_image(picture("-5"), spy).text == "-5"
    assert read_number_image(picture("555-1234"), spy).text == "555-1234"
    assert seen
    for image in seen:
        rows = np.flatnonzero((image > 0.2).any(axis=1))
        cols = np.flatnonzero((image > 0.2).any(axis=0))
        assert rows[-1] - rows[0] + 1 > 0.35 * (cols[-1] - cols[0] + 1)  # not a flat bar


def test_a_dash_blob_has_the_ink_dash_shape():
    """The picture path's dash is segment_marks' own test (one rule for ink and pictures)."""
    line = 100.0
    assert dash_shaped(DASH[0], DASH[1], line)
    assert not dash_shaped(DASH[0], 40, line)  # too high for its width: a digit's piece
    assert not dash_shaped(10, 2, line)  # too short: a speck or a point
    assert not dash_shaped(600, 200, line)  # flat but as tall as the digits: a form's row of boxes


def test_numbers_with_marks_through_the_command_line(tmp_path, capsys):
    """`digitpad predict IMAGE --number` (the real entry point) on the three kinds of mark."""
    paths = []
    for name, text in [("minus5", "-5"), ("phone", "555-1234"), ("pi", "3.14"), ("seven", "7.4")]:
        paths.append(tmp_path / f"{name}.png")
        picture(text, wide=WIDE).save(paths[-1])
    assert cli_main(["predict", *map(str, paths), "--number"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [obj["number"] for obj in lines] == ["-5", None, "3.14", "7.4"]
    assert "".join(c["text"] for c in lines[1]["characters"]) == "555-1234"
    assert "not a number" in lines[1]["reason"]


@pytest.mark.parametrize(
    ("name", "number", "shown"),
    [
        ("p-5.png", "-5", "-5"),
        ("p-5b.png", "-5", "-5"),
        ("nminus5.png", "-5", "-5"),
        ("p555-1234.png", None, "555-1234"),
        ("nphone.png", None, "555-1234"),
        ("n3.14.png", "3.14", "3.14"),
    ],
)
def test_newcomer_pictures(predictor, name, number, shown):
    """The newcomer's own pictures (nc4): "-5" read "55" or "not a digit", "555-1234" read
    "55551234" / "55521234", a bold square point read as 0 ("3014")."""
    got = predictor.predict_number_image(NEWCOMER / name)
    assert got.text == shown
    assert (got.problem() == "") == (number is not None)

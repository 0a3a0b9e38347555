"""A 1-3 px brush on a large picture (a paint program's canvas) keeps its strokes when
the picture is shrunk to the working size (model/pictures/images.py shrink): the digit
and a number are read, not "not a digit" or a fragment. The kind at scale is
bench/photo_cases.py thin-large (tests/model/test_photo_kinds.py reads it too)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from bench.photo_cases import _unit_box, draw_strokes
from model.pictures.images import THIN_KEEP, WORK_SIDE, shrink

INKS = Path(__file__).resolve().parents[1] / "data" / "inks" / "uji-sample.jsonl"


def samples() -> list[tuple[list[np.ndarray], int]]:
    lines = [json.loads(line) for line in INKS.read_text().splitlines() if line.strip()]
    return [(_unit_box([np.asarray(s, np.float64)[:, :2] for s in d["strokes"]]), int(d["label"])) for d in lines]


@pytest.mark.parametrize("side", [1000, 1600, 2600, 4000])
@pytest.mark.parametrize(("paper", "ink"), [(1.0, 0.0), (0.0, 1.0), (0.75, 0.25)])
def test_a_one_pixel_line_keeps_its_contrast(side, paper, ink):
    gray = np.full((side, side), paper, np.float32)
    gray[side // 3 : 2 * side // 3, side // 2] = ink  # an upright 1-px line
    gray[side // 2, side // 4 : 3 * side // 4] = ink  # and a flat one
    work = shrink(gray, WORK_SIDE)
    assert max(work.shape) == WORK_SIDE
    kept = np.abs(work - paper).max() / abs(ink - paper)
    assert kept >= 0.3  # averaged alone it keeps WORK_SIDE / side: 0.26 at 1,000 px, 0.06 at 4,000
    assert np.median(work) == pytest.approx(paper)  # the paper stays the paper


def test_a_small_picture_is_not_changed():
    gray = np.random.default_rng(0).random((200, 256)).astype(np.float32)
    assert shrink(gray, WORK_SIDE) is gray


def test_a_normal_stroke_hardly_grows():
    """A 30-px stroke on a 2,000-px picture: 3.84 working px wide, at most THIN_KEEP more."""
    gray = np.ones((2000, 2000), np.float32)
    gray[:, 1000:1030] = 0.0
    row = shrink(gray, WORK_SIDE)[WORK_SIDE // 2]
    assert 3.8 <= float((1 - row).sum()) <= 30 * WORK_SIDE / 2000 + THIN_KEEP + 0.05


@pytest.mark.parametrize("side", [1200, 2000, 2600])
def test_digits_drawn_with_a_one_pixel_brush_read_right(side, predictor):
    wrong = []
    for n, (strokes, label) in enumerate(samples()):
        img = Image.new("L", (side, side), 255 if n % 2 else 210)
        draw_strokes(ImageDraw.Draw(img), strokes, (0.3 * side, 0.25 * side, 0.45 * side), 1.0, 0 if n % 2 else 60)
        got = predictor.predict_image(img)
        if got.digit != label:
            wrong.append((n, label, got.digit, got.not_digit))
    assert len(wrong) <= 1, wrong


def test_a_number_drawn_with_a_one_pixel_brush_reads_right(predictor):
    digits = {label: strokes for strokes, label in samples()}
    text = "".join(str(d) for d in sorted(digits))[:5]
    img = Image.new("L", (3000, 1000), 255)
    draw = ImageDraw.Draw(img)
    for k, ch in enumerate(text):
        draw_strokes(draw, digits[int(ch)], (300 + 480 * k, 300, 400), 1.0, 0)
    assert predictor.predict_number_image(img).text == text


LARGE = Path(__file__).resolve().parents[1] / "data" / "large-pictures"  # a newcomer's pictures


@pytest.mark.parametrize(
    ("name", "expected"),
    [("screenshot-2024.png", "2024"), ("blank-squared.png", ""), ("squared-thin-7.png", "7")],
)
def test_pictures_not_all_hairlines_are_shrunk_as_they_are(name, expected, predictor):
    """A 1920-px screenshot of a number in ordinary strokes among small UI text, blank
    squared paper of 1-px lines at 2,600 px, a 2-px 7 on it: widened, the text grew into
    blobs ("not a digit") and the grid into a "1" (model/pictures/images.py shrink)."""
    assert predictor.read_picture(LARGE / name)[0].text == expected

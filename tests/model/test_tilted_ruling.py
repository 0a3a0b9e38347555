"""Ruled paper photographed a few degrees askew is levelled before its lines are removed
(model/pictures/ruling_tilt.py); pictures without rulings are left as they are."""

from __future__ import annotations

import io
import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from bench.photo_cases import _unit_box, draw_strokes
from model.pictures.ruling_tilt import TILT_STEP, level, ruling_tilt

INKS = Path(__file__).resolve().parents[1] / "data" / "inks" / "uji-sample.jsonl"


def samples(count: int = 20) -> list[tuple[list[np.ndarray], int]]:
    lines = [json.loads(line) for line in INKS.read_text().splitlines() if line.strip()][:count]
    return [(_unit_box([np.asarray(s, np.float64)[:, :2] for s in d["strokes"]]), int(d["label"])) for d in lines]


def turned(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, turn, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def notebook(strokes, angle: float, size=(800, 960), spacing=40, digit_lines=3.0, seed=0) -> Image.Image:
    """A blue-pen digit `digit_lines` rulings tall on ruled paper (2-px blue lines), the
    photo turned by `angle` degrees, slightly blurred, with grain, as a JPEG."""
    w, h = size
    img = Image.new("RGB", size, (240, 240, 236))
    draw = ImageDraw.Draw(img)
    for y in range(spacing // 2, h, spacing):
        draw.line((0, y, w, y), fill=(150, 175, 220), width=2)
    side = spacing * digit_lines
    draw_strokes(draw, strokes, (w / 2 - side / 2, h / 2 - side / 2, side), 0.07 * side, 0)
    rgb = np.asarray(img, np.float32)
    rgb[..., 2] = np.maximum(rgb[..., 2], 110 * (rgb[..., 0] < 60))  # the ink is blue
    out = cv2.GaussianBlur(turned(rgb, angle), (0, 0), 0.7)
    out += np.random.default_rng(seed).normal(0, 6, out.shape)  # the paper's grain, the sensor's noise
    buf = io.BytesIO()
    Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)).save(buf, "JPEG", quality=85)
    return Image.open(io.BytesIO(buf.getvalue()))


def ruling(shape=(256, 220), spacing=11) -> np.ndarray:
    mask = np.zeros(shape, np.uint8)
    mask[5::spacing] = 1
    return mask


@pytest.mark.parametrize("angle", [-4.0, -1.5, 1.0, 2.5, 5.0])
def test_the_tilt_of_a_ruling_is_found(angle):
    mask = turned(ruling().astype(np.float32), angle) > 0.5
    assert ruling_tilt(mask) == pytest.approx(-angle, abs=TILT_STEP)


def test_level_rulings_and_pictures_without_them_are_left_alone():
    assert ruling_tilt(ruling().astype(bool)) == 0.0
    seven = np.zeros((120, 100), bool)
    seven[10:18, 10:90] = True  # a bar across most of the picture
    seven[18:110, 70:78] = True
    assert ruling_tilt(turned(seven.astype(np.float32), 3.0) > 0.5) == 0.0  # one bar is no ruling
    assert ruling_tilt(np.zeros((28, 28), bool)) == 0.0


@pytest.mark.parametrize("angle", [-6.0, -1.0, 0.5, 3.0])
@pytest.mark.parametrize("shape", [(100, 120), (900, 400), (300, 1200)])
def test_levelling_keeps_only_what_the_picture_fills(angle, shape):
    """No corner the rotation leaves is in the result: a picture of ones with a border of
    zeros would show them."""
    out, _ = level(np.pad(np.ones(shape, np.float32), 1), angle)
    assert out.min() > 0.99
    assert out.shape[0] >= 0.55 * shape[0] and out.shape[1] >= 0.55 * shape[1]  # 6 degrees: 57% of a 4:1 strip


@pytest.mark.parametrize(
    ("angle", "digit_lines", "most_wrong"),
    [
        (2.0, 3.0, 2),  # levelled 0 of 20 wrong, unlevelled 3
        (-3.5, 3.0, 2),  # levelled 1, unlevelled 3
        (2.0, 2.0, 2),  # levelled 0, unlevelled 20; (-3.5, 2.0): 7 and 20
    ],
)
def test_digits_on_a_tilted_notebook_page_read_right(angle, digit_lines, most_wrong, predictor):
    wrong = []
    for n, (strokes, label) in enumerate(samples()):
        got = predictor.predict_image(notebook(strokes, angle, digit_lines=digit_lines, seed=n))
        if got.digit != label:
            wrong.append((n, label, got.digit, got.not_digit))
    assert len(wrong) <= most_wrong, wrong


@pytest.mark.parametrize("angle", [-4.0, 2.5])
def test_boxes_in_the_levelled_picture_map_back_to_the_picture_as_it_was(angle):
    gray = np.zeros((300, 400), np.float32)
    gray[80:120, 250:300] = 1.0  # a mark, (x0, y0, x1, y1) = (250, 80, 300, 120)
    out, levelled = level(gray, angle)
    ys, xs = np.nonzero(out > 0.5)
    back = levelled.box_back((xs.min(), ys.min(), xs.max() + 1, ys.max() + 1))
    # the box round the turned mark holds the mark, and is little larger
    assert back[0] <= 251 and back[1] <= 81 and back[2] >= 299 and back[3] >= 119
    assert back[0] >= 235 and back[1] >= 65 and back[2] <= 315 and back[3] <= 135


def test_a_number_on_a_tilted_notebook_page_is_read_with_its_boxes(predictor):
    """Rulings too faint for the digit's own mask still set the tilt (the number path sees
    them): unlevelled, "41" on a page turned 3 degrees read "5532525225252555"."""
    (three, _), (five, _) = samples(20)[3], samples(20)[5]
    strokes = [s * [0.45, 1.0] for s in three] + [s * [0.45, 1.0] + [0.55, 0.0] for s in five]
    img = notebook(strokes, 3.0, digit_lines=2.0)
    number, _ = predictor.read_picture(img)
    assert number.text == "35"
    for c in number.characters:
        x0, y0, x1, y1 = c.box
        assert 340 < x0 < x1 < 460 and 420 < y0 < y1 < 540  # round the digits, in the picture's px

"""Light paper in uneven light (corners falling to 55-70% of the middle: a desk lamp, a
phone's lens) is still paper, and faint ink on it is dark ink (digit_finder.ink_is_dark,
_lit_middle); light ink on dark paper stays light ink.

Before, the border ring's tone decided alone: darker than the picture's middle tone, it
was taken for dark paper, the lit middle for one blob of light ink, and the picture was
"not a digit" (a newcomer's grey-pen photos with corners at 70%: 1 of 24 read). The files
in tests/data/uneven-light are two of them (a grey pen, and a pencil shrunk to half)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from bench.photo_cases import _unit_box, draw_strokes
from model.pictures.digit_finder import ink_is_dark

DATA = Path(__file__).resolve().parents[1] / "data"
INKS = DATA / "inks" / "uji-sample.jsonl"


def samples(count: int = 20) -> list[tuple[list[np.ndarray], int]]:
    lines = [json.loads(line) for line in INKS.read_text().splitlines() if line.strip()][:count]
    return [(_unit_box([np.asarray(s, np.float64)[:, :2] for s in d["strokes"]]), int(d["label"])) for d in lines]


def lit(size: tuple[int, int], corners: float, centre=(0.5, 0.5)) -> np.ndarray:
    """(H, W) paper at 0.95 round `centre` (fractions of the sides), `corners` of that in the corners."""
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w]
    r = np.hypot(xx / w - centre[0], yy / h - centre[1]) / math.hypot(0.5, 0.5)
    return 0.95 * (1 - (1 - corners) * np.clip(r, 0, 1) ** 2)


def ink_layer(size, strokes, pen: float) -> np.ndarray:
    w, h = size
    img = Image.new("L", size, 0)
    side = 0.45 * min(w, h)
    draw_strokes(ImageDraw.Draw(img), strokes, ((w - side) / 2, (h - side) / 2, side), pen, 255)
    return np.asarray(img.filter(ImageFilter.GaussianBlur(0.8)), np.float32) / 255


@pytest.mark.parametrize("name", ["greypen-corners-70-2.jpg", "faint-pencil-5.jpg"])
def test_a_newcomers_photos_in_uneven_light_read_right(name, predictor):
    assert predictor.predict_image(DATA / "uneven-light" / name).digit == int(name[-5])


@pytest.mark.parametrize("corners", [0.55, 0.7])
def test_faint_ink_on_paper_with_dark_corners_reads_right(corners, predictor):
    rng = np.random.default_rng(int(corners * 100))
    wrong = []
    for n, (strokes, label) in enumerate(samples()):
        size = (420, 360)
        paper = lit(size, corners, (0.4 + 0.2 * rng.random(), 0.4 + 0.2 * rng.random()))
        gray = paper * (1 - 0.35 * ink_layer(size, strokes, 6)) + rng.normal(0, 0.01, paper.shape[::1])
        img = Image.fromarray(np.clip(gray * 255, 0, 255).astype(np.uint8))
        assert ink_is_dark(np.asarray(img, np.float32) / 255)
        got = predictor.predict_image(img)
        if got.digit != label:
            wrong.append((n, label, got.digit, got.not_digit))
    assert len(wrong) <= 1, wrong


@pytest.mark.parametrize("spot", [False, True])
def test_light_ink_on_dark_paper_stays_light(spot):
    """Chalk on a board (under a spotlight, too), and a blurred white bold digit cropped
    tight: the light strokes are the ink."""
    strokes, _ = samples(1)[0]
    size = (400, 300)
    board = 0.2 + (0.12 * (1 - lit(size, 0.2)) if spot else 0)  # a spot: the middle lighter
    chalk = np.clip(board + 0.65 * ink_layer(size, strokes, 8), 0, 1)
    assert not ink_is_dark(chalk.astype(np.float32))
    bold = ink_layer((120, 120), strokes, 26)[20:100, 20:100]  # (80,80) mostly ink, blurred
    assert not ink_is_dark((0.1 + 0.8 * bold).astype(np.float32))

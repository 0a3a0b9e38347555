""" "Not a digit" on pictures built here (noise, smileys, letter-like scribbles) and never
on real digits (MNIST pictures, pen inks drawn as pictures); bench/notdigit_eval.py
measures both rates at scale."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from model.predictor import Predictor
from model.training.data import load_data
from tests.conftest import MNIST_MINI

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    p = Predictor.load()
    assert p.not_digit is not None, "assets/notdigit.pt is missing"
    return p


def noise(seed: int, cell: int) -> Image.Image:
    """Random gray cells of `cell` px on a 200 x 160 picture."""
    g = np.random.default_rng(seed).integers(0, 256, (160 // cell + 1, 200 // cell + 1), dtype=np.uint8)
    return Image.fromarray(g).resize((200, 160), Image.Resampling.NEAREST)


def smiley(size: int, pen: int, happy: bool = True) -> Image.Image:
    img = Image.new("L", (size, size), 255)
    d = ImageDraw.Draw(img)
    m, c, e = size * 0.12, size / 2, size * 0.05
    d.ellipse((m, m, size - m, size - m), outline=0, width=pen)
    for x in (c - size * 0.14, c + size * 0.14):
        d.ellipse((x - e, c - size * 0.12 - e, x + e, c - size * 0.12 + e), fill=0)
    box = (c - size * 0.2, c - size * 0.05, c + size * 0.2, c + size * 0.22)
    d.arc(box, 20, 160, fill=0, width=pen) if happy else d.arc(
        (box[0], c + 0.12 * size, box[2], c + 0.35 * size), 200, 340, fill=0, width=pen
    )
    return img


def drawn(strokes, size: int = 240, pen: int = 10) -> Image.Image:
    """Strokes in a unit box (y down) drawn dark on white, filling 70% of the picture."""
    img = Image.new("L", (size, size), 255)
    d = ImageDraw.Draw(img)
    for s in strokes:
        d.line([(size * (0.15 + 0.7 * x), size * (0.15 + 0.7 * y)) for x, y in s], fill=0, width=pen, joint="curve")
    return img


def zigzag(turns: int) -> list:
    return [[(i / turns, float(i % 2)) for i in range(turns + 1)]]


LETTER_LIKE = {  # letter-like scribbles: capitals drawn as strokes, a zig-zag, a loop chain
    "W": [[(0, 0), (0.25, 1), (0.5, 0.3), (0.75, 1), (1, 0)]],
    "K": [[(0, 0), (0, 1)], [(0.9, 0), (0, 0.55), (1, 1)]],
    "H": [[(0, 0), (0, 1)], [(1, 0), (1, 1)], [(0, 0.5), (1, 0.5)]],
    "M": [[(0, 1), (0, 0), (0.5, 0.6), (1, 0), (1, 1)]],
    "zigzag": zigzag(7),
    "loops": [[(t / 80 + 0.1 * math.cos(t / 4), 0.5 + 0.3 * math.sin(t / 4)) for t in range(81)]],
}
DIGIT_INKS = {  # pen digits drawn the common way
    1: [[(0.5, 0), (0.5, 1)]],
    4: [[(0.6, 0), (0, 0.65), (1, 0.65)], [(0.75, 0.3), (0.75, 1)]],
    7: [[(0, 0), (1, 0), (0.35, 1)]],
    0: [[(0.5 + 0.45 * math.cos(t / 10), 0.5 + 0.5 * math.sin(t / 10)) for t in range(66)]],
    2: [[(0.05, 0.25), (0.3, 0), (0.75, 0), (0.95, 0.25), (0.85, 0.5), (0, 1), (1, 1)]],
}


def test_noise_is_not_a_digit(predictor):
    preds = [predictor.predict_image(noise(seed, cell)) for seed in range(3) for cell in (1, 4, 12)]
    # The target is 90% of non-digits: one noise picture in nine may hold a digit-like blob.
    assert sum(p.digit is None for p in preds) >= 8, [p.digit for p in preds]
    assert sum(p.not_digit for p in preds) >= 8  # fine noise: no strokes found, a texture


def test_blank_paper_is_blank_not_noise(predictor):
    for gray in (np.full((160, 200), 235, np.uint8), np.tile(np.linspace(140, 250, 200), (160, 1)).astype(np.uint8)):
        p = predictor.predict_image(gray)
        assert p.digit is None and not p.not_digit and "blank" in p.message


def test_blurred_noise_is_not_a_digit(predictor):
    preds = [predictor.predict_image(noise(seed, 6).filter(ImageFilter.GaussianBlur(2))) for seed in range(4)]
    assert all(p.digit is None for p in preds), [p.digit for p in preds]


@pytest.mark.parametrize("size,pen,happy", [(120, 3, True), (200, 5, True), (300, 8, False), (160, 12, True)])
def test_a_smiley_is_not_a_digit(predictor, size, pen, happy):
    p = predictor.predict_image(smiley(size, pen, happy))
    assert p.not_digit and p.digit is None, p.digit


@pytest.mark.parametrize("name", sorted(LETTER_LIKE))
def test_a_letter_like_scribble_is_not_a_digit(predictor, name):
    p = predictor.predict_image(drawn(LETTER_LIKE[name]))
    assert p.not_digit and p.digit is None, p.digit


def test_mnist_digits_as_pictures_are_read(predictor):
    data = load_data(MNIST_MINI, "test")
    images = [Image.fromarray(255 - x).resize((112, 112), Image.Resampling.BILINEAR) for x in data.images.numpy()]
    preds = predictor.predict_many_images(images)  # 300 real test digits
    assert sum(p.not_digit for p in preds) <= 3  # at most 1%


@pytest.mark.parametrize("label", sorted(DIGIT_INKS))
@pytest.mark.parametrize("pen", [3, 10, 24])
def test_pen_digits_drawn_as_pictures_are_read(predictor, label, pen):
    p = predictor.predict_image(drawn(DIGIT_INKS[label], pen=pen))
    assert not p.not_digit and p.digit == label, (p.digit, p.message)


def test_the_command_line_says_not_a_digit_and_reads_the_digit(tmp_path):
    files = {"noise.png": noise(0, 12), "smiley.png": smiley(200, 5), "w.png": drawn(LETTER_LIKE["W"])}
    files["seven.png"] = drawn(DIGIT_INKS[7])
    for name, img in files.items():
        img.save(tmp_path / name)
    res = subprocess.run(
        [sys.executable, "-m", "app", "predict", *(str(tmp_path / n) for n in files)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    out = [json.loads(line) for line in res.stdout.splitlines()]
    assert [o["digit"] for o in out] == [None, None, None, 7], out
    assert all("not a digit" in o["reason"] for o in out[:3])

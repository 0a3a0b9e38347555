"""Pictures with more than the digit: lines, grids, frames, shadows, the desk, thin and
bold strokes, tight crops (bench/photo_cases.py makes them; bench/photo_eval.py
measures them at scale). Each kind is a test; the finder's pieces have their own."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from bench.photo_cases import DIGIT_KINDS, DigitSource, _unit_box, make_case
from model.pen.ink import stroke_width
from model.pictures.digit_finder import choose_digit, components, ink_contrast, ink_mask, light_ink, remove_lines
from model.pictures.images import image_to_mnist
from model.predictor import Predictor
from model.training.data import load_data
from tests.conftest import MNIST_MINI

TESTS = Path(__file__).resolve().parents[1]
CASES = next((p / "shared" / "cases" / "images" for p in TESTS.parents if (p / "shared" / "cases").is_dir()), None)
PER_KIND = 12


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


@pytest.fixture(scope="module")
def source() -> DigitSource:
    """MNIST test digits (the committed few hundred) and the committed UJI pen digits."""
    data = load_data(MNIST_MINI, "test")
    lines = (TESTS / "data" / "inks" / "uji-sample.jsonl").read_text().splitlines()
    samples = [json.loads(line) for line in lines if line.strip()]
    inks = [_unit_box([np.asarray(s, dtype=np.float64)[:, :2] for s in d["strokes"]]) for d in samples]
    return DigitSource(data.images.numpy(), data.labels.numpy(), inks, np.array([int(d["label"]) for d in samples]))


@pytest.mark.parametrize("kind", list(DIGIT_KINDS))
def test_each_kind_of_picture_reads_right(kind, source, predictor):
    wrong = []
    for i in range(PER_KIND):
        img, label = make_case(kind, i, source, seed=11)
        got = predictor.predict_image(img).digit
        if got != label:
            wrong.append((i, label, got))
    assert len(wrong) <= PER_KIND // 12, wrong  # at most one in twelve (the set is small)


@pytest.mark.skipif(CASES is None, reason="the shared example pictures are not beside the checkout")
def test_the_shared_example_pictures(predictor):
    files = sorted(CASES.glob("*.png"))
    assert files
    got = {f.stem: predictor.predict_image(f).digit for f in files}
    assert got == {f.stem: int(f.stem[-1]) for f in files}


def ruled_page(digit_ink: np.ndarray, gap: int = 14) -> np.ndarray:
    """(H, W) gray paper with ruled lines every `gap` px and a digit's ink (1 = ink) on it."""
    page = np.full(digit_ink.shape, 0.92, np.float32)
    page[::gap] = 0.55
    return page * (1 - 0.85 * digit_ink)


def test_a_ruling_is_removed_and_the_digit_kept():
    ink = np.zeros((160, 220), np.float32)
    ink[40:120, 100:106] = 1  # a vertical stroke crossing five lines
    ink[40:46, 80:106] = 1  # its flag
    mask = ink_mask(ink_contrast(light_ink(ruled_page(ink))))
    kept, removed = remove_lines(mask)
    assert removed[::14].sum() > 0.8 * 220 * (160 // 14)  # the lines went
    assert kept[40:120, 100:106].mean() > 0.95 and kept[40:46, 80:100].mean() > 0.9  # the digit stayed
    assert kept.sum() < 1.2 * ink.sum()


def test_a_digits_own_long_bar_stays_in_a_tight_crop():
    mask = np.zeros((60, 60), bool)
    mask[0:6, :] = True  # a 7's bar across the whole picture
    for r in range(6, 60):  # its stem, down to the left
        c = int(54 - (r - 6) * 0.7)
        mask[r, c : c + 6] = True
    kept, removed = remove_lines(mask)
    assert not removed.any() and kept.sum() == mask.sum()


def test_components_are_reusable_for_several_digits():
    img = Image.new("L", (300, 120), 255)
    d = ImageDraw.Draw(img)
    d.line([(50, 20), (50, 100)], fill=0, width=8)  # a 1
    d.ellipse((180, 20, 240, 100), outline=0, width=8)  # a 0
    gray = np.asarray(img, np.float32) / 255
    contrast = ink_contrast(light_ink(gray))
    comps, labels = components(ink_mask(contrast), contrast)
    boxes = sorted(c.box[0] for c in comps)
    assert len(comps) == 2 and boxes[0] < 60 < 170 < boxes[1]
    assert all(6 <= c.width <= 10 for c in comps) and labels.max() == 2
    assert len(choose_digit(comps, gray.shape)) == 1  # one digit per picture: the heavier


@pytest.mark.parametrize("pen", [1, 2, 40, 60])
def test_thin_and_bold_strokes_reach_the_model_at_mnist_width(pen):
    img = Image.new("L", (400, 400), 255)
    ImageDraw.Draw(img).line([(150, 80), (260, 80), (170, 330)], fill=0, width=pen, joint="curve")  # a 7
    width = float(stroke_width(image_to_mnist(img)))  # px in the 28x28 frame
    assert 1.8 <= width <= 4.4  # within MNIST: median 2.6, 1st..98th percentile 1.8..4.3


def test_a_bold_digit_cropped_tight_is_not_taken_for_the_paper(predictor):
    img = Image.new("L", (200, 300), 255)
    ImageDraw.Draw(img).ellipse((5, 5, 195, 150), outline=0, width=45)
    ImageDraw.Draw(img).ellipse((0, 130, 200, 300), outline=0, width=50)  # an 8 touching all sides
    arr = np.asarray(img)
    assert (arr < 128).mean() > 0.5
    out = image_to_mnist(img)
    assert out[14, 14] > 0.5  # the waist of the 8 is ink, not a hole
    assert predictor.predict_image(img).digit == 8

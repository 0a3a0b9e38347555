"""A picture grainy all over (noise, a texture: model/pictures/images.py _is_texture) makes
the "not a digit" check doubt, as a picture of too many loops does: it is turned away
NOT_DIGIT_DOUBT_MARGIN sooner. Noise pictures of bench/photo_cases.py that read as a
digit went from 19 of 200 to 14 (seed 7); photos of digits, even on squared paper or
grainy, are not grainy enough to be doubted."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from bench.photo_cases import DIGIT_KINDS, load_source, make_case
from model.formats import NOT_DIGIT_DOUBT_MARGIN
from model.pictures.images import image_to_input
from model.predictor import Predictor
from model.training.data import load_data
from tests.conftest import MNIST_MINI


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


def noisy_seven(grain: float) -> Image.Image:
    """A 7 on paper with Gaussian grain of `grain` (0..255 levels)."""
    img = Image.new("L", (240, 240), 235)
    ImageDraw.Draw(img).line([(50, 50), (190, 50), (90, 200)], fill=40, width=14)
    noise = np.random.default_rng(0).normal(0, grain, (240, 240))
    return Image.fromarray(np.clip(np.asarray(img, np.float64) + noise, 0, 255).astype(np.uint8))


def test_grain_all_over_makes_the_check_doubt(predictor, monkeypatch):
    found = image_to_input(noisy_seven(60))
    assert found.doubtful and not found.clean
    assert not image_to_input(noisy_seven(3)).doubtful  # a camera's grain on paper
    # a threshold just above the picture's score: the check alone calls it a digit
    score = float(predictor.not_digit.scores(found.image[None])[0])
    monkeypatch.setattr(predictor.not_digit, "threshold", score + NOT_DIGIT_DOUBT_MARGIN / 2)
    assert not predictor.not_digit.rejects(found.image[None])[0]
    assert predictor.predict_image(noisy_seven(60)).not_digit


@pytest.mark.parametrize("kind", list(DIGIT_KINDS))
def test_photos_of_digits_are_rarely_doubted_and_never_turned_away_for_it(predictor, kind):
    test = load_data(MNIST_MINI, "test")
    src = load_source((test.images.numpy(), test.labels.numpy()), limit=300)
    found = [image_to_input(make_case(kind, i, src, seed=7)[0]) for i in range(12)]
    doubted = [f for f in found if f.doubtful]  # squared paper's grid can be grainy enough
    assert len(doubted) <= 1
    for f in doubted:
        assert not predictor.not_digit.rejects(f.image[None], margin=NOT_DIGIT_DOUBT_MARGIN, clean=f.clean)[0]

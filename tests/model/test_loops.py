"""A picture whose ink encloses more loops than any digit is a scribble, not a digit
(model/pictures/loops.py); real digits (an 8, a slashed 0, digits gone over twice) are
still read, and drawn ink is left to the "not a digit" check."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image, ImageDraw

from bench.photo_cases import load_source, make_case
from model.formats import NOT_DIGIT_DOUBT_MARGIN, NOT_DIGIT_LOOPS_REASON
from model.pictures.images import image_to_input
from model.pictures.loops import MAX_DIGIT_LOOPS, enclosed_loops, too_many_loops
from model.predictor import Predictor
from model.training.data import load_data
from tests.conftest import MNIST_MINI


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


def drawn(strokes: list[list[tuple[float, float]]], side: int = 240, pen: int = 5) -> Image.Image:
    """Strokes in a unit box drawn dark on white paper, the ink filling 70% of the side."""
    img = Image.new("L", (side, side), 255)
    d = ImageDraw.Draw(img)
    for s in strokes:
        d.line([(side * (0.15 + 0.7 * x), side * (0.15 + 0.7 * y)) for x, y in s], fill=0, width=pen, joint="curve")
    return img


def star(points: int, step: int, turns: int = 1) -> list[tuple[float, float]]:
    """A star polygon {points/step} in the unit box, drawn `turns` times (one stroke)."""
    k = np.arange(points * turns + 1) * step * 2 * math.pi / points
    return [(0.5 + 0.5 * math.sin(a), 0.5 - 0.5 * math.cos(a)) for a in k]


def circle(cx: float, cy: float, r: float, n: int = 48) -> list[tuple[float, float]]:
    return [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in np.linspace(0, 2 * math.pi, n)]


# Tangles: a star crossing itself (a heptagram encloses 15 regions), a zigzag over a
# zigzag (a lattice of cells), a loop of loops.
TANGLES = {
    "heptagram": [star(7, 3)],
    "pentagram twice": [star(5, 2, 2), circle(0.5, 0.5, 0.5)],
    "lattice": [
        [(x / 6, (x % 2) * 1.0) for x in range(7)],
        [((x % 2) * 1.0, x / 6) for x in range(7)],
    ],
    "loop of loops": [
        [
            (0.5 + 0.35 * math.cos(t) + 0.15 * math.cos(6 * t), 0.5 + 0.35 * math.sin(t) + 0.15 * math.sin(6 * t))
            for t in np.linspace(0, 2 * math.pi, 200)
        ]
    ],
}


def as_mask(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("L")) < 128


def test_loops_are_counted_as_enclosed_paper_not_pinholes():
    assert enclosed_loops(as_mask(drawn([circle(0.5, 0.5, 0.5)]))) == 1
    eight = [circle(0.5, 0.25, 0.25), circle(0.5, 0.75, 0.25)]
    assert enclosed_loops(as_mask(drawn(eight))) == 2
    slashed_zero = [circle(0.5, 0.5, 0.5), [(0.2, 0.95), (0.8, 0.05)]]
    assert enclosed_loops(as_mask(drawn(slashed_zero))) == 2
    assert enclosed_loops(as_mask(drawn([[(0, 0), (1, 1)]]))) == 0
    assert enclosed_loops(np.zeros((5, 5), bool)) == 0
    pinholes = np.ones((60, 60), bool)
    pinholes[10:50:8, 10:50:8] = False  # 25 one-pixel holes: specks of paper, not loops
    assert enclosed_loops(pinholes) == 0
    assert not too_many_loops(as_mask(drawn(eight)))


@pytest.mark.parametrize("name", TANGLES)
def test_tangles_enclose_more_loops_than_a_digit(name):
    assert enclosed_loops(as_mask(drawn(TANGLES[name]))) > MAX_DIGIT_LOOPS


@pytest.mark.parametrize("name", TANGLES)
@pytest.mark.parametrize("side,pen", [(120, 2), (300, 6), (600, 9)])
def test_a_tangled_picture_is_not_a_digit(predictor, name, side, pen):
    p = predictor.predict_image(drawn(TANGLES[name], side, pen))
    assert p.not_digit and p.digit is None
    assert p.message == NOT_DIGIT_LOOPS_REASON


@pytest.mark.parametrize("name", TANGLES)
def test_a_tangled_drawing_is_left_to_the_check(predictor, name):
    """Drawn ink is not counted (a digit gone over twice on the canvas would be taken for
    a scribble); the check turns these tangles away with its own reason."""
    ink = [[(200 * x, 200 * y) for x, y in s] for s in TANGLES[name]]
    p = predictor.predict_strokes(ink, check_not_digit=True)
    assert p.not_digit and p.message != NOT_DIGIT_LOOPS_REASON
    number, whole = predictor.read_drawing(ink)
    assert number.not_digit and number.text == ""


# Scribbles of bench/photo_cases.py (seed 3) that the "not a digit" network took for
# digits (a 8, a 7, a 2, a 9) before loops were counted.
@pytest.mark.parametrize("i", [22, 63, 99, 131])
def test_scribbles_the_check_network_took_for_digits(predictor, i):
    img, _ = make_case("scribble", i, None, seed=3)
    assert predictor.predict_image(img).message == NOT_DIGIT_LOOPS_REASON


def test_real_digits_are_not_scribbles(predictor):
    # an 8 and a slashed 0 drawn, and every MNIST digit as a picture
    for strokes in (
        [circle(0.5, 0.25, 0.25), circle(0.5, 0.75, 0.25)],
        [circle(0.5, 0.5, 0.5), [(0.2, 0.95), (0.8, 0.05)]],
    ):
        assert predictor.predict_image(drawn(strokes)).message != NOT_DIGIT_LOOPS_REASON
    test = load_data(MNIST_MINI, "test")
    src = load_source((test.images.numpy(), test.labels.numpy()), limit=300)
    pics = [make_case("clean", i, src, seed=4)[0] for i in range(150)]
    pics += [Image.fromarray(255 - x).resize((112, 112)) for x in test.images.numpy()]
    messages = [p.message for p in predictor.predict_many_images(pics)]
    assert NOT_DIGIT_LOOPS_REASON not in messages


def twice(strokes: list[list[tuple[float, float]]], drift: float) -> list[list[tuple[float, float]]]:
    """Each stroke gone over again, `drift` of the box away and wandering by as much."""
    out = []
    for s in strokes:
        n = len(s)
        again = [
            (x + drift * (1 + math.sin(2 * math.pi * k / n)), y + drift * math.cos(3 * math.pi * k / n))
            for k, (x, y) in enumerate(s)
        ]
        out += [s, again]
    return out


@pytest.mark.parametrize("drift", [0.02, 0.04])
def test_a_digit_gone_over_twice_is_still_read(predictor, drift):
    """The slivers of paper between two passes are long and thin, not loops. (An 8 gone
    over 6% of its size away with a fine pen encloses six lens-shaped loops: a scribble.)"""
    zero = [circle(0.5, 0.5, 0.45)]
    eight = [circle(0.5, 0.27, 0.23) + circle(0.5, 0.73, 0.27)]
    six = [[(0.7, 0.05), (0.35, 0.4)] + circle(0.5, 0.72, 0.27)[24:] + circle(0.5, 0.72, 0.27)[:25]]
    for strokes in (zero, eight, six):
        again = twice(strokes, drift)
        assert predictor.predict_image(drawn(again, 300, 4)).message != NOT_DIGIT_LOOPS_REASON


# Scribbles of bench/photo_cases.py enclosing exactly three loops (that an earlier check, at
# its own threshold, took for digits): three loops make the check doubt (NOT_DIGIT_DOUBT_MARGIN).
@pytest.mark.parametrize("seed,i", [(1, 198), (1, 221), (3, 23), (3, 91)])
def test_three_loops_make_the_check_doubt(predictor, seed, i, monkeypatch):
    img, _ = make_case("scribble", i, None, seed=seed)
    x, doubtful, _ = image_to_input(img)
    assert doubtful
    # a threshold just above the scribble's score: the check alone calls it a digit
    score = float(predictor.not_digit.scores(x[None])[0])
    monkeypatch.setattr(predictor.not_digit, "threshold", score + NOT_DIGIT_DOUBT_MARGIN / 2)
    assert not predictor.not_digit.rejects(x[None])[0]
    assert predictor.predict_image(img).not_digit
    [many] = predictor.predict_many_images([img])
    assert many.not_digit


def test_a_digit_with_three_loops_is_still_read(predictor):
    six = [[(0.7, 0.05), (0.35, 0.4)] + circle(0.5, 0.72, 0.27)[24:] + circle(0.5, 0.72, 0.27)[:25]]
    looped = six + [circle(0.25, 0.72, 0.07), circle(0.75, 0.72, 0.07)]  # two small loops where it crosses
    img = drawn(looped, 300, 8)
    assert image_to_input(img)[1]
    assert predictor.predict_image(img).digit == 6


def test_the_margin_only_lowers_the_threshold_where_it_is_given(predictor):
    check = predictor.not_digit
    x = np.stack(
        [image_to_input(drawn(s))[0] for s in ([circle(0.5, 0.5, 0.45)], [[(0.2, 0.1), (0.8, 0.1), (0.4, 1)]])]
    )
    scores = check.scores(x)  # (2,)
    assert list(check.rejects(x)) == list(scores > check.threshold)
    margin = np.array([0.0, 100.0])
    assert list(check.rejects(x, margin=margin)) == [scores[0] > check.threshold, True]

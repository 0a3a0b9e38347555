"""The continental 1: a long flag rising to the top of a bare stem, as much of Europe writes it.

Many German hands start the flag near the stem's foot: the 1 is a "^" with one upright
leg. Real 1s of that shape (DigiLeTs, bench/digilets_eval.py) were turned away as "not
a digit" when drawn alone: the world form that taught the check (model/pen/ink_synth.py
continental_one) drew flags of at most three quarters of the height, on the real 1's
stem with its foot. The inks below are built here from plain geometry, as a person
draws them on the canvas (canvas pixels, y down), not with the code that made the
training data.
"""

from __future__ import annotations

import numpy as np
import pytest

from model.pen.ink_synth import LONG_FLAG, continental_one
from model.predictor import Predictor
from tests.model.test_pen_forms import polyline

PRINTED_ONE = [  # a real-looking 1 to build on: a short flag, the stem, a foot (y down)
    np.array([[40.0, 30.0], [60.0, 10.0], [60.0, 60.0], [60.0, 110.0]]),
    np.array([[45.0, 110.0], [75.0, 110.0]]),
]


def _rise(ink) -> float:
    """How far below the top the first point of the ink lies, as a share of its height."""
    pts = np.concatenate(ink)
    top, bottom = pts[:, 1].min(), pts[:, 1].max()
    start = min(ink, key=lambda s: s[0, 0])[0]  # the flag's start is the leftmost first point
    return float((start[1] - top) / (bottom - top))


def test_half_the_continental_ones_have_a_long_flag_on_a_bare_stem():
    rng = np.random.default_rng(0)
    made = [continental_one(PRINTED_ONE, rng) for _ in range(400)]
    bare = [ink for ink in made if not any(np.ptp(s[:, 1]) < 1e-9 for s in ink)]  # no foot (a flat stroke)
    long_flags = [ink for ink in bare if _rise(ink) > 0.5]
    assert 0.3 < len(long_flags) / len(made) < 0.6
    assert max(_rise(ink) for ink in long_flags) > 0.85  # some start near the stem's foot
    for ink in made:
        pts = np.concatenate(ink)
        assert np.isfinite(pts).all()
        assert pts[:, 1].min() == pytest.approx(10.0) and pts[:, 1].max() <= 110.0 + 1e-9  # never below the foot
    assert LONG_FLAG[1] > 1.0  # longer than the stem is tall, when the flag is not steep


def test_the_flag_is_drawn_with_the_stem_or_apart():
    rng = np.random.default_rng(1)
    strokes = [len(continental_one(PRINTED_ONE, rng)) for _ in range(400)]
    assert {1, 2} <= set(strokes)


LONG_FLAG_ONES = {  # canvas pixels, y down; each drawn in one move, flag first
    "the flag from the stem's foot": [polyline((45, 225), (150, 40), (150, 240))],
    "the flag from 85% down": [polyline((55, 200), (145, 40), (150, 240))],
    "the stroke back over the flag": [polyline((50, 215), (150, 40), (135, 100), (175, 240))],
    "a rounded top": [polyline((50, 210), (120, 70), (140, 42), (150, 50), (152, 240))],
}


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


@pytest.mark.parametrize("name", list(LONG_FLAG_ONES))
def test_a_long_flagged_one_drawn_alone_reads_one_not_not_a_digit(predictor, name):
    """The app's reading of the canvas (read_drawing) with the bundled check; the first
    and the third were "Not a digit" with the check before (stop 20's)."""
    number, whole = predictor.read_drawing(LONG_FLAG_ONES[name])
    assert (number.text, whole) == ("1", None)
    assert predictor.predict_strokes(LONG_FLAG_ONES[name], check_not_digit=True).digit == 1

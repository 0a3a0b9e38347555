"""Hershey stroke-font letters and symbols (bench/hershey_letters.py): the not-a-digit
check's training data renders like drawn ink, and so do its other new marks
(bench/notdigit_marks.py); the shipped check turns printed letters away."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bench.hershey_letters import FONTS, SYMBOLS, glyph_strokes, hand_varied, hershey_char
from bench.notdigit_data import DIGIT_SHAPED, FONT_LETTERS, hershey, marks
from bench.notdigit_marks import MARKS, lissajous, star, word
from model.ood import bundled_check
from model.pen.ink import render_ink
from tests.conftest import REPO


@pytest.mark.parametrize("font", FONTS)
def test_every_font_draws_every_letter_and_symbol_we_ask_for(font):
    for ch in FONT_LETTERS + SYMBOLS:
        strokes = glyph_strokes(font, ch)
        assert all(s.ndim == 2 and s.shape[1] == 2 and np.isfinite(s).all() for s in strokes), ch
        assert np.ptp(np.concatenate(strokes), axis=0).max() > 0, ch  # not a dot


def test_a_missing_character_is_a_value_error():
    with pytest.raises(ValueError, match="no"):
        glyph_strokes("futural", "\u4e00")


def test_only_letters_that_are_not_digit_shaped_are_made():
    assert not set(DIGIT_SHAPED) & set(FONT_LETTERS)
    assert not set("0123456789|/\\()[]-_!") & set(SYMBOLS)  # a bar, a slash, a bracket or a "!" is a 1


@pytest.mark.parametrize("font", ["futural", "scripts", "timesi"])
def test_a_hershey_letter_renders_to_a_valid_28x28_ink_image(font):
    x = render_ink(glyph_strokes(font, "W"))
    assert x.shape == (28, 28) and x.dtype == np.float32
    assert 0 <= x.min() and x.max() <= 1 and x.max() > 0.9
    rows, cols = np.flatnonzero(x.max(axis=1) > 0.1), np.flatnonzero(x.max(axis=0) > 0.1)
    extent = max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1
    assert 18 <= extent <= 22  # fitted into MNIST's 20x20 box (and the pen's width)
    assert rows[0] > 0 and cols[0] > 0 and rows[-1] < 27 and cols[-1] < 27


def test_hand_variation_moves_the_points_but_keeps_the_strokes():
    rng = np.random.default_rng(0)
    ink = glyph_strokes("rowmans", "K")
    varied = hand_varied([s.copy() for s in ink], rng, 1.0)
    assert [len(s) for s in varied] == [len(s) for s in ink]
    moved = np.abs(np.concatenate(varied) - np.concatenate(ink)).max()
    size = np.ptp(np.concatenate(ink), axis=0).max()
    assert 0.005 * size < moved < 0.5 * size


def test_the_generator_is_seeded():
    a = render_ink(hershey_char(np.random.default_rng(3), FONT_LETTERS))
    b = render_ink(hershey_char(np.random.default_rng(3), FONT_LETTERS))
    c = render_ink(hershey_char(np.random.default_rng(4), FONT_LETTERS))
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_the_training_sets_are_inputs_of_the_check():
    parts = hershey(6, seed=1)
    assert set(parts) == {
        "hershey letter inks",
        "hershey letter pictures",
        "hershey symbol inks",
        "hershey symbol pictures",
    }
    assert len(parts["hershey letter inks"]) == 6 and len(parts["hershey symbol inks"]) == 2
    for v in parts.values():
        assert v.ndim == 3 and v.shape[1:] == (28, 28) and v.dtype == np.float32
        assert len(v) and 0 <= v.min() and v.max() <= 1


# -- more marks (bench/notdigit_marks.py) ----------------------------------------------------
@pytest.mark.parametrize("kind", sorted(MARKS))
def test_every_mark_renders_to_a_valid_28x28_ink_image(kind):
    for seed in range(5):
        ink = MARKS[kind](np.random.default_rng(seed))
        assert all(s.ndim == 2 and s.shape[1] == 2 and np.isfinite(s).all() for s in ink)
        x = render_ink(ink)
        assert x.shape == (28, 28) and x.max() > 0.9 and x.sum() > 20


def test_a_word_is_letters_side_by_side():
    rng = np.random.default_rng(2)
    ink = word(rng, "W")
    pts = np.concatenate(ink)
    width, height = np.ptp(pts, axis=0)
    assert width > 1.5 * height  # two W's or more, next to each other
    assert render_ink(ink).shape == (28, 28)


def test_stars_and_figures_are_drawn_in_one_stroke_that_closes():
    for make in (star, lissajous):
        (stroke,) = make(np.random.default_rng(0))
        assert np.linalg.norm(stroke[0] - stroke[-1]) < 0.2 * np.ptp(stroke, axis=0).max()


def test_the_marks_set_holds_inks_and_pictures():
    parts = marks(4, seed=1)
    assert len(parts["mark inks"]) == 4 and 1 <= len(parts["mark pictures"]) <= 2
    assert all(v.shape[1:] == (28, 28) and v.dtype == np.float32 for v in parts.values())


# -- the shipped check on them -----------------------------------------------------------------
PRINT_FONTS = ("futural", "rowmans", "timesr")  # upright print: what the check must know
CLEAR = "AEFHKMNRTUVWXYaehkmnrtuvwxy"  # letters that are no digit's shape in print


def test_the_check_turns_away_printed_hershey_letters_and_keeps_pen_digits():
    check = bundled_check()
    assert check is not None, "assets/notdigit.pt is missing"
    letters = np.stack([render_ink(glyph_strokes(font, ch)) for font in PRINT_FONTS for ch in CLEAR])  # (81,28,28)
    assert check.rejects(letters).all()
    samples = (REPO / "assets" / "samples" / "inks.jsonl").read_text(encoding="utf-8").splitlines()
    digits = np.stack([render_ink(json.loads(line)["strokes"]) for line in samples])  # (20,28,28) pen digits
    assert not check.rejects(digits).any()

"""Whole numbers from ink and images: segmentation by recognition (model/segmentation/segment.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from model.predictor import Predictor
from model.segmentation.number_synth import by_writer, make_numbers, read_pendigits
from model.segmentation.segment import line_height, reading_order

from .number_shapes import SHAPES, digit, number, width


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


def read(predictor, strokes) -> str:
    return predictor.predict_number(strokes).text


@pytest.mark.parametrize("label", sorted(SHAPES))
def test_a_single_digit_is_a_number_of_length_one(predictor, label):
    strokes = SHAPES[label]
    single = predictor.predict_strokes(strokes)
    result = predictor.predict_number(strokes)
    assert result.text == str(single.digit) == label
    (char,) = result.characters
    assert char.strokes == tuple(range(len(strokes)))
    np.testing.assert_allclose(char.probabilities, single.probabilities, atol=1e-6)
    np.testing.assert_array_equal(char.image, single.image)


def test_empty_ink_reads_nothing(predictor):
    for ink in ([], [[]], [[], []]):
        result = predictor.predict_number(ink)
        assert result.text == "" and result.characters == ()
        assert "nothing to recognize" in result.to_dict()["error"]


def test_malformed_ink_raises(predictor):
    with pytest.raises(ValueError):
        predictor.predict_number([[(0, 0), (float("nan"), 1)]])
    with pytest.raises(ValueError):
        predictor.predict_number("12")


@pytest.mark.parametrize("text", ["2024", "4747", "5740", "1954", "7", "45", "90210", "31415926"])
def test_multi_stroke_digits_are_grouped(predictor, text):
    assert read(predictor, number(text)) == text


def test_slashed_zero_and_crossed_seven_stay_one_digit(predictor):
    zero = digit("0", 0) + [np.linspace((50, 5), (8, 95), 8)]  # a slash through the 0
    seven = digit("7", 100)
    assert read(predictor, zero + seven) == "07"


def test_late_strokes(predictor):
    """The 4's second stroke and the 7's crossbar written after the next digit was started."""
    four, seven, two = digit("4", 0), digit("7", 90), digit("2", 180)
    strokes = [four[0], seven[0], four[1], two[0], seven[1]]
    result = predictor.predict_number(strokes)
    assert result.text == "472"
    assert [c.strokes for c in result.characters] == [(0, 2), (1, 4), (3,)]


@pytest.mark.parametrize("gap", [0.0, -4.0])
def test_touching_neighbours(predictor, gap):
    for text in ("2024", "5740", "9386", "4444"):
        assert read(predictor, number(text, gap=gap)) == text


def test_different_sizes_and_a_wavy_baseline(predictor):
    strokes, x = [], 0.0
    for k, (label, scale) in enumerate(zip("20245", (1.0, 0.7, 1.25, 0.85, 1.1))):
        strokes += digit(label, x, 15 * np.sin(k) + (1 - scale) * 100, scale)
        x += width(label, scale) + 30
    assert read(predictor, strokes) == "20245"


def test_decimal_point_dot_or_tiny_stroke(predictor):
    result = predictor.predict_number(number("3.14"))
    assert result.text == "3.14"
    point = result.characters[1]
    assert point.text == "." and point.probabilities is None and point.image is None
    tiny = number("3.14")
    tiny[1] = np.array([[70.0, 95.0], [73.0, 97.0], [71.0, 99.0]])  # a tiny stroke, not a tap
    assert read(predictor, tiny) == "3.14"
    assert read(predictor, number("0.25")) == "0.25"


def test_a_dot_inside_a_digit_is_not_a_decimal_point(predictor):
    strokes = digit("1", 0) + [np.array([[22.0, 98.0]])] + digit("2", 60)  # a tap at the foot of the 1
    assert read(predictor, strokes) == "12"


def test_leading_minus(predictor):
    assert read(predictor, number("-7")) == "-7"
    assert read(predictor, number("-2.5")) == "-2.5"


def test_characters_own_every_stroke_once_with_their_boxes(predictor):
    strokes = number("-31.47")
    strokes.insert(3, np.zeros((0, 2)))  # an empty stroke is skipped
    result = predictor.predict_number(strokes)
    assert result.text == "-31.47"
    owned = sorted(i for c in result.characters for i in c.strokes)
    assert owned == [i for i, s in enumerate(strokes) if len(s)]
    for c in result.characters:
        pts = np.concatenate([strokes[i] for i in c.strokes])
        assert c.box == pytest.approx((*pts.min(axis=0), *pts.max(axis=0)))
        if c.is_digit:
            assert c.image.shape == (28, 28) and c.probabilities.shape == (10,)
            assert c.text == str(int(c.probabilities.argmax()))
    assert [c.box[0] for c in result.characters] == sorted(c.box[0] for c in result.characters)
    obj = result.to_dict()
    assert obj["number"] == "-31.47" and len(obj["characters"]) == 6 and "probabilities" not in obj["characters"][0]


def test_line_height_ignores_dots_and_crossbars():
    boxes = np.array([[0, 0, 50, 100], [60, 50, 90, 55], [100, 95, 102, 97], [110, 4, 160, 98]], float)
    assert line_height(boxes) == pytest.approx(97)
    assert list(reading_order(boxes[::-1])) == [3, 2, 1, 0]


# -- images -------------------------------------------------------------------------
def ink_image(strokes, pen: float = 9, pad: int = 30) -> Image.Image:
    """Dark ink on white paper, like a scan."""
    pts = np.concatenate(strokes)
    lo = pts.min(axis=0) - pad
    size = tuple(int(v) for v in pts.max(axis=0) - lo + pad)
    img = Image.new("L", size, 235)
    draw = ImageDraw.Draw(img)
    for s in strokes:
        xy = [tuple(p) for p in (s - lo).tolist()]
        if len(xy) > 1:
            draw.line(xy, fill=20, width=int(pen), joint="curve")
        for x, y in (xy[0], xy[-1]):
            draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=20)
    return img


def test_image_of_several_digits(predictor):
    img = ink_image(number("2024"))
    result = predictor.predict_number_image(img)
    assert result.text == "2024"
    boxes = [c.box for c in result.characters]
    assert [b[0] for b in boxes] == sorted(b[0] for b in boxes)
    assert all(0 <= b[0] < b[2] <= img.width and 0 <= b[1] < b[3] <= img.height for b in boxes)
    for c in result.characters:
        assert c.mask is not None and c.mask.any() and c.image.shape == (28, 28)


def test_image_with_a_decimal_point_and_touching_digits(predictor):
    assert predictor.predict_number_image(ink_image(number("3.14"))).text == "3.14"
    assert predictor.predict_number_image(ink_image(number("20", gap=0))).text == "20"  # one blob, cut


def test_image_of_one_digit_agrees_with_the_single_digit_path(predictor, tmp_path):
    path = tmp_path / "seven.png"
    ink_image(SHAPES["7"]).save(path)
    assert predictor.predict_number_image(path).text == str(predictor.predict_image(path).digit) == "7"


def test_blank_and_unreadable_images(predictor, tmp_path):
    assert predictor.predict_number_image(Image.new("L", (200, 80), 255)).text == ""
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    with pytest.raises(ValueError):
        predictor.predict_number_image(bad)


# -- real pen digits ------------------------------------------------------------------
def test_numbers_from_real_pen_digits(predictor, pendigits_file):
    """Writers 21-30 (the segmentation was tuned on 1-20): counts and whole numbers."""
    samples = by_writer(read_pendigits(pendigits_file))
    for touching, min_count in ((False, 0.95), (True, 0.9)):
        numbers = make_numbers(samples, list(range(21, 31)), 60, seed=5 + touching, touching=touching)
        got = [read(predictor, n.strokes) for n in numbers]
        count = np.mean([len(g) == len(n.text) for g, n in zip(got, numbers)])
        assert count >= min_count, (touching, count)


def test_a_cache_gives_the_same_answers_and_skips_known_groups(predictor):
    calls = []
    original = predictor._number_probabilities

    def counting(images):
        calls.append(len(images))
        return original(images)

    cache: dict = {}
    strokes = number("2024")
    fresh = predictor.predict_number(strokes)
    predictor._number_probabilities = counting
    classified = []  # images classified by each call of predict_number (in one or more batches)
    try:
        for ink in (strokes, strokes, strokes + digit("7", 330)):
            calls.clear()
            classified.append((predictor.predict_number(ink, cache=cache), sum(calls)))
    finally:
        del predictor._number_probabilities
    (first, n_first), (again, n_again), (more, n_more) = classified
    assert first.text == again.text == fresh.text == "2024" and more.text == "20247"
    for a, b in zip(fresh.characters, again.characters):
        np.testing.assert_array_equal(a.probabilities, b.probabilities)
        np.testing.assert_array_equal(a.image, b.image)
    assert n_first > 0 and n_again == 0 and 0 < n_more < n_first  # nothing new the second time; only the 7's groups


def test_a_short_minus_is_a_minus_not_a_point_or_nothing():
    """A newcomer's minus signs, 35 to 90 px wide beside 170 px digits at mid-height
    (tests/model/data/newcomer_minus.jsonl): short ones were read as '.' or dropped."""
    import json

    predictor = Predictor.load()
    lines = (Path(__file__).parent / "data" / "newcomer_minus.jsonl").read_text().splitlines()
    read = [predictor.predict_number(json.loads(line)["strokes"]).text for line in lines]
    assert read == ["-35", "-35", "-35", "-35", "-35", "-3"]


def test_a_lone_dot_is_no_number():
    """A single dot came out as the number "." (a newcomer's find)."""
    predictor = Predictor.load()
    for ink in ([[[100.0, 100.0]]], [[[100.0, 100.0], [100.0, 100.0]]]):  # a tap: one point, or one place
        result = predictor.predict_number(ink)
        assert result.text == "" and not result.characters and "nothing to recognize" in result.message

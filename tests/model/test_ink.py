"""Rendering ink as MNIST was made: geometry, stroke width, invariances, edge cases."""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.pen.ink import ink_to_array, render_ink, stroke_width
from model.preprocess import BOX_SIZE, INK_THRESHOLD, MNIST_CENTER, NothingToRecognize, center_of_mass
from model.trajectory_net.trajectory import trajectory_features

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "inks" / "uji-sample.jsonl"
MNIST_WIDTH_RANGE = (2.0, 3.9)  # 5th..95th percentile of MNIST stroke widths (bench/uji_eval.py --stroke-stats)


def sample_inks() -> list[list]:
    return [json.loads(line)["strokes"] for line in SAMPLE.read_text().splitlines()]


def bbox(img: np.ndarray) -> tuple[int, int]:
    rows = np.flatnonzero(img.max(axis=1) > INK_THRESHOLD)
    cols = np.flatnonzero(img.max(axis=0) > INK_THRESHOLD)
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def circle(cx=0.0, cy=0.0, rx=50.0, ry=70.0, n=200) -> list:
    t = np.linspace(0, 2 * math.pi, n)
    return [np.c_[cx + rx * np.cos(t), cy + ry * np.sin(t)].tolist()]


@pytest.fixture(scope="module")
def rendered() -> np.ndarray:
    return np.stack([render_ink(ink) for ink in sample_inks()])  # (20,28,28)


def test_output_is_a_28x28_float_image_in_unit_range(rendered):
    assert rendered.shape == (20, 28, 28) and rendered.dtype == np.float32
    assert rendered.min() >= 0 and rendered.max() <= 1 and rendered.max() > 0.9


def test_center_of_mass_is_within_half_a_pixel_of_mnist_center(rendered):
    for img in rendered:
        cy, cx = center_of_mass(img)
        assert abs(cy - MNIST_CENTER) <= 0.5 and abs(cx - MNIST_CENTER) <= 0.5


def test_the_digit_fits_the_20x20_box_keeping_its_aspect(rendered):
    for img in rendered:
        h, w = bbox(img)
        assert max(h, w) in (BOX_SIZE, BOX_SIZE + 1) and min(h, w) >= 3
    tall = render_ink(circle(rx=20, ry=80))
    h, w = bbox(tall)
    assert h >= BOX_SIZE and w <= 10  # a narrow shape stays narrow


def test_a_one_stays_thin():
    h, w = bbox(render_ink([[(100, 10), (100, 300)]]))
    assert h >= BOX_SIZE and w <= 4


def test_stroke_width_is_in_the_mnist_range(rendered):
    widths = stroke_width(rendered)
    assert MNIST_WIDTH_RANGE[0] <= widths.min() and widths.max() <= MNIST_WIDTH_RANGE[1]
    assert 2.3 <= float(np.median(widths)) <= 3.0  # MNIST's quartiles: 2.29 .. 3.01


def test_edges_are_as_soft_as_mnist(rendered):
    partly = ((rendered > 0.1) & (rendered < 0.9)).sum(axis=(1, 2))
    fully = (rendered >= 0.9).sum(axis=(1, 2))
    assert 0.85 <= float(np.median(partly / fully)) <= 1.25  # MNIST: 1.02


@pytest.mark.parametrize("scale, shift", [(1.0, (300.0, -40.0)), (0.05, (0.0, 0.0)), (7.5, (-1e4, 2e3))])
def test_translating_and_scaling_the_ink_changes_nothing(scale, shift):
    for ink in sample_inks()[:6]:
        moved = [[(x * scale + shift[0], y * scale + shift[1]) for x, y in stroke] for stroke in ink]
        assert np.abs(render_ink(moved) - render_ink(ink)).max() < 0.1


def test_rendering_is_a_pure_function_of_the_ink():
    ink = sample_inks()[3]
    assert np.array_equal(render_ink(ink), render_ink(ink))
    with_extra = [[(x, y, 0.5, i * 10.0) for i, (x, y) in enumerate(stroke)] for stroke in ink]
    assert np.array_equal(render_ink(with_extra), render_ink(ink))  # pressure and time ignored
    as_arrays = [np.asarray(stroke) for stroke in ink]
    assert np.array_equal(render_ink(as_arrays), render_ink(ink))


@pytest.mark.parametrize("ink", [[], [[]], [[], []]])
def test_empty_ink_is_nothing_to_recognize(ink):
    with pytest.raises(NothingToRecognize, match="nothing to recognize"):
        render_ink(ink)


def test_a_single_point_or_repeated_point_is_a_dot_not_a_digit():
    for ink in (
        [[(5, 5)]],
        [[(5, 5)] * 50],
        [[(5, 5)], [(5, 5, 1.0)]],
        [[(0, 0), (5e-324, 0)]],
        [[(1e9, 0), (1e9, 1e-12)]],
        [[(10, 10), (10, 10.0000001)]],  # a newcomer's: read as a confident 1
        [[(10, 10), (10.001, 10)], [(10.0005, 10.0005)]],  # 0.001 canvas px
    ):
        with pytest.raises(NothingToRecognize, match="dot"):
            render_ink(ink)
        with pytest.raises(NothingToRecognize, match="dot"):
            trajectory_features(ink)


def test_the_smallest_real_inks_are_not_dots():
    render_ink([[(0, 0), (0, 0.5)]])  # half a canvas pixel: tiny, but a stroke
    render_ink([[(0.1, 0.1), (0.9, 0.2), (0.3, 0.9)]])  # normalized coordinates


def test_a_single_straight_stroke_spans_the_box():
    h, w = bbox(render_ink([[(0, 0), (100, 0)]]))
    assert w in (BOX_SIZE, BOX_SIZE + 1) and h <= 4
    h, w = bbox(render_ink([[(0, 0), (100, 100)]]))
    assert max(h, w) in (BOX_SIZE, BOX_SIZE + 1)


def test_tiny_and_huge_drawings_render_like_normal_ones():
    ink = circle()
    normal = render_ink(ink)
    tiny = [[(x * 1e-4, y * 1e-4) for x, y in s] for s in ink]
    huge = [[(x * 1e7 + 1e9, y * 1e7) for x, y in s] for s in ink]
    assert np.abs(render_ink(tiny) - normal).max() < 0.1
    assert np.abs(render_ink(huge) - normal).max() < 0.1


def test_thousands_of_points_and_repeats():
    t = np.linspace(0, 6 * math.pi, 20_000)
    spiral = [np.c_[t * np.cos(t), t * np.sin(t)].tolist()]
    assert render_ink(spiral).max() > 0.9
    ink = circle()
    repeated = [[p for p in s for _ in range(5)] for s in ink]
    assert np.abs(render_ink(repeated) - render_ink(ink)).max() < 1e-6


def test_a_dot_beside_a_stroke_is_kept():
    img = render_ink([[(0, 0), (0, 100)], [(30, -20)]])
    assert bbox(img)[1] > 4  # the dot widened the digit


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_nan_or_infinite_coordinates_are_a_clear_error(bad):
    with pytest.raises(ValueError, match="NaN or infinite"):
        render_ink([[(0, 0), (bad, 5)]])


def test_coordinates_too_large_to_subtract_are_a_clear_error():
    with pytest.raises(ValueError, match="too large"):
        render_ink([[(-1.7e308, 0), (1.7e308, 1)]])


@pytest.mark.parametrize(
    "bad", ["strokes", [["ab"]], [[(1,)]], [[("x", 2)]], [[None]], {"strokes": []}, 42, [[{"x": 1}]]]
)
def test_malformed_ink_is_a_clear_value_error(bad):
    with pytest.raises(ValueError) as exc:
        render_ink(bad)
    assert not isinstance(exc.value, NothingToRecognize)


def test_mixed_point_lengths_in_one_stroke():
    strokes = ink_to_array([[(0, 0), (1, 2, 0.5), [3, 4, 0.2, 100]]])
    assert strokes[0].tolist() == [[0, 0], [1, 2], [3, 4]]


coordinate = st.floats(allow_nan=True, allow_infinity=True, width=64) | st.integers(-(10**6), 10**6)
point = st.tuples(coordinate, coordinate) | st.tuples(coordinate, coordinate, st.floats(0, 1))
random_ink = st.lists(st.lists(point, max_size=30), max_size=6)


@settings(max_examples=150, deadline=None)
@given(random_ink)
def test_random_inks_render_or_raise_a_value_error(ink):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no overflow or invalid-value arithmetic either
            img = render_ink(ink)
    except ValueError as exc:
        assert str(exc)
        return
    assert img.shape == (28, 28) and np.isfinite(img).all()
    assert 0 <= img.min() and img.max() <= 1 and img.max() > 0

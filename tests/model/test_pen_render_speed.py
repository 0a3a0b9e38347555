"""model/pen/ink.py draws its joints with an inlined copy of Pillow's joint="curve" code
(for speed, model/pen/ink_joints.py); it must give Pillow's pixels exactly, and the whole
renderer the very bytes of one that draws with Pillow's own line."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFilter

from model import preprocess
from model.pen import ink_joints
from model.pen.ink import EDGE_BLUR, PEN_WIDTH, SUPERSAMPLE, _curve_line, ink_to_array, render_ink
from model.preprocess import BOX_SIZE, INK_THRESHOLD, NothingToRecognize, to_mnist

from .number_shapes import number


@pytest.mark.parametrize("width", [3, 6, 13, 20])
@pytest.mark.parametrize("seed", range(6))
def test_curve_line_is_pillows_line_with_curve_joints(width, seed):
    rng = np.random.default_rng(seed)
    pts = np.round(np.cumsum(rng.normal(0, 8, (60, 2)), axis=0) + 100)  # (60,2) a scribble, snapped as _draw does
    pts[10:14] = pts[10] + np.arange(4)[:, None] * [3, 0]  # a straight run: no joints there
    coords = [tuple(p) for p in pts.tolist()]
    ours, pillows = Image.new("L", (220, 220), 0), Image.new("L", (220, 220), 0)
    draw = ImageDraw.Draw(ours)
    _curve_line(draw, coords, width, draw.draw.draw_ink(255))
    ImageDraw.Draw(pillows).line(coords, fill=255, width=width, joint="curve")
    assert np.array_equal(np.asarray(ours), np.asarray(pillows))
    assert np.asarray(ours).sum() > 0


# -- the whole renderer against a reference drawn by Pillow's own line ----------------------
SAMPLES = [Path(__file__).resolve().parents[1] / "data" / "inks" / "uji-sample.jsonl"]
SAMPLES.append(Path(__file__).resolve().parents[2] / "assets" / "samples" / "inks.jsonl")


def reference_render(ink) -> np.ndarray:
    """render_ink as it was written first: Pillow's draw.line(joint="curve") and draw.ellipse."""
    strokes = ink_to_array(ink)
    allpts = np.concatenate(strokes)  # (P,2)
    lo, size = allpts.min(axis=0), allpts.max(axis=0) - allpts.min(axis=0)
    pen = PEN_WIDTH * SUPERSAMPLE
    scale = (BOX_SIZE - PEN_WIDTH) * SUPERSAMPLE / float(size.max())
    w, h = (np.ceil(size * scale + 2 * pen).astype(int) + 1).tolist()
    canvas = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(canvas)
    r = pen / 2
    for pts in strokes:
        q = np.round((pts - lo) * scale + pen)  # (P,2) snapped to the canvas grid
        q = q[np.r_[True, (q[1:] != q[:-1]).any(axis=1)]]  # repeats dropped
        coords = [tuple(p) for p in q.tolist()]
        if len(coords) > 1:
            draw.line(coords, fill=255, width=int(round(pen)), joint="curve")
        for x, y in {coords[0], coords[-1]}:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
    canvas = canvas.filter(ImageFilter.GaussianBlur(EDGE_BLUR * SUPERSAMPLE))
    return to_mnist(np.asarray(canvas, dtype=np.float32) / 255.0)


def sample_inks() -> list:
    return [json.loads(line)["strokes"] for path in SAMPLES for line in path.read_text().splitlines()]


def candidate_groups() -> list:
    """Every run of 1-3 consecutive strokes of hand-made numbers: what segmentation renders."""
    inks = []
    for text in ("2024", "3.14", "-7", "45780", "1969"):
        strokes = number(text, gap=12.0, wave=6.0)
        inks += [strokes[i:j] for i in range(len(strokes)) for j in range(i + 1, min(i + 3, len(strokes)) + 1)]
    return inks


def test_render_ink_gives_the_reference_renderers_bytes_on_real_and_number_inks():
    inks = sample_inks() + candidate_groups()
    compared = 0
    for ink in inks:
        try:
            want = reference_render(ink)
        except (ValueError, ZeroDivisionError):  # a lone dot: render_ink says so itself
            with pytest.raises(NothingToRecognize):
                render_ink(ink)
            continue
        got = render_ink(ink)
        assert got.dtype == want.dtype and got.tobytes() == want.tobytes()
        compared += 1
    assert compared > 90


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.integers(-300, 300), st.integers(-300, 300)), min_size=1, max_size=40),
        min_size=1,
        max_size=4,
    )
)
def test_render_ink_gives_the_reference_renderers_bytes_on_random_inks(ink):
    try:
        want = reference_render(ink)
    except (ValueError, ZeroDivisionError):
        return  # a dot (all points equal): not a drawing; the ink tests cover it
    assert render_ink(ink).tobytes() == want.tobytes()


def reference_crop(ink: np.ndarray) -> np.ndarray:
    """to_mnist's crop as it was first written: rows and columns whose max passes the threshold."""
    rows = np.flatnonzero(ink.max(axis=1) > INK_THRESHOLD)
    cols = np.flatnonzero(ink.max(axis=0) > INK_THRESHOLD)
    return ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 60), st.integers(1, 60), st.floats(0.0, 1.0))
def test_to_mnist_crops_exactly_as_the_max_per_row_did(seed, h, w, density):
    rng = np.random.default_rng(seed)
    levels = np.array([0.0, INK_THRESHOLD, np.nextafter(np.float32(INK_THRESHOLD), 1), 0.5, 1.0, 1.5, -0.2], np.float32)
    ink = np.where(rng.random((h, w)) < density, rng.choice(levels, (h, w)), 0).astype(np.float32)  # (h,w)
    clipped = np.clip(ink, 0.0, 1.0)
    if not (clipped > INK_THRESHOLD).any():
        with pytest.raises(NothingToRecognize):
            to_mnist(ink)
        return
    crop = reference_crop(clipped)
    fitted = preprocess._fit_box(crop)
    assert to_mnist(ink).tobytes() == preprocess._center_by_mass(fitted).tobytes()


def test_a_full_joint_memo_starts_afresh_and_draws_the_same(monkeypatch):
    monkeypatch.setattr(ink_joints, "MEMO_LIMIT", 5)
    monkeypatch.setattr(ink_joints, "_memo", {})
    for ink in sample_inks()[:10]:
        assert render_ink(ink).tobytes() == reference_render(ink).tobytes()
        assert all(len(m) <= 5 + 200 for m in ink_joints._memo.values())  # cleared before each line past the limit

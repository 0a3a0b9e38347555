"""Lazy segmentation (model/segmentation/segment.py segment(..., lazy=True)) classifies only the candidates
the answer depends on. It must never change the answer: for any boxes and any recognizer,
it finds the segmentation that classifying every candidate finds."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.predictor import Predictor
from model.segmentation import segment, text_lines
from model.segmentation.number_synth import by_writer, make_numbers, read_pendigits
from tests.conftest import pendigits_path

from .number_shapes import number


class Recognizer:
    """A made-up recognizer: fixed probabilities per group of atoms, drawn from a seed.
    Records every group it is asked about."""

    def __init__(self, seed: int, sharp: float, unreadable: float = 0.0) -> None:
        self.seed, self.sharp, self.unreadable = seed, sharp, unreadable
        self.asked: list[tuple[int, ...]] = []

    def probabilities(self, group: tuple[int, ...]) -> np.ndarray | None:
        """(10,) float32, or None (the group cannot be rendered) for a share `unreadable`."""
        rng = np.random.default_rng([self.seed, *group])
        logits = rng.normal(size=10) * self.sharp  # (10,)
        if rng.random() < self.unreadable:
            return None
        p = np.exp(logits - logits.max())
        return (p / p.sum()).astype(np.float32)

    def __call__(self, groups: list[tuple[int, ...]]):
        self.asked += groups
        answers = [self.probabilities(g) for g in groups]
        read = [p for p in answers if p is not None]
        rows = list(np.cumsum([p is not None for p in answers]) - 1)
        rows = [int(r) if p is not None else None for r, p in zip(rows, answers)]
        probs = np.stack(read) if read else np.zeros((0, 10), np.float32)  # (M,10)
        return rows, probs  # rows valid for this call (segment reads them at once)


@st.composite
def lines(draw) -> np.ndarray:
    """(N, 4) boxes of a handwritten-looking line: digits, parts of digits, dots, overlaps."""
    n = draw(st.integers(1, 9))
    boxes, x = [], 0.0
    for _ in range(n):
        w = draw(st.floats(2.0, 60.0))
        h = draw(st.floats(2.0, 60.0))
        y0 = draw(st.floats(0.0, 60.0 - h)) if h < 60.0 else 0.0
        x += draw(st.floats(-40.0, 30.0))  # overlaps and gaps
        boxes.append([x, y0, x + w, y0 + h])
        x += w
    return np.array(boxes, dtype=np.float64)


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    seed=st.integers(0, 10_000),
    sharp=st.sampled_from([0.5, 2.0, 6.0]),
    unreadable=st.sampled_from([0.0, 0.0, 0.3]),
)
def test_lazy_segmentation_reads_what_classifying_every_candidate_reads(data, seed, sharp, unreadable):
    boxes = data.draw(lines())
    joined = frozenset((k, k + 1) for k in range(len(boxes) - 1) if data.draw(st.booleans()))  # cut blobs (images)
    eager, lazy = Recognizer(seed, sharp, unreadable), Recognizer(seed, sharp, unreadable)
    want = segment.segment(boxes, eager, joined=joined)
    got = segment.segment(boxes, lazy, lazy=True, joined=joined)
    assert [(g.atoms, g.label) for g in got] == [(g.atoms, g.label) for g in want]
    assert len(set(lazy.asked)) == len(lazy.asked)  # never the same group twice
    assert set(lazy.asked) <= set(eager.asked)  # only candidates
    for g in got:  # every digit it returns was classified, and its row is that of its group
        assert (g.candidate is None) == (g.label in ".-")


def test_a_clean_number_needs_about_one_candidate_per_digit():
    boxes = np.array([[70.0 * k, 0.0, 70.0 * k + 60.0, 100.0] for k in range(6)])  # six digits, close
    eager, lazy = Recognizer(1, 50.0), Recognizer(1, 50.0)  # a confident recognizer
    assert [g.atoms for g in segment.segment(boxes, lazy, lazy=True)] == [(k,) for k in range(6)]
    segment.segment(boxes, eager)
    assert sorted(lazy.asked) == [(k,) for k in range(6)] and len(eager.asked) > 6


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


def same_reading(a, b) -> bool:
    return a.text == b.text and [
        (c.text, c.strokes, c.box, None if c.image is None else c.image.tobytes()) for c in a.characters
    ] == [(c.text, c.strokes, c.box, None if c.image is None else c.image.tobytes()) for c in b.characters]


def test_predict_number_reads_what_classifying_every_candidate_reads(predictor, monkeypatch):
    inks = [number(text, gap=gap) for text in ("2024", "31.47", "-586", "90", "1111") for gap in (30.0, 4.0, -6.0)]
    path = pendigits_path()
    if path is not None:
        samples = by_writer(read_pendigits(path))
        for touching in (False, True):
            inks += [n.strokes for n in make_numbers(samples, list(range(21, 31)), 40, seed=11, touching=touching)]
    lazy = [predictor.predict_number(ink) for ink in inks]
    eager_segment = segment.segment
    # ink is segmented line by line (model/segmentation/text_lines.py), each line through segment()
    monkeypatch.setattr(text_lines, "segment", lambda *a, lazy=False, **k: eager_segment(*a, **k))
    for ink, got in zip(inks, lazy):
        want = predictor.predict_number(ink)
        assert same_reading(got, want), (got.text, want.text)
        for a, b in zip(got.characters, want.characters):
            if a.probabilities is not None:
                np.testing.assert_allclose(a.probabilities, b.probabilities, atol=1e-5)  # batches differ


def test_predict_number_image_reads_what_classifying_every_candidate_reads(predictor, monkeypatch):
    from .test_number import ink_image

    images = [ink_image(number(text, gap=gap)) for text in ("2024", "3.14", "-586", "90") for gap in (30.0, 0.0)]
    lazy = [predictor.predict_number_image(img) for img in images]
    eager_segment = segment.segment
    monkeypatch.setattr(text_lines, "segment", lambda *a, lazy=False, **k: eager_segment(*a, **k))  # lines, as ink
    for img, got in zip(images, lazy):
        want = predictor.predict_number_image(img)
        assert same_reading(got, want), (got.text, want.text)

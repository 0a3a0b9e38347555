"""Live recognition re-reads the whole ink on every stroke: answers for unchanged groups of
strokes are reused (model/segmentation/number_ink.py), and candidates are classified a few at a time.
Neither may ever change what is read: after any edit, reading with the cache gives what a
fresh reading gives."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from model.checkpoints.checkpoint import LoadedModel
from model.nets import build_model
from model.predictor import Predictor
from model.segmentation import number_ink

from .number_shapes import digit, number


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


def assert_same_reading(got, want) -> None:
    assert got.text == want.text
    assert len(got.characters) == len(want.characters)
    for a, b in zip(got.characters, want.characters):
        assert (a.text, a.strokes, a.box) == (b.text, b.strokes, b.box)
        assert (a.image is None) == (b.image is None) and (a.probabilities is None) == (b.probabilities is None)
        if a.image is not None:
            assert a.image.tobytes() == b.image.tobytes()
            np.testing.assert_allclose(a.probabilities, b.probabilities, atol=1e-5)  # batches may differ


def edits() -> list[tuple[str, list[np.ndarray]]]:
    """A drawing session: stroke by stroke, then undo, erase, move and reshape strokes."""
    full = number("2024.57", gap=20.0, wave=5.0)
    steps = [(f"{k} strokes", full[:k]) for k in range(1, len(full) + 1)]
    steps.append(("undo two", full[:-2]))
    steps.append(("erase a middle stroke", full[:2] + full[3:]))
    moved = [s.copy() for s in full]
    moved[1] = moved[1] + np.array([45.0, 0.0])
    steps.append(("move a stroke", moved))
    nudged = [s.copy() for s in full]
    nudged[0][len(nudged[0]) // 2] += (0.0, 30.0)
    steps.append(("one point moved", nudged))
    swapped = list(full)
    swapped[0] = digit("7", 0.0)[0][: len(full[0])]  # another shape, same place in the ink
    steps.append(("a stroke replaced", swapped))
    steps.append(("strokes reordered", full[::-1]))
    steps.append(("back to the start", full))
    steps.append(("cleared", []))
    steps.append(("drawn again", full))
    return steps


def test_after_every_edit_the_cache_reads_what_a_fresh_reading_reads(predictor):
    cache: dict = {}
    for name, strokes in edits():
        got = predictor.predict_number(strokes, cache=cache)
        want = predictor.predict_number(strokes)
        try:
            assert_same_reading(got, want)
        except AssertionError as exc:
            raise AssertionError(f"after '{name}': {exc}") from None


def test_a_cache_filled_by_one_model_is_never_used_by_another(predictor):
    torch.manual_seed(0)
    other = Predictor(LoadedModel(build_model("digitnet").eval(), "digitnet", None), not_digit=None)
    strokes = number("2024")
    cache: dict = {}
    predictor.predict_number(strokes, cache=cache)
    assert_same_reading(other.predict_number(strokes, cache=cache), other.predict_number(strokes))
    assert_same_reading(predictor.predict_number(strokes, cache=cache), predictor.predict_number(strokes))


def test_a_cache_past_its_limit_starts_afresh(predictor, monkeypatch):
    monkeypatch.setattr(number_ink, "CACHE_LIMIT", 5)
    cache: dict = {}
    for _name, strokes in edits()[:8]:
        assert_same_reading(predictor.predict_number(strokes, cache=cache), predictor.predict_number(strokes))
        assert len(cache) <= 5 + 1 + 3 * len(strokes)  # emptied before a reading that finds it too full


@pytest.mark.parametrize("chunk", [1, 3, 1 << 30])
def test_any_chunking_of_the_forward_passes_reads_the_same(predictor, monkeypatch, chunk):
    inks = [number(text, gap=15.0) for text in ("2024", "31.47", "-586", "90")]
    want = [predictor.predict_number(ink) for ink in inks]
    monkeypatch.setattr(number_ink, "FORWARD_CHUNK", chunk)
    for ink, w in zip(inks, want):
        assert_same_reading(predictor.predict_number(ink), w)

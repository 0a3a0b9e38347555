"""The ink renderer hands its 8-bit canvas to levels_to_mnist, which converts only the ink's
box to floats: it must give to_mnist's result on the whole canvas divided by 255, bit for
bit (the networks were trained on that path's pixels)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from model.preprocess import FIRST_INKED_LEVEL, INK_THRESHOLD, NothingToRecognize, levels_to_mnist, to_mnist


def as_floats(levels: np.ndarray) -> np.ndarray:
    return np.asarray(levels, dtype=np.float32) / 255.0  # what the renderer handed to_mnist before


def test_the_first_inked_level_is_where_the_float_path_starts_counting_ink():
    assert as_floats(np.array([FIRST_INKED_LEVEL]))[0] > INK_THRESHOLD
    assert not as_floats(np.array([FIRST_INKED_LEVEL - 1]))[0] > INK_THRESHOLD


@settings(max_examples=200, deadline=None)
@given(
    levels=arrays(np.uint8, st.tuples(st.integers(1, 120), st.integers(1, 120)), elements=st.integers(0, 255)),
    keep=st.floats(0.0, 1.0),
    seed=st.integers(0, 1000),
)
def test_levels_to_mnist_is_to_mnist_of_the_levels_over_255(levels, keep, seed):
    levels = levels.copy()
    levels[np.random.default_rng(seed).random(levels.shape) > keep] = 0  # sparse ink, margins, blanks
    try:
        want = to_mnist(as_floats(levels))
    except NothingToRecognize:
        with pytest.raises(NothingToRecognize):
            levels_to_mnist(levels)
        return
    got = levels_to_mnist(levels)
    assert got.dtype == want.dtype and got.tobytes() == want.tobytes()


def test_faint_ink_alone_is_blank_on_both_paths():
    levels = np.full((30, 40), FIRST_INKED_LEVEL - 1, dtype=np.uint8)
    for convert in (levels_to_mnist, lambda x: to_mnist(as_floats(x))):
        with pytest.raises(NothingToRecognize):
            convert(levels)

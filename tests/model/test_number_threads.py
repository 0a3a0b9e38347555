"""A number's candidates go through the networks a few at a time; on a busy machine each of
those small batches must run on the calling thread alone (model/threads.py
small_batch_threads), whatever the number of candidates: a team of OpenMP threads waiting
for a busy core cost 180-290 ms per call."""

from __future__ import annotations

import contextlib

import numpy as np
import pytest

from model import predictor as predictor_module
from model.predictor import SINGLE_THREAD_BELOW, Predictor

from .number_shapes import digit


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


@pytest.mark.parametrize("count", [1, SINGLE_THREAD_BELOW - 1, SINGLE_THREAD_BELOW, 3 * SINGLE_THREAD_BELOW])
def test_small_batches_of_candidates_run_on_one_thread_when_the_machine_is_busy(predictor, monkeypatch, count):
    if predictor.trajectory is None:
        pytest.skip("the bundled model has no trajectory network")
    used: list[int | None] = []
    original = predictor_module.intraop_threads

    @contextlib.contextmanager
    def recording(threads):
        used.append(threads)
        with original(threads):
            yield

    monkeypatch.setattr(predictor_module, "small_batch_threads", lambda: 1)  # a busy machine
    monkeypatch.setattr(predictor_module, "intraop_threads", recording)
    inks = [digit("7", 0.0) for _ in range(count)]
    probs = np.full((count, 10), 0.1, np.float32)  # (n,10)
    assert predictor._rescore_inks(inks, probs).shape == (count, 10)
    assert used and all(threads == 1 for threads in used)

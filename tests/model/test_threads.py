"""Thread counts for small tensor work (model/threads.py)."""

import pytest
import torch

import model.predictor as mp
from model.threads import intraop_threads, thread_local_threads


@pytest.fixture
def two_threads():
    if not thread_local_threads():
        pytest.skip("torch's parallel backend has no per-thread intra-op count")
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    yield
    torch.set_num_threads(before)


def test_intraop_threads_sets_the_count_inside_and_restores_it(two_threads):
    with intraop_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == 2


def test_intraop_threads_restores_the_count_after_an_error(two_threads):
    with pytest.raises(RuntimeError), intraop_threads(1):
        raise RuntimeError("boom")
    assert torch.get_num_threads() == 2


def test_loading_a_model_checks_its_weights_on_one_thread(two_threads, monkeypatch):
    seen = []
    real = mp.load_model

    def spy(path):
        seen.append(torch.get_num_threads())
        return real(path)

    monkeypatch.setattr(mp, "load_model", spy)
    predictor = mp.Predictor.load(warm_up=False)
    assert seen == [1]
    assert torch.get_num_threads() == 2
    assert predictor.predict_strokes([[(0, 0), (2, 40)]]).digit is not None

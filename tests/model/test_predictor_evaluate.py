"""Predictor.evaluate: the report of model.training.evaluate, a batch at a time under the predictor's
lock, and a cancel checked before every batch (what the app's Evaluate dialog uses)."""

from __future__ import annotations

import threading

import pytest

from model.predictor import Predictor
from model.training.data import load_data
from model.training.evaluate import evaluate


@pytest.fixture(scope="module")
def predictor():
    return Predictor.load()


def test_same_report_as_evaluate(predictor, mnist_mini):
    data = load_data(mnist_mini, "test")
    report = predictor.evaluate(data, batch_size=64)
    expected = evaluate(predictor.loaded.model, data)
    assert report.count == expected.count == len(data)
    assert report.confusion == expected.confusion
    assert report.accuracy == pytest.approx(expected.accuracy)
    assert report.loss == pytest.approx(expected.loss, rel=1e-4)


def test_cancel_is_checked_before_every_batch(predictor, mnist_mini, monkeypatch):
    data = load_data(mnist_mini, "test")
    cancel = threading.Event()
    batches = []
    import model.training.evaluate as mp  # Predictor.evaluate imports predict_logits from there at each call

    real = mp.predict_logits

    def counting(model, images, device):
        batches.append(len(images))
        if len(batches) == 2:
            cancel.set()
        return real(model, images, device)

    monkeypatch.setattr(mp, "predict_logits", counting)
    assert predictor.evaluate(data, cancel, batch_size=50) is None
    assert batches == [50, 50]  # stopped before the third of six batches


def test_the_lock_is_free_between_batches(predictor, mnist_mini, monkeypatch):
    data = load_data(mnist_mini, "test")
    import model.training.evaluate as mp  # Predictor.evaluate imports predict_logits from there at each call

    real = mp.predict_logits
    seen = []

    def check(model, images, device):
        seen.append(predictor._lock.locked())  # held during a batch
        return real(model, images, device)

    monkeypatch.setattr(mp, "predict_logits", check)
    predictor.evaluate(data, batch_size=100)
    assert seen == [True, True, True] and not predictor._lock.locked()


def test_empty_data_is_a_value_error(predictor, mnist_mini):
    data = load_data(mnist_mini, "test").subset(0)
    with pytest.raises(ValueError):
        predictor.evaluate(data)

"""The model that ships in assets/: what it is, and its accuracy on the full MNIST test set."""

from __future__ import annotations

import pytest

from model.checkpoints.checkpoint import load_model
from model.paths import asset_path, bundled_model_path
from model.training.data import load_data
from model.training.evaluate import evaluate

TARGET = 0.996


@pytest.fixture(scope="module")
def bundled():
    return load_model(bundled_model_path())


def test_the_bundled_model_is_a_digitnet_trained_on_the_training_set_and_pen_ink(bundled):
    assert bundled.arch == "digitnet"
    assert bundled.metrics["train_size"] > 60_000 and "MNIST train" in bundled.metrics["data"]
    assert "pen ink" in bundled.metrics["data"] and bundled.raw["train"]["config"]["ink_data"]
    assert bundled.raw["train"]["finished"]


def test_the_model_card_describes_it(bundled):
    card = asset_path("MODEL_CARD.md").read_text(encoding="utf-8")
    assert f"{bundled.metrics['test_accuracy']:.2%}" in card
    assert "digitpad train --arch digitnet" in card


def test_bundled_accuracy_on_the_full_mnist_test_set(bundled, full_mnist):
    report = evaluate(bundled.model, load_data(full_mnist, "test"))
    assert report.count == 10_000
    assert report.accuracy >= TARGET, f"bundled model: {report.accuracy:.2%} < {TARGET:.1%}"
    assert report.accuracy == pytest.approx(bundled.metrics["test_accuracy"], abs=1e-4)

"""Fixtures shared by the engine's tests."""

from __future__ import annotations

import pytest

from model.checkpoints.checkpoint import read_checkpoint
from model.paths import bundled_model_path
from model.training.data import load_data
from tests.conftest import MNIST_MINI, pendigits_path


@pytest.fixture(scope="module")
def replay():
    """MNIST-mini's 600 training digits (assets/samples/mnist-mini): the replay set of adaptation tests."""
    return load_data(MNIST_MINI, "train")


@pytest.fixture(scope="module")
def base():
    """The bundled checkpoint's dict (read_checkpoint), the base of adaptation tests."""
    return read_checkpoint(bundled_model_path())


@pytest.fixture(scope="session")
def predictor():
    """The bundled model's Predictor (model.predictor), for modules without one of their own."""
    from model.predictor import Predictor

    return Predictor.load()


@pytest.fixture(scope="session")
def source():
    """bench/photo_cases.py's digit source over MNIST-mini's 300 test digits (and pendigits),
    for modules without one of their own."""
    from bench.photo_cases import load_source

    test = load_data(MNIST_MINI, "test")
    return load_source((test.images.numpy(), test.labels.numpy()), limit=300)


@pytest.fixture
def pendigits_file():
    """pendigits-orig.tra (tests/conftest.py pendigits_path); the test is skipped without it."""
    path = pendigits_path()
    if path is None:
        pytest.skip("pendigits not found in ../shared/data")
    return path

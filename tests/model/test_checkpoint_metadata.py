"""A checkpoint's metadata is bounded when it is read (newcomer nc3, fault 9: a test accuracy
of 1e300 filled the status bar with 300 digits, NaN showed as "nan%", a 5,000-character
"created" filled the model card). The newcomer's files were the bundled model with one
field changed; the tests rebuild them so."""

from __future__ import annotations

import math

import pytest

from model.checkpoints.checkpoint import load_model, read_checkpoint, save_checkpoint
from model.checkpoints.checkpoint_metadata import MAX_SHOWN_TEXT
from model.paths import bundled_model_path
from model.predictor import Predictor


def _with(tmp_path, name: str, **fields):
    ckpt = read_checkpoint(bundled_model_path())
    for key, value in fields.items():
        table, _, field = key.rpartition("__")
        (ckpt.setdefault(table, {}) if table else ckpt)[field] = value
    return save_checkpoint(ckpt, tmp_path / name)


@pytest.mark.parametrize("value", [1e300, math.nan, math.inf, -0.5, 1.0000001, "0.99", True, None], ids=repr)
def test_an_accuracy_that_is_not_in_0_1_is_dropped_and_the_weights_still_load(tmp_path, value):
    path = _with(tmp_path, "m.pt", metrics__test_accuracy=value, metrics__adapt_after=value)
    ckpt = read_checkpoint(path)
    for key in ("test_accuracy", "adapt_after"):
        kept = ckpt["metrics"].get(key)
        assert kept is None, kept  # none of these is an accuracy
    assert Predictor.load(path).metrics.get("test_accuracy") is None
    load_model(path)  # the weights are usable


def test_a_good_accuracy_is_kept(tmp_path):
    path = _with(tmp_path, "m.pt", metrics__test_accuracy=0.9912, adapt__after=1.0, adapt__before=0)
    ckpt = read_checkpoint(path)
    assert ckpt["metrics"]["test_accuracy"] == 0.9912
    assert (ckpt["adapt"]["before"], ckpt["adapt"]["after"]) == (0, 1.0)


@pytest.mark.parametrize("value", ["x" * 5000, "2026-13-45", 20261129, "2026-11-29T14:18:20+00:00" + " " * 100])
def test_a_created_date_that_is_not_a_date_is_dropped(tmp_path, value):
    ckpt = read_checkpoint(_with(tmp_path, "m.pt", created=value, adapt__base_created=value))
    assert "created" not in ckpt and "base_created" not in ckpt["adapt"]


def test_texts_are_clipped_and_numbers_bounded(tmp_path):
    path = _with(tmp_path, "m.pt", metrics__data="d" * 5000, metrics__test_loss=1e300, metrics__train_size=60000)
    metrics = read_checkpoint(path)["metrics"]
    assert len(metrics["data"]) == MAX_SHOWN_TEXT and metrics["data"].endswith("…")
    assert "test_loss" not in metrics and metrics["train_size"] == 60000
    assert read_checkpoint(bundled_model_path())["created"]  # a sound date is kept

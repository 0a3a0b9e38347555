"""Points may carry extra values after x, y (pressure, time: the app keeps [x, y, pressure]);
every place ink enters reads x, y alone and gives what the (x, y) ink gives.

Data: tests/data/inks/app-kept-pressure.jsonl, three drawings the app kept (newcomer nc3,
fault 1: adapting failed on them with numpy's "matmul: ... size 2 is different from 3").
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from model.adaptation.adapt import AdaptConfig, AdaptError, adapt
from model.adaptation.adaptation_run import AdaptationRun
from model.adaptation.trajectory_adapt import trajectory_pool
from model.numpynet.numpy_bridge import NumpyBridge
from model.pen.ink import render_ink
from model.pen.ink_synth import jitter_ink
from model.predictor import Predictor
from model.trajectory_net.trajectory import trajectory_features
from model.trajectory_net.trajectory_checkpoint import bundled_trajectory
from tests.model.test_adapt import TINY
from tests.model.test_cli import digitpad

KEPT = Path(__file__).parent.parent / "data" / "inks" / "app-kept-pressure.jsonl"


def _kept() -> tuple[list, list]:
    rows = [json.loads(line) for line in KEPT.read_text().splitlines()]
    return [r["strokes"] for r in rows], [r["label"] for r in rows]


def _columns(ink: list, extra: int) -> list:
    """The ink's points as [x, y] plus `extra` more values (pressure 0.5, time 1000 + i...)."""
    return [[[p[0], p[1], *[0.5 + 1000.0 * k * i for k in range(extra)]] for i, p in enumerate(s)] for s in ink]


@pytest.fixture(scope="module", params=["torch", "numpy bridge"])
def predictor(request) -> Predictor | NumpyBridge:
    return Predictor.load() if request.param == "torch" else NumpyBridge.load()


@pytest.mark.parametrize("extra", [1, 2])
def test_every_ink_reader_gives_the_xy_result(predictor, extra):
    inks, _ = _kept()
    for ink in inks:
        xy, more = _columns(ink, 0), _columns(ink, extra)
        np.testing.assert_array_equal(render_ink(more), render_ink(xy))
        np.testing.assert_array_equal(trajectory_features(more), trajectory_features(xy))
        a, b = predictor.predict_strokes(xy, check_not_digit=True), predictor.predict_strokes(more, True)
        assert (a.digit, a.not_digit) == (b.digit, b.not_digit)
        np.testing.assert_allclose(a.probabilities, b.probabilities, atol=1e-6)
        assert predictor.predict_number(more).to_dict() == predictor.predict_number(xy).to_dict()
    two = [s for ink in inks[:2] for s in _columns(ink, 0)]  # two kept drawings as one ink
    assert predictor.predict_number(_columns(two, extra)).to_dict() == predictor.predict_number(two).to_dict()


@pytest.mark.parametrize("extra", [1, 2])
def test_adaptation_pools_and_jitter_read_xy_alone(extra):
    inks, _ = _kept()
    more = [_columns(ink, extra) for ink in inks]
    xy = [_columns(ink, 0) for ink in inks]
    torch.testing.assert_close(trajectory_pool(more, 2, 64, 0), trajectory_pool(xy, 2, 64, 0))
    arrays = [np.asarray(s, dtype=np.float64) for s in more[0]]
    jittered = jitter_ink(arrays, np.random.default_rng(0))
    assert all(s.shape[1] == 2 for s in jittered)


def test_adapting_the_kept_drawings_works(base, replay):
    inks, labels = _kept()
    config = AdaptConfig(**{**TINY.__dict__, "trajectory_steps": 2, "folds": 0})
    result = adapt(base, inks * 2, labels * 2, config, replay=replay, trajectory=bundled_trajectory())
    assert result.checkpoint is not None and "trajectory" in result.checkpoint


def test_a_library_error_while_adapting_is_one_clear_line_not_its_text(base, replay, monkeypatch):
    def fails(*args, **kw):
        raise ValueError("matmul: Input operand 1 has a mismatch in its core dimension 0")

    monkeypatch.setattr(AdaptationRun, "make_pools", fails)
    inks, labels = _kept()
    config = AdaptConfig(**{**TINY.__dict__, "trajectory_steps": 2, "folds": 0})
    with pytest.raises(AdaptError) as caught:
        adapt(base, inks * 2, labels * 2, config, replay=replay, trajectory=bundled_trajectory())
    assert "matmul" not in str(caught.value) and "\n" not in str(caught.value)


def test_digitpad_adapt_reads_the_drawings_the_app_kept(tmp_path):
    out = tmp_path / "mine.pt"
    args = ("--steps", "2", "--trajectory-steps", "2", "--folds", "0", "--out", out)
    result = digitpad("adapt", "--ink", KEPT, *args)
    assert result.returncode == 0, result.stderr
    assert out.exists() and "with its adapted trajectory network" in result.stderr
    dot = tmp_path / "dot.jsonl"
    dot.write_text(KEPT.read_text() + json.dumps({"strokes": [[[5, 5, 1.0], [5, 5, 1.0]]], "label": 1}) + "\n")
    failed = digitpad("adapt", "--ink", dot, *args[:-1], tmp_path / "dot.pt")
    assert failed.returncode == 2 and "Traceback" not in failed.stderr  # the "adapting ..." line, then one error
    assert failed.stderr.strip().splitlines()[-1].startswith("digitpad adapt: error: drawing 4"), failed.stderr

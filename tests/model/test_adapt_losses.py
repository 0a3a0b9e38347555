"""`digitpad adapt` reports the cross-entropy on the user's drawings, not a sum scaled by
the distillation weight; the distillation term is shown apart, labelled."""

from __future__ import annotations

import re

import pytest

from model.adaptation.adapt import AdaptConfig, adapt
from model.adaptation.adapt_config import PREPARING
from model.checkpoints.checkpoint import read_checkpoint
from model.paths import bundled_model_path
from tests.model.test_adapt_cli import _ink, _write
from tests.model.test_cli import digitpad

INKS = [_ink(d, k) for d in (0, 1, 7) for k in range(2)]
LABELS = [d for d in (0, 1, 7) for _ in range(2)]


def test_adapt_prints_labelled_losses(tmp_path):
    path = tmp_path / "mine.jsonl"
    _write(path, [{"strokes": s, "label": y} for s, y in zip(INKS, LABELS)])
    result = digitpad("adapt", "--ink", path, "--out", tmp_path / "a.pt", "--steps", 3, "--folds", 0)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith("final: "))
    match = re.fullmatch(
        r"final: 3 steps, cross-entropy on your drawings (\d+\.\d{4}), "
        r"distillation on replayed MNIST (\d+\.\d{4}) \(100%\)",
        line,
    )
    assert match, line
    assert " loss " not in result.stderr


def _first_step(replay_weight: float):
    seen = []
    config = AdaptConfig(steps=1, folds=0, replay_weight=replay_weight, threads=1)
    adapt(read_checkpoint(bundled_model_path()), INKS, LABELS, config, seen.append)
    return next(p for p in seen if p.stage != PREPARING)  # the first fine-tuning step


def test_the_users_cross_entropy_does_not_depend_on_the_distillation_weight():
    """Step 1 is computed before any update: its losses are the base model's, whatever the
    weight (up to reduced-precision CPU arithmetic); the old printed figure, user +
    weight * T^2 * distillation, grew a thousandfold with the weight."""
    from model.adaptation.fine_tune import DISTILL_T

    light, heavy = _first_step(0.1), _first_step(100.0)
    assert light.distill_loss > 0 and heavy.distill_loss > 0
    assert light.user_loss == pytest.approx(heavy.user_loss, rel=0.05)
    assert light.distill_loss == pytest.approx(heavy.distill_loss, rel=0.05)
    old_figure = heavy.user_loss + 100.0 * DISTILL_T**2 * heavy.distill_loss
    assert abs(old_figure - light.user_loss) > 0.5 * light.user_loss


def test_adapt_reports_the_folds_it_ran_not_the_folds_asked(tmp_path):
    """--folds above the number of drawings runs one fold per drawing: say so, not the number asked."""
    path = tmp_path / "mine.jsonl"
    _write(path, [{"strokes": s, "label": y} for s, y in zip(INKS[:3], LABELS[:3])])
    out = tmp_path / "a.pt"
    result = digitpad("adapt", "--ink", path, "--out", out, "--steps", 1, "--folds", 50)
    assert result.returncode == 0, result.stderr
    assert "(cross-validated, 3 folds)" in result.stderr and "50 folds" not in result.stderr
    assert read_checkpoint(out)["adapt"]["folds"] == 3

"""Training runs for any number of batches (newcomer nc3, fault 2: an epoch of exactly 4
batches, `--limit 500` at batch size 128 or `--limit 2000 --batch-size 500`, crashed with
OneCycleLR's ZeroDivisionError and a Python traceback), and a fault of ours never reaches
the user as a traceback."""

from __future__ import annotations

import logging
import math

import pytest
import torch

import cli.train_cmd
from cli.main import EXIT_INTERNAL, main
from model.training.optimizers import make_scheduler
from model.training.train_config import SCHEDULES, TrainConfig
from tests.model.test_cli import digitpad


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_every_schedule_runs_any_number_of_steps(schedule):
    for epochs, batches in [(e, b) for e in (1, 2, 3) for b in range(1, 41)]:
        config = TrainConfig(arch="mlp", schedule=schedule, epochs=epochs, momentum=0.9, optimizer="sgd")
        optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=config.lr, momentum=0.9)
        scheduler = make_scheduler(config, optimizer, batches)
        for _ in range(epochs * batches):
            optimizer.step()
            scheduler.step()
            assert math.isfinite(optimizer.param_groups[0]["lr"]), (schedule, epochs, batches)


@pytest.mark.parametrize(
    "limit, batch",
    [(500, 128), (600, 150), (10, 128), (1, 1), (129, 128)],  # 4, 4, 1, 1 and 2 (the last of 1 image) batches
)
def test_digitpad_train_finishes_for_any_limit_and_batch_size(tmp_path, mnist_mini, limit, batch):
    out = tmp_path / "m.pt"
    result = digitpad(
        "train", "--arch", "mlp", "--data", mnist_mini, "--epochs", "1",
        "--limit", limit, "--batch-size", batch, "--out", out,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.exists() and "Traceback" not in result.stderr


def test_a_fault_of_ours_is_one_line_and_a_log_entry(monkeypatch, capsys, caplog, tmp_path):
    def broken(args):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(cli.train_cmd, "cmd_train", broken)
    with caplog.at_level(logging.ERROR, logger="cli"):
        code = main(["train", "--arch", "mlp", "--out", str(tmp_path / "x.pt")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_INTERNAL != 0
    assert len(err) == 1 and "internal error: ZeroDivisionError: float division by zero" in err[0], err
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)

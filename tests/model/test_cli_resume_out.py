"""A resumed training never writes its finished model over a file the user did not name as
--out (newcomer nc3, fault 13: `train --resume k1.partial.bak` replaced k1.partial.bak,
the state it resumed, with the finished model)."""

from __future__ import annotations

from model.checkpoints.checkpoint import read_checkpoint, save_checkpoint
from tests.model.test_cli import assert_one_line_error, digitpad


def _renamed_partial(tmp_path, mnist_mini):
    """An unfinished run (1 of 2 epochs done) saved under a name not ending in .partial.pt."""
    done = tmp_path / "k1.pt"
    args = ("--arch", "mlp", "--data", mnist_mini, "--limit", "100", "--epochs", "1")
    assert digitpad("train", *args, "--out", done).returncode == 0
    ckpt = read_checkpoint(done)
    ckpt["train"]["finished"] = False
    ckpt["train"]["config"]["epochs"] = 2
    return save_checkpoint(ckpt, tmp_path / "k1.partial.bak")


def test_resuming_a_renamed_partial_needs_out_or_force(tmp_path, mnist_mini):
    state = _renamed_partial(tmp_path, mnist_mini)
    before = state.read_bytes()
    refused = digitpad("train", "--resume", state)
    assert_one_line_error(refused, "--out", "--force", "k1.partial.bak")
    assert state.read_bytes() == before  # the state it would have resumed is as it was

    out = tmp_path / "k2.pt"
    named = digitpad("train", "--resume", state, "--out", out)
    assert named.returncode == 0, named.stderr
    assert read_checkpoint(out)["train"]["finished"] and state.read_bytes() == before

    forced = digitpad("train", "--resume", state, "--force")
    assert forced.returncode == 0, forced.stderr
    assert read_checkpoint(state)["train"]["finished"]  # asked for: replaced

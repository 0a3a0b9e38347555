"""`digitpad adapt` and `digitpad samples` through the real entry point."""

from __future__ import annotations

import json

import numpy as np
import pytest

from model.checkpoints.checkpoint import read_checkpoint
from model.pen.samples import SampleStore
from tests.model.test_cli import assert_one_line_error, digitpad


def _ink(digit: int, k: int) -> list:
    """A crude but distinct drawing per digit (k varies it a little)."""
    t = np.linspace(0, 2 * np.pi, 20)
    r = 30 + 3 * k
    shapes = {0: np.stack([50 + r * np.cos(t), 50 + 1.5 * r * np.sin(t)], 1)}
    pts = shapes.get(digit, np.array([[10.0 * digit, 0], [10.0 * digit + k + 1, 60], [40, 30 + digit]]))
    return [pts.tolist()]


def _write(path, rows) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_adapt_writes_a_checkpoint_that_model_accepts_everywhere(tmp_path):
    inks = tmp_path / "mine.jsonl"
    _write(inks, [{"strokes": _ink(d, k), "label": d} for d in (0, 1, 7) for k in range(2)])
    out = tmp_path / "adapted.pt"
    result = digitpad("adapt", "--ink", inks, "--out", out, "--steps", "3", "--trajectory-steps", "3", "--folds", "2")
    assert result.returncode == 0, result.stderr
    assert "final" in result.stderr and "before" in result.stderr and str(out) in result.stderr
    assert "with its adapted trajectory network" in result.stderr
    ckpt = read_checkpoint(out)
    assert ckpt["adapt"]["samples"] == 6 and ckpt["adapt"]["base"] == "digitnet.pt"
    assert ckpt["trajectory"]["metrics"]["adapted_from"] == "trajectory.pt"  # the bundled pair, adapted too
    predicted = digitpad("predict", "--model", out, "--ink", inks)
    assert predicted.returncode == 0, predicted.stderr
    assert len(predicted.stdout.splitlines()) == 6
    again = digitpad(
        "adapt",
        "--ink",
        inks,
        "--out",
        tmp_path / "twice.pt",
        "--model",
        out,
        "--steps",
        "1",
        "--trajectory-steps",
        "1",
        "--folds",
        "0",
    )
    assert again.returncode == 0, again.stderr
    twice = read_checkpoint(tmp_path / "twice.pt")
    assert twice["adapt"]["base"] == "adapted.pt"
    assert twice["trajectory"]["metrics"]["adapted_from"] == "adapted.pt (its own)"


@pytest.mark.parametrize(
    "rows, needle",
    [
        ([{"strokes": [[[0, 0], [5, 9]]]}, {"strokes": [[[0, 0], [9, 5]]]}], "has no labels"),
        ([{"strokes": [[[0, 0], [5, 9]]], "label": 3}], "only 1 drawing"),
        ([{"strokes": [[[0, 0], [5, 9]]], "label": 3}, {"strokes": [[[0, 0], [9, 5]]], "label": 12}], "line 2"),
        ([{"strokes": [[[0, 0], [5, 9]]], "label": 3}, {"strokes": [[[0, 0], [9, 5]]], "label": -1}], "0-9"),
        ([{"strokes": [[[0, 0], [5, 9]]], "label": 3}, {"strokes": [], "label": 4}], "empty"),
    ],
)
def test_adapt_bad_ink_files_give_one_line(tmp_path, rows, needle):
    inks = tmp_path / "bad.jsonl"
    _write(inks, rows)
    out = tmp_path / "adapted.pt"
    result = digitpad("adapt", "--ink", inks, "--out", out)
    assert_one_line_error(result, needle)
    assert not out.exists()


def test_adapt_missing_file_and_no_kept_drawings(tmp_path):
    assert_one_line_error(digitpad("adapt", "--ink", tmp_path / "none.jsonl"), "no such ink file")
    assert_one_line_error(digitpad("adapt"), "kept 0 drawing")


def test_samples_export_import_and_list(tmp_path, user_data_dir):
    store = SampleStore()
    store.add(_ink(0, 0), 0)
    store.add(_ink(7, 1), 7)
    exported = tmp_path / "export.jsonl"
    assert digitpad("samples", "export", exported).returncode == 0
    assert [json.loads(l)["label"] for l in exported.read_text().splitlines()] == [0, 7]
    other = tmp_path / "other-machine"
    env = {"DIGITPAD_DATA_DIR": str(other)}
    result = digitpad("samples", "import", exported, env=env)
    assert result.returncode == 0 and "imported 2" in result.stderr, result.stderr
    again = digitpad("samples", "import", exported, env=env)
    assert again.returncode == 0 and "imported 0 drawings" in again.stderr and "(2 kept already)" in again.stderr
    listing = digitpad("samples", "list", env=env)
    assert json.loads(listing.stdout)["per_digit"] == [1, 0, 0, 0, 0, 0, 0, 1, 0, 0]
    assert_one_line_error(digitpad("samples", "import", tmp_path / "none.jsonl"), "no such file")

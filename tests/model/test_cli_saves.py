"""Every save of the command line, through the real entry point: a missing folder is one
line naming the user's path (no folder is created), a failing write names the user's
path (never the hidden temporary file), and what was there before is left unchanged."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys

import pytest

from model.pen.samples import SampleStore
from tests.model.test_adapt_cli import _ink, _write
from tests.model.test_cli import assert_one_line_error, digitpad

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file size limits")


# A process under a file size limit must not write bytecode: Python would leave a truncated
# .pyc behind (its atomic write does not notice a short write) and the next run would fail.
def no_bytecode_env() -> dict[str, str]:
    """This test's environment (its own data folder), without bytecode writing."""
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def _kept_drawings() -> None:
    store = SampleStore()
    for d in (0, 1, 7):
        store.add(_ink(d, 0), d)


def _inks(tmp_path):
    inks = tmp_path / "mine.jsonl"
    _write(inks, [{"strokes": _ink(d, k), "label": d} for d in (0, 1, 7) for k in range(2)])
    return inks


def _save_commands(tmp_path, mnist_mini, target):
    """Each command that saves, writing to target."""
    return {
        "train": ["train", "--data", mnist_mini, "--arch", "mlp", "--epochs", 1, "--limit", 100, "--out", target],
        "adapt": ["adapt", "--ink", _inks(tmp_path), "--steps", 1, "--folds", 0, "--out", target],
        "samples export": ["samples", "export", target],
    }


@pytest.mark.parametrize("command", ["train", "adapt", "samples export"])
def test_a_missing_folder_is_one_line_and_no_folder_is_created(tmp_path, mnist_mini, command):
    _kept_drawings()
    target = tmp_path / "no such folder" / "sub" / "out.pt"
    result = digitpad(*_save_commands(tmp_path, mnist_mini, target)[command])
    assert result.returncode == 2
    assert_one_line_error(result, f"cannot save {target}: the folder {target.parent} does not exist")
    assert not (tmp_path / "no such folder").exists()


@pytest.mark.parametrize("command", ["train", "adapt", "samples export"])
def test_a_folder_that_is_a_file_is_one_line(tmp_path, mnist_mini, command):
    _kept_drawings()
    (tmp_path / "plain").write_text("a file, not a folder")
    target = tmp_path / "plain" / "out.pt"
    result = digitpad(*_save_commands(tmp_path, mnist_mini, target)[command])
    assert_one_line_error(result, f"cannot save {target}: {target.parent} is not a folder")
    assert (tmp_path / "plain").read_text() == "a file, not a folder"


@pytest.mark.parametrize("command", ["train", "adapt", "samples export"])
def test_a_failing_write_names_the_users_path_and_keeps_the_old_file(tmp_path, mnist_mini, command):
    """A real failing write (a file size limit: EFBIG), after the checks passed."""
    _kept_drawings()
    target = tmp_path / "dossier ü" / "out file.pt"
    target.parent.mkdir()
    target.write_bytes(b"the user's old file")
    args = _save_commands(tmp_path, mnist_mini, target)[command]
    args.append("--force")

    def limit_file_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))

    result = subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=limit_file_size,
        env=no_bytecode_env(),
    )
    err = result.stderr.strip().splitlines()
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    saved = target.with_name("out file.partial.pt") if command == "train" else target
    assert f"cannot save {saved}: file too large" in err[-1] or f"{saved}: file too large" in err[-1], err
    assert ".tmp" not in result.stderr
    assert target.read_bytes() == b"the user's old file"
    assert sorted(os.listdir(target.parent)) == ["out file.pt"]


def test_export_to_a_path_with_spaces_and_unicode(tmp_path):
    _kept_drawings()
    target = tmp_path / "mes données 数字" / "écrit à la main.jsonl"
    target.parent.mkdir()
    result = digitpad("samples", "export", target)
    assert result.returncode == 0, result.stderr
    assert f"exported 3 drawings to {target}" in result.stderr
    assert [json.loads(line)["label"] for line in target.read_text(encoding="utf-8").splitlines()] == [0, 1, 7]


def test_export_never_replaces_an_existing_file_unasked(tmp_path, user_data_dir):
    """An export from an empty (or wrong) data folder must not wipe an earlier export."""
    target = tmp_path / "export.jsonl"
    target.write_text("an earlier export of 500 drawings\n")
    assert_one_line_error(digitpad("samples", "export", target), f"{target} already exists", "--force")
    assert target.read_text() == "an earlier export of 500 drawings\n"
    _kept_drawings()
    result = digitpad("samples", "export", target, "--force")
    assert result.returncode == 0, result.stderr
    assert len(target.read_text().splitlines()) == 3


def test_adapt_never_replaces_an_existing_model_unasked(tmp_path):
    out = tmp_path / "mine.pt"
    out.write_bytes(b"an earlier adapted model")
    args = ["adapt", "--ink", _inks(tmp_path), "--steps", 1, "--folds", 0, "--out", out]
    assert_one_line_error(digitpad(*args), f"{out} already holds a model", "--force")
    assert out.read_bytes() == b"an earlier adapted model"
    result = digitpad(*args, "--force")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() != b"an earlier adapted model"

"""A data folder that is a file is one clear line naming it (newcomer nc3, fault 17:
`samples list` said "/x/handwriting.jsonl: not a directory"), from model/paths.py's
data_folder_problem, which the app can show too."""

from __future__ import annotations

import pytest

from model.paths import data_folder_problem
from tests.model.test_cli import assert_one_line_error, digitpad


def test_the_problem_is_named_once_for_a_file_and_for_a_folder_under_one(tmp_path, monkeypatch):
    afile = tmp_path / "afile"
    afile.write_text("x")
    monkeypatch.setenv("DIGITPAD_DATA_DIR", str(afile))
    assert data_folder_problem() == f"DIGITPAD_DATA_DIR={afile} is a file, not a folder"
    monkeypatch.setenv("DIGITPAD_DATA_DIR", str(afile / "sub" / "deeper"))
    assert (
        data_folder_problem()
        == f"DIGITPAD_DATA_DIR={afile / 'sub' / 'deeper'} cannot be made: {afile} is a file, not a folder"
    )
    for fine in (tmp_path, tmp_path / "not" / "yet"):
        monkeypatch.setenv("DIGITPAD_DATA_DIR", str(fine))
        assert data_folder_problem() is None


@pytest.mark.parametrize("command", [["samples", "list"], ["train", "--epochs", "1"], ["evaluate"], ["adapt"]])
def test_every_command_using_the_folder_says_it_in_one_line(tmp_path, command):
    afile = tmp_path / "afile"
    afile.write_text("x")
    result = digitpad(*command, env={"DIGITPAD_DATA_DIR": str(afile)})
    assert_one_line_error(result, f"DIGITPAD_DATA_DIR={afile} is a file, not a folder")
    assert afile.read_text() == "x"

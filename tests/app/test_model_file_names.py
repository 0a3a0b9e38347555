"""A saved model's file name can be given to the command line (newcomer nc3, fault 14: the
name "../../escape" became "-..-escape.pt", which `--model -..-escape.pt` took for an option)."""

from __future__ import annotations

import shutil

import pytest

from app.models.model_manager import clean_name
from model.paths import bundled_model_path
from tests.model.test_cli import digitpad


@pytest.mark.parametrize("name", ["../../escape", "-x", "--force", ".hidden", "-.-.x", " - model", "..-..-a"])
def test_a_model_file_name_never_starts_with_a_dash_or_a_dot(name):
    stem = clean_name(name)
    assert stem and stem[0] not in "-." and not stem[0].isspace(), stem
    assert "/" not in stem and "\\" not in stem


@pytest.mark.parametrize("name", ["---", "-.-", " .- "])
def test_a_name_of_only_dashes_and_dots_is_no_name(name):
    with pytest.raises(ValueError):
        clean_name(name)


def test_an_older_file_starting_with_a_dash_is_given_after_an_equals_sign(tmp_path):
    shutil.copy(bundled_model_path(), tmp_path / "-..-escape.pt")
    ink = tmp_path / "one.jsonl"
    ink.write_text('{"strokes": [[[10, 0], [10, 60]]], "label": 1}\n')
    result = digitpad("evaluate", "--model=-..-escape.pt", "--ink", ink, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "--model=-name.pt" in digitpad("--help").stdout  # the help says how

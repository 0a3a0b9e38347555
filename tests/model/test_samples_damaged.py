"""Rewriting the kept drawings loses nothing the user kept (newcomer nc3, fault 5: deleting
one drawing rewrote handwriting.jsonl without its 4 unreadable lines, and drawings without
a valid "created" got that day's date written in).

Data: tests/data/stores/handwriting-damaged.jsonl, the newcomer's store: 44 drawings, then a
NaN coordinate, a broken JSON line, binary junk and "label": true among 6 lines without a date.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from model.pen.samples import SampleError, SampleStore, parse_sample_line
from tests.model.test_cli import digitpad

DAMAGED = Path(__file__).parent.parent / "data" / "stores" / "handwriting-damaged.jsonl"


@pytest.fixture
def store(tmp_path) -> SampleStore:
    shutil.copy(DAMAGED, tmp_path / "handwriting.jsonl")
    return SampleStore(tmp_path / "handwriting.jsonl")


def _lines(store: SampleStore) -> list[bytes]:
    return [line for line in store.path.read_bytes().split(b"\n") if line.strip()]


def test_the_unreadable_lines_are_listed(store):
    assert len(store.load()) == 44
    problems = store.unreadable()
    assert len(problems) == 4 and all(p.startswith("handwriting.jsonl: line ") for p in problems)


@pytest.mark.parametrize("which", ["one", "several", "all"])
def test_a_rewrite_keeps_every_other_line_byte_for_byte(store, caplog, which):
    before = _lines(store)
    samples = store.load()
    gone = {"one": samples[:1], "several": samples[::5], "all": samples}[which]
    with caplog.at_level(logging.WARNING, logger="model.pen.samples"):
        removed = store.clear() if which == "all" else store.delete([s.id for s in gone])
    assert removed == len(gone)
    kinds = iter(samples)  # the readable lines are the drawings, in file order
    expected = [line for line in before if not (_readable(line) and next(kinds) in gone)]
    assert _lines(store) == expected  # the unreadable lines and the other drawings as they were
    assert len(store.unreadable()) == 4
    assert "kept 4 unreadable line(s)" in caplog.text


def _readable(line: bytes) -> bool:
    try:
        parse_sample_line(line.decode("utf-8", errors="replace"))
    except SampleError:
        return False
    return True


def test_no_date_is_made_up_for_a_kept_drawing(store):
    undated = [s for s in store.load() if not s.created]
    assert undated, "the newcomer's store has drawings without a date"
    undated_lines = [line for line in _lines(store) if b'"created"' not in line]
    store.delete([store.load()[0].id])  # a dated drawing: the undated ones are rewritten
    assert {s.id for s in store.load() if not s.created} == {s.id for s in undated}
    assert [line for line in _lines(store) if b'"created"' not in line] == undated_lines


def test_a_new_drawing_and_an_imported_undated_one_get_todays_date(store, tmp_path):
    assert store.add([[[0, 0], [0, 50]]], 1).created
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"strokes": [[[0, 0], [30, 50]]], "label": 7}) + "\n")
    store.import_file(other)
    assert store.load()[-1].created


def test_digitpad_samples_list_names_the_unreadable_lines(user_data_dir):
    shutil.copy(DAMAGED, user_data_dir / "handwriting.jsonl")
    result = digitpad("samples", "list")
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    assert (listing["total"], listing["unreadable"]) == (44, 4)
    assert result.stderr.count("the line is kept as it is") == 4 and "line 41: not valid JSON" in result.stderr

"""The kept-drawings store: append-only JSON Lines that survive crashes and bad lines."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from model.pen.samples import SampleError, SampleStore, make_sample, parse_label, samples_path

LINE = [[[10.0, 10.0], [10.0, 60.0]]]  # a vertical stroke: a 1
CIRCLE = [[[50 + 30 * c, 50 + 30 * s] for c, s in [(1, 0), (0, 1), (-1, 0), (0, -1), (1, 0)]]]


def test_store_lives_in_the_user_data_folder(user_data_dir):
    assert samples_path().parent == user_data_dir
    store = SampleStore()
    store.add(LINE, 1)
    assert (user_data_dir / samples_path().name).is_file()


def test_add_load_counts_delete_clear(tmp_path):
    store = SampleStore(tmp_path / "s.jsonl")
    assert store.load() == []
    a = store.add(LINE, 1)
    b = store.add(CIRCLE, "0")
    c = store.add(LINE, 7)
    assert [s.label for s in store.load()] == [1, 0, 7]
    assert store.load()[1].strokes == b.strokes and store.load()[1].id == b.id
    assert store.counts() == [1, 1, 0, 0, 0, 0, 0, 1, 0, 0]
    assert store.delete([a.id, "unknown"]) == 1
    assert [s.id for s in store.load()] == [b.id, c.id]
    assert store.clear() == 2
    assert store.load() == []
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file is left behind"


def test_half_written_last_line_is_skipped_with_a_warning_and_the_next_append_is_whole(tmp_path, caplog):
    store = SampleStore(tmp_path / "s.jsonl")
    store.add(LINE, 1)
    whole = store.path.read_text()
    store.path.write_text(whole + whole[: len(whole) // 2])  # killed in the middle of a write
    with caplog.at_level(logging.WARNING, logger="model.pen.samples"):
        assert [s.label for s in store.load()] == [1]
    assert "line 2" in caplog.text
    store.add(CIRCLE, 0)
    assert [s.label for s in store.load()] == [1, 0]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("not json", "not valid JSON"),
        ('{"strokes": [[[1, 2], [3, 4]]]}', "label"),
        ('{"strokes": [[[1, 2], [3, 4]]], "label": 12}', "0-9"),
        ('{"strokes": [[[1, 2], [3, 4]]], "label": true}', "0-9"),
        ('{"strokes": [], "label": 3}', "empty"),
        ('{"strokes": [[["a", 2]]], "label": 3}', "number"),
        ('{"strokes": [[[NaN, 2], [3, 4]]], "label": 3}', "NaN"),
        ("[1, 2]", "strokes"),
    ],
)
def test_every_kind_of_bad_line_is_skipped_not_fatal(tmp_path, caplog, line, reason):
    path = tmp_path / "s.jsonl"
    good = json.dumps({"strokes": LINE, "label": 4})
    path.write_text(good + "\n" + line + "\n\n" + good + "\n")
    with caplog.at_level(logging.WARNING, logger="model.pen.samples"):
        assert [s.label for s in SampleStore(path).load()] == [4, 4]
    assert "line 2" in caplog.text and reason in caplog.text


def test_export_import_round_trip_skips_duplicates_and_bad_lines(tmp_path):
    src = SampleStore(tmp_path / "a.jsonl")
    src.add(LINE, 1)
    src.add(CIRCLE, 0)
    out = tmp_path / "export.jsonl"
    assert src.export(out) == 2
    rows = [json.loads(l) for l in out.read_text().splitlines()]
    assert [r["label"] for r in rows] == [1, 0] and rows[0]["strokes"] == LINE
    with out.open("a") as fh:
        fh.write('{"strokes": [[[0, 0], [5, 9]]], "label": "7"}\n{"label": 3}\n')
    dst = SampleStore(tmp_path / "b.jsonl")
    added, kept, problems = dst.import_file(out)
    assert added == 3 and kept == 0 and len(problems) == 1 and "line 4" in problems[0]
    assert [s.label for s in dst.load()] == [1, 0, 7]
    again = dst.import_file(out)
    assert (again.added, again.already_kept) == (0, 3), "importing the same file twice adds nothing, and says so"


def test_make_sample_and_parse_label_refuse_bad_input():
    for bad in (10, -1, "12", None, 2.5, "x", True):
        with pytest.raises(SampleError):
            parse_label(bad)
    with pytest.raises(SampleError):
        make_sample([], 3)
    with pytest.raises(SampleError):
        make_sample("strokes", 3)
    assert make_sample(LINE, 3.0).label == 3


NEWCOMER = Path(__file__).resolve().parents[1] / "data" / "inks" / "newcomer-labels-weird.jsonl"


def test_deleting_one_imported_drawing_deletes_only_that_one(tmp_path):
    """The same ink three times in one file (labels 3, "3", 3.0) and two different drawings
    sharing the id "dup": once each in the store, every id its own, one delete removes one."""
    store = SampleStore(tmp_path / "kept.jsonl")
    added, _, _ = store.import_file(NEWCOMER)
    samples = store.load()
    ids = [s.id for s in samples]
    assert len(set(ids)) == len(ids) == added
    first = json.loads(NEWCOMER.read_text().splitlines()[0])["strokes"]
    assert sum(s.strokes == first for s in samples) == 1  # the same 3, three times in the file: kept once
    assert store.import_file(NEWCOMER)[0] == 0  # and importing again adds nothing
    assert store.delete([ids[0]]) == 1
    assert [s.id for s in store.load()] == ids[1:]


def test_different_drawings_with_one_id_are_both_kept(tmp_path):
    src = tmp_path / "in.jsonl"
    seven = {"strokes": [[[0, 0], [40, 0], [10, 60]]], "label": 7, "id": "dup"}
    one = {"strokes": [[[0, 0], [0, 60]]], "label": 1, "id": "dup"}
    src.write_text(json.dumps(seven) + "\n" + json.dumps(one) + "\n")
    store = SampleStore(tmp_path / "kept.jsonl")
    assert store.import_file(src)[0] == 2
    assert sorted(s.label for s in store.load()) == [1, 7]
    assert store.import_file(src)[0] == 0  # a second import adds neither again (a newcomer's find)
    one_id = next(s.id for s in store.load() if s.label == 1)
    assert store.delete([one_id]) == 1
    assert store.import_file(src)[0] == 1  # only the deleted one comes back
    assert sorted(s.label for s in store.load()) == [1, 7]


def test_a_store_written_with_repeated_ids_deletes_one_drawing_at_a_time(tmp_path):
    path = tmp_path / "kept.jsonl"
    line = {"strokes": [[[0, 0], [0, 60]]], "label": 1, "id": "same", "created": "2026-11-29T10:00:00+00:00"}
    path.write_text((json.dumps(line) + "\n") * 3)
    store = SampleStore(path)
    ids = [s.id for s in store.load()]
    assert ids == ["same", "same~2", "same~3"]
    assert store.delete(["same~2"]) == 1
    assert len(store.load()) == 2

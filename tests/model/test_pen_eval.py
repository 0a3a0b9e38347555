"""`digitpad evaluate --ink FILE.jsonl` through the real entry point, and its scoring."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from model.pen.ink_eval import LabelledInk, parse_labelled_inks, score

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "data" / "inks" / "uji-sample.jsonl"  # 20 UJI digits, writers w02 and w03


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", "evaluate", *args], capture_output=True, text=True, cwd=REPO, timeout=120
    )


@pytest.fixture
def mislabelled(tmp_path) -> Path:
    """The sample with writer w03's 0 labelled 6: one certain mistake, 0 -> ... seen as 6 -> 0."""
    lines = []
    for line in SAMPLE.read_text().splitlines():
        obj = json.loads(line)
        if obj["writer"] == "w03" and obj["label"] == "0":
            obj["label"] = 6
        lines.append(json.dumps(obj))
    lines.append("")  # an empty line is skipped
    path = tmp_path / "inks.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_evaluate_ink_prints_accuracy_writers_and_confusion_pairs(mislabelled):
    proc = run("--ink", str(mislabelled))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "accuracy:" in out and "of 20" in out
    assert "per writer (2): mean" in out and "worst" in out
    assert "6 -> 0: 1" in out  # the mislabelled 0 is read as what it is


def test_evaluate_ink_json(mislabelled):
    proc = run("--ink", str(mislabelled), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["count"] == 20 and report["accuracy"] <= 0.95
    assert set(report["writers"]) == {"w02", "w03"}
    assert report["writers"]["w03"] <= 0.9 and report["writer_worst"] == min(report["writers"].values())
    assert [6, 0, 1] in report["confusion_pairs"]
    assert any(m["line"] == 11 and m["true"] == 6 for m in report["mistakes"])


def test_evaluate_ink_bad_label_is_one_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"strokes": [[[0, 0], [1, 1]]], "label": "x"}\n')
    proc = run("--ink", str(path))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "line 1" in proc.stderr and "label" in proc.stderr


def test_evaluate_ink_missing_file(tmp_path):
    proc = run("--ink", str(tmp_path / "none.jsonl"))
    assert proc.returncode == 2 and "no such ink file" in proc.stderr


def test_score_counts_writers_and_pairs():
    inks = [LabelledInk([], 1, "a"), LabelledInk([], 1, "a"), LabelledInk([], 7, "b"), LabelledInk([], 0, "b")]
    r = score(inks, [1, 7, 7, None])
    assert r.accuracy == 0.5 and r.count == 4
    assert r.writers == {"a": 0.5, "b": 0.5} and r.writer_mean == 0.5
    assert sorted(r.confusion_pairs, key=str) == sorted([(1, 7, 1), (0, None, 1)], key=str)


def test_parse_labels_and_missing_writer():
    inks = parse_labelled_inks(['{"strokes": [], "label": "3"}', "", '{"strokes": [], "label": 4, "writer": 9}'])
    assert [(s.label, s.writer) for s in inks] == [(3, "?"), (4, "9")]
    with pytest.raises(ValueError, match="line 1"):
        parse_labelled_inks(['{"strokes": [], "label": 10}'])

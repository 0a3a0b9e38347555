"""Ink files through the real entry point: output line N answers input line N (blank lines
included), and every error names its line number, in predict, predict --number,
evaluate --ink and adapt --ink."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.model.test_cli import assert_one_line_error, digitpad

REPO = Path(__file__).resolve().parents[2]
GOOD = (REPO / "assets" / "samples" / "inks.jsonl").read_text(encoding="utf-8").splitlines()[:3]
BAD = [
    "",  # blank
    "   \t",  # blank but for spaces
    '{"strokes": [[[1, 2], [3',  # cut short
    '{"canvas": [280, 280]}',  # no strokes
    '{"strokes": []}',  # nothing to recognize
    '{"strokes": [[[0, 0], [NaN, 1]]]}',
    '{"strokes": [[[0, 0], [1e400, 1]]]}',
    '{"strokes": [[[0, 0], [5, 9]]], "writer": "line\u2028separator\u0085and\u000cform feed"}',
]


def _mixed_file(tmp_path) -> tuple[Path, list[str]]:
    rows = [GOOD[0], *BAD[:4], GOOD[1], *BAD[4:], "\ufeff" + GOOD[2], b"\xff\xfe not UTF-8".decode("latin-1"), GOOD[0]]
    path = tmp_path / "inks with spaces é.jsonl"
    data = b"".join(
        (r.encode("latin-1") if "not UTF-8" in r else r.encode("utf-8")) + (b"\r\n" if i == 1 else b"\n")
        for i, r in enumerate(rows)
    )
    path.write_bytes(data)
    return path, rows


@pytest.mark.parametrize("number", [False, True])
def test_predict_gives_one_output_line_per_input_line_and_errors_name_theirs(tmp_path, number):
    path, rows = _mixed_file(tmp_path)
    result = digitpad("predict", "--ink", path, *(["--number"] if number else []))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(rows)
    for lineno, (row, obj) in enumerate(zip(rows, out), 1):
        if row in GOOD:
            assert "error" not in obj, (lineno, obj)
        elif "error" in obj:
            assert obj["error"].startswith(f"line {lineno}: "), (lineno, obj)
    errors = [i for i, obj in enumerate(out, 1) if "error" in obj]
    assert {2, 3, 4, 5, 7, 8, 9, 11, 12} <= set(errors), out
    assert out[1] == {"error": "line 2: blank line, no ink"} and out[2] == {"error": "line 3: blank line, no ink"}


def test_predict_reads_stdin_line_for_line(tmp_path):
    text = "\n".join([GOOD[0], "", GOOD[1], "{}"]) + "\n"
    result = digitpad("predict", "--ink", "-", input=text)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 4 and "digit" in out[0] and "digit" in out[2]
    assert out[1]["error"].startswith("line 2: ") and out[3]["error"].startswith("line 4: ")


@pytest.mark.parametrize(
    "bad, why",
    [
        ('{"strokes": [[[1, 2], [3', "not valid JSON"),
        ('{"strokes": [[[0, 0], [NaN, 1]]], "label": 1}', "NaN or infinite"),
        ('{"strokes": "abc", "label": 1}', "strokes"),
        ('{"strokes": [[[0, 0], [1, 1]]], "label": 11}', "label"),
        ('{"strokes": [["x", "y"]], "label": 1}', "stroke 0"),
        ('{"strokes": [[[0, 0], [1e999999, 1]]], "label": 1}', "NaN or infinite"),
    ],
)
def test_evaluate_ink_names_the_file_and_the_line(tmp_path, bad, why):
    good = [json.dumps({**json.loads(g), "label": 0}) for g in GOOD]
    path = tmp_path / "labelled inks.jsonl"
    path.write_text("\n".join([good[0], "", good[1], bad, good[2]]) + "\n", encoding="utf-8")
    result = digitpad("evaluate", "--ink", path)
    assert_one_line_error(result, f"digitpad evaluate: error: {path}: line 4: ", why)


def test_evaluate_ink_not_utf8_and_mistakes_carry_file_line_numbers(tmp_path):
    path = tmp_path / "inks.jsonl"
    path.write_bytes(GOOD[0].encode() + b"\n\xff\xfe\n")
    assert_one_line_error(digitpad("evaluate", "--ink", path), f"{path}: line 2: not UTF-8")
    rows = [json.dumps({**json.loads(g), "label": 9}) for g in GOOD]  # wrong labels: every ink is a mistake
    path.write_text("\n".join([rows[0], "", "", rows[1], "", rows[2]]) + "\n", encoding="utf-8")
    result = digitpad("evaluate", "--ink", path, "--json")
    assert result.returncode == 0, result.stderr
    mistakes = json.loads(result.stdout)["mistakes"]
    assert [m["line"] for m in mistakes] == [1, 4, 6]


def test_adapt_ink_line_numbers_survive_unicode_line_separators(tmp_path):
    row = json.loads(GOOD[0])
    odd = {**row, "label": 1, "writer": "a\u2028b\u0085c\u000cd\u001ce"}
    path = tmp_path / "mine.jsonl"
    lines = [json.dumps(odd, ensure_ascii=False), json.dumps({**row, "label": 2}), '{"strokes": [], "label": 3}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = digitpad("adapt", "--ink", path, "--out", tmp_path / "a.pt", "--steps", 1, "--folds", 0)
    assert_one_line_error(result, f"{path}: line 3: ", "empty")


@pytest.mark.parametrize("command", ["evaluate", "adapt"])
def test_an_endless_line_is_one_error_in_bounded_memory(command):
    """/dev/zero: one line that never ends (adapt read whole files into memory before)."""
    assert_one_line_error(digitpad(command, "--ink", "/dev/zero"), "/dev/zero: line 1: longer than 4 MB")


@pytest.mark.parametrize("number", [False, True])
def test_several_ink_files_are_read_in_order_and_errors_name_file_and_line(tmp_path, number):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(GOOD[0] + "\n\n", encoding="utf-8")
    second.write_text(GOOD[1] + "\n", encoding="utf-8")
    result = digitpad("predict", "--ink", first, "--ink", second, *(["--number"] if number else []))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 3
    assert "error" not in out[0] and "error" not in out[2]
    assert out[1]["error"] == f"{first} line 2: blank line, no ink"


@pytest.mark.parametrize(
    "argv",
    [
        ["predict", "--model", "a.pt", "--model", "b.pt", "x.png"],
        ["evaluate", "--ink", "a.jsonl", "--ink", "b.jsonl"],
        ["train", "--epochs", "1", "--epochs", "2"],
        ["adapt", "--ink", "a.jsonl", "--ink", "b.jsonl"],
    ],
)
def test_a_single_value_option_given_twice_is_one_clear_error(argv):
    result = digitpad(*argv)
    assert result.returncode == 2
    assert "given twice: give it once" in result.stderr.splitlines()[-1]
    assert result.stdout == ""


@pytest.mark.parametrize("number", [False, True])
def test_a_byte_order_mark_opening_the_file_is_not_part_of_line_one(tmp_path, number):
    path = tmp_path / "notepad.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(GOOD[:2]).encode() + b"\n")
    result = digitpad("predict", "--ink", path, *(["--number"] if number else []))
    assert result.returncode == 0, result.stderr
    assert not any("error" in json.loads(line) for line in result.stdout.splitlines())


def test_a_file_holding_only_a_byte_order_mark_is_read_as_an_empty_file(tmp_path):
    """A newcomer's find: the mark alone gave "line 1: blank line, no ink", where an empty file
    gives its one line (tests/model/test_ink_files.py)."""
    only_mark, empty = tmp_path / "mark.jsonl", tmp_path / "empty.jsonl"
    only_mark.write_bytes(b"\xef\xbb\xbf")
    empty.write_bytes(b"")
    for path in (only_mark, empty):
        result = digitpad("predict", "--ink", path)
        assert_one_line_error(result, f"digitpad predict: error: {path} is empty: no ink")
        assert result.stdout == ""

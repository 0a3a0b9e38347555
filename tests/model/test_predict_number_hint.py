"""`digitpad predict --ink` on a written number, without --number, says it looks like several
digits and hints --number (newcomer nc3, fault 15: it said "a letter, a symbol, a drawing or
noise"). The JSON shape stays {"digit": null, "reason": ...}.

Data: tests/data/inks/newcomer-numbers.jsonl (numbers drawn as ink, the first is 2024) and
newcomer-nondigits.jsonl (letters, shapes, scribbles: no hint)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.model.test_cli import digitpad

INKS = Path(__file__).parent.parent / "data" / "inks"


def test_a_number_without_number_is_named_and_hints_the_flag():
    result = digitpad("predict", "--ink", INKS / "newcomer-numbers.jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(rows[0]) == {"digit", "reason"} and rows[0]["digit"] is None
    assert "several digits side by side ('2024')" in rows[0]["reason"] and "--number" in rows[0]["reason"]
    assert rows[0]["reason"].startswith("not a digit: ")
    hinted = [r for r in rows if "--number" in r.get("reason", "")]
    assert len(hinted) >= 10  # most of the 21 numbers; single digits still read as digits
    assert any(r.get("digit") is not None for r in rows)


def test_things_that_are_not_numbers_get_no_hint():
    result = digitpad("predict", "--ink", INKS / "newcomer-nondigits.jsonl")
    assert result.returncode == 0, result.stderr
    assert "--number" not in result.stdout


PICTURES = Path(__file__).parent.parent / "data" / "images" / "newcomer-pictures"


def test_a_picture_of_a_number_hints_the_flag_too():
    """Newcomer nc5, fault 11: a picture of "2024" said "a letter, a symbol, a drawing or
    noise" while the same number drawn as ink got the hint; a phone number, which is no
    number, and a screenshot of one digit get none."""
    pictures = ["txt_yr2024.png", "txt_phone.png", "screenshot_ui_8.png"]
    result = digitpad("predict", *[PICTURES / name for name in pictures])
    assert result.returncode == 0, result.stderr
    year, phone, screenshot = (json.loads(line) for line in result.stdout.splitlines())
    assert year["digit"] is None and "several digits side by side ('2024')" in year["reason"]
    assert "--number" not in phone["reason"]
    assert screenshot["digit"] == 8

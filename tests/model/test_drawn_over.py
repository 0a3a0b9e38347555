"""A digit gone over again is one digit, not two (model/segmentation/drawn_over.py): a 1
drawn twice is "1", not "11"; a 4 whose stem is drawn again is "4", not "41" (a
newcomer's drawings, kept in tests/data/inks/newcomer-drawn-over.jsonl). Digits written
side by side, even close or touching, stay apart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from model.predictor import Predictor

REPO = Path(__file__).resolve().parents[2]
DRAWN_OVER = REPO / "tests" / "data" / "inks" / "newcomer-drawn-over.jsonl"


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


def inks() -> list[tuple[str, list]]:
    rows = [json.loads(line) for line in DRAWN_OVER.read_text().splitlines() if line.strip()]
    return [(r["name"], r["strokes"]) for r in rows]


def one(x: float, top: float = 40, height: float = 200) -> list[tuple[float, float]]:
    return [(x, top), (x - 0.02 * height, top + height)]


@pytest.mark.parametrize("name,strokes", inks())
def test_the_newcomers_digits_gone_over_are_one_digit(predictor, name, strokes):
    expected = "4" if name.endswith("d4") else "1"
    number, rejected = predictor.read_drawing(strokes)
    assert number.text == expected and rejected is None


def test_the_command_line_reads_them_as_the_app_does():
    run = subprocess.run(
        [sys.executable, "-m", "app", "predict", "--ink", str(DRAWN_OVER), "--number"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert run.returncode == 0, run.stderr
    assert [json.loads(line)["number"] for line in run.stdout.splitlines()] == ["1", "1", "4"]


@pytest.mark.parametrize("offset", [0, 2, 4, 6, 9])
def test_a_one_drawn_twice_a_few_pixels_apart_is_a_one(predictor, offset):
    assert predictor.read_drawing([one(140), one(140 + offset)])[0].text == "1"


@pytest.mark.parametrize("gap", [30, 45, 70])
def test_two_ones_written_apart_are_eleven(predictor, gap):
    assert predictor.read_drawing([one(140), one(140 + gap)])[0].text == "11"


def test_a_digit_of_a_number_gone_over_again_is_read_once(predictor):
    two = [(0, 60), (40, 0), (90, 30), (60, 120), (0, 200), (100, 200)]
    again = [(x + 3, y + 2) for x, y in two]
    strokes = [one(30, 0, 200), [(x + 100, y) for x, y in two], [(x + 100, y) for x, y in again]]
    assert predictor.read_drawing(strokes)[0].text == "12"

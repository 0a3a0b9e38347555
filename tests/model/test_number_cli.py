"""`digitpad predict --number` through the real entry point (python -m app predict ...)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .number_shapes import number
from .test_number import ink_image

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", "predict", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )


def ink_line(text: str) -> str:
    return json.dumps({"strokes": [s.tolist() for s in number(text)]})


def assert_number(obj: dict, text: str) -> None:
    assert set(obj) == {"number", "characters"} and obj["number"] == text
    assert "".join(c["text"] for c in obj["characters"]) == text
    for c in obj["characters"]:
        x0, y0, x1, y1 = c["box"]
        assert x0 <= x1 and y0 <= y1
        if c["text"].isdigit():
            probs = c["probabilities"]
            assert len(probs) == 10 and abs(sum(probs) - 1) < 1e-3 and probs.index(max(probs)) == int(c["text"])
        else:
            assert "probabilities" not in c


def test_inks_as_numbers_with_errors_in_place(tmp_path):
    inks = tmp_path / "numbers.jsonl"
    inks.write_text(
        "\n".join([ink_line("2024"), '{"strokes": []}', "not json", ink_line("3.14"), ink_line("7")]) + "\n"
    )
    res = run("--ink", str(inks), "--number")
    assert res.returncode == 0, res.stderr
    out = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(out) == 5
    assert_number(out[0], "2024")
    assert "nothing to recognize" in out[1]["error"] and "line 3" in out[2]["error"]
    assert_number(out[3], "3.14")
    assert_number(out[4], "7")
    two = number("2024")[0]  # the 2's one stroke: its box, in the ink's units
    assert out[0]["characters"][0]["box"] == [round(float(v), 2) for v in (*two.min(axis=0), *two.max(axis=0))]


def test_images_as_numbers_and_strict(tmp_path):
    good = tmp_path / "2024.png"
    ink_image(number("2024")).save(good)
    res = run(str(good), str(tmp_path / "missing.png"), "--number", "--strict")
    assert res.returncode == 1, res.stderr
    out = [json.loads(line) for line in res.stdout.splitlines()]
    assert_number(out[0], "2024")
    assert "no such file" in out[1]["error"]


def test_without_number_the_output_is_unchanged(tmp_path):
    res = run("--ink", "-", stdin=ink_line("7") + "\n")
    assert res.returncode == 0, res.stderr
    obj = json.loads(res.stdout)
    assert set(obj) == {"digit", "probabilities"} and obj["digit"] == 7
    assert "--number" in run("--help").stdout


def test_characters_that_spell_no_number_give_null_with_the_reading(tmp_path):
    inks = tmp_path / "two-points.jsonl"
    inks.write_text(ink_line("3..4") + "\n")
    res = run("--ink", str(inks), "--number")
    assert res.returncode == 0, res.stderr
    obj = json.loads(res.stdout)
    assert obj["number"] is None
    assert obj["reason"] == "not a number: '3..4' has more than one decimal point"
    assert "".join(c["text"] for c in obj["characters"]) == "3..4"

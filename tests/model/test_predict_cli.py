"""`digitpad predict` through the real entry point (python -m app predict ...)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from model.predictor import Predictor

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "data" / "inks" / "uji-sample.jsonl"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", "predict", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def assert_prediction(obj: dict) -> None:
    assert set(obj) == {"digit", "probabilities"} and obj["digit"] in range(10)
    probs = obj["probabilities"]
    assert len(probs) == 10 and abs(sum(probs) - 1) < 1e-3 and probs.index(max(probs)) == obj["digit"]


def test_inks_with_a_bad_line_in_the_middle(tmp_path):
    good = SAMPLE.read_text().splitlines()
    bad_lines = [
        '{"strokes": [[[1, 2], [3',
        '{"canvas": [280, 280]}',
        '{"strokes": []}',
        '{"strokes": [[[0, 0], [NaN, 1]]]}',
    ]
    text = "\n".join(good[:3] + bad_lines + [""] + good[3:]) + "\n"  # a blank line is an error too
    ink = tmp_path / "inks.jsonl"
    ink.write_text(text)
    res = run("--ink", str(ink))
    assert res.returncode == 0, res.stderr
    out = lines(res.stdout)
    assert len(out) == len(good) + len(bad_lines) + 1
    errors = out[3:8]
    assert "line 4" in errors[0]["error"] and "JSON" in errors[0]["error"]
    assert "strokes" in errors[1]["error"]
    assert "nothing to recognize" in errors[2]["error"]
    assert "NaN" in errors[3]["error"]
    assert errors[4] == {"error": "line 8: blank line, no ink"}
    for obj in out[:3] + out[8:]:
        assert_prediction(obj)
    # the same answers as the library, in order
    want = Predictor.load().predict_many_strokes([json.loads(g)["strokes"] for g in good])
    assert [o["digit"] for o in out[:3] + out[8:]] == [w.digit for w in want]


def test_inks_from_stdin_and_images_in_one_run(tmp_path):
    img = Image.new("RGB", (120, 160), "white")
    ImageDraw.Draw(img).ellipse((20, 20, 100, 140), outline="black", width=10)  # a "0"
    zero = tmp_path / "zero.jpg"
    img.save(zero)
    blank = tmp_path / "blank.png"
    Image.new("L", (50, 50), 255).save(blank)
    text = SAMPLE.read_text().splitlines()[0] + "\n"
    res = run(str(zero), str(tmp_path / "missing.png"), str(blank), "--ink", "-", "--strict", stdin=text)
    assert res.returncode == 1, res.stderr  # --strict: some inputs failed (without it: 0, above)
    out = lines(res.stdout)
    assert len(out) == 4
    assert out[0]["digit"] == 0 and "no such file" in out[1]["error"] and "nothing to recognize" in out[2]["error"]
    assert_prediction(out[3])


def test_a_bad_model_is_one_clear_error_line(tmp_path):
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"\x00" * 64)
    res = run("--model", str(bad), "--ink", str(SAMPLE))
    assert res.returncode != 0 and res.stdout == ""
    assert len(res.stderr.strip().splitlines()) == 1 and "bad.pt" in res.stderr and "Traceback" not in res.stderr


def test_usage_errors_and_help(tmp_path):
    none = run()
    assert none.returncode != 0 and "--ink" in none.stderr
    missing = run("--ink", str(tmp_path / "nope.jsonl"))
    assert missing.returncode != 0 and "no such ink file" in missing.stderr and "Traceback" not in missing.stderr
    from cli.main import build_parser

    sub = build_parser()._subparsers._group_actions[0].choices["predict"]
    assert "Exit status" in sub.format_help() and "--model" in sub.format_help()


def test_thousands_of_inks_in_one_batched_run(tmp_path):
    rows = [json.loads(line) for line in SAMPLE.read_text().splitlines()]
    rng = np.random.default_rng(0)
    many = tmp_path / "many.jsonl"
    with many.open("w") as fh:
        for k in range(2000):
            strokes = rows[k % len(rows)]["strokes"]
            s, dx = rng.uniform(0.2, 3), rng.uniform(-500, 500)
            fh.write(json.dumps({"strokes": [[[x * s + dx, y * s] for x, y in st] for st in strokes]}) + "\n")
    res = run("--ink", str(many))
    assert res.returncode == 0, res.stderr
    out = lines(res.stdout)
    assert len(out) == 2000 and all("digit" in o for o in out)
    # scaling and moving an ink does not change its answer
    assert [o["digit"] for o in out[:20]] == [o["digit"] for o in out[20:40]]


def test_a_reader_that_leaves_early_stops_the_run_quietly(tmp_path):
    # `digitpad predict ... | head -1`: the pipe closes after one line.
    many = tmp_path / "many.jsonl"
    many.write_text("\n".join([SAMPLE.read_text().strip()] * 40))  # 800 results: more than a pipe holds
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "predict", "--ink", str(many), "--batch-size", "64"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert "digit" in json.loads(proc.stdout.readline())
    proc.stdout.close()
    assert proc.wait(timeout=120) == 141
    assert proc.stderr.read().decode() == ""

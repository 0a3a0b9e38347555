"""Bad ink lines each give their own {"error"} and the run goes on; memory stays bounded."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from cli.ink_input import parse_ink_line, read_inks
from cli.predict import _emit
from model.pen.ink_file import MAX_LINE_BYTES
from model.predictor import Prediction

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "data" / "inks" / "uji-sample.jsonl"

BAD_LINES = {  # line content -> what its error must say
    b'{"strokes": ' + b"[" * 100_000 + b"]" * 100_000 + b"}": "nested too deeply",
    b'{"strokes": [[[' + b"9" * 400 + b", 1], [2, 3]]]}": "400 digits is not a coordinate",
    b'{"strokes": [[[1, 2], [3, 4]]], "label": "\xff\xfe"}': "not UTF-8 text (byte 0xff at column 43)",
    b'{"strokes": [[[NaN, 1], [2, 3]]]}': "NaN is not a coordinate",
    b'{"strokes": [[[Infinity, 1], [2, 3]]]}': "Infinity is not a coordinate",
    b'{"strokes": [[[1e999, 1], [2, 3]]]}': "stroke 0, point 0: coordinates must be finite",
    b'{"strokes": "12"}': '"strokes" must be a list',
    b'{"strokes": [[1, 2], [3, 4]]}': "stroke 0 must be a list of [x, y] points",
    b'{"strokes": [[["a", "b"]]]}': "stroke 0",
    b'{"strokes": [[[1, 2]], [[true, false], [1, 2]]]}': "stroke 1, point 0: x and y must be numbers",
    b'{"strokes": [[[1, 2]], [[1, 2], [3]]]}': "stroke 1, point 1: x and y must be numbers",
    b'{"strokes": [[[1, 2], [3': "not valid JSON",
    b'{"strokes": [' + b",".join([b"[]"] * 20_000) + b"]}": "20,000 strokes (at most 10,000)",
    b"[1, 2]": 'expected an object with "strokes"',
    b'{"strokes": [[[1, 2]]], "note": "' + b"x" * (MAX_LINE_BYTES + 10) + b'"}': "longer than 4 MB",
}


def test_each_bad_line_is_refused_alone():
    for line, needle in BAD_LINES.items():
        if len(line) > MAX_LINE_BYTES:
            continue  # the reader refuses it before parsing: test_a_file_of_bad_lines_between_good_ones
        result = parse_ink_line(line, 7)
        if not isinstance(result, ValueError):  # structurally fine: the renderer refuses it
            from model.pen.ink import ink_to_array

            with pytest.raises(ValueError) as err:
                ink_to_array(result)
            result = err.value
        assert needle in str(result), (needle, str(result)[:200])


def test_an_overlong_line_is_skipped_without_reading_it_whole():
    data = b'{"strokes": [[[1, 2], [3, 4]]]}\n' + b"x" * (3 * MAX_LINE_BYTES) + b"\n" + b'{"strokes": []}\n'
    items = list(read_inks(io.BytesIO(data)))
    assert len(items) == 3
    assert items[0][:2] == (1, [[[1, 2], [3, 4]]])
    assert str(items[1][1]) == "line 2: longer than 4 MB" and items[2][:2] == (3, [])


def test_a_file_of_bad_lines_between_good_ones_runs_to_the_end(tmp_path):
    good = SAMPLE.read_bytes().splitlines()[:3]
    body = []
    for bad in BAD_LINES:
        body += [good[len(body) % 3], bad]
    path = tmp_path / "inks.jsonl"
    path.write_bytes(b"\n".join(body) + b"\n")
    res = subprocess.run(
        [sys.executable, "-m", "app", "predict", "--ink", str(path), "--batch-size", "5"],
        capture_output=True,
        timeout=300,
        cwd=REPO,
    )
    assert res.returncode == 0 and res.stderr == b"", res.stderr
    out = [json.loads(line) for line in res.stdout.decode().splitlines()]  # strict JSON: no NaN
    assert len(out) == len(body)
    for k, needle in enumerate(BAD_LINES.values()):
        assert "digit" in out[2 * k]
        error = out[2 * k + 1]["error"]
        assert error.startswith(f"line {2 * k + 2}") and needle in error, error


def test_nan_probabilities_are_never_printed():
    out = io.StringIO()
    nan = Prediction(3, np.full(10, np.nan, dtype=np.float32), np.zeros((28, 28), np.float32))
    assert _emit([nan], out, ["line 1"]) == 1
    assert json.loads(out.getvalue()) == {"error": "line 1: the model gave no valid probabilities (NaN or infinite)"}


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_an_endless_line_keeps_memory_bounded():
    """An ink, then a line that never ends (zeros through a pipe): its error, then the reading
    goes on skipping it in bounded memory. (An endless first line is no ink file at all:
    tests/model/test_ink_files.py.)"""
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "predict", "--ink", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )

    def feed() -> None:
        try:
            proc.stdin.write(SAMPLE.read_bytes().splitlines()[0] + b"\n")
            while True:
                proc.stdin.write(bytes(1 << 20))
        except (BrokenPipeError, ValueError, OSError):
            pass

    threading.Thread(target=feed, daemon=True).start()
    try:
        assert "digit" in json.loads(proc.stdout.readline())
        second = json.loads(proc.stdout.readline())
        assert second == {"error": "line 2: longer than 4 MB"}
        status = Path(f"/proc/{proc.pid}/status")
        rss_kb = lambda key: int(next(l.split()[1] for l in status.read_text().splitlines() if l.startswith(key)))
        io_read = lambda: int(
            next(l.split()[1] for l in Path(f"/proc/{proc.pid}/io").read_text().splitlines() if l.startswith("rchar"))
        )
        start_rss, start_read = rss_kb("VmRSS:"), io_read()
        while io_read() - start_read < 512 << 20:  # let it read another 512 MB of the endless line
            assert proc.poll() is None
        grown_mb = (rss_kb("VmHWM:") - start_rss) / 1024
        print(f"after reading 512 MB more of an endless line: peak memory grew by {grown_mb:.0f} MB")
        assert grown_mb < 64
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.parametrize("number", [False, True])
def test_coordinates_near_the_float_limit_are_one_clear_line_and_no_warning(tmp_path, number):
    """A newcomer's line: two points at -1e308 and 1e308 (their distance overflows). The
    segmentation printed NumPy's RuntimeWarnings (with our file names) before the error."""
    ink = tmp_path / "huge.jsonl"
    ink.write_text('{"strokes": [[[-1e308, 0], [1e308, 100]]]}\n{"strokes": [[[0, 1e308], [5, -1e308], [9, 0]]]}\n')
    args = [sys.executable, "-m", "app", "predict", "--ink", str(ink)] + (["--number"] if number else [])
    run = subprocess.run(args, capture_output=True, text=True, timeout=300, cwd=REPO)
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert lines == [{"error": f"line {n}: the ink's coordinates are too large"} for n in (1, 2)], run.stdout
    assert "Warning" not in run.stderr and "segment.py" not in run.stderr, run.stderr


@pytest.mark.parametrize("command", ["predict", "evaluate"])
def test_an_image_given_as_ink_is_one_clear_line(tmp_path, command):
    """A newcomer's `--ink photo.png` printed an error for every "line" of the PNG and exited 0."""
    from PIL import Image

    png = tmp_path / "seven.png"
    Image.new("L", (28, 28), 255).save(png)
    run = subprocess.run(
        [sys.executable, "-m", "app", command, "--ink", str(png)], capture_output=True, text=True, timeout=300, cwd=REPO
    )
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.strip().splitlines() == [
        f"digitpad {command}: error: {png} is an image, not an ink file (JSON Lines): use digitpad predict {png}"
    ]


def test_an_ink_of_many_dots_gets_a_short_reason(predictor):
    """Newcomer nc20: 10,000 dots with --number gave a 10 KB line of "....": the marks shown
    are cut to SHOWN_MARKS, with their count."""
    from model.segmentation.number import SHOWN_MARKS

    dots = [[(30.0 * k, 100.0)] for k in range(SHOWN_MARKS + 20)]
    number = predictor.predict_number(dots)
    assert number.text == "" and f"({SHOWN_MARKS + 20} marks)" in number.message
    assert len(number.message) < 120, number.message

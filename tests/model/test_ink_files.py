"""A file that is no file of inks at all (missing, a folder, a FIFO, empty, blank lines only,
one 50 MB line, binary junk, UTF-16) gives one clear line and a nonzero exit in every
command reading ink files (predict, evaluate, adapt --ink; samples import), nothing on
stdout and nothing written: the kept drawings stay as they were."""

from __future__ import annotations

import os
import random
import threading
from pathlib import Path

import pytest

from cli.main import main
from model.pen.ink_file import MAX_LINE_BYTES, InkFileError, ink_lines, open_ink_file
from model.pen.samples import SampleStore
from tests.model.test_cli import assert_one_line_error, digitpad

COMMANDS = [["predict", "--ink"], ["evaluate", "--ink"], ["adapt", "--ink"], ["samples", "import"]]
GOOD = '{"strokes": [[[0, 0], [5, 9], [9, 20]]], "label": 1}\n'


def _junk() -> bytes:
    """5,000 bytes of noise, the same every run (what `head -c 5000 /dev/urandom` gives)."""
    return random.Random(7).randbytes(5000)


def _big_line() -> bytes:
    """One line of 50 MB: a whole JSON document where one ink per line was expected."""
    point = b"[[1, 2], [3, 4]], "
    return b'{"strokes": [' + point * (50 * (1 << 20) // len(point)) + b"[[1, 2]]]}\n"


KINDS = {  # file name -> (how to make it, what its one line says)
    "missing.jsonl": (None, "no such"),
    "folder.jsonl": (lambda p: p.mkdir(), "is a folder, not an ink file"),
    "fifo.jsonl": (lambda p: os.mkfifo(p), "is empty: no ink"),  # no process writes to it
    "zero.jsonl": (lambda p: p.write_bytes(b""), "is empty: no ink"),
    "bom-only.jsonl": (lambda p: p.write_bytes(b"\xef\xbb\xbf"), "is empty: no ink"),
    "blank.jsonl": (lambda p: p.write_bytes(b"\n   \r\n\t\n"), "holds only blank lines: no ink"),
    "big.jsonl": (lambda p: p.write_bytes(_big_line()), "line 1: longer than 4 MB: not an ink file"),
    "junk.jsonl": (lambda p: p.write_bytes(_junk()), "is not UTF-8 text (byte 0x"),
    "nul.jsonl": (lambda p: p.write_bytes(b"\x00" * 300 + b"\n" + GOOD.encode()), "is binary data, not text"),
    "utf16.jsonl": (lambda p: p.write_bytes(GOOD.encode("utf-16")), "is UTF-16 text: save it as UTF-8"),
}


def _make(folder: Path, name: str) -> Path:
    make = KINDS[name][0]
    path = folder / name
    if make is not None:
        make(path)
    return path


def _not_waiting(call, fifo: Path | None, seconds: float = 30):
    """call() (in this thread: the command line sets signal handlers); fails, rather than hangs,
    if it waits for a writer of the FIFO: a watchdog then opens the FIFO for writing (which
    lets the reader go) and says so."""
    blocked: list[bool] = []

    def unblock() -> None:
        try:  # without a reader waiting, opening for writing without blocking fails (ENXIO)
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            blocked.append(True)
        except OSError:
            pass

    watchdog = threading.Timer(seconds, unblock) if fifo is not None else None
    if watchdog is not None:
        watchdog.start()
    try:
        result = call()
    finally:
        if watchdog is not None:
            watchdog.cancel()
    assert not blocked, "the reader waited for a writer of the FIFO"
    return result


@pytest.fixture
def kept(user_data_dir) -> SampleStore:
    """The user's kept drawings: two of them, whose file must stay byte for byte."""
    store = SampleStore()
    store.add([[[0, 0], [5, 9]]], 3)
    store.add([[[0, 0], [9, 5]]], 4)
    return store


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_ink_file_at_all_is_one_line_and_nothing_written(tmp_path, kind, command, kept, capsys):
    if kind == "fifo.jsonl" and not hasattr(os, "mkfifo"):
        pytest.skip("POSIX FIFOs")
    path = _make(tmp_path, kind)
    before, files = kept.path.read_bytes(), _files(kept.path.parent)
    argv = [*command, str(path), *(["--out", str(tmp_path / "a.pt")] if command[0] == "adapt" else [])]
    code = _not_waiting(lambda: main(argv), path if kind == "fifo.jsonl" else None)
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith(f"digitpad {command[0]}: error: ") and str(path) in lines[0], lines[0]
    assert KINDS[kind][1] in lines[0], lines[0]
    assert kept.path.read_bytes() == before and _files(kept.path.parent) == files
    assert not (tmp_path / "a.pt").exists()


def _files(folder: Path) -> set[str]:
    """The files in the data folder (the log aside): a temporary file left behind shows."""
    return {p.name for p in folder.iterdir() if p.name != "logs"}


def test_binary_junk_is_one_line_through_the_real_entry_point(tmp_path, kept):
    """A newcomer's `digitpad samples import junk.jsonl` printed "not valid JSON" for every line."""
    junk = _make(tmp_path, "junk.jsonl")
    before = kept.path.read_bytes()
    env = {"DIGITPAD_DATA_DIR": str(kept.path.parent)}
    result = digitpad("samples", "import", junk, env=env)
    assert_one_line_error(result, f"digitpad samples: error: {junk} is not UTF-8 text (byte 0x", "not an ink file")
    assert kept.path.read_bytes() == before


def test_the_first_non_blank_line_decides_later_lines_are_each_their_own(tmp_path):
    """A file of text whose later lines are bad is read line by line (each bad one is its own
    error); blank lines before the first ink keep their numbers."""
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n\n" + GOOD.encode() + b"\xff\xfe\n" + b"x" * (MAX_LINE_BYTES + 5) + b"\n" + b"\x00\n")
    with open_ink_file(path) as stream:
        lines = list(ink_lines(stream, str(path)))
    assert [n for n, _ in lines] == [1, 2, 3, 4, 5, 6]
    assert lines[0][1] == lines[1][1] == b"\n" and lines[2][1] == GOOD.encode()
    assert lines[3][1] == b"\xff\xfe\n" and str(lines[4][1]) == "line 5: longer than 4 MB"


def test_samples_import_skips_a_later_line_that_is_not_utf8_in_predicts_words(tmp_path, kept):
    path = tmp_path / "mostly.jsonl"
    path.write_bytes(GOOD.encode() + b'{"strokes": [[[0, 0], [1, 1]]], "label": "\xff"}\n')
    result = kept.import_file(path)
    assert result.added == 1
    assert result.problems == ["mostly.jsonl: line 2: not UTF-8 text (byte 0xff at column 43)"]


def test_an_ink_file_error_says_what_kind_it_is(tmp_path):
    with pytest.raises(InkFileError) as err:
        open_ink_file(_make(tmp_path, "folder.jsonl"))
    assert err.value.kind == "folder"
    with pytest.raises(InkFileError) as err, open_ink_file(_make(tmp_path, "junk.jsonl")) as stream:
        next(ink_lines(stream, "junk.jsonl"))
    assert err.value.kind == "not text" and str(err.value).startswith("junk.jsonl is not UTF-8 text")

"""Reading --ink files (JSON Lines, one ink per line: see `digitpad predict --help`) for
`digitpad predict`, `evaluate --ink` and `adapt --ink`: opening one ("-" is standard input),
refusing a file that is no ink file at all in one line (model/pen/ink_file.py), and
parsing each line into strokes or a ValueError naming its line. No torch.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any, BinaryIO

from model.pen.ink_file import InkFileError, ink_lines, open_ink_file
from model.pen.json_lines import json_error, json_kind, not_utf8

MAX_STROKES = 10_000  # strokes in one ink
MAX_NUMBER_DIGITS = 20  # digits in one JSON integer (canvas coordinates have a handful)
BATCH_BYTES = 16 << 20  # ink text held at once: a batch (cli/predict.py) ends when it reaches this


def open_ink(name: str) -> AbstractContextManager[BinaryIO]:
    """The ink file, read as bytes (lines are bounded and decoded one by one); "-": standard
    input. ValueError (one line) for no such file, a folder, an image."""
    if name == "-":
        return _NoClose(sys.stdin.buffer)
    try:
        return open_ink_file(name)
    except FileNotFoundError:
        raise ValueError(f"no such ink file: {name}") from None
    except InkFileError as exc:
        hint = HINTS.get(exc.kind)
        if hint is None:
            raise
        raise InkFileError(f"{exc}{hint.format(name=name)}", exc.kind) from None


HINTS = {"image": ": use digitpad predict {name}"}  # what to do instead, on the command line


def ink_file_lines(stream: BinaryIO, name: str) -> Iterator[tuple[int, bytes | ValueError]]:
    """model/pen/ink_file.py ink_lines of an --ink file (name "-": standard input): every
    line as bytes, or InkFileError for a file that is no ink file at all."""
    return ink_lines(stream, _shown_name(name))


def check_ink_files(names: list[str]) -> None:
    """Refuse, before anything is predicted, an --ink file that is no ink file at all
    (model/pen/ink_file.py: missing, a folder, an image, binary, no ink): one error line
    and nothing on stdout. Standard input, a pipe or a device is checked as it is read
    (what is read from it cannot be read again)."""
    for name in names:
        if name != "-":
            with open_ink(name) as stream:
                if stream.seekable():
                    next(ink_file_lines(stream, name), None)


def _shown_name(name: str) -> str:
    return "standard input" if name == "-" else name


class _NoClose:
    """Use stdin in a with-block without closing it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def __enter__(self) -> BinaryIO:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        return None


def read_inks(stream: BinaryIO, name: str = "-") -> Iterator[tuple[int, Any, int]]:
    """(line number, strokes or a ValueError saying what is wrong, bytes read) for every
    line: one result per input line, so output line N answers input line N. A blank
    line is an error ("line N: blank line, no ink"), not a skip that would shift the rest.
    InkFileError, before the first result, for a file that is no ink file at all (binary,
    no ink: model/pen/ink_file.py ink_lines); name: the file's, "-" for standard input."""
    for lineno, raw in ink_file_lines(stream, name):
        if isinstance(raw, ValueError):
            yield lineno, raw, BATCH_BYTES
        elif not raw.strip():
            yield lineno, ValueError(f"line {lineno}: blank line, no ink"), len(raw)
        else:
            yield lineno, parse_ink_line(raw, lineno), len(raw)


def parse_ink_line(line: bytes | str, lineno: int) -> Any:
    """One JSON Lines ink -> its strokes (lists of [x, y, ...] numbers), or a ValueError."""
    try:
        text = line.decode("utf-8") if isinstance(line, bytes) else line
    except UnicodeDecodeError as exc:
        return ValueError(f"line {lineno}: {not_utf8(exc)}")
    try:
        obj = json.loads(text, parse_constant=_no_constant, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        return ValueError(f"line {lineno}: {json_error(exc)}")
    except RecursionError:
        return ValueError(f"line {lineno}: JSON nested too deeply")
    except ValueError as exc:  # from _no_constant, _bounded_int
        return ValueError(f"line {lineno}: {exc}")
    if not isinstance(obj, dict):
        return ValueError(f'line {lineno}: expected an object with "strokes", got {json_kind(obj)}')
    if "strokes" not in obj:
        return ValueError(
            f'line {lineno}: no "strokes" (the object has {", ".join(map(repr, list(obj)[:5])) or "no keys"})'
        )
    strokes = obj["strokes"]
    if not isinstance(strokes, list):
        return ValueError(f'line {lineno}: "strokes" must be a list of strokes, got {json_kind(strokes)}')
    if len(strokes) > MAX_STROKES:
        return ValueError(f"line {lineno}: {len(strokes):,} strokes (at most {MAX_STROKES:,})")
    for i, stroke in enumerate(strokes):
        if not isinstance(stroke, list) or not all(isinstance(p, list) for p in stroke):
            return ValueError(f"line {lineno}: stroke {i} must be a list of [x, y] points")
        for k, point in enumerate(stroke):
            if len(point) < 2 or not all(type(v) in (int, float) for v in point[:2]):
                return ValueError(f"line {lineno}: stroke {i}, point {k}: x and y must be numbers")
            if not (math.isfinite(point[0]) and math.isfinite(point[1])):
                return ValueError(f"line {lineno}: stroke {i}, point {k}: coordinates must be finite")
    return strokes


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a coordinate")


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number of {len(digits.lstrip('-')):,} digits is not a coordinate")
    return int(digits)

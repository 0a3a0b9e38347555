"""`digitpad predict IMAGE... | --ink FILE [--number]`: one JSON object per input on stdout.

Inks are read as JSON Lines and predicted in batches, so thousands of inks per run
are fast; results are printed (and flushed) batch by batch, in input order.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import re
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from model.pen.json_lines import json_error, json_kind  # no torch

EPILOG = """\
Output: one JSON object per input, in input order (images first, then inks):
  {"digit": 7, "probabilities": [p0, ..., p9]}
or, with --number (whole numbers: several digits, a decimal point, a leading minus):
  {"number": "3.14", "characters": [{"text": "3", "box": [x0, y0, x1, y1],
   "probabilities": [p0, ..., p9]}, {"text": ".", "box": [...]}, ...]}
  (boxes in the ink's coordinates or the image's pixels, y down; "." and "-" have
  no probabilities)
for a picture or an ink of something that is not a digit (a letter, a symbol, a
drawing, noise, or only lines and edges), read as the app reads it:
  {"digit": null, "reason": "..."}    (with --number: {"number": null, "reason": "..."})
with --number, characters that spell no number ("3..4": two decimal points) give
  {"number": null, "reason": "not a number: ...", "characters": [...]}
or, for an input that cannot be read or holds nothing to recognize:
  {"error": "..."}
Inks: JSON Lines, one ink per line: {"strokes": [[[x, y], [x, y], ...], ...]} with
x, y in canvas pixels, y growing downward (extra values per point, such as pressure
or time, are ignored; so are other keys such as "canvas", "pen_width", "label").
Use --ink - to read standard input; --ink may be given several times (the files
are read in order, and errors then name "FILE line N"). Output line N answers ink line N: every line,
blank ones included, gives exactly one output line. Each bad line (blank, not
UTF-8, not JSON, NaN coordinates, longer than 4 MB...) gives its own
{"error": "line N: ..."} naming its line number, and the run goes on.

Exit status: 0 when the run completed, even if some inputs gave {"error": ...}
(use --strict to get 1 instead); 2 when the run itself could not proceed (bad
--model, unreadable --ink file), with one error line on stderr.
"""
EXIT_SOME_FAILED = 1
BATCH_SIZE = 512


def add_predict_arguments(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.description = "Recognize digits in image files or in inks (strokes, JSON Lines)."
    p.epilog = EPILOG
    p.add_argument("images", nargs="*", metavar="IMAGE", help="image files (PNG, JPEG, BMP, GIF, WebP, ...)")
    p.add_argument(
        "--ink",
        metavar="FILE",
        action="append",
        help="JSON Lines file of inks, one per line; - for standard input (may be repeated: read in order)",
    )
    p.add_argument("--model", type=Path, help="checkpoint to use (default: the bundled model)")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=f"inputs per forward pass (default {BATCH_SIZE})")
    p.add_argument("--strict", action="store_true", help="exit with status 1 if any input gave an error")
    p.add_argument(
        "--number", action="store_true", help="read each input as a whole number (several digits, decimal point, minus)"
    )


MAX_LINE_BYTES = 4 << 20  # one ink line; longer lines give an error and are skipped unread
BATCH_BYTES = 16 << 20  # ink text held at once (a batch ends earlier when it reaches this)
MAX_STROKES = 10_000  # strokes in one ink
MAX_NUMBER_DIGITS = 20  # digits in one JSON integer (canvas coordinates have a handful)
SKIP_CHUNK = 1 << 20
UTF8_BOM = b"\xef\xbb\xbf"


def cmd_predict(args: argparse.Namespace) -> int:
    from model.predictor import Predictor  # torch loads only when predicting

    if not args.images and args.ink is None:
        raise ValueError("give IMAGE files or --ink FILE (see digitpad predict --help)")
    if args.batch_size < 1:
        raise ValueError("--batch-size must be at least 1")
    predictor = Predictor.load(args.model)  # CheckpointError: one line, exit 2 (cli/main.py)
    out = sys.stdout
    if args.number:
        return _predict_numbers(predictor, args, out)
    failed = 0
    for start in range(0, len(args.images), args.batch_size):
        chunk = args.images[start : start + args.batch_size]
        failed += _emit(_predict_guarded(predictor.predict_many_images, chunk), out, list(chunk))
    for ink_file in args.ink or ():
        with open_ink(ink_file) as stream:
            for batch in _batches(read_inks(stream), args.batch_size):
                failed += _predict_ink_batch(predictor, batch, out, _line_prefix(args, ink_file))
    return EXIT_SOME_FAILED if args.strict and failed else 0


def _predict_numbers(predictor: Any, args: argparse.Namespace, out: TextIO) -> int:
    """--number: one {"number": ...} or {"error": ...} per input, images first, then inks."""
    failed = 0
    for path in args.images:
        failed += _emit([_number_or_error(lambda image: predictor.read_picture(image)[0], path)], out, [path])
    for ink_file in args.ink or ():
        with open_ink(ink_file) as stream:
            for lineno, item, _size in read_inks(stream):
                read = lambda ink: predictor.read_drawing(ink)[0]  # noqa: E731  what the app shows
                result = item if isinstance(item, ValueError) else _number_or_error(read, item)
                failed += _emit([result], out, [f"{_line_prefix(args, ink_file)}line {lineno}"])
    return EXIT_SOME_FAILED if args.strict and failed else 0


def _number_or_error(read: Any, source: Any) -> Any:
    """read(source), or the ValueError saying why not (unexpected failures too, as predict's)."""

    def one(inputs: list[Any]) -> list[Any]:
        try:
            return [read(inputs[0])]
        except ValueError as exc:  # the engine's own one-line reason
            return [exc]

    return _predict_guarded(one, [source])[0]


def open_ink(name: str) -> AbstractContextManager[BinaryIO]:
    """The ink file, read as bytes (lines are bounded and decoded one by one)."""
    if name == "-":
        return _NoClose(sys.stdin.buffer)
    if os.path.isdir(name):
        raise ValueError(f"{name} is a folder, not an ink file")
    try:
        stream = open(name, "rb")
    except FileNotFoundError:
        raise ValueError(f"no such ink file: {name}") from None
    if stream.seekable():
        head = stream.read(12)
        stream.seek(0)
        if _is_image(head):  # a newcomer's --ink photo.png gave one error per "line" of the PNG
            stream.close()
            raise ValueError(f"{name} is an image, not an ink file (JSON Lines): use digitpad predict {name}")
    return stream


IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")


def _is_image(head: bytes) -> bool:
    """Whether a file's first bytes are those of an image format Pillow reads (WebP: RIFF....WEBP)."""
    return head.startswith(IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


class _NoClose:
    """Use stdin in a with-block without closing it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def __enter__(self) -> BinaryIO:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        return None


def read_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | ValueError]]:
    """(line number, the line's bytes, or a ValueError for a line longer than MAX_LINE_BYTES)
    for every line, blank ones included, so line numbers are the file's.

    A UTF-8 byte order mark opening the file is dropped. A line is read up to MAX_LINE_BYTES: a longer one gives its error and the rest of it
    is skipped in chunks, so memory stays bounded whatever the input (even /dev/zero).
    """
    lineno = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        lineno += 1
        if lineno == 1 and raw.startswith(UTF8_BOM):  # what Windows Notepad writes first
            raw = raw[len(UTF8_BOM) :]
            if not raw:
                return  # a file holding only the mark holds no line, as an empty file
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            yield lineno, ValueError(f"line {lineno}: longer than {MAX_LINE_BYTES >> 20} MB")
            _skip_line(stream)
            continue
        yield lineno, raw


def read_inks(stream: BinaryIO) -> Iterator[tuple[int, Any, int]]:
    """(line number, strokes or a ValueError saying what is wrong, bytes read) for every
    line: one result per input line, so output line N answers input line N. A blank
    line is an error ("line N: blank line, no ink"), not a skip that would shift the rest."""
    for lineno, raw in read_lines(stream):
        if isinstance(raw, ValueError):
            yield lineno, raw, BATCH_BYTES
        elif not raw.strip():
            yield lineno, ValueError(f"line {lineno}: blank line, no ink"), len(raw)
        else:
            yield lineno, parse_ink_line(raw, lineno), len(raw)


def _skip_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def parse_ink_line(line: bytes | str, lineno: int) -> Any:
    """One JSON Lines ink -> its strokes (lists of [x, y, ...] numbers), or a ValueError."""
    try:
        text = line.decode("utf-8") if isinstance(line, bytes) else line
    except UnicodeDecodeError as exc:
        return ValueError(f"line {lineno}: not UTF-8 text (byte 0x{line[exc.start]:02x} at column {exc.start + 1})")
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


def _batches(items: Iterator[tuple[int, Any, int]], size: int) -> Iterator[list[tuple[int, Any]]]:
    """Up to size (line number, item) pairs, fewer when their text reaches BATCH_BYTES."""
    batch: list[tuple[int, Any]] = []
    held = 0
    for lineno, item, nbytes in items:
        batch.append((lineno, item))
        held += nbytes
        if len(batch) >= size or held >= BATCH_BYTES:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _line_prefix(args: argparse.Namespace, ink_file: str) -> str:
    """ "FILE " before "line N" in errors when several --ink files are read, else ""."""
    return f"{ink_file} " if len(args.ink) > 1 else ""


def _predict_ink_batch(predictor: Any, batch: list[tuple[int, Any]], out: TextIO, prefix: str = "") -> int:
    """Predict the good inks of a batch in one pass; parse errors keep their place.
    prefix: put before "line N" in error messages (the file's name when there are several)."""
    good = [i for i, (_, item) in enumerate(batch) if not isinstance(item, ValueError)]
    results: list[Any] = [item for _, item in batch]
    read = lambda inks: predictor.predict_many_strokes(inks, check_not_digit=True)  # noqa: E731  as the app reads one digit
    inks = [results[i] for i in good]
    predicted = _predict_guarded(read, inks)
    for i, ink, res in zip(good, inks, predicted):
        results[i] = _hint_number(predictor, ink, res)
    return _emit(results, out, [f"{prefix}line {lineno}" for lineno, _ in batch])


def _hint_number(predictor: Any, ink: Any, result: Any) -> Any:
    """A "not a digit" answer for ink that reads confidently as several digits side by side
    (a number written without --number) says so instead, and how to read it: "not a digit:
    it looks like several digits side by side ('2024'); add --number to read numbers"."""
    if not getattr(result, "not_digit", False):
        return result
    try:
        number = predictor.predict_number(ink)
    except ValueError:
        return result
    if len(number.digits) < 2 or number.lines > 1 or not (number.side_by_side() and number.confident()):
        return result
    reason = f"not a digit: it looks like several digits side by side ({number.text!r}); add --number to read numbers"
    return dataclasses.replace(result, message=reason)


def _naming(message: str, name: str) -> str:
    """message, starting with the input's name ("line 7: ..." for an ink) unless it starts
    with it already, or (for an image file) already names the file."""
    ink_line = re.search(r"(?:^| )(line \d+)$", name)
    if message.startswith(name + ":") or (ink_line is None and Path(name).name in message):
        return message
    if ink_line and ink_line.start() > 0 and message.startswith(ink_line[1] + ":"):  # the parser named the line
        return f"{name[: ink_line.start()]} {message}"
    return f"{name}: {message}"


def _predict_guarded(predict: Any, inputs: list[Any]) -> list[Any]:
    """predict(inputs); if the batch fails unexpectedly, one by one, so only the culprit fails."""
    try:
        return predict(inputs)
    except (ArithmeticError, RecursionError, MemoryError, TypeError, ValueError) as exc:
        if len(inputs) == 1:
            return [ValueError(f"cannot recognize this input ({type(exc).__name__}: {str(exc)[:100]})")]
    return [r for item in inputs for r in _predict_guarded(predict, [item])]


def _emit(results: list[Any], out: TextIO, names: list[str]) -> int:
    """Print one JSON line per result; return how many were errors. Every error names its
    input, names[i]: "line 7" for an ink, the file's path for an image."""
    failed = 0
    for res, name in zip(results, names, strict=True):
        obj = {"error": str(res)} if isinstance(res, ValueError) else res.to_dict()
        try:
            line = json.dumps(obj, allow_nan=False)  # NaN is not JSON: never printed
        except ValueError:
            obj = {"error": "the model gave no valid probabilities (NaN or infinite)"}
        if "error" in obj:
            obj["error"] = _naming(obj["error"], name)
            line = json.dumps(obj)
        failed += "error" in obj
        out.write(line + "\n")
    out.flush()
    return failed

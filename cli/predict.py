"""`digitpad predict IMAGE... | --ink FILE [--number]`: one JSON object per input on stdout.

Inks are read as JSON Lines and predicted in batches, so thousands of inks per run
are fast; results are printed (and flushed) batch by batch, in input order.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from .ink_input import BATCH_BYTES, check_ink_files, open_ink, read_inks  # no torch

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
{"error": "line N: ..."} naming its line number, and the run goes on. A file
that is no ink file at all (a folder, an image, nothing but blank lines, or a first
ink line that is not UTF-8 text, binary or longer than 4 MB) is refused whole.

Exit status: 0 when the run completed, even if some inputs gave {"error": ...}
(use --strict to get 1 instead); 2 when the run itself could not proceed (bad
--model, an --ink file missing or refused whole), with one error line on stderr.
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


def cmd_predict(args: argparse.Namespace) -> int:
    from model.predictor import Predictor  # torch loads only when predicting

    if not args.images and args.ink is None:
        raise ValueError("give IMAGE files or --ink FILE (see digitpad predict --help)")
    if args.batch_size < 1:
        raise ValueError("--batch-size must be at least 1")
    check_ink_files(args.ink or [])  # no ink file at all: one line, before loading the model
    predictor = Predictor.load(args.model)  # CheckpointError: one line, exit 2 (cli/main.py)
    out = sys.stdout
    if args.number:
        return _predict_numbers(predictor, args, out)
    failed = 0
    for start in range(0, len(args.images), args.batch_size):
        chunk = args.images[start : start + args.batch_size]
        results = _predict_guarded(predictor.predict_many_images, chunk)
        results = [
            _hint_number(res, lambda p=path: predictor.predict_number_image(p)) for path, res in zip(chunk, results)
        ]
        failed += _emit(results, out, list(chunk))
    for ink_file in args.ink or ():
        with open_ink(ink_file) as stream:
            for batch in _batches(read_inks(stream, ink_file), args.batch_size):
                failed += _predict_ink_batch(predictor, batch, out, _line_prefix(args, ink_file))
    return EXIT_SOME_FAILED if args.strict and failed else 0


def _predict_numbers(predictor: Any, args: argparse.Namespace, out: TextIO) -> int:
    """--number: one {"number": ...} or {"error": ...} per input, images first, then inks."""
    failed = 0
    for path in args.images:
        failed += _emit([_number_or_error(lambda image: predictor.read_picture(image)[0], path)], out, [path])
    for ink_file in args.ink or ():
        with open_ink(ink_file) as stream:
            for lineno, item, _size in read_inks(stream, ink_file):
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
        results[i] = _hint_number(res, lambda ink=ink: predictor.predict_number(ink))
    return _emit(results, out, [f"{prefix}line {lineno}" for lineno, _ in batch])


def _hint_number(result: Any, read_number: Any, picture: bool = False) -> Any:
    """A "not a digit" answer for an ink or a picture that reads confidently as several
    digits side by side (a number read without --number) says so instead, and how to read
    it: "not a digit: it looks like several digits side by side ('2024'); add --number to
    read numbers". read_number() reads the input as a number (ValueError: no hint); a
    picture's reading must also be wider than tall (two blobs of one broken digit are no
    number), and a reading that spells no number ("555-1234") gets no hint."""
    if not getattr(result, "not_digit", False):
        return result
    try:
        number = read_number()
    except ValueError:
        return result
    if len(number.digits) < 2 or number.lines > 1 or not (number.side_by_side() and number.confident()):
        return result
    if number.problem() or (picture and not number.looks_like_a_number()):
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

"""`digitpad predict IMAGE... | --ink FILE`: one JSON object per input on stdout.

Inks are read as JSON Lines and predicted in batches, so thousands of inks per run
are fast; results are printed (and flushed) batch by batch, in input order.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

EPILOG = """\
Output: one JSON object per input, in input order (images first, then inks):
  {"digit": 7, "probabilities": [p0, ..., p9]}
for a picture of something that is not a digit (a letter, a symbol, a drawing,
noise, or only lines and edges):
  {"digit": null, "reason": "..."}
or, for an input that cannot be read or holds nothing to recognize:
  {"error": "..."}
Inks: JSON Lines, one ink per line: {"strokes": [[[x, y], [x, y], ...], ...]} with
x, y in canvas pixels, y growing downward (extra values per point, such as pressure
or time, are ignored; so are other keys such as "canvas", "pen_width", "label").
Empty lines are skipped. Use --ink - to read standard input.

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
    p.add_argument("--ink", metavar="FILE", help="JSON Lines file of inks, one per line; - for standard input")
    p.add_argument("--model", type=Path, help="checkpoint to use (default: the bundled model)")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=f"inputs per forward pass (default {BATCH_SIZE})")
    p.add_argument("--strict", action="store_true", help="exit with status 1 if any input gave an error")


def cmd_predict(args: argparse.Namespace) -> int:
    from model.predictor import Predictor  # torch loads only when predicting

    if not args.images and args.ink is None:
        raise ValueError("give IMAGE files or --ink FILE (see digitpad predict --help)")
    if args.batch_size < 1:
        raise ValueError("--batch-size must be at least 1")
    predictor = Predictor.load(args.model)  # CheckpointError: one line, exit 2 (cli/main.py)
    out = sys.stdout
    failed = 0
    for start in range(0, len(args.images), args.batch_size):
        chunk = args.images[start : start + args.batch_size]
        failed += _emit(predictor.predict_many_images(chunk), out)
    if args.ink is not None:
        with _open_ink(args.ink) as stream:
            for batch in _batches(read_inks(stream), args.batch_size):
                failed += _predict_ink_batch(predictor, batch, out)
    return EXIT_SOME_FAILED if args.strict and failed else 0


def _open_ink(name: str) -> TextIO:
    if name == "-":
        return _NoClose(sys.stdin)
    try:
        return open(name, encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"no such ink file: {name}") from None
    except IsADirectoryError:
        raise ValueError(f"{name} is a folder, not an ink file") from None


class _NoClose:
    """Use stdin in a with-block without closing it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __enter__(self) -> TextIO:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        return None


def read_inks(lines: Iterable[str]) -> Iterator[Any]:
    """One item per non-empty line: the strokes of the ink, or a ValueError saying what is wrong."""
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        yield parse_ink_line(line, lineno)


def parse_ink_line(line: str, lineno: int) -> Any:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return ValueError(f"line {lineno}: not valid JSON ({exc.msg})")
    if not isinstance(obj, dict) or "strokes" not in obj:
        return ValueError(f'line {lineno}: expected an object with "strokes"')
    if not isinstance(obj["strokes"], list):
        return ValueError(f'line {lineno}: "strokes" must be a list of strokes')
    return obj["strokes"]


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _predict_ink_batch(predictor: Any, batch: list[Any], out: TextIO) -> int:
    """Predict the good inks of a batch in one pass; parse errors keep their place."""
    good = [i for i, item in enumerate(batch) if not isinstance(item, ValueError)]
    results: list[Any] = list(batch)
    for i, res in zip(good, predictor.predict_many_strokes([batch[i] for i in good])):
        results[i] = res
    return _emit(results, out)


def _emit(results: list[Any], out: TextIO) -> int:
    """Print one JSON line per result; return how many were errors."""
    failed = 0
    for res in results:
        obj = {"error": str(res)} if isinstance(res, ValueError) else res.to_dict()
        failed += "error" in obj
        out.write(json.dumps(obj) + "\n")
    out.flush()
    return failed

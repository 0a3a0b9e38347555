"""The user's kept drawings ("My handwriting"): labelled inks in an append-only JSON Lines file.

One drawing per line, in the ink format the command line reads, plus an id and a date:

    {"strokes": [[[x, y], ...], ...], "label": 7, "id": "3f2a...", "created": "2026-11-29T10:00:00+00:00"}

Each line is written whole with one write() and then flushed and fsynced, so killing
the app at any moment loses at most the drawing being written. A line that cannot be
read (a half-written last line, a hand edit) is skipped with a logged warning, never
fatal; the next append starts on a fresh line. Deleting rewrites the file atomically
(a temporary file, then a rename). Export and import use the same line format.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import logging
import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from .atomic import atomic_write
from .ink import Ink, ink_to_array
from .paths import user_data_dir

log = logging.getLogger(__name__)

SAMPLES_FILE = "handwriting.jsonl"
NUM_DIGITS = 10


class SampleError(ValueError):
    """A line or a drawing that is not a labelled ink; the message says why."""


@dataclass(frozen=True)
class Sample:
    """One kept drawing: the strokes (model/ink.py format), its digit, an id and a UTC date."""

    strokes: list
    label: int
    id: str
    created: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"strokes": self.strokes, "label": self.label, "id": self.id, "created": self.created}


def samples_path() -> Path:
    """The store's file in the user's data folder (not created until something is kept)."""
    return user_data_dir() / SAMPLES_FILE


def parse_label(value: Any) -> int:
    """7, 7.0, "7" -> 7; SampleError for anything that is not a digit 0-9."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < NUM_DIGITS:
        return value
    if isinstance(value, float) and value.is_integer() and 0 <= value < NUM_DIGITS:
        return int(value)
    if isinstance(value, str) and len(value.strip()) == 1 and value.strip() in "0123456789":
        return int(value)
    raise SampleError(f"label must be a digit 0-9, got {value!r:.40}")


def make_sample(strokes: Ink, label: Any, sample_id: str | None = None, created: str | None = None) -> Sample:
    """Validate and build a Sample; SampleError for bad ink, an empty drawing or a bad label."""
    try:
        points = ink_to_array(strokes)  # list of (P,2) arrays, ValueError if malformed
    except ValueError as exc:
        raise SampleError(str(exc)) from None
    if not points:
        raise SampleError("the drawing is empty")
    clean = [[[float(v) for v in point] for point in stroke] for stroke in strokes if len(stroke)]
    stamp = created or _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    return Sample(clean, parse_label(label), sample_id or uuid.uuid4().hex, stamp)


def parse_sample_line(line: str, lineno: int = 0) -> Sample:
    """One JSON line -> Sample; SampleError "line N: why" for anything else."""
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict) or not isinstance(obj.get("strokes"), list):
            raise SampleError('expected an object with "strokes"')
        if "label" not in obj:
            raise SampleError('no "label"')
        sample = make_sample(
            obj["strokes"], obj["label"], _str_or_none(obj.get("id")), _str_or_none(obj.get("created"))
        )
        if _str_or_none(obj.get("id")) is None:  # an ink from elsewhere: its id is its content
            digest = hashlib.sha1(json.dumps([sample.label, sample.strokes]).encode()).hexdigest()[:32]
            sample = dataclasses.replace(sample, id=digest)
        return sample
    except json.JSONDecodeError as exc:
        raise SampleError(f"line {lineno}: not valid JSON ({exc.msg})") from None
    except (SampleError, TypeError, ValueError) as exc:
        raise SampleError(f"line {lineno}: {exc}") from None


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def read_samples(lines: Iterable[str], source: str = "samples") -> tuple[list[Sample], list[str]]:
    """Parse JSON Lines; (samples, one message per skipped line). Empty lines are ignored."""
    samples, problems = [], []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            samples.append(parse_sample_line(line, lineno))
        except SampleError as exc:
            problems.append(f"{source}: {exc}")
    return samples, problems


class SampleStore:
    """The kept drawings in one JSON Lines file (default: :func:`samples_path`)."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else samples_path()

    def load(self) -> list[Sample]:
        """All readable drawings in file order; unreadable lines are skipped with a warning."""
        try:
            with open(self.path, encoding="utf-8", errors="replace") as fh:
                samples, problems = read_samples(fh, self.path.name)
        except FileNotFoundError:
            return []
        for problem in problems:
            log.warning("skipped a drawing that cannot be read: %s", problem)
        return _unique_ids(samples)

    def counts(self) -> list[int]:
        """(10,) number of kept drawings per digit."""
        counts = [0] * NUM_DIGITS
        for s in self.load():
            counts[s.label] += 1
        return counts

    def add(self, strokes: Ink, label: Any) -> Sample:
        """Validate and append one drawing (flushed and fsynced before returning)."""
        sample = make_sample(strokes, label)
        self.append([sample])
        return sample

    def append(self, samples: Sequence[Sample]) -> None:
        """Append drawings, each line whole; a half-written last line is closed off first."""
        if not samples:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(json.dumps(s.to_json(), separators=(",", ":")) + "\n" for s in samples)
        with open(self.path, "a+b") as fh:
            if fh.tell() > 0:
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    text = "\n" + text  # the fragment stays alone on its line, skipped when read
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())

    def delete(self, ids: Iterable[str]) -> int:
        """Remove the drawings with these ids (atomic rewrite); how many were removed."""
        gone = set(ids)
        samples = self.load()
        kept = [s for s in samples if s.id not in gone]
        if len(kept) != len(samples):
            write_samples(self.path, kept)
        return len(samples) - len(kept)

    def clear(self) -> int:
        """Remove every drawing; how many there were."""
        count = len(self.load())
        write_samples(self.path, [])
        return count

    def export(self, dest: str | os.PathLike) -> int:
        """Write all drawings to dest (atomically, same line format); how many.

        dest is a path the user chose: its folder must exist (OSError naming dest if not).
        """
        samples = self.load()
        write_samples(Path(dest), samples, make_parents=False)
        return len(samples)

    def import_file(self, src: str | os.PathLike) -> Imported:
        """Append the labelled inks of a JSON Lines file, skipping drawings already kept.

        Returns how many were added, how many were kept already (or repeated in the
        file), and one message per skipped bad line. OSError if the file cannot be read.
        """
        with open(src, encoding="utf-8-sig", errors="replace") as fh:  # -sig: a BOM is no ink
            samples, problems = read_samples(fh, Path(src).name)
        stored = self.load()
        ids = {s.id for s in stored}
        drawings = {_drawing_key(s) for s in stored}
        new = []
        for sample in samples:
            if _drawing_key(sample) in drawings:
                continue  # kept already, under whatever id (or twice in the file): one copy is enough
            if sample.id in ids:
                sample = dataclasses.replace(sample, id=uuid.uuid4().hex)  # another drawing, same id
            ids.add(sample.id)
            drawings.add(_drawing_key(sample))
            new.append(sample)
        self.append(new)
        return Imported(len(new), len(samples) - len(new), problems)


class Imported(NamedTuple):
    """What SampleStore.import_file did with a file's lines."""

    added: int  # drawings appended to the store
    already_kept: int  # readable drawings the store held already (or the file repeated)
    problems: list[str]  # one message per unreadable line, skipped


def _drawing_key(sample: Sample) -> str:
    """What makes two kept drawings the same: the digit and the strokes."""
    return json.dumps([sample.label, sample.strokes])


def _unique_ids(samples: list[Sample]) -> list[Sample]:
    """Every drawing its own id: a repeated one (a file written by hand, or by an older
    DigitPad that imported the same ink twice) becomes "ID~2", "ID~3"... in file order, the
    same at every load, so deleting one drawing never deletes another."""
    seen: dict[str, int] = {}
    unique = []
    for sample in samples:
        count = seen[sample.id] = seen.get(sample.id, 0) + 1
        unique.append(sample if count == 1 else dataclasses.replace(sample, id=f"{sample.id}~{count}"))
    return unique


def write_samples(path: Path, samples: Sequence[Sample], *, make_parents: bool = True) -> None:
    """Replace `path` by these drawings atomically (model/atomic.py: a temporary file, then a rename).

    make_parents=False for a path the user named (a missing folder is then an OSError).
    """
    text = "".join(json.dumps(s.to_json(), separators=(",", ":")) + "\n" for s in samples)
    atomic_write(path, lambda fh: fh.write(text.encode("utf-8")), make_parents=make_parents)

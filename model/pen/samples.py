"""The user's kept drawings ("My handwriting"): labelled inks in an append-only JSON Lines file.

One drawing per line, in the ink format the command line reads, plus an id and a date:

    {"strokes": [[[x, y], ...], ...], "label": 7, "id": "3f2a...", "created": "2026-11-29T10:00:00+00:00"}

Each line is written whole with one write() and then flushed and fsynced, so killing
the app at any moment loses at most the drawing being written. A line that cannot be
read (a half-written last line, a hand edit) is skipped with a logged warning, never
fatal; the next append starts on a fresh line. Deleting rewrites the file atomically
(a temporary file, then a rename) keeping every other line byte for byte: unreadable
lines stay (SampleStore.unreadable() lists them, so the app can say so), and no drawing
is given a date it did not have. Export and import use the same line format.
The app deletes, imports and exports in a background thread while its main window keeps
drawings: a drawing appended during a rewrite is kept (model/pen/line_file.py), and the
counts per digit are kept up to date from the store's own writes (known_counts()).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from ..paths import user_data_dir
from .ink import Ink
from .ink_file import ink_lines, open_ink_file
from .line_file import LineFile, Stamp, size_of
from .sample_lines import (
    NUM_DIGITS,
    Sample,
    SampleError,
    make_sample,
    now_utc,
    parse_label,
    parse_sample_line,
    read_numbered_samples,
    read_samples,
    write_samples,
)

__all__ = [  # the line format's names too (model/pen/sample_lines.py), as before it was split off
    "NUM_DIGITS",
    "SAMPLES_FILE",
    "Imported",
    "Sample",
    "SampleError",
    "SampleStore",
    "StoreContents",
    "make_sample",
    "parse_label",
    "parse_sample_line",
    "read_samples",
    "samples_path",
    "write_samples",
]

log = logging.getLogger(__name__)

SAMPLES_FILE = "handwriting.jsonl"


def samples_path() -> Path:
    """The store's file in the user's data folder (not created until something is kept)."""
    return user_data_dir() / SAMPLES_FILE


class StoreContents(NamedTuple):
    """What the store's file holds: the drawings in file order, and one message per line
    that is not a drawing ("handwriting.jsonl: line 7: why"; blank lines aside)."""

    samples: list[Sample]
    unreadable: list[str]


class SampleStore:
    """The kept drawings in one JSON Lines file (default: :func:`samples_path`).

    Safe to use from several threads of one process: a drawing kept (add) while another
    thread deletes is not lost (model/pen/line_file.py). The number of drawings per digit is
    kept up to date from this store's own reads and writes, so counts() reads the file again
    only when something else changed it.
    """

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else samples_path()
        self._file = LineFile(self.path)
        self._known: tuple[Stamp, list[int]] | None = None  # (10,) counts of the file with that stamp

    def read(self) -> StoreContents:
        """The drawings and the unreadable lines (logged as warnings), from one read of the file."""
        records = self._records(*self._file.read())
        for record in records:
            if record.problem:
                log.warning("skipped a drawing that cannot be read: %s", record.problem)
        samples = [r.sample for r in records if r.sample is not None]
        return StoreContents(samples, [r.problem for r in records if r.problem])

    def load(self) -> list[Sample]:
        """All readable drawings in file order; unreadable lines are skipped with a warning."""
        return self.read().samples

    def unreadable(self) -> list[str]:
        """One message ("handwriting.jsonl: line 7: why") per line of the file that is not a
        drawing (blank lines aside). Such lines are kept as they are when the file is rewritten."""
        return [r.problem for r in self._records(*self._file.read()) if r.problem]

    def _records(self, data: bytes, stamp: Stamp) -> list[_Record]:
        """Every non-blank line of the file's bytes as read, and its drawing (ids made unique as
        _unique_ids makes them) or why it is none. Notes the counts for that stamp."""
        records: list[_Record] = []
        for lineno, raw in enumerate(data.split(b"\n"), 1):
            text = raw.decode("utf-8", errors="replace")
            if not text.strip():
                continue
            try:
                records.append(_Record(raw, parse_sample_line(text, lineno), ""))
            except SampleError as exc:
                records.append(_Record(raw, None, f"{self.path.name}: {exc}"))
        unique = iter(_unique_ids([r.sample for r in records if r.sample is not None]))
        records = [r._replace(sample=next(unique)) if r.sample is not None else r for r in records]
        self._known = (stamp, _label_counts(r.sample for r in records))
        return records

    def counts(self) -> list[int]:
        """(10,) number of kept drawings per digit; reads the file only when known_counts() is None."""
        known = self.known_counts()
        if known is not None:
            return known
        return _label_counts(self.load())

    def known_counts(self) -> list[int] | None:
        """(10,) drawings per digit without reading the file (zeros when there is none), or None
        when the file changed since this store last read or wrote it (another process wrote)."""
        try:
            stamp = self._file.stamp()
        except OSError:
            return None
        known = self._known
        if stamp is None:
            return [0] * NUM_DIGITS
        return list(known[1]) if known is not None and known[0] == stamp else None

    def add(self, strokes: Ink, label: Any, sync: bool = True) -> Sample:
        """Validate and append one drawing (flushed and, unless sync=False, fsynced before
        returning; see LineFile.append)."""
        sample = make_sample(strokes, label)
        self.append([sample], sync)
        return sample

    def append(self, samples: Sequence[Sample], sync: bool = True) -> None:
        """Append drawings, each line whole; a half-written last line is closed off first."""
        if not samples:
            return
        text = "".join(json.dumps(s.to_json(), separators=(",", ":")) + "\n" for s in samples)
        before, after, written = self._file.append(text.encode("utf-8"), sync)
        known = self._known
        if size_of(before) == 0:
            known = (before, [0] * NUM_DIGITS)  # a new or empty file held nothing else
        if known is not None and known[0] == before and size_of(after) == size_of(before) + written:
            self._known = (after, _label_counts(samples, known[1]))
        else:
            self._known = None  # another process wrote to it too: read it again when asked

    def delete(self, ids: Iterable[str]) -> int:
        """Remove the drawings with these ids (atomic rewrite); how many were removed. Every
        other line, readable or not, is kept byte for byte, and so are the drawings appended
        by another thread while the rewrite was being made."""
        gone = set(ids)
        return self._rewrite(lambda sample: sample.id in gone)

    def clear(self) -> int:
        """Remove every drawing; how many there were. Unreadable lines stay, as delete keeps them."""
        return self._rewrite(lambda sample: True)

    def _rewrite(self, drop: Callable[[Sample], bool]) -> int:
        data, stamp = self._file.read()
        records = self._records(data, stamp)
        kept = [r for r in records if r.sample is None or not drop(r.sample)]
        if len(kept) == len(records):
            return 0
        new_stamp, carried = self._file.rewrite(b"".join(r.raw + b"\n" for r in kept), len(data))  # lines as stored
        self._known = None if carried else (new_stamp, _label_counts(r.sample for r in kept))
        unreadable = sum(r.sample is None for r in kept)
        if unreadable:
            log.warning("%s: kept %d unreadable line(s) as they were when rewriting", self.path, unreadable)
        return len(records) - len(kept)

    def export(self, dest: str | os.PathLike) -> int:
        """Write all drawings to dest (atomically, same line format); how many.

        dest is a path the user chose: its folder must exist (OSError naming dest if not).
        """
        samples = self.load()
        write_samples(Path(dest), samples, make_parents=False)
        return len(samples)

    def import_file(self, src: str | os.PathLike) -> Imported:
        """Add the labelled inks of a JSON Lines file at the store's end, skipping drawings
        already kept. All or nothing: the store is rewritten atomically (an import stopped
        half-way, or failing on a full disk, leaves the store as it was).

        Returns how many were added, how many were kept already (or repeated in the
        file), and one message per skipped bad line. OSError if the file cannot be read
        (FileNotFoundError if there is none); InkFileError (a ValueError, one line naming
        the file) for a file that is no file of inks at all: a folder, a FIFO, an image,
        binary data, nothing but blank lines (model/pen/ink_file.py). The store is then
        untouched.
        """
        with open_ink_file(src) as fh:
            samples, problems = read_numbered_samples(ink_lines(fh, str(src)), Path(src).name)
        now = now_utc()  # an ink from elsewhere without a date is kept from now
        samples = [s if s.created else dataclasses.replace(s, created=now) for s in samples]
        data, stamp = self._file.read()
        stored = [r.sample for r in self._records(data, stamp) if r.sample is not None]
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
        if new:  # all or nothing: the file with the new lines at its end replaces the old one
            text = "".join(json.dumps(s.to_json(), separators=(",", ":")) + "\n" for s in new).encode("utf-8")
            closed = b"\n" if data and not data.endswith(b"\n") else b""  # a fragment stays alone on its line
            new_stamp, carried = self._file.rewrite(data + closed + text, len(data))
            self._known = None if carried else (new_stamp, _label_counts([*stored, *new]))
        return Imported(len(new), len(samples) - len(new), problems)


def _label_counts(samples: Iterable[Sample | None], start: Sequence[int] = (0,) * NUM_DIGITS) -> list[int]:
    """(10,) `start` plus the number of samples per digit (None entries skipped)."""
    counts = list(start)
    for sample in samples:
        if sample is not None:
            counts[sample.label] += 1
    return counts


class _Record(NamedTuple):
    """One non-blank line of the store: its bytes, and its drawing or why it has none."""

    raw: bytes
    sample: Sample | None
    problem: str


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

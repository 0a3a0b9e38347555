"""One kept drawing as a line of JSON (the ink format the command line reads, plus a label,
an id and a date): reading, checking and writing such lines. The store of them is
model/pen/samples.py.

    {"strokes": [[[x, y], ...], ...], "label": 7, "id": "3f2a...", "created": "2026-11-29T10:00:00+00:00"}
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import atomic_write
from .ink import Ink, ink_to_array
from .json_lines import json_error, json_kind, not_utf8

NUM_DIGITS = 10


class SampleError(ValueError):
    """A line or a drawing that is not a labelled ink; the message says why."""


@dataclass(frozen=True)
class Sample:
    """One kept drawing: the strokes (model/pen/ink.py format), its digit, an id and a UTC date."""

    strokes: list
    label: int
    id: str
    created: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"strokes": self.strokes, "label": self.label, "id": self.id, "created": self.created}


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
    stamp = now_utc() if created is None else created
    return Sample(clean, parse_label(label), sample_id or uuid.uuid4().hex, stamp)


def now_utc() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def parse_sample_line(line: str, lineno: int = 0) -> Sample:
    """One JSON line -> Sample; SampleError "line N: why" for anything else. The date is the
    line's "created" string as written ("" if it has none: a date is never made up here)."""
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise SampleError(f'expected a JSON object with "strokes" and "label", got {json_kind(obj)}')
        if "strokes" not in obj:
            raise SampleError('no "strokes"')
        if not isinstance(obj["strokes"], list):
            raise SampleError(f'"strokes" must be a list of strokes, got {json_kind(obj["strokes"])}')
        if "label" not in obj:
            raise SampleError('no "label"')
        created = obj.get("created")
        sample = make_sample(
            obj["strokes"], obj["label"], _str_or_none(obj.get("id")), created if isinstance(created, str) else ""
        )
        if _str_or_none(obj.get("id")) is None:  # an ink from elsewhere: its id is its content
            digest = hashlib.sha1(json.dumps([sample.label, sample.strokes]).encode()).hexdigest()[:32]
            sample = dataclasses.replace(sample, id=digest)
        return sample
    except json.JSONDecodeError as exc:
        raise SampleError(f"line {lineno}: {json_error(exc)}") from None
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


def read_numbered_samples(
    numbered: Iterable[tuple[int, bytes | ValueError]], source: str = "samples"
) -> tuple[list[Sample], list[str]]:
    """As read_samples, for the numbered lines of bytes of model/pen/ink_file.py ink_lines: a
    line too long or not UTF-8 is one more skipped line ("SOURCE: line N: why")."""
    samples, problems = [], []
    for lineno, raw in numbered:
        if isinstance(raw, ValueError):  # "line N: longer than 4 MB"
            problems.append(f"{source}: {raw}")
            continue
        if not raw.strip():
            continue
        try:
            samples.append(parse_sample_line(raw.decode("utf-8"), lineno))
        except UnicodeDecodeError as exc:
            problems.append(f"{source}: line {lineno}: {not_utf8(exc)}")
        except SampleError as exc:
            problems.append(f"{source}: {exc}")
    return samples, problems


def write_samples(path: Path, samples: Sequence[Sample], *, make_parents: bool = True) -> None:
    """Replace `path` by these drawings atomically (model/atomic.py: a temporary file, then a rename).

    make_parents=False for a path the user named (a missing folder is then an OSError).
    """
    text = "".join(json.dumps(s.to_json(), separators=(",", ":")) + "\n" for s in samples)
    atomic_write(path, lambda fh: fh.write(text.encode("utf-8")), make_parents=make_parents)

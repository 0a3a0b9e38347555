"""Evaluation on labelled pen ink: accuracy, per-writer accuracy, confusion pairs.

Input is JSON Lines, one labelled ink per line (`digitpad evaluate --ink FILE`)::

    {"strokes": [[[x, y], ...], ...], "label": 7, "writer": "w03"}

"label" is a digit 0..9 (int or one-character string); "writer" is optional (missing:
all such inks count as one writer, "?"). An ink with nothing to recognize counts as
wrong (predicted None). The figures are computed with the one inference API
(Predictor.predict_many_strokes), exactly as the canvas would see the ink.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from .ink import ink_to_array
from .json_lines import json_error, json_kind, not_utf8

UNKNOWN_WRITER = "?"


@dataclass
class LabelledInk:
    strokes: Any  # list of strokes, as the canvas gives them
    label: int  # 0..9
    writer: str = UNKNOWN_WRITER
    line: int = 0  # its line in the JSON Lines file (1-based; 0 when not read from a file)


@dataclass
class InkReport:
    accuracy: float
    count: int
    writers: dict[str, float]  # writer -> accuracy
    writer_mean: float  # mean of the per-writer accuracies
    writer_worst: float
    worst_writer: str
    confusion_pairs: list[tuple[int, int | None, int]]  # (true, predicted, count), most frequent first
    source: str = ""
    mistakes: list[dict[str, Any]] = field(default_factory=list)  # {"line", "writer", "true", "predicted"}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_labelled_inks(lines: Iterable[str | bytes]) -> list[LabelledInk]:
    """JSON Lines (text or UTF-8 bytes, every line of the file, so numbers are the file's)
    -> LabelledInk list. Blank lines are skipped (they are not inks; each ink keeps its
    own line number). ValueError "line N: why" for the first bad line: not UTF-8, not
    JSON, strokes that are not a list of finite points (model/pen/ink.py), a bad label."""
    out = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8") if isinstance(line, bytes) else line
            obj = json.loads(text)
        except UnicodeDecodeError as exc:
            raise ValueError(f"line {lineno}: {not_utf8(exc)}") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {lineno}: {json_error(exc)}") from None
        except RecursionError:
            raise ValueError(f"line {lineno}: JSON nested too deeply") from None
        if not isinstance(obj, dict):
            raise ValueError(f'line {lineno}: expected an object with "strokes" and "label", got {json_kind(obj)}')
        if not isinstance(obj.get("strokes"), list):
            got = json_kind(obj["strokes"]) if "strokes" in obj else "none"
            raise ValueError(f'line {lineno}: "strokes" must be a list of strokes, got {got}')
        label = obj.get("label")
        if isinstance(label, str) and label.strip().isdigit():
            label = int(label)
        if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label <= 9:
            raise ValueError(f'line {lineno}: "label" must be a digit 0..9, got {obj.get("label")!r:.40}')
        try:
            ink_to_array(obj["strokes"])
        except (ValueError, TypeError, OverflowError) as exc:
            raise ValueError(f"line {lineno}: {exc}") from None
        writer = obj.get("writer")
        out.append(LabelledInk(obj["strokes"], label, UNKNOWN_WRITER if writer is None else str(writer), lineno))
    if not out:
        raise ValueError("nothing to evaluate: no inks")
    return out


def evaluate_inks(predictor, inks: list[LabelledInk], source: str = "") -> InkReport:
    """Predict every ink with predictor (a model.Predictor) and score it."""
    results = predictor.predict_many_strokes([s.strokes for s in inks])
    predicted = [None if isinstance(r, ValueError) else r.digit for r in results]
    return score(inks, predicted, source)


def score(inks: list[LabelledInk], predicted: list[int | None], source: str = "") -> InkReport:
    """The report for predictions (one digit or None per ink)."""
    if not inks:
        raise ValueError("nothing to evaluate: no inks")
    right = np.array([p == s.label for s, p in zip(inks, predicted)])  # (N,) bool
    per_writer: dict[str, list[bool]] = defaultdict(list)
    for s, ok in zip(inks, right):
        per_writer[s.writer].append(bool(ok))
    writers = {w: float(np.mean(v)) for w, v in sorted(per_writer.items())}
    worst = min(writers, key=writers.__getitem__)
    pairs = Counter((s.label, p) for s, p in zip(inks, predicted) if p != s.label)
    mistakes = [
        {"line": s.line or i + 1, "writer": s.writer, "true": s.label, "predicted": p}
        for i, (s, p) in enumerate(zip(inks, predicted))
        if p != s.label
    ]
    return InkReport(
        float(right.mean()),
        len(inks),
        writers,
        float(np.mean(list(writers.values()))),
        writers[worst],
        worst,
        [(t, p, n) for (t, p), n in pairs.most_common()],
        source,
        mistakes,
    )

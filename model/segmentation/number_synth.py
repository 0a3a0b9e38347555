"""Handwritten numbers built from real pen digits, for tests and benchmarks.

One writer's digits (UCI pendigits, or any labelled ink) are placed side by side
the way people write numbers: each digit at its own size (a little jitter), on a
wavy baseline, with ordinary spacing or with neighbours whose boxes touch or
overlap a little; sometimes a decimal point (a dot, or a tiny stroke, low on the
line), a leading minus, or a dash after a digit ("555-1234", "5-"); sometimes a stroke of a digit written after the next
digit was started (late strokes).

pendigits (../shared/data/pendigits-tra/pendigits-orig.tra, UNIPEN text): its y
grows upward and is flipped here (y = 500 - y) so that y grows downward as on
screen. The small reader is kept here on purpose (model/pen/uji.py reads the UJI
variant of the format).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PENDIGITS_BOX = 500.0  # pendigits coordinates lie in a 500 x 500 box, y up
_SEGMENT = re.compile(r'^\.SEGMENT\s+DIGIT\s+\S+\s+\S+\s+"(\d)"')
ORDINARY_GAP = (0.12, 0.45)  # space between neighbours, in digit heights
TOUCHING_GAP = (-0.12, 0.0)  # boxes touching or overlapping a little
SIZE_JITTER = 0.12  # each digit scaled by 1 +- this
WAVE = 0.08  # baseline amplitude, in digit heights
DOT_GAP = (0.06, 0.3)  # space on either side of a decimal point, in digit heights
DOT_RADIUS = (0.015, 0.06)  # a tiny stroke's radius; a dot is a single point
LATE_STROKE_P = 0.3  # chance that a multi-stroke digit's last stroke comes after the next digit


@dataclass(frozen=True)
class PenDigit:
    label: str
    writer: int
    strokes: tuple[np.ndarray, ...]  # (P, 2) float64 x, y with y down


@dataclass(frozen=True)
class SynthNumber:
    text: str  # "3.14"
    strokes: list[np.ndarray]  # (P, 2) float64, in writing order
    owners: list[int]  # per stroke, the index in `text` of its character


def read_pendigits(path: str | os.PathLike) -> list[PenDigit]:
    """All digits of a pendigits-orig file, y flipped to grow downward. ValueError if malformed."""
    digits: list[PenDigit] = []
    label: str | None = None
    writer = 0
    strokes: list[np.ndarray] = []
    stroke: list[list[float]] | None = None
    for lineno, line in enumerate(Path(path).read_text(encoding="latin-1").splitlines(), 1):
        line = line.strip()
        m = _SEGMENT.match(line)
        if m:
            if label is not None and strokes:
                digits.append(PenDigit(label, writer, tuple(strokes)))
            label, strokes = m.group(1), []
        elif line.startswith(".COMMENT") and label is not None:
            writer = int(line.split()[2])
        elif line.startswith(".PEN_DOWN"):
            stroke = []
        elif line.startswith(".PEN_UP"):
            if stroke:
                pts = np.array(stroke, dtype=np.float64)  # (P,2)
                pts[:, 1] = PENDIGITS_BOX - pts[:, 1]
                strokes.append(pts)
            stroke = None
        elif stroke is not None and line and not line.startswith("."):
            try:
                stroke.append([float(v) for v in line.split()[:2]])
            except ValueError:
                raise ValueError(f"{path}: line {lineno}: expected 'x y', got {line!r}") from None
    if label is not None and strokes:
        digits.append(PenDigit(label, writer, tuple(strokes)))
    return digits


def by_writer(digits: list[PenDigit]) -> dict[int, dict[str, list[PenDigit]]]:
    """writer -> label -> that writer's digits."""
    out: dict[int, dict[str, list[PenDigit]]] = {}
    for d in digits:
        out.setdefault(d.writer, {}).setdefault(d.label, []).append(d)
    return out


def compose(
    digits: list[PenDigit],
    rng: np.random.Generator,
    touching: bool = False,
    decimal_at: int | None = None,
    minus: bool = False,
    late: bool = True,
    dash_at: int | None = None,
) -> SynthNumber:
    """Place digits side by side: one number. decimal_at k puts a point after the k-th digit,
    dash_at k a dash (at the spacing of the digits: touching ones touch it)."""
    height = float(np.median([_extent(d.strokes)[3] - _extent(d.strokes)[1] for d in digits]))
    phase = rng.uniform(0, 2 * np.pi)
    x, text = 0.0, ""
    placed: list[list[np.ndarray]] = []  # per character, its strokes
    baseline = lambda: height + WAVE * height * np.sin(phase + 1.1 * len(placed))  # noqa: E731
    if minus:
        placed.append([_dash(rng, 0.0, baseline(), height)])
        text, x = "-", placed[-1][0][-1, 0] + rng.uniform(0.15, 0.4) * height
    for k, d in enumerate(digits):
        x0, y0, x1, y1 = _extent(d.strokes)
        s = 1 + rng.uniform(-SIZE_JITTER, SIZE_JITTER)
        shift = np.array([x - x0 * s, baseline() - y1 * s])
        placed.append([p * s + shift for p in d.strokes])
        text += d.label
        x += (x1 - x0) * s
        if decimal_at == k:
            x += rng.uniform(*DOT_GAP) * height
            placed.append([_dot(rng, x, baseline() - rng.uniform(0, 0.08) * height, height)])
            text += "."
            x += rng.uniform(*DOT_GAP) * height
        else:
            x += rng.uniform(*(TOUCHING_GAP if touching else ORDINARY_GAP)) * height
        if dash_at == k:
            placed.append([_dash(rng, x, baseline(), height)])
            text += "-"
            x = placed[-1][0][-1, 0] + rng.uniform(*(TOUCHING_GAP if touching else ORDINARY_GAP)) * height
    return _writing_order(placed, text, rng if late else None)


def _extent(strokes) -> tuple[float, float, float, float]:
    pts = np.concatenate(strokes)
    return float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max())


def _dash(rng: np.random.Generator, x: float, baseline: float, height: float) -> np.ndarray:
    """A minus or a dash: a short, nearly flat stroke from x, at mid-height above baseline."""
    width = rng.uniform(0.3, 0.6) * height
    y = baseline - rng.uniform(0.4, 0.6) * height
    return np.array(
        [[x, y], [x + width / 2, y + rng.normal(0, 0.02) * height], [x + width, y + rng.normal(0, 0.03) * height]]
    )


def _dot(rng: np.random.Generator, x: float, y: float, height: float) -> np.ndarray:
    """A single point, or a tiny stroke (a small scribble) of radius DOT_RADIUS heights."""
    if rng.random() < 0.5:
        return np.array([[x, y]])
    r = rng.uniform(*DOT_RADIUS) * height
    t = np.linspace(0, rng.uniform(1, 2.5) * np.pi, int(rng.integers(2, 7)))
    return np.stack([x + r * np.cos(t), y - r + r * np.sin(t)], axis=1)


def _writing_order(placed: list[list[np.ndarray]], text: str, rng: np.random.Generator | None) -> SynthNumber:
    """Strokes in the order written; a late stroke is moved after the next character's first stroke."""
    order: list[tuple[np.ndarray, int]] = []
    deferred: list[tuple[np.ndarray, int]] = []
    for owner, strokes in enumerate(placed):
        order.append((strokes[0], owner))
        order += deferred
        deferred = []
        rest = [(s, owner) for s in strokes[1:]]
        if rest and rng is not None and owner + 1 < len(placed) and rng.random() < LATE_STROKE_P:
            deferred, rest = rest[-1:], rest[:-1]
        order += rest
    order += deferred
    return SynthNumber(text, [s for s, _ in order], [o for _, o in order])


def make_numbers(
    samples: dict[int, dict[str, list[PenDigit]]],
    writers: list[int],
    count: int,
    seed: int,
    touching: bool = False,
    lengths: tuple[int, int] = (2, 6),
    decimal_p: float = 0.3,
    minus_p: float = 0.0,
    dash_p: float = 0.0,
) -> list[SynthNumber]:
    """count numbers, each by one writer drawn from writers, lengths digits in [lo, hi];
    dash_p of them with a dash after a digit (inside, or at the end), never beside a point."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        w = writers[int(rng.integers(len(writers)))]
        n = int(rng.integers(lengths[0], lengths[1] + 1))
        labels = rng.choice(list("0123456789"), size=n)
        pool = samples[w]
        digits = [pool[lab][int(rng.integers(len(pool[lab])))] for lab in labels]
        decimal_at = int(rng.integers(0, n - 1)) if n > 1 and rng.random() < decimal_p else None
        minus = bool(rng.random() < minus_p)
        dash_at = int(rng.integers(0, n)) if dash_p > 0 and rng.random() < dash_p else None
        if dash_at is not None and decimal_at is not None and abs(dash_at - decimal_at) < 2:
            dash_at = None  # "5.-3", "5-.3": no one writes these
        out.append(compose(digits, rng, touching, decimal_at, minus, dash_at=dash_at))
    return out

"""Segmentation by recognition: which pieces of ink make up which character.

The pieces ("atoms") are strokes for ink and connected blobs (or slices of a wide
blob) for images; only their boxes matter here. The atoms are put in reading order
(by the x of their centers) and every run of up to MAX_ATOMS consecutive atoms that
could plausibly be one character (not too wide, no wide empty gap inside) is a
candidate. All candidate digits are rendered and classified in ONE forward pass;
the segmentation is the path through the candidates that maximizes

    sum over characters of  log p(best digit) - shape costs + character bonus
    - sum over neighbouring characters of  pair costs

found by dynamic programming (a path = a split of the ordered atoms into groups).
Shape costs: a digit much wider than the line is high, or with an empty gap inside.
Pair costs: neighbours whose x ranges overlap, and neighbouring digits whose tops
and bottoms disagree (the short lower stroke of a 4 is not a 1 of its own). So a
4 in two strokes stays one 4 because the whole reads as a confident 4 and its
parts sit badly side by side, while two touching digits split because each half
reads as a confident digit and together they are too wide and read poorly. A tiny
atom low on the line and not inside a digit's x range is a decimal point; a flat
atom first and mid-height, not touching what follows, is a minus. Not a single
gap threshold: the recognizer decides between the plausible splits.

The Weights were chosen by bench/number_tune.py on numbers built from pendigits
writers 1-20, read by the bundled recognizer (image and trajectory networks); UJI is
kept for checking (bench/number_eval.py). Choose them again when the recognizer changes:
its confidence on pieces of digits is what they weigh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .number import DECIMAL_POINT, MINUS

MAX_ATOMS = 3  # at most this many atoms in one character (pen digits have 1 to 3 strokes)
MAX_WIDTH = 1.6  # a character is at most this wide, in line heights
MAX_INNER_GAP = 0.3  # an empty gap inside one character is at most this, in line heights
DOT_SIZE = 0.25  # an atom no larger than this (in line heights) may be a decimal point
DOT_LOW = 0.55  # ... when its center lies below this fraction of the line (0 top, 1 bottom)
MINUS_FLAT = 0.35  # a minus is at most this high for its width
MINUS_MIN_WIDTH = 0.2  # and at least this wide, in line heights
MINUS_BAND = (0.2, 0.85)  # its center within this band of the next character's height
CUT_COST = 2.5  # keeping apart two pieces cut from one blob of ink (images)
SLIVER = 0.35  # a digit narrower than this (line heights) cut from a blob of ink ...
SLIVER_COST = 3.0  # ... pays this
PRUNE_COST = 4.0  # a run of atoms whose shape costs more than this is not a candidate
CONTAINED = 0.9  # an x overlap of this fraction of the narrower box: one lies inside the other
MIN_BOX = 0.1  # in overlaps, a box is at least this wide (line heights)
LOG_FLOOR = 1e-6  # probabilities are clipped to this before the log


@dataclass(frozen=True)
class Weights:
    """How the segmentation weighs the recognizer against geometry (units: log-probability)."""

    recognizer: float = 2.241  # weight of log p(best digit)
    wide: float = 0.68  # a digit wider than this (line heights) pays wide_cost per line height beyond
    wide_cost: float = 4.0
    short: float = 0.6  # a digit lower than this (line heights) pays short_cost per line height below
    short_cost: float = 0.0
    gap_cost: float = 6.3  # per line height of empty gap inside a digit
    overlap_cost: float = 0.86  # times the x overlap of neighbours, as a fraction of the narrower one
    contained_cost: float = 2.0  # more when one's x range lies (almost) inside the other's (a slashed 0)
    near: float = 0.0  # neighbouring digits closer than this (line heights) pay near_cost per line height closer
    near_cost: float = 0.0
    align_free: float = 0.394  # neighbouring digits whose tops and bottoms differ by more than this
    align_cost: float = 2.4  # (summed, line heights) pay align_cost per line height beyond
    baseline_free: float = 0.015  # neighbouring digits whose bottoms differ by more than this (line
    baseline_cost: float = 4.0  # heights) pay baseline_cost per line height beyond: digits sit on the line
    character_bonus: float = 1.0  # per character: counters the sum of log-probabilities favouring merges
    dot_score: float = -1.07  # a decimal point (before the bonus)
    stray_score: float = -6.0  # a tiny atom high on the line, alone: most likely part of a digit
    minus_score: float = -0.5


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Group:
    """One character of the segmentation: atoms[start:stop] of the reading order."""

    atoms: tuple[int, ...]  # indices into the caller's atom list
    label: str  # "0".."9", "." or "-"
    candidate: int | None  # row of the classified batch for a digit, else None


Classify = Callable[[list[tuple[int, ...]]], "tuple[list[int | None], np.ndarray]"]


def reading_order(boxes: np.ndarray) -> np.ndarray:
    """(N, 4) boxes x0, y0, x1, y1 -> (N,) indices sorted by the x of the box centers."""
    centers = (boxes[:, 0] + boxes[:, 2]) / 2
    return np.lexsort((boxes[:, 0], centers))


def line_height(boxes: np.ndarray) -> float:
    """The height of a character on this line, from the atoms' boxes (N, 4).

    The median height of the atoms at least half as tall as the tallest: parts of
    multi-stroke digits (a 7's crossbar) and dots are shorter and are left out.
    Never below 1e-6 (a row of flat dashes has no height).
    """
    heights = boxes[:, 3] - boxes[:, 1]
    tall = heights[heights >= 0.5 * heights.max()]
    return float(max(np.median(tall), 1e-6))


def segment(
    boxes: np.ndarray,
    classify: Classify,
    weights: Weights = DEFAULT_WEIGHTS,
    max_atoms: int = MAX_ATOMS,
    joined: frozenset[tuple[int, int]] = frozenset(),
    lazy: bool = False,
) -> list[Group]:
    """Split atoms into characters, left to right.

    boxes: (N, 4) float, x0, y0, x1, y1 of each atom, y growing downward, any unit.
    classify(groups): renders and classifies the candidate digit groups (tuples of
        atom indices) in one batch; returns (rows, probabilities) where rows[k] is
        the row of probabilities (M, 10) for groups[k], or None if it could not be
        rendered.
    lazy: classify only the candidates the answer depends on, in rounds (classify is
        then called several times, each time with groups not asked before; a row it
        returns must stay valid for the caller). The answer is the same as with every
        candidate classified: see _lazy_options.
    Returns the characters in reading order; [] for no atoms.
    """
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    n = len(boxes)
    if n == 0:
        return []
    order = reading_order(boxes)
    b = boxes[order]  # (N,4) in reading order
    height = line_height(b)
    tiny = np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) <= DOT_SIZE * height  # (N,)
    spans = _digit_spans(b, tiny, height, max_atoms, weights)
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)  # reading position of each atom
    cuts = {(min(int(rank[a]), int(rank[c])), max(int(rank[a]), int(rank[c]))) for a, c in joined}
    marks = _mark_options(b, tiny, height, weights)  # decimal points and a minus: geometry alone

    def classified(asked: list[tuple[int, int]]) -> dict[tuple[int, int], Option | None]:
        """The digit options of these spans, by the recognizer (None: could not be rendered)."""
        rows, probs = classify([tuple(int(order[k]) for k in range(i, j)) for i, j in asked])
        return {
            span: None if row is None else _digit_option(b, span, probs[row], row, height, weights, cuts)
            for span, row in zip(asked, rows)
        }

    if lazy:
        options, path = _lazy_options(b, spans, marks, classified, height, weights, cuts)
    else:
        options = _assemble(spans, classified(spans), marks, {})
        path = _best_path(b, options, height, n, weights, cuts)
    return [Group(tuple(int(order[k]) for k in range(i, j)), options[(i, j)][1], options[(i, j)][2]) for i, j in path]


Option = tuple[float, str, "int | None"]  # (score, label, row of the classified batch or None)
UNKNOWN = -1  # the row of a candidate digit not classified yet (lazy segmentation)


def _digit_option(
    b: np.ndarray,
    span: tuple[int, int],
    p: np.ndarray | None,
    row: int,
    height: float,
    weights: Weights,
    cuts: set[tuple[int, int]],
) -> Option:
    """The option of the digit candidate span = [i, j): its score for probabilities p (10,),
    or for p None (not classified yet) the highest score it can have (p(best digit) = 1)."""
    i, j = span
    score = 0.0 if p is None else weights.recognizer * float(np.log(max(float(p.max()), LOG_FLOOR)))
    score -= _shape_cost(b[i:j], height, weights)
    cut_open = (i - 1, i) in cuts or (j - 1, j) in cuts  # a slice of a blob, not a whole one
    if cut_open and b[i:j, 2].max() - b[i:j, 0].min() < SLIVER * height:
        score -= SLIVER_COST  # a thin slice reads as a 1; it is none
    return (score + weights.character_bonus, "?" if p is None else str(int(p.argmax())), row)


def _mark_options(b: np.ndarray, tiny: np.ndarray, height: float, weights: Weights) -> dict[tuple[int, int], Option]:
    """Decimal points (every tiny atom, scored by where it sits) and a leading minus."""
    marks: dict[tuple[int, int], Option] = {}
    for i in np.flatnonzero(tiny).tolist():
        low = _line_position(b, tiny, i) >= DOT_LOW and not _inside_another(b, tiny, i)
        score = weights.dot_score if low else weights.stray_score
        marks[(i, i + 1)] = (score + weights.character_bonus, DECIMAL_POINT, None)
    if _is_minus(b, tiny, height):
        marks[(0, 1)] = (weights.minus_score + weights.character_bonus, MINUS, None)
    return marks


def _assemble(
    spans: list[tuple[int, int]],
    digits: dict[tuple[int, int], Option | None],
    marks: dict[tuple[int, int], Option],
    bounds: dict[tuple[int, int], Option],
) -> dict[tuple[int, int], Option]:
    """All options, in one order: the digit candidates (classified, else their bounds), then the
    marks (a minus replaces the digit candidate of the same atom)."""
    options: dict[tuple[int, int], Option] = {}
    for span in spans:
        option = digits[span] if span in digits else bounds[span]
        if option is not None:
            options[span] = option
    options.update(marks)
    return options


def _lazy_options(
    b: np.ndarray,
    spans: list[tuple[int, int]],
    marks: dict[tuple[int, int], Option],
    classified: Callable[[list[tuple[int, int]]], dict[tuple[int, int], Option | None]],
    height: float,
    weights: Weights,
    cuts: set[tuple[int, int]],
) -> tuple[dict[tuple[int, int], Option], list[tuple[int, int]]]:
    """Branch and bound over the candidates: (the options, the best path through them).

    A candidate not classified yet counts with the highest score it can have (its
    recognizer term log p <= 0 taken as 0; its shape and pair costs are known). The best
    path is found; the candidates on it not classified yet are classified (one batch)
    and the search runs again, until the best path holds only classified candidates.
    That path is the one classifying every candidate gives: its score is real, and every
    other path's real score is at most its optimistic one, which is at most this path's.
    Most numbers need one round: the optimistic path is the segmentation (its digits
    then read confidently), so about one candidate per character is classified.
    """
    n = len(b)
    bounds = {span: _digit_option(b, span, None, UNKNOWN, height, weights, cuts) for span in spans}
    digits: dict[tuple[int, int], Option | None] = {}
    while True:
        options = _assemble(spans, digits, marks, bounds)
        path = _best_path(b, options, height, n, weights, cuts)
        asked = [span for span in path if options[span][2] == UNKNOWN]
        if not asked:
            return options, path
        digits.update(classified(asked))


def _digit_spans(
    b: np.ndarray, tiny: np.ndarray, height: float, max_atoms: int, weights: Weights
) -> list[tuple[int, int]]:
    """Runs [i, j) of atoms (reading order) that could be one digit: every single atom, and
    runs whose shape alone costs at most PRUNE_COST (they are not worth a forward pass)."""
    spans = []
    for i in range(len(b)):
        for j in range(i + 1, min(i + max_atoms, len(b)) + 1):
            if tiny[i:j].all():
                continue  # dots alone are never a digit (there is no shape to recognize)
            x0, x1 = b[i:j, 0].min(), b[i:j, 2].max()
            if x1 - x0 > MAX_WIDTH * height and j > i + 1:
                break  # wider runs only get wider (a single atom is always a candidate)
            if _inner_gap(b[i:j]) > MAX_INNER_GAP * height:
                continue
            if j > i + 1 and _shape_cost(b[i:j], height, weights) > PRUNE_COST:
                continue
            spans.append((i, j))
    return spans


def _inner_gap(b: np.ndarray) -> float:
    """The widest empty x interval inside the union of the boxes' x ranges (0 if none)."""
    if len(b) < 2:
        return 0.0
    ranges = b[np.argsort(b[:, 0])][:, [0, 2]]  # (n,2) sorted by x0
    reach = np.maximum.accumulate(ranges[:, 1])
    return float(max(0.0, (ranges[1:, 0] - reach[:-1]).max()))


def _shape_cost(b: np.ndarray, height: float, w: Weights) -> float:
    width = b[:, 2].max() - b[:, 0].min()
    tall = b[:, 3].max() - b[:, 1].min()
    return (
        w.wide_cost * max(0.0, width / height - w.wide)
        + w.short_cost * max(0.0, w.short - tall / height)
        + w.gap_cost * _inner_gap(b) / height
    )


def _line_position(b: np.ndarray, tiny: np.ndarray, k: int) -> float:
    """Where atom k's center lies on the line of its nearest non-tiny neighbours: 0 top, 1 bottom."""
    near = [i for i in (_nearest(tiny, k, -1), _nearest(tiny, k, +1)) if i is not None]
    if not near:
        return 1.0
    top, bottom = b[near, 1].mean(), b[near, 3].mean()
    center = (b[k, 1] + b[k, 3]) / 2
    return float((center - top) / max(bottom - top, 1e-9))


def _inside_another(b: np.ndarray, tiny: np.ndarray, k: int) -> bool:
    """Atom k's center lies within the x range of a larger atom: part of a digit, not a point."""
    center = (b[k, 0] + b[k, 2]) / 2
    big = b[~tiny]
    return bool(((big[:, 0] <= center) & (center <= big[:, 2])).any())


def _nearest(tiny: np.ndarray, k: int, step: int) -> int | None:
    i = k + step
    while 0 <= i < len(tiny):
        if not tiny[i]:
            return i
        i += step
    return None


def _is_minus(b: np.ndarray, tiny: np.ndarray, height: float) -> bool:
    """The first atom is a flat dash, mid-height beside what follows, not touching it.
    A short dash counts too (small enough to be a dot candidate, as a quick minus often
    is): its flatness, width and height on the line tell it from a decimal point."""
    if len(b) < 2:
        return False
    w, h = b[0, 2] - b[0, 0], b[0, 3] - b[0, 1]
    if w < MINUS_MIN_WIDTH * height or h > MINUS_FLAT * w or b[0, 2] > b[1:, 0].min():
        return False
    nxt = _nearest(tiny, 0, +1)
    if nxt is None:
        return False
    top, bottom = b[nxt, 1], b[nxt, 3]
    rel = ((b[0, 1] + b[0, 3]) / 2 - top) / max(bottom - top, 1e-9)
    return MINUS_BAND[0] <= rel <= MINUS_BAND[1]


def _overlap(a: Sequence[float] | np.ndarray, c: Sequence[float] | np.ndarray, height: float) -> float:
    """x overlap of two boxes as a fraction of the narrower one. Boxes narrower than
    MIN_BOX (line heights) count as that wide around their center (a straight 1)."""
    (a0, a1), (c0, c1) = _widened(a[0], a[2], height), _widened(c[0], c[2], height)
    return max(0.0, min(a1, c1) - max(a0, c0)) / min(a1 - a0, c1 - c0)


def _widened(x0: float, x1: float, height: float) -> tuple[float, float]:
    half = max(x1 - x0, MIN_BOX * height) / 2
    return (x0 + x1) / 2 - half, (x0 + x1) / 2 + half


def _pair_cost(a: np.ndarray, c: np.ndarray, height: float, w: Weights, digits: bool) -> float:
    """Cost of two characters side by side: overlapping x ranges; two digits very close."""
    overlap = _overlap(a, c, height)
    cost = w.overlap_cost * overlap + (w.contained_cost if overlap >= CONTAINED else 0.0)
    if digits:
        gap = (c[0] - a[2]) / height
        cost += w.near_cost * max(0.0, w.near - max(gap, 0.0))
        misalign = (abs(a[1] - c[1]) + abs(a[3] - c[3])) / height
        cost += w.align_cost * max(0.0, misalign - w.align_free)
        cost += w.baseline_cost * max(0.0, abs(a[3] - c[3]) / height - w.baseline_free)
    return cost


def _best_path(
    b: np.ndarray, options: dict, height: float, n: int, w: Weights, cuts: set[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Dynamic programming over splits of atoms 0..n-1 into the candidate groups.

    State: the last group [i, j). score(state) = best total of a path ending in it.
    """
    boxes = {(i, j): np.array([b[i:j, 0].min(), b[i:j, 1].min(), b[i:j, 2].max(), b[i:j, 3].max()]) for i, j in options}
    ending: dict[int, list[tuple[int, int]]] = {}
    for span in options:
        ending.setdefault(span[1], []).append(span)
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {}
    for j in range(1, n + 1):
        for i, _ in sorted(ending.get(j, [])):
            unary = options[(i, j)][0]
            if i == 0:
                best[(i, j)] = (unary, None)
                continue
            prev = [
                (
                    best[p][0]
                    - _pair_cost(
                        boxes[p], boxes[(i, j)], height, w, options[p][2] is not None and options[(i, j)][2] is not None
                    )
                    + (CUT_COST if (i - 1, i) in cuts else 0.0),
                    p,
                )
                for p in ending.get(i, [])
                if p in best
            ]
            if prev:
                score, p = max(prev)
                best[(i, j)] = (score + unary, p)
    finals = [s for s in ending.get(n, []) if s in best]
    if not finals:  # cannot happen while every single atom is a candidate; be safe
        return [(k, k + 1) for k in range(n) if (k, k + 1) in options]
    state: tuple[int, int] | None = max(finals, key=lambda s: best[s][0])
    path = []
    while state is not None:
        path.append(state)
        state = best[state][1]
    return path[::-1]

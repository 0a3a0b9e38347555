"""Segmentation by recognition: which pieces of ink make up which character.

The pieces ("atoms") are strokes for ink and connected blobs (or slices of a wide
blob) for images; only their boxes matter here. The atoms are put in reading order
(by the x of their centers) and every run of up to MAX_ATOMS consecutive atoms that
could plausibly be one character (not too wide, no wide empty gap inside) is a
candidate. The segmentation is the path through the candidates that maximizes

    sum over characters of  log p(best digit) - shape costs + character bonus
    - sum over neighbouring characters of  pair costs

found by dynamic programming (a path = a split of the ordered atoms into groups;
model/segmentation/segment_path.py). Ink and images are read lazily (lazy=True): a candidate is
rendered and classified only when the best path may go through it (branch and bound, with
the answer classifying every candidate gives), about one candidate per character.
Shape costs: a digit much wider than the line is high, or with an empty gap inside,
across or up and down (a 5's top bar reaching right and a decimal point under it read
together as a confident 7, yet the strokes of one digit meet).
Pair costs: neighbours whose x ranges overlap, and neighbouring digits whose tops
and bottoms disagree (the short lower stroke of a 4 is not a 1 of its own). So a
4 in two strokes stays one 4 because the whole reads as a confident 4 and its
parts sit badly side by side, while two touching digits split because each half
reads as a confident digit and together they are too wide and read poorly. A tiny
atom low on the line and not inside a digit's x range is a decimal point; a flat
atom at mid-height of the writing around it, crossing nothing, is a minus (first) or
a dash (anywhere, in ink and pictures: "555-1234", "5-", read as written and called no
number); for pictures these are decided on whole blobs, never on the pieces of a cut one.
A digit taking in such a point standing apart pays point_cost (a 4 read better with the
point at its foot); one taking in a dash dash_cost (0: on writers 1-20 the dash's own
option is enough). Not a single gap threshold: the recognizer
decides between the plausible splits.

The Weights were chosen by bench/number_tune.py on numbers built from pendigits
writers 1-20, read by the bundled recognizer (image and trajectory networks); UJI is
kept for checking (bench/number_eval.py). Choose them again when the recognizer changes:
its confidence on pieces of digits is what they weigh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .number import DECIMAL_POINT, MINUS
from .segment_marks import APART_POINT, mark_atoms
from .segment_path import UNKNOWN, Option, PairCosts, Span, assemble, best_path, lazy_best_path
from .segment_runs import Runs

MAX_ATOMS = 3  # at most this many atoms in one character (pen digits have 1 to 3 strokes)
MAX_WIDTH = 1.6  # a character is at most this wide, in line heights
MAX_INNER_GAP = 0.3  # an empty gap inside one character is at most this, in line heights
DOT_SIZE = 0.25  # an atom no larger than this (in line heights) may be a decimal point (segment_marks.py)
SLIVER = 0.35  # a digit narrower than this (line heights) cut from a blob of ink ...
SLIVER_COST = 3.0  # ... pays this
PRUNE_COST = 4.0  # a run of atoms whose shape costs more than this is not a candidate
LOG_FLOOR = 1e-6  # probabilities are clipped to this before the log


@dataclass(frozen=True)
class Weights:
    """How the segmentation weighs the recognizer against geometry (units: log-probability)."""

    recognizer: float = 2.241  # weight of log p(best digit)
    wide: float = 0.68  # a digit wider than this (line heights) pays wide_cost per line height beyond
    wide_cost: float = 4.0
    short: float = 0.6  # a digit lower than this (line heights) pays short_cost per line height below
    short_cost: float = 0.0
    gap_cost: float = 6.3  # per line height of empty gap inside a digit, across (x)
    vgap_free: float = 0.15  # an empty gap up and down (y) inside a digit up to this (line heights)
    vgap_cost: float = 6.3  # is free (an 8 of two loops), beyond it costs this per line height
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
    point_cost: float = 1.0  # a digit taking in an atom that looks like a decimal point pays this
    dash_cost: float = 0.0  # and one taking in an atom that looks like a minus this


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Group:
    """One character of the segmentation: atoms[start:stop] of the reading order."""

    atoms: tuple[int, ...]  # indices into the caller's atom list
    label: str  # "0".."9", "." or "-"
    candidate: int | None  # row of the classified batch for a digit, else None
    line: int = 0  # which line of writing, top to bottom (model/segmentation/text_lines.py)


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
    dashes: bool = False,
) -> list[Group]:
    """Split atoms into characters, left to right.

    boxes: (N, 4) float, x0, y0, x1, y1 of each atom, y growing downward, any unit.
    classify(groups): renders and classifies the candidate digit groups (tuples of
        atom indices) in one batch; returns (rows, probabilities) where rows[k] is
        the row of probabilities (M, 10) for groups[k], or None if it could not be
        rendered.
    joined: pairs of atoms cut from one blob of ink (images), which pay for being apart.
    lazy: classify only the candidates the answer depends on, in rounds (classify is
        then called several times, each time with groups not asked before; a row it
        returns must stay valid for the caller). The answer is the same as with every
        candidate classified (model/segmentation/segment_path.py lazy_best_path).
    dashes: a dash apart from its neighbours is a "-" wherever it stands, not only first
        (a piece cut from a blob, joined, is never a point or a minus; a lone atom read as
        a minus is no digit candidate). Points and minus signs are decided on whole blobs.
    Returns the characters in reading order; [] for no atoms.
    """
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    n = len(boxes)
    if n == 0:
        return []
    order = reading_order(boxes)
    b = boxes[order]  # (N,4) in reading order
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)  # reading position of each atom
    cuts = {(min(int(rank[a]), int(rank[c])), max(int(rank[a]), int(rank[c]))) for a, c in joined}
    tiny, looks = _marks(b, cuts, dashes)
    height = line_height(b)  # of the atoms, cut pieces too: the Weights were chosen with it
    runs = Runs(b, height, weights, looks)
    spans = [s for s in _digit_spans(runs, tiny.tolist(), max_atoms) if looks.get(s[0]) != MINUS or s[1] > s[0] + 1]
    known = set(spans)
    spans += [span for span in _whole_blobs(cuts) if span not in known]  # a blob is always a candidate
    marks = _mark_options(tiny, looks, weights)
    pair_costs: PairCosts = {}

    def classified(asked: list[Span]) -> dict[Span, Option | None]:
        """The digit options of these spans, by the recognizer (None: could not be rendered)."""
        rows, probs = classify([tuple(int(order[k]) for k in range(i, j)) for i, j in asked])
        return {
            span: None if row is None else _digit_option(runs, span, probs[row], row, cuts)
            for span, row in zip(asked, rows)
        }

    def search(options: dict[Span, Option]) -> list[Span]:
        return best_path(runs.box, options, height, n, weights, cuts, pair_costs)

    if lazy:
        bounds = {span: _digit_option(runs, span, None, UNKNOWN, cuts) for span in spans}
        options, path = lazy_best_path(spans, marks, bounds, classified, search)
    else:
        options = assemble(spans, classified(spans), marks, {})
        path = search(options)
    return [Group(tuple(int(order[k]) for k in range(i, j)), options[(i, j)][1], options[(i, j)][2]) for i, j in path]


def _digit_option(runs: Runs, span: Span, p: np.ndarray | None, row: int, cuts: set[Span]) -> Option:
    """The option of the digit candidate span = [i, j): its score for probabilities p (10,),
    or for p None (not classified yet) the highest score it can have (p(best digit) = 1)."""
    i, j = span
    w = runs.weights
    score = 0.0 if p is None else w.recognizer * float(np.log(max(float(p.max()), LOG_FLOOR)))
    score -= runs.shape_cost(i, j)
    cut_open = (i - 1, i) in cuts or (j - 1, j) in cuts  # a slice of a blob, not a whole one
    x0, _, x1, _ = runs.box(i, j)
    if cut_open and x1 - x0 < SLIVER * runs.height:
        score -= SLIVER_COST  # a thin slice reads as a 1; it is none
    return (score + w.character_bonus, "?" if p is None else str(int(p.argmax())), row)


def _mark_options(tiny: np.ndarray, marks: dict[int, str], weights: Weights) -> dict[Span, Option]:
    """Every tiny atom may be a decimal point (scored by whether it looks like one, marks),
    every minus of marks a minus (it replaces the atom's digit option)."""
    options: dict[Span, Option] = {}
    for i in np.flatnonzero(tiny).tolist():
        score = weights.dot_score if marks.get(i) in (DECIMAL_POINT, APART_POINT) else weights.stray_score
        options[(i, i + 1)] = (score + weights.character_bonus, DECIMAL_POINT, None)
    for i, label in marks.items():
        if label == MINUS:
            options[(i, i + 1)] = (weights.minus_score + weights.character_bonus, MINUS, None)
    return options


def _marks(b: np.ndarray, cuts: set[Span], dashes: bool) -> tuple[np.ndarray, dict[int, str]]:
    """(N, 4) atoms' boxes in reading order and the cuts between them -> ((N,) bool the atoms
    small enough to be a point, the atoms that look like a "." or a "-" by index). Decided on
    whole blobs and their line height (images: a cut blob's pieces as one box, its pieces
    never a mark; ink: the atoms themselves) by segment_marks.mark_atoms, as for ink: the
    pieces of a cut digit are shorter than it (a bold point was no longer small beside
    them) and are no digit beside a minus."""
    if not cuts:  # ink, or a picture with no blob cut: every atom is a whole blob
        height = line_height(b)
        tiny = np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) <= DOT_SIZE * height  # (N,)
        return tiny, mark_atoms(b, tiny, height, dashes)
    blob = np.arange(len(b))  # (N,) the first atom of each atom's blob
    for i, j in sorted(cuts):
        blob[blob == blob[j]] = blob[i]
    first = np.unique(blob)  # (M,)
    wb = np.array(
        [[b[blob == k, 0].min(), b[blob == k, 1].min(), b[blob == k, 2].max(), b[blob == k, 3].max()] for k in first]
    )  # (M,4)
    height = line_height(wb)
    order = reading_order(wb)
    wb, first = wb[order], first[order]
    whole = np.bincount(blob, minlength=len(b))[first] == 1  # (M,) blobs not cut
    tiny = whole & (np.maximum(wb[:, 2] - wb[:, 0], wb[:, 3] - wb[:, 1]) <= DOT_SIZE * height)  # (M,)
    looks = mark_atoms(wb, tiny, height, dashes)  # decimal points and minus signs: geometry alone
    atom_tiny = np.zeros(len(b), dtype=bool)
    atom_tiny[first[tiny]] = True
    return atom_tiny, {int(first[m]): mark for m, mark in looks.items() if whole[m]}


def _whole_blobs(cuts: set[Span]) -> list[Span]:
    """The runs [i, j) of atoms (reading order) that are all the pieces of one cut blob: each
    piece joined to the next by a cut (images; like a single atom, always a candidate)."""
    spans: list[Span] = []
    for k in sorted({k for cut in cuts for k in cut}):
        if spans and (k - 1, k) in cuts and spans[-1][1] == k:
            spans[-1] = (spans[-1][0], k + 1)
        else:
            spans.append((k, k + 1))
    return [span for span in spans if span[1] - span[0] > 1]


def _digit_spans(runs: Runs, tiny: list[bool], max_atoms: int) -> list[Span]:
    """Runs [i, j) of atoms (reading order) that could be one digit: every single atom, and
    runs whose shape alone costs at most PRUNE_COST (they are not worth a forward pass)."""
    spans = []
    n, height = len(tiny), runs.height
    for i in range(n):
        for j in range(i + 1, min(i + max_atoms, n) + 1):
            if all(tiny[i:j]):
                continue  # dots alone are never a digit (there is no shape to recognize)
            x0, _, x1, _ = runs.box(i, j)
            if x1 - x0 > MAX_WIDTH * height and j > i + 1:
                break  # wider runs only get wider (a single atom is always a candidate)
            if runs.inner_gap(i, j) > MAX_INNER_GAP * height:
                continue
            if j > i + 1 and runs.shape_cost(i, j) > PRUNE_COST:
                continue
            spans.append((i, j))
    return spans

"""The search of segmentation by recognition (model/segmentation/segment.py): the best path through the
candidate characters, by dynamic programming over the atoms in reading order, and the lazy
(branch and bound) form that classifies only the candidates the answer depends on.

A path splits atoms 0..n-1 into consecutive groups [i, j) ("spans"); each option (a span read
as a digit, a decimal point or a minus) has a score, and neighbouring characters pay pair costs
(x overlap; for two digits, tops and bottoms that disagree). Boxes are Python floats here: the
search runs once or twice per reading on a handful of candidates, where NumPy's per-call cost
would dominate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .segment import Weights

Span = tuple[int, int]  # atoms [i, j) of the reading order
Box = tuple[float, float, float, float]  # x0, y0, x1, y1
Option = tuple[float, str, "int | None"]  # (score, label, row of the classified batch or None)
PairCosts = dict[tuple[Span, Span, bool], float]  # (left, right, both digits) -> pair cost
UNKNOWN = -1  # the row of a candidate digit not classified yet (lazy search)
CUT_COST = 1.5  # keeping apart two pieces cut from one blob of ink (images); chosen on pendigits writers 1-20
CONTAINED = 0.9  # an x overlap of this fraction of the narrower box: one lies inside the other
MIN_BOX = 0.1  # in overlaps, a box is at least this wide (line heights)


def overlap(a: Box, c: Box, height: float) -> float:
    """x overlap of two boxes as a fraction of the narrower one. Boxes narrower than
    MIN_BOX (line heights) count as that wide around their center (a straight 1)."""
    (a0, a1), (c0, c1) = _widened(a[0], a[2], height), _widened(c[0], c[2], height)
    return max(0.0, min(a1, c1) - max(a0, c0)) / min(a1 - a0, c1 - c0)


def _widened(x0: float, x1: float, height: float) -> tuple[float, float]:
    half = max(x1 - x0, MIN_BOX * height) / 2
    return (x0 + x1) / 2 - half, (x0 + x1) / 2 + half


def pair_cost(a: Box, c: Box, height: float, w: Weights, digits: bool) -> float:
    """Cost of two characters side by side: overlapping x ranges; two digits very close or
    misaligned (tops and bottoms, bottoms alone)."""
    share = overlap(a, c, height)
    cost = w.overlap_cost * share + (w.contained_cost if share >= CONTAINED else 0.0)
    if digits:
        gap = (c[0] - a[2]) / height
        cost += w.near_cost * max(0.0, w.near - max(gap, 0.0))
        misalign = (abs(a[1] - c[1]) + abs(a[3] - c[3])) / height
        cost += w.align_cost * max(0.0, misalign - w.align_free)
        cost += w.baseline_cost * max(0.0, abs(a[3] - c[3]) / height - w.baseline_free)
    return cost


def best_path(
    box: Callable[[int, int], Box],
    options: dict[Span, Option],
    height: float,
    n: int,
    w: Weights,
    cuts: set[Span],
    pair_costs: PairCosts | None = None,
) -> list[Span]:
    """The path through `options` with the highest total score, by dynamic programming.

    State: the last group [i, j); score(state) = best total of a path ending in it.
    box(i, j): the box of atoms [i, j). cuts: neighbouring atoms (k, k + 1) cut from one blob,
    which pay CUT_COST when kept apart. pair_costs: a dict kept between searches over the
    same atoms (the lazy search's rounds), so each pair cost is computed once.
    """
    costs: PairCosts = {} if pair_costs is None else pair_costs
    ending: dict[int, list[Span]] = {}
    for span in options:
        ending.setdefault(span[1], []).append(span)
    best: dict[Span, tuple[float, Span | None]] = {}
    for j in range(1, n + 1):
        for i, _ in sorted(ending.get(j, [])):
            state = (i, j)
            unary, _label, row = options[state]
            if i == 0:
                best[state] = (unary, None)
                continue
            cut = CUT_COST if (i - 1, i) in cuts else 0.0
            prev = []
            for p in ending.get(i, []):
                if p in best:
                    key = (p, state, options[p][2] is not None and row is not None)
                    cost = costs.get(key)
                    if cost is None:
                        cost = costs[key] = pair_cost(box(*p), box(*state), height, w, key[2])
                    prev.append((best[p][0] - cost - cut, p))
            if prev:
                score, p = max(prev)
                best[state] = (score + unary, p)
    finals = [s for s in ending.get(n, []) if s in best]
    if not finals:  # cannot happen while every single atom is a candidate; be safe
        return [(k, k + 1) for k in range(n) if (k, k + 1) in options]
    last: Span | None = max(finals, key=lambda s: best[s][0])
    path = []
    while last is not None:
        path.append(last)
        last = best[last][1]
    return path[::-1]


def assemble(
    spans: list[Span], digits: dict[Span, Option | None], marks: dict[Span, Option], bounds: dict[Span, Option]
) -> dict[Span, Option]:
    """All options, in one order: the digit candidates (classified, else their bounds; None:
    could not be rendered, left out), then the marks (a minus replaces the digit candidate
    of the same atom)."""
    options: dict[Span, Option] = {}
    for span in spans:
        option = digits[span] if span in digits else bounds[span]
        if option is not None:
            options[span] = option
    options.update(marks)
    return options


def lazy_best_path(
    spans: list[Span],
    marks: dict[Span, Option],
    bounds: dict[Span, Option],
    classified: Callable[[list[Span]], dict[Span, Option | None]],
    search: Callable[[dict[Span, Option]], list[Span]],
) -> tuple[dict[Span, Option], list[Span]]:
    """Branch and bound over the candidates: (the options, the best path through them).

    bounds: for each digit candidate the highest score it can have (row UNKNOWN): its
    recognizer term log p <= 0 taken as 0, its shape costs as they are; pair costs do not
    depend on the recognizer. search(options): best_path over them. The best path is found;
    the candidates on it not classified yet are classified (one call of classified) and the
    search runs again, until the best path holds only classified candidates. That path is
    the one classifying every candidate gives: its score is real, and every other path's
    real score is at most its optimistic one, which is at most this path's. Most numbers
    need one round: the optimistic path is the segmentation (its digits then read
    confidently), so about one candidate per character is classified.
    """
    digits: dict[Span, Option | None] = {}
    while True:
        options = assemble(spans, digits, marks, bounds)
        path = search(options)
        asked = [span for span in path if options[span][2] == UNKNOWN]
        if not asked:
            return options, path
        digits.update(classified(asked))

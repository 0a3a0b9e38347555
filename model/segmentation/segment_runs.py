"""Runs of atoms for the segmentation by recognition (model/segmentation/segment.py):
their boxes, inner gaps and shape costs, each computed once per segmentation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .number import MINUS
from .segment_marks import APART_POINT
from .segment_path import Box, Span

if TYPE_CHECKING:
    from .segment import Weights


class Runs:
    """Runs [i, j) of atoms in reading order: their boxes and shape costs, in Python floats,
    each computed once per segmentation (the search asks again in every round).

    b: (N, 4) float64 boxes x0, y0, x1, y1 in reading order; height: the line height.
    """

    def __init__(self, b: np.ndarray, height: float, weights: Weights, marks: dict[int, str] | None = None) -> None:
        self.rows: list[list[float]] = b.tolist()
        self.height, self.weights = height, weights
        self.marks = marks or {}  # atoms that look like a "." or a "-" (model/segmentation/segment_marks.py)
        self._boxes: dict[Span, Box] = {}
        self._shape_costs: dict[Span, float] = {}

    def box(self, i: int, j: int) -> Box:
        """The box around atoms [i, j)."""
        box = self._boxes.get((i, j))
        if box is None:
            rows = self.rows[i:j]
            box = self._boxes[(i, j)] = (
                min(r[0] for r in rows),
                min(r[1] for r in rows),
                max(r[2] for r in rows),
                max(r[3] for r in rows),
            )
        return box

    def inner_gap(self, i: int, j: int, axis: int = 0) -> float:
        """The widest empty interval inside the union of the atoms' x ranges (axis 0) or
        y ranges (axis 1); 0 if none."""
        if j - i < 2:
            return 0.0
        ranges = sorted((r[axis], r[axis + 2]) for r in self.rows[i:j])  # by start
        gap, reach = 0.0, ranges[0][1]
        for lo, hi in ranges[1:]:
            gap, reach = max(gap, lo - reach), max(reach, hi)
        return gap

    def shape_cost(self, i: int, j: int) -> float:
        """What the shape of atoms [i, j) costs as one digit: too wide, too short, a gap inside
        across or up and down (the strokes of one digit meet: a 5's top bar and a decimal
        point below it are no 7)."""
        cost = self._shape_costs.get((i, j))
        if cost is None:
            x0, y0, x1, y1 = self.box(i, j)
            w, height = self.weights, self.height
            cost = self._shape_costs[(i, j)] = (
                w.wide_cost * max(0.0, (x1 - x0) / height - w.wide)
                + w.short_cost * max(0.0, w.short - (y1 - y0) / height)
                + w.gap_cost * self.inner_gap(i, j) / height
                + w.vgap_cost * max(0.0, self.inner_gap(i, j, axis=1) / height - w.vgap_free)
                + (self.mark_cost(i, j) if j > i + 1 else 0.0)
            )
        return cost

    def mark_cost(self, i: int, j: int) -> float:
        """What taking atoms that look like a point or a minus into one digit costs."""
        labels = {self.marks.get(k) for k in range(i, j)}
        w = self.weights
        return (w.point_cost if APART_POINT in labels else 0.0) + (w.dash_cost if MINUS in labels else 0.0)

"""Lines of writing: a number is read on one line; ink on several lines is split first.

Someone who writes two numbers one under the other should not get one number made of
both (the segmentation reads left to right, so the lines' digits were interleaved).
The lines are found from the atoms' vertical extents: the y ranges of the atoms that are
not tiny form bands; bands that do not overlap, separated by at least LINE_GAP line
heights, are separate lines. A wavy baseline, digits of different sizes and a minus at
mid-height overlap their neighbours and stay on one line. Tiny atoms (decimal points)
join the line whose band is nearest to their center. Each line is then segmented on its
own (model/segmentation/segment.py) and its characters carry the line's index. An
underline (model/segmentation/underlines.py) is left out before the lines are found: it
belongs to no character.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .segment import DEFAULT_WEIGHTS, DOT_SIZE, MAX_ATOMS, Classify, Group, Weights, line_height, segment
from .underlines import underlines

LINE_GAP = 0.25  # lines are at least this far apart vertically, in line heights


def split_lines(boxes: np.ndarray) -> list[np.ndarray]:
    """(N, 4) float boxes x0, y0, x1, y1 (y down) -> the atoms of each line, top to bottom:
    int64 index arrays that partition range(N). One line (all atoms) when nothing splits."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    n = len(boxes)
    if n < 2:
        return [np.arange(n)]
    height = line_height(boxes)
    tiny = np.maximum(boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]) <= DOT_SIZE * height  # (N,)
    tall = np.flatnonzero(~tiny)
    if len(tall) < 2:
        return [np.arange(n)]
    bands: list[list[float]] = []  # [top, bottom] of each band, top to bottom
    for k in tall[np.argsort(boxes[tall, 1])]:
        top, bottom = boxes[k, 1], boxes[k, 3]
        if bands and top - bands[-1][1] < LINE_GAP * height:
            bands[-1][1] = max(bands[-1][1], bottom)
        else:
            bands.append([top, bottom])
    if len(bands) == 1:
        return [np.arange(n)]
    centers = (boxes[:, 1] + boxes[:, 3]) / 2  # (N,)
    band = np.array(bands)  # (L,2)
    distance = np.maximum(band[None, :, 0] - centers[:, None], centers[:, None] - band[None, :, 1])  # (N,L)
    which = np.argmin(np.maximum(distance, 0.0), axis=1)  # (N,) the band of each atom
    return [np.flatnonzero(which == k) for k in range(len(bands)) if (which == k).any()]


def segment_lines(
    boxes: np.ndarray,
    classify: Classify,
    max_atoms: int = MAX_ATOMS,
    joined: frozenset[tuple[int, int]] = frozenset(),
    lazy: bool = False,
    dashes: bool = False,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[Group]:
    """model/segmentation/segment.py segment(), line by line: the groups of the top line left to right,
    then the next line's, each Group's `line` set. Same arguments and indices as segment();
    an underline's atom is in no group."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    kept = np.setdiff1d(np.arange(len(boxes)), underlines(boxes))  # (K,) int64
    lines = [kept[atoms] for atoms in split_lines(boxes[kept])]
    if len(lines) == 1 and len(kept) == len(boxes):
        return segment(boxes, classify, weights, max_atoms=max_atoms, joined=joined, lazy=lazy, dashes=dashes)
    groups: list[Group] = []
    for number, atoms in enumerate(lines):
        local = {int(a): i for i, a in enumerate(atoms)}

        def classify_line(asked: list[tuple[int, ...]], atoms: np.ndarray = atoms):
            return classify([tuple(int(atoms[i]) for i in group) for group in asked])

        inside = frozenset((local[a], local[b]) for a, b in joined if a in local and b in local)
        line = segment(
            boxes[atoms], classify_line, weights, max_atoms=max_atoms, joined=inside, lazy=lazy, dashes=dashes
        )
        for g in line:
            groups.append(dataclasses.replace(g, atoms=tuple(int(atoms[i]) for i in g.atoms), line=number))
    return groups

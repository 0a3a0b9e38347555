"""A digit gone over again: its second pass is no second character.

A person who thickens a drawn 1 or mends a 4 draws its strokes again over the first
ones, a few pixels apart. The number reader (model/segmentation/number_ink.py) reads
each pass as a character of its own: a 1 drawn twice read "11", a 4 with its stem drawn
again "41" (a newcomer's drawings, tests/model/test_drawn_over.py). Here a character
every point of which lies within DRAWN_OVER_DISTANCE of the strokes of its neighbour
is that neighbour drawn over; the two are read again as one character
(model/drawing_reader.py). The newcomer's passes were 1 to 2.8% of the height apart.
Two digits written side by side are farther: of 4,970 neighbouring digits in
bench/number_eval.py's numbers (pendigits writers 1-30 and UJI, ordinary and touching,
300 each), the closest were 7.8% (a 1 written along a 0's side), 9% and 11.6% apart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .number import Character

DRAWN_OVER_DISTANCE = 0.06  # of the taller character's height: about a pen's width on the canvas


def _distances(points: np.ndarray, strokes: Sequence[np.ndarray]) -> np.ndarray:
    """(P, 2) points -> (P,) their distance to the nearest of the strokes' segments (or
    points, for a stroke of one point)."""
    best = np.full(len(points), np.inf)
    for s in strokes:
        a, b = (s[:-1], s[1:]) if len(s) > 1 else (s, s)  # (S,2) segment ends
        ab = b - a  # (S,2)
        t = ((points[:, None, :] - a[None]) * ab[None]).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-12)  # (P,S)
        near = a[None] + np.clip(t, 0, 1)[..., None] * ab[None]  # (P,S,2) nearest point of each segment
        best = np.minimum(best, np.linalg.norm(points[:, None, :] - near, axis=-1).min(axis=1))
    return best


def drawn_over(a: Character, b: Character, own: dict[int, np.ndarray]) -> bool:
    """Is digit b (or a) the other drawn over: every point of one within
    DRAWN_OVER_DISTANCE of the other's strokes? own: stroke index -> (P, 2) points."""
    if not (a.is_digit and b.is_digit and a.strokes and b.strokes):
        return False
    height = max(a.box[3] - a.box[1], b.box[3] - b.box[1], 1e-9)
    sa, sb = [own[k] for k in a.strokes], [own[k] for k in b.strokes]
    for pts, other in ((np.concatenate(sb), sa), (np.concatenate(sa), sb)):
        if _distances(pts, other).max() <= DRAWN_OVER_DISTANCE * height:
            return True
    return False


def drawn_over_runs(characters: Sequence[Character], own: dict[int, np.ndarray]) -> list[list[int]]:
    """Indices of the characters, in runs: neighbours on a line drawn over each other
    share a run ([[0, 1], [2]] for a 1 drawn twice, then a 5)."""
    runs: list[list[int]] = []
    for i, c in enumerate(characters):
        prev = characters[i - 1] if i else None
        if prev is not None and prev.line == c.line and drawn_over(prev, c, own):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs

"""Ink -> a whole number: strokes are the atoms of the segmentation (model/segmentation/segment.py).

Each candidate group of strokes is rendered by the single-digit renderer
(model/pen/ink.py render_ink), so a number's digits are seen exactly as a lone digit.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..pen.ink import Ink, ink_to_array, render_ink, span
from ..preprocess import NothingToRecognize
from .number import Character, NumberPrediction
from .text_lines import segment_lines

# (M, 28, 28) float32 in [0, 1] -> (M, 10) float32 probabilities, one forward pass
ClassifyArrays = Callable[[np.ndarray], np.ndarray]
RescoreInks = Callable[[list, np.ndarray], np.ndarray]  # (inks, (F,10) probabilities) -> (F,10)


def stroke_boxes(strokes: list[np.ndarray]) -> np.ndarray:
    """[(P, 2) x, y] -> (N, 4) float64 boxes x0, y0, x1, y1 of the stroke skeletons."""
    return np.array([[*s.min(axis=0), *s.max(axis=0)] for s in strokes], dtype=np.float64).reshape(-1, 4)


CACHE_LIMIT = 1024  # a cache holding more groups than this is emptied
_OWNER = "classify"  # the cache's entry naming the classify its answers came from
# Candidates are classified at most this many per forward pass: per image, batches of 8 cost
# what bigger ones cost, and the predictor has warmed these batch sizes up at load (oneDNN
# builds kernels per input shape on first use: 1-2 ms for each new batch size, else).
FORWARD_CHUNK = 8
_UNREAD = np.zeros(10, np.float32)  # the probabilities of a candidate until its forward pass


def read_number(
    ink: Ink, classify: ClassifyArrays, cache: dict | None = None, rescore: RescoreInks | None = None
) -> NumberPrediction:
    """Segment ink into characters and read them.

    ink: strokes of (x, y[, ...]) points, canvas pixels, y down. Character.strokes
    index into `ink` as given (empty strokes are skipped, never part of a character).
    cache: optional dict kept by the caller between calls (live recognition):
    candidate groups whose strokes did not change are not rendered or classified
    again. Its keys are the groups' stroke coordinates (bytes), so a changed stroke is
    a new group; it remembers the classify it was filled by and is emptied for another.
    rescore: optional (inks, (F, 10) image probabilities) -> (F, 10) probabilities, for
    a second network that reads the strokes themselves (Predictor's trajectory network).
    ValueError for malformed ink; an empty ink gives NumberPrediction.nothing(...).
    """
    strokes = ink_to_array(ink)  # validates; non-empty strokes only
    if not strokes:
        return NumberPrediction.nothing("nothing to recognize: the ink has no strokes")
    span(np.concatenate(strokes))  # ValueError for coordinates too large to measure
    original = [i for i, s in enumerate(ink) if len(s) > 0]  # index in `ink` of each array
    boxes = stroke_boxes(strokes)  # (N,4)
    if cache is not None and (cache.get(_OWNER) != classify or len(cache) > CACHE_LIMIT):
        cache.clear()  # another model's answers, or too many groups kept
        cache[_OWNER] = classify
    known = {} if cache is None else cache
    images: list[np.ndarray] = []  # (28,28) each: every candidate rendered or found in the cache
    probs: list[np.ndarray] = []  # (10,) each: its probabilities, row for row with images

    def classify_groups(groups: list[tuple[int, ...]]):
        """segment's classify: called once per round of the lazy search, with new groups."""
        rows: list[int | None] = []
        keys = [tuple(strokes[k].tobytes() for k in group) for group in groups]
        fresh = []  # rows rendered now, to classify
        fresh_inks = []  # their strokes, for rescore
        for group, key in zip(groups, keys):
            if key in known:
                image, p = known[key]
            else:
                try:
                    image = render_ink([strokes[k] for k in group])  # (28,28)
                except NothingToRecognize:
                    rows.append(None)
                    continue
                p = _UNREAD
                fresh.append(len(images))
                fresh_inks.append([strokes[k] for k in group])
            images.append(image)
            probs.append(p)
            rows.append(len(images) - 1)
        if fresh:
            rendered = np.stack([images[r] for r in fresh])  # (F,28,28)
            chunks = range(0, len(fresh), FORWARD_CHUNK)
            new = np.concatenate([classify(rendered[i : i + FORWARD_CHUNK]) for i in chunks])  # (F,10)
            if rescore is not None:
                new = rescore(fresh_inks, new)  # (F,10)
            for r, p in zip(fresh, new):
                probs[r] = p  # (10,)
        if cache is not None:
            cache.update({key: (images[row], probs[row]) for key, row in zip(keys, rows) if row is not None})
        return rows, np.stack(probs) if probs else np.zeros((0, 10), np.float32)  # (M,10)

    groups = segment_lines(boxes, classify_groups, lazy=True, dashes=True)
    chars = []
    for g in groups:
        box = boxes[list(g.atoms)]
        row = g.candidate
        chars.append(
            Character(
                text=g.label,
                box=(float(box[:, 0].min()), float(box[:, 1].min()), float(box[:, 2].max()), float(box[:, 3].max())),
                strokes=tuple(sorted(original[k] for k in g.atoms)),
                probabilities=None if row is None else probs[row],
                image=None if row is None else images[row],
                line=g.line,
            )
        )
    return NumberPrediction.of(chars)

"""Choose the segmentation weights (model/segmentation/segment.py Weights) on pendigits writers 1-20.

    python bench/number_tune.py [--count 600] [--rounds 300]

Numbers are built from writers 1-20 only (ordinary and touching spacing, and --dashes
more of each, half of them with a dash after a digit: "555-1234", "5-") and read as
Predictor.predict_number reads them (line by line, dashes anywhere); the recognizer's
answer for each candidate group of strokes is computed once and kept (in /tmp, keyed
by the group: weights that make other runs of strokes candidates get those read once
more), then a random search around the current weights maximizes (numbers with the right count of characters)
+ (numbers read entirely right). Writers 21-30 and UJI are never looked at here:
bench/number_eval.py checks the result on them.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.number_eval import PENDIGITS  # noqa: E402
from model.pen.ink import render_ink  # noqa: E402
from model.predictor import Predictor  # noqa: E402
from model.preprocess import NothingToRecognize  # noqa: E402
from model.segmentation.number_ink import stroke_boxes  # noqa: E402
from model.segmentation.number_synth import by_writer, make_numbers, read_pendigits  # noqa: E402
from model.segmentation.segment import DEFAULT_WEIGHTS, Weights  # noqa: E402
from model.segmentation.text_lines import segment_lines  # noqa: E402


class Replay:
    """A number's classify() (model/segmentation/segment.py) that remembers the recognizer's answer for
    every group of strokes it was asked, keyed by the group: a search with other weights
    may ask other groups (shape costs decide which runs are candidates); those are read
    then and remembered too. Read as Predictor.predict_number reads them."""

    def __init__(self, predictor: Predictor, strokes: list[np.ndarray]) -> None:
        self.predictor, self.strokes = predictor, strokes
        self.known: dict[tuple[int, ...], np.ndarray | None] = {}  # group -> (10,) or None

    def __getstate__(self) -> dict:
        return {"known": self.known}  # the strokes and the predictor are rebuilt, not stored

    def __call__(self, groups: list[tuple[int, ...]]) -> tuple[list[int | None], np.ndarray]:
        new = [g for g in dict.fromkeys(groups) if g not in self.known]
        if new:
            self._read(new)
        rows: list[int | None] = []
        probs = []
        for g in groups:
            p = self.known[g]
            rows.append(None if p is None else len(probs))
            if p is not None:
                probs.append(p)
        return rows, np.stack(probs) if probs else np.zeros((0, 10), np.float32)  # (M,10)

    def _read(self, groups: list[tuple[int, ...]]) -> None:
        images, readable = [], []
        for g in groups:
            try:
                images.append(render_ink([self.strokes[k] for k in g]))  # (28,28)
                readable.append(g)
            except NothingToRecognize:
                self.known[g] = None
        if not images:
            return
        probs = self.predictor._number_probabilities(np.stack(images))  # (M,10)
        if self.predictor.trajectory is not None:  # as Predictor.predict_number reads them
            probs = self.predictor._rescore_inks([[self.strokes[k] for k in g] for g in readable], probs)
        self.known.update(zip(readable, probs))


def read(boxes: np.ndarray, replay: Replay, weights: Weights) -> str:
    """The text read_number gives (line by line, dashes anywhere) with these weights."""
    return "".join(g.label for g in segment_lines(boxes, replay, dashes=True, weights=weights))


def score(cases, weights: Weights) -> tuple[float, float]:
    count = whole = 0
    for boxes, replay, text in cases:
        got = read(boxes, replay, weights)
        count += len(got) == len(text)
        whole += got == text
    return count / len(cases), whole / len(cases)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=600)
    ap.add_argument("--rounds", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dashes", type=int, default=400, help="numbers with a dash, per spacing (0: none)")
    ap.add_argument("--check", action="store_true", help="only print the scores of the current weights")
    args = ap.parse_args()
    predictor = Predictor.load()
    samples = by_writer(read_pendigits(PENDIGITS))
    writers = list(range(1, 21))
    sets = [
        make_numbers(samples, writers, args.count, args.seed, touching=False),
        make_numbers(samples, writers, args.count, args.seed + 1, touching=True),
    ]
    if args.dashes:  # "555-1234", "5-": half of them with a dash after a digit
        for touching in (False, True):
            sets.append(make_numbers(samples, writers, args.dashes, args.seed + 2 + touching, touching, dash_p=0.5))
    numbers = [n for numbers in sets for n in numbers]
    replays = [Replay(predictor, n.strokes) for n in numbers]
    store = Path(f"/tmp/number-tune-cache-{args.count}-{args.dashes}-{args.seed}-v3.pkl")  # v3: keyed by group
    if store.is_file():
        for replay, known in zip(replays, pickle.loads(store.read_bytes())):
            replay.known = known
    cases = [(stroke_boxes(n.strokes), replay, n.text) for n, replay in zip(numbers, replays)]
    bounds = np.cumsum([0] + [len(numbers) for numbers in sets])
    parts = [cases[a:b] for a, b in zip(bounds[:-1], bounds[1:])]  # ordinary, touching[, with dashes]

    def scores(w: Weights) -> list[tuple[float, float]]:
        return [score(part, w) for part in parts]

    def objective(w: Weights) -> float:
        return sum(count + whole for count, whole in scores(w))

    if args.check:
        print(DEFAULT_WEIGHTS, *scores(DEFAULT_WEIGHTS))
        store.write_bytes(pickle.dumps([r.known for r in replays]))
        return
    starts = [
        DEFAULT_WEIGHTS,
        dataclasses.replace(DEFAULT_WEIGHTS, baseline_cost=2.0),
        dataclasses.replace(DEFAULT_WEIGHTS, baseline_cost=4.0, baseline_free=0.15),
    ]
    for s in starts:
        print(s, objective(s), flush=True)
    best = max(starts, key=objective)
    best_value = objective(best)
    print("start", best, f"{best_value:.4f}", *scores(best))
    rng = np.random.default_rng(args.seed)
    fields = [f.name for f in dataclasses.fields(Weights)]
    for r in range(args.rounds):
        name = fields[int(rng.integers(len(fields)))]
        value = getattr(best, name)
        trial = dataclasses.replace(
            best,
            **{
                name: round(
                    max(0.0, value + rng.normal(0, 0.1 + 0.3 * abs(value)))
                    if name not in ("dot_score", "stray_score", "minus_score")
                    else value + rng.normal(0, 0.5),
                    3,
                )
            },
        )
        v = objective(trial)
        if v > best_value:
            best, best_value = trial, v
            print(r, best, f"{best_value:.4f}", *scores(best), flush=True)
    print("final", best)
    store.write_bytes(pickle.dumps([r.known for r in replays]))


if __name__ == "__main__":
    main()

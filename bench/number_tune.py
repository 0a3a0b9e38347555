"""Choose the segmentation weights (model/segment.py Weights) on pendigits writers 1-20.

    python bench/number_tune.py [--count 600] [--rounds 300]

Numbers are built from writers 1-20 only (ordinary and touching spacing); the
recognizer's answers for every candidate are computed once, then a random search
around the current weights maximizes (numbers with the right count of characters)
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
from model.ink import render_ink  # noqa: E402
from model.number_ink import stroke_boxes  # noqa: E402
from model.number_synth import by_writer, make_numbers, read_pendigits  # noqa: E402
from model.predictor import Predictor  # noqa: E402
from model.preprocess import NothingToRecognize  # noqa: E402
from model.segment import DEFAULT_WEIGHTS, Weights, segment  # noqa: E402


def cache(predictor: Predictor, number) -> tuple[np.ndarray, object]:
    """The atoms' boxes and a classify() that replays the recognizer's answers."""
    boxes = stroke_boxes(number.strokes)
    saved = {}

    def classify(groups):
        rows, images = [], []
        for g in groups:
            try:
                images.append(render_ink([number.strokes[k] for k in g]))
                rows.append(len(images) - 1)
            except NothingToRecognize:
                rows.append(None)
        probs = predictor._number_probabilities(np.stack(images))  # (M,10)
        if predictor.trajectory is not None:  # as Predictor.predict_number reads them
            inks = [[number.strokes[k] for k in g] for g, row in zip(groups, rows) if row is not None]
            probs = predictor._rescore_inks(inks, probs)
        saved["answer"] = (rows, probs)
        return saved["answer"]

    segment(boxes, classify)
    return boxes, saved["answer"]


def score(cases, weights: Weights) -> tuple[float, float]:
    count = whole = 0
    for boxes, classify, text in cases:
        got = "".join(g.label for g in segment(boxes, classify, weights))
        count += len(got) == len(text)
        whole += got == text
    return count / len(cases), whole / len(cases)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=600)
    ap.add_argument("--rounds", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--check", action="store_true", help="only print the scores of the current weights")
    args = ap.parse_args()
    predictor = Predictor.load()
    samples = by_writer(read_pendigits(PENDIGITS))
    writers = list(range(1, 21))
    numbers = make_numbers(samples, writers, args.count, args.seed, touching=False) + make_numbers(
        samples, writers, args.count, args.seed + 1, touching=True
    )
    store = Path(f"/tmp/number-tune-cache-{args.count}-{args.seed}-v2.pkl")  # v2: pruned candidates
    if store.is_file():
        answers = pickle.loads(store.read_bytes())
    else:
        answers = [cache(predictor, n) for n in numbers]
        store.write_bytes(pickle.dumps(answers))
    cases = [(boxes, (lambda a: lambda groups: a)(answer), n.text) for (boxes, answer), n in zip(answers, numbers)]
    half = len(cases) // 2

    def objective(w: Weights) -> float:
        (c1, w1), (c2, w2) = score(cases[:half], w), score(cases[half:], w)
        return c1 + w1 + c2 + w2

    if args.check:
        print(DEFAULT_WEIGHTS, score(cases[:half], DEFAULT_WEIGHTS), score(cases[half:], DEFAULT_WEIGHTS))
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
    print("start", best, f"{best_value:.4f}", score(cases[:half], best), score(cases[half:], best))
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
            print(r, best, f"{best_value:.4f}", score(cases[:half], best), score(cases[half:], best), flush=True)
    print("final", best)


if __name__ == "__main__":
    main()

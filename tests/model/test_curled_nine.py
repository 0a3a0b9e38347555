"""The curled-nine world form (model/pen/ink_synth.py curled_nine) keeps the 9 it is made from.

It curls the end of the 9's stem. A 9 drawn from the stem's foot upwards once lost
everything after the foot: the "9" left was the curl alone (a small arc), and such arcs
trained the digit models as 9s and set the drawn-ink threshold of the not-a-digit check
(bench/calibrate_notdigit.py) as real digits.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from model.pen.ink_synth import curled_nine, synthesize_forms


def loop(cx: float = 50, cy: float = 30, r: float = 20) -> np.ndarray:
    t = np.radians(np.linspace(0, -360, 30))  # counter-clockwise on the canvas, from the right
    return np.stack([cx + r * np.cos(t), cy + r * np.sin(t)], axis=1)


def stem(top: float = 30, foot: float = 100, x: float = 70) -> np.ndarray:
    return np.stack([np.full(20, x), np.linspace(top, foot, 20)], axis=1)  # drawn downwards


NINES = {  # y down; each a list of (P, 2) strokes
    "one stroke, stem last, downwards": [np.concatenate([loop(), stem()])],
    "loop, then the stem downwards": [loop(), stem()],
    "stem upwards, then the loop": [stem()[::-1], loop()],
    "loop, then the stem upwards": [loop(), stem()[::-1]],
    "one stroke from the foot up": [np.concatenate([stem()[::-1], loop()])],
}


def height(ink) -> float:
    pts = np.concatenate(ink)
    return float(np.ptp(pts[:, 1]))


@pytest.mark.parametrize("name", sorted(NINES))
def test_a_curled_nine_keeps_the_whole_nine_or_is_not_made(name):
    ink = NINES[name]
    for seed in range(20):
        made = curled_nine(ink, np.random.default_rng(seed))
        if made is None:
            continue
        source = np.concatenate(ink)
        kept = np.concatenate(made)
        # every point of the 9 is still there (the curl only adds points)
        assert all(np.isclose(kept, p).all(axis=1).any() for p in source), name
        assert height(made) >= height(ink)


def test_a_nine_drawn_from_the_foot_up_gets_no_curl():
    for name in ("loop, then the stem upwards", "one stroke from the foot up"):
        assert curled_nine(NINES[name], np.random.default_rng(0)) is None, name


def test_a_nine_drawn_downwards_gets_its_curl():
    made = curled_nine(NINES["loop, then the stem downwards"], np.random.default_rng(0))
    assert made is not None and len(np.concatenate(made)) > len(np.concatenate(NINES["loop, then the stem downwards"]))


def test_synthesized_nines_are_as_tall_as_their_sources():
    inks = [NINES[n] for n in sorted(NINES)] * 4
    made, labels = synthesize_forms(inks, np.full(len(inks), 9), 40, np.random.default_rng(1))
    nines = [m for m, label in zip(made, labels) if label == 9]
    assert nines
    shortest = min(height(m) / max(np.ptp(np.concatenate(m)[:, 0]), 1e-9) for m in nines)
    assert shortest > 1.0 / math.sqrt(2), "a 9 flatter than it is wide: the stem was lost"

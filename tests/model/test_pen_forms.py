"""The world's digit forms MNIST lacks, drawn here as a person would on the canvas
(canvas pixels, y down, dense points), must be read right by the bundled model.

Each ink is built in this file from plain geometry (lines, ellipses, arcs), not with
model/pen/ink_synth.py, the code that made the training data. The inks marked "MNIST-only
misread" were read wrong by the previous bundled model (trained on MNIST alone): the
long slash of a Ø as an 8, a long-flagged 1 as a 7, every crossed Z-like 2 as a 7.
"""

from __future__ import annotations

import math
import os

import numpy as np
import pytest

from model.predictor import Predictor


def polyline(*corners: tuple[float, float], step: float = 3.0) -> list[list[float]]:
    """Dense canvas points along straight segments, about `step` px apart."""
    pts = []
    for (x0, y0), (x1, y1) in zip(corners, corners[1:]):
        n = max(2, int(math.hypot(x1 - x0, y1 - y0) / step))
        pts += [[x0 + (x1 - x0) * t / n, y0 + (y1 - y0) * t / n] for t in range(n)]
    return pts + [list(corners[-1])]


def arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float, n: int = 60) -> list[list[float]]:
    """Points on an ellipse from angle start to end (degrees; 0 = right, 90 = down on the canvas)."""
    return [
        [cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a))] for a in np.linspace(start, end, n)
    ]


FORMS = {
    "slashed zero": (
        0,
        [
            [arc(140, 140, 55, 85, -90, 275)],  # an oval from the top, clockwise, closed...
            [arc(140, 140, 55, 85, -90, 275), polyline((85, 235), (195, 45))],  # ...with a slash: Ø
            [arc(140, 140, 50, 80, -100, 265), polyline((200, 60), (80, 220))],  # slash drawn downward
            [arc(140, 140, 45, 85, -90, 280), polyline((70, 260), (210, 20))],  # a long slash (MNIST-only misread)
            [
                [
                    [
                        140 + 40 * math.cos(a) + 25 * math.sin(a),
                        140 + 85 * math.sin(a),
                    ]  # a slanted oval (MNIST-only misread)
                    for a in np.radians(np.linspace(-90, 280, 60))
                ],
                polyline((95, 230), (185, 50)),
            ],
        ],
    ),
    "continental one": (
        1,
        [
            [polyline((95, 115), (150, 45), (150, 235))],  # long flag and stem in one move
            [polyline((100, 105), (150, 45), (148, 235)), polyline((110, 235), (190, 235))],  # with a foot
            [polyline((150, 45), (150, 235)), polyline((105, 100), (150, 45))],  # flag drawn separately
            [polyline((80, 95), (150, 45), (150, 235))],  # a long, shallow flag (MNIST-only misread)
            [polyline((90, 100), (165, 40), (135, 235))],  # flag and a slanted stem (MNIST-only misread)
        ],
    ),
    "crossed seven": (
        7,
        [
            [polyline((80, 50), (200, 50), (120, 235)), polyline((120, 140), (195, 140))],
            [polyline((85, 60), (195, 55), (130, 240)), polyline((130, 150), (200, 146))],
        ],
    ),
    "one-stroke open four": (
        4,
        [
            [polyline((105, 45), (85, 160), (175, 160), (170, 45), (172, 240))],  # arm, bar, up the stem, down
            [polyline((100, 50), (90, 150), (200, 150), (165, 150), (165, 45), (165, 240))],  # bar past the stem
        ],
    ),
    "curled nine": (
        9,
        [
            [arc(140, 95, 45, 45, 0, -360) + polyline((185, 95), (182, 215)) + arc(160, 215, 22, 30, 0, 180, 20)],
            [arc(140, 90, 45, 40, -10, -370) + arc(130, 100, 55, 125, 0, 150, 40)],  # stem curving back left
        ],
    ),
    "crossed z-like two": (
        2,
        [  # all MNIST-only misread
            [polyline((80, 50), (200, 50), (80, 230), (200, 230)), polyline((100, 140), (180, 140))],
            [
                arc(140, 85, 55, 40, 180, 360, 30) + polyline((195, 85), (85, 235), (205, 235)),
                polyline((105, 160), (185, 160)),
            ],
            [polyline((100, 50), (190, 50), (95, 230), (195, 230)), polyline((115, 140), (175, 140))],
            [polyline((70, 50), (210, 55), (75, 230), (215, 225)), polyline((95, 140), (190, 140))],
        ],
    ),
}


MODEL_ENV = "DIGITPAD_TEST_PEN_MODEL"  # test this checkpoint instead of the bundled model


@pytest.fixture(scope="module")
def bundled() -> Predictor:
    """The bundled model ($DIGITPAD_TEST_PEN_MODEL to try another). Skipped while the bundled
    model is the MNIST-only one: it misreads 7 of these inks (see the module docstring)."""
    predictor = Predictor.load(os.environ.get(MODEL_ENV) or None)
    config = (predictor.loaded.raw.get("train") or {}).get("config") or {}
    if not config.get("ink_data") and not os.environ.get(MODEL_ENV):
        pytest.skip("the bundled model was trained on MNIST alone; the pen-ink model (issue 12) is not shipped yet")
    return predictor


@pytest.mark.parametrize("form", list(FORMS))
def test_the_bundled_model_reads_world_digit_forms(bundled, form):
    label, inks = FORMS[form]
    got = [bundled.predict_strokes(ink).digit for ink in inks]
    assert got == [label] * len(inks), f"{form}: read as {got}"

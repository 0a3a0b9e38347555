"""model/ink.py draws its joints with an inlined copy of Pillow's joint="curve" code
(for speed); it must give Pillow's pixels exactly."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from model.ink import _curve_line


@pytest.mark.parametrize("width", [3, 6, 13, 20])
@pytest.mark.parametrize("seed", range(6))
def test_curve_line_is_pillows_line_with_curve_joints(width, seed):
    rng = np.random.default_rng(seed)
    pts = np.round(np.cumsum(rng.normal(0, 8, (60, 2)), axis=0) + 100)  # (60,2) a scribble, snapped as _draw does
    pts[10:14] = pts[10] + np.arange(4)[:, None] * [3, 0]  # a straight run: no joints there
    coords = [tuple(p) for p in pts.tolist()]
    ours, pillows = Image.new("L", (220, 220), 0), Image.new("L", (220, 220), 0)
    draw = ImageDraw.Draw(ours)
    _curve_line(draw, coords, width, draw.draw.draw_ink(255))
    ImageDraw.Draw(pillows).line(coords, fill=255, width=width, joint="curve")
    assert np.array_equal(np.asarray(ours), np.asarray(pillows))
    assert np.asarray(ours).sum() > 0

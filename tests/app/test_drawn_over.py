"""A 1 drawn twice on the canvas, with real press / move / release events, reads 1, not
11 (a newcomer's fault; model/segmentation/drawn_over.py)."""

from __future__ import annotations

from .helpers import draw, line


def test_a_one_gone_over_again_reads_one(window, qtbot):
    cx, cy = window.canvas.width() / 2, window.canvas.height() / 2
    draw(window.canvas, line((cx, cy - 100), (cx, cy + 100)))
    draw(window.canvas, line((cx + 2, cy - 98), (cx + 2, cy + 98)))  # the newcomer's: 2 px to the side
    qtbot.wait(600)  # the reading of both strokes (the first alone reads 1 too)
    qtbot.waitUntil(lambda: window.panel.digit.text() == "1", timeout=3000)
    assert window.panel.number.text() in ("", "1")  # no "11" above the digit

"""Drawing something that is not a digit (a smiley, a letter) says "Not a digit" on the
panel, with real press / move / release events; digits drawn after it are read again."""

from __future__ import annotations

import numpy as np

from .helpers import draw, line, seven


def smiley(canvas) -> list:
    cx, cy = canvas.width() / 2, canvas.height() / 2
    face = [(cx + 90 * np.cos(t), cy + 90 * np.sin(t)) for t in np.linspace(0, 2 * np.pi, 48)]
    eyes = [
        [(cx + dx + 6 * np.cos(t), cy - 30 + 6 * np.sin(t)) for t in np.linspace(0, 2 * np.pi, 10)] for dx in (-32, 32)
    ]
    mouth = [(cx + 50 * np.cos(t), cy + 10 + 40 * np.sin(t)) for t in np.linspace(0.35, np.pi - 0.35, 16)]
    return [face, *eyes, mouth]


def letter_k(canvas) -> list:
    cx, cy = canvas.width() / 2, canvas.height() / 2
    return [
        line((cx - 50, cy - 90), (cx - 50, cy + 90)),
        line((cx + 50, cy - 90), (cx - 50, cy)) + line((cx - 50, cy), (cx + 55, cy + 90))[1:],
    ]


def shows_not_a_digit(window) -> bool:
    return "Not a digit" in window.panel.confidence.text() and window.panel.digit.text() == "\u2014"


def test_a_drawn_smiley_is_not_a_digit(window, qtbot):
    for stroke in smiley(window.canvas):
        draw(window.canvas, stroke)
    qtbot.waitUntil(lambda: shows_not_a_digit(window), timeout=3000)
    window.controls.clear.trigger()
    for stroke in seven(window.canvas):
        draw(window.canvas, stroke)
    qtbot.waitUntil(lambda: window.panel.digit.text() == "7", timeout=3000)
    assert "Not a digit" not in window.panel.confidence.text()


def test_a_drawn_letter_is_not_a_digit(window, qtbot):
    for stroke in letter_k(window.canvas):
        draw(window.canvas, stroke)
    qtbot.waitUntil(lambda: shows_not_a_digit(window), timeout=3000)


def test_not_a_digit_waits_until_the_pen_has_rested(window, qtbot):
    """A digit's first strokes can be no digit yet (a 4, a 5, a crossed 7): "Not a digit"
    is held back for a moment after the ink last changed, then shown."""
    from app.drawing.recognizer import NOT_DIGIT_GRACE_MS

    answers = []
    window.recognizer.predicted.connect(lambda prediction, source: answers.append(prediction))
    for stroke in letter_k(window.canvas):
        draw(window.canvas, stroke)
    qtbot.wait(min(150, NOT_DIGIT_GRACE_MS // 3))
    assert not shows_not_a_digit(window)
    assert not any(getattr(p, "not_digit", False) for p in answers)
    qtbot.waitUntil(lambda: shows_not_a_digit(window), timeout=NOT_DIGIT_GRACE_MS + 3000)


def test_a_stroke_within_the_wait_starts_it_again(window, qtbot):
    from app.drawing.recognizer import NOT_DIGIT_GRACE_MS

    for stroke in letter_k(window.canvas):
        draw(window.canvas, stroke)
    qtbot.wait(NOT_DIGIT_GRACE_MS // 2)
    window.controls.clear.trigger()
    for stroke in seven(window.canvas):
        draw(window.canvas, stroke)
    qtbot.wait(NOT_DIGIT_GRACE_MS + 200)
    assert window.panel.digit.text() == "7"
    assert not shows_not_a_digit(window)


def tangle(canvas) -> list:
    """A heptagram in one stroke: a scribble crossing itself into 15 loops."""
    cx, cy = canvas.width() / 2, canvas.height() / 2
    return [[(cx + 90 * np.sin(a), cy - 90 * np.cos(a)) for a in np.arange(8) * 6 * np.pi / 7]]


def test_a_drawn_tangle_is_not_a_digit(window, qtbot):
    for stroke in tangle(window.canvas):
        draw(window.canvas, stroke)
    qtbot.waitUntil(lambda: shows_not_a_digit(window), timeout=3000)


def test_a_written_word_is_not_a_number(window, qtbot):
    """Real handwritten words (tests/data/inks/omniglot-words.jsonl, canvas pixels) read as
    numbers before ("krhe" as "45170"): the panel says "Not a digit" and no number shows."""
    import json
    from pathlib import Path

    from PySide6.QtWidgets import QLabel

    inks = Path(__file__).resolve().parents[1] / "data" / "inks" / "omniglot-words.jsonl"
    word = next(w for w in map(json.loads, inks.read_text().splitlines()) if w["label"] == "krhe")
    for stroke in word["strokes"]:
        draw(window.canvas, [tuple(p) for p in stroke])
    qtbot.waitUntil(lambda: shows_not_a_digit(window), timeout=5000)
    assert window.findChild(QLabel, "number").text() == ""

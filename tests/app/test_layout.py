"""The prediction panel at the window's minimum size and at a large size, in English and
Chinese, in every state it can show: no two visible widgets overlap, each one's text
fits inside it, nothing leaves the panel (issue 17: the digit overlapped the confidence
line, the model's-eye preview covered the bars 0-4 and its caption overlapped them)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from model.predictor import Prediction
from tests.model.number_shapes import number

from .helpers import draw, seven

LARGE = (1400, 900)


def _states(window, qtbot, predictor):
    """(name, show) pairs: each puts the panel in one of the states it can show."""
    panel = window.panel
    strokes = [np.asarray(s, dtype=np.float32) + (40.0, 60.0) for s in number("2024", gap=30.0)]
    numbers = predictor.predict_number(strokes)
    unsure = np.full(10, 0.05, dtype=np.float32)
    unsure[3], unsure[5] = 0.31, 0.24
    image = np.zeros((28, 28), dtype=np.float32)
    image[4:24, 13:16] = 1.0

    def drawn():
        window.clear_canvas()
        draw(window.canvas, seven(window.canvas)[0])
        qtbot.waitUntil(lambda: panel.digit.text() == "7", timeout=5000)

    return [
        ("empty", lambda: window.clear_canvas()),
        ("loading", lambda: window._model_changed(None, announce=False)),
        ("drawn digit", drawn),
        ("unsure", lambda: panel.show_prediction(Prediction(3, unsure, image), "a-long-file-name-of-a-picture.png")),
        ("not a digit", lambda: panel.show_prediction(Prediction.nothing("text", not_digit=True))),
        ("number", lambda: (panel.show_number(numbers, 1), panel.show_prediction(numbers.prediction(1)))),
    ]


def _problems(panel: QWidget) -> list[str]:
    """Every visible widget in the panel: inside it, not overlapping another, its text fits."""
    widgets = [w for w in panel.findChildren(QWidget) if w.isVisibleTo(panel) and w.isVisible()]
    rects = {w: QRect(w.mapTo(panel, w.rect().topLeft()), w.size()) for w in widgets}
    found = []
    for w, r in rects.items():
        name = w.objectName() or (w.text()[:20] if isinstance(w, QLabel) else type(w).__name__)
        if not panel.rect().contains(r):
            found.append(f"{name} {r} leaves the panel {panel.rect()}")
        if isinstance(w, QLabel) and w.text():
            need = w.heightForWidth(w.width()) if w.wordWrap() else QFontMetrics(w.font()).height()
            if need > w.height():
                found.append(f"{name}: its text needs {need} px, it has {w.height()}")
            if not w.wordWrap() and QFontMetrics(w.font()).horizontalAdvance(w.text()) > w.width():
                found.append(f"{name}: its text is wider than {w.width()} px")
    for i, a in enumerate(widgets):
        for b in widgets[i + 1 :]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            if rects[a].intersects(rects[b]):
                found.append(f"{a.objectName() or a} {rects[a]} overlaps {b.objectName() or b} {rects[b]}")
    return found


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_nothing_in_the_panel_overlaps_at_the_minimum_and_a_large_size(qtbot, predictor, settings, language):
    from app.main import create_window
    from app.translations import install_translators

    settings.language = language
    try:
        window = create_window(predictor=predictor, settings=settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        for size in ((window.minimumWidth(), window.minimumHeight()), LARGE):
            window.resize(*size)
            for state, show in _states(window, qtbot, predictor):
                show()
                QApplication.processEvents()
                assert window.panel.height() >= window.panel.minimumSizeHint().height(), (size, state)
                assert _problems(window.panel) == [], (language, size, state)
                window._model_changed(predictor, announce=False)
    finally:
        install_translators("en")


def test_the_minimum_size_is_at_most_a_small_laptop_screen(window):
    assert window.minimumWidth() <= 800 and window.minimumHeight() <= 560

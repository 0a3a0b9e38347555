"""Screen readers and the keyboard: accessible names and values for the canvas, the result,
the bars and the preview, updated on each prediction; a visible focus frame on the
canvas; Tab from the canvas through the panel (issue 17)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtTest import QTest

from .helpers import draw, one, seven


def _spoken(widget) -> tuple[str, str]:
    """(name, description) as the accessibility interface gives them to a screen reader."""
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name), face.text(QAccessible.Text.Description)


def test_the_result_is_spoken_and_follows_each_prediction(window, qtbot):
    panel = window.panel
    assert "7" not in _spoken(panel.digit)[0]
    for strokes, digit in ((seven(window.canvas), "7"), (one(window.canvas), "1")):
        window.clear_canvas()
        draw(window.canvas, strokes[0])
        qtbot.waitUntil(lambda digit=digit: panel.digit.text() == digit, timeout=5000)
        name, description = _spoken(panel.digit)
        assert digit in name and description == panel.confidence.text() and "%" in description
    window.clear_canvas()
    qtbot.waitUntil(lambda: panel.digit.text() == "", timeout=5000)
    assert "1" not in _spoken(panel.digit)[0]


def test_each_bars_value_and_the_preview_are_described(window, qtbot):
    panel = window.panel
    assert _spoken(panel.chart)[0] and _spoken(panel.preview)[0]
    empty_preview = _spoken(panel.preview)[1]
    draw(window.canvas, seven(window.canvas)[0])
    qtbot.waitUntil(lambda: panel.digit.text() == "7", timeout=5000)
    description = _spoken(panel.chart)[1]
    for digit, p in enumerate(panel.chart.probabilities):
        assert f"{digit}: {p * 100:.1f}%" in description
    assert _spoken(panel.preview)[1] != empty_preview


def test_the_canvas_says_what_it_holds(window, qtbot):
    name, empty = _spoken(window.canvas)
    assert name
    draw(window.canvas, one(window.canvas)[0])
    assert _spoken(window.canvas)[1] != empty and "1" in _spoken(window.canvas)[1]


def test_the_canvas_shows_the_keyboard_focus(window, qtbot):
    canvas = window.canvas
    highlight = canvas.palette().color(QPalette.ColorRole.Highlight)
    window.activateWindow()
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    edge = canvas.grab().toImage().pixelColor(1, canvas.height() // 2)
    assert edge.name() == highlight.name()
    window.panel.chart.setFocus()
    qtbot.waitUntil(lambda: not canvas.hasFocus())
    assert canvas.grab().toImage().pixelColor(1, canvas.height() // 2).name() != highlight.name()


def test_tab_goes_from_the_canvas_through_the_panel(window, qtbot):
    panel = window.panel
    window.activateWindow()
    window.canvas.setFocus()
    qtbot.waitUntil(window.canvas.hasFocus)
    visited = []
    for _ in range(3):
        QTest.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        visited.append(window.focusWidget())
    assert visited == [panel.digit, panel.chart, panel.preview]
    QTest.keyClick(window.focusWidget(), Qt.Key.Key_Backtab)
    assert window.focusWidget() is panel.chart


def test_the_empty_preview_is_an_empty_frame_not_a_black_square(window, qtbot):
    from PySide6.QtGui import QColor

    panel = window.panel
    empty = panel.preview.grab().toImage()
    base = panel.preview.palette().color(QPalette.ColorRole.Base)
    assert empty.pixelColor(10, 10).name() == base.name()
    draw(window.canvas, seven(window.canvas)[0])
    qtbot.waitUntil(lambda: panel.digit.text() == "7", timeout=5000)
    seen = panel.preview.grab().toImage()
    assert seen.pixelColor(10, 10) == QColor("black")  # MNIST's black background around the digit

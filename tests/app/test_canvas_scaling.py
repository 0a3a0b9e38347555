"""The drawing follows the window: ink is kept in the canvas's own coordinates and scaled
to fit when the canvas changes size, so shrinking the window never pushes ink out of
view and enlarging it keeps the digit where it was drawn (issue 17)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtTest import QTest

from .helpers import draw, line, seven
from .test_number import number_label, write


def _ink_box(canvas) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) of the pixels painted in the ink colour, in canvas pixels."""
    image = canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    w, h = image.width(), image.height()
    rgb = np.frombuffer(image.constBits(), np.uint8).reshape(h, image.bytesPerLine())[:, : w * 3].reshape(h, w, 3)
    ink = canvas.palette().color(QPalette.ColorRole.Text)
    close = np.abs(rgb.astype(int) - (ink.red(), ink.green(), ink.blue())).sum(axis=2) < 60
    close[:4, :] = close[-4:, :] = close[:, :4] = close[:, -4:] = False  # the focus frame
    ys, xs = np.nonzero(close)
    assert len(xs), "no ink on the canvas"
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


def test_ink_drawn_in_a_large_window_stays_in_view_when_it_shrinks(window, qtbot):
    window.resize(1400, 880)
    qtbot.waitUntil(lambda: window.canvas.width() > 900)
    canvas = window.canvas
    draw(canvas, line((60, 60), (canvas.width() - 60, canvas.height() - 60)))  # corner to corner
    draw(canvas, seven(canvas)[0])
    qtbot.waitUntil(lambda: window.panel.digit.text() != "", timeout=5000)
    digit = window.panel.digit.text()
    big = _ink_box(canvas)
    window.resize(window.minimumSize())
    qtbot.waitUntil(lambda: canvas.width() < 500)
    x0, y0, x1, y1 = _ink_box(canvas)
    assert x0 >= 4 and y0 >= 4 and x1 < canvas.width() - 4 and y1 < canvas.height() - 4
    assert (x1 - x0) < (big[2] - big[0]) * 0.6  # scaled down with the canvas, not cropped
    window.resize(1400, 880)
    qtbot.waitUntil(lambda: canvas.width() > 900)
    assert all(abs(a - b) <= 3 for a, b in zip(_ink_box(canvas), big))  # back where it was drawn
    window.recognizer.recognize_ink()
    assert window.panel.digit.text() == digit  # the ink itself never changed


def test_ink_drawn_in_a_small_window_grows_with_it(window, qtbot):
    window.resize(window.minimumSize())
    canvas = window.canvas
    qtbot.waitUntil(lambda: canvas.width() < 500)
    draw(canvas, seven(canvas)[0])
    small = _ink_box(canvas)
    window.resize(1400, 880)
    qtbot.waitUntil(lambda: canvas.width() > 900)
    big = _ink_box(canvas)
    assert big[3] - big[1] > 1.3 * (small[3] - small[1])
    cx, cy = (big[0] + big[2]) / 2, (big[1] + big[3]) / 2
    assert abs(cx - canvas.width() / 2) < canvas.width() * 0.1 and abs(cy - canvas.height() / 2) < canvas.height() * 0.1


def test_erasing_and_tapping_a_digit_work_on_the_scaled_ink(window, qtbot):
    canvas = window.canvas
    write(window, "2024")
    qtbot.waitUntil(lambda: number_label(window).text() == "2024", timeout=5000)
    strokes = len(window.ink.finished_strokes)
    window.resize(window.minimumSize())
    qtbot.waitUntil(lambda: canvas.width() < 500)
    center = canvas.character_boxes[3].center().toPoint()  # the 4, where it is shown now
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center)
    qtbot.waitUntil(lambda: window.panel.digit.text() == "4", timeout=3000)
    assert len(window.ink.finished_strokes) == strokes  # a tap, not a dot
    box = canvas.character_boxes[0]  # the 2: rub down through its middle with the eraser
    canvas.set_tool("eraser")
    draw(canvas, line((box.center().x(), box.top() - 4), (box.center().x(), box.bottom() + 4)))
    assert len(window.ink.finished_strokes) == strokes - 1
    qtbot.waitUntil(lambda: number_label(window).text() == "024", timeout=5000)

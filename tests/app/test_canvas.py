"""The canvas driven with real mouse (and tablet) events, as a person draws."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPointingDevice, QTabletEvent
from PySide6.QtWidgets import QApplication

from app.drawing.canvas import InkCanvas
from app.drawing.ink_model import InkModel
from app.drawing.ink_painting import stroke_at

from .helpers import draw, line


def make_canvas(qtbot):
    ink = InkModel()
    canvas = InkCanvas(ink)
    qtbot.addWidget(canvas)
    canvas.resize(400, 400)
    canvas.show()
    qtbot.waitExposed(canvas)
    return ink, canvas


def test_mouse_strokes_become_separate_strokes(qtbot):
    ink, canvas = make_canvas(qtbot)
    draw(canvas, line((50, 50), (50, 300), 10))
    draw(canvas, line((100, 50), (300, 50), 5))
    assert len(ink.strokes) == 2
    first, second = ink.strokes
    assert len(first) == 11 and first[0][:2] == (50, 50) and first[-1][:2] == (50, 300)
    assert all(p[2] == 1.0 for p in first)  # a mouse has no pressure
    assert second[0][:2] == (100, 50)


def test_fast_move_paints_a_continuous_line(qtbot):
    """Two input events far apart: the painted line has no gap between them."""
    ink, canvas = make_canvas(qtbot)
    draw(canvas, [(40, 200), (360, 200)])
    image = canvas.grab().toImage()
    ink_color = canvas.palette().color(canvas.palette().ColorRole.Text)
    dpr = image.devicePixelRatio()
    darkest = [QColor(image.pixel(int(x * dpr), int(200 * dpr))) for x in range(45, 356, 5)]
    assert all(abs(c.lightness() - ink_color.lightness()) < 40 for c in darkest)


def test_pen_width_is_kept_per_stroke(qtbot):
    ink, canvas = make_canvas(qtbot)
    canvas.set_pen_width(8)
    draw(canvas, line((50, 50), (50, 200)))
    canvas.set_pen_width(30)
    draw(canvas, line((150, 50), (150, 200)))
    assert [s.width for s in ink.finished_strokes] == [8, 30]
    canvas.set_pen_width(1000)
    assert canvas.pen_width == 40  # clamped to the slider's range


def test_eraser_removes_the_touched_stroke(qtbot):
    ink, canvas = make_canvas(qtbot)
    draw(canvas, line((50, 50), (50, 300)))
    draw(canvas, line((200, 50), (200, 300)))
    canvas.set_tool("eraser")
    draw(canvas, [(120, 100), (205, 120)])  # rubs across the second stroke only
    assert len(ink.strokes) == 1 and ink.strokes[0][0][:2] == (50, 50)
    ink.undo()
    assert len(ink.strokes) == 2
    canvas.set_tool("pen")
    draw(canvas, line((50, 120), (50, 140)), button=Qt.MouseButton.RightButton)  # right-drag erases too
    assert len(ink.strokes) == 1


def test_stroke_hit_test():
    from app.drawing.ink_model import InkStroke

    strokes = [InkStroke(((0, 0, 1), (100, 0, 1)), 10), InkStroke(((0, 50, 1),), 10)]
    assert stroke_at(strokes, 50, 3) == 0
    assert stroke_at(strokes, 2, 52) == 1
    assert stroke_at(strokes, 50, 30) is None


def test_tablet_pressure_is_recorded(qtbot):
    ink, canvas = make_canvas(qtbot)
    device = QPointingDevice.primaryPointingDevice()

    def tablet(kind, x, y, pressure, buttons):
        pos = QPointF(x, y)
        event = QTabletEvent(
            kind,
            device,
            pos,
            canvas.mapToGlobal(pos),
            pressure,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            buttons,
        )
        QApplication.sendEvent(canvas, event)

    tablet(QTabletEvent.Type.TabletPress, 100, 100, 0.2, Qt.MouseButton.LeftButton)
    tablet(QTabletEvent.Type.TabletMove, 100, 150, 0.6, Qt.MouseButton.LeftButton)
    tablet(QTabletEvent.Type.TabletMove, 100, 200, 1.0, Qt.MouseButton.LeftButton)
    tablet(QTabletEvent.Type.TabletRelease, 100, 200, 0.0, Qt.MouseButton.NoButton)
    assert len(ink.strokes) == 1
    assert [round(p[2], 2) for p in ink.strokes[0]] == [0.2, 0.6, 1.0]
    canvas.grab()  # varying widths paint without error


def test_a_tap_whose_pen_wobbles_is_a_dot_and_a_short_drag_a_stroke(qtbot):
    ink, canvas = make_canvas(qtbot)
    draw(canvas, [(100, 100), (101, 101), (102, 102), (101, 99)])  # a 2 px diagonal wobble: a tap
    assert len(ink.strokes) == 1 and len(ink.strokes[0]) == 1
    assert ink.strokes[0][0][:2] == canvas._to_ink(QPointF(100, 100)).toTuple()
    draw(canvas, line((200, 100), (215, 100), 5))  # beyond it: a stroke
    assert len(ink.strokes) == 2 and len(ink.strokes[1]) == 6


def test_a_wobbly_tap_on_an_empty_canvas_recognizes_nothing(window, qtbot):
    from app.drawing.recognizer import NOT_DIGIT_GRACE_MS

    draw(window.canvas, [(300, 150), (301, 151), (302, 151)])
    qtbot.wait(NOT_DIGIT_GRACE_MS + 300)
    assert window.panel.digit.text() == ""  # no digit, and not "not a digit" (an em dash)
    assert window.panel.preview.image is None

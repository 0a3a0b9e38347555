"""The canvas's input: mouse, pen and tablet events into InkModel calls. A press that never
moves further than TAP_SLOP is a tap: on a digit's box it selects the digit
(characterTapped), elsewhere it leaves a dot (a decimal point); on an opened image it
leaves nothing (on a digit of a number read from it, it selects the digit), and the
image stays until the pen really draws. The right button, the
tablet's eraser end and the eraser tool remove whole strokes. A mixin of InkCanvas
(app/drawing/canvas.py): it works on the canvas's ink, tool, pen width, opened picture
and character boxes.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent, QPointingDevice, QTabletEvent

from .ink_painting import ERASER_SLOP, stroke_at

TAP_SLOP = 4.5  # px: a press that never moves further than this from where it began is a tap


class CanvasInput:
    """Mouse, pen and tablet input, for InkCanvas (which sets _erasing, _press_pos and
    _picture_press)."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press(event.position(), 1.0, self._tool == "eraser")
        elif event.button() == Qt.MouseButton.RightButton:
            self._press(event.position(), 1.0, True)  # right-drag erases, like many paint apps
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & (Qt.MouseButton.LeftButton | Qt.MouseButton.RightButton):
            self._move(event.position(), 1.0)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            self._release()
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        pressure = max(0.05, min(1.0, event.pressure()))
        kind = event.type()
        eraser = event.pointerType() == QPointingDevice.PointerType.Eraser or self._tool == "eraser"
        if kind == QTabletEvent.Type.TabletPress:
            self._press(event.position(), pressure, eraser)
        elif kind == QTabletEvent.Type.TabletMove and event.buttons():
            self._move(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletRelease:
            self._release()
        event.accept()  # no synthesized mouse events follow

    def _press(self, pos: QPointF, pressure: float, erase: bool) -> None:
        self._erasing = erase
        if erase:
            self._erase_at(pos)
            return
        self._press_pos = QPointF(pos)
        if self._picture is not None:  # an opened image stays until the pen really draws (_move)
            self._picture_press = pressure
            return
        self._begin(pos, pressure)

    def _begin(self, pos: QPointF, pressure: float) -> None:
        if self._picture is not None:  # a stroke over an opened picture replaces it, and its digits
            self._picture, self._boxes = None, []
        at = self._to_ink(pos)
        self.ink.begin_stroke(at.x(), at.y(), pressure, self._pen_width / self._ink_scale())

    def _move(self, pos: QPointF, pressure: float) -> None:
        if self._erasing:
            self._erase_at(pos)
            return
        if self._press_pos is not None and math.dist(pos.toTuple(), self._press_pos.toTuple()) > TAP_SLOP:
            if self._picture_press is not None:  # a drag over the image: now it is a stroke
                self._begin(self._press_pos, self._picture_press)
                self._picture_press = None
            self._press_pos = None  # a drag: a stroke, not a tap
        if self._picture_press is not None:
            return  # still a tap on the image
        at = self._to_ink(pos)
        self.ink.extend_stroke(at.x(), at.y(), pressure)

    def _release(self) -> None:
        tap, self._press_pos = self._press_pos, None
        digit = self.tapped_digit(tap) if tap is not None and not self._erasing else None
        if self._picture_press is not None:  # a tap on an opened image: it stays, and no dot
            self._picture_press = None
            if digit is not None:  # a digit of a number read from the image
                self.characterTapped.emit(digit.x(), digit.y())  # in the picture's pixels, like its boxes
            return
        if not self._erasing:
            if digit is not None:
                self.ink.cancel_stroke()  # a tap on a digit selects it; it leaves no dot
                self.characterTapped.emit(digit.x(), digit.y())  # in ink coordinates, like the boxes
            else:
                self.ink.end_stroke(as_dot=tap is not None)  # a tap is a dot (a decimal point)
        self._erasing = False

    def _erase_at(self, pos: QPointF) -> None:
        at = self._to_ink(pos)
        index = stroke_at(self.ink.finished_strokes, at.x(), at.y(), ERASER_SLOP / self._ink_scale())
        if index is not None:
            self.ink.remove_stroke(index)

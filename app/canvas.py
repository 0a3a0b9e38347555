"""The drawing canvas: mouse, pen and tablet input into an InkModel, painted smoothly.

The canvas holds no ink of its own: it turns input events into InkModel calls and
paints what the model holds. Strokes are drawn as quadratic curves through the
midpoints of successive points, so fast moves give smooth lines, not gaps or dots.
A tablet's pressure scales the width; its eraser end (or the eraser tool) removes
whole strokes. When the ink reads as several characters, each one's box is outlined
lightly (the selected digit a little stronger); a tap on a digit selects it
(characterTapped) instead of leaving a dot, and Ctrl+C asks to copy the number.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPointingDevice,
    QTabletEvent,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from .charts import paint_focus_frame
from .ink_model import DEFAULT_PEN_WIDTH, InkModel, InkStroke
from .translations import fill

MIN_PEN_WIDTH, MAX_PEN_WIDTH = 4, 40
ERASER_SLOP = 6.0  # extra pixels around a stroke that still count as touching it
TAP_SLOP = 3.0  # a press and release this close together (px) with no drag is a tap
FOCUS_FRAME_WIDTH = 3.0  # px: the keyboard focus is shown around the canvas
BOX_MARGIN = 6.0  # character outlines sit this far outside the ink's skeleton (plus half the pen)


class InkCanvas(QWidget):
    """Paints an InkModel and feeds it input. Emits toolChanged(str) ("pen" or "eraser"),
    characterTapped(x, y) when a tap lands on a digit's box, copyRequested() on Ctrl+C."""

    toolChanged = Signal(str)
    characterTapped = Signal(float, float)
    copyRequested = Signal()

    def __init__(self, ink: InkModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        self.ink = ink
        self._pen_width = float(DEFAULT_PEN_WIDTH)
        self._tool = "pen"
        self._erasing = False
        self._cache: QPixmap | None = None
        self._cached_strokes: object = None
        self._picture: QImage | None = None  # an opened image, shown until the next stroke
        self._boxes: list[tuple[QRectF, bool]] = []  # per character: box, is a digit
        self._selected = -1
        self._press_pos: QPointF | None = None  # where the current pen stroke started, while it is a tap
        self._picture_press: float | None = None  # the pressure of a press on an opened image, until it drags
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(240, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(self.tr("Draw a digit or a whole number here with the mouse, a pen or a tablet"))
        self.setAccessibleName(self.tr("Drawing canvas"))
        copy = QAction(self.tr("Copy Number"), self)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copyRequested)
        self.addAction(copy)
        ink.inkChanged.connect(self._drop_picture_under_ink)
        ink.inkChanged.connect(self.update)
        ink.inkChanged.connect(self._describe)
        self._describe()

    def _describe(self) -> None:
        """The canvas's state for a screen reader (its accessible description)."""
        count = len(self.ink.finished_strokes)
        if count:
            text = fill(self.tr("%1 strokes drawn"), count)
        else:
            text = self.tr("Empty: draw a digit or a number with the mouse, a pen or a tablet")
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)

    def sizeHint(self) -> QSize:
        return QSize(760, 420)  # an 8-digit number fits at a comfortable size

    # -- characters ----------------------------------------------------------
    def set_characters(self, boxes, selected: int = -1) -> None:
        """boxes: per character (x0, y0, x1, y1, is_digit) in canvas px; outlined only
        when there is more than one character. selected: index drawn stronger, -1 none."""
        self._boxes = [(QRectF(x0, y0, x1 - x0, y1 - y0), digit) for x0, y0, x1, y1, digit in boxes]
        self._selected = selected
        self.update()

    def set_selected(self, index: int) -> None:
        self._selected = index
        self.update()

    @property
    def character_boxes(self) -> list[QRectF]:
        """Each character's box in widget pixels (the ink's boxes, scaled to the canvas)."""
        return [self.ink_transform().mapRect(box) for box, _ in self._boxes]

    # -- ink coordinates -------------------------------------------------------
    def ink_transform(self) -> QTransform:
        """Ink coordinates -> widget pixels: the ink's space scaled to fit the canvas, centred
        (identity while the canvas keeps the size it had when the ink began)."""
        space = self.ink.space
        if space is None:
            return QTransform()
        scale = min(self.width() / space[0], self.height() / space[1])
        dx, dy = (self.width() - space[0] * scale) / 2, (self.height() - space[1] * scale) / 2
        return QTransform(scale, 0, 0, scale, dx, dy)

    def _to_ink(self, pos: QPointF) -> QPointF:
        if self.ink.space is None:
            self.ink.space = (float(max(self.width(), 1)), float(max(self.height(), 1)))
        return self.ink_transform().inverted()[0].map(pos)

    def _ink_scale(self) -> float:
        return self.ink_transform().m11()

    # -- tools ---------------------------------------------------------------
    @property
    def pen_width(self) -> float:
        return self._pen_width

    def set_pen_width(self, width: float) -> None:
        self._pen_width = float(min(max(width, MIN_PEN_WIDTH), MAX_PEN_WIDTH))

    @property
    def tool(self) -> str:
        return self._tool

    def set_tool(self, tool: str) -> None:
        if tool not in ("pen", "eraser"):
            raise ValueError(f"unknown tool {tool!r}; use 'pen' or 'eraser'")
        if tool != self._tool:
            self._tool = tool
            shape = Qt.CursorShape.PointingHandCursor if tool == "eraser" else Qt.CursorShape.CrossCursor
            self.setCursor(shape)
            self.toolChanged.emit(tool)

    def set_picture(self, image: QImage | None) -> None:
        """Show an opened image (display only) while the canvas has no ink."""
        self._picture = None if image is None or image.isNull() else image
        self.update()

    @property
    def picture(self) -> QImage | None:
        return self._picture

    def _drop_picture_under_ink(self) -> None:
        """Ink on the canvas (a stroke, an undo bringing strokes back) ends the opened image's
        turn for good: the recognizer reads the ink from then on, so a redo that empties the
        canvas must not show the image again without its reading (a newcomer's find)."""
        if self._picture is not None and not self.ink.is_empty():
            self._picture = None

    # -- input ---------------------------------------------------------------
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
        self._picture = None
        at = self._to_ink(pos)
        self.ink.begin_stroke(at.x(), at.y(), pressure, self._pen_width / self._ink_scale())

    def _move(self, pos: QPointF, pressure: float) -> None:
        if self._erasing:
            self._erase_at(pos)
            return
        if self._press_pos is not None and (pos - self._press_pos).manhattanLength() > TAP_SLOP:
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
        if self._picture_press is not None:  # a tap on an opened image: it stays, and no dot
            self._picture_press = None
            return
        if not self._erasing:
            if tap is not None and self._digit_box_at(self._to_ink(tap)):
                self.ink.cancel_stroke()  # a tap on a digit selects it; it leaves no dot
                at = self._to_ink(tap)
                self.characterTapped.emit(at.x(), at.y())  # in ink coordinates, like the boxes
            else:
                self.ink.end_stroke(as_dot=tap is not None)  # a tap is a dot (a decimal point)
        self._erasing = False

    def _digit_box_at(self, pos: QPointF) -> bool:
        if len(self._boxes) < 2:
            return False
        return any(
            digit and box.adjusted(-BOX_MARGIN, -BOX_MARGIN, BOX_MARGIN, BOX_MARGIN).contains(pos)
            for box, digit in self._boxes
        )

    def _erase_at(self, pos: QPointF) -> None:
        at = self._to_ink(pos)
        index = stroke_at(self.ink.finished_strokes, at.x(), at.y(), ERASER_SLOP / self._ink_scale())
        if index is not None:
            self.ink.remove_stroke(index)

    # -- painting ------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._finished_pixmap())
        current = self.ink.current_stroke
        painter.save()
        painter.setTransform(self.ink_transform())
        if current:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            paint_stroke(painter, current, self.palette().color(QPalette.ColorRole.Text))
        if len(self._boxes) > 1:
            self._paint_boxes(painter)
        painter.restore()
        if self.ink.is_empty():
            if self._picture is not None:
                self._paint_picture(painter)
            else:
                self._paint_hint(painter)
        paint_focus_frame(self, painter, FOCUS_FRAME_WIDTH)
        painter.end()

    def _paint_boxes(self, painter: QPainter) -> None:
        """A light outline around each character; the selected digit's a little stronger."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        margin = BOX_MARGIN + self._pen_width / 2
        for i, (box, _) in enumerate(self._boxes):
            color = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            color.setAlphaF(0.75 if i == self._selected else 0.3)
            painter.setPen(QPen(color, 2.0 if i == self._selected else 1.0))
            painter.drawRoundedRect(box.adjusted(-margin, -margin, margin, margin), 6, 6)

    def _paint_picture(self, painter: QPainter) -> None:
        area = QRectF(self.rect()).adjusted(16, 16, -16, -16)
        size = self._picture.size().toSizeF().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        if size.width() > self._picture.width() * 8:  # tiny images (28x28): crisp pixels, not mush
            size = self._picture.size().toSizeF() * 8
        target = QRectF(
            area.center().x() - size.width() / 2, area.center().y() - size.height() / 2, size.width(), size.height()
        )
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self._picture.width() > 64)
        painter.drawImage(target, self._picture)

    def _finished_pixmap(self) -> QPixmap:
        """Finished strokes on the background, redrawn only when they or the size change."""
        dpr = self.devicePixelRatioF()
        size = self.size() * dpr
        strokes = self.ink.finished_strokes
        if self._cache is None or self._cache.size() != size or self._cached_strokes is not strokes:
            self._cache = QPixmap(size)
            self._cache.setDevicePixelRatio(dpr)
            self._cache.fill(self.palette().color(QPalette.ColorRole.Base))
            p = QPainter(self._cache)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_guide(p)
            ink = self.palette().color(QPalette.ColorRole.Text)
            p.setTransform(self.ink_transform())
            for stroke in strokes:
                paint_stroke(p, stroke, ink)
            p.end()
            self._cached_strokes = strokes
        return self._cache

    def _paint_guide(self, painter: QPainter) -> None:
        """A faint band showing where digits fit best: one digit, or a number along it."""
        color = QColor(self.palette().color(QPalette.ColorRole.PlaceholderText))
        color.setAlphaF(0.35)
        pen = QPen(color, 1.0, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        side = min(self.width(), self.height()) * 0.7
        wide = max(side, self.width() - 0.3 * (self.height() - side) - 32)
        painter.drawRoundedRect(QRectF((self.width() - wide) / 2, (self.height() - side) / 2, wide, side), 12, 12)

    def _paint_hint(self, painter: QPainter) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        painter.setFont(font)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit or a number here"))

    def changeEvent(self, event) -> None:
        self._cache = None  # palette (light/dark theme) may have changed
        super().changeEvent(event)

    def grab_ink_image(self) -> QPixmap:
        """The drawing without the guide or hint, for saving as PNG."""
        pixmap = QPixmap(self.size() * self.devicePixelRatioF())
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        pixmap.fill(Qt.GlobalColor.white)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setTransform(self.ink_transform())
        for stroke in self.ink.finished_strokes:
            paint_stroke(p, stroke, QColor(Qt.GlobalColor.black))
        p.end()
        return pixmap


def paint_stroke(painter: QPainter, stroke: InkStroke, color: QColor) -> None:
    """Quadratic curves through midpoints; each piece's width follows the pressure."""
    pts = stroke.points
    pen = QPen(color, stroke.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    if len(pts) == 1 or all(p[:2] == pts[0][:2] for p in pts):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        r = stroke.width * pts[0][2] / 2
        painter.drawEllipse(QPointF(pts[0][0], pts[0][1]), r, r)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        return
    uniform = all(p[2] == pts[0][2] for p in pts)
    if uniform:  # one path: the common case (mouse)
        pen.setWidthF(stroke.width * pts[0][2])
        painter.setPen(pen)
        painter.drawPath(_smooth_path(pts))
        return
    start = QPointF(pts[0][0], pts[0][1])
    for i in range(1, len(pts)):
        a, b = pts[i - 1], pts[i]
        end = QPointF((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) if i < len(pts) - 1 else QPointF(b[0], b[1])
        path = QPainterPath(start)
        path.quadTo(QPointF(a[0], a[1]), end)
        pen.setWidthF(max(1.0, stroke.width * (a[2] + b[2]) / 2))
        painter.setPen(pen)
        painter.drawPath(path)
        start = end


def _smooth_path(pts) -> QPainterPath:
    path = QPainterPath(QPointF(pts[0][0], pts[0][1]))
    for i in range(1, len(pts) - 1):
        a, b = pts[i], pts[i + 1]
        path.quadTo(QPointF(a[0], a[1]), QPointF((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
    path.lineTo(QPointF(pts[-1][0], pts[-1][1]))
    return path


def stroke_at(strokes: list[InkStroke], x: float, y: float, slop: float = ERASER_SLOP) -> int | None:
    """Index of the topmost stroke passing within its half-width (+ slop) of (x, y)."""
    for index in range(len(strokes) - 1, -1, -1):
        stroke = strokes[index]
        reach = stroke.width / 2 + slop
        pts = stroke.points
        segments = zip(pts, pts[1:]) if len(pts) > 1 else [(pts[0], pts[0])]
        if any(_distance_to_segment(x, y, a, b) <= reach for a, b in segments):
            return index
    return None


def _distance_to_segment(x: float, y: float, a, b) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - a[0]) * dx + (y - a[1]) * dy) / length2))
    return math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy))

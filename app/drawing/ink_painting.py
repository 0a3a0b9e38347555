"""How ink looks and where it lies: pure functions over strokes, boxes and a QPainter.

Strokes are drawn as quadratic curves through the midpoints of successive points, so
fast moves give smooth lines, not gaps or dots, and a tablet's pressure scales each
piece's width. The canvas's other layers (the guide band, the characters' outlines, an
opened picture, the hint) are painted here too, and the two hit tests behind its input:
which stroke the eraser touches (stroke_at) and whether a tap lands on a digit's box
(digit_index_at). Nothing here holds state or handles events: app/drawing/canvas.py (the widget)
owns the input, the caching and the palette, and calls these.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap, QTransform

from .ink_model import InkStroke

ERASER_SLOP = 6.0  # extra pixels around a stroke that still count as touching it
BOX_MARGIN = 6.0  # character outlines sit this far outside the ink's skeleton (plus half the pen)
PICTURE_MAX_ZOOM = 8  # tiny opened images (28x28) are enlarged at most this much, with crisp pixels

Boxes = Sequence[tuple[QRectF, bool]]  # per character: its box (ink or picture coordinates), is it a digit


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


def ink_pixmap(
    size: QSize,
    dpr: float,
    background: QColor,
    strokes: Sequence[InkStroke],
    color: QColor,
    transform: QTransform,
    underlay: Callable[[QPainter], None] | None = None,
) -> QPixmap:
    """strokes (ink coordinates, mapped by transform) in color on a new pixmap of size
    (device pixels) filled with background; underlay(painter) paints first, untransformed."""
    pixmap = QPixmap(size)
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(background)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if underlay is not None:
        underlay(painter)
    painter.setTransform(transform)
    for stroke in strokes:
        paint_stroke(painter, stroke, color)
    painter.end()
    return pixmap


def gray_bytes(image: QImage) -> bytes:
    """A Format_Grayscale8 QImage's pixels: width * height bytes, row by row, without the
    padding Qt keeps at the end of each row."""
    if image.format() != QImage.Format.Format_Grayscale8:
        raise ValueError("expected an 8-bit grey image")
    bits, width, stride = bytes(image.constBits()), image.width(), image.bytesPerLine()
    return b"".join(bits[y * stride : y * stride + width] for y in range(image.height()))


def paint_guide(painter: QPainter, width: float, height: float, color: QColor) -> None:
    """A faint dashed band in a width x height canvas showing where digits fit best: one
    digit, or a number along it."""
    faint = QColor(color)
    faint.setAlphaF(0.35)
    painter.setPen(QPen(faint, 1.0, Qt.PenStyle.DashLine))
    side = min(width, height) * 0.7
    wide = max(side, width - 0.3 * (height - side) - 32)
    painter.drawRoundedRect(QRectF((width - wide) / 2, (height - side) / 2, wide, side), 12, 12)


def paint_character_boxes(painter: QPainter, boxes: Boxes, selected: int, margin: float, color: QColor) -> None:
    """A light outline around each character's box, margin outside it; the selected one's
    (an index into boxes, -1 none) a little stronger."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for i, (box, _) in enumerate(boxes):
        shade = QColor(color)
        shade.setAlphaF(0.75 if i == selected else 0.3)
        painter.setPen(QPen(shade, 2.0 if i == selected else 1.0))
        painter.drawRoundedRect(box.adjusted(-margin, -margin, margin, margin), 6, 6)


def picture_rect(rect: QRect, size: QSize) -> QRectF:
    """Where an opened image of `size` (its pixels) is drawn in rect (widget px): centred,
    scaled to fit inside a 16 px margin; a tiny one enlarged at most PICTURE_MAX_ZOOM x."""
    area = QRectF(rect).adjusted(16, 16, -16, -16)
    shown = size.toSizeF().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    if shown.width() > size.width() * PICTURE_MAX_ZOOM:  # tiny images (28x28): crisp pixels, not mush
        shown = size.toSizeF() * PICTURE_MAX_ZOOM
    return QRectF(
        area.center().x() - shown.width() / 2, area.center().y() - shown.height() / 2, shown.width(), shown.height()
    )


def picture_transform(rect: QRect, size: QSize) -> QTransform:
    """The opened image's pixels -> widget px, as paint_picture draws it in rect (the
    characters read from a picture have their boxes in its pixels)."""
    target = picture_rect(rect, size)
    scale = target.width() / max(size.width(), 1)
    return QTransform(scale, 0, 0, scale, target.x(), target.y())


def paint_picture(painter: QPainter, rect: QRect, picture: QImage) -> None:
    """An opened image centred in rect, scaled to fit; a tiny one enlarged with crisp pixels."""
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, picture.width() > 64)
    painter.drawImage(picture_rect(rect, picture.size()), picture)


def paint_hint(painter: QPainter, rect: QRect, color: QColor, text: str) -> None:
    """text centred in rect, a little larger than the widget's font, in color."""
    painter.setPen(color)
    font = painter.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def digit_index_at(boxes: Boxes, pos: QPointF, margin: float) -> int:
    """Index of the first digit's box within margin of pos (the boxes' coordinates), else
    -1; always -1 while there is only one character (a tap then starts a dot, not a
    selection)."""
    if len(boxes) < 2:
        return -1
    for index, (box, digit) in enumerate(boxes):
        if digit and box.adjusted(-margin, -margin, margin, margin).contains(pos):
            return index
    return -1


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

"""Small QPainter charts (QtCharts is not in PySide6-Essentials): the probability bars,
the model's-eye 28x28 preview, and line plots of training curves. Colours come from
the palette, so they follow the light or dark theme.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    import numpy as np  # imported where used: numpy is not needed before the first prediction


def gray_to_qimage(image: np.ndarray, invert: bool = False) -> QImage:
    """(H, W) float in [0, 1] (ink = 1) -> an 8-bit grayscale QImage that owns its data."""
    import numpy as np

    arr = np.clip(np.asarray(image, dtype=np.float32), 0.0, 1.0)
    if invert:
        arr = 1.0 - arr
    data = np.ascontiguousarray((arr * 255.0 + 0.5).astype(np.uint8))  # (H,W)
    h, w = data.shape
    return QImage(data.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


class ProbabilityChart(QWidget):
    """Ten vertical bars, one per digit, the winner highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probabilities")
        self._probs = [0.0] * 10  # 10 floats in [0, 1]
        self._winner: int | None = None
        self.setMinimumSize(200, 110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setToolTip(self.tr("How likely each digit is, according to the model"))

    @property
    def probabilities(self) -> "np.ndarray":
        import numpy as np

        return np.asarray(self._probs, dtype=np.float32)

    def set_probabilities(self, probs: Sequence[float] | None, winner: int | None = None) -> None:
        values = [0.0] * 10 if probs is None else [float(v) for v in probs]
        if len(values) != 10:
            raise ValueError(f"expected 10 probabilities, got {len(values)}")
        self._probs = values
        self._winner = winner
        shares = ", ".join(f"{d}: {p * 100:.1f}%" for d, p in enumerate(self._probs) if p >= 0.001)
        self.setToolTip(shares or self.tr("How likely each digit is, according to the model"))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(260, 130)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = p.fontMetrics()
        label_h = fm.height() + 4
        top, bottom = 4.0, self.height() - label_h
        slot = self.width() / 10.0
        bar_w = slot * 0.74
        base = QColor(pal.color(QPalette.ColorRole.WindowText))  # the track: readable on light and dark
        base.setAlphaF(0.16)
        for d in range(10):
            x = d * slot + (slot - bar_w) / 2
            p.fillRect(QRectF(x, top, bar_w, bottom - top), base)  # the track
            h = float(self._probs[d]) * (bottom - top)
            winner = d == self._winner
            color = pal.color(QPalette.ColorRole.Highlight if winner else QPalette.ColorRole.PlaceholderText)
            if h > 0:
                p.fillRect(QRectF(x, bottom - h, bar_w, h), color)
            if self._probs[d] >= 0.05:  # the share of the likely digits, in or above the bar
                self._paint_share(p, d, QRectF(x, bottom - h, bar_w, h), winner)
            p.setPen(pal.color(QPalette.ColorRole.Text if winner else QPalette.ColorRole.WindowText))
            font = p.font()
            font.setBold(winner)
            p.setFont(font)
            p.drawText(QRectF(d * slot, bottom + 2, slot, label_h), Qt.AlignmentFlag.AlignCenter, str(d))
        p.end()


    def _paint_share(self, p: QPainter, digit: int, bar: QRectF, winner: bool) -> None:
        p.save()
        font = p.font()
        font.setPointSizeF(font.pointSizeF() * 0.8)
        font.setBold(False)
        p.setFont(font)
        fm = p.fontMetrics()
        text = f"{self._probs[digit] * 100:.0f}%"
        if fm.horizontalAdvance(text) > bar.width() + 4:
            text = f"{self._probs[digit] * 100:.0f}"
        inside = bar.height() > fm.height() + 4
        role = QPalette.ColorRole.HighlightedText if inside and winner else QPalette.ColorRole.Text
        p.setPen(self.palette().color(role))
        y = bar.top() + 2 if inside else bar.top() - fm.height() - 1
        p.drawText(QRectF(bar.center().x() - 30, y, 60, fm.height()), Qt.AlignmentFlag.AlignCenter, text)
        p.restore()


class ImagePreview(QWidget):
    """The 28x28 image the model sees, scaled up with nearest neighbour (crisp pixels)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self._image: QImage | None = None
        self.setFixedSize(112, 112)
        self.setToolTip(self.tr("What the model sees: your drawing as a 28 x 28 MNIST image"))

    @property
    def image(self) -> QImage | None:
        return self._image

    def set_array(self, image: "np.ndarray | None") -> None:
        self._image = None if image is None else gray_to_qimage(image)
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.fillRect(self.rect(), Qt.GlobalColor.black)  # MNIST is white ink on black, in any theme
        if self._image is not None:
            p.drawImage(QRectF(self.rect()), self._image)
        p.setPen(self.palette().color(QPalette.ColorRole.Mid))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        p.end()


class LinePlot(QWidget):
    """Several named series over a shared x axis (epochs or batches), auto-scaled."""

    def __init__(self, title: str, y_range: tuple[float, float] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.y_range = y_range
        self.x_range: tuple[float, float] | None = None  # e.g. (0, epochs): curves grow into it
        self.x_label = ""
        self._series: dict[str, tuple[list[QPointF], QColor]] = {}
        self.setMinimumSize(220, 150)

    def add_series(self, name: str, color: QColor) -> None:
        self._series[name] = ([], QColor(color))
        self.update()

    def add_point(self, name: str, x: float, y: float) -> None:
        if math.isfinite(y):
            self._series[name][0].append(QPointF(x, y))
            self.update()

    def points(self, name: str) -> list[tuple[float, float]]:
        return [(p.x(), p.y()) for p in self._series[name][0]]

    def clear(self) -> None:
        for pts, _ in self._series.values():
            pts.clear()
        self.update()

    def _bounds(self) -> tuple[float, float, float, float]:
        pts = [p for s, _ in self._series.values() for p in s]
        x1 = max((p.x() for p in pts), default=1.0)
        x0 = min((p.x() for p in pts), default=0.0)
        if self.x_range:
            x0, x1 = min(x0, self.x_range[0]), max(x1, self.x_range[1])
        if self.y_range:
            y0, y1 = self.y_range
        else:
            y0 = min((p.y() for p in pts), default=0.0)
            y1 = max((p.y() for p in pts), default=1.0)
            y0 = min(y0, 0.0)
        return x0, max(x1, x0 + 1e-9), y0, max(y1, y0 + 1e-9)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = p.fontMetrics()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        p.setPen(pal.color(QPalette.ColorRole.Text))
        p.drawText(QRectF(6, 2, self.width() - 12, fm.height()), Qt.AlignmentFlag.AlignLeft, self.title)
        x0, x1, y0, y1 = self._bounds()
        y_labels = [f"{y0 + (y1 - y0) * i / 4:.2g}" for i in range(5)]
        left = 10 + max(fm.horizontalAdvance(t) for t in y_labels)
        area = QRectF(left, fm.height() + 8, self.width() - left - 10, self.height() - 3 * fm.height() - 16)
        grid = QColor(pal.color(QPalette.ColorRole.Mid))
        grid.setAlphaF(0.35)
        for i, text in enumerate(y_labels):  # y ticks with a faint grid
            y = area.bottom() - area.height() * i / 4
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(QRectF(0, y - fm.height() / 2, left - 4, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        step = max(1, int(round((x1 - x0) / 8)))
        for x in range(int(math.ceil(x0)), int(x1) + 1, step):  # x ticks at whole units (epochs)
            px = area.left() + (x - x0) / (x1 - x0) * area.width()
            p.drawText(QRectF(px - 20, area.bottom() + 2, 40, fm.height()), Qt.AlignmentFlag.AlignCenter, str(x))
        if self.x_label:  # on the title line, out of the ticks' way
            p.drawText(QRectF(6, 2, self.width() - 12, fm.height()), Qt.AlignmentFlag.AlignRight, self.x_label + " →")
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.drawRect(area)

        def to_px(pt: QPointF) -> QPointF:
            return QPointF(area.left() + (pt.x() - x0) / (x1 - x0) * area.width(),
                           area.bottom() - (pt.y() - y0) / (y1 - y0) * area.height())

        legend_x = 8.0
        for name, (pts, color) in self._series.items():
            if len(pts) == 1:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(color)
                p.drawEllipse(to_px(pts[0]), 3, 3)
                p.setBrush(Qt.BrushStyle.NoBrush)
            elif pts:
                path = QPainterPath(to_px(pts[0]))
                for pt in pts[1:]:
                    path.lineTo(to_px(pt))
                p.setPen(QPen(color, 2))
                p.drawPath(path)
            p.setPen(QPen(color, 2))
            y = self.height() - fm.height() / 2 - 3
            p.drawLine(QPointF(legend_x, y), QPointF(legend_x + 14, y))
            p.setPen(pal.color(QPalette.ColorRole.Text))
            text = name if not pts else f"{name} {pts[-1].y():.3g}"
            p.drawText(QPointF(legend_x + 18, y + fm.ascent() / 2 - 1), text)
            legend_x += 26 + fm.horizontalAdvance(text)
        p.end()

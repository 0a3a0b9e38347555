"""Small QPainter charts (QtCharts is not in PySide6-Essentials): the probability bars,
the model's-eye 28x28 preview, and line plots of training curves. Colours come from
the palette, so they follow the light or dark theme.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    import numpy as np  # imported where used: numpy is not needed before the first prediction

PREVIEW_SCALE = 3  # screen pixels per model input pixel in the model's-eye preview


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
    """Ten vertical bars, one per digit, the winner highlighted.

    Emits digitClicked(digit) when the user clicks a digit's bar (to say which digit it
    really was).
    """

    digitClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probabilities")
        self._probs = [0.0] * 10  # 10 floats in [0, 1]
        self._winner: int | None = None
        self.setMinimumSize(200, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setToolTip(self.tr("How likely each digit is, according to the model"))
        self.setAccessibleName(self.tr("Probabilities"))
        self.setAccessibleDescription(self.tr("No probabilities yet"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    @property
    def probabilities(self) -> np.ndarray:
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
        every = ", ".join(f"{d}: {p * 100:.1f}%" for d, p in enumerate(self._probs))
        self.setAccessibleDescription(every if probs is not None else self.tr("No probabilities yet"))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(260, 130)

    def digit_at(self, x: float) -> int:
        """The digit whose bar slot holds widget x coordinate x."""
        return int(min(max(x * 10.0 / max(self.width(), 1), 0), 9))

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.digitClicked.emit(self.digit_at(event.position().x()))
        event.accept()

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
        paint_focus_frame(self, p)
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
        self.setFixedSize(28 * PREVIEW_SCALE, 28 * PREVIEW_SCALE)
        self.setToolTip(self.tr("What the model sees: your drawing as a 28 x 28 MNIST image"))
        self.setAccessibleName(self.tr("What the model sees"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.set_array(None)

    @property
    def image(self) -> QImage | None:
        return self._image

    def set_array(self, image: np.ndarray | None) -> None:
        self._image = None if image is None else gray_to_qimage(image)
        self.setAccessibleDescription(
            self.tr("Empty: nothing drawn yet")
            if image is None
            else self.tr("Your drawing as the model sees it: a 28 x 28 image, centred and scaled")
        )
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        if self._image is not None:
            p.fillRect(self.rect(), Qt.GlobalColor.black)  # MNIST is white ink on black, in any theme
            p.drawImage(QRectF(self.rect()), self._image)
            p.setPen(self.palette().color(QPalette.ColorRole.Mid))
            p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        else:  # nothing seen yet: an empty frame like the canvas's guide, not a black square
            p.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
            p.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1.0, Qt.PenStyle.DashLine))
            p.drawRect(self.rect().adjusted(0, 0, -1, -1))
            p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "28 × 28")
        paint_focus_frame(self, p)
        p.end()


def paint_focus_frame(widget: QWidget, painter: QPainter, width: float = 2.0) -> None:
    """A frame in the Highlight colour inside the widget's edge while it has the keyboard focus."""
    if widget.hasFocus():
        painter.save()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(widget.palette().color(QPalette.ColorRole.Highlight), width))
        painter.drawRect(QRectF(widget.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2))
        painter.restore()


def nice_ticks(lo: float, hi: float, max_ticks: int = 6) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 x 10^k) covering [lo, hi]: the first <= lo, the last >= hi."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [0.0, 1.0]
    if hi <= lo:
        hi = lo + (abs(lo) * 0.1 or 1.0)
    raw = (hi - lo) / max(1, max_ticks - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))
    first = math.floor(lo / step + 1e-9) * step
    count = int(math.ceil((hi - first) / step - 1e-9)) + 1
    return [round(first + i * step, 12) for i in range(count)]


def tick_label(value: float, step: float) -> str:
    decimals = max(0, -int(math.floor(math.log10(step))) if step > 0 else 0)
    if step * 10**decimals % 1 > 1e-6:  # a step like 0.25 needs one more digit
        decimals += 1
    return f"{value:.{decimals}f}"


class LinePlot(QWidget):
    """Named series over a shared x axis (epochs) on round ticks: lines (smoothed per-batch
    curves) or points (one per epoch, joined by a thin line), auto-scaled.

    y_limits: values the y axis never goes beyond (e.g. (0, 1) for accuracy); within them
    the axis fits the data, so curves near 100% are not squashed against the top."""

    def __init__(self, title: str, y_limits: tuple[float, float] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.y_limits = y_limits
        self.x_range: tuple[float, float] | None = None  # e.g. (0, epochs): curves grow into it
        self.x_label = ""
        self._series: dict[str, tuple[list[QPointF], QColor, bool]] = {}  # name -> points, colour, as points
        self.setMinimumSize(220, 150)

    def add_series(self, name: str, color: QColor, points: bool = False) -> None:
        self._series[name] = ([], QColor(color), points)
        self.update()

    def add_point(self, name: str, x: float, y: float) -> None:
        if math.isfinite(y):
            self._series[name][0].append(QPointF(x, y))
            self.update()

    def points(self, name: str) -> list[tuple[float, float]]:
        return [(p.x(), p.y()) for p in self._series[name][0]]

    def clear(self) -> None:
        for pts, _, _ in self._series.values():
            pts.clear()
        self.update()

    def axes(self) -> tuple[list[float], list[float]]:
        """(x ticks, y ticks): round values; the first and last are the plot's edges."""
        pts = [p for s, _, _ in self._series.values() for p in s]
        x0 = min((p.x() for p in pts), default=0.0)
        x1 = max((p.x() for p in pts), default=1.0)
        if self.x_range:
            x0, x1 = min(x0, self.x_range[0]), max(x1, self.x_range[1])
        ys = [p.y() for p in pts]
        y0, y1 = (min(ys), max(ys)) if ys else (self.y_limits or (0.0, 1.0))
        if self.y_limits:
            y0, y1 = max(y0, self.y_limits[0]), min(y1, self.y_limits[1])
        else:
            y0 = min(y0, 0.0)  # losses: from zero
        if y1 - y0 < 1e-6:
            y0, y1 = y0 - 0.05, y1 + 0.05
        yt = nice_ticks(y0, y1, 5)
        if self.y_limits:
            yt = [t for t in yt if self.y_limits[0] - 1e-9 <= t <= self.y_limits[1] + 1e-9] or [y0, y1]
            if yt[-1] < y1 - 1e-9:
                yt.append(self.y_limits[1])
        return nice_ticks(x0, x1, 7 if x1 - x0 > 1 else 6), yt

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = p.fontMetrics()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        p.setPen(pal.color(QPalette.ColorRole.Text))
        p.drawText(QRectF(6, 2, self.width() - 12, fm.height()), Qt.AlignmentFlag.AlignLeft, self.title)
        xt, yt = self.axes()
        x0, x1, y0, y1 = xt[0], xt[-1], yt[0], yt[-1]
        y_step = yt[1] - yt[0] if len(yt) > 1 else 1.0
        x_step = xt[1] - xt[0] if len(xt) > 1 else 1.0
        y_labels = [tick_label(v, y_step) for v in yt]
        left = 10 + max(fm.horizontalAdvance(t) for t in y_labels)
        area = QRectF(left, fm.height() + 8, self.width() - left - 14, self.height() - 3 * fm.height() - 16)
        grid = QColor(pal.color(QPalette.ColorRole.Text))
        grid.setAlphaF(0.12)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)

        def to_px(x: float, y: float) -> QPointF:
            return QPointF(
                area.left() + (x - x0) / (x1 - x0) * area.width(), area.bottom() - (y - y0) / (y1 - y0) * area.height()
            )

        for value, text in zip(yt, y_labels):  # y ticks with a faint grid
            y = to_px(x0, value).y()
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            p.setPen(muted)
            p.drawText(
                QRectF(0, y - fm.height() / 2, left - 4, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        for value in xt:
            px = to_px(value, y0).x()
            p.drawText(
                QRectF(px - 24, area.bottom() + 2, 48, fm.height()),
                Qt.AlignmentFlag.AlignCenter,
                tick_label(value, x_step),
            )
        if self.x_label:  # on the title line, out of the ticks' way
            p.drawText(QRectF(6, 2, self.width() - 12, fm.height()), Qt.AlignmentFlag.AlignRight, self.x_label + " →")
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.drawRect(area)
        p.save()
        p.setClipRect(area.adjusted(-5, -5, 5, 5))
        for pts, color, as_points in self._series.values():
            if len(pts) > 1:
                path = QPainterPath(to_px(pts[0].x(), pts[0].y()))
                for pt in pts[1:]:
                    path.lineTo(to_px(pt.x(), pt.y()))
                p.setPen(QPen(color, 1 if as_points else 2))
                p.drawPath(path)
            if as_points or len(pts) == 1:
                p.setPen(QPen(pal.color(QPalette.ColorRole.Base), 1))
                p.setBrush(color)
                for pt in pts:
                    p.drawEllipse(to_px(pt.x(), pt.y()), 4, 4)
                p.setBrush(Qt.BrushStyle.NoBrush)
        p.restore()
        self._paint_legend(p, fm)
        p.end()

    def _paint_legend(self, p: QPainter, fm) -> None:
        pal = self.palette()
        x = 8.0
        y = self.height() - fm.height() / 2 - 3
        for name, (pts, color, as_points) in self._series.items():
            p.setPen(QPen(color, 2))
            if as_points:
                p.setBrush(color)
                p.drawEllipse(QPointF(x + 7, y), 3.5, 3.5)
                p.setBrush(Qt.BrushStyle.NoBrush)
            else:
                p.drawLine(QPointF(x, y), QPointF(x + 14, y))
            p.setPen(pal.color(QPalette.ColorRole.Text))
            text = name if not pts else f"{name} {pts[-1].y():.3g}"
            p.drawText(QPointF(x + 18, y + fm.ascent() / 2 - 1), text)
            x += 26 + fm.horizontalAdvance(text)

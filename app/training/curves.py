"""Line plots of training curves in QPainter, and TrainingCurves: the Train dialog's loss and
accuracy plots.

Two halves: the axes (pure arithmetic: round tick values covering the data, their
labels, and the mapping from data to widget pixels) and the painting (title, grid and
tick labels, the series as lines or points, the legend). Colours come from the palette,
so they follow the light or dark theme.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QWidget


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
    """value with as many decimals as ticks step apart need (0.25 steps: two)."""
    decimals = max(0, -int(math.floor(math.log10(step))) if step > 0 else 0)
    if step * 10**decimals % 1 > 1e-6:  # a step like 0.25 needs one more digit
        decimals += 1
    return f"{value:.{decimals}f}"


def tick_labels(ticks: list[float]) -> list[str]:
    """Each tick's label, with the decimals their spacing needs."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    return [tick_label(v, step) for v in ticks]


@dataclass(frozen=True)
class PlotArea:
    """Data coordinates -> widget pixels: x ticks xt and y ticks yt (their first and last
    are the edges) span rect, y growing upward."""

    rect: QRectF
    xt: list[float]
    yt: list[float]

    def to_px(self, x: float, y: float) -> QPointF:
        (x0, x1), (y0, y1), r = (self.xt[0], self.xt[-1]), (self.yt[0], self.yt[-1]), self.rect
        return QPointF(r.left() + (x - x0) / (x1 - x0) * r.width(), r.bottom() - (y - y0) / (y1 - y0) * r.height())


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

    # -- axes ------------------------------------------------------------------
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

    # -- painting --------------------------------------------------------------
    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = p.fontMetrics()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        p.setPen(pal.color(QPalette.ColorRole.Text))
        title_line = QRectF(6, 2, self.width() - 12, fm.height())
        p.drawText(title_line, Qt.AlignmentFlag.AlignLeft, self.title)
        xt, yt = self.axes()
        y_labels = tick_labels(yt)
        left = 10 + max(fm.horizontalAdvance(t) for t in y_labels)
        rect = QRectF(left, fm.height() + 8, self.width() - left - 14, self.height() - 3 * fm.height() - 16)
        area = PlotArea(rect, xt, yt)
        self._paint_ticks(p, fm, area, y_labels)
        if self.x_label:  # on the title line, out of the ticks' way
            p.drawText(title_line, Qt.AlignmentFlag.AlignRight, self.x_label + " →")
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.drawRect(rect)
        self._paint_series(p, area)
        self._paint_legend(p, fm)
        p.end()

    def _paint_ticks(self, p: QPainter, fm: QFontMetrics, area: PlotArea, y_labels: list[str]) -> None:
        """The y ticks' labels (right-aligned left of the area) with a faint grid; the x ticks' labels below."""
        grid = QColor(self.palette().color(QPalette.ColorRole.Text))
        grid.setAlphaF(0.12)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        rect, x0, y0 = area.rect, area.xt[0], area.yt[0]
        for value, text in zip(area.yt, y_labels):
            y = area.to_px(x0, value).y()
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            p.setPen(muted)
            label = QRectF(0, y - fm.height() / 2, rect.left() - 4, fm.height())
            p.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        for value, text in zip(area.xt, tick_labels(area.xt)):
            px = area.to_px(value, y0).x()
            p.drawText(QRectF(px - 24, rect.bottom() + 2, 48, fm.height()), Qt.AlignmentFlag.AlignCenter, text)

    def _paint_series(self, p: QPainter, area: PlotArea) -> None:
        """Each series as a line (2 px), or as dots joined by a thin line; clipped near the area."""
        p.save()
        p.setClipRect(area.rect.adjusted(-5, -5, 5, 5))
        for pts, color, as_points in self._series.values():
            if len(pts) > 1:
                path = QPainterPath(area.to_px(pts[0].x(), pts[0].y()))
                for pt in pts[1:]:
                    path.lineTo(area.to_px(pt.x(), pt.y()))
                p.setPen(QPen(color, 1 if as_points else 2))
                p.drawPath(path)
            if as_points or len(pts) == 1:
                p.setPen(QPen(self.palette().color(QPalette.ColorRole.Base), 1))
                p.setBrush(color)
                for pt in pts:
                    p.drawEllipse(area.to_px(pt.x(), pt.y()), 4, 4)
                p.setBrush(Qt.BrushStyle.NoBrush)
        p.restore()

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


class TrainingCurves(QWidget):
    """The Train dialog's two plots side by side, loss and accuracy over epochs: each has a
    smoothed per-batch "train" line and one "test" point per epoch (loss_plot, acc_plot)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loss_plot = LinePlot(self.tr("Loss"))
        self.acc_plot = LinePlot(self.tr("Accuracy"), (0.0, 1.0))
        pal = self.palette()
        light = pal.color(QPalette.ColorRole.Base).lightness() > 128
        test_color = Qt.GlobalColor.darkGreen if light else Qt.GlobalColor.green
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for plot in (self.loss_plot, self.acc_plot):
            plot.add_series(self.tr("train"), pal.color(QPalette.ColorRole.Highlight))
            plot.add_series(self.tr("test"), test_color, points=True)
            plot.x_label = self.tr("epoch")
            row.addWidget(plot)

    def start(self, epochs: int) -> None:
        """Empty curves for a run of this many epochs (the x axis spans them from the start)."""
        for plot in (self.loss_plot, self.acc_plot):
            plot.clear()
            plot.x_range = (0, epochs)

    def add_batch(self, x: float, loss: float, accuracy: float) -> None:
        """x: epochs so far (fractional); the train line's loss and accuracy (in [0, 1]) there."""
        self.loss_plot.add_point(self.tr("train"), x, loss)
        self.acc_plot.add_point(self.tr("train"), x, accuracy)

    def add_epoch(self, epoch: int, loss: float, accuracy: float) -> None:
        """The test images' loss and accuracy (in [0, 1]) after epoch (1-based)."""
        self.loss_plot.add_point(self.tr("test"), epoch, loss)
        self.acc_plot.add_point(self.tr("test"), epoch, accuracy)

"""Small QPainter charts of a prediction (QtCharts is not in PySide6-Essentials): the
probability bars and the model's-eye 28x28 preview, plus the helpers other widgets share
(gray_to_qimage, paint_focus_frame). Colours come from the palette, so they follow the
light or dark theme. The training curves' line plot is app/training/curves.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen
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

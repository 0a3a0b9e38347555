"""Drawing helpers: real mouse events on the canvas, digit shapes, MNIST samples."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def draw(widget, points, button=Qt.MouseButton.LeftButton) -> None:
    """Press at the first point, move with the button held through the rest, release."""
    first = QPoint(*map(int, points[0]))
    QTest.mousePress(widget, button, Qt.KeyboardModifier.NoModifier, first)
    for x, y in points[1:]:
        pos = QPointF(x, y)
        event = QMouseEvent(
            QEvent.Type.MouseMove,
            pos,
            widget.mapToGlobal(pos),
            Qt.MouseButton.NoButton,
            button,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, event)
    QTest.mouseRelease(widget, button, Qt.KeyboardModifier.NoModifier, QPoint(*map(int, points[-1])))


def line(a, b, steps: int = 12):
    return [(a[0] + (b[0] - a[0]) * i / steps, a[1] + (b[1] - a[1]) * i / steps) for i in range(steps + 1)]


def one(canvas):
    cx, cy = canvas.width() / 2, canvas.height() / 2
    return [line((cx, cy - 90), (cx, cy + 90))]


def seven(canvas):
    cx, cy = canvas.width() / 2, canvas.height() / 2
    return [line((cx - 70, cy - 90), (cx + 70, cy - 90)) + line((cx + 70, cy - 90), (cx - 20, cy + 95))[1:]]


def zero(canvas):
    cx, cy = canvas.width() / 2, canvas.height() / 2
    ring = [(cx + 55 * np.sin(t), cy - 85 * np.cos(t)) for t in np.linspace(0, 2 * np.pi, 40)]
    return [ring]


def mnist_digit(folder: Path, index: int) -> tuple[np.ndarray, int]:
    """One test digit from the IDX files: (28, 28) uint8 white on black, and its label."""
    with gzip.open(folder / "t10k-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
    with gzip.open(folder / "t10k-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)
    return images[index], int(labels[index])

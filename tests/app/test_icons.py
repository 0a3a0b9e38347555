"""Every toolbar icon is readable in the light and the dark theme: its pixels contrast with
the window (issue 17: Undo, Redo and Train were black on the dark window)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QToolButton

from app.icons import contrast, readable_icon

READABLE = 3.0  # WCAG's contrast for large graphics


def _readable_share(icon: QIcon, window: QColor) -> float:
    """The share of an icon's visible pixels that contrast with the window colour."""
    image = icon.pixmap(QSize(24, 24)).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    visible = readable = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if c.alphaF() >= 0.5:
                visible += 1
                readable += contrast(QColor(c.red(), c.green(), c.blue()), window) >= READABLE
    assert visible, "an empty icon"
    return readable / visible


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_toolbar_icon_contrasts_with_the_window(window, qtbot, theme):
    from app.theme import apply_theme

    try:
        apply_theme(theme)
        qtbot.waitUntil(
            lambda: (window.palette().color(QPalette.ColorRole.Window).lightness() < 128) == (theme == "dark")
        )
        QApplication.processEvents()
        background = window.palette().color(QPalette.ColorRole.Window)
        buttons = [b for b in window.controls.toolbar.findChildren(QToolButton) if b.defaultAction() is not None]
        assert len(buttons) >= 8
        for button in buttons:
            action = button.defaultAction()
            if action.icon().isNull():
                continue
            share = _readable_share(action.icon(), background)
            assert share >= 0.2, (theme, action.iconText(), share)  # an outline or the whole shape
    finally:
        apply_theme("system")


def test_a_black_icon_is_redrawn_in_the_text_colour_and_a_readable_one_is_kept(qapp):
    from app.theme import palette

    black = QPixmap(16, 16)
    black.fill(QColor(0, 0, 0, 0))
    p = QPainter(black)
    p.fillRect(4, 4, 8, 8, QColor("black"))
    p.end()
    dark = palette("dark")
    redrawn = readable_icon(QIcon(black), dark)
    center = redrawn.pixmap(QSize(16, 16)).toImage().pixelColor(8, 8)
    assert center.name() == dark.color(QPalette.ColorRole.ButtonText).name()
    light = palette("light")
    kept = readable_icon(QIcon(black), light)
    assert kept.pixmap(QSize(16, 16)).toImage().pixelColor(8, 8).name() == "#000000"  # black reads well on light

"""Toolbar and menu icons readable in the light and the dark theme.

The style's standard icons (arrows, play) and many theme icons are drawn black: on a dark
window they vanish. A monochrome icon (little colour in its pixels) is redrawn in the
palette's ButtonText colour, keeping its shape (alpha); a colourful icon (a yellow
folder, a blue disk) gets a thin outline in ButtonText. Icons whose pixels already
contrast with the window are kept as they are.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap

ICON_SIZES = (16, 24)  # menus and the toolbar (Qt scales these for other sizes)
MONOCHROME_SATURATION = 0.25  # a mean saturation below this: the icon is a single-colour shape
MIN_CONTRAST = 2.2  # between a colourful icon's pixels and the window, else it is outlined


def luminance(color: QColor) -> float:
    """Relative luminance (WCAG) of an sRGB colour, 0 (black) .. 1 (white)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF()) + 0.0722 * linear(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours, 1 .. 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def icon_colors(image: QImage) -> tuple[QColor, float]:
    """The mean colour of an image's visible pixels (alpha-weighted) and their mean saturation."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    r = g = b = s = weight = 0.0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            a = c.alphaF()
            if a < 0.2:
                continue
            r, g, b, s, weight = (
                r + c.redF() * a,
                g + c.greenF() * a,
                b + c.blueF() * a,
                s + c.hsvSaturationF() * a,
                weight + a,
            )
    if weight == 0:
        return QColor(0, 0, 0, 0), 0.0
    return QColor.fromRgbF(r / weight, g / weight, b / weight), s / weight


def readable_icon(icon: QIcon, palette: QPalette, dpr: float = 1.0) -> QIcon:
    """`icon` redrawn (see the module docstring) for a window painted with `palette`."""
    if icon.isNull():
        return icon
    ink = palette.color(QPalette.ColorRole.ButtonText)
    window = palette.color(QPalette.ColorRole.Window)
    probe = icon.pixmap(QSize(16, 16)).toImage()
    mean, saturation = icon_colors(probe)
    if contrast(mean, window) >= MIN_CONTRAST:
        return icon  # readable as it is (e.g. the black arrows on a light window)
    monochrome = saturation < MONOCHROME_SATURATION
    out = QIcon()
    for side in ICON_SIZES:
        pixmap = icon.pixmap(QSize(side, side), dpr)
        out.addPixmap(_tinted(pixmap, ink) if monochrome else _outlined(pixmap, ink))
    return out


def _tinted(pixmap: QPixmap, color: QColor) -> QPixmap:
    """The pixmap's shape (alpha) filled with one colour."""
    out = QPixmap(pixmap.size())
    out.setDevicePixelRatio(pixmap.devicePixelRatio())
    out.fill(Qt.GlobalColor.transparent)
    p = QPainter(out)
    p.drawPixmap(0, 0, pixmap)
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    p.fillRect(out.rect(), color)
    p.end()
    return out


def _outlined(pixmap: QPixmap, color: QColor) -> QPixmap:
    """The pixmap on a one-pixel halo of its shape in `color`: a colourful icon stands out."""
    halo = _tinted(pixmap, color)
    out = QPixmap(pixmap.size())
    out.setDevicePixelRatio(pixmap.devicePixelRatio())
    out.fill(Qt.GlobalColor.transparent)
    p = QPainter(out)
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        p.drawPixmap(dx, dy, halo)
    p.drawPixmap(0, 0, pixmap)
    p.end()
    return out

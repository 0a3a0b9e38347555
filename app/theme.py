"""View > Theme: follow the system, or a light or dark Fusion palette that stays readable.

"system" keeps the platform's own style and palette (whatever it was at start-up);
"light" and "dark" switch to the Fusion style with the palettes below. The canvas is
painted with the Base role and the window with Window, so Base is set clearly apart
from Window in both; the probability bars' tracks use Mid (see app/prediction/charts.py).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")

# role -> (light, dark); the disabled group derives from these in _palette()
_COLORS = {
    QPalette.ColorRole.Window: ("#dcdee2", "#2f3136"),
    QPalette.ColorRole.WindowText: ("#1d1d1d", "#e8e8e8"),
    QPalette.ColorRole.Base: ("#ffffff", "#17181b"),
    QPalette.ColorRole.AlternateBase: ("#f4f4f4", "#24262a"),
    QPalette.ColorRole.Text: ("#111111", "#f0f0f0"),
    QPalette.ColorRole.PlaceholderText: ("#6e6e6e", "#9a9ca0"),
    QPalette.ColorRole.Button: ("#e8e9ec", "#3a3d42"),
    QPalette.ColorRole.ButtonText: ("#1d1d1d", "#e8e8e8"),
    QPalette.ColorRole.BrightText: ("#d00000", "#ff6b6b"),
    QPalette.ColorRole.Light: ("#ffffff", "#54585e"),
    QPalette.ColorRole.Midlight: ("#e0e0e0", "#44474c"),
    QPalette.ColorRole.Mid: ("#a8a8a8", "#7a7e85"),
    QPalette.ColorRole.Dark: ("#8c8c8c", "#1c1d20"),
    QPalette.ColorRole.Shadow: ("#505050", "#000000"),
    QPalette.ColorRole.Highlight: ("#2f6fd0", "#4d8ff0"),
    QPalette.ColorRole.HighlightedText: ("#ffffff", "#ffffff"),
    QPalette.ColorRole.ToolTipBase: ("#ffffdc", "#3a3d42"),
    QPalette.ColorRole.ToolTipText: ("#1d1d1d", "#f0f0f0"),
    QPalette.ColorRole.Link: ("#1a5fb4", "#78aeff"),
    QPalette.ColorRole.LinkVisited: ("#7a3fb0", "#c29cff"),
}

_system: tuple[str, QPalette] | None = None  # the platform's style name and palette, saved once


def palette(theme: str) -> QPalette:
    """The Fusion palette for "light" or "dark" (ValueError for another name)."""
    if theme not in ("light", "dark"):
        raise ValueError(f"no palette for theme {theme!r}")
    index = 0 if theme == "light" else 1
    pal = QPalette()
    for role, colors in _COLORS.items():
        pal.setColor(role, QColor(colors[index]))
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(disabled, role, pal.color(QPalette.ColorRole.PlaceholderText))
    pal.setColor(disabled, QPalette.ColorRole.Highlight, pal.color(QPalette.ColorRole.Mid))
    return pal


def apply_theme(theme: str) -> str:
    """Apply "system", "light" or "dark" to the whole application; returns the theme used
    (an unknown name falls back to "system")."""
    global _system
    app = QApplication.instance()
    if _system is None:
        _system = (app.style().name(), QPalette(app.palette()))
    if theme not in THEMES:
        theme = "system"
    if theme == "system":
        if app.style().name() != _system[0]:  # nothing to undo at start-up: restyling costs time
            app.setStyle(QStyleFactory.create(_system[0]) or QStyleFactory.create("Fusion"))
            app.setPalette(_system[1])
    else:
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(palette(theme))
    _repolish_style_sheets(app)
    return theme


def _repolish_style_sheets(app: QApplication) -> None:
    """A widget with a style sheet keeps the colours it was polished with (its text stayed
    black on the dark theme): polish those again with the new palette."""
    for widget in app.allWidgets():
        if widget.styleSheet():
            sheet = widget.styleSheet()
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


def is_dark(pal: QPalette) -> bool:
    return pal.color(QPalette.ColorRole.Window).lightness() < 128

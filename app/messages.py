"""Every message box goes through here, so tests can replace these functions and
never block on a modal dialog."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)
MIN_TEXT_DIALOG_WIDTH = 360  # px: a text question's dialog is at least this wide
TITLE_BAR_EXTRA_PX = 140  # px beside the title: the window manager's buttons and margins


def error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """A warning box; what it says goes to the log too (digitpad.log, for bug reports)."""
    log.warning("%s: %s%s", title, " ".join(text.split()), f" ({' '.join(details.split())})" if details else "")
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question about losing or stopping something; No is the default, so Esc or
    an absent-minded Enter keeps the work."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """A line of text from the user (text: the suggestion); None if cancelled."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    # wide enough for its title (a window manager cuts a long title on a narrow dialog:
    # "Save ... gitPad") and for a model's name
    room = dialog.fontMetrics().horizontalAdvance(f"{title} \u2014 DigitPad") + TITLE_BAR_EXTRA_PX
    edit = dialog.findChild(QLineEdit)  # the dialog's layout sets its size: widen its field
    if edit is not None:
        edit.setMinimumWidth(max(MIN_TEXT_DIALOG_WIDTH, room))
    return dialog.textValue() if dialog.exec() else None

"""Every message box goes through here, so tests can replace these functions and
never block on a modal dialog."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


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

    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None

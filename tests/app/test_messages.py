"""Questions about losing work default to No: Enter or Esc keeps the work."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app import messages

REAL_ASK = messages.ask  # at import, before the autouse `dialogs` fixture answers every question
REAL_ASK_TEXT = messages.ask_text


def _answer_with(key, seen):
    def press():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen.append(box.defaultButton() is box.button(QMessageBox.StandardButton.No))
        from PySide6.QtTest import QTest

        QTest.keyClick(box, key)

    return press


def test_enter_on_a_question_answers_no(qtbot):
    seen = []
    QTimer.singleShot(200, _answer_with(Qt.Key.Key_Return, seen))
    assert REAL_ASK(None, "Train Model", "Close without saving the new model?") is False
    assert seen == [True]


def test_escape_on_a_question_answers_no(qtbot):
    seen = []
    QTimer.singleShot(200, _answer_with(Qt.Key.Key_Escape, seen))
    assert REAL_ASK(None, "Train Model", "Stop the training and close?") is False
    assert seen == [True]


def test_a_text_question_is_wide_enough_for_its_title_and_returns_the_text(qtbot):
    """A narrow name dialog had its title cut by the window manager ("Save ... gitPad")."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    seen = []
    title = "Save the Trained Model Under a Name"

    def type_and_accept():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog) and w.isVisible())
        seen.append(dialog.width() >= dialog.fontMetrics().horizontalAdvance(title + " \u2014 DigitPad"))
        edit = dialog.findChild(QLineEdit)
        QTest.keyClick(edit, Qt.Key.Key_End)
        QTest.keyClicks(edit, "-v2")
        QTest.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(200, type_and_accept)
    assert REAL_ASK_TEXT(None, title, "Name:", "digitnet") == "digitnet-v2"
    assert seen == [True]

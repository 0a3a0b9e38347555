"""Questions about losing work default to No: Enter or Esc keeps the work."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app import messages

REAL_ASK = messages.ask  # at import, before the autouse `dialogs` fixture answers every question


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

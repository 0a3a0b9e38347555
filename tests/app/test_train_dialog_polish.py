"""The Train dialog's form keeps still while the data folder's note changes, and the
"Stop the training and close? The model trained so far is not kept." question never outlives the training (issue 17)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app import messages

from .test_messages import REAL_ASK
from .test_train_dialog import open_dialog


def _fields_top(form) -> list[int]:
    return [w.mapTo(form, QPoint(0, 0)).y() for w in (form.epochs, form.batch, form.lr, form.precision)]


def test_the_folder_note_never_moves_the_fields(window, qtbot, mnist_mini, tmp_path, digits_folder):
    dialog = window.open_train_dialog()
    qtbot.waitExposed(dialog)
    form = dialog.form
    empty = tmp_path / "empty"
    empty.mkdir()
    half = tmp_path / "half"
    (half / "train" / "3").mkdir(parents=True)
    folders = [str(mnist_mini), str(tmp_path / "nowhere"), str(empty), str(half), str(digits_folder), ""]
    for size in (dialog.size(), dialog.minimumSizeHint()):
        dialog.resize(size)
        tops, notes = set(), set()
        for folder in folders:
            form.set_data_folder(folder)
            form.update_folder_note()
            QApplication.processEvents()
            note = form.folder.folder_note  # app/training/data_folder.py
            notes.add(note.text())
            assert note.heightForWidth(note.width()) <= note.height(), folder
            tops.add(tuple(_fields_top(form)))
        assert len(notes) >= 4  # the note really changed
        assert len(tops) == 1, (size, tops)


def test_a_yes_given_after_the_training_ended_acts_on_the_finished_training(window, qtbot, mnist_mini, monkeypatch):
    dialog = open_dialog(window, mnist_mini)
    seen = []

    def user(text):
        seen.append(text)
        if "Stop" in text:  # the user takes a while: the training ends before the answer
            qtbot.waitUntil(lambda: not dialog.is_running(), timeout=120000)
            return True
        return False  # "Close without saving the new model?": no, keep it

    monkeypatch.setattr(messages, "ask", lambda parent, title, text: user(text))
    with qtbot.waitSignal(dialog.trainingFinished, timeout=120000):
        assert dialog.start_training()
        dialog.reject()  # closing mid-training asks first
    assert seen == [
        "Stop the training and close? The model trained so far is not kept.",
        "Close without saving the new model?",
    ]
    assert dialog.isVisible() and not dialog.is_close_pending() and dialog.result is not None
    assert dialog.save_button.isEnabled()  # the trained model can still be kept


def test_the_stop_question_goes_away_when_the_training_ends(window, qtbot, mnist_mini):
    dialog = open_dialog(window, mnist_mini)
    monkey = messages.ask
    messages.ask = REAL_ASK  # a real question box, with its own event loop
    safety = QTimer(singleShot=True, interval=120000)  # never hang the suite if it stays
    safety.timeout.connect(lambda: [b.reject() for b in dialog.findChildren(QMessageBox) if b.isVisible()])
    shown = []
    probe = QTimer(interval=50)
    probe.timeout.connect(lambda: shown.extend(b for b in dialog.findChildren(QMessageBox) if b.isVisible()))
    try:
        with qtbot.waitSignal(dialog.trainingFinished, timeout=120000):
            assert dialog.start_training()
            safety.start()
            probe.start()
            dialog.reject()  # returns when the box is gone
        assert safety.isActive(), "the question stayed until the safety timer"
    finally:
        messages.ask = monkey
        safety.stop()
        probe.stop()
    assert shown, "the question was shown"
    assert not any(b.isVisible() for b in dialog.findChildren(QMessageBox))
    assert dialog.isVisible() and not dialog.is_running() and dialog.result is not None

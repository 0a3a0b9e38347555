"""A trained model that is not saved yet is never thrown away without a question (a
newcomer pressed Start again after a 98.94% run and lost it; issue 17). Every path that
would discard it asks: Start (here), and every way of closing (tests/app/test_closing.py,
state "finished"). Changing the data folder or the settings does not discard it (only a
new run does), and a language switch while the Train dialog is open does not rebuild it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app import messages

START_QUESTION = "Start a new training without saving the new model?"


def finished_training(window, qtbot, mnist_mini, epochs: int = 1):
    dialog = window.open_train_dialog()
    form = dialog.form
    form.arch.setCurrentIndex(form.arch.findData("mlp"))
    form.set_data_folder(str(mnist_mini))
    form.epochs.setValue(epochs)
    form.batch.setValue(64)
    form.augment.setChecked(False)
    with qtbot.waitSignal(dialog.trainingFinished, timeout=90000):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=10000)
    assert dialog.result is not None and dialog.use_button.isEnabled()
    return dialog


def answer(monkeypatch, dialogs, yes: bool) -> None:
    def ask(parent, title, text):
        dialogs.append(("ask", title, text))
        return yes

    monkeypatch.setattr(messages, "ask", ask)


def asked(dialogs) -> list[str]:
    return [d[2] for d in dialogs if d[0] == "ask"]


def test_start_after_an_unsaved_model_asks_and_no_keeps_it(window, qtbot, mnist_mini, dialogs, monkeypatch):
    dialog = finished_training(window, qtbot, mnist_mini)
    model = dialog.result
    answer(monkeypatch, dialogs, yes=False)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert asked(dialogs) == [START_QUESTION]
    assert not dialog.is_running() and dialog.worker is not None and not dialog.worker.is_running()
    assert dialog.result is model  # kept, and still offered
    assert dialog.use_button.isEnabled() and dialog.save_button.isEnabled() and dialog.start_button.isEnabled()
    assert dialog.report.toPlainText()  # its report is still shown


def test_start_after_an_unsaved_model_yes_starts_a_new_run(window, qtbot, mnist_mini, dialogs, monkeypatch):
    dialog = finished_training(window, qtbot, mnist_mini)
    model = dialog.result
    answer(monkeypatch, dialogs, yes=True)
    with qtbot.waitSignal(dialog.trainingFinished, timeout=90000):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        assert asked(dialogs) == [START_QUESTION]
        assert dialog.is_running() and dialog.result is None
    assert dialog.result is not None and dialog.result is not model


def test_start_after_saving_does_not_ask(window, qtbot, mnist_mini, dialogs, monkeypatch):
    dialog = finished_training(window, qtbot, mnist_mini)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # ask_text answers the suggested name
    assert dialog.saved_path is not None
    answer(monkeypatch, dialogs, yes=False)
    with qtbot.waitSignal(dialog.trainingFinished, timeout=90000):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert asked(dialogs) == []


def test_enter_on_start_asks_too(window, qtbot, mnist_mini, dialogs, monkeypatch):
    """The keyboard path: Start focused, Space presses it."""
    dialog = finished_training(window, qtbot, mnist_mini)
    answer(monkeypatch, dialogs, yes=False)
    dialog.start_button.setFocus()
    qtbot.keyClick(dialog.start_button, Qt.Key.Key_Space)
    assert asked(dialogs) == [START_QUESTION] and not dialog.is_running() and dialog.use_button.isEnabled()


def test_changing_the_form_keeps_the_unsaved_model(window, qtbot, mnist_mini, tmp_path, dialogs, monkeypatch):
    """Changing the data folder or the architecture resets nothing: the model stays offered
    and closing still asks."""
    dialog = finished_training(window, qtbot, mnist_mini)
    model = dialog.result
    form = dialog.form
    form.set_data_folder(str(tmp_path))
    form.arch.setCurrentIndex(form.arch.findData("cnn"))
    assert dialog.result is model and dialog.use_button.isEnabled()
    answer(monkeypatch, dialogs, yes=False)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked(dialogs) == ["Close without saving the new model?"] and dialog.isVisible()


@pytest.mark.parametrize("code", ["zh_CN", "en"])
def test_switching_language_keeps_the_unsaved_model(code, window, qtbot, mnist_mini, dialogs):
    from app.main import switch_language

    dialog = finished_training(window, qtbot, mnist_mini)
    model = dialog.result
    assert switch_language(window, code) is window  # not rebuilt while the dialog is open
    assert dialog.isVisible() and dialog.result is model and dialog.use_button.isEnabled()
    window.settings.language = ""

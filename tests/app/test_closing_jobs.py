"""Every dialog that runs a job closes the same way (app/dialogs/job_dialog.py), with real events:
Esc, the Close button, the title bar, the main window's close, File > Quit and Ctrl+Q ask
before stopping work that would be lost, answering No keeps it running, and nothing waits
for the job in the GUI thread. nc3 fault 16: Esc on the Adapt dialog cancelled a running
adaptation without asking. The Train and Evaluate dialogs: tests/app/test_closing.py;
here the Adapt dialog and the Train dialog's MNIST download."""

from __future__ import annotations

import types

import pytest
from PySide6.QtCore import Qt

from app import messages
from model.pen.samples import SampleStore

from .test_closing import WAYS, Gate, check_close, close_by

ADAPT_QUESTION = "Stop adapting and close? Nothing is saved and the active model stays as it is."
DOWNLOAD_QUESTION = "Stop the download and close? The files downloaded so far are kept."


@pytest.fixture
def gate(monkeypatch):
    """The adaptation and the download run until cancelled, then wait at the gate."""
    gate = Gate()
    import app.my_handwriting.adapt_dialog as ad
    import app.training.data_folder as dfold

    def gated_adapt(base, inks, labels, config, report, cancel, **more):
        cancel.wait(60)
        gate.hold(cancel)
        return types.SimpleNamespace(cancelled=True)

    def gated_download(folder, report=None, cancel=None):
        cancel.wait(60)
        gate.hold(cancel)
        raise InterruptedError("download cancelled")

    monkeypatch.setattr(ad, "adapt", gated_adapt)
    monkeypatch.setattr(dfold, "download_mnist", gated_download)
    yield gate
    gate.release.set()


def running_adapt(window, qtbot):
    for label, stroke in [(1, [[10, 0], [10, 60]]), (7, [[0, 0], [40, 0], [10, 60]])]:
        SampleStore().add([stroke], label)
    dialog = window.handwriting.show_adapt()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.is_running()
    return dialog


def running_download(window, qtbot):

    dialog = window.open_train_dialog()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.form.folder.download_button, Qt.MouseButton.LeftButton)
    assert dialog.is_running() and dialog.form.folder.is_downloading()
    return dialog


OPEN = {"adapt": (running_adapt, ADAPT_QUESTION), "download": (running_download, DOWNLOAD_QUESTION)}


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("what", sorted(OPEN))
def test_a_running_job_asks_then_stops_and_closes(what, way, window, qtbot, gate, dialogs):
    start, question = OPEN[what]
    dialog = start(window, qtbot)
    check_close(way, "running", window, dialog, qtbot, gate, dialogs, question)
    assert not [d for d in dialogs if d[0] == "error"]  # a job the user stopped is no failure to report


@pytest.mark.parametrize("way", ["button", "esc", "titlebar", "window", "ctrl_q"])
@pytest.mark.parametrize("what", sorted(OPEN))
def test_answering_no_keeps_the_job_running(what, way, window, qtbot, gate, monkeypatch):
    monkeypatch.setattr(messages, "ask", lambda parent, title, text: False)
    dialog = OPEN[what][0](window, qtbot)
    close_by(way, window, dialog, qtbot)
    qtbot.wait(100)
    assert dialog.isVisible() and dialog.is_running() and not dialog.is_close_pending()
    assert window.isVisible() and not window.is_close_pending()
    assert not gate.entered.is_set()  # never cancelled
    gate.release.set()
    dialog.cancel_job()  # (the Adapt dialog's Cancel button; the download has none)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30000)
    assert dialog.isVisible() and window.isVisible()  # cancelling alone closes nothing


@pytest.mark.parametrize("way", ["button", "esc", "titlebar"])
def test_the_idle_adapt_dialog_closes_without_a_question(way, window, qtbot, gate, dialogs):
    dialog = window.handwriting.show_adapt()
    qtbot.waitExposed(dialog)
    close_by(way, window, dialog, qtbot)
    assert not dialog.isVisible() and not [d for d in dialogs if d[0] == "ask"]


def test_switching_language_while_adapting_keeps_the_dialog(window, qtbot, gate, dialogs):
    from app.main import switch_language

    dialog = running_adapt(window, qtbot)
    assert switch_language(window, "zh_CN") is window  # not rebuilt under a running job
    assert dialog.isVisible() and dialog.is_running() and not [d for d in dialogs if d[0] == "ask"]
    window.settings.language = ""
    gate.release.set()
    dialog.cancel_job()  # stopped here, not by the window fixture's teardown (see test_closing.py)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=15000)


def test_closing_the_window_after_a_language_switch_while_adapting_stops_and_closes(window, qtbot, gate, dialogs):
    """The window fixture's teardown once waited 15 s for this: closing the window while an
    adaptation runs, after the language was switched, must stop the job and close."""
    from app.main import switch_language

    dialog = running_adapt(window, qtbot)
    switch_language(window, "zh_CN")
    window.settings.language = ""
    gate.release.set()
    window.close()  # asks (answered yes), cancels, and closes when the job has stopped
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=15000)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=15000)

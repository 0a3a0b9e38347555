"""Every way of closing the Train and Evaluate dialogs and the main window, in every state
(idle, running, finished, failed), with real events. The rule (app/dialogs/job_dialog.py): the GUI
thread never waits for a worker; closing asks when work would be lost, cancels, and the
dialog or window closes when the job has stopped.

A gate holds the job's thread after it has seen the cancel, until the test releases it:
a close that waited for the thread in the GUI thread would hang here (and time out).
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from app import messages

WAYS = ["button", "esc", "titlebar", "window", "quit_action", "ctrl_q"]  # QApplication.quit(): see the end
STATES = ["idle", "running", "finished", "failed"]
WINDOW_WAYS = {"window", "quit_action", "ctrl_q"}


class Gate:
    """The job, once cancelled and stopped, waits here until released (or 60 s)."""

    def __init__(self) -> None:
        self.entered, self.release = threading.Event(), threading.Event()

    def hold(self, cancel: threading.Event) -> None:
        if cancel.is_set():
            self.entered.set()
            self.release.wait(60)


@pytest.fixture
def gate(monkeypatch, predictor):
    gate = Gate()
    import app.training.job as td  # the training job the Train dialog runs

    real_train = td.train

    def gated_train(config, on_batch, on_epoch, cancel, **more):
        result = real_train(config, on_batch=on_batch, on_epoch=on_epoch, cancel=cancel, **more)
        gate.hold(cancel)  # a cancelled training returns within a batch, then waits here
        return result

    def gated_evaluate(data, cancel=None, batch_size=256, progress=None):
        cancel.wait(60)  # runs until cancelled
        gate.hold(cancel)
        return None

    monkeypatch.setattr(td, "train", gated_train)
    monkeypatch.setattr(predictor, "evaluate", gated_evaluate)
    yield gate
    gate.release.set()


def close_by(way: str, window, dialog, qtbot) -> None:
    if way == "button":
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    elif way == "esc":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    elif way == "titlebar":
        dialog.close()  # what the window manager's close button sends: a QCloseEvent
    elif way == "window":
        window.close()
    elif way == "quit_action":
        window.controls.quit.trigger()  # File > Quit
    elif way == "ctrl_q":  # pressed in the dialog: Quit is an application-wide shortcut
        dialog.activateWindow()
        qtbot.keyClick(dialog, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def open_train(window, qtbot, mnist_mini, state: str, tmp_path):
    dialog = window.open_train_dialog()
    form = dialog.form
    form.arch.setCurrentIndex(form.arch.findData("mlp"))
    form.set_data_folder(str(tmp_path / "missing" if state == "failed" else mnist_mini))
    form.epochs.setValue(1 if state == "finished" else 50)
    form.batch.setValue(16)
    form.augment.setChecked(False)
    if state == "idle":
        return dialog
    seen: list = []
    if state == "running":
        dialog.start_training()
        dialog.worker.progress.connect(seen.append)
        qtbot.waitUntil(lambda: bool(seen), timeout=60000)
    else:
        signal = dialog.trainingFinished if state == "finished" else dialog.trainingFailed
        with qtbot.waitSignal(signal, timeout=60000):
            dialog.start_training()
        qtbot.waitUntil(lambda: not dialog.is_running(), timeout=10000)
    return dialog


def open_evaluate(window, qtbot, mnist_mini, state: str, tmp_path, predictor, monkeypatch):
    dialog = window.open_evaluate_dialog(start=False)
    dialog.folder.setText(str(tmp_path / "missing" if state == "failed" else mnist_mini))
    if state == "finished":
        real = type(predictor).evaluate.__get__(predictor)
        monkeypatch.setattr(predictor, "evaluate", real)  # the real evaluation, not the gated one
        with qtbot.waitSignal(dialog.evaluated, timeout=30000):
            dialog.start()
    elif state == "failed":
        with qtbot.waitSignal(dialog.evaluationFailed, timeout=30000):
            dialog.start()
    elif state == "running":
        dialog.start()
    if state != "idle":
        qtbot.wait(50)
    if state in ("finished", "failed"):
        qtbot.waitUntil(lambda: not dialog.is_running(), timeout=10000)
    return dialog


def check_close(way, state, window, dialog, qtbot, gate, dialogs, expected_question):
    asked_before = len([d for d in dialogs if d[0] == "ask"])
    close_by(way, window, dialog, qtbot)
    asks = [d[2] for d in dialogs if d[0] == "ask"][asked_before:]
    assert asks == ([expected_question] if expected_question else [])
    if state == "running":
        # the close did not wait: the job is held at the gate and the dialog is still up
        assert gate.entered.wait(30), "the job saw the cancel"
        assert dialog.isVisible() and dialog.is_running() and dialog.is_close_pending()
        if way in WINDOW_WAYS:
            assert window.isVisible() and window.is_close_pending()
        gate.release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)
    assert not dialog.is_running()
    if way in WINDOW_WAYS:
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    else:
        assert window.isVisible()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("way", WAYS)
def test_train_dialog_closes_every_way_in_every_state(way, state, window, qtbot, mnist_mini, tmp_path, gate, dialogs):
    dialog = open_train(window, qtbot, mnist_mini, state, tmp_path)
    question = {
        "running": "Stop the training and close? The model trained so far is not kept.",
        "finished": "Close without saving the new model?",
    }.get(state)
    check_close(way, state, window, dialog, qtbot, gate, dialogs, question)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("way", WAYS)
def test_evaluate_dialog_closes_every_way_in_every_state(
    way, state, window, qtbot, mnist_mini, tmp_path, gate, dialogs, predictor, monkeypatch
):
    dialog = open_evaluate(window, qtbot, mnist_mini, state, tmp_path, predictor, monkeypatch)
    if state == "running":
        assert dialog.is_running()
    check_close(way, state, window, dialog, qtbot, gate, dialogs, None)  # nothing to lose: no question


@pytest.mark.parametrize("way", ["button", "esc", "titlebar", "window"])
def test_answering_no_keeps_the_training_and_the_window(way, window, qtbot, mnist_mini, tmp_path, gate, monkeypatch):
    monkeypatch.setattr(messages, "ask", lambda parent, title, text: False)
    dialog = open_train(window, qtbot, mnist_mini, "running", tmp_path)
    close_by(way, window, dialog, qtbot)
    qtbot.wait(100)
    assert dialog.isVisible() and dialog.is_running() and not dialog.is_close_pending()
    assert window.isVisible() and not window.is_close_pending()
    with qtbot.waitSignal(dialog.worker.stopped, timeout=30000):
        dialog.cancel_button.click()
        gate.release.set()
    assert dialog.isVisible() and window.isVisible()  # cancelling alone closes nothing


def test_keeping_an_unsaved_model_keeps_the_window_open(window, qtbot, mnist_mini, tmp_path, gate, monkeypatch):
    dialog = open_train(window, qtbot, mnist_mini, "finished", tmp_path)
    monkeypatch.setattr(messages, "ask", lambda parent, title, text: False)
    window.close()
    assert dialog.isVisible() and window.isVisible() and not window.is_close_pending()
    assert dialog.use_button.isEnabled()  # the result is still there to save


def test_closing_the_train_dialog_twice_while_stopping_asks_once(window, qtbot, mnist_mini, tmp_path, gate, dialogs):
    dialog = open_train(window, qtbot, mnist_mini, "running", tmp_path)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert gate.entered.wait(30)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    window.close()
    assert [d for d in dialogs if d[0] == "ask"] == [
        ("ask", "Train Model", "Stop the training and close? The model trained so far is not kept.")
    ]
    assert dialog.isVisible() and window.isVisible()
    gate.release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    assert not dialog.isVisible()


QUIT_SCRIPT = r"""
import sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app import messages
from app.main import create_window, ensure_app

messages.ask = lambda parent, title, text: print("asked:", text) or True
app = ensure_app()
window = create_window()
window.show()
what = sys.argv[1]
if what == "train":
    dialog = window.open_train_dialog()
    dialog.form.set_data_folder(sys.argv[2])
    dialog.form.epochs.setValue(50)
    dialog.start_training()
else:
    def until_cancelled(data, cancel=None, batch_size=256, progress=None):
        cancel.wait(60)
    window.manager.predictor.evaluate = until_cancelled
    dialog = window.open_evaluate_dialog(start=False)
    dialog.folder.setText(sys.argv[2])
    dialog.start()
dialog.worker.progress.connect(lambda p: None)
QTimer.singleShot(1500, lambda: print("running at quit:", dialog.is_running()) or QApplication.quit())
QTimer.singleShot(60000, lambda: (print("still open after 60 s"), app.exit(3)))
code = app.exec()
print("exit", code, "dialog visible:", dialog.isVisible(), "running:", dialog.is_running())
sys.exit(code)
"""


@pytest.mark.parametrize("what", ["train", "evaluate"])
def test_the_app_quits_cleanly_mid_job(what, mnist_mini, tmp_path):
    """QApplication.quit() in a running app (what the session ending or Cmd+Q sends) while
    a training or an evaluation runs: one question for the training, the job is cancelled,
    and the event loop ends with 0 once it has stopped."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(repo), "QT_QPA_PLATFORM": "offscreen", "DIGITPAD_DATA_DIR": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-c", QUIT_SCRIPT, what, str(mnist_mini)],
        env=env,
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = run.stdout
    assert run.returncode == 0, out + run.stderr
    assert "running at quit: True" in out
    assert "exit 0 dialog visible: False running: False" in out
    assert out.count("asked:") == (1 if what == "train" else 0)
    assert "Traceback" not in run.stderr


def test_opening_a_minimized_dialog_again_brings_it_back(window, qtbot):
    """Model > Train Model on a minimized (or, on X11, externally destroyed: checked by hand
    with `xdotool windowclose`) Train dialog shows it again."""
    dialog = window.open_train_dialog()
    dialog.showMinimized()
    assert dialog.isMinimized()
    assert window.open_train_dialog() is dialog
    assert dialog.isVisible() and not dialog.isMinimized()


def test_closing_mid_training_asks_once_even_when_epochs_finished(window, qtbot, mnist_mini, dialogs):
    """A newcomer closed a training after an epoch: "Stop the training and close?", Yes, then
    "Close without saving the new model?" (the cancelled run keeps its last finished epoch).
    One question per close: the first answer is the answer."""
    from model.training.train import EpochResult

    dialog = window.open_train_dialog()
    dialog.form.set_data_folder(str(mnist_mini))
    dialog.form.epochs.setValue(50)
    dialog.form.batch.setValue(16)
    epochs = []
    dialog.start_training()
    dialog.worker.progress.connect(lambda item: epochs.append(item) if isinstance(item, EpochResult) else None)
    qtbot.waitUntil(lambda: bool(epochs), timeout=90000)
    dialog.reject()  # Esc, the Close button and the title bar all come here
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60000)
    asked = [d for d in dialogs if d[0] == "ask"]
    assert [a[2] for a in asked] == ["Stop the training and close? The model trained so far is not kept."]

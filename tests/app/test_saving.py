"""Saves that fail (disk full, no permission, a folder in the way) are a message in a
dialog, never an exception or a partial file; the same save works once the cause is gone.

The disk-full case is real: the process's file size limit (RLIMIT_FSIZE, with SIGXFSZ
ignored) makes the writes fail with EFBIG as a full disk makes them fail with ENOSPC.
(The tests run as root, so a read-only folder would not stop a write.)
"""

from __future__ import annotations

import contextlib
import resource
import signal
import sys

import pytest
from PySide6.QtCore import Qt

from model.paths import models_dir

from .helpers import draw, one


@contextlib.contextmanager
def file_size_limit(limit: int):
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no truncated .pyc
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
        sys.dont_write_bytecode = writes_bytecode


def test_save_drawing_on_a_full_disk_is_a_message(window, qtbot, tmp_path, dialogs):
    draw(window.canvas, one(window.canvas)[0])
    out = tmp_path / "digit.png"
    out.write_bytes(b"the old file")
    with file_size_limit(64):
        assert window.save_drawing_to(str(out)) is False
    assert dialogs[-1][:2] == ("error", "Save Drawing") and str(out) in dialogs[-1][2]
    assert out.read_bytes() == b"the old file"  # nothing half-written replaced it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digit.png"]  # no temporary left
    assert window.save_drawing_to(str(out)) and out.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("where", ["missing_folder", "a_folder"])
def test_save_drawing_where_it_cannot_be_written_is_a_message(where, window, tmp_path, dialogs):
    draw(window.canvas, one(window.canvas)[0])
    out = tmp_path / "no" / "such" / "digit.png" if where == "missing_folder" else tmp_path
    assert window.save_drawing_to(str(out)) is False
    assert dialogs[-1][:2] == ("error", "Save Drawing")


def test_save_drawing_through_the_menu_shows_the_failure(window, qtbot, tmp_path, dialogs, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    draw(window.canvas, one(window.canvas)[0])
    target = tmp_path / "missing" / "digit.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.controls.save.trigger()
    assert dialogs and dialogs[-1][:2] == ("error", "Save Drawing")


@pytest.fixture
def trained(window, qtbot, mnist_mini):
    dialog = window.open_train_dialog()
    form = dialog.form
    form.arch.setCurrentIndex(form.arch.findData("mlp"))
    form.set_data_folder(str(mnist_mini))
    form.epochs.setValue(1)
    form.augment.setChecked(False)
    with qtbot.waitSignal(dialog.trainingFinished, timeout=60000):
        dialog.start_training()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=10000)
    return dialog


def test_save_model_on_a_full_disk_is_a_message(trained, window, qtbot, dialogs):
    before = window.manager.predictor
    with file_size_limit(4096):
        qtbot.mouseClick(trained.use_button, qtbot_left())
    assert dialogs[-1][:2] == ("error", "Save Model")
    # the system's reason (here EFBIG from the size limit) in the user's words (engine_text.error_text)
    assert dialogs[-1][2].startswith("The model could not be saved: The disk is full"), dialogs[-1][2]
    assert window.manager.predictor is before and trained.saved_path is None
    assert list(models_dir().glob("*")) == []  # no partial or temporary file (nor, maybe, the folder)
    assert trained.use_button.isEnabled() and trained.save_button.isEnabled()  # try again
    qtbot.mouseClick(trained.save_button, qtbot_left())
    assert trained.saved_path and [p.name for p in models_dir().iterdir()] == [trained.saved_path.split("/")[-1]]


def test_save_model_with_a_file_in_place_of_the_models_folder_is_a_message(trained, window, qtbot, dialogs):
    folder = models_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder")
    qtbot.mouseClick(trained.save_button, qtbot_left())
    assert dialogs[-1][:2] == ("error", "Save Model")
    assert trained.saved_path is None and folder.read_text() == "not a folder"
    assert str(folder) in dialogs[-1][2]  # the reason names the place


def qtbot_left():
    return Qt.MouseButton.LeftButton

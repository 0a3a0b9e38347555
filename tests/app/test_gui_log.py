"""What goes wrong in the app reaches the log file meant for bug reports (a newcomer
found only "DigitPad starting" there): every error box, and every background job's
start, cancel, failure and end."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox

from app import messages
from app.worker import Worker

REAL_ERROR = messages.error  # tests/app/conftest.py records message boxes instead of showing them


def test_error_boxes_are_logged(qtbot, caplog, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)  # no modal loop in a test
    with caplog.at_level(logging.INFO):
        REAL_ERROR(None, "Open Image", "photo.png could not be read:\nnot an image", details="cannot identify")
    assert "Open Image: photo.png could not be read: not an image (cannot identify)" in caplog.text


def test_worker_jobs_are_logged(qtbot, caplog):
    def fails(report, cancel):
        raise ValueError("the folder has no MNIST files")

    def cancelled(report, cancel):
        cancel.wait(5)
        return None

    with caplog.at_level(logging.INFO):
        bad = Worker(fails, name="evaluation", classify=lambda exc: ("data", str(exc)))
        with qtbot.waitSignal(bad.stopped, timeout=5000):
            bad.start()
        slow = Worker(cancelled, name="training")
        with qtbot.waitSignal(slow.stopped, timeout=5000):
            slow.start()
            slow.cancel()
    assert "evaluation: started" in caplog.text
    assert "evaluation: failed (data): the folder has no MNIST files" in caplog.text
    assert "training: cancel asked" in caplog.text and "training: stopped (cancelled)" in caplog.text

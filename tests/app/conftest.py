"""Fixtures for the app tests: a window on the offscreen platform, real mouse drawing,
and message boxes that record instead of blocking."""

from __future__ import annotations

import pytest

from app import messages
from app.settings import Settings


@pytest.fixture(scope="session")
def predictor():
    from model.predictor import Predictor

    return Predictor.load()


@pytest.fixture(autouse=True)
def dialogs(monkeypatch) -> list[tuple[str, str, str]]:
    """Every message box is recorded as (kind, title, text) and answered without blocking."""
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(messages, "error", lambda parent, title, text, details="": shown.append(("error", title, text)))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: shown.append(("info", title, text)))

    def ask(parent, title, text):
        shown.append(("ask", title, text))
        return True

    monkeypatch.setattr(messages, "ask", ask)

    def ask_text(parent, title, label, text=""):
        shown.append(("ask_text", title, label))
        return text  # the suggestion, as if the user pressed OK

    monkeypatch.setattr(messages, "ask_text", ask_text)
    return shown


@pytest.fixture
def settings() -> Settings:
    return Settings()  # an ini file in the per-test DIGITPAD_DATA_DIR (tests/conftest.py)


@pytest.fixture
def window(qtbot, predictor, settings):
    from app.main import create_window

    win = create_window(predictor=predictor, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    from app.dialogs.job_dialog import JobDialog

    dialogs = win.findChildren(JobDialog)
    for dialog in dialogs:
        dialog.cancel_job()  # never waits: the jobs stop at their next check
    qtbot.waitUntil(lambda: not any(d.is_running() for d in dialogs), timeout=15000)

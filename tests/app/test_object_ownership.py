"""Every QObject of a window is owned by Qt (has a parent), so it is destroyed with the
window in the GUI thread. A parentless one is destroyed by Python's garbage collector in
whichever thread runs it; a QObject destroyed outside the GUI thread leaves its timers
registered ("Timers cannot be stopped from another thread") and the GUI thread crashed on
them later: closing a window while its model was still loading did that."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QObject

ROOT = Path(__file__).resolve().parents[2]


def _parentless(root: QObject) -> list[str]:
    found, seen = [], set()

    def walk(obj, path: str, depth: int) -> None:
        if depth > 3 or id(obj) in seen or not hasattr(obj, "__dict__"):
            return
        seen.add(id(obj))
        for name, value in list(vars(obj).items()):
            if isinstance(value, QObject) and value is not root:
                if value.parent() is None and not (hasattr(value, "isWindow") and value.isWindow()):
                    found.append(f"{path}.{name} ({type(value).__name__})")
                walk(value, f"{path}.{name}", depth + 1)

    walk(root, "window", 0)
    return found


def test_every_qobject_of_the_window_has_a_parent(window):
    assert _parentless(window) == []


def test_every_qobject_of_the_dialogs_has_a_parent(window, qtbot):
    qtbot.waitUntil(lambda: window.manager.engine_ready, timeout=60000)
    dialogs = [window.open_train_dialog(), window.open_evaluate_dialog(start=False)]
    window.handwriting.show_gallery()
    dialogs.append(window.handwriting.gallery)
    for dialog in dialogs:
        assert dialog is not None and dialog.parent() is window
        assert _parentless(dialog) == [], type(dialog).__name__


def test_a_new_language_window_takes_over_the_shared_objects(qtbot, predictor, settings):
    from PySide6.QtCore import QCoreApplication, QEvent

    from app.main import create_window, switch_language
    from app.translations import install_translators

    from .helpers import draw, one

    window = create_window(predictor=predictor, settings=settings)  # deleted by the switch
    window.show()
    qtbot.waitExposed(window)
    try:
        new = switch_language(window, "zh_CN")
        qtbot.addWidget(new)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the old window goes
        assert new.manager.parent() is new and new.ink.parent() is new
        assert _parentless(new) == []
        draw(new.canvas, one(new.canvas)[0])
        qtbot.waitUntil(lambda: new.panel.digit.text() == "1", timeout=5000)
    finally:
        install_translators("en")


CLOSE_WHILE_LOADING = r"""
import gc, os, sys, tempfile
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["DIGITPAD_DATA_DIR"] = tempfile.mkdtemp()
from app import main
from PySide6.QtCore import QEventLoop, QTimer
app = main.ensure_app(sys.argv[:1])

def spin(ms):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()

for wait in (50, 300, 700):  # closed at different moments of the model's loading
    win = main.create_window(background=True)
    win.show()
    spin(wait)
    win.close()
    win.deleteLater()
    del win
    spin(20)
    gc.collect()
spin(5000)  # the loaders finish (and drop their last references) in their threads
print("survived")
"""


def test_closing_windows_while_their_model_loads_crashes_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", CLOSE_WHILE_LOADING], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"
    assert "another thread" not in result.stderr, result.stderr[-2000:]

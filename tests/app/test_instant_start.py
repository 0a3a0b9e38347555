"""Instant start: the window is usable before torch is imported; torch and the model
load in one background thread; recognition and the dialogs follow when it is ready."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from .helpers import draw, one, seven

REPO = Path(__file__).resolve().parents[2]


def _run(code: str, tmp_path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", DIGITPAD_DATA_DIR=str(tmp_path))
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], env=env, cwd=REPO, capture_output=True, text=True, timeout=300
    )


def test_the_start_path_imports_no_torch(tmp_path):
    out = _run(
        """
        import sys
        from app import main
        app = main.ensure_app()
        window = main.create_window(background=True)
        window.show()
        app.processEvents()
        print("torch" in sys.modules, "numpy" in sys.modules or "loader-only", sep=",")
    """,
        tmp_path,
    )
    assert out.returncode == 0, out.stderr
    # torch may already be in sys.modules only if the loader thread imported it meanwhile;
    # the entry modules themselves must not import it: check them without starting the loader
    out = _run(
        """
        import sys
        import app.main, app.window.main_window, app.models.model_manager, app.window.actions, app.drawing.canvas, app.prediction.charts
        print(sorted(m for m in ("torch", "numpy", "model.predictor") if m in sys.modules))
    """,
        tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_torch_is_imported_by_the_loader_thread_only(tmp_path):
    """Every torch module (including the training ones imported lazily) is imported in one
    thread, while the window takes ink and the Train dialog waits for the engine."""
    out = _run(
        """
        import sys, threading
        importers = set()

        class Spy:
            def find_spec(self, name, path=None, target=None):
                if name == "torch" or name.startswith("torch."):
                    importers.add(threading.current_thread().name)
                return None

        sys.meta_path.insert(0, Spy())
        from PySide6.QtCore import QTimer
        from app import main
        app = main.ensure_app()
        window = main.create_window(background=True)
        window.show()
        assert window.manager.predictor is None
        window.ink.begin_stroke(100, 50); window.ink.extend_stroke(100, 250); window.ink.end_stroke()
        assert window.open_train_dialog() is None and window.train_dialog is None  # waits for the engine
        window.manager.engineReady.connect(lambda: QTimer.singleShot(0, lambda: app.exit(0)))
        QTimer.singleShot(240000, lambda: app.exit(1))
        app.exec()
        print(sorted(importers))
        print(window.train_dialog is not None, window.recognizer.last is not None and window.recognizer.last.digit)
        window.train_dialog.close()
    """,
        tmp_path,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines[0] == "['digitpad-engine-loader']"
    assert lines[1] == "True 1"  # the dialog opened by itself; the early stroke was recognized


def test_the_canvas_takes_ink_while_the_model_loads(qtbot, settings):
    from app.main import create_window

    win = create_window(settings=settings, background=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    draw(win.canvas, seven(win.canvas)[0])  # before the model is there
    assert len(win.ink.strokes) == 1
    if win.manager.predictor is None and win.manager.bridge is None:  # neither torch nor the NumPy bridge yet
        assert "Loading" in win.model_label.text()
        assert win.panel.digit.text() == ""
    qtbot.waitUntil(lambda: win.manager.engine_ready, timeout=120000)
    assert win.panel.digit.text() == "7"
    assert "digitnet" in win.model_label.text()


def test_an_image_opened_at_start_is_recognized_when_the_model_is_ready(qtbot, settings, mnist_mini, tmp_path):
    from app.main import create_window

    from .test_recognition import write_mnist_png

    path, label = write_mnist_png(mnist_mini, tmp_path, index=3)
    win = create_window(settings=settings, background=True)
    qtbot.addWidget(win)
    win.open_image(str(path))
    qtbot.waitUntil(lambda: win.panel.digit.text() != "", timeout=120000)
    assert win.panel.digit.text() == str(label) and path.name in win.panel.caption.text()


def test_a_bad_model_named_at_start_falls_back_with_a_message(qtbot, settings, tmp_path, monkeypatch):
    from app import messages
    from app.main import create_window

    shown = []
    monkeypatch.setattr(messages, "error", lambda parent, title, text, details="": shown.append((text, details)))
    bad = tmp_path / "broken.pt"
    bad.write_bytes(b"not a checkpoint")
    win = create_window(settings=settings, background=True, model_path=str(bad))
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.manager.predictor is not None, timeout=120000)
    assert win.manager.is_bundled() and settings.model_path == ""
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)  # named on the command line: a message box
    ((text, details),) = shown
    assert "--model" in text and "bundled" in text, text
    assert "broken.pt" in details, details
    draw(win.canvas, one(win.canvas)[0])
    qtbot.waitUntil(lambda: win.panel.digit.text() == "1", timeout=5000)

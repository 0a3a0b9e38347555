"""`digitpad` starts the engine's background loading only once the window is on screen
and painted: the loader thread's imports hold Python's GIL and would slow the first paint."""

from __future__ import annotations

from .test_instant_start import _run


def test_the_engine_starts_loading_after_the_first_paint(tmp_path):
    out = _run(
        """
        import os, sys
        from PySide6.QtCore import QTimer
        from app import main
        from app.canvas import InkCanvas
        from app.model_manager import ModelManager

        painted = []
        paint = InkCanvas.paintEvent
        def spy_paint(self, event):
            painted.append(1)
            paint(self, event)
        InkCanvas.paintEvent = spy_paint

        def spy_loading(self, path=None):
            window = next(iter(main._windows))
            print("exposed", window.windowHandle().isExposed(), "painted", bool(painted), flush=True)
            os._exit(0)
        ModelManager.start_loading = spy_loading
        QTimer.singleShot(60000, lambda: os._exit(3))
        main.run_app([])
        os._exit(2)
    """,
        tmp_path,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip() == "exposed True painted True"

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
        from app.drawing.canvas import InkCanvas
        from app.models.model_manager import ModelManager

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


def test_the_loader_reports_the_model_first_and_warms_up_the_rest_after_its_first_use(monkeypatch):
    """The first recognition waits only for what a drawing needs: the model is reported after a
    batch-1 warm-up; the larger batch sizes and the training modules' imports (which hold the
    GIL) wait until the GUI thread has used the model."""
    import threading
    import time

    from app.models import model_loading
    from model.predictor import Predictor
    from model.segmentation.number_ink import FORWARD_CHUNK

    calls = []
    monkeypatch.setattr(Predictor, "warm_up", lambda self, largest=FORWARD_CHUNK: calls.append(largest))
    monkeypatch.setattr(model_loading, "FIRST_USE_WAIT_SECONDS", 60.0)
    in_use, cancel, reports = threading.Event(), threading.Event(), []
    job = model_loading.load_job("", in_use)
    thread = threading.Thread(target=job, args=(lambda item, last=False: reports.append(item), cancel), daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not reports and time.monotonic() < deadline:
        time.sleep(0.01)
    assert reports and reports[0][0] == "model"
    time.sleep(0.3)
    assert calls == [1] and thread.is_alive()  # waiting for the first use
    in_use.set()
    thread.join(120)
    assert not thread.is_alive() and calls == [1, FORWARD_CHUNK]


def test_the_engine_is_imported_without_pysides_import_hook():
    """PySide6 wraps every import of the process (its __feature__ hook on builtins.__import__),
    which made the loader's `import torch` about 0.15 s slower; the loader imports the engine
    with Python's own import function (kept by `import app` before Qt), then puts the hook back."""
    import subprocess
    import sys
    from pathlib import Path

    probe = (
        "import builtins; plain = builtins.__import__\n"
        "import app\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from app.models.model_loading import plain_imports\n"
        "hooked = builtins.__import__\n"
        "assert hooked is not plain, 'PySide6 no longer hooks imports: plain_imports can go'\n"
        "with plain_imports():\n"
        "    assert builtins.__import__ is plain\n"
        "    import json\n"
        "assert builtins.__import__ is hooked\n"
        "try:\n"
        "    with plain_imports():\n"
        "        raise KeyError\n"
        "except KeyError:\n"
        "    pass\n"
        "assert builtins.__import__ is hooked\n"
        "print('ok')\n"
    )
    repo = Path(__file__).resolve().parents[2]
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=repo)
    assert run.stdout.strip() == "ok", run.stderr

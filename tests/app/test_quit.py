"""Quitting the real app (app.main.run_app) ends the process at once (app.main.exit_now:
nc3 fault 12, the process lived 2.7-10 s after its window closed) and loses nothing: the
settings and the log are written, and the exit code is the event loop's. The time itself
is measured by bench/quit_latency.py (no timing assertion here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import logging, sys, threading
from PySide6.QtCore import QTimer
import app.main as m

def close_window():
    window = next(iter(m._windows))
    window.controls.pen_width.setValue(23)  # a setting changed just before quitting
    logging.getLogger("app.quit_test").info("closing now")
    threading.Thread(target=threading.Event().wait, name="never-ends", daemon=False).start()  # would hold a normal exit
    window.close()

m.ensure_app()  # the timer needs the application run_app will use
QTimer.singleShot(1500, close_window)
code = m.run_app([])
print("run_app returned", code)  # not reached: the process exits from run_app
"""


def test_quitting_exits_at_once_and_keeps_settings_and_log(tmp_path):
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(repo), "QT_QPA_PLATFORM": "offscreen", "DIGITPAD_DATA_DIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=repo, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "run_app returned" not in run.stdout  # the process ended in run_app (a non-daemon thread did not hold it)
    assert "Traceback" not in run.stderr
    settings = (tmp_path / "settings.ini").read_text()
    assert "23" in settings and "geometry" in settings.lower()
    log = (tmp_path / "logs" / "digitpad.log").read_text()
    assert "closing now" in log  # flushed before the exit

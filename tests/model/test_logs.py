"""The log file the README promises: written by the command line into the data folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_command_line_writes_the_log_file(tmp_path):
    env = {"DIGITPAD_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-m", "app", "predict", str(tmp_path / "missing.png")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    log = (tmp_path / "logs" / "digitpad.log").read_text(encoding="utf-8")
    assert "digitpad predict" in log


def test_unwritable_log_folder_does_not_stop_the_command_line(tmp_path):
    (tmp_path / "logs").write_text("not a folder")  # mkdir fails
    env = {"DIGITPAD_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-m", "app", "predict", str(tmp_path / "missing.png")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert '"error"' in out.stdout and "Traceback" not in out.stderr

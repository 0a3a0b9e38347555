"""The log file the README promises: written by the command line into the data folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _predict_missing_image(data_dir: Path) -> subprocess.CompletedProcess:
    env = {"DIGITPAD_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "app", "predict", str(data_dir / "missing.png")]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_command_line_writes_the_log_file(tmp_path):
    out = _predict_missing_image(tmp_path)
    assert out.returncode == 0, out.stderr
    log = (tmp_path / "logs" / "digitpad.log").read_text(encoding="utf-8")
    assert "digitpad predict" in log


def test_unwritable_log_folder_does_not_stop_the_command_line(tmp_path):
    (tmp_path / "logs").write_text("not a folder")  # mkdir fails
    out = _predict_missing_image(tmp_path)
    assert out.returncode == 0, out.stderr
    assert '"error"' in out.stdout and "Traceback" not in out.stderr


def test_a_log_file_that_cannot_grow_prints_no_logging_tracebacks(tmp_path):
    """A full disk (here: a file size limit below the log's size) drops log records quietly."""
    import resource
    import signal

    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "digitpad.log").write_text("x" * 4096)

    def limit_file_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    env = {"DIGITPAD_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # under the limit Python would write a truncated .pyc for the next run
    command = [sys.executable, "-m", "app", "evaluate", "--model", str(tmp_path / "missing.pt")]
    out = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120, preexec_fn=limit_file_size
    )
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [f"digitpad evaluate: error: no checkpoint at {tmp_path / 'missing.pt'}"]

"""The self-test's window check (app/selftest.py check_window) fails when the app cannot be
imported or its window does not show: `--self-test` then exits non-zero."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app import selftest

REPO = Path(__file__).resolve().parents[2]

# Runs only the window check through selftest.main(), as `DigitPad --self-test` would;
# BREAK=1 makes `app.main` unimportable first (None in sys.modules: import raises ImportError).
WINDOW_ONLY = """
    import os, sys
    if os.environ.get("BREAK") == "1":
        sys.modules["app.main"] = None
    from app import selftest
    selftest.CHECKS = [(name, check) for name, check in selftest.CHECKS if name == "main window"]
    sys.exit(selftest.main([]))
"""


def _self_test(tmp_path, broken: bool) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), DIGITPAD_DATA_DIR=str(tmp_path), BREAK="1" if broken else "0")
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(WINDOW_ONLY)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("broken", [False, True], ids=["app-imports", "app-import-broken"])
def test_the_window_check_fails_when_the_app_cannot_be_imported(tmp_path, broken):
    result = _self_test(tmp_path, broken)
    if broken:
        assert result.returncode == 1, result.stdout + result.stderr
        assert "FAIL  main window: ModuleNotFoundError" in result.stdout and "self-test FAILED" in result.stdout
    else:  # the control: the same run with the app intact passes
        assert result.returncode == 0, result.stdout + result.stderr
        assert "PASS  main window: main window 'DigitPad' created" in result.stdout


def test_the_window_check_fails_when_the_window_does_not_show(monkeypatch, qapp):
    import app.main

    class Hidden:
        def show(self) -> None:
            pass  # a window that never appears

        def isVisible(self) -> bool:
            return False

    monkeypatch.setattr(app.main, "create_window", lambda: Hidden())
    with pytest.raises(selftest.CheckFailed, match="did not show"):
        selftest.check_window({})

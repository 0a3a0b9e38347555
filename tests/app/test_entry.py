"""The `digitpad` command as a person types it: a mistyped command is a usage error, not
the app; the app without a display says so in one line. Run through subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.entry import display_problem, opens_app

REPO = Path(__file__).resolve().parents[2]


def digitpad(*args: str, env_drop=(), env_add=None, timeout=60) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in env_drop}
    env.update({"PYTHONPATH": str(REPO), **(env_add or {})})
    return subprocess.run(
        [sys.executable, "-m", "app", *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.parametrize("words", [["evalute", "--data", "x"], ["adpat", "me.pt"], ["trian"]])
def test_a_mistyped_command_is_a_usage_error(words):
    run = digitpad(*words)  # QT_QPA_PLATFORM=offscreen here: the bug waited forever (timeout)
    assert run.returncode == 2
    assert "usage: digitpad" in run.stderr and "invalid choice" in run.stderr and words[0] in run.stderr
    assert run.stdout == "" and "Traceback" not in run.stderr


@pytest.mark.parametrize("platform_env", [{}, {"XDG_SESSION_TYPE": "x11"}])
def test_the_app_without_a_display_says_so_in_one_line(platform_env):
    run = digitpad(env_drop=("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"), env_add=platform_env)
    assert run.returncode != 0 and run.returncode > 0  # not a signal (Qt's abort was a core dump)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("digitpad: no display") and "digitpad --help" in lines[0]


def test_headless_commands_still_work_without_a_display(tmp_path):
    run = digitpad("--help", env_drop=("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    assert run.returncode == 0 and "usage: digitpad" in run.stdout


def test_a_folder_or_a_missing_image_is_one_clear_line(tmp_path):
    """They were argparse's "argument COMMAND: invalid choice: '/tmp/x.png'" (a newcomer's find)."""
    missing = tmp_path / "no-such-image.png"
    for path, line in (
        (tmp_path, f"digitpad: {tmp_path} is a folder, not an image to open"),
        (missing, f"digitpad: no such file: {missing}"),
    ):
        run = digitpad(str(path))
        assert run.returncode == 2 and run.stdout == ""
        assert run.stderr.strip().splitlines() == [line]


def test_what_opens_the_app(tmp_path):
    image = tmp_path / "seven.png"
    image.write_bytes(b"png")
    assert opens_app(str(image)) and opens_app("--model") and opens_app("-style")
    assert not opens_app("evalute") and not opens_app(str(tmp_path))  # a folder is no image
    assert not opens_app(str(tmp_path / "missing.png"))


def test_display_detection():
    assert display_problem({}, "linux").startswith("no display")
    assert display_problem({"DISPLAY": ":0"}, "linux") == ""
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") == ""
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ""
    assert display_problem({}, "win32") == "" and display_problem({}, "darwin") == ""


def test_ctrl_c_before_a_command_starts_is_one_line(monkeypatch, capsys):
    """An interrupt while torch is still importing (before the command's own handling)."""
    from app import entry

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr("cli.main.main", interrupted)
    assert entry.main(["train", "--help"]) == 130
    assert capsys.readouterr().err == "digitpad: interrupted\n"

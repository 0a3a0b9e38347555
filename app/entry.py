"""The `digitpad` command: no arguments opens the app; train/evaluate/predict/adapt/samples run headless.

`--self-test` runs app.selftest offscreen (exit 0 only if the build works); `--version`
prints the version without importing Qt or torch.

The app opens for no argument, an option (`--model`, Qt's own `-style`...) or an existing
file (an image to recognize). Any other first word is a mistyped command (`digitpad
evalute`): the command line's usage error (exit 2), never the app. Without a display (on
Linux: no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM) the app says so in one line and
exits with EXIT_NO_DISPLAY instead of letting Qt abort.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

EXIT_BAD_PATH = 2  # as a usage error
HEADLESS_COMMANDS = {"train", "evaluate", "predict", "adapt", "samples"}
EXIT_NO_DISPLAY = 1
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl+C before a command's own handling (e.g. while torch imports)
        print("digitpad: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "--self-test":
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import
        from app.selftest import main as selftest_main

        return selftest_main(args[1:])
    if args and args[0] == "--version":
        from cli.version import package_version  # no Qt, no torch

        print(f"DigitPad {package_version()}")
        return 0
    bad_path = (
        not_an_image_path(args[0]) if args and args[0] not in HEADLESS_COMMANDS and not opens_app(args[0]) else ""
    )
    if bad_path:
        print(bad_path, file=sys.stderr)
        return EXIT_BAD_PATH
    if args and (args[0] in HEADLESS_COMMANDS or args[0] in {"-h", "--help"} or not opens_app(args[0])):
        from cli.main import main as cli_main  # no Qt is imported on this path

        return cli_main(args)  # a mistyped command: argparse's usage error, exit 2
    problem = display_problem()
    if problem:
        print(f"digitpad: {problem}", file=sys.stderr)
        return EXIT_NO_DISPLAY
    from app.main import run_app

    return run_app(args)


def opens_app(first: str) -> bool:
    """Whether the first argument is for the app: an option, or an existing file to open."""
    return first.startswith("-") or os.path.isfile(first)


def not_an_image_path(first: str) -> str:
    """One line when the first argument names a folder or a file that is not there (the command
    line said "argument COMMAND: invalid choice: '/tmp/x.png'"); "" for anything else (a
    mistyped command gets argparse's usage error)."""
    if os.path.isdir(first):
        return f"digitpad: {first} is a folder, not an image to open"
    if not os.path.exists(first) and (os.sep in first or "." in first):  # a command is a bare word
        return f"digitpad: no such file: {first}"
    return ""


def display_problem(environ=os.environ, platform: str = sys.platform) -> str:
    """ "" if the app can show a window; else one line saying why not and what to do."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return ""  # Windows and macOS always have a screen; an explicit Qt platform is trusted
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return ""
    return (
        "no display to open the app on (DISPLAY and WAYLAND_DISPLAY are not set); "
        "run it in a desktop session, or use the command line: digitpad train|evaluate|predict (see digitpad --help)"
    )

"""The `digitpad` command: no arguments opens the app; train/evaluate/predict/adapt/samples run headless.

`--self-test` runs app.selftest offscreen (exit 0 only if the build works); `--version`
prints the version without importing Qt or torch.
"""

from __future__ import annotations

import os
import sys
from typing import Sequence

HEADLESS_COMMANDS = {"train", "evaluate", "predict", "adapt", "samples"}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "--self-test":
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import
        from app.selftest import main as selftest_main

        return selftest_main(args[1:])
    if args and args[0] == "--version":
        print(f"DigitPad {_version()}")
        return 0
    if args and (args[0] in HEADLESS_COMMANDS or args[0] in {"-h", "--help"}):
        from cli.main import main as cli_main  # no Qt is imported on this path

        return cli_main(args)
    from app.main import run_app

    return run_app(args)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("digitpad")
    except PackageNotFoundError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())

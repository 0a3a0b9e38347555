"""The `digitpad` command: no arguments opens the app; train/evaluate/predict run headless."""

from __future__ import annotations

import sys
from typing import Sequence

HEADLESS_COMMANDS = {"train", "evaluate", "predict"}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (args[0] in HEADLESS_COMMANDS or args[0] in {"-h", "--help"}):
        from model.cli import main as cli_main  # no Qt is imported on this path

        return cli_main(args)
    from app.main import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())

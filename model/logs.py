"""DigitPad's log file: a rotating `digitpad.log` in the user's data folder (`logs/`).

Every module logs through `logging.getLogger(__name__)`; `configure_logging` is called
once by each entry point (the app, the command line). A log folder that cannot be
written never stops DigitPad: it then logs to nowhere, and a log write that fails
(a full disk) is dropped without a word on the terminal.
"""

from __future__ import annotations

import logging
import logging.handlers

from .paths import logs_dir

LOG_FILE = "digitpad.log"
LOG_MAX_BYTES = 1_000_000  # per file
LOG_BACKUPS = 3  # digitpad.log.1 .. .3
PACKAGES = ("model", "app", "cli")  # the loggers that go to the file
LOG_FORMAT = "%(asctime)s %(process)d %(threadName)s %(levelname)s %(name)s: %(message)s"


_handler: logging.Handler | None = None


class _QuietFileHandler(logging.handlers.RotatingFileHandler):
    """The log file, whose failed writes (a full disk, a file size limit) are dropped:
    logging's default prints "--- Logging error ---" and a traceback on the user's
    terminal for every record, burying the one line that says what went wrong."""

    def handleError(self, record: logging.LogRecord) -> None:
        return None


def configure_logging(component: str, level: int = logging.INFO) -> logging.Logger:
    """Send the `model`, `app` and `cli` loggers to the rotating log file and return the
    logger named `component`. Safe to call more than once (one handler is made)."""
    global _handler
    if _handler is None:
        try:
            folder = logs_dir()
            folder.mkdir(parents=True, exist_ok=True)
            _handler = _QuietFileHandler(
                folder / LOG_FILE, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
            )
        except OSError:  # a read-only or full data folder: DigitPad still runs, unlogged
            _handler = logging.NullHandler()
        _handler.setFormatter(logging.Formatter(LOG_FORMAT))
        for package in PACKAGES:
            logger = logging.getLogger(package)
            logger.setLevel(level)
            logger.addHandler(_handler)
    return logging.getLogger(component)

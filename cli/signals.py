"""How a command stops on a signal: SIGINT (Ctrl+C), SIGTERM and SIGHUP end it with exit
status 128 + the signal's number (130, 143, 129), the status a shell reports for a
process the signal killed, so scripts and service managers can tell what happened.

Outside a long job's own handling (`interruptible`), the first such signal raises
`Interrupted` where the command is, so its cleanups run (a half-written temporary file
is removed, the old file stays) and cli/main.py prints one line; later signals are
ignored while it stops. Training and adaptation use `StopSignals` instead: the signal
only sets their cancel event, they stop within one step and save what is finished.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))


def exit_status(signum: int) -> int:
    """128 + the signal's number: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP."""
    return 128 + int(signum)


class Interrupted(KeyboardInterrupt):
    """A stop signal arrived; `signum` says which (a KeyboardInterrupt, so Ctrl+C's
    handling covers all three)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = int(signum)


def signal_of(exc: KeyboardInterrupt) -> int:
    """The signal behind exc: Interrupted's, else SIGINT (Python's own Ctrl+C)."""
    return getattr(exc, "signum", signal.SIGINT)


@contextmanager
def interruptible() -> Iterator[None]:
    """While active, the first stop signal raises Interrupted; later ones are ignored."""
    stopping = threading.Event()

    def handle(signum: int, _frame: Any) -> None:
        if not stopping.is_set():
            stopping.set()
            raise Interrupted(signum)

    previous = {sig: signal.signal(sig, handle) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class StopSignals:
    """While active, SIGINT/SIGTERM/SIGHUP set `event` instead of ending the process;
    `received` lists them (names), `exit_status` is 128 + the first one's number."""

    def __init__(self, event: threading.Event) -> None:
        self.event = event
        self.received: list[str] = []
        self._first: int | None = None
        self._previous: dict[int, Any] = {}

    def _handle(self, signum: int, _frame: Any) -> None:
        self.received.append(signal.Signals(signum).name)
        if self._first is None:
            self._first = int(signum)
        self.event.set()

    @property
    def exit_status(self) -> int:
        return exit_status(self._first if self._first is not None else signal.SIGINT)

    def __enter__(self) -> StopSignals:
        for sig in STOP_SIGNALS:
            self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

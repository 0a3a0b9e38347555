"""The command line's argument parser: single-value options refuse to be given twice.

argparse keeps the last of `--ink A --ink B` silently, so a user who meant both files got
the results of one. Here every plain `store` option (the default action) of the parser
and of its subcommands says "given twice" instead; options that may repeat ask for
action="append" themselves (`digitpad predict --ink`).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

_GIVEN = "_digitpad_options_given"  # namespace attribute while parsing; removed afterwards


class _StoreOnce(argparse._StoreAction):
    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        given: set[str] = getattr(namespace, _GIVEN, None) or set()
        if option_string is not None and self.dest in given:
            raise argparse.ArgumentError(self, "given twice: give it once")
        given.add(self.dest)
        setattr(namespace, _GIVEN, given)
        super().__call__(parser, namespace, values, option_string)


class Parser(argparse.ArgumentParser):
    """argparse.ArgumentParser (and the class of its subcommands' parsers) whose plain
    options may be given once: a second one exits with status 2 and one line, as any
    usage error does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", None, _StoreOnce)
        self.register("action", "store", _StoreOnce)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if hasattr(parsed, _GIVEN):
            delattr(parsed, _GIVEN)
        return parsed, extras

"""A checkpoint's descriptive metadata, bounded for showing: the status bar, the model card,
the saved-model list and the command line all read a checkpoint through
model/checkpoints/checkpoint.py read_checkpoint, which calls bound_metadata once.

model/checkpoints/checkpoint_limits.py keeps the metadata small enough to load (bounded sizes and
depth); this keeps each shown value sensible: an accuracy is a finite number in [0, 1], a
number is finite and of a size a count or a loss can have, a text is at most
MAX_SHOWN_TEXT characters, a date is an ISO date. A value that is none of these is
dropped (logged): the weights are still usable, only the claim about them is not.
"""

from __future__ import annotations

import datetime as _dt
import logging
import math
from typing import Any

log = logging.getLogger(__name__)

MAX_SHOWN_TEXT = 200  # characters of a metadata text kept for showing (a data source line is ~130)
MAX_SHOWN_NUMBER = 1e12  # larger than any count of images or any loss a training reports
MAX_DATE_TEXT = 64  # an ISO date with time and offset is 25 characters
ACCURACY_KEYS = ("before", "after")  # besides every key ending in "accuracy" (adapt_before, ...)
DATE_KEYS = ("created", "base_created")


def bound_metadata(ckpt: dict[str, Any], name: str) -> None:
    """Bound in place the checkpoint's "created" date and the top-level values of its
    "metrics" and "adapt" tables (see the module doc); logs one warning naming what was dropped."""
    dropped = _bound_table(ckpt, name, keys=("created",))
    for table in ("metrics", "adapt"):
        if isinstance(ckpt.get(table), dict):
            dropped += [f"{table}.{key}" for key in _bound_table(ckpt[table], name)]
    if dropped:
        log.warning("%s: left out metadata that cannot be shown: %s", name, ", ".join(dropped))


def _bound_table(table: dict[str, Any], name: str, keys: tuple[str, ...] | None = None) -> list[str]:
    dropped = []
    for key in list(keys if keys is not None else table):
        if key not in table:
            continue
        value = _bounded(str(key), table[key])
        if value is _DROP:
            del table[key]
            dropped.append(str(key)[:40])
        else:
            table[key] = value
    return dropped


_DROP = object()


def _bounded(key: str, value: Any) -> Any:
    """The value to keep under `key`, clipped, or _DROP."""
    if key in DATE_KEYS:
        return value if isinstance(value, str) and value == "" or _is_date(value) else _DROP
    if key.endswith("accuracy") or key.endswith(ACCURACY_KEYS):
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        return value if number and math.isfinite(value) and 0 <= value <= 1 else _DROP
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return value if math.isfinite(value) and abs(value) <= MAX_SHOWN_NUMBER else _DROP
    if isinstance(value, str):
        return value if len(value) <= MAX_SHOWN_TEXT else value[: MAX_SHOWN_TEXT - 1] + "…"
    return value  # lists and tables: bounded in size by checkpoint_limits.check_plain, not shown as such


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > MAX_DATE_TEXT:
        return False
    try:
        _dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True

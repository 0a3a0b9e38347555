"""Words for what is wrong with a line of a JSON Lines file (inks, kept drawings), shared by
every reader so that each says it the same way."""

from __future__ import annotations

import json
from typing import Any


def json_error(exc: json.JSONDecodeError) -> str:
    """'not valid JSON (Invalid control character at column 12)': the decoder's reason with
    its column on the line (json's own msg alone ends mid-sentence: "... starting at").
    A line cut short is wrong at its end, not at column 1 of the next line (the decoder
    counts the line's own newline): 'Expecting value at column 21, the end of the line'."""
    text = exc.doc.rstrip("\r\n")
    pos = min(exc.pos, len(text))
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    where = f"at column {column}, the end of the line" if exc.pos >= len(text) else f"at column {column}"
    return f"not valid JSON ({exc.msg.removesuffix(' at')} {where})"


def not_utf8(exc: UnicodeDecodeError, lineno: int | None = None) -> str:
    """'not UTF-8 text (byte 0xff at column 43)': the first byte that is not UTF-8, where it is
    on its line (with lineno: 'at line 3, column 43'). exc: from line.decode("utf-8")."""
    where = f"line {lineno}, column {exc.start + 1}" if lineno is not None else f"column {exc.start + 1}"
    return f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at {where})"


def json_kind(value: Any) -> str:
    """What a parsed JSON value is, in JSON's words: 'a string', 'a number', 'an array'..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    kinds = ((str, "a string"), (int, "a number"), (float, "a number"), (list, "an array"), (dict, "an object"))
    return next((name for kind, name in kinds if isinstance(value, kind)), type(value).__name__)

"""Work around a reference-count bug in PySide6 6.12.0 on Python 3.11.

Its abi3 build returns None (every void method: update(), setText(), processEvents()...)
and True (Signal.emit) without taking a reference. Python 3.12+ does not care (these
objects are immortal there, PEP 683), but on 3.11 each such call drops one reference,
and after a few thousand calls Python aborts with "none_dealloc: deallocating None".
These singletons are static and never freed, so giving them a huge reference count
makes them immortal as on 3.12, whatever the PySide6 version. No effect on 3.12+.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 60  # far more calls than any session makes; Py_ssize_t holds 2**63


def make_singletons_immortal() -> None:
    if sys.version_info >= (3, 12):
        return
    for obj in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field
        if refcount.value < _RESERVE:
            refcount.value += _RESERVE


make_singletons_immortal()

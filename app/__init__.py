"""DigitPad's desktop application (PySide6). The only package that imports Qt.

`import app` stays light: create_window and run_app load Qt only when called.
"""

from . import _refcount_guard  # noqa: F401  (before any Qt call; see the module)


def __getattr__(name: str):
    if name in ("create_window", "run_app"):
        from . import main

        return getattr(main, name)
    raise AttributeError(f"module 'app' has no attribute {name!r}")

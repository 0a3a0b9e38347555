"""DigitPad's desktop application (PySide6). The only package that imports Qt.

`import app` stays light: create_window and run_app load Qt only when called.
"""


def __getattr__(name: str):
    if name in ("create_window", "run_app"):
        from . import main

        return getattr(main, name)
    raise AttributeError(f"module 'app' has no attribute {name!r}")

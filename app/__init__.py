"""DigitPad's desktop application (PySide6). The only package that imports Qt.

`import app` stays light: create_window and run_app load Qt only when called.
"""

import builtins

# Python's own import function, kept before PySide6 replaces it with its __feature__ hook,
# which runs for every import of the process and makes `import torch` about 0.15 s slower
# (app/models/model_loading.py uses this one for the engine's first import; see plain_imports there).
PLAIN_IMPORT = builtins.__import__


def __getattr__(name: str):
    if name in ("create_window", "run_app"):
        from . import main

        return getattr(main, name)
    raise AttributeError(f"module 'app' has no attribute {name!r}")

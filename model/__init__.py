"""DigitPad's recognition engine: data, networks, training, evaluation, inference.

Qt-free: nothing here imports PySide6 or the app package. `from model import
Predictor` works; it is imported lazily so that `import model` stays cheap.
"""

from __future__ import annotations

from typing import Any

_LAZY = {
    "Predictor": "model.predictor",
    "Prediction": "model.prediction",
    "NothingToRecognize": "model.preprocess",
}
__all__ = list(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'model' has no attribute {name!r}")

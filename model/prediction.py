"""One input's answer: the digit, its 10 probabilities and the 28x28 input the network saw.

Torch-free (NumPy only): the torch Predictor (model/predictor.py) and the NumPy bridge
(model/numpynet/numpy_bridge.py) both return it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .preprocess import IMAGE_SIZE

NUM_DIGITS = 10


@dataclass(frozen=True)
class Prediction:
    digit: int | None  # None: nothing to recognize, or not a digit
    probabilities: np.ndarray  # (10,) float32, sums to 1 (zeros when digit is None)
    image: np.ndarray  # (28, 28) float32 in [0, 1]: what the model saw
    message: str = ""  # why there is no digit, if there is none
    not_digit: bool = False  # the picture holds something, but not a digit (message says why)

    @property
    def confidence(self) -> float:
        return float(self.probabilities.max()) if self.digit is not None else 0.0

    def to_dict(self) -> dict[str, Any]:
        """{"digit": 7, "probabilities": [...]}, {"digit": None, "reason": message} (not a
        digit) or {"error": message} (nothing to recognize): the CLI's JSON."""
        if self.not_digit:
            return {"digit": None, "reason": self.message}
        if self.digit is None:
            return {"error": self.message}
        return {"digit": self.digit, "probabilities": [round(float(p), 6) for p in self.probabilities]}

    @classmethod
    def nothing(cls, message: str, not_digit: bool = False) -> Prediction:
        blank = np.zeros((IMAGE_SIZE, IMAGE_SIZE), dtype=np.float32)
        return cls(None, np.zeros(NUM_DIGITS, dtype=np.float32), blank, message, not_digit)

""" "Not a digit": which threshold judges an input, shared by the torch check (model/ood.py
NotDigitCheck) and the NumPy bridge's (model/numpynet/numpy_bridge.py NumpyNotDigit).
NumPy only: the bridge runs before torch is loaded."""

from __future__ import annotations

import numpy as np


class NotDigitRule:
    """Thresholds on the check's logit of "not a digit": `threshold` for pictures,
    `ink_threshold` for drawn ink, `clean_threshold` for clean pictures (flat ink on flat
    paper, all of it the digit: model/pictures/digit_finder.py is_clean). A subclass gives
    scores((N, 28, 28) float in [0, 1]) -> (N,) float32 logits."""

    threshold: float
    ink_threshold: float
    clean_threshold: float

    def scores(self, images: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def rejects(
        self,
        images: np.ndarray,
        ink: bool = False,
        margin: float | np.ndarray = 0.0,
        clean: bool | np.ndarray = False,
    ) -> np.ndarray:
        """(N, 28, 28) -> (N,) bool: True where the input is not a digit. ink: the inputs
        are drawn ink rendered by model/pen/ink.py (judged against ink_threshold). clean: a
        bool or (N,) bool, pictures found clean (judged against clean_threshold, or the
        pictures' threshold when that is lower). margin: a float or (N,) logits below the
        threshold from which an input is turned away."""
        if ink:
            threshold: float | np.ndarray = self.ink_threshold
        else:
            threshold = np.where(clean, min(self.clean_threshold, self.threshold), self.threshold)
        return self.scores(images) > threshold - np.asarray(margin)

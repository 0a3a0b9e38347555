"""The one preprocessing path, shared by training data, image files and drawn ink.

Every picture of a digit becomes what MNIST is made of (LeCun et al.): the ink
cropped to its bounding box, fitted into a 20x20 box keeping its aspect ratio
(anti-aliased), then placed in a 28x28 frame so that its center of mass sits at
the frame's center. White ink on black, values in [0, 1]. Training, image files
and drawings all end in :func:`to_mnist` and then :func:`normalize`.

NumPy and Pillow only, no torch: drawings are rendered here before torch is loaded
(the NumPy bridge, model/numpynet/numpy_bridge.py, serves the first recognitions); the torch
paths call these same functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import numpy as np
from PIL import Image

if TYPE_CHECKING:  # torch is never imported here: drawings are rendered before torch is loaded
    import torch

MNIST_MEAN = 0.1307  # mean pixel value of the MNIST training set, in [0, 1]
MNIST_STD = 0.3081  # its standard deviation
IMAGE_SIZE = 28  # side of the frame the networks see
BOX_SIZE = 20  # side of the box the digit is fitted into
INK_THRESHOLD = 0.05  # a pixel darker than this (ink = 1) is background when cropping
# Where MNIST puts the center of mass, in pixel-index coordinates (row, col): the
# training-set mean is (14.00, 14.01), not the geometric middle 13.5 (MNIST shifted
# by whole pixels so that the mass center lands at 28 / 2).
MNIST_CENTER = 14.0
PREPROCESS_VERSION = 2  # bump when to_mnist changes; checkpoints record it (2: center 14, was 13.5)


class NothingToRecognize(ValueError):
    """The input holds no ink: an empty canvas or a blank image."""

    def __init__(self, message: str = "nothing to recognize: the input has no ink") -> None:
        super().__init__(message)


class NoDigit(NothingToRecognize):
    """The picture holds ink, but nothing that can be a digit (only lines, edges, clutter).
    Raised by model/pictures/digit_finder.py; defined here so that catching it imports no OpenCV."""


def to_mnist(ink: np.ndarray) -> np.ndarray:
    """Crop, fit into 20x20 and center by mass.

    ink: (H, W) float array, 0 = background, 1 = full ink.
    Returns a (28, 28) float32 array in [0, 1]. Raises NothingToRecognize for a
    blank input and ValueError for a malformed one.
    """
    ink = np.asarray(ink, dtype=np.float32)
    if ink.ndim != 2 or ink.size == 0:
        raise ValueError(f"expected a 2-D grayscale image, got shape {ink.shape}")
    if not np.isfinite(ink).all():
        raise ValueError("the image contains NaN or infinite values")
    ink = np.clip(ink, 0.0, 1.0)
    rows, cols = _inked_span(ink > INK_THRESHOLD)  # (H, W) bool
    crop = ink[rows[0] : rows[1], cols[0] : cols[1]]  # (h, w)
    fitted = _fit_box(crop)  # (h', w') with max(h', w') == BOX_SIZE
    return _center_by_mass(fitted)


# The smallest 8-bit ink level that to_mnist counts as ink once divided by 255 (13), by the
# very expression the float path uses, so that the two paths crop alike.
FIRST_INKED_LEVEL = int(np.argmax(np.arange(256, dtype=np.float32) / 255.0 > INK_THRESHOLD))


def levels_to_mnist(levels: np.ndarray) -> np.ndarray:
    """(H, W) uint8 ink levels (0 background, 255 full ink) -> (28, 28) float32: exactly
    to_mnist(levels / 255 as float32), without converting the empty margins (the ink
    renderer's canvases, model/pen/ink.py). Raises NothingToRecognize for a blank input."""
    rows, cols = _inked_span(levels >= FIRST_INKED_LEVEL)  # (H, W) bool
    crop = levels[rows[0] : rows[1], cols[0] : cols[1]].astype(np.float32) / 255.0  # (h, w) in [0, 1]
    return _center_by_mass(_fit_box(crop))


def _inked_span(inked: np.ndarray) -> tuple[tuple[int, int], tuple[int, int]]:
    """(H, W) bool -> ((first row, last row + 1), (first column, last column + 1)) holding ink.
    Raises NothingToRecognize when nothing is inked."""
    rows = np.flatnonzero(inked.any(axis=1))  # any() per row is ~3x faster than max() per row
    if rows.size == 0:
        raise NothingToRecognize()
    cols = np.flatnonzero(inked[rows[0] : rows[-1] + 1].any(axis=0))
    return (int(rows[0]), int(rows[-1]) + 1), (int(cols[0]), int(cols[-1]) + 1)


def _fit_box(crop: np.ndarray) -> np.ndarray:
    """Resize so the longer side is BOX_SIZE, keeping the aspect ratio."""
    h, w = crop.shape
    scale = BOX_SIZE / max(h, w)
    new_w = max(1, round(w * scale))
    new_h = max(1, round(h * scale))
    if (new_h, new_w) == (h, w):
        return crop
    # BOX averages the covered source pixels when shrinking (area anti-aliasing);
    # BILINEAR keeps edges soft when a tiny input is enlarged.
    resample = Image.Resampling.BOX if scale < 1 else Image.Resampling.BILINEAR
    img = Image.fromarray(crop, mode="F").resize((new_w, new_h), resample)
    return np.clip(np.asarray(img, dtype=np.float32), 0.0, 1.0)


def center_of_mass(img: np.ndarray) -> tuple[float, float]:
    """(row, col) of the ink's center of mass, in pixel-index coordinates."""
    total = float(img.sum())
    if total <= 0:
        return (img.shape[0] - 1) / 2, (img.shape[1] - 1) / 2
    rows = np.arange(img.shape[0], dtype=np.float64)
    cols = np.arange(img.shape[1], dtype=np.float64)
    return float(img.sum(axis=1) @ rows / total), float(img.sum(axis=0) @ cols / total)


def _center_by_mass(fitted: np.ndarray) -> np.ndarray:
    """Paste into a 28x28 frame with the center of mass at MNIST_CENTER (whole-pixel shift)."""
    out = np.zeros((IMAGE_SIZE, IMAGE_SIZE), dtype=np.float32)
    h, w = fitted.shape
    cy, cx = center_of_mass(fitted)
    top = int(round(MNIST_CENTER - cy))
    left = int(round(MNIST_CENTER - cx))
    # Clip the paste to the frame (only extreme shapes reach the border).
    y0, x0 = max(top, 0), max(left, 0)
    y1, x1 = min(top + h, IMAGE_SIZE), min(left + w, IMAGE_SIZE)
    out[y0:y1, x0:x1] = fitted[y0 - top : y1 - top, x0 - left : x1 - left]
    return out


_Images = TypeVar("_Images", "torch.Tensor", np.ndarray)


def normalize(images: _Images) -> _Images:
    """(..., 28, 28) float in [0, 1] -> zero-mean, unit-variance input, as in training
    (a tensor, or a float32 NumPy array for the numpy engine)."""
    return (images - MNIST_MEAN) / MNIST_STD


def uint8_to_input(images: torch.Tensor) -> torch.Tensor:
    """(N, 28, 28) uint8 -> (N, 1, 28, 28) normalized float32 network input (tensor methods
    only: this module imports no torch)."""
    return normalize(images.unsqueeze(1).float().div_(255.0))

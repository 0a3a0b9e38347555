"""Image files to MNIST-style digits: find the ink, then the shared to_mnist path."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Union

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .preprocess import to_mnist

ImageInput = Union[str, os.PathLike, bytes, Image.Image, np.ndarray]


def open_image(source: ImageInput) -> Image.Image:
    """A PIL image from a path, encoded bytes, a PIL image or an array; ValueError if unreadable."""
    if isinstance(source, Image.Image):
        return source
    if isinstance(source, np.ndarray):
        return Image.fromarray(source)
    try:
        if isinstance(source, (bytes, bytearray)):
            img = Image.open(io.BytesIO(source))
        else:
            img = Image.open(Path(source))
        img.load()
    except FileNotFoundError:
        raise ValueError(f"no such file: {source}") from None
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        name = "the data" if isinstance(source, (bytes, bytearray)) else Path(source).name
        raise ValueError(f"cannot read {name} as an image ({exc})") from None
    return img


def image_to_ink(img: Image.Image) -> np.ndarray:
    """(H, W) float32 in [0, 1] with ink = 1, whatever the mode and polarity."""
    img = ImageOps.exif_transpose(img)
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        alpha = np.asarray(rgba.getchannel("A"), dtype=np.float32) / 255.0
        if alpha.min() < 0.99:  # transparency carries the shape: ink is where it is opaque
            gray = np.asarray(rgba.convert("L"), dtype=np.float32) / 255.0
            dark_ink = gray[alpha > 0.5].mean() < 0.5 if (alpha > 0.5).any() else True
            value = (1.0 - gray) if dark_ink else gray
            return alpha * value
        img = rgba
    if img.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        arr = np.asarray(img, dtype=np.float32)
        lo, hi = float(arr.min()), float(arr.max())
        gray = (arr - lo) / (hi - lo) if hi > lo else np.zeros_like(arr)
    else:
        gray = np.asarray(img.convert("L"), dtype=np.float32) / 255.0
    return _ink_from_gray(gray)


def _ink_from_gray(gray: np.ndarray) -> np.ndarray:
    """Decide the polarity from the border (the background), stretch the contrast."""
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    background = float(np.median(border))
    ink = 1.0 - gray if background > 0.5 else gray
    bg = 1.0 - background if background > 0.5 else background
    peak = float(ink.max())
    if peak - bg < 0.1:  # flat image: no ink to find
        return np.zeros_like(ink)
    return np.clip((ink - bg) / (peak - bg), 0.0, 1.0)


def image_to_mnist(source: ImageInput) -> np.ndarray:
    """Any image of one digit -> (28, 28) float32 in [0, 1], MNIST-style."""
    return to_mnist(image_to_ink(open_image(source)))

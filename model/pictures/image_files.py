"""Image files to PIL images and gray arrays: the one decoding path for pictures (the
finder, model/pictures/images.py; the number reader; the app's Open).

Any mode (RGB, RGBA with transparency, palette, 16-bit, grayscale, CMYK), any size up to
MAX_PIXELS: decompression bombs are refused from the file's header, before decoding;
JPEGs decode at reduced size (draft); damaged or hostile files give one ValueError line.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

from .digit_finder import MIN_CONTRAST
from .drawing_file import INK_KEY

ImageInput = str | os.PathLike | bytes | bytearray | Image.Image | np.ndarray

DECODE_SIDE = 512  # px: a JPEG is decoded at least this large (twice the finder's working size)
MAX_PIXELS = 40_000_000  # 40 MP decodes to 160 MB as RGBA; the work image is 256 px anyway
MAX_SIDE = 30_000  # longer side: a panorama, not a 89,000,000 x 1 strip
MAX_JPEG_PIXELS = 64 * MAX_PIXELS  # JPEGs are decoded at 1/8 scale (draft), then checked again


def open_image(source: ImageInput) -> Image.Image:
    """A PIL image from a path, encoded bytes, a PIL image or an array.

    Raises ValueError ("NAME: reason", one line) if it is unreadable, not a regular
    file (a FIFO or a device would block), or larger than MAX_PIXELS / MAX_SIDE;
    sizes are checked from the header, before anything is decoded.
    """
    if isinstance(source, Image.Image):
        _check_size("the image", source.width, source.height, MAX_PIXELS)
        return source
    if isinstance(source, np.ndarray):
        if source.ndim >= 2:
            _check_size("the image array", source.shape[1], source.shape[0], MAX_PIXELS)
        return _from_array(source)
    stream: io.BytesIO | Path
    if isinstance(source, (bytes, bytearray)):
        name, shown, stream = "the data", "the data", io.BytesIO(bytes(source))
    elif isinstance(source, (str, os.PathLike)):
        name, shown, stream = Path(source).name, str(source), Path(source)
        _check_regular_file(Path(source))
    else:
        raise ValueError(f"expected an image file, bytes, a PIL image or an array, got {type(source).__name__}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(stream)  # reads the header only
            ink_first = INK_KEY in img.info  # a saved drawing's strokes, before the pixels
            jpeg = img.format == "JPEG"
            _check_size(name, img.width, img.height, MAX_JPEG_PIXELS if jpeg else MAX_PIXELS)
            if jpeg:  # decode at 1/2..1/8 scale: fast for phone photos
                img.draft(img.mode, (DECODE_SIDE, DECODE_SIDE))
                _check_size(name, img.width, img.height, MAX_PIXELS)
            img.load()
            if not ink_first:  # a chunk after the pixels is not read (drawing_file.saved_drawing)
                img.info.pop(INK_KEY, None)
    except FileNotFoundError:
        raise ValueError(f"no such file: {shown}") from None
    except IsADirectoryError:
        raise ValueError(f"{shown} is a folder, not an image") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, MemoryError) as exc:
        # Pillow's own limit (~89 MP) can trip in Image.open, before _check_size: same line
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        raise ValueError(_refused(name, f"{int(pixels[1]):,} pixels" if pixels else "the image")) from None
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        EOFError,
        struct.error,
        IndexError,
        TypeError,
        ZeroDivisionError,
        OverflowError,
        KeyError,
    ) as exc:  # damaged files raise all of these
        raise ValueError(f"cannot read {name} as an image ({_first_line(exc)})") from None
    return img


def _check_size(name: str, width: int, height: int, max_pixels: int) -> None:
    if width * height > max_pixels or max(width, height) > MAX_SIDE:
        raise ValueError(_refused(name, f"{width:,} x {height:,} pixels"))
    if width < 1 or height < 1:
        raise ValueError(f"{name} is empty ({width} x {height} pixels)")


def _refused(name: str, size: str) -> str:
    """The one wording of an image refused for its size, wherever the size was found."""
    return f"{name} was refused: {size} is too large (at most {MAX_PIXELS // 1_000_000} megapixels, {MAX_SIDE:,} on a side)"


def _check_regular_file(path: Path) -> None:
    """Only regular files: opening a FIFO named x.png would wait forever for a writer."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise ValueError(f"no such file: {path}") from None
    except OSError as exc:
        raise ValueError(f"cannot read {path.name} ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise ValueError(f"{path} is a folder, not an image")
    if not stat.S_ISREG(mode):
        raise ValueError(f"{path.name} is not a regular file (a FIFO, a device or a socket), not an image")


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:160]


def _from_array(arr: np.ndarray) -> Image.Image:
    """(H, W) or (H, W, 3|4) array -> PIL image; floats are [0, 1], integers 0..255 (wider: scaled)."""
    if arr.ndim not in (2, 3) or arr.size == 0 or (arr.ndim == 3 and arr.shape[2] not in (1, 3, 4)):
        raise ValueError(f"expected an (H, W) or (H, W, 3|4) image array, got shape {arr.shape}")
    if arr.dtype.kind == "f":
        if not np.isfinite(arr).all():
            raise ValueError("the image contains NaN or infinite values")
        arr = np.clip(arr, 0.0, 1.0) * 255.0
    elif arr.dtype.kind == "b":
        arr = arr.astype(np.uint8) * 255
    elif arr.dtype.kind not in "ui":
        raise ValueError(f"unsupported image array type {arr.dtype}")
    elif arr.max() > 255:  # 16-bit and wider: scale to 8 bits
        arr = arr.astype(np.float64) * (255.0 / float(arr.max()))
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    return Image.fromarray(arr[..., 0] if arr.ndim == 3 and arr.shape[2] == 1 else arr)


def to_gray(img: Image.Image) -> np.ndarray:
    """Any PIL image -> (H, W) float32 gray in [0, 1], transparency flattened, EXIF-rotated."""
    img = ImageOps.exif_transpose(img) or img
    if img.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        arr = np.asarray(img, dtype=np.float32)  # (H,W) 16/32-bit values
        lo, hi = float(arr.min()), float(arr.max())
        return (arr - lo) / (hi - lo) if hi > lo else np.zeros_like(arr)
    if img.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (img.mode == "P" and "transparency" in img.info):
        return _flatten_alpha(img.convert("RGBA"))
    return np.asarray(img.convert("L"), dtype=np.float32) / 255.0


def _flatten_alpha(rgba: Image.Image) -> np.ndarray:
    """Composite transparency onto a background gray chosen from the opaque pixels.

    Mostly opaque (a picture with transparent margins): onto the opaque pixels'
    typical gray, the paper. Mostly transparent (the alpha carries the shape): onto
    white when the strokes are dark, onto black when light. A stroke's anti-aliased
    rim is blended toward whatever the author drew on, so its color is read from
    the inside of the shape compared with its rim, and from the median only when
    the shape is one flat color.
    """
    arr = np.asarray(rgba, dtype=np.float32) / 255.0  # (H,W,4)
    alpha = arr[..., 3]
    gray = np.asarray(rgba.convert("RGB").convert("L"), dtype=np.float32) / 255.0  # (H,W)
    opaque = alpha > 0.5
    if not opaque.any():
        return np.ones_like(gray)
    if opaque.mean() >= 0.5:
        background = float(np.median(gray[opaque]))
    else:
        background = 1.0 if _strokes_are_dark(gray, opaque) else 0.0
    return alpha * gray + (1.0 - alpha) * background


def _strokes_are_dark(gray: np.ndarray, shape: np.ndarray) -> bool:
    inside = _erode(shape)
    rim = shape & ~inside
    if inside.any() and rim.any():
        core, edge = float(gray[inside].mean()), float(gray[rim].mean())
        if abs(core - edge) > MIN_CONTRAST:
            return core < edge
    return float(np.median(gray[shape])) < 0.5


def _erode(mask: np.ndarray) -> np.ndarray:
    """(H, W) bool -> True where the pixel and its 8 neighbours are all True (PIL's 3x3
    minimum; the image's own border counts as more of the shape, not as its rim)."""
    img = Image.fromarray(mask.astype(np.uint8) * 255, mode="L")
    return np.asarray(img.filter(ImageFilter.MinFilter(3))) > 0

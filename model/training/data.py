"""Digit data sets held in memory as tensors: MNIST IDX files and ImageFolder trees.

MNIST comes from a folder holding the four official IDX files (.gz or not), or is
downloaded there by torchvision when the user allows it. An ImageFolder tree is
`train/0..9/*` and `test/0..9/*`; its images go through the same preprocessing
as image files and drawings.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch

from ..paths import MNIST_ENV, default_mnist_dir
from ..pictures.images import image_to_mnist

SPLITS = ("train", "test")
MNIST_FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff"}


class DataError(ValueError):
    """The data folder is missing, incomplete or unreadable; the message says what to do."""


@dataclass
class DigitData:
    images: torch.Tensor  # (N, 28, 28) uint8, white ink on black
    labels: torch.Tensor  # (N,) int64 in 0..9
    name: str  # a human-readable description of the source
    sources: list[str] | None = None  # file path per sample (ImageFolder), else None
    skipped: list[str] = field(default_factory=list)  # ImageFolder: "path: why" per file or folder left out
    ink: torch.Tensor | None = None  # (N,) bool: True for rendered pen ink (pen_training_data); None: no ink

    def ink_mask(self) -> torch.Tensor:
        """(N,) bool: which samples are rendered pen ink (all False for MNIST or image folders)."""
        return self.ink if self.ink is not None else torch.zeros(len(self), dtype=torch.bool)

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    def source_of(self, index: int) -> str:
        return self.sources[index] if self.sources else f"#{index}"

    def subset(self, count: int) -> DigitData:
        sources = self.sources[:count] if self.sources else None
        ink = self.ink[:count] if self.ink is not None else None
        return DigitData(self.images[:count], self.labels[:count], self.name, sources, self.skipped, ink)


def load_data(source: str | os.PathLike | None, split: str, download: bool = False) -> DigitData:
    """The train or test split of an MNIST folder or ImageFolder tree (None: default MNIST)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    folder = resolve_data_dir(source, download)
    if find_mnist_files(folder, split):
        return _load_mnist(str(folder.resolve()), split)
    if (folder / split).is_dir():
        return _load_image_folder(folder / split)
    raise DataError(
        f"{folder} holds neither the MNIST files ({', '.join(MNIST_FILES[split])}[.gz]) "
        f"nor an image folder '{split}/0..9/'"
    )


def resolve_data_dir(source: str | os.PathLike | None, download: bool = False) -> Path:
    """The folder to read; with no source, $DIGITPAD_MNIST or the user's MNIST folder."""
    if source is not None:
        folder = Path(source).expanduser()
        if not folder.is_dir():
            raise DataError(f"data folder not found: {folder}")
        if download and not _has_any_data(folder):
            _download_mnist(folder)
        return folder
    env = os.environ.get(MNIST_ENV)
    if env:
        return resolve_data_dir(env, download)
    folder = default_mnist_dir()
    if not find_mnist_files(folder, "train"):
        if not download:
            raise DataError(
                f"no MNIST data found in {folder}: name a folder holding the four MNIST .gz files "
                "(--data DIR, or set DIGITPAD_MNIST), or allow the download (--download)"
            )
        folder.mkdir(parents=True, exist_ok=True)
        _download_mnist(folder)
    return folder


def _has_any_data(folder: Path) -> bool:
    return bool(find_mnist_files(folder, "train")) or (folder / "train").is_dir()


def _download_mnist(folder: Path) -> None:
    from .data_folder import download_mnist  # torchvision's downloader, file by file

    download_mnist(folder)


def find_mnist_files(folder: Path, split: str) -> tuple[Path, Path] | None:
    """(images, labels) files of one split, .gz or plain, in folder, folder/raw or folder/MNIST/raw."""
    for base in (folder, folder / "raw", folder / "MNIST" / "raw"):
        images, labels = (
            next((p for p in (base / f"{stem}.gz", base / stem) if p.is_file()), None) for stem in MNIST_FILES[split]
        )
        if images is not None and labels is not None:
            return images, labels
    return None


def read_idx(path: Path) -> np.ndarray:
    """Parse an IDX file (gzip or plain) into a uint8 array, checking its header."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as fh:
            raw = fh.read()
    except (OSError, EOFError) as exc:
        raise DataError(f"cannot read {path.name}: {exc}") from None
    if len(raw) < 8 or raw[0:2] != b"\0\0" or raw[2] != 0x08:
        raise DataError(f"{path.name} is not an unsigned-byte IDX file")
    ndim = raw[3]
    dims = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    offset = 4 + 4 * ndim
    expected = int(np.prod(dims))
    if len(raw) - offset != expected:
        raise DataError(f"{path.name} is truncated or corrupt ({len(raw) - offset} bytes, {expected} expected)")
    return np.frombuffer(raw, dtype=np.uint8, offset=offset).reshape(dims)


@lru_cache(maxsize=4)
def _load_mnist(folder: str, split: str) -> DigitData:
    found = find_mnist_files(Path(folder), split)
    if found is None:  # load_data checked they exist; they were removed since
        raise DataError(f"{folder} no longer holds the MNIST {split} files")
    images_path, labels_path = found
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim != 3 or images.shape[1:] != (28, 28) or labels.ndim != 1:
        raise DataError(f"{images_path.name}: expected N x 28 x 28 images and N labels")
    if images.shape[0] != labels.shape[0] or labels.max(initial=0) > 9:
        raise DataError(f"{labels_path.name}: labels do not match the images")
    return DigitData(
        torch.from_numpy(images.copy()),  # (N,28,28) uint8
        torch.from_numpy(labels.astype(np.int64)),  # (N,)
        f"MNIST {split} ({folder})",
    )


def _load_image_folder(root: Path) -> DigitData:
    classes = {str(d) for d in range(10)}
    class_dirs = sorted(p for p in root.iterdir() if p.is_dir() and p.name in classes)
    if not class_dirs:
        raise DataError(f"{root} has no class folders named 0..9")
    skipped = [
        f"{p}: not a class folder (0..9)" for p in sorted(root.iterdir()) if p.is_dir() and p.name not in classes
    ]
    arrays, labels, sources = [], [], []
    for class_dir in class_dirs:
        for path in sorted(class_dir.iterdir()):
            if path.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            try:
                arrays.append(image_to_mnist(path))  # (28,28) float in [0,1]
            except ValueError as exc:  # an unreadable or blank image is skipped, not fatal
                skipped.append(f"{path}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
                continue
            labels.append(int(class_dir.name))
            sources.append(str(path))
    if not arrays:
        raise DataError(f"{root} has no readable digit images")
    stacked = np.stack(arrays)  # (N,28,28)
    images = torch.from_numpy(np.round(stacked * 255).astype(np.uint8))
    return DigitData(images, torch.tensor(labels, dtype=torch.int64), f"images {root}", sources, skipped)


# -- pen ink as training data ----------------------------------------------------------
INK_VARIANTS = 3  # each pen digit as written plus 2 stroke-level variants (model/pen/ink_synth.py)
INK_FORMS_PER_FORM = 1000  # synthesized digits of each world form (model/ink_synth.FORMS)


def render_inks(inks: list) -> torch.Tensor:
    """Inks -> (N, 28, 28) uint8 images through model/pen/ink.py, the canvas's renderer."""
    from ..pen.ink import render_ink

    images = np.empty((len(inks), 28, 28), dtype=np.uint8)
    for i, ink in enumerate(inks):
        images[i] = np.round(render_ink(ink) * 255)  # (28,28)
    return torch.from_numpy(images)


def pen_training_data(
    pen, variants: int = INK_VARIANTS, per_form: int = INK_FORMS_PER_FORM, seed: int = 0, name: str = "pen ink"
) -> DigitData:
    """Real pen digits (a model.pen.pendigits.PenDigits) rendered `variants` times (the first
    as written, the others jittered at stroke level), plus per_form synthesized digits of
    each world form. Deterministic for a seed."""
    from ..pen.ink_synth import jitter_ink, synthesize_forms

    rng = np.random.default_rng(seed)
    inks, labels = list(pen.inks), list(pen.labels.tolist())
    for _ in range(variants - 1):
        inks += [jitter_ink(ink, rng) for ink in pen.inks]
        labels += pen.labels.tolist()
    form_inks, form_labels = synthesize_forms(pen.inks, pen.labels, per_form, rng)
    images = render_inks(inks + form_inks)  # (N,28,28) uint8
    all_labels = torch.tensor(labels + form_labels, dtype=torch.int64)  # (N,)
    ink = torch.ones(len(all_labels), dtype=torch.bool)  # (N,)
    return DigitData(
        images, all_labels, f"{name}: {len(pen)} digits x {variants} + {len(form_inks)} world forms", ink=ink
    )


def load_training_data(config) -> DigitData:
    """The training split a TrainConfig names: its MNIST / image data, plus, when
    config.ink_data names a pendigits folder, that pen ink rendered (pen_training_data)."""
    data = load_data(config.data, "train", config.download)
    if not getattr(config, "ink_data", None):
        return data
    from ..pen.pendigits import load_pendigits

    pen = pen_training_data(
        load_pendigits(config.ink_data), INK_VARIANTS, INK_FORMS_PER_FORM, config.seed, f"pen ink ({config.ink_data})"
    )
    return concat_data(data, pen)


def concat_data(a: DigitData, b: DigitData) -> DigitData:
    """a then b, as one DigitData (sources kept only when both have them)."""
    sources = a.sources + b.sources if a.sources and b.sources else None
    ink = torch.cat([a.ink_mask(), b.ink_mask()]) if a.ink is not None or b.ink is not None else None  # (Na+Nb,)
    return DigitData(
        torch.cat([a.images, b.images]), torch.cat([a.labels, b.labels]), f"{a.name} + {b.name}", sources, ink=ink
    )

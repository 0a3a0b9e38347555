"""What a data folder holds (for a clear "what is missing" message) and downloading
MNIST with torchvision's own downloader, one file at a time, with progress and cancel.

The GUI shows these facts in its own words; the engine's messages stay in data.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .data import MNIST_FILES, SPLITS, DataError, find_mnist_files

DIGIT_CLASSES = tuple(str(d) for d in range(10))


@dataclass(frozen=True)
class FolderCheck:
    """kind: "mnist" (the four MNIST files), "images" (train/0..9 and test/0..9 folders),
    "missing" (no such folder) or "incomplete"; missing: the files or folders not found."""

    folder: Path
    kind: str
    missing: list[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return self.kind in ("mnist", "images")


def check_data_folder(folder: str | Path, splits: Sequence[str] = SPLITS) -> FolderCheck:
    """What `folder` holds for training (splits: both) or evaluation (("test",)): complete
    MNIST, an image tree, or what is missing.

    For a folder with neither, `missing` names the MNIST files not found (with .gz, as
    downloaded), unless it has a train/ or test/ folder, then the image folders missing."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        return FolderCheck(folder, "missing", [str(folder)])
    if all(find_mnist_files(folder, split) for split in splits):
        return FolderCheck(folder, "mnist")
    if any((folder / split).is_dir() for split in SPLITS):
        missing = [f"{split}/" for split in splits if not (folder / split).is_dir()]  # a whole split first
        missing += [
            f"{split}/{d}/"
            for split in splits
            if (folder / split).is_dir()
            for d in DIGIT_CLASSES
            if not (folder / split / d).is_dir()
        ]
        return FolderCheck(folder, "images" if not missing else "incomplete", missing)
    bases = (folder, folder / "raw", folder / "MNIST" / "raw")  # where find_mnist_files looks
    missing = [
        f"{stem}.gz"
        for split in splits
        for stem in MNIST_FILES[split]
        if not any((b / stem).is_file() or (b / f"{stem}.gz").is_file() for b in bases)
    ]
    return FolderCheck(folder, "incomplete", missing)


Progress = Callable[[tuple[int, int, str]], None]  # (files done, files in all, file name)


def download_mnist(folder: str | Path, progress: Progress | None = None, cancel: threading.Event | None = None) -> Path:
    """Download the four MNIST files into folder/MNIST/raw with torchvision (its mirrors and
    checksums), skipping files already there. Returns the folder; DataError if a file
    cannot be had from any mirror (offline), InterruptedError if cancelled."""
    from urllib.error import URLError

    from torchvision.datasets import MNIST
    from torchvision.datasets.utils import check_integrity, download_and_extract_archive

    folder = Path(folder).expanduser()
    raw = folder / "MNIST" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    total = len(MNIST.resources)
    for done, (filename, md5) in enumerate(MNIST.resources):
        if cancel is not None and cancel.is_set():
            raise InterruptedError("download cancelled")
        if progress:
            progress((done, total, filename))
        if check_integrity(str(raw / filename), md5):
            continue
        errors = []
        for mirror in MNIST.mirrors:
            try:
                download_and_extract_archive(f"{mirror}{filename}", download_root=str(raw), filename=filename, md5=md5)
                break
            except (RuntimeError, URLError, OSError, ValueError, AttributeError) as exc:  # this mirror failed
                errors.append(f"{mirror}: {exc}")
        else:
            raise DataError(
                f"could not download MNIST ({filename}) into {folder} from any mirror; "
                f"are you offline? ({'; '.join(errors)})"
            )
    if progress:
        progress((total, total, ""))
    return folder

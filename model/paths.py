"""Where DigitPad keeps user files, and where its bundled resources are.

User models, settings and logs go to the user's data folder (the same place Qt's
QStandardPaths.AppDataLocation names for the app), never into the install or the
bundle. DIGITPAD_DATA_DIR overrides it (tests, portable setups).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "DigitPad"
BUNDLED_MODEL = "digitnet.pt"
MNIST_ENV = "DIGITPAD_MNIST"  # a folder holding the four MNIST .gz files


def user_data_dir() -> Path:
    """Per-user writable folder (created on demand by the writers)."""
    override = os.environ.get("DIGITPAD_DATA_DIR")
    if override:
        return Path(override)
    # ~/.local/share/DigitPad (or $XDG_DATA_HOME), %APPDATA%\DigitPad, ~/Library/Application Support/DigitPad
    import platformdirs  # here, not at the top: the GUI's first paint does not wait for it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def data_folder_problem() -> str | None:
    """Why the user's data folder cannot hold DigitPad's files, in one line, or None: it (or
    the folder it would be made in) is a file. "DIGITPAD_DATA_DIR=/x is a file, not a folder"
    when the variable names it. For the command line and the app alike."""
    folder = user_data_dir()
    named = f"DIGITPAD_DATA_DIR={folder}" if os.environ.get("DIGITPAD_DATA_DIR") else f"the data folder {folder}"
    if folder.exists():
        return None if folder.is_dir() else f"{named} is a file, not a folder"
    parent = folder.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if parent.exists() and not parent.is_dir():
        return f"{named} cannot be made: {parent} is a file, not a folder"
    return None


def models_dir() -> Path:
    return user_data_dir() / "models"


def logs_dir() -> Path:
    return user_data_dir() / "logs"


PARTIAL_SUFFIX = ".partial.pt"  # resumable state of an unfinished training, beside its model


def partial_path(model_path: str | os.PathLike) -> Path:
    """NAME.pt -> NAME.partial.pt: where a training's resumable state goes, never over the model."""
    path = Path(model_path)
    if path.name.endswith(PARTIAL_SUFFIX):
        return path
    stem = path.name[:-3] if path.name.endswith(".pt") else path.name
    return path.with_name(stem + PARTIAL_SUFFIX)


def finished_path(path: str | os.PathLike) -> Path:
    """NAME.partial.pt -> NAME.pt (other names unchanged): where the finished model goes."""
    path = Path(path)
    if path.name.endswith(PARTIAL_SUFFIX) and len(path.name) > len(PARTIAL_SUFFIX):
        return path.with_name(path.name[: -len(PARTIAL_SUFFIX)] + ".pt")
    return path


def default_mnist_dir() -> Path:
    """Where torchvision downloads MNIST when the user names no folder."""
    return user_data_dir() / "data" / "mnist"


def asset_path(name: str) -> Path:
    """A file shipped in assets/, from source, an installed wheel or a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidate = Path(frozen_root) / "assets" / name
        if candidate.exists():
            return candidate
    from importlib import resources  # here: its import costs the GUI's first paint ~10 ms

    return Path(str(resources.files("assets").joinpath(name)))


def bundled_model_path() -> Path:
    return asset_path(BUNDLED_MODEL)

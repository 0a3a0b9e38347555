"""Where the command line saves: checked before any long work, so a typo costs nothing.

Every save of the CLI goes to a path the user named (--out, `samples export FILE`) or
to the user's data folder. A path the user named must be a file in a folder that
exists: DigitPad never creates folders there (a mistyped folder name is an error line,
not a surprise folder). The data folder is created on demand, as everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path


def check_save_target(path: Path, what: str, example: str) -> None:
    """ValueError (one line naming path) unless path can receive a file: not a folder,
    in an existing folder that this user may write into.

    what names the argument in the message ("--out", "the export file"); example is a
    file name suggested when path is a folder.
    """
    if path.is_dir():
        raise ValueError(f"{what} {path} is a folder; name a file in it, such as {path / example}")
    folder = path.parent
    if not folder.exists():
        raise ValueError(f"cannot save {path}: the folder {folder} does not exist (create it first)")
    if not folder.is_dir():
        raise ValueError(f"cannot save {path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValueError(f"cannot save {path}: the folder {folder} is not writable")


def data_folder_target(path: Path) -> Path:
    """A default save path in the user's data folder, its folder created; returns path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path

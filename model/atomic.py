"""Atomic file writes: a hidden temporary file beside the target, then a rename.

A reader never sees a half-written file, and the previous file stays as it was
until the new one is complete and on disk. Each temporary file's name carries the
writing process's id (".NAME.PID.RANDOM.tmp"): a process killed mid-write (SIGKILL,
out of memory, power loss) leaves one behind, and the next write into the same
folder removes the temporary files of processes that no longer run.
"""

from __future__ import annotations

import errno
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, cast

TEMP_SUFFIX = ".tmp"
# ".NAME.PID.RANDOM.tmp" (this module) and ".NAME.RANDOM.tmp" (DigitPad before PIDs were added).
# mkstemp's random part is 8 characters of [a-z0-9_].
_TEMP_WITH_PID = re.compile(r"^\..+\.(\d+)\.[a-z0-9_]{8}\.tmp$")
_TEMP_LEGACY = re.compile(r"^\..+\.pt\.[a-z0-9_]{8}\.tmp$")  # only checkpoints were saved that way
# On Windows os.kill(pid, 0) would terminate the process: there, temporaries go by age.
_CAN_PROBE_PIDS = sys.platform != "win32"
LEGACY_TEMP_AGE = 3600.0  # seconds: no DigitPad save takes an hour; older nameless temps are orphans


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], object], *, make_parents: bool = True) -> Path:
    """Call write(fh) on a temporary file beside path, fsync it, rename it onto path.

    write's return value is ignored (fh.write's byte count may be passed through).
    make_parents creates missing folders (for the user's data folder); a path the user
    named should pass False, so a typo in a folder name is an error, not a new folder.
    Raises whatever write or the file system raises (OSError, e.g. ENOSPC for a full
    disk, FileNotFoundError for a missing folder), its filename always `path`, never
    the temporary file's; the temporary file is then removed and path is left unchanged.
    """
    path = Path(path)
    try:
        _prepare_folder(path, make_parents)
        remove_stale_temps(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise _naming(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            _chmod_like(fh.fileno(), path)
            recorder = _WriteErrors(fh)
            try:
                # _WriteErrors forwards every attribute but write to fh (__getattr__):
                # to write() it is the binary file itself.
                write(cast(BinaryIO, recorder))
            except Exception:
                # torch.save turns a failed write (ENOSPC) into "[enforce fail ...] unexpected
                # pos": raise the file system's own error instead.
                if recorder.error is not None:
                    raise recorder.error from None
                raise
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _naming(exc, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_path(path.parent)
    return path


def _prepare_folder(path: Path, make_parents: bool) -> None:
    """The folder path goes into exists (or is made, with make_parents); OSError naming it if not."""
    folder = path.parent
    if folder.is_dir():
        return
    if folder.exists():
        raise NotADirectoryError(errno.ENOTDIR, f"{folder} is not a folder", str(path))
    if not make_parents:
        raise FileNotFoundError(errno.ENOENT, f"the folder {folder} does not exist (create it first)", str(path))
    folder.mkdir(parents=True, exist_ok=True)


def _naming(exc: OSError, path: Path) -> OSError:
    """The same error (same class and errno) with path as its file name, not a temporary file's."""
    if exc.filename == str(path):
        return exc
    strerror = exc.strerror or str(exc)
    if exc.errno is None:
        return type(exc)(f"{path}: {strerror}")
    return type(exc)(exc.errno, strerror, str(path))


class _WriteErrors:
    """A binary file that remembers the OSError its write raised (libraries may hide it)."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self.error: OSError | None = None

    def write(self, data: bytes) -> int:
        try:
            return self._fh.write(data)
        except OSError as exc:
            self.error = exc
            raise

    def __getattr__(self, name: str):
        return getattr(self._fh, name)


def _chmod_like(fd: int, path: Path) -> None:
    """The new file gets the old one's permissions, or the umask's (mkstemp makes 0600)."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o666 & ~_umask()
    try:
        os.fchmod(fd, mode)
    except (OSError, AttributeError):  # Windows has no fchmod
        pass


def _umask() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def remove_stale_temps(folder: str | os.PathLike[str]) -> list[Path]:
    """Delete the temporary files that writers which no longer run left in folder.

    A temporary file is never the only copy of finished work: the training's
    resumable state is saved (atomically) to its own file at every epoch end.
    Returns the removed paths. Errors (a read-only folder) are ignored.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not entry.name.endswith(TEMP_SUFFIX) or not entry.is_file(follow_symlinks=False):
            continue
        match = _TEMP_WITH_PID.match(entry.name)
        try:
            if match and _CAN_PROBE_PIDS:
                stale = not _process_alive(int(match.group(1)))
            else:  # no PID, or a system where PIDs cannot be probed safely: by age
                stale = bool(match or _TEMP_LEGACY.match(entry.name)) and now - entry.stat().st_mtime > LEGACY_TEMP_AGE
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def describe_os_error(exc: OSError) -> str:
    """'no space left on device' rather than "[Errno 28] No space left on device: '/x'"."""
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process: leave its files alone
    return True


def fsync_path(path: Path) -> None:
    """Put what was written to the file or folder `path` on disk: for a folder, make a rename
    in it durable (POSIX). A no-op where it cannot be opened; an fsync error is not raised
    (a background fsync has nobody to report it to, and the data was already written)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

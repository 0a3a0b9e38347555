"""A file of lines that is appended to whole and rewritten atomically, by several threads of
one process at once (the kept drawings: model/pen/samples.py).

- append(data) writes the lines with one write(), flushed and fsynced; a half-written last
  line (the app killed while writing) is closed off first, so it stays alone on its line.
- read() gives the bytes and the file's stamp together, never in the middle of an append.
- rewrite(data, read_size) replaces the file atomically (model/atomic.py) by `data`, plus
  whatever was appended after the first read_size bytes were read: a drawing kept while
  another thread deletes is not lost. Appends wait only for the end of the rewrite (the
  bytes appended meanwhile, an fsync and a rename), never for the reading or the writing
  of the whole file.
- A stamp (inode, size, modification time in ns; None for no file) tells whether the file
  changed since it was taken: appended to, rewritten, or replaced by another process.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import BinaryIO

from ..atomic import atomic_write, fsync_path

Stamp = tuple[int, int, int] | None  # (inode, size, mtime ns) of the file; None: there is none


def stamp_of(st: os.stat_result) -> tuple[int, int, int]:
    """What tells that a file changed: (inode, size, modification time in ns)."""
    return st.st_ino, st.st_size, st.st_mtime_ns


def file_stamp(path: str | os.PathLike) -> Stamp:
    """The stamp of the file at path now; None if there is none (or it cannot be looked at)."""
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None


def size_of(stamp: Stamp) -> int:
    """The file's size in bytes when the stamp was taken (0 for no file)."""
    return 0 if stamp is None else stamp[1]


class LineFile:
    """One file of lines at `path`; see the module docstring. OSError for what the file
    system refuses (a missing file reads as b"" with stamp None)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()  # held briefly: an append, a read, the end of a rewrite

    def stamp(self) -> Stamp:
        """The file's stamp now (None if there is no file)."""
        try:
            return stamp_of(os.stat(self.path))
        except FileNotFoundError:
            return None

    def read(self) -> tuple[bytes, Stamp]:
        """The file's bytes and its stamp, taken together."""
        with self._lock:
            try:
                with open(self.path, "rb") as fh:
                    return fh.read(), stamp_of(os.fstat(fh.fileno()))
            except FileNotFoundError:
                return b"", None

    def append(self, data: bytes, sync: bool = True) -> tuple[Stamp, Stamp, int]:
        """Append `data` (whole lines, each ending in a newline); returns the stamps before and
        after, and how many bytes were written (data, plus a newline closing off a fragment).
        The lines are in the system's hands when this returns (a killed process loses none);
        sync=False leaves the fsync (on disk even after a power cut) to a background thread:
        an fsync took up to 0.6 s on a busy disk, too long for a GUI thread to wait."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self.path, "a+b") as fh:
            before = stamp_of(os.fstat(fh.fileno()))
            if fh.tell() > 0:
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    data = b"\n" + data  # the fragment stays alone on its line, skipped when read
            fh.write(data)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
            else:
                threading.Thread(target=fsync_path, args=(self.path,), name="digitpad-fsync", daemon=True).start()
            return before, stamp_of(os.fstat(fh.fileno())), len(data)

    def rewrite(self, data: bytes, read_size: int) -> tuple[Stamp, int]:
        """Replace the file by `data` and the bytes appended after its first read_size bytes
        (the size of the read that `data` was made from); returns the new stamp and how many
        appended bytes were carried over. On an error the file is left as it was."""
        carried = 0
        locked = False

        def write(fh: BinaryIO) -> None:
            nonlocal carried, locked
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())  # the bulk on disk before the appends are held up
            self._lock.acquire()  # until the rename: nothing is appended to the old file meanwhile
            locked = True
            try:
                with open(self.path, "rb") as old:
                    old.seek(read_size)
                    tail = old.read().lstrip(b"\n")  # appended meanwhile (a newline closing off a fragment aside)
            except FileNotFoundError:
                tail = b""  # there was no file (an import into an empty store)
            fh.write(tail)
            carried = len(tail)

        try:
            atomic_write(self.path, write)
            return stamp_of(os.stat(self.path)), carried
        finally:
            if locked:
                self._lock.release()

"""Opening and reading a file of inks (JSON Lines, one ink per line) for every reader of
one: `digitpad predict / evaluate / adapt --ink` (cli/) and the import of kept drawings
(model/pen/samples.py, `digitpad samples import`, the app's Import...). No torch.

- open_ink_file(path): opened without ever blocking (a FIFO without a writer reads as an
  empty file, never waits for one); a folder or an image is one InkFileError.
- read_lines(stream): every line as bytes, bounded (a longer line is an error and the
  rest of it is skipped unread, so memory stays bounded whatever the input).
- ink_lines(stream, name): read_lines, once the file has shown it is a file of text lines
  at all. A file that is not (binary junk, UTF-16, nothing but blank lines, one huge line)
  is one InkFileError naming the file, raised before any line is given: every reader says
  it the same way, in one line, instead of one error per "line" of the junk.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from typing import BinaryIO

from .json_lines import not_utf8

MAX_LINE_BYTES = 4 << 20  # one ink line; longer lines give an error and are skipped unread
SKIP_CHUNK = 1 << 20  # bytes read at a time while skipping an overlong line
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
NOT_INKS = "not an ink file (JSON Lines)"


class InkFileError(ValueError):
    """A file that is no file of inks as a whole; the message names the file and says why, in
    one line. kind: "folder", "image", "not text" (binary, UTF-16, a first line too long)
    or "no ink" (empty, only blank lines)."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def open_ink_file(path: str | os.PathLike) -> BinaryIO:
    """The file at path, opened for reading bytes. FileNotFoundError (an OSError) if there is
    none; InkFileError for a folder or an image (PNG, JPEG, ...).

    Opening never blocks: a FIFO (a named pipe, /dev/stdin when it is a pipe, a shell's
    <(...)) is opened without waiting for a writer, then read as a stream; one that no
    process writes to reads as an empty file (ink_lines: "is empty") instead of waiting
    for a writer forever. A device reads as the stream it gives (/dev/zero: one endless
    line, refused by ink_lines in bounded memory)."""
    name = str(path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise InkFileError(f"{name} is a folder, not an ink file", "folder")
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(fd, True)  # reads wait for data, as on standard input (no writer: end of file)
        stream = open(fd, "rb")  # noqa: SIM115  the caller closes it (a with-block)
    except BaseException:
        os.close(fd)
        raise
    if stream.seekable():
        head = stream.read(12)
        stream.seek(0)
        if is_image(head):  # a newcomer's --ink photo.png gave one error per "line" of the PNG
            stream.close()
            raise InkFileError(f"{name} is an image, {NOT_INKS}", "image")
    return stream


def is_image(head: bytes) -> bool:
    """Whether a file's first bytes are those of an image format Pillow reads (WebP: RIFF....WEBP)."""
    return head.startswith(IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def read_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | ValueError]]:
    """(line number, the line's bytes, or a ValueError for a line longer than MAX_LINE_BYTES)
    for every line, blank ones included, so line numbers are the file's (lines end at b"\\n").

    A UTF-8 byte order mark opening the file is dropped. A line is read up to
    MAX_LINE_BYTES: a longer one gives its error and the rest of it is skipped in chunks,
    so memory stays bounded whatever the input (even an endless line).
    """
    lineno = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        lineno += 1
        if lineno == 1 and raw.startswith(UTF8_BOM):  # what Windows Notepad writes first
            raw = raw[len(UTF8_BOM) :]
            if not raw:
                return  # a file holding only the mark holds no line, as an empty file
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            yield lineno, ValueError(f"line {lineno}: longer than {MAX_LINE_BYTES >> 20} MB")
            _skip_line(stream)
            continue
        yield lineno, raw


def _skip_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def ink_lines(stream: BinaryIO, name: str) -> Iterator[tuple[int, bytes | ValueError]]:
    """read_lines(stream), every line, blank ones included, once the first non-blank line has
    shown that this is a file of text lines. InkFileError "NAME ..." instead, before any
    line is given, when the file holds no line but blank ones (or nothing), or its first
    non-blank line is not UTF-8 text (binary junk, UTF-16), holds a NUL byte, or is longer
    than MAX_LINE_BYTES. Later lines are the readers' own business (one error each).
    The blank lines before the first non-blank one are given (as b"\\n") once it is read."""
    blank = 0  # blank lines held back: lines 1..blank
    lines = read_lines(stream)
    for lineno, raw in lines:
        if isinstance(raw, bytes) and not raw.strip():
            blank += 1
            continue
        problem = _not_text(raw, lineno)
        if problem:
            raise InkFileError(name + problem, "not text")
        yield from ((k, b"\n") for k in range(1, blank + 1))
        yield lineno, raw
        yield from lines
        return
    raise InkFileError(f"{name} is empty: no ink" if blank == 0 else f"{name} holds only blank lines: no ink", "no ink")


def _not_text(raw: bytes | ValueError, lineno: int) -> str:
    """Why the first non-blank line shows a file that is no JSON Lines text, to follow the
    file's name (" is not UTF-8 text ..."; "" if it does not)."""
    if isinstance(raw, ValueError):
        return f": {raw}: not an ink file (JSON Lines, one ink per line)"
    if lineno == 1 and raw.startswith(UTF16_BOMS):
        return " is UTF-16 text: save it as UTF-8 (an ink file is JSON Lines in UTF-8)"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f" is {not_utf8(exc, lineno)}: {NOT_INKS}"
    nul = raw.find(b"\x00")  # UTF-8, but no text (what a file of zeros or a binary format holds)
    if nul >= 0:
        return f" is binary data, not text (a NUL byte at line {lineno}, column {nul + 1}): {NOT_INKS}"
    return ""

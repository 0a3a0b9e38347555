"""Image files that are small on disk but huge when decoded, written without decoding them."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

PNG_COLOR = {"L": (0, 1), "RGB": (2, 3), "RGBA": (6, 4)}  # mode -> (PNG color type, bytes per pixel)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_png(path: Path, width: int, height: int, mode: str = "L") -> Path:
    """A valid all-zero PNG of width x height, streamed (memory: one row, not the image)."""
    color, bpp = PNG_COLOR[mode]
    z = zlib.compressobj(9)
    row = bytes(1 + width * bpp)  # filter byte 0 + zeros
    idat = bytearray()
    for _ in range(height):
        idat += z.compress(row)
    idat += z.flush()
    with path.open("wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n")
        fh.write(_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, color, 0, 0, 0)))
        fh.write(_chunk(b"IDAT", bytes(idat)))
        fh.write(_chunk(b"IEND", b""))
    return path


def make_hostile_images(folder: Path) -> dict[str, str]:
    """{file name: what its refusal must say}."""
    folder.mkdir(parents=True, exist_ok=True)
    write_png(folder / "strip.png", 89_000_000, 1)
    write_png(folder / "square.png", 9_400, 9_400, "RGBA")
    write_png(folder / "tall.png", 1, 40_000)
    (folder / "fake.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 0, 0, 0, 0))
    )
    return {
        "strip.png": "strip.png was refused: 89,000,000 x 1 pixels is too large",
        "square.png": "square.png was refused: 9,400 x 9,400 pixels is too large",
        "tall.png": "tall.png was refused: 1 x 40,000 pixels is too large",
        "fake.png": "cannot read fake.png as an image",
    }

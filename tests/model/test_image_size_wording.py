"""An image refused for its size gets one wording, wherever the size was found (our header
check, Pillow's own decompression-bomb limits), through `digitpad predict` and --number."""

from __future__ import annotations

import json
import re
import struct
import zlib

import pytest

from tests.model.test_cli import digitpad

ONE_WORDING = re.compile(
    r"^(?P<name>\S+) was refused: [\d,]+( x [\d,]+)? pixels is too large \(at most 40 megapixels, 30,000 on a side\)$"
)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A PNG that announces width x height (and holds almost no pixel data)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(b"\0" * 64)) + _chunk(b"IEND", b"")
    )


def gif_header(width: int, height: int) -> bytes:
    return (
        b"GIF89a"
        + struct.pack("<HHBBB", width, height, 0, 0, 0)
        + b","
        + struct.pack("<HHHHB", 0, 0, width, height, 0)
        + b"\x02\x02\x44\x01\x00;"
    )


def bmp_header(width: int, height: int) -> bytes:
    dib = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 14 + len(dib) + 16, 0, 0, 14 + len(dib)) + dib + bytes(16)


SIZES = {
    "ours-square.png": png_header(9_400, 9_400),  # 88 MP: our header check
    "ours-side.png": png_header(40_000, 1),  # one side too long: our header check
    "pillow-warning.png": png_header(10_000, 10_000),  # 100 MP: Pillow's warning (turned into an error)
    "pillow-error.png": png_header(20_000, 20_000),  # 400 MP: Pillow's own DecompressionBombError
    "huge.gif": gif_header(65_535, 65_535),
    "huge.bmp": bmp_header(30_000, 30_000),
}


@pytest.mark.parametrize("number", [False, True])
def test_every_size_refusal_has_one_wording(tmp_path, number):
    paths = []
    for name, data in SIZES.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    result = digitpad("predict", *(["--number"] if number else []), *paths)
    assert result.returncode == 0, result.stderr
    errors = [json.loads(line)["error"] for line in result.stdout.splitlines()]
    assert len(errors) == len(SIZES)
    for name, error in zip(SIZES, errors):
        match = ONE_WORDING.match(error)
        assert match and match["name"] == name, error

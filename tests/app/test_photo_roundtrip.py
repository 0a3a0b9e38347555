"""A drawing saved by DigitPad as PNG and opened again reads as the live drawing did.

The save path is the app's own: InkCanvas.grab_ink_image (Qt paints the strokes at
the user's pen width, black on white, anti-aliased, and the image carries the strokes:
model/pictures/drawing_file.py), QImage.save as PNG. Opened again, the file reads as
its ink (tests/app/test_saved_drawing.py). These tests hold for the pixels alone too,
as when a chat app or an editor drops the strokes: the file re-saved by Pillow without
them is read by the picture path, QImage from the file, PNG bytes,
Predictor.predict_image (the large test reads the file directly, after a test that the
app's PNG bytes hold the saved pixels unchanged). Real pen digits (tests/data/inks,
UJI writers) are placed in the canvas's guide square (70% of the shorter side) at
canvas sizes 300..1500 px and pen widths 2..40 px.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QImage

from app.drawing.canvas import InkCanvas
from app.drawing.ink_model import InkModel
from app.window.image_io import qimage_to_png_bytes

INKS = Path(__file__).resolve().parents[1] / "data" / "inks" / "uji-sample.jsonl"
GUIDE = 0.7  # the canvas's guide square, as a fraction of its shorter side
SIZES = [300, 640, 1000, 1500]
WIDTHS = [2, 5, 12, 24, 40]


def sample_inks() -> list[list[list[tuple[float, float]]]]:
    return [json.loads(line)["strokes"] for line in INKS.read_text().splitlines() if line.strip()]


def place(strokes, side: int):
    """Scale and center the ink into the guide square of a side x side canvas."""
    pts = [p for s in strokes for p in s]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    scale = GUIDE * side / max(max(xs) - min(xs), max(ys) - min(ys))
    ox = (side - (max(xs) - min(xs)) * scale) / 2 - min(xs) * scale
    oy = (side - (max(ys) - min(ys)) * scale) / 2 - min(ys) * scale
    return [[(x * scale + ox, y * scale + oy) for x, y, *_ in s] for s in strokes]


def square_canvas(qtbot, side: int) -> tuple[InkModel, InkCanvas]:
    """A side x side canvas over a new ink."""
    ink = InkModel()
    canvas = InkCanvas(ink)
    qtbot.addWidget(canvas)
    canvas.resize(side, side)
    return ink, canvas


def drawn(ink: InkModel, placed, width: float) -> None:
    """The ink cleared, then the placed strokes drawn point by point at a pen width."""
    ink.clear()
    for stroke in placed:
        ink.begin_stroke(*stroke[0], 1.0, width)
        for x, y in stroke[1:]:
            ink.extend_stroke(x, y)
        ink.end_stroke()


def save_pixels_only(canvas: InkCanvas, path: Path) -> None:
    """The canvas saved as the app saves it, then re-saved by Pillow without its text
    chunks: the pixels alone, as another program passes the picture on."""
    assert canvas.grab_ink_image().save(str(path), "PNG")
    with Image.open(path) as saved:
        saved.load()
        saved.save(path)  # Pillow writes no text chunk unless asked


def saved_and_reopened(canvas: InkCanvas, tmp_path: Path) -> bytes:
    path = tmp_path / "digit.png"
    save_pixels_only(canvas, path)
    image = QImage(str(path))
    assert not image.isNull()
    return qimage_to_png_bytes(image)


def test_the_reopened_png_holds_the_saved_pixels(qtbot, tmp_path):
    ink = InkModel()
    canvas = InkCanvas(ink)
    qtbot.addWidget(canvas)
    canvas.resize(300, 300)
    ink.add_stroke([(50, 50, 1.0), (250, 240, 1.0)], 9)
    saved = canvas.grab_ink_image().convertToFormat(QImage.Format.Format_RGB32)
    reopened = QImage.fromData(saved_and_reopened(canvas, tmp_path)).convertToFormat(QImage.Format.Format_RGB32)
    assert reopened == saved and saved.pixelColor(150, 145).lightness() < 50  # the stroke is there


@pytest.mark.parametrize("side", SIZES)
def test_saved_drawings_read_as_the_live_drawing(qtbot, predictor, tmp_path, side):
    """Each canvas size takes every pen width on half of the sample digits (the large
    canvases are slow to encode as PNG); over the sizes every digit is drawn twice."""
    ink, canvas = square_canvas(qtbot, side)
    disagree = []
    for n, strokes in enumerate(sample_inks()):
        if (n + SIZES.index(side)) % 2:
            continue
        placed = place(strokes, side)
        live = predictor.predict_strokes(placed).digit
        for width in WIDTHS:
            drawn(ink, placed, width)
            path = tmp_path / "digit.png"
            save_pixels_only(canvas, path)
            reopened = predictor.predict_image(path).digit  # the app's QImage -> PNG bytes is lossless (above)
            if reopened != live:
                disagree.append((n, width, live, reopened))
    assert disagree == []

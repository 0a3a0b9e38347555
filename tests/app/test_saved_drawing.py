"""A drawing saved by DigitPad opens again as its strokes: the same reading as the live
canvas, whatever the pen width and canvas size, and strokes to edit (one undoable step).
A saved drawing edited elsewhere opens as a picture (tests/model/test_drawing_file.py)."""

from __future__ import annotations

import pytest
from PIL import Image

from app.drawing.canvas import InkCanvas
from app.drawing.ink_model import InkModel
from model.pictures.drawing_file import saved_drawing

from .helpers import draw, seven
from .test_photo_roundtrip import SIZES, WIDTHS, place, sample_inks
from .test_recognition import prediction


def drawn(ink: InkModel, placed, width: float) -> None:
    ink.clear()
    for stroke in placed:
        ink.begin_stroke(*stroke[0], 1.0, width)
        for x, y in stroke[1:]:
            ink.extend_stroke(x, y)
        ink.end_stroke()


@pytest.mark.parametrize("side", SIZES)
def test_saved_drawings_read_exactly_as_the_live_canvas(qtbot, predictor, tmp_path, side):
    """Every sample digit, one pen width each (all widths over the digits), read as a
    number by the app's path for files (read_picture) and for the canvas (read_drawing)."""
    ink = InkModel()
    canvas = InkCanvas(ink)
    qtbot.addWidget(canvas)
    canvas.resize(side, side)
    disagree = []
    for n, strokes in enumerate(sample_inks()):
        placed = place(strokes, side)
        drawn(ink, placed, WIDTHS[(n + side) % len(WIDTHS)])
        live, _ = predictor.read_drawing(ink.strokes)
        path = tmp_path / "digit.png"
        assert canvas.grab_ink_image().save(str(path), "PNG")
        assert saved_drawing(path) is not None  # read as its ink, not its pixels
        number, _ = predictor.read_picture(path)
        if number.text != live.text:
            disagree.append((n, live.text, number.text))
    assert disagree == []


def test_a_saved_drawing_opens_as_strokes_to_edit(window, qtbot, tmp_path):
    draw(window.canvas, seven(window.canvas)[0])
    saved = [s.points for s in window.ink.finished_strokes]
    live = prediction(window)
    path = tmp_path / "seven.png"
    assert window.save_drawing_to(str(path))
    window.ink.clear()
    with qtbot.waitSignal(window.images.drawingOpened, timeout=20000):
        window.open_image(str(path))
    assert [s.points for s in window.ink.finished_strokes] == saved and window.ink.image is None
    qtbot.waitUntil(lambda: prediction(window) == live, timeout=5000)
    assert "its strokes can be edited" in window.statusBar().currentMessage()
    draw(window.canvas, [(20, 20), (40, 30)])  # drawn on: a stroke more, like any ink
    assert len(window.ink.finished_strokes) == len(saved) + 1
    window.undo_stroke()
    window.undo_stroke()  # back before the opening: the cleared canvas
    assert window.ink.is_empty()


def test_a_saved_drawing_edited_elsewhere_opens_as_a_picture(window, qtbot, tmp_path):
    draw(window.canvas, seven(window.canvas)[0])
    path = tmp_path / "seven.png"
    assert window.save_drawing_to(str(path))
    with Image.open(path) as image:
        image.load()
        image.putpixel((3, 3), 0)  # a touch-up in a paint program keeping the text chunk
        image.save(path, pnginfo=_text_of(image))
    with qtbot.waitSignal(window.images.opened, timeout=20000):
        window.open_image(str(path))
    assert window.ink.image is not None and window.ink.is_empty()


def _text_of(image):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    for key, value in image.text.items():
        info.add_text(key, value, zip=True)
    return info


def test_a_drawing_from_a_canvas_of_another_size_is_fitted_to_the_ink():
    ink = InkModel()
    ink.space = (400.0, 400.0)
    ink.load_drawing([[(0.0, 0.0, 1.0), (800.0, 400.0, 0.5)]], [20.0], (800.0, 400.0))
    (stroke,) = ink.finished_strokes
    assert stroke.points == ((0.0, 100.0, 1.0), (400.0, 300.0, 0.5)) and stroke.width == 10.0
    fresh = InkModel()
    fresh.load_drawing([[(1.5, 2.5, 1.0)]], [7.0], (800.0, 400.0))
    assert fresh.space == (800.0, 400.0) and fresh.finished_strokes[0].points == ((1.5, 2.5, 1.0),)
    with pytest.raises(ValueError):
        fresh.load_drawing([[]], [7.0], (800.0, 400.0))

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
from .test_photo_roundtrip import SIZES, WIDTHS, drawn, place, sample_inks, square_canvas
from .test_recognition import prediction


@pytest.mark.parametrize("side", SIZES)
def test_saved_drawings_read_exactly_as_the_live_canvas(qtbot, predictor, tmp_path, side):
    """Every sample digit, one pen width each (all widths over the digits), read as a
    number by the app's path for files (read_picture) and for the canvas (read_drawing)."""
    ink, canvas = square_canvas(qtbot, side)
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


def test_a_pasted_drawing_says_so(window, qtbot, tmp_path):
    from PySide6.QtGui import QImage

    draw(window.canvas, seven(window.canvas)[0])
    path = tmp_path / "seven.png"
    assert window.save_drawing_to(str(path))
    window.ink.clear()
    with qtbot.waitSignal(window.images.drawingOpened, timeout=20000):
        window.recognize_qimage(QImage(str(path)))  # a paste or a drop of the image itself
    assert window.statusBar().currentMessage() == "Pasted a drawing: its strokes can be edited"
    assert len(window.ink.finished_strokes) == 1


def test_a_drawing_too_large_to_keep_its_strokes_says_so(window, tmp_path, monkeypatch):
    import model.pictures.drawing_file as drawing_file

    monkeypatch.setattr(drawing_file, "MAX_STROKES", 1)
    draw(window.canvas, seven(window.canvas)[0])
    draw(window.canvas, [(20, 20), (60, 40)])
    path = tmp_path / "two.png"
    assert window.save_drawing_to(str(path))
    assert "as a picture only" in window.statusBar().currentMessage()
    assert saved_drawing(path) is None and path.stat().st_size > 0


def test_what_a_resized_canvas_saved_opens_in_view(qtbot, tmp_path):
    """Ink begun on a 400 x 400 canvas, then the canvas made 800 x 400 and a stroke drawn
    beside the first ink (outside the space it began in): the file holds the canvas as
    shown, and opened into a fresh ink every stroke lies inside its space."""
    ink = InkModel()
    canvas = InkCanvas(ink)
    qtbot.addWidget(canvas)
    canvas.resize(400, 400)
    draw(canvas, [(150, 100), (250, 300)])
    canvas.resize(800, 400)
    draw(canvas, [(40, 100), (60, 300)])  # left of the first space's area
    path = tmp_path / "wide.png"
    assert canvas.grab_ink_image().save(str(path), "PNG")
    drawing = saved_drawing(path)
    assert drawing is not None and drawing.space == (800.0, 400.0)
    fresh = InkModel()
    fresh.load_drawing(drawing.strokes, drawing.widths, drawing.space)
    xs = [p[0] for s in fresh.finished_strokes for p in s.points]
    assert 0 <= min(xs) and max(xs) <= 800

"""A drawing saved by DigitPad carries its strokes (model/pictures/drawing_file.py): they
are read back only while the pixels are the saved ones; anything else about the chunk
(damaged, hostile, too long) makes the file an ordinary picture, never an error. The
predictor reads a saved drawing as its ink. Files are written here with Pillow, in the
layout Qt writes them (a compressed text chunk before the pixels)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image, ImageDraw
from PIL.PngImagePlugin import PngInfo

from model.pictures.drawing_file import INK_KEY, MAX_INK_TEXT, ink_text, saved_drawing

# a 3 over a 4, in a 200 x 160 ink space, saved at 2x (a HiDPI screen)
THREE = [
    [(40.0, 30.0, 1.0), (80.0, 25.0, 1.0), (85.0, 55.0, 1.0), (55.0, 70.0, 1.0), (90.0, 95.0, 1.0), (40.0, 120.0, 1.0)]
]
FOUR = [[(130.0, 30.0, 1.0), (115.0, 90.0, 1.0), (165.0, 90.0, 1.0)], [(155.0, 40.0, 1.0), (155.0, 130.0, 1.0)]]
SPACE = (200.0, 160.0)
SCALE = 2.0


def painted(strokes, size=(400, 320)) -> Image.Image:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        draw.line([(x * SCALE, y * SCALE) for x, y, _ in stroke], fill=0, width=12, joint="curve")
    return image


def save(path, image: Image.Image, text: str | None) -> None:
    info = PngInfo()
    if text is not None:
        info.add_text(INK_KEY, text, zip=True)
    image.save(path, pnginfo=info)


def drawing_file(tmp_path, strokes=THREE + FOUR, name="drawing.png"):
    image = painted(strokes)
    text = ink_text(strokes, [6.0] * len(strokes), SPACE, (SCALE, 0.0, 0.0), image.tobytes(), image.size)
    path = tmp_path / name
    save(path, image, text)
    return path, image, text


def test_a_saved_drawing_gives_its_strokes_back_from_a_path_bytes_or_an_image(tmp_path):
    path, _, _ = drawing_file(tmp_path)
    for source in (path, str(path), path.read_bytes(), Image.open(path)):
        drawing = saved_drawing(source)
        assert drawing is not None
        assert drawing.strokes == [list(s) for s in THREE + FOUR]
        assert drawing.widths == [6.0, 6.0, 6.0] and drawing.space == SPACE and drawing.to_pixels == (SCALE, 0.0, 0.0)


def test_an_edited_drawing_is_a_picture(tmp_path):
    """One pixel changed (a paint program's touch-up), the chunk kept: the strokes are not
    what the picture shows any more."""
    _, image, text = drawing_file(tmp_path)
    image.putpixel((5, 5), 0)
    save(tmp_path / "edited.png", image, text)
    assert saved_drawing(tmp_path / "edited.png") is None
    image.putpixel((5, 5), 255)  # the same pixels as an RGB file: still the drawing
    save(tmp_path / "rgb.png", image.convert("RGB"), text)
    assert saved_drawing(tmp_path / "rgb.png") is not None
    save(tmp_path / "wider.png", image.crop((0, 0, 401, 320)), text)  # another size
    assert saved_drawing(tmp_path / "wider.png") is None


def test_other_files_are_pictures(tmp_path):
    path, image, text = drawing_file(tmp_path)
    image.save(tmp_path / "plain.png")
    image.save(tmp_path / "same.jpg", quality=100)
    (tmp_path / "damaged.png").write_bytes(path.read_bytes()[:60])
    for source in ("plain.png", "same.jpg", "damaged.png", "missing.png", "."):
        assert saved_drawing(tmp_path / source) is None
    assert saved_drawing(np.zeros((28, 28), np.uint8)) is None
    assert saved_drawing(b"not an image") is None


def good_doc(text: str) -> dict:
    return json.loads(text)


HOSTILE = {
    "not json": lambda d: "{",
    "a list": lambda d: "[]",
    "another format": lambda d: json.dumps({**d, "format": 2}),
    "no strokes": lambda d: json.dumps({**d, "strokes": []}),
    "an empty stroke": lambda d: json.dumps({**d, "strokes": [{"width": 5, "points": []}]}),
    "a NaN": lambda d: json.dumps({**d, "space": [float("nan"), 10]}),
    "a huge number": lambda d: json.dumps({**d, "strokes": [{"width": 5, "points": [[1e300, 1, 1]]}]}),
    "a string point": lambda d: json.dumps({**d, "strokes": [{"width": 5, "points": ["abc"]}]}),
    "a bool width": lambda d: json.dumps({**d, "strokes": [{"width": True, "points": [[1, 1, 1]]}]}),
    "two numbers a point": lambda d: json.dumps({**d, "strokes": [{"width": 5, "points": [[1, 1]]}]}),
    "a negative scale": lambda d: json.dumps({**d, "to_pixels": [-1, 0, 0]}),
    "no digest": lambda d: json.dumps({k: v for k, v in d.items() if k != "pixels"}),
    "a stroke is a number": lambda d: json.dumps({**d, "strokes": [7]}),
    "too long": lambda d: json.dumps({**d, "pad": "x" * MAX_INK_TEXT}),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_damaged_or_hostile_chunk_makes_the_file_a_picture(tmp_path, kind):
    """Whatever the chunk holds, the file opens as a picture: no error, nothing allocated
    from its numbers."""
    _, image, text = drawing_file(tmp_path)
    path = tmp_path / "hostile.png"
    save(path, image, HOSTILE[kind](good_doc(text)))
    assert saved_drawing(path) is None


def test_a_drawing_too_long_to_store_is_saved_as_a_picture():
    long_stroke = [(float(i % 200), float(i % 160), 1.0) for i in range(60_000)]
    image = painted([])
    assert ink_text([long_stroke], [5.0], SPACE, (SCALE, 0.0, 0.0), image.tobytes(), image.size) is None
    with pytest.raises(ValueError):
        ink_text(THREE, [5.0], SPACE, (SCALE, 0.0, 0.0), b"\xff" * 10, image.size)


def test_the_predictor_reads_a_saved_drawing_as_its_ink(tmp_path, predictor):
    path, _, _ = drawing_file(tmp_path)
    strokes = [list(s) for s in THREE + FOUR]
    live, _ = predictor.read_drawing(strokes)
    number, single = predictor.read_picture(path)
    assert number.text == live.text
    for read, drawn in zip(number.characters, live.characters):  # boxes in the image's pixels
        assert read.box == pytest.approx([v * SCALE for v in drawn.box])
    assert single.digit == predictor.predict_strokes(strokes).digit
    assert predictor.predict_number_image(path).text == predictor.predict_number(strokes).text
    one = drawing_file(tmp_path, THREE, "three.png")[0]
    expected = predictor.predict_strokes(THREE, check_not_digit=True)
    assert predictor.predict_image(one).digit == expected.digit
    np.testing.assert_allclose(predictor.predict_image(one).probabilities, expected.probabilities)


def test_many_images_keep_their_order_with_drawings_among_them(tmp_path, predictor):
    drawing = drawing_file(tmp_path, THREE)[0]
    picture = tmp_path / "picture.png"
    painted(FOUR).save(picture)
    results = predictor.predict_many_images([picture, drawing, tmp_path / "missing.png", drawing])
    assert results[0].digit == predictor.predict_image(picture).digit
    assert results[1].digit == results[3].digit == predictor.predict_strokes(THREE, check_not_digit=True).digit
    assert isinstance(results[2], ValueError)

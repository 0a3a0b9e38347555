"""A drawing saved by DigitPad carries its strokes (model/pictures/drawing_file.py): they
are read back only while the pixels are the saved ones; anything else about the chunk
(damaged, hostile, too long) makes the file an ordinary picture, never an error. The
predictor reads a saved drawing as its ink. Files are written here with Pillow, in the
layout Qt writes them (a compressed text chunk before the pixels)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from PIL.PngImagePlugin import PngInfo

from model.pictures.drawing_file import INK_KEY, MAX_INK_TEXT, _smooth, ink_text, saved_drawing
from model.pictures.images import open_image

# a 3 over a 4, in a 200 x 160 ink space, saved at 2x (a HiDPI screen)
THREE = [
    [(40.0, 30.0, 1.0), (80.0, 25.0, 1.0), (85.0, 55.0, 1.0), (55.0, 70.0, 1.0), (90.0, 95.0, 1.0), (40.0, 120.0, 1.0)]
]
FOUR = [[(130.0, 30.0, 1.0), (115.0, 90.0, 1.0), (165.0, 90.0, 1.0)], [(155.0, 40.0, 1.0), (155.0, 130.0, 1.0)]]
SPACE = (200.0, 160.0)
SCALE = 2.0


def painted(strokes, size=(400, 320), pen=12) -> Image.Image:
    """The strokes painted as the canvas paints them (its smooth path: _smooth), a round
    pen of `pen` px at SCALE. tests/app/test_saved_drawing.py saves the canvas's own."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        xy = [(x, y) for x, y, _ in _smooth([(x * SCALE, y * SCALE, p) for x, y, p in stroke])]
        draw.line(xy, fill=0, width=pen, joint="curve")
        for x, y in xy[:: len(xy) - 1]:
            draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=0)
    return image


def save(path, image: Image.Image, text: str | None) -> None:
    info = PngInfo()
    if text is not None:
        info.add_text(INK_KEY, text, zip=True)
    image.save(path, pnginfo=info)


def drawing_file(tmp_path, strokes=THREE + FOUR, name="drawing.png"):
    image = painted(strokes)
    text = ink_text(strokes, [6.0] * len(strokes), SCALE, image.tobytes(), image.size)
    path = tmp_path / name
    save(path, image, text)
    return path, image, text


def test_a_saved_drawing_gives_its_strokes_back_from_a_path_bytes_or_an_image(tmp_path):
    path, _, _ = drawing_file(tmp_path)
    for source in (path, str(path), path.read_bytes(), Image.open(path)):
        drawing = saved_drawing(source)
        assert drawing is not None
        assert drawing.strokes == [list(s) for s in THREE + FOUR]
        assert drawing.widths == [6.0, 6.0, 6.0] and drawing.space == SPACE and drawing.scale == SCALE


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


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


HOSTILE = {
    "not json": lambda d: "{",
    "a list": lambda d: "[]",
    "another format": lambda d: json.dumps({**d, "format": 2}),
    "no strokes": lambda d: json.dumps({**d, "strokes": []}),
    "an empty stroke": lambda d: json.dumps({**d, "strokes": [{"width": 5, "points": []}]}),
    "a NaN": lambda d: json.dumps({**d, "scale": float("nan")}),
    "a huge number": lambda d: json.dumps({**d, "strokes": [{"width": 5, "points": [[1e300, 1, 1]]}]}),
    "a string point": lambda d: json.dumps({**d, "strokes": [{"width": 5, "points": ["abc"]}]}),
    "a bool width": lambda d: json.dumps({**d, "strokes": [{"width": True, "points": [[1, 1, 1]]}]}),
    "two numbers a point": lambda d: json.dumps({**d, "strokes": [{"width": 5, "points": [[1, 1]]}]}),
    "a negative scale": lambda d: json.dumps({**d, "scale": -1}),
    "a tiny scale": lambda d: json.dumps({**d, "scale": 0.001}),
    "a scale as text": lambda d: json.dumps({**d, "scale": "2"}),
    "a 400-digit size": lambda d: json.dumps(d).replace('"size": [400', '"size": [' + "9" * 400, 1),
    "a 400-digit point": lambda d: json.dumps({**d, "strokes": [{"width": 5, "points": [[int("9" * 400), 1, 1]]}]}),
    "deep nesting": lambda d: json.dumps(d)[:-1] + ', "x": ' + nested(100_000) + "}",
    "deep nesting in a point": lambda d: json.dumps({**d, "strokes": [{"width": 5, "points": [[1, 1, 1]]}]}).replace(
        "[[1,1,1]]", nested(100_000)
    ),
    "a point far off the picture": lambda d: json.dumps({**d, "strokes": [{"width": 5, "points": [[99_999, 1, 1]]}]}),
    "a huge pressure": lambda d: json.dumps({**d, "strokes": [{"width": 5, "points": [[1, 1, 1e6]]}]}),
    "too many strokes": lambda d: json.dumps({**d, "strokes": [{"width": 5, "points": [[1, 1, 1]]}] * 1001}),
    "another drawing": lambda d: json.dumps({**d, "strokes": [{"width": 6, "points": [[100, 20, 1], [100, 140, 1]]}]}),
    "a huge pen": lambda d: json.dumps({**d, "strokes": [{**s, "width": 100} for s in d["strokes"]]}),
    "a dot added": lambda d: json.dumps({**d, "strokes": [*d["strokes"], {"width": 6, "points": [[100, 150, 1]]}]}),
    "a hairline added": lambda d: json.dumps(
        {**d, "strokes": [*d["strokes"], {"width": 0.5, "points": [[100, 10, 1], [100, 150, 1]]}]}
    ),
    "a pen of no width": lambda d: json.dumps({**d, "strokes": [{**s, "width": 0} for s in d["strokes"]]}),
    "a stroke off the picture": lambda d: json.dumps(
        {**d, "strokes": [*d["strokes"], {"width": 6, "points": [[210, 20, 1], [210, 140, 1]]}]}
    ),
    "format true": lambda d: json.dumps({**d, "format": True}),
    "a path no canvas holds": lambda d: json.dumps(
        {**d, "strokes": [{"width": 6, "points": [[0, 0, 1], [199, 159, 1]] * 30_000}]}
    ),
    "no digest": lambda d: json.dumps({k: v for k, v in d.items() if k != "pixels"}),
    "a stroke is a number": lambda d: json.dumps({**d, "strokes": [7]}),
    "too long": lambda d: json.dumps({**d, "pad": "x" * MAX_INK_TEXT}),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_damaged_or_hostile_chunk_makes_the_file_a_picture(tmp_path, kind, predictor):
    """Whatever the chunk holds, the file opens as a picture: no error, nothing allocated
    from its numbers, and the picture path reads what it shows ("another drawing": the
    digest is right but the strokes draw something else)."""
    _, image, text = drawing_file(tmp_path)
    path = tmp_path / "hostile.png"
    save(path, image, HOSTILE[kind](good_doc(text)))
    assert saved_drawing(path) is None
    assert predictor.read_picture(path)[0].text == predictor.read_picture(image)[0].text


def test_the_strokes_must_draw_the_picture_at_any_pen(tmp_path):
    """Pens from 1 to 60 px, a tablet's varying pressure: the strokes the canvas would
    paint are recognized as drawing the picture."""
    for pen in (1, 2, 5, 24, 60):
        image = painted(THREE + FOUR, pen=pen)
        text = ink_text(THREE + FOUR, [pen / SCALE] * 3, SCALE, image.tobytes(), image.size)
        save(tmp_path / "pen.png", image, text)
        assert saved_drawing(tmp_path / "pen.png") is not None, pen


def after_the_pixels(png: bytes) -> bytes:
    """The same PNG with its zTXt chunk moved after the pixels (as some tools re-save)."""
    chunks, at = [], 8
    while at < len(png):
        length = int.from_bytes(png[at : at + 4], "big")
        chunks.append(png[at : at + 12 + length])
        at += 12 + length
    text = [c for c in chunks if c[4:8] == b"zTXt"]
    rest = [c for c in chunks if c[4:8] != b"zTXt"]
    return png[:8] + b"".join(rest[:-1] + text + rest[-1:])


def test_only_a_chunk_before_the_pixels_counts(tmp_path, predictor):
    """The app and the command line read a file alike: a chunk a tool moved after the
    pixels is not looked for (it would be only once the pixels are decoded)."""
    path, image, _ = drawing_file(tmp_path)
    moved = tmp_path / "moved.png"
    moved.write_bytes(after_the_pixels(path.read_bytes()))
    with Image.open(moved) as check:
        check.load()
        assert INK_KEY in check.info and np.array_equal(np.asarray(check), np.asarray(image))
    assert saved_drawing(moved) is None and saved_drawing(moved.read_bytes()) is None
    assert saved_drawing(open_image(moved)) is None  # the app's decoded image, too
    assert predictor.read_picture(open_image(moved))[0].text == predictor.read_picture(image)[0].text


def test_a_rotated_transparent_or_deeper_copy_is_a_picture(tmp_path):
    """The same pixel values shown otherwise: an EXIF rotation, the ink made transparent,
    16-bit grey (0..255 of 65,535: nearly black)."""
    _, image, text = drawing_file(tmp_path)
    exif = Image.Exif()
    exif[0x0112] = 3  # rotated 180 degrees
    info = PngInfo()
    info.add_text(INK_KEY, text, zip=True)
    image.save(tmp_path / "rotated.png", pnginfo=info, exif=exif)
    rgba = image.convert("RGBA")
    rgba.putalpha(Image.eval(image, lambda v: 255 if v > 128 else 0))  # the ink transparent
    save(tmp_path / "hidden.png", rgba, text)
    save(tmp_path / "deep.png", Image.fromarray(np.asarray(image).astype(np.uint16)), text)
    for name in ("rotated.png", "hidden.png", "deep.png"):
        assert saved_drawing(tmp_path / name) is None, name


def test_a_drawing_too_long_to_store_is_saved_as_a_picture():
    long_stroke = [(float(i % 200), float(i % 160), 1.0) for i in range(60_000)]
    image = painted([])
    assert ink_text([long_stroke], [5.0], SCALE, image.tobytes(), image.size) is None
    assert ink_text([[(1.0, 1.0)]] * 1001, [5.0] * 1001, SCALE, image.tobytes(), image.size) is None
    with pytest.raises(ValueError):
        ink_text(THREE, [5.0], SCALE, b"\xff" * 10, image.size)


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


def test_the_command_line_reads_a_saved_drawing_as_its_ink(tmp_path, predictor):
    """`digitpad predict` and `--number` through the real entry point: the ink's reading,
    boxes in the picture's pixels."""
    import subprocess
    import sys

    path = drawing_file(tmp_path)[0]
    strokes = [list(s) for s in THREE + FOUR]
    repo = Path(__file__).resolve().parents[2]
    run = [sys.executable, "-m", "app", "predict", "--number", str(path)]
    out = json.loads(subprocess.run(run, capture_output=True, text=True, cwd=repo, timeout=120).stdout)
    live = predictor.read_drawing(strokes)[0]
    assert out["number"] == live.text
    assert out["characters"][0]["box"] == pytest.approx([v * SCALE for v in live.characters[0].box], abs=0.01)

"""An opened picture says why it has no digit: blank paper is "nothing to recognize" (not
the empty canvas's hint and a status bar that says "Recognized"), noise and punctuation
marks are said apart, as the command line says them (a newcomer's faults 6 and 7)."""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

PICTURES = Path(__file__).resolve().parents[1] / "data" / "images" / "newcomer-pictures"


def open_and_wait(window, qtbot, path) -> None:
    with qtbot.waitSignal(window.images.opened, timeout=20000):
        window.open_image(str(path))


def test_a_blank_picture_says_there_is_nothing_to_recognize(window, qtbot, tmp_path):
    path = tmp_path / "blank.png"
    Image.new("L", (200, 160), 255).save(path)
    open_and_wait(window, qtbot, path)
    panel = window.panel
    assert "Nothing to recognize" in panel.confidence.text() and "Draw a digit" not in panel.confidence.text()
    assert "blank.png" in panel.caption.text()
    assert "Nothing to recognize in blank.png" in window.statusBar().currentMessage()


def test_an_exclamation_mark_is_called_a_punctuation_mark(window, qtbot, tmp_path):
    path = tmp_path / "mark.png"
    img = Image.new("L", (240, 240), 255)
    d = ImageDraw.Draw(img)
    d.line([(120, 30), (120, 150)], fill=0, width=12)
    d.ellipse((111, 171, 129, 189), fill=0)
    img.save(path)
    open_and_wait(window, qtbot, path)
    assert "punctuation mark" in window.panel.confidence.text()
    assert window.panel.digit.text() == "\u2014"
    assert "Recognized mark.png" in window.statusBar().currentMessage()


def test_noise_is_called_noise(window, qtbot):
    open_and_wait(window, qtbot, PICTURES / "noise_uniform.png")  # the newcomer's
    assert "noise or a texture" in window.panel.confidence.text()


def test_a_tangled_scribble_is_called_a_scribble(window, qtbot, tmp_path):
    path = tmp_path / "tangle.png"
    img = Image.new("L", (300, 300), 255)
    k = [i * 6 * math.pi / 7 for i in range(8)]  # a heptagram: 15 loops
    ImageDraw.Draw(img).line(
        [(150 + 110 * math.sin(a), 150 - 110 * math.cos(a)) for a in k], fill=0, width=6, joint="curve"
    )
    img.save(path)
    open_and_wait(window, qtbot, path)
    assert "scribble" in window.panel.confidence.text() and "loops" in window.panel.confidence.text()
    assert window.panel.digit.text() == "\u2014"

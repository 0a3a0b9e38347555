"""Opening a picture of something that is not a digit: the panel says so, with no digit
and no bars; a picture of a digit after it shows the digit again."""

from __future__ import annotations

from PIL import Image, ImageDraw

from bench.photo_cases import make_case


def test_opening_a_non_digit_picture_says_not_a_digit(window, qtbot, tmp_path):
    noise_path = tmp_path / "noise.png"
    make_case("noise", 1, None, seed=21)[0].save(noise_path)  # a picture the check turns away
    with qtbot.waitSignal(window.images.opened, timeout=20000):  # read off the GUI thread
        window.open_image(str(noise_path))
    panel = window.panel
    assert panel.digit.text() == "\u2014" and not panel.digit.isEnabled()
    assert "Not a digit" in panel.confidence.text()
    assert panel.preview.image is not None  # what the model saw is still shown

    seven = Image.new("L", (300, 300), 255)
    ImageDraw.Draw(seven).line([(80, 60), (220, 60), (120, 250)], fill=0, width=14, joint="curve")
    seven_path = tmp_path / "seven.png"
    seven.save(seven_path)
    with qtbot.waitSignal(window.images.opened, timeout=20000):  # read off the GUI thread
        window.open_image(str(seven_path))
    assert panel.digit.text() == "7" and "Not a digit" not in panel.confidence.text()

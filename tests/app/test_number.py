"""Whole numbers on the canvas, drawn with real mouse events (press, moves, release)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from tests.model.number_shapes import number

from .helpers import draw


def number_label(window) -> QLabel:
    return window.findChild(QLabel, "number")


def write(window, text: str, origin=(60.0, 140.0), gap: float = 30.0) -> None:
    for stroke in number(text, gap=gap):
        points = [(float(x) + origin[0], float(y) + origin[1]) for x, y in np.asarray(stroke)]
        if len(points) == 1:  # a dot: press and release on the spot
            QTest.mouseClick(
                window.canvas,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
                QPoint(round(points[0][0]), round(points[0][1])),
            )
        else:
            draw(window.canvas, points)


def test_the_canvas_is_wide_enough_for_eight_digits(window):
    assert window.canvas.width() >= 8 * (58 + 20)


def test_drawing_2024_shows_the_number_live(window, qtbot):
    write(window, "2024")
    qtbot.waitUntil(lambda: number_label(window).text() == "2024", timeout=5000)
    assert number_label(window).isVisible()
    assert len(window.canvas.character_boxes) == 4
    assert len(window.ink.finished_strokes) == 5  # the 4 is two strokes


def test_clicking_a_digit_shows_its_probabilities(window, qtbot):
    write(window, "2024")
    qtbot.waitUntil(lambda: number_label(window).text() == "2024", timeout=5000)
    strokes = len(window.ink.finished_strokes)
    for index, want in ((1, 0), (3, 4), (0, 2)):
        center = window.canvas.character_boxes[index].center().toPoint()
        QTest.mouseClick(window.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center)
        qtbot.waitUntil(lambda want=want: window.panel.digit.text() == str(want), timeout=3000)
        assert window.panel.chart.probabilities.argmax() == want
        assert window.panel.preview.image is not None
    assert len(window.ink.finished_strokes) == strokes  # a tap on a digit leaves no dot
    assert number_label(window).text() == "2024"


def test_a_decimal_point_tapped_between_digits(window, qtbot):
    write(window, "3.14")
    qtbot.waitUntil(lambda: number_label(window).text() == "3.14", timeout=5000)


def test_copy_the_number_with_ctrl_c_and_the_button(window, qtbot):
    write(window, "2024")
    qtbot.waitUntil(lambda: number_label(window).text() == "2024", timeout=5000)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("")
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "2024"
    clipboard.setText("")
    window.panel.copy_button.click()
    assert clipboard.text() == "2024"


def test_a_single_digit_behaves_as_before(window, qtbot):
    write(window, "7")
    qtbot.waitUntil(lambda: window.panel.digit.text() == "7", timeout=5000)
    assert not number_label(window).isVisible()
    assert window.canvas.character_boxes and len(window.canvas.character_boxes) == 1
    window.controls.clear.trigger()
    qtbot.waitUntil(lambda: window.panel.digit.text() == "", timeout=3000)
    assert number_label(window).text() == "" and not window.canvas.character_boxes


def open_number_picture(window, qtbot, tmp_path, text: str = "2024"):
    from tests.model.test_number import ink_image

    path = tmp_path / "number.png"
    ink_image(number(text)).save(path)
    with qtbot.waitSignal(window.images.opened, timeout=20000):  # read off the GUI thread
        window.open_image(str(path))
    qtbot.waitUntil(lambda: number_label(window).text() == text, timeout=5000)


def dark_share(window, box) -> float:
    """The share of dark pixels (the picture's ink) of the canvas inside box (widget px)."""
    shot = window.canvas.grab().toImage()
    ratio = shot.devicePixelRatio()
    rect = box.toAlignedRect()
    dark = total = 0
    for y in range(rect.top(), rect.bottom() + 1, 2):
        for x in range(rect.left(), rect.right() + 1, 2):
            total += 1
            dark += shot.pixelColor(round(x * ratio), round(y * ratio)).lightness() < 128
    return dark / max(total, 1)


def test_an_image_of_a_number_shows_the_number(window, qtbot, tmp_path):
    open_number_picture(window, qtbot, tmp_path)
    assert number_label(window).isVisible()
    assert window.panel.digit.text() == "2"  # the first digit's probabilities
    write(window, "7")  # drawing replaces the picture: back to the ink
    qtbot.waitUntil(lambda: window.panel.digit.text() == "7", timeout=5000)
    assert not number_label(window).isVisible()
    assert len(window.canvas.character_boxes) == 1  # the picture's boxes went with it


def test_clicking_a_digit_of_an_opened_picture_shows_its_probabilities(window, qtbot, tmp_path):
    """The caption said "click another digit on the canvas", but an opened picture's digits
    could not be picked: only its first digit was ever shown."""
    open_number_picture(window, qtbot, tmp_path)
    boxes = window.canvas.character_boxes
    assert len(boxes) == 4  # outlined over the picture, where its digits are
    assert all(dark_share(window, box) > 0.03 for box in boxes)
    assert "click" in window.panel.caption.text()
    for index, want in ((1, 0), (3, 4), (2, 2)):
        center = window.canvas.character_boxes[index].center().toPoint()
        QTest.mouseClick(window.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center)
        qtbot.waitUntil(lambda want=want: window.panel.digit.text() == str(want), timeout=3000)
        assert window.recognizer.selection == index and window.panel.chart.probabilities.argmax() == want
    assert window.ink.is_empty() and window.canvas.picture is not None  # a tap leaves no dot; the picture stays
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_Left)  # the keys step through the picture's digits too
    assert window.recognizer.selection == 1 and window.panel.digit.text() == "0"
    window.recognizer.set_predictor(window.recognizer.predictor)  # another model: the chosen digit stays
    assert window.recognizer.selection == 1 and window.panel.digit.text() == "0"
    window.resize(window.width() - 200, window.height() - 100)  # the outlines follow the picture
    qtbot.waitUntil(lambda: window.canvas.character_boxes != boxes, timeout=3000)
    assert all(dark_share(window, box) > 0.03 for box in window.canvas.character_boxes)
    blank = window.canvas.character_boxes[0].topLeft().toPoint() - QPoint(30, 30)
    QTest.mouseClick(window.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, blank)
    assert window.recognizer.selection == 1 and window.canvas.picture is not None  # off the digits: nothing


def test_two_decimal_points_show_the_reading_say_it_is_no_number_and_copy_it_as_written(window, qtbot):
    """A date "30.11.2026" or a version "1.2.3" is no number, but a person copies it as written."""
    write(window, "3..4")
    qtbot.waitUntil(lambda: number_label(window).text() == "3..4", timeout=5000)
    assert window.panel.caption.text().startswith("Not a number")
    assert "as written" in window.panel.caption.text()
    assert window.panel.copy_button.isEnabled()
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "3..4"
    assert window.statusBar().currentMessage() == "Copied 3..4 as written (it is not a number)"


def test_two_lines_show_each_line_and_say_it_is_not_one_number(window, qtbot):
    assert window.canvas.height() >= 270
    write(window, "2024", origin=(60.0, 20.0))
    write(window, "315", origin=(60.0, 160.0))
    qtbot.waitUntil(lambda: number_label(window).text() == "2024 / 315", timeout=5000)
    assert window.panel.caption.text().startswith("Not one number")
    assert not window.panel.copy_button.isEnabled()
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Nothing copied: 2024 / 315 is not a number."


def test_left_and_right_keys_select_the_digits_of_a_number(window, qtbot):
    """Keyboard users could not reach a number's digits (only a click selected one)."""
    write(window, "2024")
    qtbot.waitUntil(lambda: number_label(window).text() == "2024", timeout=5000)
    window.canvas.setFocus()
    seen = []
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Right):
        QTest.keyClick(window.canvas, key)
        seen.append(window.recognizer.selection)
    assert seen == [2, 1, 0, 1]  # from the last digit (the latest stroke) leftwards, then back
    assert window.panel.digit.text() == "0"
    assert window.canvas.character_boxes and window.panel.preview.image is not None


def test_a_dash_after_or_inside_digits_is_shown_called_no_number_and_copied_as_written(window, qtbot):
    """A newcomer's "5-" showed 5 (the dash taken into the 5) and "555-1234" 5551234: a dash
    is shown where it stands, and the reading is not a number (a minus only first). The
    next newcomer could not copy the phone number: the Copy button copies it as written."""
    for text in ("5-", "555-1234"):
        window.canvas.setFocus()
        QTest.keyClick(window.canvas, Qt.Key.Key_Escape)  # clear the canvas, as a person would
        qtbot.waitUntil(lambda: not window.ink.finished_strokes, timeout=3000)
        write(window, text, gap=20.0)
        qtbot.waitUntil(lambda text=text: number_label(window).text() == text, timeout=5000)
        assert window.panel.caption.text().startswith("Not a number")
        assert window.panel.copy_button.isEnabled()
        QGuiApplication.clipboard().setText("before")
        qtbot.mouseClick(window.panel.copy_button, Qt.MouseButton.LeftButton)
        assert QGuiApplication.clipboard().text() == text


def test_a_leading_minus_is_still_a_number(window, qtbot):
    write(window, "-5")
    qtbot.waitUntil(lambda: number_label(window).text() == "-5", timeout=5000)
    assert window.panel.copy_button.isEnabled()


def test_no_drawing_guide_behind_an_opened_picture(window, qtbot, tmp_path):
    """The dashed guide showed round a picture that does not fill the canvas (a newcomer's)."""
    from app.drawing.ink_painting import picture_rect

    def guide_pixels() -> int:
        shot = window.canvas.grab().toImage()
        ratio = shot.devicePixelRatio()
        shown = picture_rect(window.canvas.rect(), window.canvas.picture.size()) if window.canvas.picture else None
        base = window.canvas.palette().color(QPalette.ColorRole.Base).rgb()  # what the canvas is filled with
        w, h = window.canvas.width(), window.canvas.height()
        count = 0
        for y in range(8, h - 8, 2):
            for x in range(8, w - 8, 2):
                if shown is not None and shown.adjusted(-2, -2, 2, 2).contains(x, y):
                    continue
                count += shot.pixel(round(x * ratio), round(y * ratio)) != base
        return count

    assert guide_pixels() > 0  # the empty canvas shows its guide
    open_number_picture(window, qtbot, tmp_path)
    window.resize(window.minimumWidth(), window.minimumHeight())  # the picture no longer covers the guide
    qtbot.wait(50)
    assert guide_pixels() == 0


def test_an_underlined_number_reads_the_number_and_the_underline_is_no_character(window, qtbot):
    """A total underlined on the canvas read "457": the line is left out and outlined nowhere."""
    write(window, "47")
    draw(window.canvas, [(50.0 + 6 * k, 262.0) for k in range(30)])  # under the 4 and the 7
    qtbot.waitUntil(lambda: number_label(window).text() == "47", timeout=5000)
    assert len(window.canvas.character_boxes) == 2
    assert len(window.ink.finished_strokes) == 5  # the 4 and the 7 are two strokes each, then the underline
    assert all(box.bottom() < 250 for box in window.canvas.character_boxes)

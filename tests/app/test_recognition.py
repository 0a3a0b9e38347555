"""Live recognition while drawing, images from files, the clipboard and drops."""

from __future__ import annotations

import numpy as np
from PIL import Image
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QGuiApplication, QImage

from .helpers import draw, mnist_digit, one, seven, zero


def prediction(window) -> str:
    return window.findChild(type(window.panel.digit), "prediction").text()


def draw_all(window, strokes) -> None:
    for stroke in strokes:
        draw(window.canvas, stroke)


def test_empty_canvas_shows_a_hint_not_a_guess(window):
    assert prediction(window) == ""
    assert "Draw" in window.panel.confidence.text()
    assert window.panel.preview.image is None
    assert not window.panel.chart.probabilities.any()


def test_drawing_a_one_is_recognized_live(window, qtbot):
    draw_all(window, one(window.canvas))
    qtbot.waitUntil(lambda: prediction(window) == "1", timeout=3000)
    probs = window.panel.chart.probabilities
    assert abs(probs.sum() - 1) < 1e-3 and probs.argmax() == 1
    preview = window.panel.preview.image
    assert preview is not None and (preview.width(), preview.height()) == (28, 28)
    assert "confident" in window.panel.confidence.text()


def test_zero_and_seven(window, qtbot):
    draw_all(window, zero(window.canvas))
    qtbot.waitUntil(lambda: prediction(window) == "0", timeout=3000)
    window.controls.clear.trigger()
    qtbot.waitUntil(lambda: prediction(window) == "", timeout=3000)
    draw_all(window, seven(window.canvas))
    qtbot.waitUntil(lambda: prediction(window) == "7", timeout=3000)


def test_recognition_follows_undo_redo_and_clear(window, qtbot):
    draw_all(window, one(window.canvas))
    qtbot.waitUntil(lambda: prediction(window) == "1", timeout=3000)
    window.controls.undo.trigger()
    qtbot.waitUntil(lambda: prediction(window) == "", timeout=3000)
    window.controls.redo.trigger()
    qtbot.waitUntil(lambda: prediction(window) == "1", timeout=3000)
    window.controls.clear.trigger()
    qtbot.waitUntil(lambda: prediction(window) == "", timeout=3000)
    assert window.ink.is_empty()


def test_low_confidence_says_so(window):
    from model.predictor import Prediction

    probs = np.array([0.05, 0.05, 0.05, 0.4, 0.05, 0.3, 0.02, 0.03, 0.03, 0.02], np.float32)
    window.panel.show_prediction(Prediction(3, probs, np.zeros((28, 28), np.float32)))
    assert prediction(window) == "3"
    assert "Not sure" in window.panel.confidence.text() and "5" in window.panel.confidence.text()
    assert not window.panel.digit.isEnabled()  # greyed


def write_mnist_png(mnist_mini, tmp_path, index=0):
    digit, label = mnist_digit(mnist_mini, index)
    path = tmp_path / f"digit-{label}.png"
    Image.fromarray(255 - np.kron(digit, np.ones((4, 4), np.uint8))).save(path)  # dark ink on white, 112 px
    return path, label


def open_and_wait(window, qtbot, path, outcome="opened"):
    """Open an image file (decoded off the GUI thread) and wait for its outcome."""
    with qtbot.waitSignal(getattr(window.images, outcome), timeout=20000):
        window.open_image(str(path))


def test_open_image_file(window, qtbot, mnist_mini, tmp_path):
    path, label = write_mnist_png(mnist_mini, tmp_path)
    open_and_wait(window, qtbot, path)
    assert prediction(window) == str(label)
    assert window.canvas.picture is not None  # shown until the next stroke
    assert path.name in window.panel.caption.text()


def test_unreadable_image_is_a_clear_message_and_keeps_the_drawing(window, qtbot, tmp_path, dialogs):
    draw_all(window, seven(window.canvas))
    qtbot.waitUntil(lambda: prediction(window) == "7", timeout=3000)
    strokes = window.ink.strokes
    bad = tmp_path / "not-an-image.png"
    bad.write_bytes(b"hello")
    open_and_wait(window, qtbot, bad, "failed")
    assert dialogs and dialogs[-1][0] == "error" and "not-an-image.png" in dialogs[-1][2]
    assert window.ink.strokes == strokes and window.canvas.picture is None  # the drawing stays
    assert prediction(window) == "7" and window.recognizer.last.digit == 7  # and its prediction


def test_paste_and_drop_images(window, mnist_mini, tmp_path, qtbot):
    path, label = write_mnist_png(mnist_mini, tmp_path, index=1)
    QGuiApplication.clipboard().setImage(QImage(str(path)))
    with qtbot.waitSignal(window.images.opened, timeout=20000):
        window.controls.paste.trigger()
    assert prediction(window) == str(label)
    window.controls.clear.trigger()
    qtbot.waitUntil(lambda: prediction(window) == "", timeout=3000)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    from app.window.image_io import image_from_mime, mime_has_image

    assert mime_has_image(mime)
    assert image_from_mime(mime) == (str(path), path.name)  # a dropped file is read off the GUI thread
    with qtbot.waitSignal(window.images.opened, timeout=20000):
        window.open_image(str(path))
    assert prediction(window) == str(label)


def test_save_drawing_as_png(window, qtbot, tmp_path, predictor):
    draw_all(window, seven(window.canvas))
    qtbot.waitUntil(lambda: prediction(window) == "7", timeout=3000)
    out = tmp_path / "seven.png"
    assert window.save_drawing_to(str(out))
    assert predictor.predict_image(out).digit == 7  # the saved PNG reads back as the same digit


def test_file_menu_offers_the_bundled_samples(window, qtbot):
    samples = window.controls.samples_menu.actions()
    if not samples:
        assert not window.controls.samples_menu.isEnabled()
        return
    for action in samples:  # named like "7-pen": the digit first
        with qtbot.waitSignal(window.images.opened, timeout=20000):
            action.trigger()
        assert prediction(window) == action.text()[0], action.text()


def test_another_model_recognizes_the_opened_image_again(window, qtbot, mnist_mini, tmp_path, predictor):
    path, label = write_mnist_png(mnist_mini, tmp_path, index=3)
    open_and_wait(window, qtbot, path)
    before = window.recognizer.last
    window.manager.set_predictor(predictor)  # e.g. a model made active in the Train dialog
    assert window.recognizer.last is not before and prediction(window) == str(label)
    assert path.name in window.panel.caption.text()

"""Images opened in the app are read off the GUI thread and bounded before decoding; a file
that cannot be read is one clear message and changes nothing; closing never waits on it."""

from __future__ import annotations

import os
import struct
import threading
import zlib

import pytest

from .helpers import draw, seven
from .test_recognition import prediction, write_mnist_png


def png_header_only(path, width: int, height: int) -> None:
    """A PNG whose header announces width x height RGBA pixels (with almost no pixel data)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def test_the_image_is_read_and_recognized_off_the_gui_thread(
    window, qtbot, mnist_mini, tmp_path, monkeypatch, predictor
):
    path, label = write_mnist_png(mnist_mini, tmp_path)
    threads = []
    real = type(predictor).predict_image.__get__(predictor)

    def recording(image):
        threads.append(threading.current_thread())
        return real(image)

    monkeypatch.setattr(predictor, "predict_image", recording)
    with qtbot.waitSignal(window.images.opened, timeout=20000):
        window.open_image(str(path))
    assert prediction(window) == str(label)
    assert threads and threads[0] is not threading.main_thread() and threads[0].name == "digitpad-image"


def test_a_huge_image_is_refused_from_its_header(window, qtbot, tmp_path, dialogs):
    path = tmp_path / "huge.png"
    png_header_only(path, 10_000, 10_000)  # 100 megapixels: 400 MB once decoded
    with qtbot.waitSignal(window.images.failed, timeout=20000) as failed:
        window.open_image(str(path))
    assert failed.args[0] == "huge.png" and failed.args[1].startswith("huge.png was refused: ")  # the engine's line
    assert "too large" in failed.args[1]
    assert (
        dialogs[-1][0] == "error"
        and dialogs[-1][2] == "huge.png could not be opened. The image is too large (the details give the limits)."
    )


def test_a_line_of_89_million_pixels_is_a_message(window, qtbot, tmp_path, dialogs):
    path = tmp_path / "line.png"
    png_header_only(path, 89_000_000, 1)  # beyond what the PNG reader accepts at all
    with qtbot.waitSignal(window.images.failed, timeout=20000) as failed:
        window.open_image(str(path))
    assert failed.args[0] == "line.png" and failed.args[1]


def test_a_fifo_named_like_an_image_does_not_hang(window, qtbot, tmp_path, dialogs):
    fifo = tmp_path / "x.png"
    os.mkfifo(fifo)
    with qtbot.waitSignal(window.images.failed, timeout=20000) as failed:
        window.open_image(str(fifo))
    assert "x.png is not a regular file" in failed.args[1]


def test_a_missing_file_is_a_message(window, qtbot, tmp_path, dialogs):
    with qtbot.waitSignal(window.images.failed, timeout=20000) as failed:
        window.open_image(str(tmp_path / "gone.png"))
    assert failed.args[0] == "gone.png" and failed.args[1].startswith("no such file: ")


def test_closing_while_an_image_is_read_waits_for_nothing(window, qtbot, mnist_mini, tmp_path, monkeypatch, predictor):
    """The window's close is put off until the reading job has stopped; the GUI thread never
    waits for it (the job is held until the test lets it go)."""
    path, _ = write_mnist_png(mnist_mini, tmp_path)
    entered, release = threading.Event(), threading.Event()
    real = type(predictor).predict_image.__get__(predictor)

    def held(image):
        entered.set()
        release.wait(30)
        return real(image)

    monkeypatch.setattr(predictor, "predict_image", held)
    draw(window.canvas, seven(window.canvas)[0])
    strokes = window.ink.strokes
    window.open_image(str(path))
    assert entered.wait(20)
    window.close()
    assert window.isVisible() and window.is_close_pending()
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20000)
    assert window.ink.strokes == strokes  # the cancelled image replaced nothing


def test_the_latest_image_wins(window, qtbot, mnist_mini, tmp_path):
    first, _ = write_mnist_png(mnist_mini, tmp_path, index=0)
    second, label = write_mnist_png(mnist_mini, tmp_path, index=1)
    opened = []
    window.images.opened.connect(lambda result, name: opened.append(name))
    window.open_image(str(first))
    window.open_image(str(second))
    qtbot.waitUntil(lambda: not window.images.is_busy(), timeout=20000)
    assert opened == [second.name] and prediction(window) == str(label)


def test_a_tap_on_an_opened_image_keeps_it_and_a_drag_draws(window, qtbot, mnist_mini, tmp_path):
    """A newcomer clicked a digit of an opened image (the caption said "click another digit
    on the canvas"): the image and its reading vanished and a dot was drawn. A tap leaves the
    image as it is; a stroke (a press that drags) replaces it with ink, as before."""
    path, label = write_mnist_png(mnist_mini, tmp_path)
    with qtbot.waitSignal(window.images.opened, timeout=20000):
        window.open_image(str(path))
    canvas = window.canvas
    assert canvas.picture is not None and prediction(window) == str(label)
    center = (canvas.width() / 2, canvas.height() / 2)
    draw(canvas, [center])  # press and release at one point
    qtbot.wait(200)  # past the recognizer's debounce
    assert canvas.picture is not None and window.ink.is_empty() and prediction(window) == str(label)
    draw(canvas, seven(canvas)[0])
    assert canvas.picture is None and not window.ink.is_empty()


def test_undo_and_redo_across_an_opened_image_show_each_step_with_its_reading(window, qtbot, mnist_mini, tmp_path):
    """A newcomer drew a 7, cleared, opened an image, pressed Ctrl+Z and Ctrl+Shift+Z: the
    image showed again with an empty panel; a later one (nc3, fault 4a) got a blank canvas
    with Redo disabled while the image was still in the history. Opening an image is one
    step of the history: undo and redo move across it both ways, each step with its reading
    (tests/app/test_undo_history.py checks the whole kind with real keys)."""
    draw(window.canvas, seven(window.canvas)[0])
    window.clear_canvas()
    path, label = write_mnist_png(mnist_mini, tmp_path)
    with qtbot.waitSignal(window.images.opened, timeout=20000):
        window.open_image(str(path))
    assert window.canvas.picture is not None
    window.ink.undo()  # back to the cleared canvas
    assert window.canvas.picture is None and window.ink.is_empty() and window.ink.can_redo()
    window.ink.undo()  # the 7
    assert window.canvas.picture is None and not window.ink.is_empty()
    qtbot.waitUntil(lambda: prediction(window) == "7", timeout=5000)
    window.ink.redo()
    window.ink.redo()
    assert window.canvas.picture is not None and window.ink.is_empty() and not window.ink.can_redo()
    qtbot.wait(200)  # past the recognizer's debounce: the image's reading stays
    assert prediction(window) == str(label) and path.name in window.panel.caption.text()
    assert window.controls.clear.isEnabled() and not window.controls.redo.isEnabled()


def test_undoing_the_strokes_drawn_over_an_opened_image_shows_it_again(window, qtbot, mnist_mini, tmp_path):
    """A newcomer drew over an opened image and pressed Ctrl+Z: an empty canvas, and the
    image could not be had back. Undo back to the moment it was opened shows it again,
    with its reading; redo brings the stroke back over it."""
    path, label = write_mnist_png(mnist_mini, tmp_path)
    with qtbot.waitSignal(window.images.opened, timeout=20000):
        window.open_image(str(path))
    draw(window.canvas, seven(window.canvas)[0])
    qtbot.waitUntil(lambda: prediction(window) == "7", timeout=5000)
    assert window.canvas.picture is None
    window.controls.undo.trigger()
    assert window.canvas.picture is not None and window.ink.is_empty()
    qtbot.wait(200)  # past the recognizer's debounce: the image's reading stays
    assert prediction(window) == str(label) and path.name in window.panel.caption.text()
    window.controls.redo.trigger()
    assert window.canvas.picture is None and not window.ink.is_empty()
    qtbot.waitUntil(lambda: prediction(window) == "7", timeout=5000)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_image_errors_are_in_the_users_language_with_the_engines_line_as_details(
    qtbot, predictor, settings, tmp_path, monkeypatch, language
):
    from app import messages
    from app.main import create_window
    from app.translations import install_translators

    shown = []
    monkeypatch.setattr(messages, "error", lambda parent, title, text, details="": shown.append((text, details)))
    settings.language = language
    try:
        window = create_window(predictor=predictor, settings=settings)
        qtbot.addWidget(window)
        text_file = tmp_path / "notes.png"
        text_file.write_text("not an image")
        for path in (tmp_path / "missing.png", text_file, tmp_path):
            with qtbot.waitSignal(window.images.failed, timeout=20000):
                window.open_image(str(path))
        assert len(shown) == 3
        names = ("missing.png", "notes.png", tmp_path.name)
        for (text, details), name, engine_start in zip(shown, names, ("no such file", "cannot read notes.png", "")):
            assert details.startswith(engine_start) and name in text
            if language == "zh_CN":
                words = text.replace(name, "")
                assert not any(w in words for w in ("file", "image", "folder", "read")), text
    finally:
        install_translators("en")

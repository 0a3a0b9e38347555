"""The Train dialog's data folder: the check says what is missing, Download MNIST runs
torchvision's downloader in the background with progress, offline is a clear message,
and no command-line words reach the GUI."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

CLI_WORDS = ("--data", "--download", "DIGITPAD_MNIST")


def _no_cli_words(text: str) -> None:
    assert not any(w in text for w in CLI_WORDS), text


def test_an_empty_field_without_mnist_offers_the_download(window, qtbot, dialogs):
    dialog = window.open_train_dialog()
    form = dialog.form.folder  # the data folder row (app/training/data_folder.py)
    form.data.clear()
    note = form.folder_note.text()
    assert "Download MNIST" in note
    _no_cli_words(note)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialogs[-1][0] == "error" and "Download MNIST" in dialogs[-1][2]
    _no_cli_words(dialogs[-1][2])
    assert not dialog.is_running()
    dialog.close()


def test_the_folder_check_says_what_is_missing(window, qtbot, tmp_path, mnist_mini):
    half = tmp_path / "half"
    half.mkdir()
    (half / "train-images-idx3-ubyte.gz").write_bytes((mnist_mini / "train-images-idx3-ubyte.gz").read_bytes())
    dialog = window.open_train_dialog()
    form = dialog.form.folder  # the data folder row (app/training/data_folder.py)
    form.data.clear()
    qtbot.keyClicks(form.data, str(half))
    note = form.folder_note.text()
    assert "train-labels-idx1-ubyte.gz" in note and "t10k-images-idx3-ubyte.gz" in note
    assert "train-images-idx3-ubyte.gz" not in note
    form.data.clear()
    qtbot.keyClicks(form.data, str(mnist_mini))
    assert form.folder_note.text() == "MNIST files found."
    images = tmp_path / "images"
    (images / "train" / "3").mkdir(parents=True)
    form.data.setText(str(images))
    assert "test/" in form.folder_note.text() and "train/0/" in form.folder_note.text()
    dialog.close()


def test_download_offline_is_a_clear_message_and_the_dialog_keeps_working(window, qtbot, dialogs, monkeypatch):
    from torchvision.datasets import MNIST

    monkeypatch.setattr(MNIST, "mirrors", ["http://127.0.0.1:9/"])  # nothing listens there: as offline
    dialog = window.open_train_dialog()
    form = dialog.form.folder  # the data folder row (app/training/data_folder.py)
    qtbot.mouseClick(form.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.downloader.is_running(), timeout=60000)  # (stopped may come at once)
    kind, title, text = dialogs[-1]
    assert kind == "error" and title == "Download MNIST" and "offline" in text
    _no_cli_words(text)
    assert form.download_button.isEnabled() and not form.download_progress.isVisible()
    assert "offline" in form.folder_note.text()
    dialog.close()


@pytest.fixture
def local_mirror(full_mnist):
    """An HTTP server on localhost serving the official MNIST files (checksums match)."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(full_mnist))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_download_fetches_the_files_with_progress(window, qtbot, local_mirror, monkeypatch, user_data_dir):
    """torchvision's downloader, served from a local mirror of the official files."""
    from torchvision.datasets import MNIST

    from model.paths import default_mnist_dir

    monkeypatch.setattr(MNIST, "mirrors", [local_mirror])
    dialog = window.open_train_dialog()
    form = dialog.form.folder  # the data folder row (app/training/data_folder.py)
    seen = []
    form.start_download().progress.connect(seen.append)
    assert not form.download_button.isEnabled() and form.download_progress.isVisible()
    qtbot.waitUntil(lambda: not form.downloader.is_running(), timeout=120000)
    assert seen and all(total == 4 for _, total, _ in seen)  # file by file (throttled: not every report arrives)
    assert form.data.text() == str(default_mnist_dir())
    assert form.folder_note.text() == "MNIST files found."
    assert form.folder_problem() == ""
    dialog.close()


def test_check_data_folder_kinds(tmp_path, mnist_mini):
    from model.training.data_folder import check_data_folder

    assert check_data_folder(mnist_mini).kind == "mnist"
    assert check_data_folder(tmp_path / "nope").kind == "missing"
    empty = check_data_folder(tmp_path)
    assert empty.kind == "incomplete" and len(empty.missing) == 4

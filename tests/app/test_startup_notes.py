"""What DigitPad tells at start and in its texts, in the user's language (nc3 faults 17
and 19): a data folder that cannot be used is said at once and the app carries on; every
bad remembered setting is listed together (train/epochs=-7 too); the Evaluate dialog's
missing-files text names what an evaluation needs; a rejected drawing is a "drawing"."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from app.main import create_window
from app.settings import Settings
from app.translations import install_translators

from .helpers import draw, one
from .test_drawn_not_digit import letter_k, shows_not_a_digit

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    yield request.param
    install_translators("en")


def test_a_data_folder_that_is_a_file_is_said_at_start_and_the_app_works(
    language, qtbot, predictor, tmp_path, monkeypatch
):
    afile = tmp_path / "afile"
    afile.write_text("a file, not a folder")
    monkeypatch.setenv("DIGITPAD_DATA_DIR", str(afile))
    settings = Settings()
    settings.language = language  # (not stored: the folder is a file; used for this window)
    window = create_window(predictor=predictor, settings=settings)
    qtbot.addWidget(window)
    window.show()
    notes = [n for n in window.startup_notes if str(afile) in n]
    assert len(notes) == 1
    if language == "en":
        assert "it is a file, not a folder" in notes[0] and "cannot be saved" in notes[0]
    else:
        assert not LATIN_WORD.search(
            notes[0].replace(str(afile), "").replace("DIGITPAD_DATA_DIR", "").replace("DigitPad", "")
        ), notes[0]
    draw(window.canvas, one(window.canvas)[0])  # and recognizing works
    qtbot.waitUntil(lambda: window.panel.digit.text() == "1", timeout=5000)


def test_a_usable_data_folder_gives_no_note(qtbot, predictor, settings):
    window = create_window(predictor=predictor, settings=settings)
    qtbot.addWidget(window)
    assert window.startup_notes == []


def test_a_bad_epochs_value_is_listed_with_the_other_reset_settings(qtbot, predictor, user_data_dir):
    (user_data_dir / "settings.ini").write_text("[canvas]\npenWidth=-5\n[train]\nepochs=-7\nbatchSize=0\n")
    window = create_window(predictor=predictor, settings=Settings())
    qtbot.addWidget(window)
    window.show()
    text = " ".join(window.startup_notes)
    for key in ("canvas/penWidth", "train/epochs = '-7'", "train/batchSize"):
        assert key in text, (key, text)
    dialog = window.open_train_dialog()
    assert dialog.form.epochs.value() >= 1 and "could not be used" not in dialog.status.text()  # told once, at start
    dialog.reject()


def test_the_evaluate_dialog_names_what_an_evaluation_needs(window, qtbot, tmp_path, dialogs, mnist_mini):
    import shutil

    folder = tmp_path / "train-only"
    folder.mkdir()
    for name in ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"):
        shutil.copy(mnist_mini / name, folder / name)
    dialog = window.open_evaluate_dialog(start=False)
    dialog.folder.setText(str(folder))
    with qtbot.waitSignal(dialog.evaluationFailed, timeout=30000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    text = dialogs[-1][2]
    assert "t10k-images-idx3-ubyte.gz" in text and "two MNIST test files" in text and "four" not in text


def test_a_rejected_drawing_is_called_a_drawing(window, qtbot):
    for stroke in letter_k(window.canvas):
        draw(window.canvas, stroke)
    qtbot.waitUntil(lambda: shows_not_a_digit(window), timeout=5000)
    assert "this drawing" in window.panel.confidence.text() and "picture" not in window.panel.confidence.text()

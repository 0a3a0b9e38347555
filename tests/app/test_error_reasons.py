"""The reasons the app shows for a failed action are in the user's language; the engine's or
the system's English line is the message box's details (nc3 fault 7: the Chinese UI said
"无法重命名该模型：a model named zhtest already exists", "a model needs a name",
"[Errno 17] File exists"). app/engine_text.error_text maps them: OSError by errno, the
saved-model and drawing errors by their text."""

from __future__ import annotations

import errno
import re

import pytest
from PySide6.QtCore import Qt

from app import messages
from app.engine_text import error_text
from app.translations import install_translators
from model.paths import models_dir

from .helpers import draw, seven

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def boxes(monkeypatch):
    """Every error box as (title, text, details)."""
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(messages, "error", lambda parent, title, text, details="": shown.append((title, text, details)))
    return shown


@pytest.fixture(params=["en", "zh_CN"])
def language(request, settings):
    settings.language = request.param
    yield request.param
    install_translators("en")


@pytest.fixture
def zwindow(qtbot, predictor, settings, language):
    from app.main import create_window

    win = create_window(predictor=predictor, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def words(text: str, *names: str) -> str:
    for name in names:
        text = text.replace(name, "")
    return text


def check(box, language: str, english: str, details: str, *names: str) -> None:
    title, text, shown_details = box
    assert shown_details == details  # the English line, for a bug report
    if language == "zh_CN":
        assert not LATIN_WORD.search(words(text, *names)), text
    else:
        assert english in text, text


@pytest.mark.parametrize("name", ["taken", "   "])
def test_renaming_a_saved_model_says_why_in_the_users_language(
    name, zwindow, qtbot, language, boxes, predictor, monkeypatch
):
    manager = zwindow.manager
    checkpoint = predictor.loaded.raw
    manager.save_trained(checkpoint, predictor.arch, "mine")
    manager.save_trained(checkpoint, predictor.arch, "taken")
    dialog = zwindow.controls.show_saved_models()
    items = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
    dialog.list.setCurrentItem(next(i for i in items if i.text(0).startswith("mine")))
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: name)
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    english = "A model named taken already exists." if name == "taken" else "A model needs a name."
    details = "a model named taken already exists" if name == "taken" else "a model needs a name"
    check(boxes[-1], language, english, details, "taken")
    assert (models_dir() / "mine.pt").is_file()


def test_keeping_a_drawing_where_the_data_folder_is_a_file_says_why(
    zwindow, qtbot, language, boxes, user_data_dir, monkeypatch, tmp_path
):
    afile = tmp_path / "afile"
    afile.write_text("a file, not a folder")
    monkeypatch.setenv("DIGITPAD_DATA_DIR", str(afile))
    zwindow.handwriting._store = None  # made again on first use, in the new data folder
    draw(zwindow.canvas, seven(zwindow.canvas)[0])
    zwindow.canvas.setFocus()
    qtbot.keyClick(zwindow.canvas, Qt.Key.Key_7)
    title, text, details = boxes[-1]
    assert "Errno" in details and "Errno" not in text
    check(boxes[-1], language, "The drawing could not be kept.", details, str(afile), "afile")
    assert not zwindow.ink.is_empty()  # nothing lost


@pytest.mark.parametrize(
    "code",
    [errno.ENOENT, errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.EACCES, errno.ENOSPC, errno.EROFS, errno.EIO, 9999],
)
def test_every_os_error_kind_has_words_in_both_languages(code, zwindow, language):
    text = error_text(OSError(code, "English reason", "/some/file"))
    assert "/some/file" in text and "English reason" not in text
    if language == "zh_CN":
        assert not LATIN_WORD.search(words(text, "/some/file")), text


def test_the_adapt_failure_is_in_the_users_language(zwindow, qtbot, language, boxes, monkeypatch):
    import app.my_handwriting.adapt_dialog as ad
    from model.pen.samples import SampleStore

    def failing(*args, **kwargs):
        raise ValueError("a drawing cannot be read as a pen path: matmul: Input operand 1 has a mismatch")

    monkeypatch.setattr(ad, "adapt", failing)
    for label, stroke in [(1, [[10, 0], [10, 60]]), (7, [[0, 0], [40, 0], [10, 60]])]:
        SampleStore().add([stroke], label)
    dialog = zwindow.handwriting.show_adapt()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30000)
    check(boxes[-1], language, "Adapting failed", boxes[-1][2])
    assert "matmul" in boxes[-1][2]


@pytest.mark.parametrize("how", ["load model", "saved models"])
@pytest.mark.parametrize(
    "name,english",
    [
        ("text.pt", "This file is not a DigitPad model, or it is damaged."),
        ("code.pt", "This file was refused: it holds Python objects, which can carry code."),
        ("wrong-shape.pt", "The file or the value cannot be used (the details say why)."),
    ],
)
def test_a_saved_model_that_cannot_be_loaded_says_why_in_the_users_language(
    zwindow, qtbot, language, boxes, tmp_path, how, name, english
):
    """Model > Load Model... and Saved Models > Use: the box said the engine's English reason
    in its text ("text.pt is not a valid DigitPad checkpoint (not a PyTorch zip archive)"),
    also in Chinese. Now the reason is translated; the English line is the details."""
    from tests.model.hostile_files import make_hostile

    make_hostile(tmp_path)
    path = models_dir() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((tmp_path / name).read_bytes())
    active = zwindow.manager.predictor
    if how == "load model":
        assert not zwindow.load_model_file(str(path))
    else:
        dialog = zwindow.controls.show_saved_models()
        items = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
        dialog.list.setCurrentItem(next(i for i in items if i.text(0).startswith(name.removesuffix(".pt"))))
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    title, text, details = boxes[-1]
    # the text names the file (which one failed) and says why in the user's language; the
    # engine's English line is the details
    assert name in details and "\n\n" in text and name in text.split("\n\n")[0]
    check(boxes[-1], language, english, details, "DigitPad", "Python", name)  # names stay as they are
    if language == "en":
        assert text.startswith(f"The model {name} could not be loaded; the current model stays.")
    assert zwindow.manager.predictor is active

"""Lines of the kept-drawings store that are no drawings (a half-written line, a hand edit)
are kept as they are by the engine (SampleStore.unreadable()); My Handwriting says so in
one line of the user's language above the drawings, never in a box at every opening."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.translations import install_translators
from model.pen.samples import SampleStore, samples_path

from .test_handwriting import click_thumbnail, shown_gallery

DAMAGED = Path(__file__).parent.parent / "data" / "stores" / "handwriting-damaged.jsonl"  # 44 drawings, 4 bad lines
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(params=["en", "zh_CN"])
def zwindow(request, qtbot, predictor, settings):
    from app.main import create_window

    settings.language = request.param
    win = create_window(predictor=predictor, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    install_translators("en")


def test_the_dialog_says_in_one_line_that_unreadable_lines_are_kept(zwindow, qtbot, settings, dialogs):
    samples_path().parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DAMAGED, samples_path())
    dialog = shown_gallery(zwindow, qtbot)
    qtbot.waitExposed(dialog)
    assert dialog.gallery.count() == 44
    assert dialog.note.isVisible() and "\n" not in dialog.note.text()
    if settings.language == "zh_CN":
        assert "4" in dialog.note.text() and not LATIN_WORD.search(dialog.note.text()), dialog.note.text()
    else:
        assert dialog.note.text() == "4 lines of the file could not be read; they are kept unchanged."
    assert "handwriting.jsonl: line" in dialog.note.toolTip()  # the engine's reasons, for whoever asks
    assert dialogs == []  # no box
    click_thumbnail(qtbot, dialog.gallery, 0)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30000)
    assert dialog.gallery.count() == 43 and dialog.note.isVisible() and "4" in dialog.note.text()
    assert len(SampleStore().unreadable()) == 4  # still kept


def test_one_unreadable_line_and_none(window, qtbot):
    good = '{"strokes": [[[0, 0], [0, 50]]], "label": 1}'
    samples_path().parent.mkdir(parents=True, exist_ok=True)
    samples_path().write_text(good + "\n" + good[:25])  # the app was killed while writing
    dialog = shown_gallery(window, qtbot)
    qtbot.waitExposed(dialog)
    assert dialog.note.text() == "1 line of the file could not be read; it is kept unchanged."
    assert dialog.note.isVisible()
    samples_path().write_text(good + "\n")
    dialog.reload()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30000)
    assert not dialog.note.isVisible()

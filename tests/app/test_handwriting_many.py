"""My Handwriting with many kept drawings stays responsive (nc3 fault 10: 20,000 drawings
froze the app for about 25 s): the dialog shows at once while the store is read in the
background, and only the thumbnails in view are rendered. Times: bench/handwriting_dialog_latency.py."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from model.pen.samples import SampleStore, samples_path

COUNT = 3000


@pytest.fixture
def many():
    """COUNT drawings in the store, written as the store writes them (one JSON line each)."""
    path = samples_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as f:
        for i in range(COUNT):
            stroke = [[10 + i % 50, 0], [12 + i % 7, 60], [30, 70 + i % 11]]
            f.write(json.dumps({"strokes": [stroke], "label": i % 10, "id": f"d{i}", "created": "2026-11-29"}) + "\n")
    return COUNT


def open_gallery(window):
    window.handwriting.open_gallery.trigger()  # Model > My Handwriting
    return window.handwriting.gallery


def test_the_dialog_shows_at_once_and_reads_the_drawings_in_the_background(window, qtbot, many):
    dialog = open_gallery(window)
    assert dialog.isVisible() and dialog.is_loading()  # the menu action did not wait for the reading
    assert dialog.job._thread.name == "digitpad-handwriting-load"
    assert not dialog.delete_all_button.isEnabled()  # nothing to act on until it is read
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=60000)
    assert dialog.gallery.count() == many and f"({many})" in dialog.digits.item(0).text()
    assert dialog.delete_all_button.isEnabled()


def test_only_the_thumbnails_in_view_are_rendered(window, qtbot, many):
    dialog = open_gallery(window)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=60000)
    gallery = dialog.gallery
    qtbot.wait(100)  # painted
    first = gallery.model().rendered()
    assert 0 < first < many // 5
    gallery.scrollToBottom()
    qtbot.waitUntil(lambda: gallery.model().rendered() > first, timeout=10000)  # the rows that came into view
    assert gallery.model().rendered() < many // 2
    last = gallery.model().index(many - 1, 0)
    rect = gallery.visualRect(last)
    assert gallery.viewport().rect().intersects(rect)
    qtbot.mouseClick(gallery.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert gallery.selected_ids() and dialog.delete_button.isEnabled()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=60000)
    assert gallery.count() == many - 1 and len(SampleStore().load()) == many - 1


def test_closing_while_reading_waits_for_nothing_and_opening_again_shows_them(window, qtbot, many):
    dialog = open_gallery(window)
    assert dialog.is_loading()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=60000)
    again = open_gallery(window)
    assert again is dialog and again.isVisible()
    qtbot.waitUntil(lambda: not again.is_loading(), timeout=60000)
    assert again.gallery.count() == many


def test_a_reload_asked_for_while_reading_reads_again(window, qtbot, many):
    """A drawing kept while the store is being read is shown once the reading ends."""
    dialog = open_gallery(window)
    assert dialog.is_loading()
    SampleStore().add([[[0, 0], [40, 0], [10, 60]]], 7)
    dialog.reload()  # what keeping a drawing does while the dialog is open
    qtbot.waitUntil(lambda: not dialog.is_loading() and dialog.gallery.count() == many + 1, timeout=60000)

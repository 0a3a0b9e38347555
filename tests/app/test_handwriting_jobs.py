"""My Handwriting deletes, imports and exports in the background, and keeping a drawing
counts without reading the store (at 20,000 drawings each held the GUI thread 1-8 s). A
gate holds the store's work so that what the GUI does meanwhile can be checked; if the
work ran on the GUI thread, the gate would time out (GATE_S) and the checks fail.
Closing the dialog or the window never waits for the job, and the job is done whole."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtCore import Qt

from model.pen import line_file
from model.pen.samples import SampleStore, samples_path

from .helpers import draw, one, seven
from .test_handwriting import click_bar, click_thumbnail, shown_gallery

GATE_S = 5.0
WAIT_MS = 30000


@pytest.fixture
def kept():
    store = SampleStore()
    for i in range(12):
        store.add([[[10.0, 0.0], [12.0 + i, 60.0]]], i % 10)
    return store


@pytest.fixture
def gate(monkeypatch):
    """Every rewrite of a store (delete, clear, import) and every export waits for the test."""
    opened = threading.Event()
    entered = threading.Event()
    real_rewrite = line_file.LineFile.rewrite
    real_export = SampleStore.export

    def held(real):
        def wrapper(*args, **kwargs):
            entered.set()
            opened.wait(GATE_S)
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(line_file.LineFile, "rewrite", held(real_rewrite))
    monkeypatch.setattr(SampleStore, "export", held(real_export))
    opened.entered = entered
    yield opened
    opened.set()


def _ids() -> list[str]:
    return [s.id for s in SampleStore().load()]


def test_deleting_runs_in_the_background_and_the_dialog_shows_the_result(window, qtbot, kept, gate):
    dialog = shown_gallery(window, qtbot)
    qtbot.waitExposed(dialog)
    click_thumbnail(qtbot, dialog.gallery, 0)
    chosen = dialog.gallery.selected_ids()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert gate.entered.wait(GATE_S)  # the delete is under way, held at the gate...
    assert dialog.is_busy() and dialog.job._thread.name == "digitpad-handwriting-delete"  # ...off the GUI thread
    assert "Deleting 1 drawings" in dialog.summary.text()
    assert not dialog.delete_all_button.isEnabled() and not dialog.import_button.isEnabled()
    assert len(_ids()) == 12  # nothing changed yet
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    assert len(_ids()) == 11 and chosen[0] not in _ids()
    assert dialog.gallery.count() == 11 and "(11)" in dialog.digits.item(0).text()
    assert "11 drawings kept" in dialog.summary.text()


def test_a_drawing_kept_while_deleting_is_not_lost(window, qtbot, kept, gate):
    dialog = shown_gallery(window, qtbot)
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.delete_all_button, Qt.MouseButton.LeftButton)  # the question: yes
    assert gate.entered.wait(GATE_S)
    draw(window.canvas, seven(window.canvas)[0])  # in the main window, meanwhile
    click_bar(window.panel.chart, 7)
    assert "Kept as a 7" in window.statusBar().currentMessage()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    assert [s.label for s in SampleStore().load()] == [7]
    qtbot.waitUntil(lambda: dialog.gallery.count() == 1, timeout=WAIT_MS)  # read again after the delete


@pytest.mark.parametrize("how", ["escape", "close button", "quit"])
def test_closing_during_a_delete_waits_for_nothing_and_the_delete_is_done_whole(window, qtbot, kept, gate, how):
    dialog = shown_gallery(window, qtbot)
    qtbot.waitExposed(dialog)
    click_thumbnail(qtbot, dialog.gallery, 3)
    chosen = dialog.gallery.selected_ids()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert gate.entered.wait(GATE_S)
    job = dialog.job
    if how == "escape":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
    elif how == "close button":
        dialog.close()  # the title bar's close
        assert not dialog.isVisible()
    else:  # File > Quit: the window closes without waiting (the event loop ends, app/main.py)
        assert window.close() and not window.isVisible()
    assert job.is_running()
    gate.set()
    qtbot.waitUntil(lambda: not job.is_running(), timeout=WAIT_MS)
    assert len(_ids()) == 11 and chosen[0] not in _ids()


def test_importing_and_exporting_run_in_the_background(window, qtbot, kept, gate, tmp_path, dialogs):
    src = tmp_path / "from-a-friend.jsonl"
    src.write_text(json.dumps({"strokes": [[[0, 0], [40, 0], [10, 60]]], "label": 7}) + "\n")
    dialog = shown_gallery(window, qtbot)
    dialog.import_from(str(src))  # what the Import... button does once the file is chosen
    assert gate.entered.wait(GATE_S) and dialog.is_busy()
    assert "Importing" in dialog.summary.text() and not dialog.export_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    assert dialog.gallery.count() == 13 and ("info", "Import Drawings", "Imported 1 drawings.") in dialogs
    gate.clear()
    gate.entered.clear()
    dest = tmp_path / "mine.jsonl"
    dialog.export_to(str(dest))
    assert gate.entered.wait(GATE_S) and dialog.is_busy() and not dest.exists()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    assert len(SampleStore(dest).load()) == 13 and ("info", "Export Drawings", "Exported 13 drawings.") in dialogs
    assert "13 drawings kept" in dialog.summary.text()


def test_an_import_finished_after_the_dialog_closed_is_told_in_the_status_bar(
    window, qtbot, kept, gate, tmp_path, dialogs
):
    src = tmp_path / "more.jsonl"
    src.write_text(json.dumps({"strokes": [[[0, 0], [40, 0], [10, 60]]], "label": 7}) + "\n")
    dialog = shown_gallery(window, qtbot)
    qtbot.waitExposed(dialog)
    dialog.import_from(str(src))
    assert gate.entered.wait(GATE_S)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    assert "Imported 1 drawings." in window.statusBar().currentMessage()
    assert not [d for d in dialogs if d[0] == "info"]  # no box popping up out of nowhere
    assert len(_ids()) == 13


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 20, b"", b"\n \n", b"\x89PNG\r\n\x1a\n" + bytes(100)],
    ids=["junk", "empty", "blank", "png"],
)
def test_importing_a_file_that_holds_no_drawings_says_so_and_changes_nothing(
    window, qtbot, kept, tmp_path, dialogs, data
):
    """Binary junk was read as lines of bad JSON ("Imported 0 drawings", every line skipped)."""
    src = tmp_path / "junk.jsonl"
    src.write_bytes(data)
    before = samples_path().read_bytes()
    dialog = shown_gallery(window, qtbot)
    dialog.import_from(str(src))
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    kind, title, text = dialogs[-1]
    assert kind == "error" and text.startswith("This file holds no drawings"), dialogs
    assert samples_path().read_bytes() == before and "12 drawings kept" in dialog.summary.text()
    assert dialog.import_button.isEnabled()


def test_a_failed_export_says_why_in_one_line_and_changes_nothing(window, qtbot, kept, tmp_path, dialogs):
    dialog = shown_gallery(window, qtbot)
    dialog.export_to(str(tmp_path / "no such folder" / "mine.jsonl"))
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    kind, title, text = dialogs[-1]
    assert kind == "error" and text.startswith("The file or folder does not exist.") and "Errno" not in text
    assert "12 drawings kept" in dialog.summary.text() and dialog.export_button.isEnabled()


def test_keeping_a_drawing_does_not_read_the_store(window, qtbot, kept, monkeypatch):
    """The counts in the status bar come from the store's own writes (reading 20,000 drawings
    to count them held the GUI thread 3.5 s at every keep)."""
    window.handwriting.store.counts()  # read once (as the app does the first time)
    reads = []
    real = line_file.LineFile.read
    monkeypatch.setattr(line_file.LineFile, "read", lambda self: reads.append(1) or real(self))
    draw(window.canvas, one(window.canvas)[0])
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_1)
    assert "Kept as a 1: 3 of your 1s, 13 drawings in all." in window.statusBar().currentMessage()
    assert reads == [] and not window.handwriting.is_counting()


def test_a_store_written_by_another_process_is_counted_in_the_background(window, qtbot, kept, monkeypatch):
    window.handwriting.store.counts()
    with samples_path().open("a") as fh:  # `digitpad samples import` in a terminal, meanwhile
        fh.write(json.dumps({"strokes": [[[0, 0], [9, 60]]], "label": 1, "id": "x"}) + "\n")
    draw(window.canvas, one(window.canvas)[0])
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_1)
    assert window.handwriting.is_counting()
    assert window.statusBar().currentMessage() == "Kept as a 1."
    qtbot.waitUntil(lambda: "4 of your 1s, 14 drawings in all" in window.statusBar().currentMessage(), timeout=WAIT_MS)


QUIT_SCRIPT = r"""
import os, sys, threading
from PySide6.QtCore import QTimer
import app.main as m
from model.pen import line_file

held = threading.Event()
real_write = line_file.atomic_write
HOLD = float(os.environ["HOLD"]) if os.environ["HOLD"] != "forever" else None
m.STORE_WRITE_WAIT_SECONDS = float(os.environ["STORE_WAIT"])

def write_then_hold(path, write, **kwargs):  # the new file is written, not yet renamed
    def writing(fh):
        write(fh)
        fh.flush()
        held.set()
        threading.Event().wait(HOLD)  # the app quits meanwhile; None: never returns
    return real_write(path, writing, **kwargs)

line_file.atomic_write = write_then_hold

def delete_then_quit():
    window = next(iter(m._windows))
    dialog = window.handwriting.show_gallery()
    def when_read():
        if dialog.is_busy():
            QTimer.singleShot(50, when_read); return
        dialog.gallery.selectAll()
        dialog.delete_button.click()
        held.wait(60)
        print("quitting while deleting", flush=True)
        window.close()
    when_read()

m.ensure_app()
QTimer.singleShot(1000, delete_then_quit)
m.run_app([])
"""


def _quit_while_deleting(tmp_path, hold: str, store_wait: float):
    """Run the real app (app.main.run_app): every drawing selected and deleted in My Handwriting, then close the
    window while the delete's new file is written but not yet renamed (held `hold` seconds,
    or "forever"). The store and its 30 drawings' bytes before."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    store = SampleStore(tmp_path / "handwriting.jsonl")
    for i in range(30):
        store.add([[[10.0, 0.0], [12.0 + i, 60.0]]], i % 10)
    before = store.path.read_bytes()
    env = {
        **os.environ,
        "PYTHONPATH": str(repo),
        "QT_QPA_PLATFORM": "offscreen",
        "DIGITPAD_DATA_DIR": str(tmp_path),
        "HOLD": hold,
        "STORE_WAIT": str(store_wait),
    }
    run = subprocess.run(
        [sys.executable, "-c", QUIT_SCRIPT], env=env, cwd=repo, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0 and "quitting while deleting" in run.stdout, run.stdout + run.stderr
    return store, before


def test_quitting_during_a_confirmed_delete_lets_it_finish(tmp_path):
    """nc4 fault 1: Delete All, then the window closed 0.1 s later: the app quit under the
    delete and every drawing came back at the next start. The window closes, and the
    process finishes the delete the user confirmed before it ends."""
    store, before = _quit_while_deleting(tmp_path, hold="1.5", store_wait=60)
    assert store.load() == [] and store.path.read_bytes() != before
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_delete_that_cannot_finish_leaves_the_store_as_it_was(tmp_path):
    """A write that never ends (a hung disk): the process waits STORE_WRITE_WAIT_SECONDS,
    then ends; the store is byte for byte what it was, and the next write cleans the
    half-done temporary file away."""
    store, before = _quit_while_deleting(tmp_path, hold="forever", store_wait=1)
    assert store.path.read_bytes() == before
    assert len(list(tmp_path.glob(".handwriting.jsonl.*.tmp"))) == 1  # the unfinished one, left by the exit
    assert store.delete([store.load()[0].id]) == 1
    assert not list(tmp_path.glob(".*.tmp")) and len(store.load()) == 29


def test_selecting_with_the_keyboard_and_ctrl_clicks_deletes_exactly_those(window, qtbot, kept):
    """The selected ids come from the selection's row ranges (20,000 indexes asked one by one
    held the GUI thread 0.36 s): every range, and only the drawings in them."""
    dialog = shown_gallery(window, qtbot)
    qtbot.waitExposed(dialog)
    gallery = dialog.gallery
    click_thumbnail(qtbot, gallery, 1)
    rect = gallery.visualRect(gallery.model().index(4, 0))
    qtbot.mouseClick(gallery.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, rect.center())
    rect = gallery.visualRect(gallery.model().index(6, 0))
    qtbot.mouseClick(gallery.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, rect.center())
    shown = [gallery.model().index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(gallery.count())]
    assert sorted(gallery.selected_ids()) == sorted([shown[1], shown[4], shown[5], shown[6]])
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    assert sorted(_ids()) == sorted(set(shown) - {shown[1], shown[4], shown[5], shown[6]})
    gallery.setFocus()
    qtbot.keyClick(gallery, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(gallery.selected_ids()) == 8 and dialog.delete_button.isEnabled()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    assert _ids() == [] and gallery.count() == 0 and not dialog.delete_button.isEnabled()


def test_opening_the_dialog_reads_the_store_once(window, qtbot, kept, monkeypatch):
    """The dialog becoming active while its first read runs (as it does when it opens) asked
    for a second read of the whole store (20,000 drawings: seconds more of "Reading...")."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from app.my_handwriting import handwriting_dialog

    reads = []
    real = handwriting_dialog.read_store
    monkeypatch.setattr(handwriting_dialog, "read_store", lambda store: reads.append(1) or real(store))
    window.handwriting.open_gallery.trigger()
    dialog = window.handwriting.gallery
    QApplication.sendEvent(dialog, QEvent(QEvent.Type.ActivationChange))  # while reading
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    QApplication.sendEvent(dialog, QEvent(QEvent.Type.ActivationChange))  # nothing changed since
    qtbot.wait(100)
    assert reads == [1] and not dialog.is_busy() and dialog.gallery.count() == 12


def test_the_adapt_dialog_reads_the_drawings_in_its_job_not_on_opening(window, qtbot, kept, monkeypatch):
    """Model > Adapt read all kept drawings on the GUI thread three times (opening, Adapt,
    the end): 3.5 s each at 20,000. It now counts from the store's own writes and reads the
    drawings in the adaptation's thread."""
    import threading as _threading

    from .test_handwriting import TINY

    window.handwriting.store.counts()  # read once, as My Handwriting or a keep would have
    readers = []
    real = line_file.LineFile.read
    monkeypatch.setattr(
        line_file.LineFile, "read", lambda self: readers.append(_threading.current_thread().name) or real(self)
    )
    dialog = window.handwriting.show_adapt(config=TINY)
    qtbot.waitExposed(dialog)
    assert readers == [] and "12 drawings kept" in dialog.status.text() and dialog.start_button.isEnabled()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert "Adapting to 12 drawings" in dialog.status.text()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=180_000)
    assert readers == ["digitpad-adapt"] and dialog.saved_path is not None

"""My Handwriting: the kept drawings as the model sees them (28x28), grouped by digit.

Pick a digit on the left (with its count) to see its drawings; delete the selected ones
or all of them; export to or import from a JSON Lines file (the ink format of
`digitpad predict --ink`, with "label"). The store is read, and deleted from, imported
into and exported, off the GUI thread (app.worker.Worker, one job at a time), and the
thumbnails are rendered only as they come into view (handwriting_gallery.py): with 20,000
drawings the dialog used to freeze the app for about 25 s (nc3 fault 10), and each delete,
import or export for 5-8 s more. Closing the dialog (or the app) never waits for a job:
a delete or an import is one atomic rewrite of the store, so it is done whole or not at all
(model/pen/samples.py); an outcome that arrives after the dialog was closed goes to the main
window's status bar. Lines of the store that are no drawings are named in one line above
the drawings (they are kept as they are).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from model.pen.line_file import Stamp, file_stamp
from model.pen.samples import Imported, Sample, SampleStore

from .. import messages
from ..engine_text import error_text, failure_text
from ..translations import fill
from ..worker import Worker
from .handwriting_gallery import Gallery
from .store_jobs import Refused, Shown, discard, finishing, read_store, run_store_job

ALL = -1  # the "all digits" row
TOLD_MS = 10000  # how long a job's outcome stays in the main window's status bar (dialog closed)
NOTE_LINES = 10  # unreadable lines named in the note's tooltip


class HandwritingDialog(QDialog):
    """Emits loaded() each time the drawings read in the background are shown."""

    loaded = Signal()

    def __init__(self, store: SampleStore, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("handwritingDialog")
        self.setWindowTitle(self.tr("My Handwriting"))
        self.store = store
        self.by_digit: list[list[Sample]] = [[] for _ in range(10)]  # (10,) each digit's drawings
        self.unreadable: list[str] = []  # the store's lines that are no drawings (kept as they are)
        self._seen: Stamp = None  # the store file's stamp when last read
        self.job: Worker | None = None  # reading or writing the store in the background
        self._read_again = False  # a reload asked for while one was running
        self.digits = QListWidget(objectName="handwritingDigits")
        self.digits.setFixedWidth(150)
        self.gallery = Gallery()
        self.summary = QLabel(objectName="handwritingSummary")
        self.note = QLabel(objectName="handwritingUnreadable", wordWrap=True, visible=False)
        self.delete_button = QPushButton(self.tr("&Delete Selected"), objectName="deleteSelected")
        self.delete_all_button = QPushButton(self.tr("Delete &All..."), objectName="deleteAll")
        self.export_button = QPushButton(self.tr("&Export..."), objectName="exportSamples")
        self.import_button = QPushButton(self.tr("&Import..."), objectName="importSamples")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)

        row = QHBoxLayout()
        row.addWidget(self.digits)
        row.addWidget(self.gallery, 1)
        buttons = QHBoxLayout()
        for b in (self.delete_button, self.delete_all_button, self.export_button, self.import_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addLayout(row, 1)
        layout.addLayout(buttons)
        self.resize(640, 420)

        self.digits.currentRowChanged.connect(lambda _: self._fill_gallery())
        self.gallery.selectionModel().selectionChanged.connect(self._update_buttons)
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_all_button.clicked.connect(self.delete_all)
        self.export_button.clicked.connect(self.choose_export)
        self.import_button.clicked.connect(self.choose_import)
        close.rejected.connect(self.close)

    def reload(self) -> None:
        """Read the store again in the background, then refill both lists keeping the chosen
        digit (loaded() says when). Returns at once; the dialog says it is reading."""
        if self.is_busy():
            self._read_again = True  # the store changed meanwhile: read it once more after this
            return
        store = self.store  # the job's thread holds the store only, not the dialog (app/worker.py)
        reading = fill(self.tr("Reading the drawings kept in %1..."), str(self.store.path))
        self._start(lambda: read_store(store), "digitpad-handwriting-load", self._loaded, reading)

    def _start(self, job: Callable[[], Any], name: str, done: Callable[[Any], None], text: str) -> None:
        """Run job() (reads or writes the store) in the background; done(its result) in the GUI
        thread, or a message if it raised. One job at a time: the buttons wait meanwhile."""
        if self.job is not None:
            self.job.deleteLater()  # the last job's Worker: stopped (nothing runs when this is called)
        self.job = Worker(run_store_job(job), name, parent=self)
        self.job.finished.connect(
            lambda result: self._refused(result.exc) if isinstance(result, Refused) else done(result)
        )
        self.job.failed.connect(self._job_failed)
        self.job.stopped.connect(self._job_stopped)
        self.summary.setText(text)
        for b in (self.delete_button, self.delete_all_button, self.export_button, self.import_button):
            b.setEnabled(False)
        self.job.start()

    def is_busy(self) -> bool:
        """True while the store is being read or written (deleting, importing, exporting)."""
        return self.job is not None and self.job.is_running()

    is_loading = is_busy

    def _refused(self, exc: BaseException) -> None:
        self._show_summary()
        messages.error(self._box_parent(), self.tr("My Handwriting"), error_text(exc), str(exc))

    def _job_failed(self, kind: str, message: str) -> None:
        self.summary.setText(self.tr("The kept drawings could not be read."))
        messages.error(self._box_parent(), self.tr("My Handwriting"), failure_text(kind), message)

    def _job_stopped(self) -> None:
        self.import_button.setEnabled(True)
        self._update_buttons()
        if self._read_again:
            self._read_again = False
            self.reload()

    def _box_parent(self):
        """A message box's parent: the dialog, or the main window once the dialog was closed."""
        return self if self.isVisible() else self.parentWidget()

    def _tell(self, title: str, text: str) -> None:
        """A job's outcome: a box over the dialog; in the main window's status bar if the
        dialog was closed meanwhile (a box nobody waits for would pop up out of nowhere)."""
        window = self.parentWidget()
        if self.isVisible() or window is None or not hasattr(window, "statusBar"):
            messages.info(self, title, text)
        else:
            window.statusBar().showMessage(text, TOLD_MS)

    def _loaded(self, shown: Shown) -> None:
        old = [*self.by_digit, self.gallery.model_.samples]  # freed in the background (discard)
        self.by_digit, self.unreadable, self._seen = shown
        chosen = self.current_digit()
        self.digits.blockSignals(True)
        self.digits.clear()
        item = QListWidgetItem(fill(self.tr("All digits (%1)"), str(self.count())))
        item.setData(Qt.ItemDataRole.UserRole, ALL)
        self.digits.addItem(item)
        for d in range(10):
            item = QListWidgetItem(fill(self.tr("%1  (%2)"), str(d), str(len(self.by_digit[d]))))
            item.setData(Qt.ItemDataRole.UserRole, d)
            self.digits.addItem(item)
        self.digits.setCurrentRow(0 if chosen == ALL else chosen + 1)
        self.digits.blockSignals(False)
        self._show_summary()
        self._fill_gallery()
        for samples in old:  # 20,000 drawings freed in one step held the GUI thread about 0.1 s
            discard(samples)
        self.loaded.emit()

    def count(self) -> int:
        """How many drawings the dialog shows (all digits)."""
        return sum(len(samples) for samples in self.by_digit)

    def _show_summary(self) -> None:
        """How many drawings, where; and one line when some lines of the file are no drawings."""
        self.summary.setText(fill(self.tr("%1 drawings kept in %2"), str(self.count()), str(self.store.path)))
        bad = len(self.unreadable)
        if bad == 1:
            text = self.tr("1 line of the file could not be read; it is kept unchanged.")
        else:
            text = fill(self.tr("%1 lines of the file could not be read; they are kept unchanged."), str(bad))
        self.note.setText(text)
        self.note.setToolTip("\n".join(self.unreadable[:NOTE_LINES]))  # the engine's reasons (English)
        self.note.setVisible(bad > 0)

    def changeEvent(self, event: QEvent) -> None:
        """Coming back to the dialog shows the store as it is now: drawings imported with
        `digitpad samples import` in a terminal, or kept from another window, meanwhile."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and not self.is_busy() and self._stamp() != self._seen:
            self.reload()  # (a job under way reads the store as it is once it is done)

    def _stamp(self) -> Stamp:
        return file_stamp(self.store.path)

    def current_digit(self) -> int:
        item = self.digits.currentItem()
        return ALL if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def visible_samples(self) -> list[Sample]:
        """The chosen digit's drawings, or all grouped by digit; oldest first within a digit."""
        d = self.current_digit()
        return list(itertools.chain.from_iterable(self.by_digit)) if d == ALL else list(self.by_digit[d])

    def _fill_gallery(self) -> None:
        self.gallery.set_samples(self.visible_samples())  # thumbnails are rendered as they come into view
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.is_busy()
        self.delete_button.setEnabled(idle and self.gallery.has_selection())
        self.delete_all_button.setEnabled(idle and self.count() > 0)
        self.export_button.setEnabled(idle and self.count() > 0)

    def delete_selected(self) -> None:
        ids = self.gallery.selected_ids()
        if not ids or self.is_busy():
            return
        store = self.store
        text = fill(self.tr("Deleting %1 drawings..."), str(len(ids)))
        delete = finishing(store.delete, ids)  # quitting lets it finish
        self._start(lambda: (delete(), read_store(store))[1], "digitpad-handwriting-delete", self._loaded, text)

    def delete_all(self) -> None:
        if self.is_busy():
            return
        question = fill(self.tr("Delete all %1 kept drawings? This cannot be undone."), str(self.count()))
        if messages.ask(self, self.tr("My Handwriting"), question):
            store = self.store
            text = fill(self.tr("Deleting %1 drawings..."), str(self.count()))
            clear = finishing(store.clear)  # quitting lets it finish
            self._start(lambda: (clear(), read_store(store))[1], "digitpad-handwriting-delete", self._loaded, text)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Drawings"), "my-handwriting.jsonl", self.tr("JSON Lines (*.jsonl)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        if self.is_busy():
            return
        store = self.store
        text = fill(self.tr("Exporting the drawings to %1..."), path)
        export = finishing(store.export, path)  # quitting lets it finish
        self._start(export, "digitpad-handwriting-export", self._exported, text)

    def _exported(self, count: int) -> None:
        self._show_summary()
        self._tell(self.tr("Export Drawings"), fill(self.tr("Exported %1 drawings."), str(count)))

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import Drawings"), "", self.tr("JSON Lines (*.jsonl *.json)")
        )
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> None:
        if self.is_busy():
            return
        store = self.store
        text = fill(self.tr("Importing the drawings of %1..."), path)
        import_file = finishing(store.import_file, path)  # quitting lets it finish
        self._start(lambda: (import_file(), read_store(store)), "digitpad-handwriting-import", self._imported, text)

    def _imported(self, outcome: tuple[Imported, Shown]) -> None:
        result, shown = outcome
        self._loaded(shown)
        text = fill(self.tr("Imported %1 drawings."), str(result.added))
        if result.already_kept:
            text += " " + fill(self.tr("%1 were kept already."), str(result.already_kept))
        if result.problems:
            text += " " + fill(self.tr("%1 lines could not be read and were skipped."), str(len(result.problems)))
        self._tell(self.tr("Import Drawings"), text)

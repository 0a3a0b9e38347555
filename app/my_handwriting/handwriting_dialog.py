"""My Handwriting: the kept drawings as the model sees them (28x28), grouped by digit.

Pick a digit on the left (with its count) to see its drawings; delete the selected ones
or all of them; export to or import from a JSON Lines file (the ink format of
`digitpad predict --ink`, with "label"). The store is read off the GUI thread
(app.worker.Worker) and the thumbnails are rendered only as they come into view
(app/my_handwriting/handwriting_gallery.py): with 20,000 drawings the dialog used to freeze the app for
about 25 s (nc3 fault 10).
"""

from __future__ import annotations

import gc
import os

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

from model.pen.samples import Sample, SampleStore

from .. import messages
from ..engine_text import error_text
from ..translations import fill
from ..worker import Worker
from .handwriting_gallery import Gallery

ALL = -1  # the "all digits" row


class HandwritingDialog(QDialog):
    """Emits loaded() each time the drawings read in the background are shown."""

    loaded = Signal()

    def __init__(self, store: SampleStore, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("handwritingDialog")
        self.setWindowTitle(self.tr("My Handwriting"))
        self.store = store
        self.samples: list[Sample] = []
        self._seen: tuple[int, int] | None = None  # the store file's (mtime, size) when last read
        self.loader: Worker | None = None  # reading the store in the background
        self._read_again = False  # a reload asked for while one was running
        self.digits = QListWidget(objectName="handwritingDigits")
        self.digits.setFixedWidth(150)
        self.gallery = Gallery()
        self.summary = QLabel(objectName="handwritingSummary")
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
        if self.is_loading():
            self._read_again = True  # the store changed meanwhile: read it once more after this
            return
        self._seen = self._stamp()
        store = self.store  # the job's thread holds the store only, not the dialog (app/worker.py)
        self.loader = Worker(lambda report, cancel: load_quietly(store), "digitpad-handwriting-load", parent=self)
        self.loader.finished.connect(self._loaded)
        self.loader.failed.connect(self._load_failed)
        self.loader.stopped.connect(self._load_stopped)
        self.summary.setText(fill(self.tr("Reading the drawings kept in %1..."), str(self.store.path)))
        for b in (self.delete_button, self.delete_all_button, self.export_button, self.import_button):
            b.setEnabled(False)
        self.loader.start()

    def is_loading(self) -> bool:
        return self.loader is not None and self.loader.is_running()

    def _load_failed(self, kind: str, message: str) -> None:
        self.summary.setText(self.tr("The kept drawings could not be read."))
        messages.error(self, self.tr("My Handwriting"), self.tr("The kept drawings could not be read."), message)

    def _load_stopped(self) -> None:
        self.import_button.setEnabled(True)
        self._update_buttons()
        if self._read_again:
            self._read_again = False
            self.reload()

    def _loaded(self, samples: list[Sample]) -> None:
        self.samples = samples
        chosen = self.current_digit()
        counts = [0] * 10
        for s in self.samples:
            counts[s.label] += 1
        self.digits.blockSignals(True)
        self.digits.clear()
        item = QListWidgetItem(fill(self.tr("All digits (%1)"), str(len(self.samples))))
        item.setData(Qt.ItemDataRole.UserRole, ALL)
        self.digits.addItem(item)
        for d in range(10):
            item = QListWidgetItem(fill(self.tr("%1  (%2)"), str(d), str(counts[d])))
            item.setData(Qt.ItemDataRole.UserRole, d)
            self.digits.addItem(item)
        self.digits.setCurrentRow(0 if chosen == ALL else chosen + 1)
        self.digits.blockSignals(False)
        self.summary.setText(fill(self.tr("%1 drawings kept in %2"), str(len(self.samples)), str(self.store.path)))
        self._fill_gallery()
        self.loaded.emit()

    def changeEvent(self, event: QEvent) -> None:
        """Coming back to the dialog shows the store as it is now: drawings imported with
        `digitpad samples import` in a terminal, or kept from another window, meanwhile."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self._stamp() != self._seen:
            self.reload()

    def _stamp(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.store.path)
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def current_digit(self) -> int:
        item = self.digits.currentItem()
        return ALL if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def visible_samples(self) -> list[Sample]:
        d = self.current_digit()
        shown = [s for s in self.samples if d == ALL or s.label == d]
        return sorted(shown, key=lambda s: s.label)  # grouped by digit, oldest first within one

    def _fill_gallery(self) -> None:
        self.gallery.set_samples(self.visible_samples())  # thumbnails are rendered as they come into view
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.is_loading()
        self.delete_button.setEnabled(idle and bool(self.gallery.selected_ids()))
        self.delete_all_button.setEnabled(idle and bool(self.samples))
        self.export_button.setEnabled(idle and bool(self.samples))

    def delete_selected(self) -> int:
        ids = self.gallery.selected_ids()
        removed = self._guard(lambda: self.store.delete(ids))
        self.reload()
        return removed or 0

    def delete_all(self) -> None:
        question = fill(self.tr("Delete all %1 kept drawings? This cannot be undone."), str(len(self.samples)))
        if messages.ask(self, self.tr("My Handwriting"), question):
            self._guard(self.store.clear)
            self.reload()

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Drawings"), "my-handwriting.jsonl", self.tr("JSON Lines (*.jsonl)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        count = self._guard(lambda: self.store.export(path))
        if count is not None:
            messages.info(self, self.tr("Export Drawings"), fill(self.tr("Exported %1 drawings."), str(count)))

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import Drawings"), "", self.tr("JSON Lines (*.jsonl *.json)")
        )
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> None:
        result = self._guard(lambda: self.store.import_file(path))
        self.reload()
        if result is not None:
            text = fill(self.tr("Imported %1 drawings."), str(result.added))
            if result.already_kept:
                text += " " + fill(self.tr("%1 were kept already."), str(result.already_kept))
            if result.problems:
                text += " " + fill(self.tr("%1 lines could not be read and were skipped."), str(len(result.problems)))
            messages.info(self, self.tr("Import Drawings"), text)

    def _guard(self, action):
        try:
            return action()
        except (OSError, ValueError) as exc:
            messages.error(self, self.tr("My Handwriting"), error_text(exc), str(exc))
            return None


def load_quietly(store: SampleStore) -> list[Sample]:
    """store.load() without Python's cyclic garbage collections while it reads. Reading
    20,000 drawings makes about a million small lists (the points); every full collection
    meanwhile scanned them all while holding the interpreter lock, and the GUI thread stood
    still 0.3-0.5 s each time (measured: bench/handwriting_dialog_latency.py). The drawings
    hold no reference cycles (plain lists of numbers, freed by reference counting when the
    dialog lets them go), so they are moved out of the collector's sight (gc.freeze) once read."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return store.load()
    finally:
        gc.freeze()
        if enabled:
            gc.enable()

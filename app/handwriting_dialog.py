"""My Handwriting: the kept drawings as the model sees them (28x28), grouped by digit.

Pick a digit on the left (with its count) to see its drawings; delete the selected ones
or all of them; export to or import from a JSON Lines file (the ink format of
`digitpad predict --ink`, with "label").
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from model.ink import render_ink
from model.samples import Sample, SampleStore

from . import messages
from .charts import gray_to_qimage
from .engine_text import error_text
from .translations import fill

THUMB = 56  # px: the 28x28 input at 2x
ALL = -1  # the "all digits" row


class HandwritingDialog(QDialog):
    def __init__(self, store: SampleStore, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("handwritingDialog")
        self.setWindowTitle(self.tr("My Handwriting"))
        self.store = store
        self.samples: list[Sample] = []
        self._seen: tuple[int, int] | None = None  # the store file's (mtime, size) when last read
        self.digits = QListWidget(objectName="handwritingDigits")
        self.digits.setFixedWidth(150)
        self.gallery = QListWidget(objectName="handwritingGallery")
        self.gallery.setViewMode(QListView.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(THUMB, THUMB))
        self.gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self.gallery.setMovement(QListView.Movement.Static)
        self.gallery.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
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
        self.gallery.itemSelectionChanged.connect(self._update_buttons)
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_all_button.clicked.connect(self.delete_all)
        self.export_button.clicked.connect(self.choose_export)
        self.import_button.clicked.connect(self.choose_import)
        close.rejected.connect(self.close)

    def reload(self) -> None:
        """Read the store again and refill both lists, keeping the chosen digit."""
        self._seen = self._stamp()
        self.samples = self.store.load()
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
        self.gallery.clear()
        for s in self.visible_samples():
            item = QListWidgetItem(_thumbnail(s), str(s.label))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setToolTip(fill(self.tr("A %1, kept %2"), str(s.label), s.created))
            self.gallery.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(bool(self.gallery.selectedItems()))
        self.delete_all_button.setEnabled(bool(self.samples))
        self.export_button.setEnabled(bool(self.samples))

    def delete_selected(self) -> int:
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in self.gallery.selectedItems()]
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


def _thumbnail(sample: Sample) -> QIcon:
    try:
        image = render_ink(sample.strokes)  # (28,28) float32: what the model sees
    except ValueError:
        return QIcon()
    pixmap = QPixmap.fromImage(gray_to_qimage(image, invert=True)).scaled(THUMB, THUMB)
    return QIcon(pixmap)

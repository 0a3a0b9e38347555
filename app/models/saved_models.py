"""Model > Saved Models > Manage: the trained models in the user's models folder, each
with its name, test accuracy, date and architecture; use, rename or delete them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import messages
from ..engine_text import error_text
from ..translations import fill
from .model_manager import ModelManager, saved_model_info

PATH_ROLE = Qt.ItemDataRole.UserRole


def accuracy_text(acc: float | None) -> str:
    """ "99.31%", or "not measured" for a model whose file holds no MNIST test accuracy (one
    adapted to your handwriting is measured on your drawings instead; it showed "?")."""
    if acc is None:
        return QCoreApplication.translate("SavedModelsDialog", "not measured")
    return f"{acc * 100:.2f}%"


class SavedModelsDialog(QDialog):
    def __init__(self, manager: ModelManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedModelsDialog")
        self.setWindowTitle(self.tr("Saved Models"))
        self.manager = manager
        self.list = QTreeWidget(objectName="savedModelsList")
        self.list.setHeaderLabels([self.tr("Name"), self.tr("Test accuracy"), self.tr("Date"), self.tr("Architecture")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.setAccessibleName(self.tr("Saved models"))
        self.empty = QLabel(self.tr("No saved models yet: train one with Model > Train Model."))
        self.use_button = QPushButton(self.tr("Use"), objectName="useSavedButton")
        self.rename_button = QPushButton(self.tr("Rename..."), objectName="renameButton")
        self.delete_button = QPushButton(self.tr("Delete..."), objectName="deleteButton")
        close = QPushButton(self.tr("Close"))
        self.use_button.clicked.connect(self.use_selected)
        self.rename_button.clicked.connect(self.rename_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        close.clicked.connect(self.close)
        self.list.itemDoubleClicked.connect(lambda *_: self.use_selected())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for b in (self.use_button, self.rename_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        manager.savedModelsChanged.connect(self.refresh)
        manager.modelChanged.connect(lambda _: self.refresh())
        self.resize(620, 360)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_path()
        self.list.clear()
        for path in ModelManager.saved_models():
            acc, date, arch = saved_model_info(path)
            item = QTreeWidgetItem([path.stem, accuracy_text(acc), date, arch])
            item.setData(0, PATH_ROLE, str(path))
            item.setToolTip(0, str(path))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if self.manager.is_active(path):
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                item.setText(0, fill(self.tr("%1 (active)"), path.stem))
            self.list.addTopLevelItem(item)
            if selected is not None and Path(selected) == path:
                item.setSelected(True)
        for column in (1, 2, 3):
            self.list.resizeColumnToContents(column)
        self.empty.setVisible(self.list.topLevelItemCount() == 0)
        self._update_buttons()

    def selected_path(self) -> Path | None:
        items = self.list.selectedItems()
        return Path(items[0].data(0, PATH_ROLE)) if items else None

    def _update_buttons(self) -> None:
        path = self.selected_path()
        for b in (self.rename_button, self.delete_button):
            b.setEnabled(path is not None)
        self.use_button.setEnabled(path is not None and not self.manager.is_active(path))

    def use_selected(self) -> None:
        path = self.selected_path()
        if path is None:
            return
        try:
            self.manager.load(path)
        except (ValueError, OSError) as exc:
            messages.error(
                self,
                self.tr("Saved Models"),
                fill(self.tr("The model %1 could not be loaded; the current model stays."), path.name)
                + "\n\n"
                + error_text(exc),
                str(exc),  # the engine's English reason: the details
            )

    def rename_selected(self) -> None:
        path = self.selected_path()
        if path is None:
            return
        name = messages.ask_text(self, self.tr("Rename Model"), self.tr("New name:"), path.stem)
        if name is None or name.strip() == path.stem:
            return
        try:
            self.manager.rename_saved(path, name)
        except (ValueError, OSError) as exc:
            messages.error(
                self,
                self.tr("Rename Model"),
                fill(self.tr("The model could not be renamed: %1"), error_text(exc)),
                str(exc),
            )

    def delete_selected(self) -> None:
        path = self.selected_path()
        if path is None:
            return
        text = fill(self.tr("Delete the model %1? This cannot be undone."), path.stem)
        if self.manager.is_active(path):
            text += " " + self.tr("It is the active model: DigitPad goes back to the bundled model.")
        if not messages.ask(self, self.tr("Delete Model"), text):
            return
        try:
            self.manager.delete_saved(path)
        except (ValueError, OSError) as exc:
            messages.error(
                self,
                self.tr("Delete Model"),
                fill(self.tr("The model could not be deleted: %1"), error_text(exc)),
                str(exc),
            )

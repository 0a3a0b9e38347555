"""The thumbnails of My Handwriting: a list view over a model of the kept drawings that
renders a drawing's 28x28 thumbnail only when the view asks for it (the rows on screen),
and keeps the ones rendered. With 20,000 drawings, rendering them all up front (and
making 20,000 list items) held the GUI thread for about 25 s (nc3 fault 10); a screenful
is a few dozen renders. bench/handwriting_dialog_latency.py measures it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from model.pen.ink import render_ink
from model.pen.samples import Sample

from ..prediction.charts import gray_to_qimage
from ..translations import fill

THUMB = 56  # px: the 28x28 input at 2x
BATCH = 200  # rows laid out per step of the event loop (QListView's batched layout)
ID_ROLE = Qt.ItemDataRole.UserRole


class GalleryModel(QAbstractListModel):
    """Rows: the drawings shown (Sample objects); their thumbnails are rendered on demand."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.samples: list[Sample] = []
        self._icons: dict[str, QIcon] = {}  # by sample id: rendered once, kept while the list is the same

    def set_samples(self, samples: list[Sample]) -> None:
        self.beginResetModel()
        self.samples = samples
        keep = {s.id for s in samples}
        self._icons = {k: v for k, v in self._icons.items() if k in keep}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.samples)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.samples):
            return None
        sample = self.samples[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(sample.label)
        if role == Qt.ItemDataRole.DecorationRole:
            icon = self._icons.get(sample.id)
            if icon is None:
                icon = self._icons[sample.id] = thumbnail(sample)
            return icon
        if role == Qt.ItemDataRole.ToolTipRole:
            return fill(self.tr("A %1, kept %2"), str(sample.label), sample.created)
        if role == ID_ROLE:
            return sample.id
        return None

    def rendered(self) -> int:
        """How many thumbnails have been rendered (tests, bench)."""
        return len(self._icons)


class Gallery(QListView):
    """The thumbnails in icon mode, several selectable; uniform item sizes so that the view
    never asks every row for its size (nor its thumbnail)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handwritingGallery")
        self.model_ = GalleryModel(self)
        self.setModel(self.model_)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(BATCH)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def set_samples(self, samples: list[Sample]) -> None:
        self.model_.set_samples(samples)

    def count(self) -> int:
        return self.model_.rowCount()

    def text(self, row: int) -> str:
        return self.model_.data(self.model_.index(row), Qt.ItemDataRole.DisplayRole)

    def selected_ids(self) -> list[str]:
        """The ids of the selected drawings, from the selection's row ranges (asking Qt for every
        selected index took 0.36 s for 20,000, on the GUI thread)."""
        samples = self.model_.samples
        ranges = self.selectionModel().selection()
        return [samples[row].id for r in ranges for row in range(r.top(), r.bottom() + 1)]

    def has_selection(self) -> bool:
        return self.selectionModel().hasSelection()


def thumbnail(sample: Sample) -> QIcon:
    """The drawing as the model sees it, dark on light, THUMB px; an empty icon if it cannot
    be rendered."""
    try:
        image = render_ink(sample.strokes)  # (28,28) float32: what the model sees
    except ValueError:
        return QIcon()
    pixmap = QPixmap.fromImage(gray_to_qimage(image, invert=True)).scaled(THUMB, THUMB)
    return QIcon(pixmap)

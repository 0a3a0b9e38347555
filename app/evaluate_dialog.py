"""Model > Evaluate: the same report as `digitpad evaluate`, computed in a worker thread:
accuracy, per-class table, confusion matrix, and the misclassified digits as images."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt, QThread, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListView, QListWidget, QListWidgetItem,
    QPushButton, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from model.data import load_data
from model.evaluate import evaluate

from . import messages
from .charts import gray_to_qimage
from .settings import Settings

MAX_SHOWN_ERRORS = 300


class EvaluateWorker(QObject):
    done = Signal(object, object)  # EvalReport, DigitData
    failed = Signal(str)

    def __init__(self, model, folder: str | None) -> None:
        super().__init__()
        self.model, self.folder = model, folder

    @Slot()
    def run(self) -> None:
        try:
            data = load_data(self.folder, "test")
            self.done.emit(evaluate(self.model, data, "cpu"), data)
        except Exception as exc:  # shown to the user; the app keeps working
            self.failed.emit(str(exc) or type(exc).__name__)


class EvaluateDialog(QDialog):
    """Emits evaluated(EvalReport) when a report is shown."""

    evaluated = Signal(object)
    evaluationFailed = Signal(str)

    def __init__(self, predictor, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluateDialog")
        self.setWindowTitle(self.tr("Evaluate Model"))
        self.predictor, self.settings = predictor, settings
        self.thread: QThread | None = None
        self.worker: EvaluateWorker | None = None
        self.report = None

        self.folder = QLineEdit(settings.data_folder, objectName="evalDataEdit")
        self.folder.setPlaceholderText(self.tr("MNIST folder (empty: DigitPad's MNIST folder)"))
        browse = QPushButton(self.tr("Browse..."))
        browse.clicked.connect(self._browse)
        self.run_button = QPushButton(self.tr("Evaluate"), objectName="evaluateButton", default=True)
        self.run_button.clicked.connect(self.start)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Test data:")))
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        row.addWidget(self.run_button)

        self.summary = QLabel(self.tr("Model: %1").replace("%1", predictor.arch), objectName="evalSummary")
        self.summary.setWordWrap(True)
        self.per_class = self._table(["digit", "precision", "recall", "F1", "support"], "perClassTable")
        self.per_class.verticalHeader().setVisible(False)
        self.per_class.setHorizontalHeaderLabels([self.tr("Digit"), self.tr("Precision"), self.tr("Recall"), "F1", self.tr("Support")])
        self.confusion = self._table([str(d) for d in range(10)], "confusionTable")
        self.confusion.setToolTip(self.tr("Rows: true digit; columns: predicted digit"))
        self.errors = QListWidget(objectName="misclassifiedList")
        self.errors.setViewMode(QListView.ViewMode.IconMode)
        self.errors.setIconSize(QSize(56, 56))
        self.errors.setResizeMode(QListView.ResizeMode.Adjust)
        self.errors.setSpacing(4)
        tabs = QTabWidget()
        tabs.addTab(self.per_class, self.tr("Per digit"))
        tabs.addTab(self.confusion, self.tr("Confusion matrix"))
        tabs.addTab(self.errors, self.tr("Mistakes"))

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(tabs, 1)
        self.resize(720, 560)

    @staticmethod
    def _table(headers: list[str], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headers), objectName=name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the test data folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def is_running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    def start(self) -> None:
        if self.is_running():
            return
        self.run_button.setEnabled(False)
        self.summary.setText(self.tr("Evaluating %1 on the test images...").replace("%1", self.predictor.arch))
        self.thread = QThread()
        self.worker = EvaluateWorker(self.predictor.loaded.model, self.folder.text().strip() or None)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.done.connect(self._show)
        self.worker.failed.connect(self._failed)
        self.worker.done.connect(self.thread.quit)
        self.worker.failed.connect(self.thread.quit)
        self.thread.start()

    def _failed(self, message: str) -> None:
        self.run_button.setEnabled(True)
        self.summary.setText(self.tr("Evaluation failed."))
        self.evaluationFailed.emit(message)
        messages.error(self, self.tr("Evaluate Model"), self.tr("The model could not be evaluated.") + "\n\n" + message)

    def _show(self, report, data) -> None:
        self.run_button.setEnabled(True)
        self.report = report
        self.summary.setText(self.tr("%1 on %2: accuracy %3% of %4 digits, loss %5, %6 mistakes")
                             .replace("%1", self.predictor.arch).replace("%2", report.data)
                             .replace("%3", f"{report.accuracy * 100:.2f}").replace("%4", str(report.count))
                             .replace("%5", f"{report.loss:.4f}").replace("%6", str(len(report.misclassified))))
        self.per_class.setRowCount(len(report.per_class))
        for r, c in enumerate(report.per_class):
            values = [str(c.digit), f"{c.precision:.4f}", f"{c.recall:.4f}", f"{c.f1:.4f}", str(c.support)]
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.per_class.setItem(r, col, item)
        self._fill_confusion(report.confusion)
        self._fill_errors(report, data)
        self.evaluated.emit(report)

    def _fill_confusion(self, confusion: list[list[int]]) -> None:
        self.confusion.setRowCount(10)
        self.confusion.setVerticalHeaderLabels([str(d) for d in range(10)])
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        biggest_error = max([v for t, row in enumerate(confusion) for p, v in enumerate(row) if t != p] or [1]) or 1
        for t, row in enumerate(confusion):
            for p, v in enumerate(row):
                item = QTableWidgetItem(str(v))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if t != p and v:
                    shade = QColor(highlight)
                    shade.setAlphaF(0.15 + 0.6 * v / biggest_error)  # errors stand out, in any theme
                    item.setBackground(shade)
                self.confusion.setItem(t, p, item)
        self.confusion.resizeColumnsToContents()

    def _fill_errors(self, report, data) -> None:
        self.errors.clear()
        for m in report.misclassified[:MAX_SHOWN_ERRORS]:
            image = data.images[m.index].numpy() / 255.0  # (28,28) uint8 -> float for display
            icon = QIcon(QPixmap.fromImage(gray_to_qimage(image)))
            item = QListWidgetItem(icon, f"{m.true}→{m.predicted}")
            item.setToolTip(self.tr("%1: true %2, predicted %3 (%4%)").replace("%1", m.source)
                            .replace("%2", str(m.true)).replace("%3", str(m.predicted))
                            .replace("%4", f"{m.confidence * 100:.0f}"))
            self.errors.addItem(item)

    def closeEvent(self, event) -> None:
        if self.is_running():
            self.thread.wait()
        super().closeEvent(event)

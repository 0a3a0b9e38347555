"""Model > Evaluate: the same report as `digitpad evaluate`, computed by a background job
(app.worker.Worker) through Predictor.evaluate: accuracy, per-class table, confusion
matrix, and the misclassified digits as images. Closing cancels the job and never waits
for it (app.dialogs.job_dialog)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from model.training.data import load_data

from .. import messages
from ..engine_text import classify_data_failure, data_name, failure_text
from ..prediction.charts import gray_to_qimage
from ..settings import Settings
from ..translations import fill
from .job_dialog import JobDialog

MAX_SHOWN_ERRORS = 300


def evaluation_job(predictor, folder: str | None):
    """The job for app.worker.Worker: reports (images done, total) after every batch; returns
    (EvalReport, [(28, 28) uint8 arrays of the first MAX_SHOWN_ERRORS mistakes]), or None
    when cancelled."""

    def job(report, cancel):
        data = load_data(folder, "test")
        if cancel.is_set():
            return None
        result = predictor.evaluate(data, cancel, progress=lambda done, total: report((done, total), done == total))
        if result is None:
            return None
        mistakes = [data.images[m.index].numpy() for m in result.misclassified[:MAX_SHOWN_ERRORS]]
        return result, mistakes

    return job


class EvaluateDialog(JobDialog):
    """Emits evaluated(EvalReport) when a report is shown."""

    evaluated = Signal(object)
    evaluationFailed = Signal(str)

    def __init__(self, predictor, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluateDialog")
        self.setWindowTitle(self.tr("Evaluate Model"))
        self.predictor, self.settings = predictor, settings
        self.report = None

        row = self._data_row(settings.data_folder)
        self.summary = QLabel(fill(self.tr("Model: %1"), predictor.arch), objectName="evalSummary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar(objectName="evalProgress", visible=False)  # shown while evaluating
        self.progress.setRange(0, 0)  # busy until the first batch says how many there are
        tabs = self._result_tabs()

        self.close_button = QPushButton(self.tr("Close"), objectName="closeButton", autoDefault=False)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(tabs, 1)
        layout.addLayout(buttons)
        self.resize(720, 560)

    def _data_row(self, folder: str) -> QHBoxLayout:
        """The test data folder (field and Browse) and the Evaluate button."""
        self.folder = QLineEdit(folder, objectName="evalDataEdit")
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
        return row

    def _result_tabs(self) -> QTabWidget:
        """The report's pages: the per-digit table, the confusion matrix, the mistakes as images."""
        self.per_class = self._table(["digit", "precision", "recall", "F1", "support"], "perClassTable")
        self.per_class.verticalHeader().setVisible(False)
        self.per_class.setHorizontalHeaderLabels(
            [self.tr("Digit"), self.tr("Precision"), self.tr("Recall"), "F1", self.tr("Support")]
        )
        self.confusion = self._table([str(d) for d in range(10)], "confusionTable")
        self.confusion.setToolTip(self.tr("Rows: true digit; columns: predicted digit"))
        self.confusion.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.errors = QListWidget(objectName="misclassifiedList")
        self.errors.setViewMode(QListView.ViewMode.IconMode)
        self.errors.setIconSize(QSize(56, 56))
        self.errors.setResizeMode(QListView.ResizeMode.Adjust)
        self.errors.setSpacing(4)
        tabs = QTabWidget()
        tabs.addTab(self.per_class, self.tr("Per digit"))
        tabs.addTab(self._confusion_page(), self.tr("Confusion matrix"))
        tabs.addTab(self.errors, self.tr("Mistakes"))
        return tabs

    def _confusion_page(self) -> QWidget:
        """The matrix with its axis titles: predicted digits across the top, true digits down."""
        page = QWidget()
        self.predicted_title = QLabel(self.tr("Predicted digit →"), objectName="confusionPredictedTitle")
        self.predicted_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.true_title = QLabel(self.tr("True\ndigit ↓"), objectName="confusionTrueTitle")
        self.true_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = QGridLayout(page)
        grid.addWidget(self.predicted_title, 0, 1)
        grid.addWidget(self.true_title, 1, 0)
        grid.addWidget(self.confusion, 1, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        return page

    @staticmethod
    def _table(headers: list[str], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headers), objectName=name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(False)  # the last column took five times the others' width
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # equal columns filling the table
        return table

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the test data folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def start(self) -> None:
        if self.is_running():
            return
        self.run_button.setEnabled(False)
        self.summary.setText(fill(self.tr("Evaluating %1 on the test images..."), self.predictor.arch))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.start_job(
            evaluation_job(self.predictor, self.folder.text().strip() or None),
            "digitpad-evaluation",
            self._on_progress,
            self._done,
            self._failed,
            classify_data_failure,
        )

    @Slot(object)
    def _on_progress(self, item) -> None:
        done, total = item
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(fill(self.tr("%1 of %2 images"), f"{done:,}", f"{total:,}"))

    def on_stopping(self) -> None:
        self.summary.setText(self.tr("Stopping..."))

    @Slot(object)
    def _done(self, result) -> None:
        self.run_button.setEnabled(True)
        self.progress.hide()
        if result is None:
            self.summary.setText(self.tr("Evaluation cancelled."))
            return
        self._show(*result)

    @Slot(str, str)
    def _failed(self, kind: str, message: str) -> None:
        self.run_button.setEnabled(True)
        self.progress.hide()
        self.summary.setText(self.tr("Evaluation failed."))
        self._clear_results()  # a failed run shows no earlier run's figures
        folder = self.folder.text().strip()
        text = self.tr("The model could not be evaluated.") + "\n\n" + failure_text(kind, folder, ("test",))
        self.evaluationFailed.emit(text)
        if not self.is_close_pending():  # the user asked to close: no box for a run they left
            messages.error(self, self.tr("Evaluate Model"), text, details=message)

    def _clear_results(self) -> None:
        self.report = None
        self.per_class.setRowCount(0)
        self.confusion.clearContents()
        self.errors.clear()

    def _show(self, report, mistakes) -> None:
        self.run_button.setEnabled(True)
        self.report = report
        self.summary.setText(
            fill(
                self.tr("%1 on %2: accuracy %3% of %4 digits, loss %5, %6 mistakes"),
                self.predictor.arch,
                data_name(report.data),
                f"{report.accuracy * 100:.2f}",
                str(report.count),
                f"{report.loss:.4f}",
                str(len(report.misclassified)),
            )
        )
        self.per_class.setRowCount(len(report.per_class))
        for r, c in enumerate(report.per_class):
            values = [str(c.digit), f"{c.precision:.4f}", f"{c.recall:.4f}", f"{c.f1:.4f}", str(c.support)]
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.per_class.setItem(r, col, item)
        self._fill_confusion(report.confusion)
        self._fill_errors(report, mistakes)
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

    def _fill_errors(self, report, mistakes) -> None:
        self.errors.clear()
        for m, pixels in zip(report.misclassified, mistakes):
            image = pixels / 255.0  # (28,28) uint8 -> float for display
            icon = QIcon(QPixmap.fromImage(gray_to_qimage(image)))
            item = QListWidgetItem(icon, f"{m.true}→{m.predicted}")
            item.setToolTip(
                fill(
                    self.tr("%1: true %2, predicted %3 (%4%)"),
                    m.source,
                    str(m.true),
                    str(m.predicted),
                    f"{m.confidence * 100:.0f}",
                )
            )
            self.errors.addItem(item)

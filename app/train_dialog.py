"""The Train Model dialog: settings, live progress and curves, the report, and the
choice to use and save the new model. Training runs in a background QThread."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QDialog, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from cli.report import format_report
from model.predictor import Predictor
from model.train import warm_up

from . import messages
from .charts import LinePlot
from .model_manager import ModelManager
from .settings import Settings
from .train_form import TrainForm
from .train_worker import TrainRunner


def format_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


class TrainDialog(QDialog):
    """Emits trainingFinished(TrainResult), trainingFailed(message) and modelSaved(path)."""

    trainingFinished = Signal(object)
    trainingFailed = Signal(str)
    modelSaved = Signal(str)

    def __init__(self, manager: ModelManager, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainDialog")
        self.setWindowTitle(self.tr("Train Model"))
        self.manager, self.settings = manager, settings
        self.runner: TrainRunner | None = None
        self._busy = False  # from Start until the result or the failure has arrived
        self.result = None
        self.saved_path: str | None = None
        self.warmed = warm_up()  # while the user reads the form, not while training

        self.form = TrainForm(settings)
        settings_box = QGroupBox(self.tr("Settings"))
        QVBoxLayout(settings_box).addWidget(self.form)

        self.progress = QProgressBar(objectName="trainProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Ready"))
        self.status = QLabel(self.tr("Choose the settings and press Start."), objectName="trainStatus")
        self.status.setWordWrap(True)
        self.loss_plot = LinePlot(self.tr("Loss"))
        self.acc_plot = LinePlot(self.tr("Accuracy"), (0.0, 1.0))
        pal = self.palette()
        test_color = Qt.GlobalColor.darkGreen if pal.color(QPalette.ColorRole.Base).lightness() > 128 else Qt.GlobalColor.green
        for plot in (self.loss_plot, self.acc_plot):  # smoothed per-batch train curve, test points per epoch
            plot.add_series(self.tr("train"), pal.color(QPalette.ColorRole.Highlight))
            plot.add_series(self.tr("test"), test_color, points=True)
        for plot in (self.loss_plot, self.acc_plot):
            plot.x_label = self.tr("epoch")
        plots = QHBoxLayout()
        plots.addWidget(self.loss_plot)
        plots.addWidget(self.acc_plot)
        self.report = QPlainTextEdit(objectName="trainReport", readOnly=True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setPlaceholderText(self.tr("The evaluation report on the test images appears here."))
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        self.start_button = QPushButton(self.tr("Start"), objectName="startButton", default=True)
        self.cancel_button = QPushButton(self.tr("Cancel Training"), objectName="cancelButton", enabled=False)
        self.use_button = QPushButton(self.tr("Save and Use"), objectName="useButton", enabled=False)
        self.use_button.setToolTip(self.tr("Save the new model to your models folder and recognize with it"))
        self.save_button = QPushButton(self.tr("Save Only"), objectName="saveButton", enabled=False)
        self.save_button.setToolTip(self.tr("Save the new model; load it later from Model > Saved Models"))
        self.close_button = QPushButton(self.tr("Close"), objectName="closeButton")
        self.start_button.clicked.connect(self.start_training)
        self.cancel_button.clicked.connect(self.cancel_training)
        self.use_button.clicked.connect(lambda: self.keep_model(activate=True))
        self.save_button.clicked.connect(lambda: self.keep_model(activate=False))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.use_button, self.save_button, self.close_button):
            buttons.addWidget(b)

        right = QVBoxLayout()
        right.addWidget(self.progress)
        right.addWidget(self.status)
        right.addLayout(plots, 2)
        right.addWidget(self.report, 1)
        top = QHBoxLayout()
        top.addWidget(settings_box)
        top.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(buttons)
        self.resize(980, 600)

    # -- running -------------------------------------------------------------
    def is_running(self) -> bool:
        return self._busy

    def start_training(self) -> bool:
        if self.is_running():
            return False
        problem = self.form.folder_problem()  # what is missing, in the user's words (no command-line flags)
        if problem:
            self.form.update_folder_note()
            self._fail(problem)
            return False
        try:
            config = self.form.config()
        except ValueError as exc:
            self._fail(str(exc))
            return False
        self.form.save_settings()
        if self.runner is not None:
            self.runner.wait()  # the last run's thread is past its last signal: ends at once
        self.result, self.saved_path = None, None
        for plot in (self.loss_plot, self.acc_plot):
            plot.clear()
            plot.x_range = (0, config.epochs)
        self.report.clear()
        self.runner = TrainRunner(config, self)
        w = self.runner.worker
        w.batchProgress.connect(self._on_batch)
        w.epochDone.connect(self._on_epoch)
        w.finished.connect(self._on_finished)
        w.failed.connect(self._on_failed)
        self._set_running(True)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Loading data..."))
        self.status.setText(self.tr("Training %1 on %2 thread(s)...").replace("%1", config.arch).replace("%2", str(config.threads)))
        self.runner.start()
        return True

    def cancel_training(self) -> None:
        if self.is_running():
            self.runner.cancel()
            self.cancel_button.setEnabled(False)
            self.progress.setFormat(self.tr("Stopping..."))

    def _set_running(self, running: bool) -> None:
        self._busy = running
        self.form.setEnabled(not running)
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.use_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def _on_batch(self, p) -> None:
        self.progress.setValue(int(p.fraction * 1000))
        self.progress.setFormat(self.tr("Epoch %1/%2: %p% (ETA %3)")
                                .replace("%1", str(p.epoch)).replace("%2", str(p.epochs))
                                .replace("%3", format_duration(p.eta_seconds)))
        self.status.setText(self.tr("Loss %1, accuracy %2%, %3 images/s")
                            .replace("%1", f"{p.loss:.4f}").replace("%2", f"{p.accuracy * 100:.1f}")
                            .replace("%3", f"{p.images_per_sec:,.0f}"))
        x = p.epoch - 1 + p.batch / p.batches
        self.loss_plot.add_point(self.tr("train"), x, p.smooth_loss)  # EMA over batches, no label smoothing
        self.acc_plot.add_point(self.tr("train"), x, p.smooth_accuracy)

    def _on_epoch(self, r) -> None:
        self.loss_plot.add_point(self.tr("test"), r.epoch, r.test_loss)
        self.acc_plot.add_point(self.tr("test"), r.epoch, r.test_accuracy)

    def _on_finished(self, result) -> None:
        self._set_running(False)
        self.result = result
        if result.cancelled:
            self.progress.setFormat(self.tr("Cancelled"))
            self.status.setText(self.tr("Training was cancelled; the active model is unchanged."))
            self.result = None
        else:
            self.progress.setValue(1000)
            acc = result.report.accuracy if result.report else float("nan")
            self.progress.setFormat(self.tr("Done"))
            self.status.setText(self.tr("Finished in %1: test accuracy %2%. Save the model to keep it.")
                                .replace("%1", format_duration(result.seconds)).replace("%2", f"{acc * 100:.2f}"))
            if result.report:
                self.report.setPlainText(format_report(result.report))
            self.use_button.setEnabled(True)
            self.save_button.setEnabled(True)
            self.use_button.setFocus()
        self.trainingFinished.emit(result)

    def _on_failed(self, kind: str, message: str) -> None:
        self._set_running(False)
        self.progress.setFormat(self.tr("Failed"))
        titles = {
            "data": self.tr("The training data could not be read."),
            "training": self.tr("Training stopped: the model did not learn."),
            "memory": self.tr("Training ran out of memory. Try a smaller batch size or a smaller network."),
            "config": self.tr("These settings cannot be used."),
        }
        text = titles.get(kind, self.tr("Training failed."))
        self.status.setText(text + " " + self.tr("The active model is unchanged."))
        self._fail(text + ("\n\n" + message if message else ""))

    def _fail(self, text: str) -> None:
        self.trainingFailed.emit(text)
        messages.error(self, self.tr("Train Model"), text)

    # -- keeping the result --------------------------------------------------
    def keep_model(self, activate: bool) -> str | None:
        """Save the trained model to the models folder (atomically), and maybe make it active."""
        if self.result is None:
            return None
        if self.saved_path is None:
            arch = self.result.checkpoint["arch"]
            name = messages.ask_text(self, self.tr("Save Model"), self.tr("Name of the new model:"), self.manager.default_name(arch))
            if name is None:
                return None  # cancelled: nothing saved, the buttons stay
            try:
                self.saved_path = str(self.manager.save_trained(self.result.checkpoint, arch, name.strip() or None))
            except (OSError, ValueError) as exc:
                messages.error(self, self.tr("Save Model"), self.tr("The model could not be saved: %1").replace("%1", str(exc)))
                return None
            self.modelSaved.emit(self.saved_path)
        if activate:
            self.manager.set_predictor(Predictor.load(self.saved_path), remember=self.saved_path)
            self.status.setText(self.tr("Saved as %1; it is now the active model.").replace("%1", self.saved_path))
        else:
            self.status.setText(self.tr("Saved as %1.").replace("%1", self.saved_path))
        self.save_button.setEnabled(False)
        self.use_button.setEnabled(not activate)
        return self.saved_path

    def closeEvent(self, event) -> None:
        if self.is_running():
            if not messages.ask(self, self.tr("Train Model"), self.tr("Stop the training and close?")):
                event.ignore()
                return
            self.runner.cancel()
            self.runner.wait()
            self._busy = False
        elif self.result is not None and self.saved_path is None:
            if not messages.ask(self, self.tr("Train Model"), self.tr("Close without saving the new model?")):
                event.ignore()
                return
        if self.runner is not None:
            self.runner.wait()
        self.form.save_settings()
        super().closeEvent(event)

    def reject(self) -> None:  # Esc goes through closeEvent's questions
        self.close()

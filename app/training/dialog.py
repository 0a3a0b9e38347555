"""The Train Model dialog: settings (app/training/form.py), live progress and curves, the
report, and the choice to use and save the new model. The job (app/training/job.py) runs
through app.worker.Worker; closing never waits for it (app.dialogs.job_dialog)."""

from __future__ import annotations

import math

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.training.train import BatchProgress, EpochResult, warm_up

from .. import messages
from ..dialogs.job_dialog import JobDialog
from ..engine_text import error_text, report_text
from ..models.model_loading import load_usable
from ..models.model_manager import ModelManager
from ..settings import Settings
from ..translations import fill
from .curves import TrainingCurves
from .form import TrainForm
from .job import classify_training_failure, format_duration, training_job


class TrainDialog(JobDialog):
    """Emits trainingFinished(TrainResult), trainingFailed(message) and modelSaved(path)."""

    trainingFinished = Signal(object)
    trainingFailed = Signal(str)
    modelSaved = Signal(str)

    def __init__(self, manager: ModelManager, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainDialog")
        self.setWindowTitle(self.tr("Train Model"))
        self.manager, self.settings = manager, settings
        self.result = None
        self.saved_path: str | None = None
        self.warmed = warm_up()  # while the user reads the form, not while training

        self.form = TrainForm(settings)
        self.form.folder.downloadStopped.connect(self.job_stopped)  # closing waits for a download too
        settings_box = QGroupBox(self.tr("Settings"))
        QVBoxLayout(settings_box).addWidget(self.form)
        right = self._run_view(settings)
        top = QHBoxLayout()
        top.addWidget(settings_box)
        top.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(self._buttons())
        self.resize(980, 600)

    def _run_view(self, settings: Settings) -> QVBoxLayout:
        """The run as it goes: progress bar, status line, the curves, the test report."""
        self.progress = QProgressBar(objectName="trainProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Ready"))
        self.status = QLabel(self.tr("Choose the settings and press Start."), objectName="trainStatus")
        self.status.setWordWrap(True)
        if settings.problems:  # bad remembered values the form just read (and reset): told once
            self.status.setText(
                fill(self.tr("These settings could not be used and were reset: %1"), "; ".join(settings.problems))
            )
            settings.problems.clear()
        self.curves = TrainingCurves()
        self.report = QPlainTextEdit(objectName="trainReport", readOnly=True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setPlaceholderText(self.tr("The evaluation report on the test images appears here."))
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        column = QVBoxLayout()
        column.addWidget(self.progress)
        column.addWidget(self.status)
        column.addWidget(self.curves, 2)
        column.addWidget(self.report, 1)
        return column

    def _buttons(self) -> QHBoxLayout:
        """Start and Cancel on the left; Save and Use, Save Only and Close on the right."""
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
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.use_button, self.save_button, self.close_button):
            buttons.addWidget(b)
        return buttons

    # -- running -------------------------------------------------------------
    def start_training(self) -> bool:
        """Start a run with the form's settings; False if it did not start (running already,
        bad settings, or the user kept an unsaved model rather than lose it)."""
        if super().is_running():  # a training (a download is told by folder_problem below)
            return False
        question = self.unsaved_question(self.tr("Start a new training without saving the new model?"))
        if question and not messages.ask(self, self.windowTitle(), question):
            return False  # the unsaved model and its buttons stay
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
        self.result, self.saved_path = None, None
        self._epochs = config.epochs
        self.curves.start(config.epochs)
        self.report.clear()
        self.start_job(
            training_job(config),
            "digitpad-training",
            self._on_progress,
            self._on_finished,
            self._on_failed,
            classify_training_failure,
        )
        self._set_running(True)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Loading data..."))
        self.status.setText(fill(self.tr("Training %1 on %2 thread(s)..."), config.arch, str(config.threads)))
        return True

    def cancel_training(self) -> None:
        self.cancel_job()

    def is_running(self) -> bool:
        """A training or a download of MNIST runs (closing asks, and waits for either)."""
        return super().is_running() or self.form.folder.is_downloading()

    def cancel_job(self) -> None:
        self.form.folder.cancel_download()
        super().cancel_job()

    def on_stopping(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress.setFormat(self.tr("Stopping..."))

    @Slot(object)
    def _on_progress(self, p) -> None:
        if isinstance(p, BatchProgress):
            self._on_batch(p)
        elif isinstance(p, EpochResult):
            self._on_epoch(p)

    def _set_running(self, running: bool) -> None:
        self.form.setEnabled(not running)
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.use_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def _on_batch(self, p) -> None:
        self.progress.setValue(int(p.fraction * 1000))
        self.progress.setFormat(
            fill(
                self.tr("Epoch %1 of %2 · %p% of the run (ETA %3)"),
                str(p.epoch),
                str(p.epochs),
                format_duration(p.eta_seconds),
            )
        )
        smoothed = math.isfinite(p.smooth_loss)  # EMA over batches without label smoothing, where the engine has it
        loss, accuracy = (p.smooth_loss, p.smooth_accuracy) if smoothed else (p.loss, p.accuracy)
        # the same figures as the curves' "train" line and legend (a newcomer saw two different losses)
        self.status.setText(
            fill(
                self.tr("Train loss %1, accuracy %2%, %3 images/s"),
                f"{loss:.4f}",
                f"{accuracy * 100:.1f}",
                f"{p.images_per_sec:,.0f}",
            )
        )
        self.curves.add_batch(p.epoch - 1 + p.batch / p.batches, loss, accuracy)

    def _on_epoch(self, r) -> None:
        self.curves.add_epoch(r.epoch, r.test_loss, r.test_accuracy)

    @Slot(object)
    def _on_finished(self, result) -> None:
        self._set_running(False)
        self.result = result
        if result.cancelled and not result.history:
            self.progress.setFormat(self.tr("Cancelled"))
            self.status.setText(self.tr("Training was cancelled; the active model is unchanged."))
            self.result = None
        elif result.cancelled:  # the model as of its last finished epoch (training_job)
            self.progress.setFormat(self.tr("Cancelled"))
            self.status.setText(
                fill(
                    self.tr("Cancelled after %1 of %2 epochs: test accuracy %3%. Save the model to keep it."),
                    str(len(result.history)),
                    str(self._epochs),
                    f"{result.history[-1].test_accuracy * 100:.2f}",
                )
            )
            self._offer_result(result)
        else:
            self.progress.setValue(1000)
            acc = result.report.accuracy if result.report else float("nan")
            self.progress.setFormat(self.tr("Done"))
            self.status.setText(
                fill(
                    self.tr("Finished in %1: test accuracy %2%. Save the model to keep it."),
                    format_duration(result.seconds),
                    f"{acc * 100:.2f}",
                )
            )
            self._offer_result(result)
        self.trainingFinished.emit(result)

    def _offer_result(self, result) -> None:
        """Show the run's report and offer to save or use its model."""
        if result.report:
            self.report.setPlainText(report_text(result.report))
        self.use_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.use_button.setFocus()

    @Slot(str, str)
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
        self._fail(text, message)  # the engine's English message: the details

    def _fail(self, text: str, details: str = "") -> None:
        self.trainingFailed.emit(text + ("\n\n" + details if details else ""))
        if not self.is_close_pending():  # the user asked to close: no box for a run they left
            messages.error(self, self.tr("Train Model"), text, details)

    # -- keeping the result --------------------------------------------------
    def keep_model(self, activate: bool) -> str | None:
        """Save the trained model to the models folder (atomically), and maybe make it active."""
        if self.result is None:
            return None
        if self.saved_path is None:
            arch = self.result.checkpoint["arch"]
            name = messages.ask_text(
                self, self.tr("Save Model"), self.tr("Name of the new model:"), self.manager.default_name(arch)
            )
            if name is None:
                return None  # cancelled: nothing saved, the buttons stay
            try:
                self.saved_path = str(self.manager.save_trained(self.result.checkpoint, arch, name.strip() or None))
            except Exception as exc:  # OSError, ValueError (a bad name), or torch's RuntimeError for a failed write
                reason = (
                    error_text(exc)
                    if isinstance(exc, (ValueError, OSError))
                    else self.tr("Writing the file failed (is the disk full?)")  # torch's own cryptic write errors
                )
                messages.error(
                    self, self.tr("Save Model"), fill(self.tr("The model could not be saved: %1"), reason), str(exc)
                )
                return None
            self.modelSaved.emit(self.saved_path)
        if activate:
            try:
                predictor = load_usable(self.saved_path)
            except ValueError as exc:
                messages.error(
                    self,
                    self.tr("Load Model"),
                    self.tr("The new model could not be loaded.") + "\n\n" + error_text(exc),
                    str(exc),
                )
                return None
            self.manager.set_predictor(predictor, remember=self.saved_path)
            self.status.setText(fill(self.tr("Saved as %1; it is now the active model."), self.saved_path))
        else:
            self.status.setText(fill(self.tr("Saved as %1."), self.saved_path))
        self.save_button.setEnabled(False)
        self.use_button.setEnabled(not activate)
        return self.saved_path

    # -- closing (app.dialogs.job_dialog: never waits for the training thread) ---
    def stop_question(self) -> str:
        if self.form.folder.is_downloading() and not super().is_running():
            return self.tr("Stop the download and close? The files downloaded so far are kept.")
        return self.tr("Stop the training and close? The model trained so far is not kept.")

    def unsaved_question(self, question: str) -> str:
        """`question` if a trained model would be lost (not saved yet), else ""."""
        return question if self.result is not None and self.saved_path is None else ""

    def discard_question(self) -> str:
        return self.unsaved_question(self.tr("Close without saving the new model?"))

    def before_close(self) -> None:
        self.form.save_settings()

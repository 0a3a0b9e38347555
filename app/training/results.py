"""The Train Model dialog's results: the run as it goes (progress bar, status line, loss and
accuracy curves) and as it ended (the test report, Save and Use / Save Only). A mixin of
TrainDialog (app/training/dialog.py): it works on the dialog's buttons, manager, result and
saved_path, and emits its trainingFinished and modelSaved signals.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QProgressBar, QVBoxLayout

from model.training.train import BatchProgress, EpochResult

from .. import messages
from ..engine_text import error_text, report_text
from ..models.model_loading import load_usable
from ..settings import Settings
from ..translations import fill
from .curves import TrainingCurves
from .job import format_duration


class TrainResults:
    """The run's progress and outcome, and keeping its model, for TrainDialog."""

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

    @Slot(object)
    def _on_progress(self, p) -> None:
        if isinstance(p, BatchProgress):
            self._on_batch(p)
        elif isinstance(p, EpochResult):
            self._on_epoch(p)

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

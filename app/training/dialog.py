"""The Train Model dialog: settings (app/training/form.py), the run's progress, curves and
report and the choice to use and save the new model (app/training/results.py, a mixin of
the dialog), Start and Cancel. The job (app/training/job.py) runs through
app.worker.Worker; closing never waits for it (app.dialogs.job_dialog)."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from model.training.train import warm_up

from .. import messages
from ..dialogs.job_dialog import JobDialog
from ..models.model_manager import ModelManager
from ..settings import Settings
from ..translations import fill
from .form import TrainForm
from .job import classify_training_failure, training_job
from .results import TrainResults


class TrainDialog(TrainResults, JobDialog):
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

    def _set_running(self, running: bool) -> None:
        self.form.setEnabled(not running)
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.use_button.setEnabled(False)
        self.save_button.setEnabled(False)

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

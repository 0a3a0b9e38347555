"""Adapt to My Handwriting: fine-tune the active model on the kept drawings, in the background.

The work runs in app.worker.Worker through app.dialogs.job_dialog.JobDialog (the window stays
responsive; Esc, Close, the title bar and quitting the app ask before stopping a running
adaptation, as the Train dialog does, and never wait for it); the dialog shows the
progress, can cancel, and at the end shows the accuracy on the user's own drawings
before and after (cross-validated by model.adaptation.adapt) and offers to make the adapted model
active. The adapted model is saved atomically into the user's models folder by the job.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout

from model.adaptation.adapt import AdaptConfig, adapt
from model.adaptation.adapt_config import PREPARING
from model.checkpoints.checkpoint import save_checkpoint
from model.paths import models_dir
from model.pen.samples import SampleStore
from model.training.train import warm_up

from .. import messages
from ..dialogs.job_dialog import JobDialog
from ..engine_text import error_text, failure_text
from ..translations import fill

PERCENT = 1000  # progress bar resolution


def adapted_model_path(arch: str) -> Path:
    """A fresh, dated file name in the user's models folder."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path, n = models_dir() / f"{arch}-adapted-{stamp}.pt", 2
    while path.exists():
        path, n = models_dir() / f"{arch}-adapted-{stamp}-{n}.pt", n + 1
    return path


class AdaptDialog(JobDialog):
    def __init__(self, manager, store: SampleStore, parent=None, config: AdaptConfig | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adaptDialog")
        self.setWindowTitle(self.tr("Adapt to My Handwriting"))
        self.manager, self.store = manager, store
        self.config = config or AdaptConfig()
        self.saved_path: Path | None = None
        self.result = None
        self.warmed = warm_up()  # torch's lazy imports, while the user reads the dialog, not while adapting
        self.status = QLabel(objectName="adaptStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar(objectName="adaptProgress")
        self.progress.setRange(0, PERCENT)
        self.start_button = QPushButton(self.tr("&Adapt"), objectName="adaptStart")
        self.cancel_button = QPushButton(self.tr("&Cancel"), objectName="adaptCancel")
        self.use_button = QPushButton(self.tr("&Use the Adapted Model"), objectName="adaptUse")
        self.close_button = QPushButton(self.tr("Close"), objectName="adaptClose")
        buttons = QHBoxLayout()
        for b in (self.start_button, self.cancel_button, self.use_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.use_button.clicked.connect(self.use_adapted)
        self.close_button.clicked.connect(self.reject)
        self.resize(460, 180)
        self._idle()

    def _idle(self) -> None:
        count = sum(self.store.counts())  # kept up to date by the store: no reading of 20,000 drawings here
        text = fill(
            self.tr(
                "%1 drawings kept. Adapting fine-tunes the active model on them (usually well under a minute), "
                "mixed with general digits so that nothing else is forgotten."
            ),
            str(count),
        )
        self.status.setText(text)
        self.start_button.setEnabled(count >= 2)
        self.cancel_button.setEnabled(False)
        self.use_button.setVisible(False)

    def start(self) -> None:
        store, count = self.store, sum(self.store.counts())
        predictor = self.manager.predictor
        base, name = predictor.loaded.raw, Path(predictor.path).name if predictor.path else "model"
        trajectory = predictor.trajectory  # the one that reads ink beside it: adapted too, carried in the file
        config = self.config

        def job(report, cancel):
            samples = store.load()  # in the job's thread: 20,000 drawings take seconds to read
            inks, labels = [s.strokes for s in samples], [s.label for s in samples]
            result = adapt(base, inks, labels, config, report, cancel, base_name=name, trajectory=trajectory)
            path = None if result.cancelled else save_checkpoint(result.checkpoint, adapted_model_path(base["arch"]))
            return result, path

        worker = self.start_job(job, "digitpad-adapt", self._progress, self._finished, self._failed)
        worker.stopped.connect(self._stopped)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.use_button.setVisible(False)
        self.progress.setValue(0)
        self.status.setText(fill(self.tr("Adapting to %1 drawings..."), str(count)))

    def cancel(self) -> None:
        self.cancel_job()

    def on_stopping(self) -> None:
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Stopping..."))

    def _progress(self, p) -> None:
        self.progress.setValue(int(p.fraction * PERCENT))
        if p.stage == PREPARING:
            self.status.setText(fill(self.tr("Preparing your drawings: %1 of %2"), str(p.step), str(p.steps)))
            return
        self.status.setText(fill(self.tr("Adapting: %1, step %2 of %3"), p.stage, str(p.step), str(p.steps)))

    def _finished(self, outcome) -> None:
        result, path = outcome
        self.result, self.saved_path = result, path
        if result.cancelled:
            self.status.setText(self.tr("Stopped. Nothing was saved; the active model is unchanged."))
            return
        self.progress.setValue(PERCENT)
        self.manager.savedModelsChanged.emit()
        text = fill(self.tr("Done in %1 s. Saved as %2."), f"{result.seconds:.0f}", path.name)
        if result.before is not None and result.after is not None:
            text += "\n" + fill(
                self.tr("On your own digits (each scored by a model that had not seen it): %1% before, %2% after."),
                f"{result.before * 100:.0f}",
                f"{result.after * 100:.0f}",
            )
        self.status.setText(text + "\n" + self.tr("Make the adapted model the active one?"))
        self.use_button.setVisible(True)

    def _failed(self, kind: str, message: str) -> None:
        text = self.tr("Adapting failed; the active model is unchanged.")
        self.status.setText(text)
        if not self.is_close_pending():  # the user asked to close: no box for a run they left
            # the engine's English message is the details (nc3: the Chinese box showed only English)
            messages.error(self, self.tr("Adapt to My Handwriting"), text + "\n\n" + failure_text(kind), message)

    def _stopped(self) -> None:
        self.cancel_button.setEnabled(False)
        self.start_button.setEnabled(sum(self.store.counts()) >= 2)

    def use_adapted(self) -> None:
        if self.saved_path is None:
            return
        try:
            self.manager.load(self.saved_path)
        except (ValueError, OSError) as exc:
            text = self.tr("The adapted model could not be loaded.") + "\n\n" + error_text(exc)
            messages.error(self, self.tr("Load Model"), text, str(exc))
            return
        self.use_button.setVisible(False)
        self.status.setText(fill(self.tr("Now recognizing with the adapted model %1."), self.saved_path.name))
        self.manager.modelChanged.connect(self._model_changed)

    def _model_changed(self, predictor) -> None:
        """Another model became active (the adapted one was reset, replaced or deleted): the
        status no longer claims it is in use."""
        path = getattr(predictor, "path", None)
        if self.saved_path is None or (path is not None and Path(path) == self.saved_path):
            return
        self.manager.modelChanged.disconnect(self._model_changed)
        self.status.setText(fill(self.tr("The adapted model %1 is no longer in use."), self.saved_path.name))
        self.use_button.setVisible(self.saved_path.is_file())

    # -- closing (app.dialogs.job_dialog: asks, never waits for the adaptation) --------
    def stop_question(self) -> str:
        return self.tr("Stop adapting and close? Nothing is saved and the active model stays as it is.")

"""The main window's model commands and model status: the status bar's model label, the
NumPy bridge handing over to torch at start-up, a model that could not be loaded, Model >
Load / Reset, and the Train and Evaluate dialogs. A mixin of MainWindow
(app/window/main_window.py): it works on the window's manager, recognizer, panel, controls,
status bar and settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from .. import messages
from ..engine_text import error_text
from ..translations import fill


class WindowModels:
    """The Model menu's commands and the model label, for MainWindow (which sets _had_model,
    _bridge, train_dialog and evaluate_dialog before calling _model_changed)."""

    def _model_changed(self, predictor, announce: bool = True) -> None:
        previous = self.recognizer.predictor  # the NumPy bridge's, at start-up
        self.recognizer.set_predictor(predictor)
        self.controls.update_enabled()
        self.controls.update_model_actions()
        if predictor is None:  # start-up: torch and the model load in the background
            self.model_label.setText(self.tr("Loading the model..."))
            self.panel.confidence.setText(
                self.tr("Loading the model... Draw already: the digit is recognized in a moment.")
            )
            return
        self._show_model(predictor)
        if announce and self._is_news(previous, predictor):
            self.statusBar().showMessage(fill(self.tr("Now recognizing with %1"), predictor.arch), 5000)
        self._had_model = True

    def _is_news(self, previous, predictor) -> bool:
        """Whether "Now recognizing with ..." is worth saying: when another model becomes
        active, not when torch takes over the model the NumPy bridge was reading already (the
        same file: nothing changes for the user); at start-up without the bridge, only for a
        saved model (the bundled one is what the model label said was loading)."""
        if previous is None and not self._had_model:  # start-up, and the bridge did not read it
            return not self.manager.is_bundled(predictor)
        bridge, self._bridge = self._bridge, None
        return previous is None or previous is not bridge or not _same_model(bridge, predictor, self.manager.is_bundled)

    def _bridge_ready(self, bridge) -> None:
        """The NumPy bridge (ModelManager.bridgeReady) reads drawings until the torch model is
        ready; the label names the model it reads, as it will once torch has it."""
        if self.manager.predictor is not None:  # torch came first: nothing to bridge
            return
        self.recognizer.set_predictor(bridge)
        self._show_model(bridge)
        self._had_model = True
        self._bridge = bridge

    def _show_model(self, model) -> None:
        """The status bar's model label: architecture, bundled or file name, test accuracy."""
        acc = model.metrics.get("test_accuracy")
        where = self.tr("bundled") if self.manager.is_bundled(model) else Path(model.path).name
        text = fill(self.tr("Model: %1 (%2)"), model.arch, where)
        if isinstance(acc, (int, float)):
            text += " · " + fill(self.tr("test accuracy %1%"), f"{acc * 100:.2f}")
        self.model_label.setText(text)
        self.model_label.setToolTip(str(model.path or ""))

    def _fell_back(self, reason: str, named: bool) -> None:
        """A model could not be loaded: said in a message box when the user named it (--model),
        in the status bar when it was the one remembered from the last run. The engine's
        English reason is the box's details (the log has it too)."""
        if named:
            text = self.tr("The model given with --model could not be loaded. DigitPad uses its bundled model.")
            messages.error(self, "DigitPad", text, reason)
            return
        self.statusBar().showMessage(self.tr("The last model could not be loaded; using the bundled one."), 15000)

    def _load_failed(self, message: str) -> None:
        if self.recognizer.predictor is not None:  # the NumPy bridge read the ink meanwhile
            self.recognizer.forget()
            self.panel.show_prediction(None)
        self.model_label.setText(self.tr("No model"))
        messages.error(
            self, "DigitPad", self.tr("DigitPad cannot recognize: the model is missing or damaged.") + "\n\n" + message
        )

    def _after_loading(self, key: str, callback) -> bool:
        """Run callback now if the engine is loaded, else once it is (with a note in the status bar)."""
        if self.manager.when_engine_ready(key, callback):
            return True
        self.statusBar().showMessage(self.tr("Loading the model... this opens in a moment."), 5000)
        return False

    def load_model_file(self, path: str) -> bool:
        if not self._after_loading("load", lambda: self.load_model_file(path)):
            return False
        try:
            self.manager.load(path)
        except (ValueError, OSError) as exc:  # the reason in the user's words; the engine's English: details
            text = fill(self.tr("The model %1 could not be loaded; the current model stays."), Path(path).name)
            text += "\n\n" + error_text(exc)
            messages.error(self, self.tr("Load Model"), text, str(exc))
            return False
        return True

    def choose_model_file(self) -> None:
        from model.paths import models_dir

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Load Model"), str(models_dir()), self.tr("DigitPad models (*.pt)")
        )
        if path:
            self.load_model_file(path)

    def reset_model(self) -> None:
        if not self._after_loading("reset", self.reset_model):
            return
        try:
            self.manager.reset_to_bundled()
        except (ValueError, OSError) as exc:
            text = self.tr("The bundled model could not be loaded; the current model stays.") + "\n\n" + error_text(exc)
            messages.error(self, self.tr("Load Model"), text, str(exc))

    def open_train_dialog(self):
        if not self._after_loading("train", self.open_train_dialog):
            return None  # torch's modules are imported by the start-up thread only
        from ..training.dialog import TrainDialog

        if self.train_dialog is None:
            self.train_dialog = self._adopt(TrainDialog(self.manager, self.settings, self))
        return self.train_dialog.bring_up()

    def open_evaluate_dialog(self, start: bool = True):
        if not self._after_loading("evaluate", lambda: self.open_evaluate_dialog(start)):
            return None
        from ..dialogs.evaluate_dialog import EvaluateDialog

        old = self.evaluate_dialog
        if old is not None and old.is_running():
            return old.bring_up()
        if old is not None:  # one Evaluate dialog at a time, for the active model
            old.close()
            old.deleteLater()
        self.evaluate_dialog = self._adopt(EvaluateDialog(self.manager.predictor, self.settings, self))
        self.evaluate_dialog.show()
        if start:
            self.evaluate_dialog.start()
        return self.evaluate_dialog


def _same_model(a, b, is_bundled) -> bool:
    """Whether two loaded models (a Predictor, the NumPy bridge) were read from one file."""
    if is_bundled(a) or is_bundled(b):
        return is_bundled(a) and is_bundled(b)
    return Path(a.path).resolve() == Path(b.path).resolve()

"""The main window: canvas and prediction panel side by side, wired to the ink model,
the recognizer and the model manager. Menus and the toolbar live in app/window/actions.py;
opening images and saving the drawing in app/window/window_images.py (a mixin of the window)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from .. import messages
from ..dialogs.job_dialog import JobDialog
from ..drawing.canvas import InkCanvas
from ..drawing.ink_model import InkModel
from ..drawing.recognizer import Recognizer
from ..engine_text import error_text
from ..models.model_manager import ModelManager
from ..my_handwriting.handwriting import Handwriting
from ..prediction.prediction_panel import COPIED_AS_WRITTEN, PredictionPanel
from ..settings import WINDOW_GEOMETRY, WINDOW_STATE, Settings
from ..translations import fill
from .actions import Actions
from .window_images import WindowImages

MINIMUM_SIZE = (640, 420)  # the window's smallest size, unless its layout needs more


class MainWindow(WindowImages, QMainWindow):
    """Emits languageChosen(locale) so the app can rebuild the window in another language."""

    languageChosen = Signal(str)

    def __init__(self, manager: ModelManager, settings: Settings, ink: InkModel | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("DigitPad")
        self.settings, self.manager = settings, manager
        self.ink = ink or InkModel(self)
        # Owned by this window (a new language's window takes them over): a parentless QObject
        # is destroyed by Python's garbage collector, in whichever thread it runs, and a
        # QObject destroyed outside the GUI thread leaves its timers behind (a crash later).
        manager.setParent(self)
        self.ink.setParent(self)
        self.canvas = InkCanvas(self.ink)
        self.panel = PredictionPanel()
        self.recognizer = Recognizer(self.ink, manager.predictor, self)
        self.train_dialog = None
        self.evaluate_dialog = None
        self._close_pending = False  # closing, waiting for background jobs to stop
        self._had_model = False  # a model (torch's or the bridge's) has been shown
        self._bridge = None  # the NumPy bridge while it reads drawings (start-up)
        self.startup_notes: list[str] = []  # what fell back at start (create_window)

        self._build_central()
        self.model_label = QLabel(objectName="modelStatus")
        self.statusBar().addPermanentWidget(self.model_label)
        self.controls = Actions(self)  # actions, menus, toolbar and pen-width slider (app/window/actions.py)
        self.handwriting = Handwriting(self)  # Correct / Keep as Example / My Handwriting / Adapt
        self.handwriting.install(self.controls.model_menu)
        self._wire()
        self._restore()
        self._model_changed(manager.predictor, announce=False)
        self.controls.update_enabled()
        # the layout's own minimum (the panel with all it can show), never below MINIMUM_SIZE
        self.setMinimumSize(self.minimumSizeHint().expandedTo(QSize(*MINIMUM_SIZE)))

    def _build_central(self) -> None:
        """The canvas and the prediction panel side by side, in a splitter with margins."""
        central = QSplitter()  # the user can give the canvas more room (long numbers)
        central.setObjectName("mainSplitter")
        central.setChildrenCollapsible(False)
        central.addWidget(self.canvas)
        central.addWidget(self.panel)
        central.setStretchFactor(0, 3)
        central.setStretchFactor(1, 1)
        frame = QWidget()  # the margins in a layout: QSplitter's minimum size leaves out its own
        QVBoxLayout(frame).addWidget(central)
        frame.layout().setContentsMargins(9, 9, 9, 9)
        self.setCentralWidget(frame)
        QWidget.setTabOrder(self.canvas, self.panel.digit)  # Tab: the canvas, then the result panel

    def _wire(self) -> None:
        """The window only wires: recognizer, canvas, panel, ink, manager and controls."""
        self.recognizer.predicted.connect(self.panel.show_prediction)
        self._init_images()  # opening images, dropping, pasting, saving the drawing (app/window/window_images.py)
        self.recognizer.number.connect(self._show_number)
        self.recognizer.selected.connect(self.canvas.set_selected)
        self.recognizer.selected.connect(self.panel.show_selection)
        self.canvas.characterTapped.connect(self.recognizer.select_at)
        self.canvas.digitStepRequested.connect(self.recognizer.select_step)
        self.canvas.copyRequested.connect(self.copy_number)
        self.panel.copyRequested.connect(self.copy_number)
        self.ink.undoStateChanged.connect(self.controls.update_enabled)
        self.ink.inkChanged.connect(self.controls.update_enabled)
        self.manager.modelChanged.connect(self._model_changed)
        self.manager.bridgeReady.connect(self._bridge_ready)
        self.manager.savedModelsChanged.connect(self.controls.fill_saved_models)
        self.manager.fellBack.connect(self._fell_back)
        self.manager.loadFailed.connect(self._load_failed)
        self.controls.pen_width.valueChanged.connect(self._pen_width_changed)

    # -- settings ------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 620)
        state = self.settings.get(WINDOW_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        self.controls.pen_width.setValue(self.settings.pen_width)
        self.canvas.set_pen_width(self.controls.pen_width.value())

    def save_settings(self) -> None:
        self.settings.put(WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.put(WINDOW_STATE, self.saveState())
        self.settings.pen_width = self.controls.pen_width.value()
        self.settings.sync()

    def _pen_width_changed(self, value: int) -> None:
        self.canvas.set_pen_width(value)
        self.settings.pen_width = value

    # -- closing: never waits for a background job ---------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        """Close (File > Quit, Ctrl+Q, the title bar, QApplication.quit): every dialog running
        a job is asked to close; while one is still stopping, the close is put off and the
        window closes by itself when the last one has stopped (app.dialogs.job_dialog)."""
        if not self._stop_jobs():
            event.ignore()
            return
        self.save_settings()
        super().closeEvent(event)

    def is_close_pending(self) -> bool:
        return self._close_pending

    def _stop_jobs(self) -> bool:
        """True if nothing runs any more; else the jobs are told to stop (nothing waits)."""
        waiting = False
        for dialog in self.findChildren(JobDialog):
            if dialog.isVisible() and not dialog.close():
                if not dialog.is_close_pending():  # the user chose to keep it open
                    self._close_pending = False
                    return False
                waiting = True
        if self.images.is_busy():  # an image being read: its result is no longer wanted
            self.images.cancel()
            waiting = True
        self._close_pending = waiting
        return not waiting

    def _job_stopped(self) -> None:
        if self._close_pending:
            self.close()

    def _close_abandoned(self) -> None:
        self._close_pending = False

    def adopt_job_dialog(self, dialog: JobDialog) -> JobDialog:
        """A dialog running jobs, made by another part of the window (Adapt): closing the
        window waits for it to close, as for the Train and Evaluate dialogs."""
        return self._adopt(dialog)

    def _adopt(self, dialog: JobDialog) -> JobDialog:
        dialog.finished.connect(self._job_stopped)
        dialog.closeAbandoned.connect(self._close_abandoned)
        return dialog

    # -- model ---------------------------------------------------------------
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
        self._error(
            "DigitPad", self.tr("DigitPad cannot recognize: the model is missing or damaged.") + "\n\n" + message
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

    # -- numbers -------------------------------------------------------------
    def _show_number(self, number) -> None:
        chars = number.characters if number is not None and not self.recognizer.showing_image else ()
        self.canvas.set_characters([(*c.box, c.is_digit) for c in chars], self.recognizer.selection)
        self.panel.show_number(number, self.recognizer.selection)

    def copy_number(self) -> None:
        """Put the number on the canvas on the clipboard (Ctrl+C on the canvas, the Copy button)."""
        text = self.recognizer.number_text
        read = self.recognizer.last_number
        if not text and read is not None and read.problem() in COPIED_AS_WRITTEN:
            QGuiApplication.clipboard().setText(read.shown_text())  # "555-1234": as written
            message = self.tr("Copied %1 as written (it is not a number)")
            self.statusBar().showMessage(fill(message, read.shown_text()), 4000)
            return
        if not text:
            if read is not None and read.problem():
                message = self.tr("Nothing copied: %1 is not a number.")
                self.statusBar().showMessage(fill(message, read.shown_text()), 4000)
            else:
                self.statusBar().showMessage(self.tr("Nothing to copy: draw a number first."), 4000)
            return
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(fill(self.tr("Copied %1"), text), 4000)

    # -- the canvas ------------------------------------------------------------
    def take_over_view(self, old: MainWindow) -> None:
        """Show what `old` showed (a new language's window): the opened image and the
        selected digit; the ink itself is shared."""
        picture = old.canvas.picture
        if picture is not None:
            self.canvas.set_picture(picture)
        self.recognizer.take_over(old.recognizer)
        self.controls.update_enabled()

    def clear_canvas(self) -> None:
        self.ink.clear()  # the ink or the image shown: one undoable step

    def _error(self, title: str, text: str) -> None:
        messages.error(self, title, text)


def _same_model(a, b, is_bundled) -> bool:
    """Whether two loaded models (a Predictor, the NumPy bridge) were read from one file."""
    if is_bundled(a) or is_bundled(b):
        return is_bundled(a) and is_bundled(b)
    return Path(a.path).resolve() == Path(b.path).resolve()

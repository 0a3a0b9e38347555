"""The main window: canvas and prediction panel side by side, wired to the ink model,
the recognizer and the model manager. Menus and the toolbar live in app/window/actions.py;
opening images and saving the drawing in app/window/window_images.py, the model commands and
the model label in app/window/window_models.py (mixins of the window)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QSize, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from ..dialogs.job_dialog import JobDialog
from ..drawing.canvas import InkCanvas
from ..drawing.ink_model import InkModel
from ..drawing.recognizer import Recognizer
from ..models.model_manager import ModelManager
from ..my_handwriting.handwriting import Handwriting
from ..prediction.prediction_panel import COPIED_AS_WRITTEN, PredictionPanel
from ..settings import WINDOW_GEOMETRY, WINDOW_STATE, Settings
from ..translations import fill
from .actions import Actions
from .window_images import WindowImages
from .window_models import WindowModels

MINIMUM_SIZE = (640, 420)  # the window's smallest size, unless its layout needs more


class MainWindow(WindowImages, WindowModels, QMainWindow):
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
        self._fit_minimum_size()

    def _fit_minimum_size(self) -> None:
        """The layout's own minimum (the panel with all it can show), never below MINIMUM_SIZE."""
        self.setMinimumSize(self.minimumSizeHint().expandedTo(QSize(*MINIMUM_SIZE)))

    def showEvent(self, event: QShowEvent) -> None:
        # Shown, the style and the fonts are final: a CJK font's toolbar or status bar may
        # be a pixel taller than before, and the panel was cut by that at the minimum size.
        super().showEvent(event)
        self._fit_minimum_size()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and self.isVisible():
            self._fit_minimum_size()

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

    # -- numbers -------------------------------------------------------------
    def _show_number(self, number) -> None:
        chars = number.characters if number is not None else ()  # a picture's: in its pixels
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

"""Application start-up: the QApplication, translations, the model, the main window.

create_window() builds a ready main window without entering the event loop (used
by `python -m app`, the tests and the screenshot tools); run_app() runs the app.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from .drawing.ink_model import InkModel
from .models.model_manager import ModelManager
from .settings import APPLICATION, Settings
from .theme import apply_theme
from .translations import fill, install_translators
from .window.main_window import MainWindow

EXIT_WAIT_SECONDS = 0.1  # after the last window closed, how long the jobs nobody waits for get to stop
STORE_WRITE_WAIT_SECONDS = 60.0  # how long a confirmed delete/import/export of kept drawings may take to finish
FIRST_PAINT_FALLBACK_MS = 1000  # the engine starts loading by then even if no expose is reported
_windows: set[MainWindow] = set()  # windows alive at the top level (kept from garbage collection)


class Application(QApplication):
    """QApplication whose quit (QApplication.quit(), the session ending, Cmd+Q) closes the main
    window first. Qt's own quit closes the top-level windows in no set order and gives up at
    the first that refuses: a Train dialog that must first stop its job would refuse, and the
    main window would then never be asked. The main window closes its dialogs itself and,
    when they have stopped, closes; the last window closing then quits."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Quit:
            windows = [w for w in self.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
            for window in windows:
                window.close()
            if any(w.isVisible() for w in windows):
                event.ignore()
                return True  # put off: the window quits the app when its jobs have stopped
        return super().event(event)


def ensure_app(argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = Application(list(argv) if argv is not None else sys.argv[:1])
    # Every pen position counts: by default Qt keeps only the last of the mouse moves that queued
    # up while the GUI thread was busy (the engine's imports hold the GIL at start-up, a training
    # starts), and a stroke drawn meanwhile became a straight line. Qt reads this at every event.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_CompressHighFrequencyEvents, False)
    # Only the application name: with an organization name too, Qt's AppDataLocation
    # would be .../DigitPad/DigitPad, not model.paths.user_data_dir() (.../DigitPad).
    QCoreApplication.setApplicationName(APPLICATION)
    QGuiApplication.setApplicationDisplayName(APPLICATION)
    QGuiApplication.setDesktopFileName("digitpad")
    if QGuiApplication.windowIcon().isNull():
        QGuiApplication.setWindowIcon(_app_icon())
    return app


def _app_icon() -> QIcon:
    from model.paths import asset_path

    for name in ("icon.png", "icon.svg"):
        try:
            path = asset_path(name)
        except ModuleNotFoundError:
            continue
        if path.is_file():
            return QIcon(str(path))
    return QIcon()


def create_window(
    predictor=None,
    settings: Settings | None = None,
    ink: InkModel | None = None,
    background: bool = False,
    model_path: str | None = None,
    load_now: bool = True,
) -> MainWindow:
    """The main window (not shown). predictor/settings may be given (tests).

    background=True: the window is usable at once and torch and the model (model_path,
    else the remembered one, else the bundled one) load in a background thread
    (ModelManager.start_loading); otherwise the model is loaded before this returns."""
    ensure_app()
    settings = settings or Settings()
    settings.check_all()  # every bad remembered value is listed in one start-up note
    install_translators(settings.language)
    apply_theme(settings.theme)
    warning = ""
    if predictor is None and not background:
        predictor, warning = ModelManager.startup_predictor(settings)
    manager = ModelManager(predictor, settings)
    window = MainWindow(manager, settings, ink or InkModel())
    window.languageChosen.connect(lambda code, w=window: switch_language(w, code))
    from .engine_text import data_folder_note

    notes = [note] if (note := data_folder_note()) else []  # said at start, not at the first failed save
    if warning:
        notes.append(
            QCoreApplication.translate("MainWindow", "The last model could not be loaded; using the bundled one.")
            + " "
            + warning
        )
    if settings.problems:  # read while building the window; already removed from the file
        notes.append(
            fill(
                QCoreApplication.translate("MainWindow", "These settings could not be used and were reset: %1"),
                "; ".join(settings.problems),
            )
        )
        settings.problems.clear()
    window.startup_notes = notes
    if notes:
        window.statusBar().showMessage(" ".join(notes), 15000)
    if predictor is None and load_now:
        manager.start_loading(model_path)
    return window


class _AfterFirstPaint(QObject):
    """Calls `callback` once, right after the window's first expose has been painted (or
    FIRST_PAINT_FALLBACK_MS after show(), if the platform never reports one)."""

    def __init__(self, window: MainWindow, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback: Callable[[], None] | None = callback
        window.windowHandle().installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self._call)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._call)  # after this expose's paint
        return False

    def _call(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


def switch_language(window: MainWindow, code: str) -> MainWindow:
    """Save the choice and rebuild the window in the new language, keeping the drawing."""
    from . import messages

    window.settings.language = code
    from .dialogs.job_dialog import JobDialog

    busy = any(d.isVisible() for d in window.findChildren(JobDialog))  # Train, Evaluate, Adapt: not rebuilt
    if busy:
        messages.info(
            window,
            "DigitPad",
            QCoreApplication.translate("MainWindow", "The new language is used the next time DigitPad starts."),
        )
        return window
    install_translators(code)
    window.save_settings()
    new = MainWindow(window.manager, window.settings, window.ink)
    new.take_over_view(window)
    new.languageChosen.connect(lambda c, w=new: switch_language(w, c))
    new.restoreGeometry(window.saveGeometry())
    if window.isVisible():
        new.show()
    _windows.discard(window)
    _windows.add(new)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.close()
    return new


def _parse(args: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="digitpad", description="DigitPad: draw a digit, see what a neural network reads."
    )
    parser.add_argument("image", nargs="?", help="an image of a digit to recognize at start")
    parser.add_argument("--model", help="a checkpoint (.pt) to recognize with")
    known, _ = parser.parse_known_args(list(args))  # Qt's own options (-style, ...) pass through
    return known


def run_app(args: Sequence[str]) -> int:
    options = _parse(args)
    from model.logs import configure_logging

    configure_logging("app").info("DigitPad starting")
    app = ensure_app([sys.argv[0], *args])
    window = create_window(background=True, model_path=options.model, load_now=False)
    _windows.add(window)
    window.show()
    # torch and the model load in a background thread, started once the window is on screen:
    # the thread's imports hold Python's GIL most of the time and would slow the first paint
    # (side by side at the same load: a usable window about 13% sooner)
    _AfterFirstPaint(window, lambda: window.manager.start_loading(options.model))
    if window.startup_notes:  # told once: the bad values are gone from the settings
        from . import messages

        messages.info(window, "DigitPad", "\n\n".join(window.startup_notes))
    if options.image:
        window.open_image(options.image)
    try:
        code = app.exec()
    finally:
        from .worker import stop_all

        stop_all(EXIT_WAIT_SECONDS)
        _finish_store_writes()
    exit_now(code)
    return code  # not reached


def _finish_store_writes() -> None:
    """A delete, import or export of kept drawings the user confirmed is finished work: the
    window is gone, but the process lets it finish (up to STORE_WRITE_WAIT_SECONDS) before
    it ends. A quit 0.1 s after "Delete All" brought every drawing back (nc4 fault 1)."""
    jobs = sys.modules.get("app.my_handwriting.store_jobs")  # never used: nothing to wait for
    if jobs is None or jobs.wait_for_writes(0):
        return
    log = logging.getLogger(__name__)
    log.info("finishing the kept drawings' file before quitting")
    if not jobs.wait_for_writes(STORE_WRITE_WAIT_SECONDS):
        log.warning("quit before the kept drawings' file was written: it is as it was before")


def exit_now(code: int) -> None:
    """End the process at once, once every window has closed. The jobs that could lose work
    have stopped already (a training, an adaptation, a download: their dialogs close only
    when the job has stopped, app/dialogs/job_dialog.py) and every save is atomic; the settings are
    synced when the window closes. What is left is the engine loader's background work and
    an image being decoded (both only read), and the interpreter's own teardown (torch's
    thread pools, module cleanup): 2-10 s on a busy machine before (nc3 fault 12), and a job
    inside a PyTorch call while Python shuts down can abort the process. So the logs and
    the standard streams are flushed and the process exits without that teardown."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed or broken stream: nothing more to write there
            pass
    os._exit(code)

"""Correct and keep: the user says which digit a drawing really was, and DigitPad keeps it.

One action each way: click that digit's bar in the probability chart, press the digit
key (0-9) while the canvas has focus, or Model > Correct...; Enter keeps a drawing the
model read right ("Keep as Example"). The ink and its label go to the user's kept
drawings (model/pen/samples.py); the canvas clears for the next digit and the status bar
confirms. The My Handwriting and Adapt dialogs open from here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog

from .. import messages
from ..engine_text import error_text
from ..translations import fill
from ..worker import Worker

OFFER_ADAPT_AT = 20  # kept drawings after which (and every 10 more) adapting is suggested
STATUS_MS = 6000


def ask_digit(parent, guess: int | None) -> int | None:
    """Which digit was it? None if the user cancels. (Tests replace this function.)"""
    tr = lambda text: QCoreApplication.translate("Handwriting", text)  # noqa: E731
    value, ok = QInputDialog.getInt(
        parent, tr("Correct"), tr("Which digit did you draw?"), guess if guess is not None else 0, 0, 9
    )
    return value if ok else None


class Handwriting(QObject):
    """Owns the Correct/Keep actions and the kept-drawings store. Emits kept(digit, total)."""

    kept = Signal(int, int)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._store = None  # made on first use: model.pen.samples brings torch, which loads in the background
        self.gallery = None
        self.adapt_dialog = None
        self.counter: Worker | None = None  # counting the kept drawings after another process wrote
        self._last_kept = 0  # the digit of the drawing kept last (announced once it is counted)
        self._kept_while_counting = False
        self._counts_read: list[int] | None = None
        canvas = window.canvas

        def act(text, slot, tip, keys=()):
            a = QAction(text, window)
            a.setToolTip(tip)
            a.setStatusTip(tip)
            if keys:
                a.setShortcuts([QKeySequence(k) for k in keys])
                a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # only while the canvas has focus
                canvas.addAction(a)
            a.triggered.connect(slot)
            return a

        self.correct = act(
            self.tr("&Correct..."),
            self.correct_dialog,
            self.tr("Say which digit the drawing really is; DigitPad keeps it to learn your hand"),
        )
        self.keep = act(
            self.tr("&Keep as Example"),
            self.keep_current,
            self.tr("Keep the drawing as an example of the digit it was read as (Enter)"),
            (Qt.Key.Key_Return, Qt.Key.Key_Enter),
        )
        self.digit_keys = [act(str(d), lambda _=False, d=d: self.keep_as(d), "", (str(d),)) for d in range(10)]
        self.open_gallery = act(
            self.tr("&My Handwriting..."),
            self.show_gallery,
            self.tr("The drawings you kept, by digit: look, delete, export, import"),
        )
        self.adapt = act(
            self.tr("&Adapt to My Handwriting..."),
            self.show_adapt,
            self.tr("Fine-tune the active model on the drawings you kept"),
        )
        window.panel.chart.digitClicked.connect(self.keep_as)

    def install(self, menu) -> None:
        """Add the actions to a menu (the Model menu)."""
        menu.addSeparator()
        menu.addActions([self.correct, self.keep, self.open_gallery, self.adapt])

    def recognized_digit(self) -> int | None:
        """What the model reads in the canvas's ink now (recognized afresh, not debounced)."""
        self.window.recognizer.recognize_ink()
        last = self.window.recognizer.last
        return None if last is None else last.digit

    def correct_dialog(self) -> None:
        if self._nothing_drawn():
            return
        digit = ask_digit(self.window, self.recognized_digit())
        if digit is not None:
            self.keep_as(digit)

    def keep_current(self) -> None:
        if self._nothing_drawn():
            return
        digit = self.recognized_digit()
        if digit is None:
            self.window.statusBar().showMessage(
                self.tr("Nothing recognized: press the digit key to say which it is."), STATUS_MS
            )
            return
        self.keep_as(digit)

    def _nothing_drawn(self) -> bool:
        """True (and a status line saying why) when the canvas holds no single digit to keep:
        nothing drawn, or a number of several characters (kept whole, it would teach the
        model that a "-35" is a 4)."""
        if self.window.ink.is_empty():
            self.window.statusBar().showMessage(
                self.tr("Draw a digit first: DigitPad keeps drawings, not images."), STATUS_MS
            )
            return True
        self.window.recognizer.recognize_ink()  # afresh, not debounced
        number = self.window.recognizer.last_number
        if number is not None and len(number.characters) > 1:
            self.window.statusBar().showMessage(
                fill(
                    self.tr(
                        "The canvas holds %1 characters: keep one digit at a time (draw it alone, then press its key)."
                    ),
                    len(number.characters),
                ),
                STATUS_MS,
            )
            return True
        return False

    @property
    def store(self):
        """The kept drawings (model.pen.samples.SampleStore in the user's data folder)."""
        if self._store is None:
            from model.pen.samples import SampleStore

            self._store = SampleStore()
        return self._store

    def keep_as(self, digit: int) -> bool:
        """Keep the canvas's ink labelled `digit`, clear the canvas, confirm in the status bar."""
        if self._nothing_drawn():
            return False
        strokes = [[list(point) for point in stroke] for stroke in self.window.ink.strokes]
        from model.pen.samples import SampleError

        try:
            self.store.add(strokes, digit, sync=False)  # on disk in the background: an fsync can take 0.6 s
        except (SampleError, OSError) as exc:
            messages.error(
                self.window,
                self.tr("Keep Drawing"),
                self.tr("The drawing could not be kept.") + "\n\n" + error_text(exc),
                str(exc),  # the English line: the details
            )
            return False
        self.window.clear_canvas()
        counts = self.store.known_counts()  # from the store's own writes: no reading of the file
        if counts is None:  # another process wrote to it: counted again in the background
            self.window.statusBar().showMessage(fill(self.tr("Kept as a %1."), str(digit)), STATUS_MS)
            self._count_then_announce(digit)
        else:
            self._announce(digit, counts)
        if self.gallery is not None and self.gallery.isVisible():
            self.gallery.reload()
        return True

    def _announce(self, digit: int, counts: list[int]) -> None:
        """The status bar's line for a drawing kept as `digit`; kept(digit, total)."""
        total = sum(counts)
        text = self.tr("Kept as a %1: %2 of your %1s, %3 drawings in all.")
        text = fill(text, str(digit), str(counts[digit]), str(total))
        if total >= OFFER_ADAPT_AT and (total - OFFER_ADAPT_AT) % 10 == 0:
            text += " " + self.tr("Enough to learn your hand: Model > Adapt to My Handwriting.")
        self.window.statusBar().showMessage(text, STATUS_MS)
        self.kept.emit(digit, total)

    def _count_then_announce(self, digit: int) -> None:
        """Count the kept drawings in the background, then announce the last one kept."""
        self._last_kept = digit
        if self.is_counting():
            self._kept_while_counting = True  # perhaps appended after the count read the file
            return
        self._kept_while_counting = False
        self._counts_read = None
        from .store_jobs import run_store_job  # the engine's store: imported once it is used

        self.counter = Worker(run_store_job(self.store.counts), "digitpad-handwriting-count", parent=self)
        self.counter.finished.connect(self._counted)
        self.counter.stopped.connect(self._count_stopped)
        self.counter.start()

    def _counted(self, counts) -> None:
        self._counts_read = counts if isinstance(counts, list) else None  # else Refused: no count to say

    def _count_stopped(self) -> None:
        counts = self.store.known_counts() or (None if self._kept_while_counting else self._counts_read)
        if counts is not None:
            self._announce(self._last_kept, counts)
        elif self._kept_while_counting:
            self._count_then_announce(self._last_kept)  # count once more, with every drawing kept

    def is_counting(self) -> bool:
        return self.counter is not None and self.counter.is_running()

    def show_gallery(self):
        from .handwriting_dialog import HandwritingDialog

        if self.gallery is None:
            self.gallery = HandwritingDialog(self.store, self.window)
        self.gallery.reload()
        self.gallery.show()
        self.gallery.raise_()
        return self.gallery

    def show_adapt(self, config=None):
        from .adapt_dialog import AdaptDialog

        old = self.adapt_dialog
        if old is None or not (old.isVisible() or old.is_running()):  # a closed one starts afresh
            if old is not None:
                old.deleteLater()
            dialog = AdaptDialog(self.window.manager, self.store, self.window, config=config)
            self.adapt_dialog = self.window.adopt_job_dialog(dialog)  # quitting the app asks it first
        return self.adapt_dialog.bring_up()

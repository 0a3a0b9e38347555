"""Live recognition: watches the ink, waits for a short pause, asks the predictor.

The ink is read as a whole number (one digit is a number of length one): the
characters and their boxes go to the canvas, the selected digit's probabilities
and 28x28 input to the panel. Reading a drawing takes a few milliseconds, so it
runs in the GUI thread after a debounce; the pen never waits for it because input
events are handled first.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from .ink_model import InkModel

DEBOUNCE_MS = 40
# "Not a digit" waits this long after the ink last changed: the first stroke of a 4, a 5 or
# a crossed 7 is no digit yet, and the answer would flicker between the strokes.
NOT_DIGIT_GRACE_MS = 700
SELECT_SLOP = 8.0  # a tap this close to a character's box (canvas px) selects it


class Recognizer(QObject):
    """Emits predicted(Prediction, source) for the selected digit ("" source for the ink,
    else a file name), number(NumberPrediction or None) with the whole number and
    selected(int) with the index of the selected character (-1 for none)."""

    predicted = Signal(object, str)
    number = Signal(object)
    selected = Signal(int)

    def __init__(self, ink: InkModel, predictor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ink = ink
        self.predictor = predictor
        self.last = None  # the last Prediction (the selected digit)
        self.last_number = None  # the last NumberPrediction read from the ink
        self.selection = -1  # index of the selected character in last_number
        self._pinned: tuple[float, float] | None = None  # where the user tapped to select
        self._image = None  # (Prediction, name, NumberPrediction) while an opened image is what is shown
        self._cache: dict = {}  # the predictor's answers for groups of strokes, while drawing
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.recognize_ink)
        self._since_ink = QElapsedTimer()
        self._since_ink.start()
        self._grace = QTimer(self)  # a "not a digit" answer held back (NOT_DIGIT_GRACE_MS)
        self._grace.setSingleShot(True)
        self._grace.timeout.connect(self._recheck)
        ink.inkChanged.connect(self._ink_changed)

    def _ink_changed(self) -> None:
        self._since_ink.restart()
        self._grace.stop()
        self._timer.start()

    def _recheck(self) -> None:
        if self._image is None:  # an image opened meanwhile is what is shown now
            self.recognize_ink()

    def set_predictor(self, predictor) -> None:
        """Use another model and recognize again what is shown (the ink or the opened image)."""
        self.predictor = predictor
        self._cache = {}  # another model's answers differ
        if self._image is not None:
            self._recognize_shown_image()
        else:
            self.recognize_ink()

    @property
    def number_text(self) -> str:
        """The number on the canvas ("" when there is none, or its characters spell no number)."""
        if self.last_number is None or self.last_number.problem():
            return ""
        return self.last_number.text

    def forget(self) -> None:
        """No model any more (the engine failed to load after the NumPy bridge had read the
        ink): nothing is recognized, and no earlier answer stays on show."""
        self.predictor, self._cache, self.last, self.last_number, self.selection = None, {}, None, None, -1
        self._timer.stop()
        self._grace.stop()
        self.number.emit(None)
        self.selected.emit(-1)

    def recognize_ink(self) -> None:
        self._timer.stop()
        self._image = None
        if self.predictor is None:  # the model is still loading; set_predictor recognizes then
            return
        strokes = self.ink.strokes
        if not strokes:
            self._pinned = None
        result, rejected = self.predictor.read_drawing(strokes, cache=self._cache)
        wait = NOT_DIGIT_GRACE_MS - self._since_ink.elapsed()
        if rejected is not None and wait > 0:  # maybe a digit half drawn: ask again then
            self._grace.start(int(wait))
            return
        if rejected is not None:  # a letter, a smiley, a scribble: no digit to show
            self.last_number = None
            self.selection = -1
            self.number.emit(None)
            self.selected.emit(-1)
            self._emit(rejected, "")
            return
        self.last_number = result
        self.number.emit(result)
        self._select(self._default_selection(result))

    def select_at(self, x: float, y: float) -> bool:
        """Select the digit at (x, y): ink coordinates for a drawing, the picture's pixels
        for a number read from an opened image (the characters' boxes are in those); False
        if there is none there."""
        index = self._digit_at(x, y)
        if index < 0:
            return False
        if not self.showing_image:
            self._pinned = (x, y)  # kept while the ink is read again
        self._select(index, self._source)
        return True

    def select_step(self, step: int) -> bool:
        """Select the digit `step` places right (left if negative) of the selected one, in a
        number drawn or read from an opened image (the Left and Right keys on the canvas);
        False if there is none there."""
        number = self.last_number
        if number is None:
            return False
        digits = [i for i, c in enumerate(number.characters) if c.is_digit]
        if len(digits) < 2:
            return False
        at = digits.index(self.selection) if self.selection in digits else 0
        index = digits[min(max(at + step, 0), len(digits) - 1)]
        if index == self.selection:
            return False
        if not self.showing_image:
            x0, y0, x1, y1 = number.characters[index].box
            self._pinned = ((x0 + x1) / 2, (y0 + y1) / 2)  # kept while the ink is read again
        self._select(index, self._source)
        return True

    def take_over(self, other: Recognizer) -> None:
        """Show what `other` (a closing window's recognizer) showed: its opened image, or the
        ink with the digit the user had selected."""
        self._pinned = other._pinned
        if other._image is not None:
            self.show_image(*other._image, selection=other.selection)  # the digit the user chose
        else:
            self.recognize_ink()

    def show_image(self, prediction, name: str, number=None, selection: int = -1) -> None:
        """An opened image's Prediction and NumberPrediction, as Predictor.read_picture made
        them off the GUI thread (app.window.image_io.ImageOpener), are what is shown until the ink
        changes. A number read from it (or numbers on several lines) shows with the digit at
        index `selection`, else its first digit; else the single digit shows exactly as
        before (the single-digit path)."""
        self._timer.stop()
        self._grace.stop()
        self._image = (prediction, name, number)
        self._pinned = None
        if number is not None and (number.lines > 1 or number.looks_like_a_number(signed=True)):
            self.last_number = number
            self.number.emit(number)
            chars = number.characters
            chosen = 0 <= selection < len(chars) and chars[selection].is_digit
            self._select(selection if chosen else chars.index(number.digits[0]), name)
            return
        self.last_number = None
        self.selection = -1
        self.number.emit(None)
        self.selected.emit(-1)
        self._emit(prediction, name)

    def _recognize_shown_image(self) -> None:
        """After a change of model: the single digit's 28x28 input through the new model (a
        number read from an image keeps its reading until the image is opened again)."""
        prediction, name, number = self._image
        if prediction.digit is not None:
            prediction = self.predictor.predict_arrays([prediction.image])[0]
        self.show_image(prediction, name, number, selection=self.selection)  # the chosen digit stays

    @property
    def _source(self) -> str:
        """What is recognized: the opened image's name, or "" for the ink."""
        return self._image[1] if self._image is not None else ""

    @property
    def showing_image(self) -> bool:
        """True while an opened image (not the ink) is what is recognized."""
        return self._image is not None

    # -- internals --------------------------------------------------------------------
    def _default_selection(self, result) -> int:
        """The digit the user tapped, else the one holding the latest stroke."""
        if self._pinned is not None:
            index = self._digit_at(*self._pinned)
            if index >= 0:
                return index
        digits = [i for i, c in enumerate(result.characters) if c.is_digit]
        if not digits:
            return -1
        return max(digits, key=lambda i: max(result.characters[i].strokes, default=-1))

    def _digit_at(self, x: float, y: float) -> int:
        result = self.last_number
        if result is None:
            return -1
        for i, c in enumerate(result.characters):
            x0, y0, x1, y1 = c.box
            if c.is_digit and x0 - SELECT_SLOP <= x <= x1 + SELECT_SLOP and y0 - SELECT_SLOP <= y <= y1 + SELECT_SLOP:
                return i
        return -1

    def _select(self, index: int, source: str = "") -> None:
        self.selection = index
        self.selected.emit(index)
        self._emit(self.last_number.prediction(index), source)

    def _emit(self, prediction, source: str) -> None:
        self.last = prediction
        self.predicted.emit(prediction, source)

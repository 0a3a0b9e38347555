"""Live recognition: watches the ink, waits for a short pause, asks the predictor.

Predicting one drawing takes a few milliseconds, so it runs in the GUI thread after
a debounce; the pen never waits for it because input events are handled first.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from .ink_model import InkModel

DEBOUNCE_MS = 40


class Recognizer(QObject):
    """Emits predicted(Prediction, source) where source is "" for the ink, else a file name."""

    predicted = Signal(object, str)

    def __init__(self, ink: InkModel, predictor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ink = ink
        self.predictor = predictor
        self.last = None  # the last Prediction
        self._image = None  # (Prediction, name) while an opened image is what is shown
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.recognize_ink)
        ink.inkChanged.connect(self._timer.start)

    def set_predictor(self, predictor) -> None:
        """Use another model and recognize again what is shown (the ink or the opened image)."""
        self.predictor = predictor
        if self._image is not None:
            self._recognize_shown_image()
        else:
            self.recognize_ink()

    def recognize_ink(self) -> None:
        self._timer.stop()
        self._image = None
        if self.predictor is None:  # the model is still loading; set_predictor recognizes then
            return
        self._emit(self.predictor.predict_strokes(self.ink.strokes), "")

    def show_image(self, prediction, name: str) -> None:
        """An opened image's prediction (made off the GUI thread: app.image_io.ImageOpener)
        is what is shown until the ink changes."""
        self._timer.stop()
        self._image = (prediction, name)
        self._emit(prediction, name)

    def _recognize_shown_image(self) -> None:
        prediction, name = self._image
        if prediction.digit is not None:  # the 28x28 input it saw, through the new model
            prediction = self.predictor.predict_arrays([prediction.image])[0]
        self._image = (prediction, name)
        self._emit(prediction, name)

    def _emit(self, prediction, source: str) -> None:
        self.last = prediction
        self.predicted.emit(prediction, source)

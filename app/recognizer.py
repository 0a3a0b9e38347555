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
    failed = Signal(str)

    def __init__(self, ink: InkModel, predictor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ink = ink
        self.predictor = predictor
        self.last = None  # the last Prediction
        self._image = None  # (image, name) while an opened image is what is recognized
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.recognize_ink)
        ink.inkChanged.connect(self._timer.start)

    def set_predictor(self, predictor) -> None:
        """Use another model and recognize again what is shown (the ink or the opened image)."""
        self.predictor = predictor
        if self._image is not None:
            self.recognize_image(*self._image)
        else:
            self.recognize_ink()

    def recognize_ink(self) -> None:
        self._timer.stop()
        self._image = None
        if self.predictor is None:  # the model is still loading; set_predictor recognizes then
            return
        self._emit(self.predictor.predict_strokes(self.ink.strokes), "")

    def recognize_image(self, image, name: str) -> bool:
        """image: a path, PNG bytes or a PIL image. False (and failed emitted) if unreadable."""
        self._timer.stop()
        if self.predictor is None:
            return False
        try:
            prediction = self.predictor.predict_image(image)
        except ValueError as exc:
            self.failed.emit(str(exc))
            return False
        self._image = (image, name)
        self._emit(prediction, name)
        return True

    def _emit(self, prediction, source: str) -> None:
        self.last = prediction
        self.predicted.emit(prediction, source)

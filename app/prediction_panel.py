"""The right-hand panel: the predicted digit, its confidence, all ten probabilities
and the 28x28 image the model actually saw."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from .charts import ImagePreview, ProbabilityChart

LOW_CONFIDENCE = 0.6  # below this the panel says the model is unsure


class PredictionPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("predictionPanel")
        self.setMinimumWidth(260)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.caption = QLabel(self.tr("Prediction"))
        self.caption.setObjectName("predictionCaption")
        self.digit = QLabel("")
        self.digit.setObjectName("prediction")
        self.digit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.digit.font())
        font.setPointSizeF(font.pointSizeF() * 6)
        font.setBold(True)
        self.digit.setFont(font)
        self.digit.setMinimumHeight(int(self.digit.fontMetrics().height() * 1.05))
        self.digit.setToolTip(self.tr("The digit the model recognizes"))
        self.digit.setAccessibleName(self.tr("Predicted digit"))

        self.confidence = QLabel()
        self.confidence.setObjectName("confidence")
        self.confidence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confidence.setWordWrap(True)

        self.chart = ProbabilityChart()
        self.preview = ImagePreview()
        self.preview_caption = QLabel(self.tr("What the model sees\n(28 x 28 pixels)"))
        self.preview_caption.setWordWrap(True)
        self.preview_caption.setEnabled(False)  # the palette's disabled text: a quiet caption

        eye = QHBoxLayout()
        eye.addWidget(self.preview)
        eye.addWidget(self.preview_caption, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.digit)
        layout.addWidget(self.confidence)
        layout.addSpacing(8)
        layout.addWidget(QLabel(self.tr("Probabilities")))
        layout.addWidget(self.chart, 1)
        layout.addSpacing(8)
        layout.addLayout(eye)
        self.show_prediction(None)

    def show_prediction(self, prediction, source: str = "") -> None:
        """prediction None or without a digit: a hint, not a guess; "not a digit" says so."""
        if prediction is not None and getattr(prediction, "not_digit", False):
            self._show_not_digit(prediction, source)
            return
        if prediction is None or prediction.digit is None:
            self.digit.setText("")
            self.caption.setText(self.tr("Prediction"))
            self.confidence.setText(self.tr("Draw a digit on the canvas, or open an image (Ctrl+O)."))
            self.chart.set_probabilities(None)
            self.preview.set_array(None)
            return
        conf = prediction.confidence
        self.digit.setText(str(prediction.digit))
        self.caption.setText(self.tr("Recognized from %1").replace("%1", source) if source else self.tr("Prediction"))
        self.digit.setEnabled(conf >= LOW_CONFIDENCE)  # an unsure answer is shown greyed
        if conf < LOW_CONFIDENCE:
            runner_up = int(prediction.probabilities.argsort()[-2])
            text = self.tr("Not sure: %1% confident. Maybe a %2?")
            text = text.replace("%1", f"{conf * 100:.0f}").replace("%2", str(runner_up))
        else:
            text = self.tr("%1% confident").replace("%1", f"{conf * 100:.1f}")
        self.confidence.setText(text)
        self.chart.set_probabilities(prediction.probabilities, prediction.digit)
        self.preview.set_array(prediction.image)

    def _show_not_digit(self, prediction, source: str) -> None:
        """A picture of something else: no digit, no bars, and what the model saw."""
        self.digit.setText("\u2014")  # an em dash: no digit
        self.digit.setEnabled(False)
        self.caption.setText(self.tr("Recognized from %1").replace("%1", source) if source else self.tr("Prediction"))
        self.confidence.setText(self.tr("Not a digit: this picture looks like something else "
                                        "(a letter, a symbol, a drawing or noise)."))
        self.chart.set_probabilities(None)
        self.preview.set_array(prediction.image if prediction.image.any() else None)

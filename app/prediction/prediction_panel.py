"""The right-hand panel: the number read from the canvas (when there is more than one
character), the predicted digit (the selected one), its confidence, all ten
probabilities and the 28x28 image the model actually saw. Emits copyRequested()."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from model.formats import (
    BLANK_PICTURE_REASON,
    NOT_DIGIT_LOOPS_REASON,
    NOT_DIGIT_POINT_REASON,
    NOT_DIGIT_TEXTURE_REASON,
)

from ..translations import fill
from .charts import ImagePreview, ProbabilityChart

LOW_CONFIDENCE = 0.6  # below this the panel says the model is unsure


NUMBER_FONT_SCALE = 4.5  # the number's font, times the default, before fitting the width
# Readings that are no number but are still copied as written: a phone number "555-1234", a
# date "2024-11-30" or "30.11.2026", a version "1.2.3" (NumberPrediction.problem()); a
# reading on several lines is not (it was not written as one line).
COPIED_AS_WRITTEN = frozenset({"minus", "points"})
DIGIT_FONT_SCALE = 5.0  # the predicted digit's font, times the default
CAPTION_LINES = 2  # lines of text kept for the caption ("Digit 1 of 3 (click ...)")
FOCUS_FRAME_STYLE = "%s { border: 2px solid transparent; } %s:focus { border: 2px solid palette(highlight); }"
CONFIDENCE_LINES = 3  # lines kept for the confidence ("Not a digit: ..." wraps to three)


class PredictionPanel(QFrame):
    copyRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("predictionPanel")
        self.setMinimumWidth(260)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.caption = QLabel(self.tr("Prediction"))
        self.caption.setObjectName("predictionCaption")
        self.caption.setWordWrap(True)
        self.digit = QLabel("")
        self.digit.setObjectName("prediction")
        self.digit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.digit.font())
        font.setPointSizeF(font.pointSizeF() * DIGIT_FONT_SCALE)
        font.setBold(True)
        self.digit.setFont(font)
        self.digit.setMinimumHeight(int(self.digit.fontMetrics().height() * 1.05))
        self.digit.setToolTip(self.tr("The digit the model recognizes"))
        self.digit.setAccessibleName(self.tr("Predicted digit"))
        self.digit.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a stop in the Tab order: a screen reader reads it
        self.digit.setStyleSheet(FOCUS_FRAME_STYLE % ("QLabel", "QLabel"))

        self.number = QLabel("")
        self.number.setObjectName("number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number.setToolTip(self.tr("The number read from the canvas; click a digit there to see its probabilities"))
        self.number.setAccessibleName(self.tr("Recognized number"))
        self.number.setMinimumWidth(10)
        self.number.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("copyNumber")
        self.copy_button.setToolTip(self.tr("Copy the number to the clipboard (Ctrl+C on the canvas)"))
        self.copy_button.clicked.connect(self.copyRequested)
        number_row = QHBoxLayout()
        number_row.addWidget(self.number, 1)
        number_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.number_row = QWidget()
        self.number_row.setLayout(number_row)
        number_row.setContentsMargins(0, 0, 0, 0)

        self.confidence = QLabel()
        self.confidence.setObjectName("confidence")
        self.confidence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confidence.setWordWrap(True)

        self.chart = ProbabilityChart()
        self.preview = ImagePreview()
        self.preview_caption = QLabel(self.tr("What the model sees\n(28 x 28 pixels)"))
        self.preview_caption.setObjectName("previewCaption")
        self.preview_caption.setWordWrap(True)
        self.preview_caption.setEnabled(False)  # the palette's disabled text: a quiet caption
        self.preview_caption.setMinimumWidth(60)
        self.preview_caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.probabilities_label = QLabel(self.tr("Probabilities"))
        lines = self.fontMetrics().lineSpacing()
        self.caption.setMinimumHeight(CAPTION_LINES * lines)  # reserved: the layout never jumps
        self.confidence.setMinimumHeight(CONFIDENCE_LINES * lines)

        # the digit, the image the model saw and its caption side by side: the panel stays short
        answer = QHBoxLayout()
        answer.addWidget(self.digit, 1)
        answer.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignVCenter)
        answer.addWidget(self.preview_caption, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.number_row)
        layout.addLayout(answer)
        layout.addWidget(self.confidence)
        layout.addWidget(self.probabilities_label)
        layout.addWidget(self.chart, 1)
        QWidget.setTabOrder(self.digit, self.chart)  # the result, its probabilities, what the model saw
        QWidget.setTabOrder(self.chart, self.preview)
        QWidget.setTabOrder(self.preview, self.copy_button)
        self._announced = ""  # the last result a screen reader was told
        self._number_info: tuple[object, int] = (None, -1)  # the NumberPrediction shown, the selected index
        self.show_prediction(None)
        self.show_number(None)

    def minimumSizeHint(self) -> QSize:
        """Room for the number row too while it is hidden: the window's minimum size always
        fits the panel, whatever it shows (nothing overlaps, nothing jumps)."""
        hint = super().minimumSizeHint()
        if self.number_row.isHidden():
            extra = self.number_row.minimumSizeHint().height() + self.layout().spacing()
            hint.setHeight(hint.height() + extra)
        return hint

    def show_number(self, number, selected: int = -1) -> None:
        """number: a NumberPrediction or None. Shown (large, with a Copy button) when it
        has more than one character; a single digit shows as the digit alone."""
        text = number.shown_text() if number is not None else ""
        problem = number.problem() if number is not None else ""
        self.number.setText(text)
        self.copy_button.setEnabled(bool(text) and (not problem or problem in COPIED_AS_WRITTEN))
        self.number_row.setVisible(len(text) > 1)
        self._fit_number()
        self._number_info = (number, selected)
        self._caption_for_selection()

    def show_selection(self, selected: int) -> None:
        number, _ = self._number_info
        self._number_info = (number, selected)
        self._caption_for_selection()

    def _caption_for_selection(self) -> None:
        number, selected = self._number_info
        if number is None or len(number.characters) < 2:
            return
        if number.problem():  # "3..4": the reading is shown, but it is not a number
            why = {
                "points": self.tr("Not a number (more than one decimal point); Copy copies it as written"),
                "minus": self.tr("Not a number (a minus sign can only come first); Copy copies it as written"),
                "lines": self.tr("Not one number: it is written on several lines"),
            }
            self.caption.setText(why.get(number.problem(), self.tr("Not a number")))
            return
        digits = [i for i, c in enumerate(number.characters) if c.is_digit]
        if selected in digits:
            if len(digits) > 1:  # a click selects a digit, of a drawing or of an opened image
                text = self.tr("Digit %1 of %2 (click another digit on the canvas to see it)")
            else:
                text = self.tr("Digit %1 of %2")
            self.caption.setText(fill(text, str(digits.index(selected) + 1), str(len(digits))))

    def _fit_number(self) -> None:
        """The largest font up to NUMBER_FONT_SCALE x that fits the number in the panel's width."""
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(self.font().pointSizeF() * NUMBER_FONT_SCALE)
        room = max(60, self.width() - self.copy_button.sizeHint().width() - 40)
        advance = QFontMetrics(font).horizontalAdvance(self.number.text() or "0")
        if advance > room:
            font.setPointSizeF(max(8.0, font.pointSizeF() * room / advance))
        self.number.setFont(font)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_number()

    def show_prediction(self, prediction, source: str = "") -> None:
        """prediction None or without a digit: a hint, not a guess; "not a digit" says so."""
        if prediction is not None and getattr(prediction, "not_digit", False):
            self._show_not_digit(prediction, source)
            return
        if prediction is not None and prediction.digit is None and prediction.message == BLANK_PICTURE_REASON:
            self._show_blank_picture(source)
            return
        if prediction is None or prediction.digit is None:
            self.digit.setText("")
            self.caption.setText(self.tr("Prediction"))
            self.confidence.setText(self.tr("Draw a digit on the canvas, or open an image (Ctrl+O)."))
            self.chart.set_probabilities(None)
            self.preview.set_array(None)
            self._describe(self.tr("No prediction yet"))
            return
        conf = prediction.confidence
        self.digit.setText(str(prediction.digit))
        self.caption.setText(fill(self.tr("Recognized from %1"), source) if source else self.tr("Prediction"))
        self._caption_for_selection()
        self.digit.setEnabled(conf >= LOW_CONFIDENCE)  # an unsure answer is shown greyed
        if conf < LOW_CONFIDENCE:
            runner_up = int(prediction.probabilities.argsort()[-2])
            text = self.tr("Not sure: %1% confident. Maybe a %2?")
            text = fill(text, f"{conf * 100:.0f}", str(runner_up))
        else:
            text = fill(self.tr("%1% confident"), f"{conf * 100:.1f}")
        self.confidence.setText(text)
        self.chart.set_probabilities(prediction.probabilities, prediction.digit)
        self.preview.set_array(prediction.image)
        self._describe(fill(self.tr("Predicted digit: %1"), prediction.digit))

    def _show_not_digit(self, prediction, source: str) -> None:
        """A picture of something else: no digit, no bars, and what the model saw."""
        self.digit.setText("\u2014")  # an em dash: no digit
        self.digit.setEnabled(False)
        self.caption.setText(fill(self.tr("Recognized from %1"), source) if source else self.tr("Prediction"))
        if prediction.message == NOT_DIGIT_TEXTURE_REASON:
            text = self.tr("Not a digit: this picture is noise or a texture, with no strokes to read.")
        elif prediction.message == NOT_DIGIT_POINT_REASON:
            text = self.tr(
                "Not a digit: this looks like a punctuation mark (a stroke with a point below it, as in ! or ?)."
            )
        elif prediction.message == NOT_DIGIT_LOOPS_REASON:
            text = self.tr(
                "Not a digit: this looks like a scribble or a drawing (it encloses more loops than any digit)."
            )
        elif source:  # an opened or pasted image
            text = self.tr(
                "Not a digit: this picture looks like something else (a letter, a symbol, a drawing or noise)."
            )
        else:
            text = self.tr("Not a digit: this drawing looks like something else (a letter, a symbol or a scribble).")
        self.confidence.setText(text)
        self.chart.set_probabilities(None)
        self.preview.set_array(prediction.image if prediction.image.any() else None)
        self._describe(self.tr("Not a digit"))

    def _show_blank_picture(self, source: str) -> None:
        """An opened picture with nothing to read in it (blank paper, ink too faint)."""
        self.digit.setText("")
        self.caption.setText(fill(self.tr("Recognized from %1"), source))
        self.confidence.setText(self.tr("Nothing to recognize: the picture is blank, or its ink is too faint."))
        self.chart.set_probabilities(None)
        self.preview.set_array(None)
        self._describe(self.tr("Nothing to recognize"))

    def _describe(self, name: str) -> None:
        """The result as a screen reader says it: the label's accessible name (the digit) and
        description (the confidence line); a new result is announced once."""
        self.digit.setAccessibleName(name)
        self.digit.setAccessibleDescription(self.confidence.text())
        if name != self._announced:
            self._announced = name
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.digit, name))

"""A whole number read from ink or an image: its text and, per character, where it is
and what the recognizer said.

    result = predictor.predict_number(strokes)     # or predict_number_image(image)
    result.text                                    # "2024", "3.14", "-7", "" when empty
    for c in result.characters:
        c.text, c.box, c.strokes, c.probabilities, c.image

One digit is a number of length one, so the app and the single-digit API agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

# When a reading counts as a number (NumberPrediction.reads_as_number): the mean top
# probability of its digits, and how many times their height its characters must span
NUMBER_CONFIDENCE = 0.75
NUMBER_ASPECT = 1.2
STRAY_POINT_GAP = 0.5  # a point before a line's digits this far (their heights) from them is a speck
# Digits written in a row (NumberPrediction.written_in_a_row): the shortest at least ROW_HEIGHT of
# the tallest, tops and bottoms within ROW_ALIGN of its height, each read with ROW_CONFIDENCE
ROW_HEIGHT, ROW_ALIGN, ROW_CONFIDENCE = 0.75, 0.25, 0.85
LINES_HEIGHT = 0.25  # each line of numbers one under another is at least this tall (of the tallest)
MARK_HEIGHT = 0.5  # a line no number of its own and less tall than this (of the tallest) is a mark ...
MARK_CHARACTERS = 2  # ... when it reads as at most this many characters
SIDE_BY_SIDE_OVERLAP = 0.3  # neighbours in a row share at most this much of the narrower's width
DIGIT_CHARS = "0123456789"
DECIMAL_POINT = "."
MINUS = "-"
SHOWN_MARKS = 20  # "no digit, only ..." shows at most this many of the marks read
NOT_A_NUMBER = {  # NumberPrediction.problem() -> what is wrong, in words
    "points": "more than one decimal point",
    "minus": "a minus sign after its first character",
    "lines": "more than one line",
}


@dataclass(frozen=True)
class Character:
    """One character of a number.

    text: "0".."9", "." or "-".
    box: (x0, y0, x1, y1) in the input's coordinates (canvas pixels for ink, the
        image's own pixels for images), x0 <= x1, y0 <= y1.
    strokes: indices into the input ink of the strokes it is made of (empty for images).
    probabilities: (10,) float32 softmax for a digit, None for "." and "-".
    image: (28, 28) float32 in [0, 1], what the model saw, None for "." and "-".
    mask: images only: (h, w) bool, the character's ink pixels inside `box`, at the
        working resolution of the image path (`mask_scale` image pixels per mask pixel).
    blob: images only: the index of the blob (8-connected ink) all its pixels come from;
        -1 when they come from several, or for ink. Neighbours of one blob touch: a cut
        blob's pieces (two digits written touching, or a letter cut in pieces).
    """

    text: str
    box: tuple[float, float, float, float]
    strokes: tuple[int, ...] = ()
    probabilities: np.ndarray | None = None
    image: np.ndarray | None = None
    mask: np.ndarray | None = field(default=None, repr=False)
    mask_scale: float = 1.0
    line: int = 0  # the line of writing it is on, 0 for the top one (model/segmentation/text_lines.py)
    blob: int = -1

    @property
    def is_digit(self) -> bool:
        return self.text in DIGIT_CHARS and len(self.text) == 1

    @property
    def confidence(self) -> float:
        """The digit's probability (1.0 for "." and "-": they are decided by shape)."""
        return float(self.probabilities.max()) if self.probabilities is not None else 1.0

    def to_dict(self) -> dict[str, Any]:
        obj: dict[str, Any] = {"text": self.text, "box": [round(float(v), 2) for v in self.box]}
        if self.probabilities is not None:
            obj["probabilities"] = [round(float(p), 6) for p in self.probabilities]
        return obj


def characters_box(characters: Sequence[Character]) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the boxes of one or more characters together."""
    return (
        min(c.box[0] for c in characters),
        min(c.box[1] for c in characters),
        max(c.box[2] for c in characters),
        max(c.box[3] for c in characters),
    )


@dataclass(frozen=True)
class NumberPrediction:
    """text: the characters left to right ("" when there is nothing to read, then
    `message` says why). characters: one Character per character of text."""

    text: str
    characters: tuple[Character, ...]
    message: str = ""
    not_digit: bool = False  # the input holds something, but no digit (model/ood.py); message says why

    @property
    def digits(self) -> list[Character]:
        return [c for c in self.characters if c.is_digit]

    def looks_like_a_number(self, signed: bool = False) -> bool:
        """Several characters side by side, wider than tall (NUMBER_ASPECT): a broken single
        digit in a photo (two blobs of one 8) is not a number. signed: a minus (decided by
        its shape) before the digits of one line makes a number too, however narrow (a
        picture of "-5": pictures' readings)."""
        if len(self.characters) < 2 or not self.digits:
            return False
        if signed and self.characters[0].text == MINUS and self.lines == 1:
            return True
        x0, y0, x1, y1 = characters_box(self.characters)
        return x1 - x0 >= NUMBER_ASPECT * (y1 - y0)

    def without_stray_points(self) -> NumberPrediction:
        """The reading without the points after a line's digits (a number does not end
        with a decimal point) and those before them more than STRAY_POINT_GAP of the
        digits' height away: in a picture a speck of the paper, the desk or a punched hole
        (".5" for a 5 beside a notebook's margin, "3." for a 3 by the desk's edge), not a
        decimal point. Itself when there are none (or no digits)."""
        stray = []
        for k, c in enumerate(self.characters):
            line = [d for d in self.digits if d.line == c.line]
            if c.text != DECIMAL_POINT or not line:
                continue
            x0, _, x1, _ = characters_box(line)
            after = c.box[0] >= x1 - 0.5 * (c.box[2] - c.box[0])  # its centre right of the digits
            if after or x0 - c.box[2] > STRAY_POINT_GAP * max(d.box[3] - d.box[1] for d in line):
                stray.append(k)
        if not stray:
            return self
        return NumberPrediction.of([c for k, c in enumerate(self.characters) if k not in stray])

    def written_in_a_row(self) -> bool:
        """Two or more digits and nothing else, each left of the next without sharing any x,
        as tall as each other (ROW_HEIGHT) with their tops and bottoms level (ROW_ALIGN),
        each read with ROW_CONFIDENCE: a number however narrow ("11", "90"), not a letter in
        pieces (measured: none of 1,000 photo_cases non-digits and 2 of 1,144 UJI letters as
        pictures)."""
        chars = self.characters
        if len(chars) < 2 or len(self.digits) != len(chars):
            return False
        tallest = max(c.box[3] - c.box[1] for c in chars)
        return all(
            c.box[3] - c.box[1] >= ROW_HEIGHT * tallest and c.confidence >= ROW_CONFIDENCE for c in chars
        ) and all(
            b.box[0] >= a.box[2]
            and abs(a.box[1] - b.box[1]) <= ROW_ALIGN * tallest
            and abs(a.box[3] - b.box[3]) <= ROW_ALIGN * tallest
            for a, b in zip(chars, chars[1:])
        )

    def side_by_side(self) -> bool:
        """Every character left of the next, their x ranges overlapping by at most
        SIDE_BY_SIDE_OVERLAP of the narrower one: written in a row, not one inside another
        (a smiley's eyes and mouth inside its face are no number)."""
        for a, b in zip(self.characters, self.characters[1:]):
            if a.line != b.line:
                continue
            overlap = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
            narrower = min(a.box[2] - a.box[0], b.box[2] - b.box[0])
            if overlap > SIDE_BY_SIDE_OVERLAP * narrower:
                return False
        return True

    def confident(self) -> bool:
        """Its digits read with NUMBER_CONFIDENCE on average (False without digits)."""
        confidences = [c.confidence for c in self.digits]
        return bool(confidences) and sum(confidences) / len(confidences) >= NUMBER_CONFIDENCE

    def prediction(self, index: int):
        """The single-digit Prediction of character `index` (a digit), or a Prediction
        with digit None (index -1, or a "." / "-"), so one digit reads as before."""
        from ..prediction import Prediction

        if not 0 <= index < len(self.characters) or not self.characters[index].is_digit:
            return Prediction.nothing(self.message or "nothing to recognize")
        c = self.characters[index]
        assert c.probabilities is not None and c.image is not None  # a digit's character carries both
        return Prediction(int(c.text), c.probabilities, c.image)

    def problem(self) -> str:
        """Why these characters spell no number, as a key of NOT_A_NUMBER ("" when they do).
        Segmentation reads every dot as a decimal point, so "3..4" can be read; the reading
        is kept (what was written), but it is not a number."""
        if self.lines > 1:
            return "lines"
        if self.text.count(DECIMAL_POINT) > 1:
            return "points"
        if MINUS in self.text[1:]:
            return "minus"
        return ""

    @property
    def lines(self) -> int:
        """How many lines of writing the characters are on (1 for a number)."""
        return 1 + max((c.line for c in self.characters), default=0)

    def line_texts(self) -> list[str]:
        """The text of each line of writing, top to bottom."""
        return ["".join(c.text for c in self.characters if c.line == k) for k in range(self.lines)]

    def cut_from_one_blob(self) -> bool:
        """Pictures' readings: are there two characters or more, and every two neighbours on
        a line pieces of one blob (Character.blob)?"""
        pairs = [(a, b) for a, b in zip(self.characters, self.characters[1:]) if a.line == b.line]
        return bool(pairs) and all(a.blob >= 0 and a.blob == b.blob for a, b in pairs)

    def lines_of_numbers(self) -> bool:
        """Numbers written one under another ("12" over "34", a column 5, 2, 8): two lines or
        more, each a number of its own (_number_line) and as tall as LINES_HEIGHT of the
        tallest (a crumb of clutter above a number is no line of writing)."""
        lines, heights = self.line_readings(), self._line_heights()
        return len(lines) > 1 and all(
            _number_line(line) and height >= LINES_HEIGHT * max(heights) for line, height in zip(lines, heights)
        )

    def without_marks(self) -> NumberPrediction:
        """The reading without its lines that are no number of their own (_number_line),
        less than MARK_HEIGHT as tall as the tallest line and of at most MARK_CHARACTERS
        characters: a tick, a crossing-out or a scribble above or below a number ("2 / 47"
        for "47" under a crossed-out word; a desk's grain read as a line of many small
        digits is clutter, not a mark). Itself when there are none, or when nothing else
        is left."""
        lines, heights = self.line_readings(), self._line_heights()
        if len(lines) < 2:
            return self
        tallest = max(heights)
        keep = [
            k
            for k, (line, h) in enumerate(zip(lines, heights))
            if _number_line(line)
            or h >= MARK_HEIGHT * tallest
            or sum(c.line == k for c in self.characters) > MARK_CHARACTERS
        ]
        if not keep or len(keep) == len(lines):
            return self
        return NumberPrediction.of([replace(c, line=keep.index(c.line)) for c in self.characters if c.line in keep])

    def _line_heights(self) -> list[float]:
        """The height of each line's tallest character, top to bottom."""
        return [
            max((c.box[3] - c.box[1] for c in self.characters if c.line == k), default=0.0) for k in range(self.lines)
        ]

    def line_readings(self) -> list[NumberPrediction]:
        """Each line of writing as a reading of its own (its characters on line 0), top to bottom."""
        return [
            NumberPrediction.of([replace(c, line=0) for c in self.characters if c.line == k]) for k in range(self.lines)
        ]

    def shown_text(self) -> str:
        """The reading as the app shows it: the text, its lines joined by " / " ("12 / 34")."""
        return " / ".join(self.line_texts())

    def to_dict(self) -> dict[str, Any]:
        """{"number": "2024", "characters": [...]} or {"error": message}: the CLI's JSON.
        Characters that spell no number ("3..4"): {"number": null, "reason": ..., "characters": [...]}."""
        if self.not_digit:
            return {"number": None, "reason": self.message}
        if not self.characters:
            return {"error": self.message or "nothing to recognize"}
        characters = [c.to_dict() for c in self.characters]
        problem = self.problem()
        if not problem:
            return {"number": self.text, "characters": characters}
        if problem == "lines":
            for c, obj in zip(self.characters, characters):
                obj["line"] = c.line
            reason = f"not a number: written on {self.lines} lines ({', '.join(map(repr, self.line_texts()))})"
        else:
            reason = f"not a number: {self.text!r} has {NOT_A_NUMBER[problem]}"
        return {"number": None, "reason": reason, "characters": characters}

    @classmethod
    def nothing(cls, message: str, not_digit: bool = False) -> NumberPrediction:
        return cls("", (), message, not_digit)

    @classmethod
    def of(cls, characters: Sequence[Character]) -> NumberPrediction:
        """The number these characters spell, read left to right; without a digit among
        them (a lone dot or dash) there is no number: nothing(...) says so."""
        if not any(c.is_digit for c in characters):
            shown = "".join(c.text for c in characters)
            if len(shown) > SHOWN_MARKS:  # 10,000 dots made a 10 KB line
                shown = f"{shown[:SHOWN_MARKS]}... ({len(shown)} marks)"
            return cls.nothing(f"nothing to recognize: no digit, only {shown!r}" if shown else "nothing to recognize")
        return cls("".join(c.text for c in characters), tuple(characters))


def _number_line(line: NumberPrediction) -> bool:
    """Is one line's reading (NumberPrediction.line_readings) a confident number of its
    own: wider than tall or signed (looks_like_a_number), its digits in a row
    (written_in_a_row), or one digit read with ROW_CONFIDENCE?"""
    return (
        bool(line.digits)
        and line.confident()
        and (
            line.looks_like_a_number(signed=True)
            or line.written_in_a_row()
            or (len(line.characters) == 1 and line.characters[0].confidence >= ROW_CONFIDENCE)
        )
    )

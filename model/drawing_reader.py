"""How a drawing is read, whatever engine runs the networks: torch (model/predictor.py
Predictor) or NumPy (model/numpynet/numpy_bridge.py, before torch is loaded).

One path (DrawingReader): ink is rendered by model/pen/ink.py, read as a number by
model/segmentation/number_ink.py, rescored with the trajectory network and checked by the "not a
digit" network in the same order by both engines (a confident number only when its
characters are glued together, a letter's pieces: model/segmentation/glued.py). An engine
supplies two forward passes:

    _classify((N, 28, 28) float32 in [0, 1]) -> (N, 10) float32 probabilities
    _trajectory_logits((N, NUM_FEATURES, L) float32) -> (N, 10) logits

and two attributes: `trajectory` (an object with `points` and `weight`, or None) and
`not_digit` (a model/not_digit_rule.py NotDigitRule: `rejects(images, ink=...,
margin=..., clean=...)` and its three thresholds; or None).
NumPy only: nothing here imports torch.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .formats import NOT_DIGIT_DOUBT_MARGIN
from .formats import NOT_DIGIT_POINT_REASON as NOT_A_DIGIT_MARK
from .formats import NOT_DIGIT_REASON as NOT_A_DIGIT
from .pen.ink import Ink, ink_to_array, render_ink
from .prediction import NUM_DIGITS, Prediction
from .preprocess import IMAGE_SIZE, NoDigit, NothingToRecognize
from .segmentation.drawn_over import drawn_over_runs
from .segmentation.glued import GLUE_DISTANCE, STROKES_GLUE_DISTANCE, glued, stroke_like
from .segmentation.ink_punctuation import point_below
from .segmentation.number import Character, NumberPrediction, characters_box
from .trajectory_net.trajectory_features import combine, trajectory_features_many

Render = Callable[[Any], np.ndarray]  # one input -> (28, 28) float32 in [0, 1]
# A confident number is written letters when the "not a digit" check turns away this share
# of its digits (one at least). Chosen on pendigits writers 1..20 and Omniglot's Latin
# drawers 1..16 (bench/words_eval.py): real numbers' digits are turned away one in
# hundreds, letters' most of the time (a word's "o", "l", "s" read as digits, so not all).
LETTERS_SHARE = 0.25


def _character_strokes(number: NumberPrediction, strokes: Ink) -> dict[int, np.ndarray]:
    """Stroke index -> (P, 2) float64 x, y of every stroke of the reading's characters."""
    return {k: ink_to_array([strokes[k]])[0] for c in number.characters for k in c.strokes}


def _punctuated(number: NumberPrediction, own: dict[int, np.ndarray]) -> bool:
    """Is one of the reading's digits a stroke with a point centred below it (a "!", "?")?
    own: _character_strokes of the reading."""
    return any(point_below([own[k] for k in c.strokes]) for c in number.digits)


class DrawingReader:
    """The drawing paths of the one inference API; subclasses run the networks (module doc)."""

    trajectory: Any = None  # .points (trajectory length), .weight (combination weight), or None
    # a NotDigitRule (model/not_digit_rule.py): .rejects(...) and three thresholds; None: never reject
    not_digit: Any = None

    def _classify(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) float32 in [0, 1] -> (N, 10) float32 softmax probabilities."""
        raise NotImplementedError

    def _trajectory_logits(self, x: np.ndarray) -> np.ndarray:
        """(N, NUM_FEATURES, L) float32 trajectories -> (N, 10) logits; needs self.trajectory."""
        raise NotImplementedError

    # -- one input ----------------------------------------------------------------------
    def predict_strokes(self, strokes: Ink, check_not_digit: bool = False) -> Prediction:
        """Ink -> Prediction; digit None for an empty ink. ValueError for malformed ink.

        check_not_digit: also ask the "not a digit" check (model/ood.py), as for pictures:
        a drawing of a letter, a smiley or a scribble then gives digit None with not_digit
        set. Off by default: the batch and live paths read every ink as a digit.
        """
        prediction = self._with_trajectory([strokes], [self._predict_one(render_ink, strokes)])[0]
        return self._reject_non_digits([prediction], ink=True)[0] if check_not_digit else prediction

    def predict_arrays(self, images: Sequence[np.ndarray]) -> list[Prediction]:
        """(28, 28) MNIST-style arrays in [0, 1] -> predictions, one forward pass."""
        if len(images) == 0:
            return []
        batch = np.stack([np.asarray(a, dtype=np.float32) for a in images])  # (N,28,28)
        if batch.shape[1:] != (IMAGE_SIZE, IMAGE_SIZE):
            raise ValueError(f"expected (28, 28) images, got {batch.shape[1:]}")
        probs = self._classify(batch)  # (N,10)
        return [Prediction(int(p.argmax()), p, img) for p, img in zip(probs, batch)]

    # -- whole numbers ------------------------------------------------------------------
    def predict_number(self, strokes: Ink, cache: dict | None = None) -> NumberPrediction:
        """Ink of one or more characters -> NumberPrediction (text "2024", "3.14", "-5").

        Segmentation by recognition (model/segmentation/segment.py): every plausible grouping of the
        strokes is rendered like a single digit and classified in one forward pass.
        cache: a dict the caller keeps between calls on THIS reader (live recognition
        while drawing): unchanged groups of strokes are not rendered or classified again.
        An empty ink gives text "" and a message; ValueError for malformed ink.
        """
        from .segmentation.number_ink import read_number

        rescore = self._rescore_inks if self.trajectory is not None else None
        return read_number(strokes, self._number_probabilities, cache, rescore)

    def read_drawing(self, strokes: Ink, cache: dict | None = None) -> tuple[NumberPrediction, Prediction | None]:
        """What DigitPad reads in a drawing (the app's canvas, `digitpad predict --ink --number`).

        The number (predict_number), unless the "not a digit" check (model/ood.py) turns it
        away: when it does not read as a confident number of several characters, the check
        reads its digits' strokes as one digit; when it does, but the characters are glued
        together, or the check turns its digits away (written letters, _unless_letters), no number.
        Turned away: NumberPrediction.nothing(..., not_digit=True) and a whole-ink Prediction
        (digit None, not_digit set, its 28x28 input kept); else (number, None).
        """
        number = self.predict_number(strokes, cache)
        own = _character_strokes(number, strokes) if len(number.characters) > 1 else {}  # validated once
        number = self._merge_drawn_over(number, strokes, own)
        several_lines = number.lines > 1  # shown as read, line by line; it is no single digit either
        # Ink is segmented by its strokes, so two confident digits side by side are a number
        # even when narrower than NUMBER_ASPECT ("12", "71": a 1 is thin); that rule is for
        # pictures' blobs, where one broken digit can make two.
        several = number.looks_like_a_number() or (len(number.digits) >= 2 and number.side_by_side())
        if not number.characters or several_lines:
            return number, None
        if several and _punctuated(number, own):  # a "!" or "?" among them ("7!"): no number
            whole = dataclasses.replace(self._as_not_digit(self.predict_strokes(strokes)), message=NOT_A_DIGIT_MARK)
            return NumberPrediction.nothing(NOT_A_DIGIT_MARK, not_digit=True), whole
        if several and number.confident():
            return self._unless_letters(number, strokes, own)
        # the check reads the digits' strokes as one: a "1." is a 1 with a point, not a mark
        digit_strokes = sorted(k for c in number.digits for k in c.strokes)
        whole = self.predict_strokes([strokes[k] for k in digit_strokes], check_not_digit=True)
        if whole.not_digit:
            return NumberPrediction.nothing(whole.message, not_digit=True), whole
        return number, None

    def _unless_letters(
        self, number: NumberPrediction, strokes: Ink, own: dict[int, np.ndarray]
    ) -> tuple[NumberPrediction, Prediction | None]:
        """A confident number of several characters, unless it is written letters: a word
        ("cat" read as "004") or a letter in pieces ("n" read as "17"). Letters when the
        check turns away at least LETTERS_SHARE of its digits (one at least), or when the
        characters are glued together (model/segmentation/glued.py: all neighbours' ink
        touching) and the check turns away one of its digits (the "<" of a K read as "12")
        or, for pieces a lone stroke reads as (1, minus, point: a V read as "11", an H as
        "1-1"), the reading's strokes read as one. Then (nothing(not_digit=True), the whole
        reading's strokes as one Prediction). own: _character_strokes of the reading."""
        if self.not_digit is None:
            return number, None
        images = [c.image for c in number.digits if c.image is not None]  # (28,28) each
        rejected = int(self._rejects_pieces(np.stack(images)).sum()) if images else 0
        letters = rejected >= max(1.0, LETTERS_SHARE * len(images))
        # pieces a lone stroke reads as: the check decides on the strokes together
        lone_strokes = not letters and stroke_like(number.characters)
        if not letters:
            distance = STROKES_GLUE_DISTANCE if lone_strokes else GLUE_DISTANCE
            if not glued(number.characters, own, distance) or (not lone_strokes and not rejected):
                return number, None
        reading = sorted(own)  # the reading's stroke indices
        whole = self.predict_strokes([strokes[k] for k in reading], check_not_digit=lone_strokes)
        if lone_strokes and not whole.not_digit:
            return number, None
        whole = self._as_not_digit(whole)
        return NumberPrediction.nothing(whole.message, not_digit=True), whole

    def _rejects_pieces(self, images: np.ndarray) -> np.ndarray:
        """(n, 28, 28) characters segmented from a drawing -> (n,) bool: turned away by the
        check at the higher of its two thresholds. The drawn ink's threshold is calibrated
        on whole drawings of one digit; a segmented character carries bits of its touching
        neighbours, which no held-out source holds (bench/number_eval.py --drawing, touching
        numbers called not a digit at the drawn ink's threshold: 1.3% -> 2.3%)."""
        check = self.not_digit
        return check.rejects(images, ink=True, margin=min(0.0, check.ink_threshold - check.threshold))

    def _merge_drawn_over(self, number: NumberPrediction, strokes: Ink, own: dict[int, np.ndarray]) -> NumberPrediction:
        """The reading with each digit gone over again read as one (a 1 drawn twice: "1",
        not "11"; model/segmentation/drawn_over.py). own: _character_strokes of the reading
        (a merged character keeps its parts' strokes, so it stays valid)."""
        if len(number.digits) < 2:
            return number
        runs = drawn_over_runs(number.characters, own)
        if len(runs) == len(number.characters):
            return number
        chars = []
        for run in runs:
            parts = [number.characters[i] for i in run]
            if len(parts) == 1:
                chars.append(parts[0])
                continue
            indices = tuple(sorted(k for c in parts for k in c.strokes))
            one = self.predict_strokes([strokes[k] for k in indices])
            if one.digit is None:  # no shape to read together: keep them as read
                chars += parts
                continue
            chars.append(
                Character(
                    str(one.digit), characters_box(parts), indices, one.probabilities, one.image, line=parts[0].line
                )
            )
        return NumberPrediction.of(chars)

    def _number_probabilities(self, images: np.ndarray) -> np.ndarray:
        """(M, 28, 28) -> (M, 10): a number's candidates, a chunk at a time (small batches)."""
        return self._classify(np.ascontiguousarray(images, dtype=np.float32))

    # -- internals --------------------------------------------------------------------
    def _with_trajectory(self, inks: Sequence[Ink], results: list[Any]) -> list[Any]:
        """Rescore the recognized inks with the trajectory network too (if there is one)."""
        found = [i for i, r in enumerate(results) if isinstance(r, Prediction) and r.digit is not None]
        if self.trajectory is None or not found:
            return results
        image_probs = np.stack([results[i].probabilities for i in found])  # (n,10)
        combined = self._rescore_inks([inks[i] for i in found], image_probs)  # (n,10)
        for i, p in zip(found, combined):
            results[i] = dataclasses.replace(results[i], digit=int(p.argmax()), probabilities=p)
        return results

    def _rescore_inks(self, inks: Sequence[Ink], image_probs: np.ndarray) -> np.ndarray:
        """(n, 10) image probabilities of n inks -> (n, 10) probabilities of the image and
        trajectory networks together (model/trajectory_net/trajectory_features.py combine). Needs self.trajectory."""
        x = trajectory_features_many(inks, self.trajectory.points)  # (n,5,L)
        return combine(image_probs, self._trajectory_logits(x), self.trajectory.weight)

    def _reject_non_digits(
        self, results: list[Any], ink: bool = False, findings: Sequence[Any] | None = None
    ) -> list[Any]:
        """Digit None and not_digit where the check says the input is no digit; the image
        stays. ink: the results are drawn ink's (the check's ink threshold), else pictures'.
        findings: per result, what the finder saw in the picture (model/pictures/images.py
        PictureInput, or None): doubtful (its digit encloses as many loops as a digit can,
        model/pictures/loops.py: the check turns it away NOT_DIGIT_DOUBT_MARGIN sooner) and
        clean (flat ink on flat paper, all of it the digit: the check's clean threshold)."""
        found = [i for i, r in enumerate(results) if isinstance(r, Prediction) and r.digit is not None]
        if self.not_digit is None or not found:
            return results
        images = np.stack([results[i].image for i in found])  # (n,28,28)
        seen = [findings[i] if findings is not None else None for i in found]
        doubtful = np.array([bool(f is not None and f.doubtful) for f in seen])  # (n,)
        clean = np.array([bool(f is not None and f.clean) for f in seen])  # (n,)
        margin = np.where(doubtful, NOT_DIGIT_DOUBT_MARGIN, 0.0)  # (n,) logits
        rejected = self.not_digit.rejects(images, ink=ink, margin=margin, clean=clean)  # (n,)
        for i, no in zip(found, rejected):
            if no:
                results[i] = self._as_not_digit(results[i])
        return results

    @staticmethod
    def _as_not_digit(prediction: Prediction) -> Prediction:
        """The same input (its image kept) called "not a digit": digit None, probabilities 0."""
        return dataclasses.replace(
            prediction,
            digit=None,
            message=NOT_A_DIGIT,
            not_digit=True,
            probabilities=np.zeros(NUM_DIGITS, dtype=np.float32),
        )

    def _predict_one(self, render: Render, source: Any) -> Prediction:
        try:
            image = render(source)  # (28,28)
        except NothingToRecognize as exc:
            return Prediction.nothing(str(exc), isinstance(exc, NoDigit))
        return self.predict_arrays([image])[0]

    def _predict_chunk(self, render: Render, sources: Sequence[Any]) -> list[Prediction | ValueError]:
        results: list[Any] = [None] * len(sources)
        good, arrays = [], []
        for i, src in enumerate(sources):
            try:
                arrays.append(render(src))  # (28,28)
                good.append(i)
            except NothingToRecognize as exc:
                results[i] = Prediction.nothing(str(exc), isinstance(exc, NoDigit))
            except ValueError as exc:
                results[i] = exc
        for i, pred in zip(good, self.predict_arrays(arrays)):
            results[i] = pred
        return results

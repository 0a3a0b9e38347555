"""The one inference API: ink or an image in, 10 probabilities and the 28x28 input out.

    from model import Predictor
    predictor = Predictor.load()              # the bundled model (or a path)
    p = predictor.predict_strokes(strokes)    # or predict_image(path | bytes | PIL | array)
    p.digit, p.probabilities, p.image         # None / zeros / blank when nothing to recognize
    n = predictor.predict_number(strokes)     # or predict_number_image(...): a whole number
    n.text, n.characters                      # "3.14"; per character box, strokes, probabilities

Networks return logits; the softmax is here. Rendering (model/pen/ink.py, model/pictures/images.py)
is pure and needs no lock; the forward pass holds a lock, so the GUI may predict
while a training thread runs on another model.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch

from .checkpoints.checkpoint import LoadedModel, load_model
from .drawing_reader import DrawingReader, Render
from .inference import InferenceNet
from .ood import NotDigitCheck, bundled_check
from .paths import bundled_model_path
from .pen.ink import Ink, render_ink
from .prediction import NUM_DIGITS, Prediction
from .preprocess import IMAGE_SIZE, normalize
from .segmentation.number import Character, NumberPrediction, characters_box
from .segmentation.number_ink import FORWARD_CHUNK
from .threads import intraop_threads, small_batch_threads
from .trajectory_net.trajectory import NUM_FEATURES
from .trajectory_net.trajectory_checkpoint import TrajectoryModel, load_trajectory
from .trajectory_net.trajectory_pairing import paired_trajectory

if TYPE_CHECKING:  # imported where used: the first drawing's recognition needs none of them
    from .pictures.drawing_file import SavedDrawing
    from .pictures.images import ImageInput, PictureInput
    from .training.data import DigitData
    from .training.evaluate import EvalReport

__all__ = ["Predictor", "Prediction", "SINGLE_THREAD_BELOW"]  # Prediction: model/prediction.py's

# Batches smaller than this (one drawing, a number's candidates) use torch's intra-op
# threads only while another core is idle: on an idle 2-core machine two threads take
# one 28x28 image through digitnet in 0.43 ms instead of 0.65 ms, but while a training
# thread or another program keeps the cores busy every thread hand-off waits for a core
# (tens of milliseconds), so they then run on the calling thread alone.
SINGLE_THREAD_BELOW = 16
WARM_UP_SECONDS = 0.1  # at load, see Predictor.warm_up
CLUTTER_POINTS = 0.5  # a picture's reading with this many points per digit or more is clutter (read_picture)


class Predictor(DrawingReader):
    """A loaded network plus the rendering paths. Thread-safe (the forward pass is locked).
    The drawing paths (predict_strokes, predict_arrays, predict_number, read_drawing) are
    model/drawing_reader.py's, shared with the NumPy bridge; torch runs the networks here.

    trajectory: an optional second network over the pen's path (model/trajectory_net/trajectory.py);
    when given, ink (never an image) is scored by both, combined with its weight.
    """

    def __init__(
        self,
        loaded: LoadedModel,
        not_digit: NotDigitCheck | None = None,
        trajectory: TrajectoryModel | None = None,
        warm_up: bool = True,
    ) -> None:
        self.loaded = loaded
        self.trajectory = trajectory
        self._net = InferenceNet.of(loaded.model)  # a converted copy (model/inference.py)
        self._trajectory_net = None if trajectory is None else InferenceNet.of(trajectory.net)
        self._lock = threading.Lock()
        self.not_digit = not_digit if not_digit is not None else bundled_check()  # None: never reject
        if warm_up:
            self.warm_up()

    @classmethod
    def load(
        cls, path: str | os.PathLike | None = None, trajectory: str | os.PathLike | None = None, warm_up: bool = True
    ) -> Predictor:
        """path None: the bundled model; trajectory: a trajectory checkpoint to pair with it.
        Without one, model/trajectory_net/trajectory_pairing.py pairs it: a model that carries its own trajectory
        network (adapted to a hand) with that one; the bundled model, and models adapted from it
        before they carried one, with the bundled trajectory network (assets/trajectory.pt);
        other models with none.
        warm_up False: call warm_up() later (the app's start-up does, after its first recognition).
        Raises CheckpointError (a ValueError) for a bad file.
        Loading runs on one intra-op thread (model/threads.py): its ops are small, and on busy
        cores a team of threads made it take 0.3 s instead of 0.07 s."""
        with intraop_threads(1):
            loaded = load_model(path or bundled_model_path())
            pair: TrajectoryModel | None
            if trajectory is not None:
                pair = load_trajectory(trajectory)
            else:
                pair = paired_trajectory(loaded.raw, loaded.path)
            predictor = cls(loaded, trajectory=pair, warm_up=False)
        if warm_up:
            predictor.warm_up()
        return predictor

    @property
    def path(self) -> Path | None:
        return self.loaded.path

    @property
    def arch(self) -> str:
        return self.loaded.arch

    @property
    def metrics(self) -> dict[str, Any]:
        return self.loaded.metrics

    # -- one input (the GUI) ------------------------------------------------------------
    # predict_strokes: model/drawing_reader.py
    def predict_image(self, image: ImageInput) -> Prediction:
        """Image file, bytes, PIL image or array -> Prediction; digit None for a blank image.

        ValueError when the input cannot be read as an image. A picture that holds
        something other than a digit gives digit None with not_digit set (model/ood.py).
        A drawing DigitPad saved (model/pictures/drawing_file.py) is read as its ink, as
        `digitpad predict --ink` reads it.
        """
        drawing = _saved_drawing(image)
        if drawing is not None:
            return self.predict_strokes(drawing.strokes, check_not_digit=True)
        findings: list[PictureInput | None] = [None]

        def render(source: ImageInput) -> np.ndarray:
            found = findings[0] = _image_to_input(source)
            return found.image

        return self._reject_non_digits([self._predict_one(render, image)], findings=findings)[0]

    # -- many inputs (the CLI, benchmarks) ------------------------------------------------
    def predict_many_strokes(
        self, inks: Sequence[Ink], batch_size: int = 512, check_not_digit: bool = False
    ) -> list[Prediction | ValueError]:
        """Batch form: one result per ink, in order. A blank ink gives a Prediction with
        digit None; a malformed one gives its ValueError (the others go on).
        check_not_digit: as predict_strokes's (`digitpad predict --ink` asks, as the app does
        for a single digit; `digitpad evaluate --ink` reads every ink as a digit)."""
        results: list[Prediction | ValueError] = []
        for start in range(0, len(inks), max(1, batch_size)):
            chunk = inks[start : start + batch_size]
            results += self._with_trajectory(chunk, self._predict_chunk(render_ink, chunk))
        return self._reject_non_digits(results, ink=True) if check_not_digit else results

    def predict_many_images(self, images: Sequence[ImageInput], batch_size: int = 512) -> list[Prediction | ValueError]:
        """Batch form of predict_image, with the same conventions as predict_many_strokes."""
        findings: list[PictureInput | None] = [None] * len(images)
        drawings = {k: d for k, d in ((k, _saved_drawing(image)) for k, image in enumerate(images)) if d is not None}
        pictures = [k for k in range(len(images)) if k not in drawings]

        def render(k: int) -> np.ndarray:
            found = findings[k] = _image_to_input(images[k])
            return found.image

        read = self._reject_non_digits(self._predict_many(render, pictures, batch_size), findings=findings)
        inks = [d.strokes for d in drawings.values()]
        drawn = self.predict_many_strokes(inks, batch_size, check_not_digit=True) if inks else []
        results = dict(zip(pictures, read)) | dict(zip(drawings, drawn))
        return [results[k] for k in range(len(images))]

    # -- whole numbers ------------------------------------------------------------------
    def read_picture(self, image: ImageInput) -> tuple[NumberPrediction, Prediction]:
        """What DigitPad reads in a picture (the app's Open, `digitpad predict IMAGE --number`):
        (the number, the single-digit Prediction). Points standing apart from the digits
        (before them, or after: a number does not end with one) are specks, not part of
        it. The number is kept when it looks like one (several characters wider than
        tall, or a minus and digits) and _picture_number says so; else the picture reads
        as one digit: the number of that Prediction's digit, or nothing(not_digit) when
        the picture is no digit. (bench/photo_eval.py --picture -n 200: one-digit photo
        kinds 96.4% -> 97.8% right with the stray points and the number path's clutter
        rules, model/segmentation/number_image.py; bench/number_eval.py --picture
        unchanged.) A reading
        of clutter (".085..0": a screenshot's title bar and buttons read as points and
        digits; at least CLUTTER_POINTS points per digit) gives way to the digit the
        single-digit path finds, when it finds one; a phone number or a date keeps its
        reading as written. A "!" or "?" beside a digit makes the picture no number
        (model/segmentation/number_image.py). Numbers written one under another
        (NumberPrediction.lines_of_numbers) keep their reading line by line (not one
        number, as for ink); lines that are small marks, no numbers of their own, are
        dropped (NumberPrediction.without_marks: a tick above a number); other readings on
        several lines (noise, clutter above or below a digit) give way to the single digit. A number whose characters are the
        pieces of one blob is no number when the "not a digit" check turns one of them
        away (_pieces_of_a_letter). A drawing DigitPad saved is read as its ink, as the
        live canvas read it (read_drawing; boxes in the image's pixels). ValueError when
        the input cannot be read as an image."""
        drawing = _saved_drawing(image)
        if drawing is not None:
            return self._read_saved_drawing(drawing)
        single = self.predict_image(image)
        number = self.predict_number_image(image)
        if number.not_digit:  # a "!" or "?" among the characters: the picture is no number
            return number, single
        raw, number = number, number.without_stray_points().without_marks()  # ".5": a speck and a 5
        if number.lines_of_numbers():
            return number, single  # "12" over "34": shown line by line, not one number (as ink is)
        clutter = number.problem() == "points" and number.text.count(".") >= CLUTTER_POINTS * len(number.digits)
        # lines that are not all numbers: noise, or clutter above or below one digit
        if number.lines == 1 and len(number.characters) > 1 and self._picture_number(number, single, clutter):
            if not self._pieces_of_a_letter(number):  # "yes" read "405", a scribble "25"
                return number, single
            whole = self._as_not_digit(single)
            return NumberPrediction.nothing(whole.message, not_digit=True), whole
        spells_none = clutter and single.digit is not None
        if single.digit is None or not raw.characters:
            return NumberPrediction.nothing(single.message or raw.message, not_digit=single.not_digit), single
        parts = number.characters or raw.characters
        if spells_none or number.looks_like_a_number(signed=True):
            # the clutter's parts, an unconfident reading's others, are no part of the digit
            parts = (max(number.digits or parts, key=lambda c: c.box[3] - c.box[1]),)
        digit = Character(
            str(single.digit), characters_box(parts), probabilities=single.probabilities, image=single.image
        )
        return NumberPrediction.of([digit]), single

    def _read_saved_drawing(self, drawing: SavedDrawing) -> tuple[NumberPrediction, Prediction]:
        """read_picture for a saved drawing: read_drawing's reading of its strokes, the
        characters' boxes taken to the image's pixels; the single digit is the one the
        check turned away, else the whole ink read as one digit."""
        number, rejected = self.read_drawing(drawing.strokes)
        single = rejected if rejected is not None else self.predict_strokes(drawing.strokes)
        return drawing.in_pixels(number), single

    def _pieces_of_a_letter(self, number: NumberPrediction) -> bool:
        """Are a picture's characters the pieces of something else cut from one blob (a
        letter, a word, a scribble)? When every two neighbours were cut from one blob
        (NumberPrediction.cut_from_one_blob) the "not a digit" check reads the digits, and
        one turned away makes the reading no number, as for drawn ink
        (model/segmentation/glued.py). Digits written touching are asked too."""
        if self.not_digit is None or not number.cut_from_one_blob():
            return False
        images = [c.image for c in number.digits if c.image is not None]
        return bool(images) and bool(self.not_digit.rejects(np.stack(images)).any())  # (n,28,28)

    @staticmethod
    def _picture_number(number: NumberPrediction, single: Prediction, clutter: bool) -> bool:
        """Does a picture read as several characters (`number`) and as one digit (`single`)
        hold the number? It must look like one (wider than tall, or signed: a broken 8 is
        two blobs). When the single-digit path finds a digit, a reading of clutter, or one
        less sure than that digit, gives way to it (its finder leaves out what the number's
        blobs keep: a desk's edge, a shadow's specks). When that path calls the picture no
        digit, only a confident number stands (a scribble in pieces reads unsure digits),
        and one narrower than NUMBER_ASPECT only when its digits are written in a row
        ("11", "90": no one digit either)."""
        if not number.digits:
            return False
        if not number.looks_like_a_number(signed=True):
            return single.digit is None and number.written_in_a_row()
        if single.digit is not None:
            sure = float(np.mean([c.confidence for c in number.digits]))
            return not clutter and (number.confident() or sure >= single.confidence)
        return not single.not_digit or number.confident()

    def predict_number_image(self, image: ImageInput) -> NumberPrediction:
        """An image of a handwritten number -> NumberPrediction; boxes in image pixels.

        Blank image: text "" and a message. ValueError when it cannot be read as an image.
        A drawing DigitPad saved is read as its ink (predict_number; boxes in its pixels).
        """
        from .segmentation.number_image import read_number_image

        drawing = _saved_drawing(image)
        if drawing is not None:
            return drawing.in_pixels(self.predict_number(drawing.strokes))

        return read_number_image(image, self._number_probabilities)

    def probabilities(self, images: torch.Tensor, threads: int | None = None) -> np.ndarray:
        """(N, 28, 28) float in [0, 1] -> (N, 10) float32 softmax probabilities.

        threads: intra-op threads for this call (default: small_batch_threads() for
        small batches, else torch's).
        """
        if threads is None and images.shape[0] < SINGLE_THREAD_BELOW:
            threads = small_batch_threads()
        # Everything under the thread setting: even a (N,10) softmax run by a team of
        # OpenMP threads waits milliseconds for a busy core.
        with self._lock, intraop_threads(threads), torch.inference_mode():
            x = normalize(images.float().unsqueeze(1))  # (N,1,28,28)
            logits = self._net(x)  # (N,10)
            return logits.float().softmax(dim=1).numpy()

    def evaluate(
        self,
        data: DigitData,
        cancel: threading.Event | None = None,
        batch_size: int = 256,
        progress: Callable[[int, int], None] | None = None,
    ) -> EvalReport | None:
        """The evaluation report (model.training.evaluate) of this model on data, computed a batch at a
        time under the forward-pass lock, so predictions from another thread (the GUI) get in
        between batches. None if `cancel` is set (checked before every batch).
        progress(done, total): called after every batch with the count of images done.
        ValueError for an empty data set."""
        from .training.evaluate import predict_logits, report_from_logits

        chunks = []
        for start in range(0, len(data), batch_size):
            if cancel is not None and cancel.is_set():
                return None
            with self._lock:
                chunks.append(
                    predict_logits(self.loaded.model, data.images[start : start + batch_size], torch.device("cpu"))
                )  # (B,10)
            if progress is not None:
                progress(min(start + batch_size, len(data)), len(data))
        logits = torch.cat(chunks) if chunks else torch.empty(0, NUM_DIGITS)  # (N,10)
        return report_from_logits(logits, data)

    # -- internals --------------------------------------------------------------------
    def _classify(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) float32 in [0, 1] -> (N, 10) float32 probabilities (DrawingReader's hook)."""
        return self.probabilities(torch.from_numpy(images))

    def _trajectory_logits(self, features: np.ndarray) -> np.ndarray:
        """(n, NUM_FEATURES, L) float32 -> (n, 10) float32 logits (DrawingReader's hook)."""
        assert self._trajectory_net is not None
        x = torch.from_numpy(features)  # (n,5,L)
        # A number's candidates go in the batch sizes warmed up at load (warm_up), as through the
        # image network; large batches (the command line's) in one pass. The thread count follows
        # the batch actually run: 16-63 candidates (a long number, a live re-read) go through in
        # chunks of FORWARD_CHUNK, which on a busy machine must not wait for a team of threads
        # (that cost 180-290 ms per call under load).
        step = FORWARD_CHUNK if len(x) < SINGLE_THREAD_BELOW * 4 else len(x)
        threads = small_batch_threads() if step < SINGLE_THREAD_BELOW else None
        with self._lock, intraop_threads(threads), torch.inference_mode():
            logits = torch.cat([self._trajectory_net(x[i : i + step]) for i in range(0, len(x), step)])  # (n,10)
        return logits.float().numpy()

    def warm_up(self, largest: int = FORWARD_CHUNK) -> None:
        """Run the batch sizes recognition uses once (1..largest; numbers use up to FORWARD_CHUNK),
        through both networks, on one thread and on torch's threads, and the "not a digit"
        check at batch 1: oneDNN builds its kernels for each new input shape on first use
        (1-2 ms each, more on a busy machine), here rather than under the user's strokes.
        At most about WARM_UP_SECONDS: a big network (alexnet) stops early."""
        start = time.perf_counter()
        if self.not_digit is not None:
            self.not_digit.rejects(np.zeros((1, IMAGE_SIZE, IMAGE_SIZE), np.float32))
        for batch in range(1, largest + 1):
            for threads in {1, torch.get_num_threads()}:  # small_batch_threads() gives either
                self.probabilities(torch.zeros(batch, IMAGE_SIZE, IMAGE_SIZE), threads=threads)
                if self.trajectory is not None and self._trajectory_net is not None:
                    x = torch.zeros(batch, NUM_FEATURES, self.trajectory.points)  # (B,5,L)
                    with self._lock, intraop_threads(threads), torch.inference_mode():
                        self._trajectory_net(x)
            if time.perf_counter() - start > WARM_UP_SECONDS:
                break

    def _predict_many(self, render: Render, sources: Sequence[Any], batch_size: int) -> list[Prediction | ValueError]:
        results: list[Prediction | ValueError] = []
        for start in range(0, len(sources), max(1, batch_size)):
            results += self._predict_chunk(render, sources[start : start + batch_size])
        return results


def _saved_drawing(image: ImageInput) -> SavedDrawing | None:
    """model.pictures.drawing_file.saved_drawing, imported on first use (Pillow)."""
    from .pictures.drawing_file import saved_drawing

    return saved_drawing(image)


def _image_to_input(image: ImageInput) -> PictureInput:
    """model.pictures.images.image_to_input, imported on first use: it brings OpenCV (about 20 ms of
    start-up that the first drawing's recognition does not need)."""
    from .pictures.images import image_to_input

    return image_to_input(image)

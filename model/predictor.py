"""The one inference API: ink or an image in, 10 probabilities and the 28x28 input out."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import torch

from .checkpoint import LoadedModel, load_model
from .images import ImageInput, image_to_mnist
from .ink import Ink, render_ink
from .paths import bundled_model_path
from .preprocess import normalize


@dataclass(frozen=True)
class Prediction:
    digit: int | None  # None: nothing to recognize
    probabilities: np.ndarray  # (10,) float, sums to 1 (zeros when digit is None)
    image: np.ndarray  # (28, 28) float32 in [0, 1]: what the model saw
    message: str = ""  # why there is no digit, if there is none

    @property
    def confidence(self) -> float:
        return float(self.probabilities.max()) if self.digit is not None else 0.0


class Predictor:
    """Thread-safe: the GUI may predict while a training thread runs."""

    def __init__(self, loaded: LoadedModel) -> None:
        self.loaded = loaded
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> "Predictor":
        """path None: the bundled model. Raises CheckpointError (a ValueError) for a bad file."""
        return cls(load_model(path or bundled_model_path()))

    @property
    def path(self) -> Path | None:
        return self.loaded.path

    @property
    def arch(self) -> str:
        return self.loaded.arch

    @property
    def metrics(self) -> dict[str, Any]:
        return self.loaded.metrics

    def predict_strokes(self, strokes: Ink) -> Prediction:
        return self._predict_one(render_ink, strokes)

    def predict_image(self, image: ImageInput) -> Prediction:
        return self._predict_one(image_to_mnist, image)

    def predict_arrays(self, images: Sequence[np.ndarray]) -> list[Prediction]:
        """Batch form: (28, 28) MNIST-style arrays -> predictions, one forward pass."""
        if len(images) == 0:
            return []
        batch = torch.from_numpy(np.stack(images).astype(np.float32))  # (N,28,28)
        probs = self.probabilities(batch)  # (N,10)
        return [Prediction(int(p.argmax()), p, img) for p, img in zip(probs, images)]

    def predict_many_strokes(self, inks: Sequence[Ink]) -> list[Prediction | ValueError]:
        """Batch form for many inks; an ink that cannot be rendered yields its error."""
        return self._predict_many(render_ink, inks)

    def predict_many_images(self, images: Sequence[ImageInput]) -> list[Prediction | ValueError]:
        return self._predict_many(image_to_mnist, images)

    def probabilities(self, images: torch.Tensor) -> np.ndarray:
        """(N, 28, 28) float in [0, 1] -> (N, 10) softmax probabilities."""
        x = normalize(images.unsqueeze(1))  # (N,1,28,28)
        with self._lock, torch.inference_mode():
            logits = self.loaded.model(x)  # (N,10)
            return logits.float().softmax(dim=1).numpy()

    def _predict_one(self, render, source) -> Prediction:
        from .preprocess import NothingToRecognize

        try:
            image = render(source)
        except NothingToRecognize as exc:
            return Prediction(None, np.zeros(10, dtype=np.float32), np.zeros((28, 28), np.float32), str(exc))
        return self.predict_arrays([image])[0]

    def _predict_many(self, render, sources) -> list[Prediction | ValueError]:
        results: list[Any] = [None] * len(sources)
        good, arrays = [], []
        for i, src in enumerate(sources):
            try:
                arrays.append(render(src))
                good.append(i)
            except ValueError as exc:
                results[i] = exc
        for i, pred in zip(good, self.predict_arrays(arrays)):
            results[i] = pred
        return results

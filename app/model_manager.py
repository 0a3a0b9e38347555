"""The active model: which checkpoint the app recognizes with, and the saved ones.

Loading goes through Predictor.load (weights_only, validated), then `usable()`: the
fields the app shows have the right types and a test drawing gives ten finite
probabilities. Any failure (whatever the loader raised) becomes a ValueError naming the
file and the reason, and the current model stays. Trained models are
saved atomically into the user's models folder (model.paths.models_dir()).
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from model.checkpoint import save_checkpoint
from model.paths import bundled_model_path, models_dir
from model.predictor import Predictor

from .settings import Settings


PROBE_INK = [[(10.0, 0.0), (10.0, 50.0)], [(0.0, 25.0), (20.0, 25.0)]]  # a small cross


def load_usable(path: str | Path | None = None) -> Predictor:
    """Predictor.load(path) checked by usable(); ValueError (one line: file and reason) for
    any failure, never another exception (the app must start whatever its folder holds)."""
    name = Path(path).name if path else "the bundled model"
    try:
        return usable(Predictor.load(path))
    except Exception as exc:  # a damaged or hostile file can raise anything
        text = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
        raise ValueError(text if name in text else f"{name}: {text}") from None


def usable(predictor: Predictor) -> Predictor:
    """The predictor, if the app can show and use it; else ValueError saying why."""
    if not isinstance(predictor.arch, str) or not isinstance(predictor.metrics, dict):
        raise ValueError("malformed architecture name or metrics")
    prediction = predictor.predict_strokes(PROBE_INK)
    probabilities = [float(p) for p in prediction.probabilities]
    if prediction.digit is None or len(probabilities) != 10 or not all(0.0 <= p <= 1.0 for p in probabilities):
        raise ValueError("the network does not give ten valid probabilities")
    return predictor


class ModelManager(QObject):
    """Emits modelChanged(predictor) whenever another model becomes active."""

    modelChanged = Signal(object)
    savedModelsChanged = Signal()

    def __init__(self, predictor: Predictor, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.predictor = predictor
        self.settings = settings

    @classmethod
    def startup_predictor(cls, settings: Settings) -> tuple[Predictor, str]:
        """The model the user last chose, else the bundled one; plus a warning if it fell back."""
        remembered = settings.model_path
        if remembered:
            try:
                return load_usable(remembered), ""
            except ValueError as exc:
                settings.model_path = ""  # told once: the next start uses the bundled model
                return load_usable(), str(exc)
        return load_usable(), ""

    def is_bundled(self) -> bool:
        path = self.predictor.path
        return path is None or Path(path).resolve() == bundled_model_path().resolve()

    def load(self, path: str | Path) -> Predictor:
        """Make the checkpoint at path active; ValueError if it is not usable."""
        predictor = load_usable(path)
        self.set_predictor(predictor, remember=str(path))
        return predictor

    def reset_to_bundled(self) -> Predictor:
        return self.set_predictor(load_usable(), remember="")

    def set_predictor(self, predictor: Predictor, remember: str | None = None) -> Predictor:
        self.predictor = predictor
        if remember is not None:
            self.settings.model_path = remember
        self.modelChanged.emit(predictor)
        return predictor

    def save_trained(self, checkpoint: dict, arch: str) -> Path:
        """Save a checkpoint into the user's models folder under a fresh, dated name."""
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = models_dir() / f"{arch}-{stamp}.pt"
        n = 2
        while path.exists():
            path = models_dir() / f"{arch}-{stamp}-{n}.pt"
            n += 1
        save_checkpoint(checkpoint, path)
        self.savedModelsChanged.emit()
        return path

    @staticmethod
    def saved_models() -> list[Path]:
        """Checkpoints in the user's models folder, newest first."""
        folder = models_dir()
        if not folder.is_dir():
            return []
        files = [p for p in folder.glob("*.pt") if p.is_file() and not p.name.startswith(".")]
        return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)

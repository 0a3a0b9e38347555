"""The active model: which checkpoint the app recognizes with, and the saved ones.

Loading goes through Predictor.load (weights_only, validated); a bad file raises a
ValueError with a clear reason and the current model stays. Trained models are
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
                return Predictor.load(remembered), ""
            except (ValueError, OSError) as exc:
                settings.model_path = ""
                return Predictor.load(), str(exc)
        return Predictor.load(), ""

    def is_bundled(self) -> bool:
        path = self.predictor.path
        return path is None or Path(path).resolve() == bundled_model_path().resolve()

    def load(self, path: str | Path) -> Predictor:
        """Make the checkpoint at path active; ValueError (CheckpointError) if it is not usable."""
        predictor = Predictor.load(path)
        self.set_predictor(predictor, remember=str(path))
        return predictor

    def reset_to_bundled(self) -> Predictor:
        return self.set_predictor(Predictor.load(), remember="")

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

"""The active model: which checkpoint the app recognizes with, and the saved ones.

Loading and checking a checkpoint (load_usable) and the start-up job are
app/models/model_loading.py; a model that fails to load is a ValueError naming the file and
the reason, and the current model stays. Trained models are saved atomically into the
user's models folder (model.paths.models_dir()).

Start-up: importing PyTorch takes seconds, so the window shows first and
`start_loading()` imports torch, loads the model and warms it up in ONE background
thread (app.worker.Worker). Before that thread starts, another Worker reads the same
checkpoint with the NumPy bridge (model/numpynet/numpy_bridge.py, no torch, about 0.2 s):
bridgeReady(bridge) then lets the canvas's drawings be recognized while torch imports,
until modelChanged brings the torch Predictor (the recognizer reads the ink again with
it). The torch thread starts once the bridge's has stopped: two threads importing at
once only share one interpreter lock, and the bridge would come later for it.
`bridge` is None when the bridge does not read the model (the app waits for torch).
`predictor` is None until modelChanged first arrives;
`engine_ready` turns True (engineReady) once the training modules torch imports
lazily are imported too, in that same thread, so no two threads ever import torch
modules at the same time. This module imports no torch itself: nothing that
imports torch is imported at module level.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from model.paths import bundled_model_path, models_dir

from ..settings import Settings
from ..worker import Worker
from .model_loading import bridge_job, load_job, load_usable

log = logging.getLogger(__name__)


class ModelManager(QObject):
    """Emits modelChanged(predictor) whenever another model becomes active.

    loadFailed(message): the start-up load failed (no usable model at all).
    engineReady(): torch and the training modules are imported (dialogs may open).
    """

    modelChanged = Signal(object)
    savedModelsChanged = Signal()
    loadFailed = Signal(str)
    # a model could not be loaded: (the engine's reason, True if it was named with --model, not
    # remembered from the last run); the bundled one is used
    fellBack = Signal(str, bool)
    engineReady = Signal()
    bridgeReady = Signal(object)  # the NumPy bridge reads drawings until modelChanged brings torch

    def __init__(self, predictor, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.predictor = predictor
        self.settings = settings
        self.engine_ready = predictor is not None
        self.load_error = ""
        self._loader: Worker | None = None
        self._bridge_loader: Worker | None = None
        self.bridge = None  # the NumPy bridge while it serves (start-up only), else None
        self._in_use = threading.Event()  # set once the loaded model has been used (_on_loaded)
        self._explicit = ""
        self._waiting: dict[str, Callable[[], Any]] = {}  # until the engine is ready
        self._waiting_model: dict[str, Callable[[], Any]] = {}  # until the first model is ready

    # -- start-up --------------------------------------------------------------
    @classmethod
    def startup_predictor(cls, settings: Settings):
        """The model the user last chose, else the bundled one; plus a warning if it fell back.

        Synchronous (tests, tools); the app uses start_loading()."""

        remembered = settings.model_path
        if remembered:
            try:
                return load_usable(remembered), ""
            except ValueError as exc:
                settings.model_path = ""  # told once: the next start uses the bundled model
                return load_usable(), str(exc)
        return load_usable(), ""

    def is_loading(self) -> bool:
        return self.predictor is None and not self.load_error

    def start_loading(self, path: str | None = None) -> None:
        """Load `path` (else the remembered model, else the bundled one) in the background:
        first with the NumPy bridge, then with torch (the module doc)."""
        if self._loader is not None or self._bridge_loader is not None:
            return
        self._explicit = str(path) if path else ""
        self._bridge_loader = Worker(
            bridge_job(self._explicit or self.settings.model_path), "digitpad-bridge-loader", parent=self
        )
        self._bridge_loader.finished.connect(self._on_bridge)
        self._bridge_loader.stopped.connect(self._start_torch)
        self._bridge_loader.start()

    def _on_bridge(self, bridge) -> None:
        if bridge is None or self.predictor is not None:
            return
        log.info("NumPy bridge ready: %s", bridge.path.name)  # bench/startup.py --bundle
        self.bridge = bridge
        self.bridgeReady.emit(bridge)

    def _start_torch(self) -> None:
        if self._loader is not None:
            return
        self._loader = Worker(
            load_job(self._explicit or self.settings.model_path, self._in_use), "digitpad-engine-loader", parent=self
        )
        self._loader.progress.connect(self._on_loaded)
        self._loader.failed.connect(self._on_failed)
        self._loader.stopped.connect(self._on_engine_ready)
        self._loader.start()

    def _on_loaded(self, item) -> None:
        _, predictor, warning = item
        log.info(
            "model ready: %s", predictor.path.name if predictor.path else predictor.arch
        )  # bench/startup.py --bundle
        remember = "" if warning else (self._explicit or None)
        self.bridge = None  # torch takes over: the recognizer reads the ink again with it
        self.set_predictor(predictor, remember=remember)
        if warning:
            log.warning("the bundled model is used instead: %s", warning)
            self.fellBack.emit(warning, bool(self._explicit))
        waiting, self._waiting_model = self._waiting_model, {}
        for callback in waiting.values():
            callback()
        self._in_use.set()  # the drawing made meanwhile is recognized: the loader may go on

    def _on_failed(self, kind: str, message: str) -> None:
        if self.predictor is None:
            self.bridge = None  # no engine: the app cannot recognize, as it says
            self.load_error = message
            self.loadFailed.emit(message)

    def _on_engine_ready(self) -> None:
        if self.predictor is None:
            return
        self.engine_ready = True
        self.engineReady.emit()
        waiting, self._waiting = self._waiting, {}
        for callback in waiting.values():
            callback()

    def when_engine_ready(self, key: str, callback: Callable[[], Any]) -> bool:
        """True if the engine is ready (go ahead); else callback is called once it is.

        One pending call per key: asking twice before the engine is ready calls once."""
        if self.engine_ready:
            return True
        self._waiting[key] = callback
        return False

    def when_model_ready(self, key: str, callback: Callable[[], Any]) -> bool:
        """Like when_engine_ready, but as soon as a model is active (recognition works)."""
        if self.predictor is not None:
            return True
        self._waiting_model[key] = callback
        return False

    # -- the active model --------------------------------------------------------
    def is_bundled(self, model=None) -> bool:
        """Whether `model` (default: the active predictor) is the bundled one."""
        model = model if model is not None else self.predictor
        path = model.path if model is not None else None
        return path is None or Path(path).resolve() == bundled_model_path().resolve()

    def load(self, path: str | Path):
        """Make the checkpoint at path active; ValueError if it is not usable."""
        predictor = load_usable(path)
        self.set_predictor(predictor, remember=str(path))
        return predictor

    def reset_to_bundled(self):
        return self.set_predictor(load_usable(), remember="")

    def set_predictor(self, predictor, remember: str | None = None):
        self.predictor = predictor
        if remember is not None:
            self.settings.model_path = remember
        self.modelChanged.emit(predictor)
        return predictor

    @staticmethod
    def default_name(arch: str) -> str:
        """The suggested name of a newly trained model: architecture and date."""
        return f"{arch}-{_dt.datetime.now().strftime('%Y%m%d-%H%M%S')}"

    def save_trained(self, checkpoint: dict, arch: str, name: str | None = None) -> Path:
        """Save a checkpoint into the user's models folder as name.pt (default: arch and date);
        a name already taken gets -2, -3, ... ValueError for a name that is not a file name."""
        from model.checkpoints.checkpoint import save_checkpoint

        stem = clean_name(name) if name else self.default_name(arch)
        path = models_dir() / f"{stem}.pt"
        n = 2
        while path.exists():
            path = models_dir() / f"{stem}-{n}.pt"
            n += 1
        save_checkpoint(checkpoint, path)
        self.savedModelsChanged.emit()
        return path

    def is_active(self, path: str | Path) -> bool:
        active = self.predictor.path if self.predictor is not None else None
        return active is not None and Path(active).resolve() == Path(path).resolve()

    def rename_saved(self, path: str | Path, name: str) -> Path:
        """Rename a saved model (same folder); the active one stays active under its new name.
        ValueError for a bad or taken name, OSError if the file system refuses."""
        path = Path(path)
        target = path.with_name(clean_name(name) + ".pt")
        if target == path:
            return path
        if target.exists():
            raise ValueError(f"a model named {target.stem} already exists")
        was_active = self.is_active(path)
        os.replace(path, target)  # atomic, same folder
        if was_active:
            self.load(target)
        self.savedModelsChanged.emit()
        return target

    def delete_saved(self, path: str | Path) -> None:
        """Delete a saved model; deleting the active one goes back to the bundled model first."""
        path = Path(path)
        if self.is_active(path):
            self.reset_to_bundled()
        path.unlink()
        self.savedModelsChanged.emit()

    @staticmethod
    def saved_models() -> list[Path]:
        """Checkpoints in the user's models folder, newest first."""
        folder = models_dir()
        if not folder.is_dir():
            return []
        files = [p for p in folder.glob("*.pt") if p.is_file() and not p.name.startswith(".")]
        return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


FORBIDDEN_IN_NAMES = '/\\:*?"<>|'
MAX_NAME_LENGTH = 100


def clean_name(name: str) -> str:
    """A model name usable as a file name on every system; ValueError if nothing is left."""
    text = "".join("-" if c in FORBIDDEN_IN_NAMES or ord(c) < 32 else c for c in name).strip().strip(".")
    text = text.lstrip("-.").strip()  # "-x.pt" reads as an option on a command line, ".x" is hidden
    if text.lower().endswith(".pt"):
        text = text[:-3].strip()
    if not text:
        raise ValueError("a model needs a name")
    return text[:MAX_NAME_LENGTH]


_info_cache: dict[tuple[str, float], tuple[float | None, str, str]] = {}


def saved_model_info(path: Path) -> tuple[float | None, str, str]:
    """(test accuracy in [0, 1] or None, creation date "YYYY-MM-DD HH:MM", architecture) of a
    saved checkpoint; cached per file and modification time. Unreadable: (None, "", "")."""
    key = (str(path), path.stat().st_mtime)
    if key not in _info_cache:
        from model.checkpoints.checkpoint import read_checkpoint

        try:
            ckpt = read_checkpoint(path)
        except (ValueError, OSError):
            _info_cache[key] = (None, "", "")
            return _info_cache[key]
        acc = (ckpt.get("metrics") or {}).get("test_accuracy")
        created = str(ckpt.get("created") or "")
        try:
            created = _dt.datetime.fromisoformat(created).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            created = _dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        _info_cache[key] = (float(acc) if isinstance(acc, (int, float)) else None, created, str(ckpt.get("arch", "")))
    return _info_cache[key]

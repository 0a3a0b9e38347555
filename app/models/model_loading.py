"""How a checkpoint becomes the app's model: loading and checking, and the start-up job.

Loading goes through Predictor.load (weights_only, validated), then `usable()`: the
fields the app shows have the right types and a test drawing gives ten finite
probabilities. Any failure (whatever the loader raised) becomes a ValueError naming the
file and the reason (load_usable). The start-up job (`load_job`, run by
ModelManager.start_loading in app.worker.Worker) imports torch, loads and warms up the
model, then preloads the training modules, all in that one thread. Before it, the bridge
job (`bridge_job`) reads the same checkpoint with the NumPy bridge (model/numpynet/numpy_bridge.py,
no torch) so that drawings are recognized while torch imports. This module imports no
torch itself: nothing that imports torch is imported at module level.
"""

from __future__ import annotations

import builtins
import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

# Imported by the start-up thread after the model is ready: what the Train and
# Evaluate dialogs (and the first training) import, so the GUI thread never does.
FIRST_USE_WAIT_SECONDS = 1.0  # the loader waits at most this long for the GUI's first recognition
ENGINE_MODULES = (
    "model.pictures.images",
    "model.segmentation.number_image",
    "model.training.train",
    "model.training.data",
    "model.training.evaluate",
    "cli.report",
)


def load_job(path: str, in_use: threading.Event) -> Callable:
    """The start-up job: torch, the model (path or bundled), reported as soon as it can read a
    drawing; then, once the GUI thread has used it (`in_use`, set by the manager) or after
    FIRST_USE_WAIT_SECONDS, the rest of the warm-up and the training modules. Their imports
    hold the GIL, and would otherwise slow the first recognition down."""

    def job(report, cancel) -> None:
        with plain_imports():
            import model.predictor  # noqa: F401  the first torch import of the process, in this thread

        warning = ""
        try:
            predictor = load_usable(path or None, warm_up=False)
        except ValueError as exc:
            if not path:
                raise
            warning, predictor = str(exc), load_usable(warm_up=False)
        predictor.warm_up(largest=1)  # a drawing's batch size; numbers' larger ones below
        report(("model", predictor, warning), True)
        deadline = time.monotonic() + FIRST_USE_WAIT_SECONDS
        while not in_use.wait(0.05) and not cancel.is_set() and time.monotonic() < deadline:
            pass
        predictor.warm_up()
        import importlib

        from model.training.train import LAZY_TRAINING_IMPORTS

        for name in (*ENGINE_MODULES, *LAZY_TRAINING_IMPORTS):
            if cancel.is_set():
                return
            try:
                importlib.import_module(name)
            except Exception:  # only an optimization: whoever needs it imports it then
                log.exception("preloading %s failed", name)

    return job


def bridge_job(path: str) -> Callable:
    """The NumPy bridge's job: the model at path (else the bundled one) read without torch,
    checked by usable(); None when the bridge does not read it (another architecture, a
    damaged file...): the app then waits for torch, as without the bridge."""

    def job(report, cancel):
        with plain_imports():
            from model.numpynet.numpy_bridge import NumpyBridge  # numpy, Pillow: no torch

        try:
            bridge = usable(NumpyBridge.load(path or None))
            bridge.read_drawing(PROBE_INK)  # imports the number reading here, not under the first stroke
            return bridge
        except Exception as exc:  # BridgeDeclined, or a probe that fails on a strange file: torch decides
            log.info("the NumPy bridge does not read %s: %s", path or "the bundled model", exc)
            return None

    return job


@contextlib.contextmanager
def plain_imports() -> Iterator[None]:
    """Python's own import function while the engine loads: PySide6 wraps every import in its
    __feature__ hook (builtins.__import__), which makes `import torch` 1.19 s instead of 1.04 s
    (Xvfb, idle machine). DigitPad uses no __feature__, so a module the GUI thread imports
    meanwhile loses nothing. The hook is put back afterwards, whatever happens."""
    from .. import PLAIN_IMPORT

    hooked = builtins.__import__
    builtins.__import__ = PLAIN_IMPORT
    try:
        yield
    finally:
        builtins.__import__ = hooked


PROBE_INK = [[(10.0, 0.0), (10.0, 50.0)], [(0.0, 25.0), (20.0, 25.0)]]  # a small cross


def load_usable(path: str | Path | None = None, warm_up: bool = True):
    """Predictor.load(path) checked by usable(); ValueError (one line: file and reason) for
    any failure, never another exception (the app must start whatever its folder holds).
    warm_up False: the caller warms the predictor up later (Predictor.warm_up)."""
    from model.predictor import Predictor  # torch: imported here, never at module level

    name = Path(path).name if path else "the bundled model"
    try:
        return usable(Predictor.load(path, warm_up=warm_up))
    except Exception as exc:  # a damaged or hostile file can raise anything
        text = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
        raise ValueError(text if name in text else f"{name}: {text}") from None


def usable(predictor):
    """The predictor, if the app can show and use it; else ValueError saying why."""
    if not isinstance(predictor.arch, str) or not isinstance(predictor.metrics, dict):
        raise ValueError("malformed architecture name or metrics")
    prediction = predictor.predict_strokes(PROBE_INK)
    probabilities = [float(p) for p in prediction.probabilities]
    if prediction.digit is None or len(probabilities) != 10 or not all(0.0 <= p <= 1.0 for p in probabilities):
        raise ValueError("the network does not give ten valid probabilities")
    return predictor

"""The NumPy bridge: reads drawings with the bundled networks before torch is imported.

    bridge = NumpyBridge.load()              # or a saved / adapted digitnet checkpoint
    number, rejected = bridge.read_drawing(strokes)   # as Predictor.read_drawing

Importing torch takes about a second; this serves the app's first recognitions meanwhile
(app/models/model_manager.py) and is replaced by the torch Predictor as soon as that is ready.
It reads the SAME checkpoint files with model/checkpoints/archive_reader.py (no torch, a restricted
unpickler, bounded by model/checkpoints/archive_limits.py), runs the networks in NumPy
(model/numpynet/numpy_nets.py) and reads ink through the one drawing path (model/drawing_reader.py)
with the same trajectory pairing (model/trajectory_net/trajectory_rule.py pairing_rule) and "not a
digit" check. Its probabilities equal torch's within 1e-4 (tests/model/test_numpy_bridge.py).

Only what it knows: a digitnet image model, trajectory and "not a digit" networks of the
current formats. Anything else raises BridgeDeclined (a ValueError, one line): the app
then waits for torch, as it would without the bridge. Drawings only: pictures need OpenCV
and the torch Predictor.
"""

from __future__ import annotations

import math
import threading
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController, threadpool_limits

from ..checkpoints.archive_limits import (
    MAX_PARAMETERS,
    CheckpointError,
    _check_config_value,
    check_plain,
    check_trajectory_header,
)
from ..checkpoints.archive_reader import Archive, TensorRef
from ..drawing_reader import DrawingReader
from ..formats import (
    BUNDLED_TRAJECTORY,
    CHECKPOINT_FORMAT,
    CHECKPOINT_VERSION,
    NOT_DIGIT_ASSET,
    NOT_DIGIT_MAX_MEMBERS,
    NOT_DIGIT_MAX_THRESHOLD,
    NOT_DIGIT_OUTPUTS,
    NOT_DIGIT_READABLE_VERSIONS,
    NOT_DIGIT_WIDTH_RANGE,
)
from ..not_digit_rule import NotDigitRule
from ..paths import asset_path, bundled_model_path
from ..preprocess import IMAGE_SIZE, PREPROCESS_VERSION, normalize
from ..trajectory_net.trajectory_features import NUM_FEATURES
from ..trajectory_net.trajectory_rule import BUNDLED, OWN, TRAJECTORY_KEY, pairing_rule
from .numpy_layers import softmax
from .numpy_nets import (
    TRACKED,
    DigitNetNumpy,
    NotDigitNetNumpy,
    Shapes,
    State,
    TrajectoryNetNumpy,
    expected_digitnet,
    expected_not_digit,
    expected_trajectory,
)

ARCH = "digitnet"  # the one image architecture the bridge runs
DIGITNET_CONFIG_KEYS = ("widths", "dropout")  # DigitNetConfig's fields
BLAS_THREADS = 1  # see NumpyBridge.__init__
PLAIN_PARTS = (("metrics", "metrics table"), ("train", "training state"), ("adapt", "adaptation record"))


class BridgeDeclined(CheckpointError):
    """The bridge does not read this file (or the bundled one it pairs with); torch may."""


class NumpyTrajectory:
    """The trajectory network, its trajectory length and combination weight (as TrajectoryModel)."""

    def __init__(self, net: TrajectoryNetNumpy, points: int, weight: float) -> None:
        self.net, self.points, self.weight = net, points, weight


class NumpyNotDigit(NotDigitRule):
    """The "not a digit" check (model/ood.py NotDigitCheck's interface, NumPy forward pass):
    the mean of its networks' logits against the thresholds."""

    def __init__(self, nets: list[NotDigitNetNumpy], threshold: float, ink_threshold: float, clean: float) -> None:
        self.nets, self.threshold, self.ink_threshold, self.clean_threshold = nets, threshold, ink_threshold, clean

    def scores(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) float in [0, 1] -> (N,) float32 logits of "not a digit"."""
        x = normalize(np.asarray(images, dtype=np.float32))[:, None]  # (N,1,28,28)
        with threadpool_limits(BLAS_THREADS, user_api="blas"):
            return np.mean([net(x) for net in self.nets], axis=0).astype(np.float32)  # (N,)


class NumpyBridge(DrawingReader):
    """A digitnet checkpoint read without torch; reads drawings as the torch Predictor does.
    path, arch and metrics as Predictor's. Thread-safe (the forward passes are locked)."""

    def __init__(
        self,
        net: DigitNetNumpy,
        trajectory: NumpyTrajectory | None,
        not_digit: NumpyNotDigit | None,
        path: Path,
        metrics: dict[str, Any],
    ) -> None:
        self.net, self.trajectory, self.not_digit = net, trajectory, not_digit
        self.path, self.arch, self.metrics = path, ARCH, metrics
        self._lock = threading.Lock()
        # One BLAS thread (as model/numpynet/numpy_train.py trains): these matrices are small, and while
        # torch imports on the other core, OpenBLAS's second thread made one drawing's
        # forward pass take 140-190 ms instead of 2-8 ms (2 busy cores).
        self._blas = ThreadpoolController()

    @classmethod
    def load(cls, path: str | Path | None = None) -> NumpyBridge:
        """The image model at path (None: the bundled one) with the trajectory network it pairs
        with and the bundled "not a digit" check. BridgeDeclined (one line) for anything it does
        not read: another architecture or format, a damaged or hostile file."""
        path = Path(path) if path else bundled_model_path()
        try:
            with Archive(path) as archive:
                ckpt = _checked_checkpoint(archive.obj, archive.name)
                net = DigitNetNumpy(_state(archive, ckpt["state_dict"], expected_digitnet(_widths(ckpt, archive.name))))
                own = _trajectory(archive, ckpt[TRAJECTORY_KEY]) if TRAJECTORY_KEY in ckpt else None
            trajectory = own if own is not None else _paired(ckpt, path)
            bridge = cls(net, trajectory, _bundled_not_digit(), path, dict(ckpt.get("metrics") or {}))
            bridge._check_finite(archive.name)
            return bridge
        except BridgeDeclined:
            raise
        except CheckpointError as exc:
            raise BridgeDeclined(str(exc)) from None

    def _classify(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) float32 in [0, 1] -> (N, 10) float32 probabilities."""
        x = normalize(np.asarray(images, dtype=np.float32))[:, None]  # (N,1,28,28)
        with self._lock, self._blas.limit(limits=BLAS_THREADS, user_api="blas"):
            logits = self.net(x)  # (N,10)
        return softmax(logits).astype(np.float32)

    def _trajectory_logits(self, features: np.ndarray) -> np.ndarray:
        """(n, NUM_FEATURES, L) float32 -> (n, 10) float32 logits."""
        assert self.trajectory is not None
        with self._lock, self._blas.limit(limits=BLAS_THREADS, user_api="blas"):
            return self.trajectory.net(np.asarray(features, dtype=np.float32)).astype(np.float32)

    def _check_finite(self, name: str) -> None:
        """Finite logits on a blank and a full input (as check_forward): else declined."""
        images = np.stack([np.zeros((IMAGE_SIZE, IMAGE_SIZE)), np.ones((IMAGE_SIZE, IMAGE_SIZE))]).astype(np.float32)
        if not np.isfinite(self._classify(images)).all():
            raise BridgeDeclined(f"{name}: the network's predictions are not finite numbers")


# -- the image model ---------------------------------------------------------------------
def _checked_checkpoint(ckpt: Any, name: str) -> dict[str, Any]:
    """The checkpoint dict, checked as model/checkpoints/checkpoint.py's _validate checks it, for digitnet."""
    if not isinstance(ckpt, dict) or ckpt.get("format") != CHECKPOINT_FORMAT:
        raise BridgeDeclined(f"{name} is not a DigitPad checkpoint")
    if type(ckpt.get("version")) is not int or ckpt["version"] != CHECKPOINT_VERSION:
        raise BridgeDeclined(f"{name}: a checkpoint version the bridge does not read")
    if ckpt.get("arch") != ARCH:
        raise BridgeDeclined(f"{name}: the bridge runs {ARCH} only")
    for key, kind in (("config", "architecture config"), *PLAIN_PARTS):
        if not isinstance(ckpt.get(key, {}), dict):
            raise BridgeDeclined(f"{name}: its {kind} is not a dict")
        check_plain(ckpt.get(key, {}), kind, name, leaf=lambda v: isinstance(v, TensorRef))
    version = ckpt.get("preprocess_version", 1)
    if type(version) is not int or not 1 <= version <= PREPROCESS_VERSION:
        raise BridgeDeclined(f"{name}: preprocessing version {str(version)[:20]} is not this DigitPad's")
    return ckpt


def _widths(ckpt: dict[str, Any], name: str) -> tuple[int, int, int]:
    """digitnet's widths from the config (bounded as check_config bounds them); declined
    when the config does not name them (the default lives with torch's DigitNetConfig)."""
    config = ckpt["config"]
    for key, value in config.items():
        _check_config_value(str(key), value, name)
    widths = config.get("widths")
    if set(config) - set(DIGITNET_CONFIG_KEYS) or not isinstance(widths, (list, tuple)) or len(widths) != 3:
        raise BridgeDeclined(f"{name}: a digitnet config the bridge does not read")
    if not all(type(w) is int for w in widths):
        raise BridgeDeclined(f"{name}: digitnet widths are not integers")
    return widths[0], widths[1], widths[2]


def _state(archive: Archive, state: Any, expected: Shapes) -> State:
    """The state dict's float arrays, after its names, shapes and dtypes match `expected`
    (BatchNorm counters checked, not read)."""
    if not isinstance(state, dict) or set(state) != set(expected):
        raise BridgeDeclined(f"{archive.name}: weights that do not match the architecture")
    count = sum(math.prod(shape) for shape in expected.values())
    if count > MAX_PARAMETERS:  # as check_config bounds torch's network before it is built
        raise BridgeDeclined(f"{archive.name}: {count:,} parameters (at most {MAX_PARAMETERS:,})")
    arrays: State = {}
    for key, shape in expected.items():
        ref = state[key]
        if not isinstance(ref, TensorRef) or ref.shape != shape:
            raise BridgeDeclined(f"{archive.name}: {key[:60]} does not match the architecture")
        if key.endswith(TRACKED):
            if ref.dtype.kind not in "iu":
                raise BridgeDeclined(f"{archive.name}: {key[:60]} is not an integer")
            continue
        arrays[key] = archive.read_array(ref, key)
    return arrays


# -- the trajectory network --------------------------------------------------------------
def _trajectory(archive: Archive, ckpt: Any) -> NumpyTrajectory:
    """A trajectory checkpoint dict (a file's, or the one an adapted model carries), its header
    checked by the same check_trajectory_header as torch's path."""
    width, points, weight = check_trajectory_header(ckpt, archive.name)  # CheckpointError: declined
    state = _state(archive, ckpt.get("state_dict"), expected_trajectory(width, NUM_FEATURES))
    return NumpyTrajectory(TrajectoryNetNumpy(state), points, weight)


def _paired(ckpt: dict[str, Any], path: Path) -> NumpyTrajectory | None:
    """The bundled trajectory network when pairing_rule says so (None when it is missing, as
    torch's bundled_trajectory gives; BridgeDeclined when it is there but unreadable here)."""
    rule = pairing_rule(ckpt, path, bundled_created=_bundled_created)
    assert rule != OWN  # read from the checkpoint itself
    if rule != BUNDLED:
        return None
    found = _asset(BUNDLED_TRAJECTORY)
    if found is None:
        return None
    with Archive(found) as archive:
        return _trajectory(archive, archive.obj)


def _bundled_created() -> Any:
    """The bundled checkpoint's "created" field (None when it cannot be read)."""
    try:
        with Archive(bundled_model_path()) as archive:
            return archive.obj.get("created") if isinstance(archive.obj, dict) else None
    except CheckpointError:
        return None


# -- the "not a digit" check ------------------------------------------------------------
def _bundled_not_digit() -> NumpyNotDigit | None:
    """assets/notdigit.pt, checked as model/ood.py NotDigitCheck.load checks it (None when it
    is missing, as torch's bundled_check gives; BridgeDeclined when it is there but unreadable)."""
    found = _asset(NOT_DIGIT_ASSET)
    if found is None:
        return None
    with Archive(found) as archive:
        blob, name = archive.obj, archive.name
        if not isinstance(blob, dict) or blob.get("version") not in NOT_DIGIT_READABLE_VERSIONS:
            raise BridgeDeclined(f"{name}: a not-a-digit check version the bridge does not read")
        members = blob.get("members") if blob["version"] >= 4 else [blob]
        if not isinstance(members, list) or not 1 <= len(members) <= NOT_DIGIT_MAX_MEMBERS:
            raise BridgeDeclined(f"{name}: 1 to {NOT_DIGIT_MAX_MEMBERS} networks expected")
        limits = (-NOT_DIGIT_MAX_THRESHOLD, NOT_DIGIT_MAX_THRESHOLD)
        threshold = _bounded_number(blob.get("threshold"), limits, name)
        ink = _bounded_number(blob.get("ink_threshold", blob.get("threshold")), limits, name)
        clean = _bounded_number(blob.get("clean_threshold") if blob["version"] >= 6 else threshold, limits, name)
        nets = [_not_digit_member(archive, m) for m in members]
    return NumpyNotDigit(nets, threshold, ink, clean)


def _not_digit_member(archive: Archive, member: Any) -> NotDigitNetNumpy:
    """One network of a check file, its width and outputs bounded before its weights are read."""
    if not isinstance(member, dict):
        raise BridgeDeclined(f"{archive.name}: a not-a-digit network is not a table")
    width = _bounded_int(member.get("width"), NOT_DIGIT_WIDTH_RANGE, archive.name)
    outputs = member.get("outputs", 1)
    if type(outputs) is not int or outputs not in NOT_DIGIT_OUTPUTS:
        raise BridgeDeclined(f"{archive.name}: a not-a-digit network with {str(outputs)[:20]} outputs")
    return NotDigitNetNumpy(_state(archive, member.get("state_dict"), expected_not_digit(width, outputs)))


# -- small checks ----------------------------------------------------------------------
def _asset(name: str) -> Path | None:
    try:
        path = asset_path(name)
    except (FileNotFoundError, ValueError):
        return None
    return path if Path(path).is_file() else None


def _bounded_int(value: Any, bounds: tuple[int, int], name: str) -> int:
    if type(value) is not int or not bounds[0] <= value <= bounds[1]:
        raise BridgeDeclined(f"{name}: a size {str(value)[:20]} outside {bounds}")
    return value


def _bounded_number(value: Any, bounds: tuple[float, float], name: str) -> float:
    if type(value) not in (int, float) or not math.isfinite(value) or not bounds[0] <= value <= bounds[1]:
        raise BridgeDeclined(f"{name}: a number {str(value)[:20]} outside {bounds}")
    return float(value)

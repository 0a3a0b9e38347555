"""Read a torch.save checkpoint into plain data and NumPy arrays, without torch.

The same files torch.load(weights_only=True) reads (assets/digitnet.pt, a saved or
adapted model, assets/trajectory.pt, assets/notdigit.pt), for the NumPy bridge
(model/numpynet/numpy_bridge.py) that serves recognitions while torch is still importing.
Hand-written because the job is to avoid importing torch; it follows torch's own layout
(torch/serialization.py `_save`, torch/_weights_only_unpickler.py):

    PREFIX/data.pkl            the object, pickled (protocol 2); each tensor is a call of
                               torch._utils._rebuild_tensor_v2(storage, offset, size, stride,
                               requires_grad, backward_hooks) whose storage is a persistent id
                               ("storage", torch.FloatStorage, "KEY", location, numel)
    PREFIX/data/KEY            that storage's raw bytes, numel * itemsize of them
    PREFIX/byteorder           "little" (the storages' byte order)
    PREFIX/version             the archive format ("3"); PREFIX/.format_version ("1")

Like weights_only, the unpickler resolves only an allow-list of globals (ALLOWED_GLOBALS);
anything else (os.system, builtins.eval, any class) is refused before it is called.
Tensors stay references (TensorRef) until read_array() reads one storage member, after its
size, dtype and strides have been checked against the archive's directory. Everything is
bounded first by model/checkpoints/archive_limits.py (the limits torch's path uses). Anything
unexpected (another archive version, a big-endian or unknown dtype storage, a global off
the list, a damaged member) raises CheckpointError: the caller declines, never guesses.
"""

from __future__ import annotations

import collections
import io
import pickle
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .archive_limits import CheckpointError, _clip, check_archive, check_regular_file

ARCHIVE_VERSIONS = (b"3",)  # PREFIX/version records this reader knows (torch 2.x writes 3)
FORMAT_VERSIONS = (b"1",)  # PREFIX/.format_version, when present
BYTE_ORDER = b"little"
# torch's legacy typed storage names -> the little-endian NumPy dtype of their bytes; any other
# (BFloat16Storage, complex, quantized) is declined
STORAGE_DTYPES = {
    "FloatStorage": "<f4",
    "DoubleStorage": "<f8",
    "HalfStorage": "<f2",
    "LongStorage": "<i8",
    "IntStorage": "<i4",
    "ShortStorage": "<i2",
    "CharStorage": "i1",
    "ByteStorage": "u1",
    "BoolStorage": "?",
}
MAX_DIMS = 8  # a tensor of more dimensions is no DigitPad weight
MAX_KEY_LENGTH = 32  # a storage key is a small decimal number


@dataclass(frozen=True)
class StorageRef:
    """One storage member PREFIX/data/KEY: numel values of dtype (little-endian)."""

    key: str
    dtype: np.dtype
    numel: int


@dataclass(frozen=True)
class TensorRef:
    """A tensor of the pickle, not yet read: shape and strides (in elements) into its storage."""

    storage: StorageRef
    offset: int
    shape: tuple[int, ...]
    stride: tuple[int, ...]

    @property
    def dtype(self) -> np.dtype:
        return self.storage.dtype


class _StorageType:
    """What the pickle's `torch.FloatStorage` global resolves to: only a dtype."""

    def __init__(self, dtype: str) -> None:
        self.dtype = np.dtype(dtype)


def _rebuild_tensor_v2(
    storage: Any, offset: Any, shape: Any, stride: Any, requires_grad: Any, hooks: Any, metadata: Any = None
) -> TensorRef:
    """torch._utils._rebuild_tensor_v2's stand-in: checks the arguments, returns a TensorRef.
    Dense and within its storage (no negative or zero strides that repeat values)."""
    if not isinstance(storage, StorageRef) or not _is_int(offset) or offset < 0:
        raise pickle.UnpicklingError("a tensor with a malformed storage or offset")
    if not (isinstance(shape, tuple) and isinstance(stride, tuple) and len(shape) == len(stride) <= MAX_DIMS):
        raise pickle.UnpicklingError("a tensor with a malformed shape")
    if not all(_is_int(v) and v >= 0 for v in (*shape, *stride)) or not isinstance(requires_grad, bool):
        raise pickle.UnpicklingError("a tensor with a malformed shape or strides")
    if hooks or metadata:  # backward hooks or tensor metadata: not plain weights
        raise pickle.UnpicklingError("a tensor with hooks or metadata")
    if any(st == 0 and n > 1 for n, st in zip(shape, stride)):
        raise pickle.UnpicklingError("an expanded tensor (a zero stride), not stored weights")
    if all(n > 0 for n in shape):
        end = offset + sum((n - 1) * st for n, st in zip(shape, stride)) + 1
        if end > storage.numel:
            raise pickle.UnpicklingError("a tensor claims more values than its storage holds")
    return TensorRef(storage, int(offset), tuple(shape), tuple(stride))


def _ordered_dict(*args: Any) -> collections.OrderedDict:
    """collections.OrderedDict, as state_dict() pickles it (called with no arguments)."""
    if args:
        raise pickle.UnpicklingError("OrderedDict called with arguments")
    return collections.OrderedDict()


ALLOWED_GLOBALS: dict[str, Any] = {
    "collections OrderedDict": _ordered_dict,
    "torch._utils _rebuild_tensor_v2": _rebuild_tensor_v2,
    **{f"torch {name}": _StorageType(dtype) for name, dtype in STORAGE_DTYPES.items()},
}


class _Unpickler(pickle.Unpickler):
    """pickle with the allow-list: find_class resolves nothing else, persistent ids are storages."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self.storages: dict[str, StorageRef] = {}

    def find_class(self, module: str, name: str) -> Any:
        found = ALLOWED_GLOBALS.get(f"{module} {name}")
        if found is None:
            raise pickle.UnpicklingError(f"global {_clip(module)}.{_clip(name)} is not allowed")
        return found

    def persistent_load(self, pid: Any) -> StorageRef:
        if not (isinstance(pid, tuple) and len(pid) == 5 and pid[0] == "storage"):
            raise pickle.UnpicklingError("an unknown persistent id")
        _, kind, key, location, numel = pid
        if not isinstance(kind, _StorageType) or not isinstance(location, str) or not _is_int(numel) or numel < 0:
            raise pickle.UnpicklingError("a malformed storage record")
        if not (isinstance(key, str) and key.isdigit() and len(key) <= MAX_KEY_LENGTH):
            raise pickle.UnpicklingError("a malformed storage key")
        ref = StorageRef(key, kind.dtype, int(numel))
        if self.storages.setdefault(key, ref) != ref:  # one key, two descriptions
            raise pickle.UnpicklingError(f"storage {key} is described twice differently")
        return ref


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


class Archive:
    """An open, checked checkpoint archive: `obj` is its unpickled data (dicts, lists, numbers,
    strings, TensorRef), read_array() reads one tensor. Use as a context manager.
    CheckpointError ("NAME: reason", one line) for anything this reader does not know."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = self.path.name
        check_regular_file(self.path)
        check_archive(self.path, self.name)  # bounded, uncompressed members (the limits torch's path uses)
        try:
            self._zip = zipfile.ZipFile(self.path)
        except Exception:
            raise CheckpointError(f"{self.name} is not a PyTorch zip archive") from None
        try:
            self.prefix = self._prefix()
            self._check_records()
            self.obj = self._unpickle()
        except BaseException:
            self._zip.close()
            raise

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self._zip.close()

    def _prefix(self) -> str:
        pickles = [n for n in self._zip.namelist() if n.endswith("/data.pkl") and n.count("/") == 1]
        if len(pickles) != 1:
            raise CheckpointError(f"{self.name}: not a PyTorch archive of one object ({len(pickles)} data.pkl)")
        return pickles[0].split("/")[0]

    def _record(self, name: str, limit: int = 64) -> bytes | None:
        member = f"{self.prefix}/{name}"
        try:
            info = self._zip.getinfo(member)
        except KeyError:
            return None
        if info.file_size > limit:
            raise CheckpointError(f"{self.name}: its {name} record is {info.file_size} bytes")
        return self._read(member).strip()

    def _check_records(self) -> None:
        version, form, order = self._record("version"), self._record(".format_version"), self._record("byteorder")
        if version not in ARCHIVE_VERSIONS:
            raise CheckpointError(f"{self.name}: archive version {version!r:.20} is not one this reader knows")
        if form is not None and form not in FORMAT_VERSIONS:
            raise CheckpointError(f"{self.name}: archive format version {form!r:.20} is not one this reader knows")
        if order != BYTE_ORDER:  # big-endian, or not recorded (old files: the writer's own order)
            raise CheckpointError(f"{self.name}: storages in byte order {order!r:.20}, not little-endian")

    def _read(self, member: str) -> bytes:
        try:
            return self._zip.read(member)
        except Exception as exc:  # truncated, bad CRC, bad header: damaged
            raise CheckpointError(
                f"{self.name}: damaged archive member {_clip(member)} ({type(exc).__name__})"
            ) from None

    def _unpickle(self) -> Any:
        data = self._read(f"{self.prefix}/data.pkl")  # at most MAX_PICKLE_BYTES (check_archive)
        try:
            return _Unpickler(data).load()
        except pickle.UnpicklingError as exc:
            raise CheckpointError(f"{self.name} was refused: {_clip(str(exc), 120)}") from None
        except Exception as exc:  # EOFError, ValueError, RecursionError, MemoryError...: damaged
            raise CheckpointError(f"{self.name}: damaged data ({type(exc).__name__})") from None

    def read_array(self, ref: TensorRef, what: str) -> np.ndarray:
        """The tensor as a new float32 array of its shape; `what` names it in messages.
        CheckpointError unless its storage member holds exactly numel values and they are
        finite floats (float16/32/64)."""
        storage = ref.storage
        if storage.dtype.kind != "f":
            raise CheckpointError(f"{self.name}: {_clip(what)} holds {storage.dtype} values, not floats")
        member = f"{self.prefix}/data/{storage.key}"
        try:
            size = self._zip.getinfo(member).file_size
        except KeyError:
            raise CheckpointError(f"{self.name}: storage {storage.key} of {_clip(what)} is missing") from None
        if size != storage.numel * storage.dtype.itemsize:
            raise CheckpointError(f"{self.name}: storage {storage.key} holds {size} bytes, not what it claims")
        values = np.frombuffer(self._read(member), dtype=storage.dtype)  # (numel,)
        strides = tuple(st * storage.dtype.itemsize for st in ref.stride)
        view = np.lib.stride_tricks.as_strided(values[ref.offset :], ref.shape, strides, writeable=False)
        array = np.array(view, dtype=np.float32)  # a copy of the tensor's shape
        if not np.isfinite(array).all():
            raise CheckpointError(f"{self.name}: weights contain NaN or infinite values ({_clip(what)})")
        return array

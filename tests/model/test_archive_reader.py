"""The bridge's torch-free checkpoint reader (model/checkpoints/archive_reader.py) declines, in one line
naming the file, everything it does not know: hostile, damaged, truncated, oversized and
foreign archives. It never runs code, never raises anything but BridgeDeclined, never guesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch

from model.checkpoints.archive_reader import Archive, TensorRef
from model.checkpoints.checkpoint import read_checkpoint, save_checkpoint
from model.numpynet.numpy_bridge import BridgeDeclined, NumpyBridge
from model.paths import bundled_model_path
from tests.conftest import REPO
from tests.model.hostile_files import make_hostile


def _declined(path: Path) -> str:
    with pytest.raises(BridgeDeclined) as caught:
        NumpyBridge.load(path)
    message = str(caught.value)
    assert message.startswith(path.name) and "\n" not in message and len(message) < 240, message
    return message


def _rewritten(path: Path, target: Path, change) -> Path:
    """A copy of the archive at path, each member's bytes passed through change(name, data)
    (None drops the member), stored uncompressed as torch.save stores them."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as out:
        for info in src.infolist():
            data = change(info.filename, src.read(info))
            if data is not None:
                out.writestr(info.filename, data)
    return target


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return folder, make_hostile(folder)


@pytest.fixture(scope="module")
def bundled():
    return read_checkpoint(bundled_model_path())


def test_every_hostile_checkpoint_of_the_torch_tests_is_declined_in_one_line(hostile):
    folder, cases = hostile
    assert len(cases) >= 26
    for name in cases:
        _declined(folder / name)


def test_a_pickle_asking_for_os_system_is_refused_and_runs_nothing(tmp_path, bundled):
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    path = tmp_path / "code.pt"
    torch.save({**bundled, "metrics": {"note": Payload()}}, path)
    message = _declined(path)
    assert "refused" in message and "system is not allowed" in message
    assert not marker.exists()


@pytest.mark.parametrize(
    "target", ["builtins eval", "builtins getattr", "torch load", "numpy.core.multiarray _reconstruct"]
)
def test_globals_off_the_allow_list_are_refused(tmp_path, target):
    module, name = target.split()
    pickled = b"\x80\x02c" + f"{module}\n{name}\n".encode() + b")R."  # GLOBAL, EMPTY_TUPLE, REDUCE
    path = _rewritten(
        bundled_model_path(), tmp_path / "global.pt", lambda n, d: pickled if n.endswith("data.pkl") else d
    )
    assert "is not allowed" in _declined(path)


def test_truncated_archives_are_declined(tmp_path):
    data = bundled_model_path().read_bytes()
    for cut in (10, 1000, len(data) // 3, len(data) // 2, len(data) - 100, len(data) - 1):
        path = tmp_path / f"cut-{cut}.pt"
        path.write_bytes(data[:cut])
        _declined(path)


def test_damaged_members_are_declined(tmp_path):
    """A byte flipped on disk in the pickle or in a weight storage: the zip's CRC catches it."""
    original = bundled_model_path().read_bytes()
    with zipfile.ZipFile(bundled_model_path()) as archive:
        for member in ("data.pkl", "data/0", "data/1"):  # (data/5 is a BatchNorm counter, never read)
            name = next(n for n in archive.namelist() if n.endswith("/" + member))
            at = original.index(archive.read(name)) + 7  # the member's bytes in the file
            path = tmp_path / "flipped.pt"
            path.write_bytes(original[:at] + bytes([original[at] ^ 0xFF]) + original[at + 1 :])
            assert "damaged" in _declined(path)


def test_foreign_archive_records_are_declined(tmp_path):
    """Another archive version, big-endian storages, no byte order: declined, never guessed."""
    cases = {
        "version": (b"4\n", "archive version"),
        "byteorder": (b"big", "byte order"),
        ".format_version": (b"2", "format version"),
    }
    for record, (value, words) in cases.items():

        def replace(name, data, record=record, value=value):
            return value if name.endswith("/" + record) else data

        assert words in _declined(_rewritten(bundled_model_path(), tmp_path / "foreign.pt", replace))
    path = _rewritten(
        bundled_model_path(), tmp_path / "no-order.pt", lambda n, d: None if n.endswith("/byteorder") else d
    )
    assert "byte order" in _declined(path)


def test_a_storage_of_another_size_than_it_claims_is_declined(tmp_path):
    path = _rewritten(bundled_model_path(), tmp_path / "short.pt", lambda n, d: d[:-4] if n.endswith("/data/0") else d)
    assert "holds" in _declined(path)
    path = _rewritten(bundled_model_path(), tmp_path / "gone.pt", lambda n, d: None if n.endswith("/data/0") else d)
    assert "missing" in _declined(path)


def test_oversized_metadata_is_refused_before_it_is_read(tmp_path):
    big = b"\x80\x02" + b"N0" * (9 << 20) + b"N."  # 18 MB of pickle: over MAX_PICKLE_BYTES
    path = _rewritten(bundled_model_path(), tmp_path / "big.pt", lambda n, d: big if n.endswith("data.pkl") else d)
    assert "metadata is" in _declined(path)


def test_digitnet_checkpoints_with_bad_weights_are_declined(tmp_path, bundled):
    state = bundled["state_dict"]
    key = "features.0.0.weight"
    cases = {
        "nan.pt": {**state, key: torch.full_like(state[key], float("nan"))},
        "bf16.pt": {**state, key: state[key].to(torch.bfloat16)},
        "ints.pt": {**state, key: state[key].to(torch.int64)},
        "shape.pt": {**state, key: torch.zeros(2, 2)},
        "missing.pt": {k: v for k, v in state.items() if k != key},
        "expanded.pt": {**state, key: torch.zeros(1).expand(32, 1, 3, 3)},
        "extra.pt": {**state, "features.99.weight": torch.zeros(1)},
    }
    for name, weights in cases.items():
        _declined(save_checkpoint({**bundled, "state_dict": weights}, tmp_path / name))
    configs = {
        "wide.pt": {"widths": [100_000, 64, 128]},  # beyond MAX_WIDTH
        "many.pt": {"widths": [32, 64, 4096]},  # 151 million parameters: beyond MAX_PARAMETERS
        "default.pt": {},
        "list.pt": [1],
    }
    for name, config in configs.items():
        _declined(save_checkpoint({**bundled, "config": config}, tmp_path / name))
    _declined(save_checkpoint({**bundled, "version": 2}, tmp_path / "v2.pt"))
    _declined(save_checkpoint({**bundled, "preprocess_version": 99}, tmp_path / "newer.pt"))


def test_float16_and_float64_weights_are_read_as_torch_reads_them(tmp_path, bundled):
    from model.predictor import Predictor

    for dtype in (torch.float16, torch.float64):
        state = {k: v.to(dtype) if v.is_floating_point() else v for k, v in bundled["state_dict"].items()}
        path = save_checkpoint({**bundled, "state_dict": state}, tmp_path / f"{dtype}.pt")
        ink = [[(0, 0), (40, 0), (15, 60)]]
        a, b = NumpyBridge.load(path).predict_strokes(ink), Predictor.load(path).predict_strokes(ink)
        assert a.digit == b.digit and np.abs(a.probabilities - b.probabilities).max() < 1e-4


def test_the_reader_gives_the_weights_torch_gives():
    with Archive(bundled_model_path()) as archive:
        state = archive.obj["state_dict"]
        for key, tensor in read_checkpoint(bundled_model_path())["state_dict"].items():
            assert isinstance(state[key], TensorRef) and state[key].shape == tuple(tensor.shape)
            if tensor.is_floating_point():
                assert np.array_equal(archive.read_array(state[key], key), tensor.numpy())


PROBE = r"""
import json, resource, sys
from pathlib import Path
from model.numpynet.numpy_bridge import BridgeDeclined, NumpyBridge
NumpyBridge.load()  # warm
start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
declined = []
for name in json.loads(sys.argv[2]):
    try:
        NumpyBridge.load(Path(sys.argv[1]) / name)
    except BridgeDeclined:
        declined.append(name)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"declined": declined, "grew_kb": peak - start, "torch": "torch" in sys.modules}))
"""


def test_declining_them_needs_bounded_memory_and_no_torch(hostile):
    folder, cases = hostile
    names = sorted(cases)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder), json.dumps(names)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["declined"] == names and not result["torch"]
    assert result["grew_kb"] < 200 << 10  # the files describe gigabytes; reading them takes a few MB

"""The NumPy bridge (model/numpynet/numpy_bridge.py) reads drawings exactly as the torch Predictor
does, from the same checkpoint files, without importing torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from model.numpynet.numpy_bridge import BridgeDeclined, NumpyBridge
from model.paths import bundled_model_path
from model.pen.uji import load_uji
from model.predictor import Predictor
from tests.conftest import DATA, REPO

from .number_shapes import number

UJI_CANDIDATES = [
    REPO.parent / "shared" / "data" / "uji-penchars-v1",
    REPO.parents[1] / "shared" / "data" / "uji-penchars-v1",
]
UJI = next((p for p in UJI_CANDIDATES if p.is_dir()), UJI_CANDIDATES[0])
TOLERANCE = 1e-4  # largest difference of a probability between the two engines


@pytest.fixture(scope="module")
def engines():
    return NumpyBridge.load(), Predictor.load()


def _test_inks() -> list:
    """The tests' own inks (tests/data/inks) and hand-made numbers: digits, numbers, non-digits."""
    inks = []
    for path in sorted((DATA / "inks").glob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                obj = json.loads(line)
                inks.append(obj["strokes"] if isinstance(obj, dict) else obj)
    return inks + [[s.tolist() for s in number(text)] for text in ("0", "7", "2024", "3.14", "-5", "918")]


def _assert_same(bridge_prediction, torch_prediction) -> None:
    a, b = bridge_prediction, torch_prediction
    assert np.array_equal(a.image, b.image)  # the one rendering path
    assert a.digit == b.digit and a.not_digit == b.not_digit and a.message == b.message
    assert np.abs(a.probabilities - b.probabilities).max() < TOLERANCE


def test_the_bridge_reads_the_bundled_networks(engines):
    bridge, predictor = engines
    assert bridge.arch == predictor.arch == "digitnet" and bridge.path == predictor.path
    assert bridge.metrics == predictor.metrics
    assert bridge.trajectory is not None and predictor.trajectory is not None
    assert (bridge.trajectory.points, bridge.trajectory.weight) == (
        predictor.trajectory.points,
        predictor.trajectory.weight,
    )
    assert bridge.not_digit.ink_threshold == predictor.not_digit.ink_threshold
    assert bridge.not_digit.clean_threshold == predictor.not_digit.clean_threshold < predictor.not_digit.threshold


def test_single_digits_read_alike_with_the_trajectory_and_not_digit_check(engines):
    bridge, predictor = engines
    inks = _test_inks()
    assert len(inks) > 40
    for ink in inks:
        _assert_same(
            bridge.predict_strokes(ink, check_not_digit=True), predictor.predict_strokes(ink, check_not_digit=True)
        )


def test_whole_drawings_read_alike(engines):
    """read_drawing (the app's reading): the same text, characters, probabilities and inputs."""
    bridge, predictor = engines
    for ink in _test_inks():
        (a, a_rejected), (b, b_rejected) = bridge.read_drawing(ink), predictor.read_drawing(ink)
        assert a.text == b.text and a.not_digit == b.not_digit and a.message == b.message
        assert (a_rejected is None) == (b_rejected is None)
        for ca, cb in zip(a.characters, b.characters, strict=True):
            assert ca.text == cb.text and ca.box == cb.box and ca.strokes == cb.strokes
            if ca.probabilities is not None:
                assert np.array_equal(ca.image, cb.image)
                assert np.abs(ca.probabilities - cb.probabilities).max() < TOLERANCE


def test_the_not_digit_scores_agree(engines):
    bridge, predictor = engines
    images = np.stack([predictor.predict_strokes(ink).image for ink in _test_inks()])  # (N,28,28)
    assert np.abs(bridge.not_digit.scores(images) - predictor.not_digit.scores(images)).max() < 1e-3


@pytest.mark.skipif(not UJI.is_dir(), reason="UJI pen characters not found beside the repository")
def test_uji_pen_digits_read_alike(engines):
    """All 220 UJI pen digits (11 writers): the same input, argmax and probabilities within 1e-4."""
    bridge, predictor = engines
    samples = load_uji(UJI)
    assert len(samples) >= 200
    worst = 0.0
    for s in samples:
        a, b = bridge.predict_strokes(s.strokes), predictor.predict_strokes(s.strokes)
        _assert_same(a, b)
        worst = max(worst, float(np.abs(a.probabilities - b.probabilities).max()))
    assert worst < TOLERANCE


def test_an_adapted_model_is_read_with_the_trajectory_network_it_carries(engines, tmp_path, base):
    """A checkpoint carrying its own trajectory network (an adapted model): the bridge runs that one."""
    import torch

    from model.checkpoints.checkpoint import save_checkpoint
    from model.trajectory_net.trajectory_checkpoint import bundled_trajectory, trajectory_checkpoint

    pair = bundled_trajectory()
    assert pair is not None
    torch.manual_seed(1)
    with torch.no_grad():  # another trajectory network than the bundled one
        for p in pair.net.parameters():
            p.add_(0.05 * torch.randn_like(p))
    ckpt = dict(base, trajectory=trajectory_checkpoint(pair.net, pair.points, 1.5, {}))
    path = save_checkpoint(ckpt, tmp_path / "adapted.pt")
    bridge, predictor = NumpyBridge.load(path), Predictor.load(path)
    assert bridge.trajectory is not None and bridge.trajectory.weight == 1.5
    for ink in _test_inks()[:30]:
        _assert_same(bridge.predict_strokes(ink), predictor.predict_strokes(ink))


def test_other_architectures_are_declined(tmp_path):
    from model.checkpoints.checkpoint import save_checkpoint
    from tests.model.hostile_files import good_checkpoint

    for arch in ("mlp", "cnn"):
        path = save_checkpoint(good_checkpoint(arch), tmp_path / f"{arch}.pt")
        with pytest.raises(BridgeDeclined, match=f"{arch}.pt: the bridge runs digitnet only"):
            NumpyBridge.load(path)


def test_reading_a_drawing_through_the_bridge_never_imports_torch(tmp_path):
    code = """
        import sys
        from model.numpynet.numpy_bridge import NumpyBridge
        bridge = NumpyBridge.load()
        number, rejected = bridge.read_drawing([[(0, 0), (40, 0), (15, 60)]])
        single = bridge.predict_strokes([[(10, 0), (10, 50)]], check_not_digit=True)
        print(number.text, single.digit, sorted(m for m in sys.modules if m == "torch" or m.startswith("torch.")))
    """
    env = dict(os.environ, PYTHONPATH=str(REPO), DIGITPAD_DATA_DIR=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], env=env, cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["7", "1", "[]"]


def test_the_bundled_model_path_is_the_default():
    assert NumpyBridge.load().path == bundled_model_path()


@pytest.mark.parametrize("same_base", [True, False])
def test_the_bridge_pairs_trajectory_networks_as_torch_does(tmp_path, base, same_base):
    """A model adapted from the bundled one before adapted models carried a trajectory network:
    the bundled trajectory network when its "adapt" record names the bundled model's creation
    date, none otherwise (model/trajectory_net/trajectory_rule.py), in both engines."""
    from model.checkpoints.checkpoint import save_checkpoint

    record = {"base": bundled_model_path().name, "base_created": base["created"] if same_base else "1999-01-01"}
    path = save_checkpoint(dict(base, adapt=record), tmp_path / "old-adapted.pt")
    bridge, predictor = NumpyBridge.load(path), Predictor.load(path)
    assert (bridge.trajectory is not None) == (predictor.trajectory is not None) == same_base
    for ink in _test_inks()[:20]:
        _assert_same(bridge.predict_strokes(ink), predictor.predict_strokes(ink))

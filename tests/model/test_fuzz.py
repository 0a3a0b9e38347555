"""Random mutations of real checkpoints, images and ink lines: only the documented errors.

Checkpoints raise CheckpointError, images ValueError, ink lines give a ValueError
result; never another exception, and memory stays bounded (< 1 GB above the start).
"""

from __future__ import annotations

import io
import json
import resource

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from cli.ink_input import parse_ink_line
from cli.predict import _predict_guarded
from model.checkpoints.checkpoint import CheckpointError, load_model, make_checkpoint
from model.nets import build_model, make_config
from model.pictures.images import image_to_mnist
from model.predictor import Prediction, Predictor

MEMORY_LIMIT_KB = 1 << 20
_peak_before: list[int] = []  # ru_maxrss (KB) just before this module's first test


@pytest.fixture(scope="module", autouse=True)
def _peak_before_fuzzing():
    """The process's peak memory before the fuzzing (in a full run, earlier tests set it):
    the fuzzing must not push it more than MEMORY_LIMIT_KB higher."""
    _peak_before.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    yield


FUZZ = settings(
    deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None, max_examples=300
)


def _small_checkpoint_bytes() -> bytes:
    model = build_model("mlp", {"hidden": [8]})
    buf = io.BytesIO()
    import torch

    torch.save(make_checkpoint(model, "mlp", make_config("mlp", {"hidden": [8]}), {"test_accuracy": 0.5}), buf)
    return buf.getvalue()


CHECKPOINT = _small_checkpoint_bytes()


def _image_bytes(fmt: str) -> bytes:
    img = Image.new("RGBA" if fmt == "PNG" else "RGB", (40, 48), "white")
    ImageDraw.Draw(img).line((10, 8, 30, 40), fill="black", width=5)
    buf = io.BytesIO()
    img.save(buf, fmt)
    return buf.getvalue()


IMAGES = {fmt: _image_bytes(fmt) for fmt in ("PNG", "JPEG", "GIF", "BMP", "WEBP")}


def mutate(data: bytes, rnd, span: int | None = None) -> bytes:
    """1..8 random bytes replaced (within the first span bytes, if given), sometimes a cut."""
    out = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        out[rnd.randrange(span or len(out))] = rnd.randrange(256)
    if rnd.random() < 0.1:
        del out[rnd.randrange(1, len(out)) :]
    return bytes(out)


# The pickle (data.pkl) is the first archive member: bias half of the edits into it.
HEAD = min(len(CHECKPOINT), 1500)


@FUZZ
@given(rnd=st.randoms(use_true_random=False), in_pickle=st.booleans())
def test_mutated_checkpoints_load_or_raise_checkpoint_error(tmp_path_factory, rnd, in_pickle):
    path = tmp_path_factory.mktemp("fuzz") / "m.pt"
    path.write_bytes(mutate(CHECKPOINT, rnd, HEAD if in_pickle else None))
    try:
        loaded = load_model(path)
    except CheckpointError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(("m.pt", "no checkpoint")), str(exc)
        return
    probs = Predictor(loaded).probabilities(__import__("torch").zeros(1, 28, 28))
    assert np.isfinite(probs).all()


@FUZZ
@given(fmt=st.sampled_from(sorted(IMAGES)), rnd=st.randoms(use_true_random=False))
def test_mutated_images_decode_or_raise_value_error(fmt, rnd):
    try:
        arr = image_to_mnist(mutate(IMAGES[fmt], rnd))
    except ValueError as exc:
        assert "\n" not in str(exc), str(exc)
        return
    assert arr.shape == (28, 28) and np.isfinite(arr).all()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=30,
)


@pytest.fixture(scope="module")
def predictor():
    return Predictor.load()


@FUZZ
@given(
    line=st.one_of(
        st.binary(max_size=200),
        JSON_VALUES.map(lambda v: json.dumps({"strokes": v}).encode()),
        st.lists(
            st.lists(st.lists(st.one_of(st.integers(), st.floats()), min_size=0, max_size=3), max_size=5), max_size=3
        ).map(lambda s: json.dumps({"strokes": s}).encode()),
    )
)
def test_mutated_ink_lines_give_a_result_or_their_error(predictor, line):
    parsed = parse_ink_line(line, 1)
    if isinstance(parsed, ValueError):
        assert str(parsed).startswith("line 1: ")
        return
    (result,) = _predict_guarded(predictor.predict_many_strokes, [parsed])
    assert isinstance(result, (Prediction, ValueError))
    if isinstance(result, Prediction):
        json.dumps(result.to_dict(), allow_nan=False)


def test_the_fuzzing_kept_memory_bounded():
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - _peak_before[0]
    print(f"peak memory growth over the fuzz tests: {grown / 1024:.0f} MB")
    assert grown < MEMORY_LIMIT_KB

"""The inference API: Predictor.load, single and batch predictions, blanks, threads."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from torch import nn

from model.checkpoints.checkpoint import CheckpointError, LoadedModel
from model.predictor import Prediction, Predictor

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "inks" / "uji-sample.jsonl"
LINE = [[(10, 10), (10, 200)]]


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


def labelled_inks() -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text().splitlines()]


def assert_valid(p: Prediction) -> None:
    assert p.digit in range(10) and p.probabilities.shape == (10,)
    assert abs(float(p.probabilities.sum()) - 1) < 1e-4 and p.digit == int(p.probabilities.argmax())
    assert p.image.shape == (28, 28) and p.image.max() > 0
    assert p.confidence == pytest.approx(float(p.probabilities.max()))


def test_model_package_exports_predictor_lazily_without_qt():
    code = (
        "import sys, model\n"
        "assert 'torch' not in sys.modules, 'import model loaded torch'\n"
        "from model import Predictor, Prediction, NothingToRecognize\n"
        "assert Predictor.__module__ == 'model.predictor'\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


def test_bundled_model_loads_and_knows_where_it_came_from(predictor):
    assert predictor.path is not None and predictor.path.name == "digitnet.pt"
    assert predictor.arch and "test_accuracy" in predictor.metrics


def test_a_bad_model_path_is_a_checkpoint_error(tmp_path):
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"not a checkpoint")
    for path in (junk, tmp_path / "missing.pt"):
        with pytest.raises(CheckpointError):
            Predictor.load(path)


def test_real_pen_digits_are_recognized(predictor):
    rows = labelled_inks()
    preds = [predictor.predict_strokes(r["strokes"]) for r in rows]
    for p in preds:
        assert_valid(p)
    correct = sum(p.digit == int(r["label"]) for p, r in zip(preds, rows))
    assert correct >= 18, f"{correct}/20 sample pen digits recognized"


def test_empty_ink_and_blank_image_are_nothing_to_recognize(predictor):
    for p in (predictor.predict_strokes([]), predictor.predict_image(np.zeros((40, 40), np.uint8))):
        assert p.digit is None and "nothing to recognize" in p.message
        assert not p.probabilities.any() and p.image.shape == (28, 28) and p.confidence == 0
        assert p.to_dict() == {"error": p.message}


def test_malformed_input_raises_a_value_error(predictor):
    with pytest.raises(ValueError, match="NaN"):
        predictor.predict_strokes([[(0, 0), (float("nan"), 1)]])
    with pytest.raises(ValueError, match="cannot read"):
        predictor.predict_image(b"no image here")


def test_images_in_every_form(predictor, tmp_path):
    canvas = Image.new("L", (100, 100), 255)
    from PIL import ImageDraw

    ImageDraw.Draw(canvas).line([(50, 10), (50, 90)], fill=0, width=9)  # a dark "1" on white
    path = tmp_path / "one.png"
    canvas.save(path)
    results = [predictor.predict_image(src) for src in (path, str(path), path.read_bytes(), canvas, np.asarray(canvas))]
    for p in results:
        assert_valid(p)
        np.testing.assert_allclose(p.probabilities, results[0].probabilities, atol=1e-5)


def test_batches_agree_with_single_calls_and_keep_errors_in_place(predictor):
    inks = [r["strokes"] for r in labelled_inks()[:5]]
    batch_in = inks[:2] + [[[(0, 0), (float("inf"), 0)]], []] + inks[2:]
    out = predictor.predict_many_strokes(batch_in, batch_size=3)
    assert len(out) == len(batch_in)
    assert isinstance(out[2], ValueError) and not isinstance(out[2], Prediction)
    assert isinstance(out[3], Prediction) and out[3].digit is None
    singles = [predictor.predict_strokes(ink) for ink in inks]
    for got, want in zip(out[:2] + out[4:], singles):
        assert got.digit == want.digit
        np.testing.assert_allclose(got.probabilities, want.probabilities, atol=1e-5)
    images = predictor.predict_many_images([b"junk", np.zeros((9, 9), np.uint8), singles[0].image])
    assert isinstance(images[0], ValueError) and images[1].digit is None and images[2].digit == singles[0].digit


class FixedLogits(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N,1,28,28) -> (N,10)
        return torch.arange(10, dtype=torch.float32).expand(x.shape[0], 10) * 0.5


def test_softmax_lives_in_the_predictor():
    p = Predictor(LoadedModel(FixedLogits(), "cnn", None)).predict_strokes(LINE)
    expected = torch.softmax(torch.arange(10.0) * 0.5, dim=0).numpy()
    np.testing.assert_allclose(p.probabilities, expected, rtol=1e-5)
    assert p.digit == 9


def test_thread_safe_predictions(predictor):
    inks = [r["strokes"] for r in labelled_inks()]
    expected = [predictor.predict_strokes(ink).probabilities for ink in inks]
    errors: list[str] = []

    def worker(offset: int) -> None:
        for k in range(len(inks)):
            i = (k + offset) % len(inks)
            got = predictor.predict_strokes(inks[i]).probabilities
            if not np.allclose(got, expected[i], atol=1e-5):
                errors.append(f"ink {i} differs in a thread")

    threads = [threading.Thread(target=worker, args=(n * 5,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


coordinate = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-1000, 1000)
random_ink = st.lists(st.lists(st.tuples(coordinate, coordinate), max_size=20), max_size=5)


@settings(max_examples=80, deadline=None)
@given(random_ink)
def test_random_inks_give_a_prediction_or_a_value_error(predictor, ink):
    assert_prediction_or_clear_error(predictor.predict_strokes, ink)


def test_single_predictions_leave_the_torch_thread_count_alone(predictor):
    before = torch.get_num_threads()
    predictor.predict_strokes(LINE)
    predictor.predict_many_strokes([LINE] * 20)
    assert torch.get_num_threads() == before


def png_bytes(seed: int, h: int, w: int) -> bytes:
    import io

    rng = np.random.default_rng(seed)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 256, (h, w), dtype=np.uint8) * rng.integers(0, 2, (h, w), dtype=np.uint8)).save(
        buf, "PNG"
    )
    return buf.getvalue()


@settings(max_examples=60, deadline=None)
@given(
    st.binary(max_size=1000) | st.builds(png_bytes, st.integers(0, 2**32 - 1), st.integers(1, 80), st.integers(1, 80))
)
def test_random_image_bytes_give_a_prediction_or_a_value_error(predictor, data):
    assert_prediction_or_clear_error(predictor.predict_image, data)


def assert_prediction_or_clear_error(predict, source) -> None:
    """A valid prediction, "nothing to recognize", "not a digit", or a ValueError with a message."""
    try:
        p = predict(source)
    except ValueError as exc:
        assert str(exc)
        return
    if p.digit is None:
        if p.not_digit:
            assert "digit" in p.message
        else:
            assert "nothing to recognize" in p.message
    else:
        assert_valid(p)

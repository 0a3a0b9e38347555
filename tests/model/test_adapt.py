"""Fine-tuning on one person's drawings: it helps that person, and its checkpoint is a model like any other."""

from __future__ import annotations

import threading

import numpy as np
import pytest
import torch

from model.adaptation.adapt import AdaptConfig, AdaptError, adapt, check_labels, render_samples, stratified_folds
from model.checkpoints.checkpoint import load_model, save_checkpoint
from model.pen.pendigits import load_pendigits
from model.predictor import Predictor
from tests.model.test_pen_digits import pendigits_dir

WRITER = 28  # of the 30 pendigits writers, the one an MNIST-only model read worst
SLANT = 1.0  # x += SLANT * (bottom - y): an italic far beyond what training's augmentation covers


def in_an_unusual_hand(ink: list) -> list:
    """One pendigits writer's ink written with a strong slant to the right: the bundled model
    was trained on every pendigits writer, so this writer is made new to it by a hand of their own."""
    bottom = max(y for stroke in ink for _, y in stroke)
    return [[[x + SLANT * (bottom - y), y] for x, y in stroke] for stroke in ink]


TINY = AdaptConfig(steps=2, copies=1, replay_pool=32, user_batch=4, replay_batch=4, folds=2)


def _circle(r: float = 30.0) -> list:
    t = np.linspace(0, 2 * np.pi, 24)
    return [np.stack([50 + r * np.cos(t), 50 + r * np.sin(t)], 1).tolist()]


def _tiny_inks() -> tuple[list, list]:
    inks = [_circle(), _circle(20), [[[10, 0], [10, 50]]], [[[0, 0], [3, 40]]]]
    return inks, [0, 0, 1, 1]


def test_adapting_on_a_few_inks_of_one_writer_reads_that_writers_other_inks_better(base, replay, tmp_path):
    folder = pendigits_dir()
    if folder is None:
        pytest.skip("pendigits-tra not found (set DIGITPAD_TEST_PENDIGITS)")
    pen = load_pendigits(folder)
    inks = [
        {"strokes": in_an_unusual_hand(ink.tolist() if hasattr(ink, "tolist") else ink), "label": int(label)}
        for ink, label, writer in zip(pen.inks, pen.labels, pen.writers)
        if writer == WRITER
    ]
    rng = np.random.default_rng(0)
    chosen = [
        int(i)
        for d in range(10)
        for i in rng.choice([j for j, s in enumerate(inks) if s["label"] == d], 2, replace=False)
    ]
    others = [s for j, s in enumerate(inks) if j not in set(chosen)]
    config = AdaptConfig(steps=30, folds=0, seed=0, threads=2)
    result = adapt(
        base, [inks[j]["strokes"] for j in chosen], [inks[j]["label"] for j in chosen], config, replay=replay
    )
    labels = np.array([s["label"] for s in others])
    before = Predictor.load().predict_many_strokes([s["strokes"] for s in others])
    adapted = Predictor.load(save_checkpoint(result.checkpoint, tmp_path / "adapted.pt"))
    after = adapted.predict_many_strokes([s["strokes"] for s in others])
    acc_before = np.mean([p.digit for p in before] == labels)
    acc_after = np.mean([p.digit for p in after] == labels)
    assert acc_after >= acc_before + 0.04, (acc_before, acc_after)
    assert acc_after >= 0.95


def test_checkpoint_round_trip_carries_base_and_sample_count(base, replay, tmp_path):
    inks, labels = _tiny_inks()
    seen = []
    result = adapt(base, inks, labels, TINY, on_progress=seen.append, replay=replay, base_name="digitnet.pt")
    assert not result.cancelled and result.samples == 4
    assert 0 <= result.before <= 1 and 0 <= result.after <= 1
    path = save_checkpoint(result.checkpoint, tmp_path / "models" / "adapted.pt")
    loaded = load_model(path)
    assert loaded.arch == base["arch"]
    info = loaded.raw["adapt"]
    assert info["base"] == "digitnet.pt" and info["samples"] == 4 and info["folds"] == 2
    assert loaded.metrics["adapt_samples"] == 4
    state = loaded.model.state_dict()
    assert any(not torch.equal(state[k], base["state_dict"][k]) for k in state), "the weights changed"
    assert Predictor.load(path).predict_strokes(inks[0]).digit is not None
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    assert [p.stage for p in seen][-1] == "final" and {"fold 1/2", "fold 2/2"} <= {p.stage for p in seen}


def test_cancel_returns_no_checkpoint(base, replay):
    cancel = threading.Event()
    cancel.set()
    inks, labels = _tiny_inks()
    result = adapt(base, inks, labels, TINY, cancel=cancel, replay=replay)
    assert result.cancelled and result.checkpoint is None


def test_cancel_during_the_final_stage(base, replay):
    cancel = threading.Event()
    inks, labels = _tiny_inks()

    def progress(p):
        if p.stage == "final":
            cancel.set()

    result = adapt(base, inks, labels, TINY, on_progress=progress, cancel=cancel, replay=replay)
    assert result.cancelled and result.checkpoint is None and result.after is not None


@pytest.mark.parametrize(
    "labels, message",
    [
        ([], "no labelled"),
        ([None, None], "no labelled"),
        ([3], "only 1 drawing"),
        ([3, 12], "label 12"),
        ([3, None], 'no "label"'),
        (["x", 1], "label 'x'"),
        ([3, -1], "label -1"),
    ],
)
def test_bad_labels_give_one_clear_error(labels, message):
    with pytest.raises(AdaptError, match=message):
        check_labels(labels)


def test_unrenderable_drawing_is_named(base, replay):
    with pytest.raises(AdaptError, match="drawing 2"):
        adapt(base, [_circle(), [[[5, 5]]]], [0, 1], TINY, replay=replay)
    with pytest.raises(AdaptError, match="drawing 1"):
        render_samples([[["a", "b"]]])


def test_folds_spread_each_digit():
    labels = [d for d in range(10) for _ in range(2)] + [3]
    folds = stratified_folds(labels, 2, seed=1)
    for d in range(10):
        assert len(set(folds[np.array(labels) == d])) == 2
    assert abs(int((folds == 0).sum()) - int((folds == 1).sum())) <= 1


def test_a_numpy_engine_model_is_refused_clearly(replay):
    from model.checkpoints.checkpoint import make_checkpoint
    from model.nets import build_model, make_config

    base = make_checkpoint(build_model("numpy-cnn"), "numpy-cnn", make_config("numpy-cnn"))
    inks, labels = _tiny_inks()
    with pytest.raises(AdaptError, match="numpy-cnn .* cannot be adapted"):
        adapt(base, inks, labels, TINY, replay=replay)

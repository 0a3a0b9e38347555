"""numpy-cnn through the engine: training on mini MNIST, its SGD, refusals, checkpoints, live prediction, CLI."""

from __future__ import annotations

import json
import threading
import warnings

import numpy as np
import pytest
import torch

from model.checkpoints.checkpoint import load_model, read_checkpoint, save_checkpoint
from model.numpynet.numpy_cnn import NumpyCNNModule
from model.numpynet.numpy_train import NumpySGD
from model.predictor import Predictor
from model.training.data import load_data
from model.training.train import TrainConfig, TrainingError, resume_config, train

from .test_cli import assert_one_line_error, digitpad


@pytest.fixture(scope="module")
def mini():
    from tests.conftest import MNIST_MINI

    return load_data(MNIST_MINI, "train"), load_data(MNIST_MINI, "test")


def _config(**kw):
    return TrainConfig.for_arch("numpy-cnn", **{"epochs": 2, "device": "cpu", **kw})


@pytest.fixture(scope="module")
def trained(mini):
    """numpy-cnn's preset (SGD + momentum, lr 0.1, batch 100) for 6 epochs on the 600 digits."""
    batches, epochs = [], []
    result = train(
        _config(epochs=6), on_batch=batches.append, on_epoch=epochs.append, train_data=mini[0], test_data=mini[1]
    )
    return result, batches, epochs


def test_training_on_mini_mnist_beats_chance_widely_through_the_common_loop(trained):
    result, batches, epochs = trained
    # 600 training digits, 300 held-out test digits; chance is 10%.
    assert result.report.accuracy > 0.8
    assert isinstance(result.model, NumpyCNNModule) and not result.model.training
    assert len(batches) <= 6 * 6 and len(epochs) == 6  # batch 100; throttled reports, every epoch's end
    assert [p.epoch for p in batches if p.batch == p.batches] == list(range(1, 7))
    assert batches[-1].fraction == 1.0 and batches[-1].eta_seconds == 0 and batches[-1].images_per_sec > 0
    assert batches[0].eta_seconds > 0
    assert all(e.train_loss > 0 and e.test_loss > 0 for e in epochs)  # the dialog's two loss curves
    assert epochs[-1].test_loss < epochs[0].test_loss and epochs[-1].train_loss < epochs[0].train_loss
    state = result.checkpoint["train"]
    assert state["finished"] and state["precision"] == "float32" and state["device"] == "cpu"
    assert result.checkpoint["metrics"]["test_accuracy"] == result.report.accuracy


def test_checkpoint_round_trip_and_live_prediction(trained, mini, tmp_path):
    result = trained[0]
    path = save_checkpoint(result.checkpoint, tmp_path / "numpy-cnn.pt")
    raw = read_checkpoint(path)  # torch.load(weights_only=True) inside
    assert raw["arch"] == "numpy-cnn" and all(isinstance(v, torch.Tensor) for v in raw["state_dict"].values())
    loaded = load_model(path)
    assert isinstance(loaded.model, NumpyCNNModule)
    for name, tensor in result.model.state_dict().items():
        assert torch.equal(loaded.model.state_dict()[name], tensor)

    predictor = Predictor.load(path)
    images = mini[1].images[:50].float().div(255).numpy()  # (50,28,28)
    predictions = predictor.predict_arrays(list(images))
    with torch.no_grad():
        from model.preprocess import normalize

        logits = result.model(normalize(torch.from_numpy(images).unsqueeze(1)))  # (50,10)
    assert [p.digit for p in predictions] == logits.argmax(1).tolist()
    accuracy = np.mean([p.digit == y for p, y in zip(predictions, mini[1].labels[:50].tolist())])
    assert accuracy > 0.7
    ink = [[(10.0, 5.0), (10.0, 60.0)]]  # a drawn stroke: the GUI's path
    live = predictor.predict_strokes(ink)
    assert live.digit is not None and abs(float(live.probabilities.sum()) - 1) < 1e-5


def test_resume_at_an_epoch_boundary_equals_an_uninterrupted_run(mini):
    """The momentum buffers and the schedule travel in the checkpoint."""
    straight = train(_config(), train_data=mini[0], test_data=mini[1])
    cancel = threading.Event()
    first = train(_config(), on_epoch=lambda r: cancel.set(), cancel=cancel, train_data=mini[0], test_data=mini[1])
    assert first.cancelled and first.checkpoint["train"]["epoch"] == 1
    assert first.checkpoint["train"]["optimizer"]["state"]  # momentum buffers
    second = train(resume_config(first.checkpoint), resume=first.checkpoint, train_data=mini[0], test_data=mini[1])
    for name, tensor in straight.model.state_dict().items():
        assert torch.allclose(second.model.state_dict()[name], tensor, atol=1e-6), name


def test_momentum_0_is_plain_sgd_even_under_the_one_cycle_schedule(mini):
    result = train(_config(epochs=1, momentum=0.0), train_data=mini[0], test_data=mini[1])
    optimizer = result.checkpoint["train"]["optimizer"]
    assert not optimizer["state"] and all(g["momentum"] == 0.0 for g in optimizer["param_groups"])
    assert result.report.accuracy > 0.2


def test_cancel_takes_effect_within_one_batch(mini):
    cancel = threading.Event()
    seen = []

    def on_batch(p):  # progress reports are throttled: cancel at the first one, whichever batch
        seen.append(p.batch)
        cancel.set()

    result = train(_config(), on_batch=on_batch, cancel=cancel, train_data=mini[0], test_data=mini[1])
    assert result.cancelled and len(seen) == 1
    assert result.checkpoint["train"]["step"] == seen[0] and result.checkpoint["train"]["epoch"] == 0


def test_a_diverging_run_stops_with_a_clear_error_and_no_numeric_warnings(mini):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning would be a second, unclear message
        with pytest.raises(TrainingError, match="diverged"):
            train(_config(lr=1e30, momentum=0.0, schedule="constant"), train_data=mini[0], test_data=mini[1])


@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_numpy_sgd_is_torch_sgd(momentum):
    torch.manual_seed(0)
    ours = [torch.nn.Parameter(torch.randn(3, 4), requires_grad=False), torch.nn.Parameter(torch.randn(4))]
    theirs = [torch.nn.Parameter(p.detach().clone()) for p in ours]
    opt = NumpySGD(ours, lr=0.1, momentum=momentum, weight_decay=1e-3)
    ref = torch.optim.SGD(theirs, lr=0.1, momentum=momentum, nesterov=momentum > 0, weight_decay=1e-3)
    for _ in range(4):
        grads = [torch.randn_like(p) for p in ours]
        opt.step([g.numpy() for g in grads])
        for p, g in zip(theirs, grads):
            p.grad = g.clone()
        ref.step()
    for a, b in zip(ours, theirs):
        assert torch.allclose(a, b, atol=1e-6)


def test_optimizers_other_than_sgd_and_bf16_are_refused_for_it():
    with pytest.raises(ValueError, match="numpy-cnn trains with sgd only"):
        TrainConfig(arch="numpy-cnn", optimizer="adamw")
    with pytest.raises(ValueError, match="numpy-cnn computes in float32"):
        TrainConfig.for_arch("numpy-cnn", precision="bf16")
    preset = TrainConfig.for_arch("numpy-cnn")
    assert (preset.optimizer, preset.lr, preset.batch_size) == ("sgd", 0.1, 100)
    assert TrainConfig.for_arch("numpy-cnn", lr=0.05, momentum=0.0).lr == 0.05
    assert TrainConfig.for_arch("cnn") == TrainConfig(arch="cnn")  # no preset: TrainConfig's defaults


def test_cli_trains_it_with_its_preset_and_refuses_adam(tmp_path, mnist_mini):
    out = tmp_path / "numpy-cnn.pt"
    result = digitpad("train", "--arch", "numpy-cnn", "--data", mnist_mini, "--epochs", "2", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "epoch 2/2" in result.stderr and "test accuracy" in result.stderr
    ckpt = read_checkpoint(out)
    config = ckpt["train"]["config"]
    assert ckpt["arch"] == "numpy-cnn" and (config["optimizer"], config["lr"], config["batch_size"]) == (
        "sgd",
        0.1,
        100,
    )
    report = digitpad("evaluate", "--model", out, "--data", mnist_mini, "--json")
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["arch"] == "numpy-cnn"

    refused = digitpad("train", "--arch", "numpy-cnn", "--data", mnist_mini, "--optimizer", "adam", "--out", out)
    assert_one_line_error(refused, "numpy-cnn trains with sgd only")

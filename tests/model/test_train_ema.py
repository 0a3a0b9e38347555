"""Weight averaging (TrainConfig.ema_decay): an EMA of the weights is evaluated and saved."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
import torch

from model.checkpoints.checkpoint import load_model, read_checkpoint
from model.training.data import load_data
from model.training.evaluate import evaluate
from model.training.train import TrainConfig, resume_config, train
from model.training.weight_average import AVERAGED_STEPS_KEY, RAW_WEIGHTS_KEY

SMALL_DIGITNET = {"widths": [8, 8, 16], "dropout": 0.0}


@pytest.fixture(scope="module")
def mini():
    from tests.conftest import MNIST_MINI

    return load_data(MNIST_MINI, "train"), load_data(MNIST_MINI, "test")


@pytest.fixture(autouse=True)
def report_every_batch(monkeypatch):
    """Every batch is reported (progress is otherwise throttled in time), so a stop lands on a known batch."""
    import model.training.training_run

    monkeypatch.setattr(model.training.training_run, "REPORT_INTERVAL", 0.0)


def _config(**kw):
    values = dict(arch="mlp", epochs=2, batch_size=32, lr=3e-3, device="cpu", threads=2, ema_decay=0.9)
    values.update(kw)
    return TrainConfig(**values)


def _equal(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_the_checkpoint_holds_the_averaged_weights_and_the_raw_ones_train_as_before(mini):
    plain = train(_config(ema_decay=0.0), train_data=mini[0], test_data=mini[1])
    averaged = train(_config(), train_data=mini[0], test_data=mini[1])
    state = averaged.checkpoint["train"]
    # averaging watches the training without changing it: the raw weights are the plain run's
    assert _equal(state[RAW_WEIGHTS_KEY], plain.checkpoint["state_dict"])
    assert state[AVERAGED_STEPS_KEY] == 2 * 19  # 600 digits in batches of 32, 2 epochs
    saved = averaged.checkpoint["state_dict"]
    assert not _equal(saved, state[RAW_WEIGHTS_KEY])
    assert _equal(saved, {k: v.cpu() for k, v in averaged.model.state_dict().items()})
    # the reported test accuracy is the averaged network's
    assert averaged.checkpoint["metrics"]["test_accuracy"] == evaluate(averaged.model, mini[1]).accuracy
    assert averaged.history[-1].test_accuracy == averaged.report.accuracy


def test_decay_zero_trains_and_saves_as_before(mini):
    off = train(_config(ema_decay=0.0), train_data=mini[0], test_data=mini[1])
    assert TrainConfig.ema_decay == 0.0  # off unless asked for
    assert RAW_WEIGHTS_KEY not in off.checkpoint["train"] and AVERAGED_STEPS_KEY not in off.checkpoint["train"]
    assert _equal(off.checkpoint["state_dict"], {k: v.cpu() for k, v in off.model.state_dict().items()})


def test_batchnorm_statistics_are_averaged_and_the_saved_model_reads_digits(mini, tmp_path):
    config = _config(arch="digitnet", arch_config=SMALL_DIGITNET, epochs=4, ema_decay=0.8)
    result = train(config, train_data=mini[0], test_data=mini[1])
    raw = result.checkpoint["train"][RAW_WEIGHTS_KEY]
    saved = result.checkpoint["state_dict"]
    stats = [k for k in saved if k.endswith(("running_mean", "running_var"))]
    assert stats and all(torch.isfinite(saved[k]).all() for k in stats)
    assert all((saved[k] > 0).all() for k in stats if k.endswith("running_var"))
    assert any(not torch.equal(saved[k], raw[k]) for k in stats)  # averaged, not copied from the raw network
    path = tmp_path / "ema.pt"
    torch.save(result.checkpoint, path)
    loaded = load_model(path)  # weights_only, validated
    accuracy = evaluate(loaded.model, mini[1]).accuracy
    raw_model = load_model(path).model
    raw_model.load_state_dict(raw)
    # statistics that do not fit the averaged weights read digits far worse than the raw network
    assert accuracy > 0.5 and accuracy >= evaluate(raw_model, mini[1]).accuracy - 0.05  # chance is 10%


def test_a_stop_saves_averaged_weights_and_resuming_equals_an_uninterrupted_run(mini):
    # no augmentation: its random stream restarts with each epoch, so only then does a
    # resume in mid-epoch redo exactly the uninterrupted run's batches
    straight = train(_config(augment=False), train_data=mini[0], test_data=mini[1])
    cancel = threading.Event()
    first = train(
        _config(augment=False),
        on_batch=lambda p: p.batch >= 7 and cancel.set(),
        cancel=cancel,
        train_data=mini[0],
        test_data=mini[1],
    )
    state = first.checkpoint["train"]
    assert first.cancelled and state[AVERAGED_STEPS_KEY] == state["step"] == 7
    assert not _equal(first.checkpoint["state_dict"], state[RAW_WEIGHTS_KEY])
    assert _equal(first.checkpoint["state_dict"], {k: v.cpu() for k, v in first.model.state_dict().items()})
    second = train(resume_config(first.checkpoint), resume=first.checkpoint, train_data=mini[0], test_data=mini[1])
    assert _equal(second.checkpoint["state_dict"], straight.checkpoint["state_dict"])
    assert _equal(second.checkpoint["train"][RAW_WEIGHTS_KEY], straight.checkpoint["train"][RAW_WEIGHTS_KEY])


@pytest.mark.parametrize("decay", [1.0, -0.1, float("nan")])
def test_a_decay_outside_zero_to_one_is_a_value_error(decay):
    with pytest.raises(ValueError, match="EMA decay must be in"):
        TrainConfig(ema_decay=decay)


def test_the_numpy_network_refuses_weight_averaging():
    with pytest.raises(ValueError, match="NumPy"):
        TrainConfig.for_arch("numpy-cnn", ema_decay=0.999)


def test_the_command_line_has_the_flag_and_saves_a_plain_averaged_model(tmp_path, mnist_mini):
    help_text = subprocess.run(
        [sys.executable, "-m", "app", "train", "--help"], capture_output=True, text=True, timeout=120
    ).stdout
    assert "--ema-decay" in help_text
    out = tmp_path / "ema.pt"
    fast = ["--arch", "mlp", "--limit", "200", "--batch-size", "20", "--threads", "1", "--epochs", "1"]
    args = [sys.executable, "-m", "app", "train", "--data", str(mnist_mini), *fast, "--ema-decay", "0.9"]
    done = subprocess.run([*args, "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    ckpt = read_checkpoint(out)
    assert ckpt["train"]["config"]["ema_decay"] == 0.9
    assert not _equal(ckpt["state_dict"], ckpt["train"][RAW_WEIGHTS_KEY])
    load_model(out)
    bad = subprocess.run(
        [*args[:-1], "1.5", "--out", str(tmp_path / "bad.pt")], capture_output=True, text=True, timeout=120
    )
    assert bad.returncode != 0 and "EMA decay must be in [0, 1), got 1.5" in bad.stderr
    assert not (tmp_path / "bad.pt").exists()

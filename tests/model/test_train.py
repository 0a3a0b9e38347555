"""The training loop on a few hundred committed MNIST digits."""

from __future__ import annotations

import threading

import pytest
import torch

from model.training.data import load_data
from model.training.train import TrainConfig, TrainingError, resume_config, train


@pytest.fixture(scope="module")
def mini(request):
    from tests.conftest import MNIST_MINI

    return load_data(MNIST_MINI, "train"), load_data(MNIST_MINI, "test")


@pytest.fixture(autouse=True)
def report_every_batch(monkeypatch):
    """Progress reports are throttled in time (REPORT_INTERVAL); these tests count batches,
    so every batch is reported here, whatever the machine's speed."""
    import model.training.training_run

    monkeypatch.setattr(model.training.training_run, "REPORT_INTERVAL", 0.0)


def _config(**kw):
    values = dict(arch="cnn", epochs=2, batch_size=32, lr=3e-3, device="cpu", threads=2)
    values.update(kw)
    return TrainConfig(**values)


def test_smoke_training_beats_chance_on_held_out_digits(mini):
    batches, epochs = [], []
    result = train(
        _config(epochs=4), on_batch=batches.append, on_epoch=epochs.append, train_data=mini[0], test_data=mini[1]
    )
    # 600 training digits; the 300 test digits were never seen. Chance is 10%.
    assert result.report.accuracy > 0.75
    # progress is reported at most every REPORT_INTERVAL (one device sync each), and
    # always at the end of an epoch
    assert 4 <= len(batches) <= 4 * 19 and len(epochs) == 4
    assert [(p.epoch, p.batch) for p in batches if p.batch == p.batches] == [(e, 19) for e in range(1, 5)]
    last = batches[-1]
    assert last.fraction == 1.0 and last.eta_seconds == 0 and last.images_per_sec > 0
    assert 0 <= last.accuracy <= 1 and last.loss > 0
    assert epochs[-1].test_accuracy == result.report.accuracy
    assert result.checkpoint["train"]["finished"] and not result.cancelled
    assert result.checkpoint["metrics"]["test_accuracy"] == result.report.accuracy


def test_cancel_takes_effect_within_one_batch(mini):
    cancel = threading.Event()
    seen = []

    def on_batch(p):
        seen.append(p.batch)
        if p.batch == 3:
            cancel.set()

    result = train(_config(), on_batch=on_batch, cancel=cancel, train_data=mini[0], test_data=mini[1])
    assert result.cancelled and seen == [1, 2, 3]
    assert result.checkpoint["train"]["step"] == 3 and result.checkpoint["train"]["epoch"] == 0


def test_resume_at_an_epoch_boundary_equals_an_uninterrupted_run(mini):
    straight = train(_config(), train_data=mini[0], test_data=mini[1])
    cancel = threading.Event()
    first = train(_config(), on_epoch=lambda r: cancel.set(), cancel=cancel, train_data=mini[0], test_data=mini[1])
    assert first.cancelled and first.checkpoint["train"]["epoch"] == 1
    second = train(resume_config(first.checkpoint), resume=first.checkpoint, train_data=mini[0], test_data=mini[1])
    assert not second.cancelled and len(second.history) == 2
    for a, b in zip(straight.model.state_dict().values(), second.model.state_dict().values()):
        assert torch.equal(a, b)


def test_resume_mid_epoch_runs_exactly_the_remaining_batches(mini):
    cancel = threading.Event()
    first = train(
        _config(),
        on_batch=lambda p: p.batch >= 5 and cancel.set(),
        cancel=cancel,
        train_data=mini[0],
        test_data=mini[1],
    )
    stopped = first.checkpoint["train"]["step"]
    assert first.cancelled and first.checkpoint["train"]["epoch"] == 0 and 5 <= stopped < 19
    rest = []
    second = train(
        resume_config(first.checkpoint),
        on_batch=rest.append,
        resume=first.checkpoint,
        train_data=mini[0],
        test_data=mini[1],
    )
    assert rest[0].epoch == 1 and rest[0].batch > stopped and rest[-1].batch == 19
    assert second.checkpoint["train"]["finished"]
    steps = {int(s["step"]) for s in second.checkpoint["train"]["optimizer"]["state"].values()}
    assert steps == {2 * 19}  # the optimizer took exactly the remaining steps


def test_a_diverging_loss_stops_with_a_clear_message(mini):
    with pytest.raises(TrainingError, match="loss became (nan|inf).*lower learning rate"):
        train(_config(optimizer="sgd", lr=1e12, schedule="constant"), train_data=mini[0], test_data=mini[1])


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("epochs", 0, "epochs"),
        ("lr", -1.0, "learning rate"),
        ("optimizer", "lbfgs", "optimizer"),
        ("arch", "resnet", "unknown architecture"),
        ("batch_size", 0, "batch size"),
        ("precision", "fp16", "precision"),
    ],
)
def test_bad_config_values_are_value_errors(field, value, message):
    with pytest.raises(ValueError, match=message):
        TrainConfig(**{field: value})


def test_every_optimizer_and_schedule_trains(mini):
    small = mini[0].subset(64)
    for optimizer, schedule in [("adam", "cosine"), ("sgd", "constant"), ("adamw", "onecycle")]:
        result = train(
            _config(epochs=1, optimizer=optimizer, schedule=schedule, lr=1e-2),
            train_data=small,
            test_data=mini[1].subset(32),
        )
        assert result.report.count == 32


@pytest.mark.parametrize("precision, dtype", [("bf16", "bfloat16"), ("fp32", "float32")])
def test_mixed_precision_trains_fp32_weights(mini, precision, dtype):
    result = train(_config(epochs=3, precision=precision), train_data=mini[0], test_data=mini[1])
    assert result.report.accuracy > 0.7
    assert result.checkpoint["train"]["precision"] == dtype
    assert all(t.dtype == torch.float32 for t in result.model.state_dict().values() if t.is_floating_point())


def test_resume_needs_a_training_state():
    with pytest.raises(ValueError, match="no training state"):
        resume_config({"train": {}})


@pytest.mark.parametrize("schedule", ["onecycle", "cosine", "constant"])
def test_resuming_for_more_epochs_follows_the_schedule_of_the_new_total(mini, schedule):
    from model.training.device import select_device
    from model.training.optimizers import make_optimizer, make_scheduler
    from model.training.training_run import TrainingRun

    first = train(
        _config(arch="mlp", epochs=1, schedule=schedule, train_limit=96), train_data=mini[0], test_data=mini[1]
    )
    config = resume_config(first.checkpoint, epochs=3)
    run = TrainingRun(config, select_device("cpu"), mini[0].subset(96), mini[1], first.checkpoint)
    # The reference: a fresh run of 3 epochs, after the steps of the first epoch.
    model = torch.nn.Linear(1, 1)
    ref_opt = make_optimizer(config, model, torch.device("cpu"))
    ref = make_scheduler(config, ref_opt, run.batches)
    for _ in range(run.batches):
        ref_opt.step()
        ref.step()
    assert run.optimizer.param_groups[0]["lr"] == pytest.approx(ref_opt.param_groups[0]["lr"], rel=1e-9)
    more = train(config, resume=first.checkpoint, train_data=mini[0], test_data=mini[1])
    assert more.checkpoint["train"]["finished"] and len(more.history) == 3


def test_biases_and_normalization_weights_do_not_decay():
    from model.nets import build_model
    from model.training.optimizers import make_optimizer

    model = build_model("digitnet", {})
    optimizer = make_optimizer(TrainConfig(arch="digitnet", weight_decay=0.01), model, torch.device("cpu"))
    decays = {id(p): g["weight_decay"] for g in optimizer.param_groups for p in g["params"]}
    for name, p in model.named_parameters():
        expected = 0.01 if p.dim() >= 2 else 0.0
        assert decays[id(p)] == expected, name
    assert len(decays) == len(list(model.parameters()))


def test_smoothed_curves_run_across_epochs_without_label_smoothing(mini, monkeypatch):
    """BatchProgress.smooth_loss/accuracy: an EMA over every batch, not reset at an epoch,
    and the loss is plain cross-entropy (label smoothing would keep it above ~0.5)."""
    import model.training.training_run

    monkeypatch.setattr(model.training.training_run, "REPORT_INTERVAL", 0.0)  # every batch reported
    batches = []
    train(
        _config(epochs=3, label_smoothing=0.3, augment=False),
        on_batch=batches.append,
        train_data=mini[0],
        test_data=mini[1],
    )
    smooth = [b.smooth_loss for b in batches]
    assert all(0 < s < 5 for s in smooth) and all(0 <= b.smooth_accuracy <= 1 for b in batches)
    steps = [abs(b - a) for a, b in zip(smooth[1:], smooth[2:])]  # after the first (bias-corrected) batch
    first_of_epoch = [i for i, b in enumerate(batches) if b.batch == 1 and i > 0]
    means = [b.loss for b in batches]
    for i in first_of_epoch:  # the epoch running mean jumps here; the EMA does not
        assert abs(smooth[i] - smooth[i - 1]) <= max(steps) + 1e-9
        assert abs(smooth[i] - smooth[i - 1]) < abs(means[i] - means[i - 1])
    assert smooth[-1] < batches[-1].loss  # plain CE below the label-smoothed running mean

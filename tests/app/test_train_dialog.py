"""The Train Model dialog: a short real training, cancel, failures, responsiveness."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from app.settings import TRAIN_PRECISION
from model.nets import ARCHITECTURES
from model.paths import models_dir
from model.training.train import EpochResult

from .helpers import draw, one


def open_dialog(window, data, arch="cnn", epochs=1, batch=64, lr=3e-3):
    dialog = window.open_train_dialog()
    assert isinstance(dialog, QDialog) and window.findChild(QDialog, "trainDialog") is dialog
    form = dialog.form
    form.arch.setCurrentIndex(form.arch.findData(arch))
    form.set_data_folder(str(data))
    form.epochs.setValue(epochs)
    form.batch.setValue(batch)
    form.lr.setValue(lr)
    form.augment.setChecked(False)
    return dialog


def test_form_offers_every_architecture_and_device(window):
    dialog = window.open_train_dialog()
    form = dialog.form
    assert [form.arch.itemData(i) for i in range(form.arch.count())] == list(ARCHITECTURES)
    from model.training.device import device_availability

    for i in range(form.device.count()):
        name = form.device.itemData(i)
        reason = device_availability()[name]
        assert form.device.model().item(i).isEnabled() == (reason is None)
        if reason:
            assert form.device.itemData(i, 3) == reason  # Qt.ToolTipRole
    config = form.config()
    assert config.threads >= 1 and config.arch == form.arch.currentData()
    assert [form.precision.itemData(i) for i in range(form.precision.count())] == ["auto", "fp32", "bf16"]
    assert config.precision == "auto"


def test_numpy_cnn_is_listed_and_brings_its_preset(window):
    form = window.open_train_dialog().form
    form.arch.setCurrentIndex(form.arch.findData("cnn"))
    form.lr.setValue(0.02)
    form.arch.setCurrentIndex(form.arch.findData("numpy-cnn"))
    config = form.config()  # valid: the preset's SGD instead of the form's adamw
    assert (config.arch, config.optimizer, config.lr, config.batch_size, config.momentum) == (
        "numpy-cnn",
        "sgd",
        0.1,
        100,
        0.9,
    )
    assert form.optimizer.currentText() == "sgd" and form.batch.value() == 100
    form.arch.setCurrentIndex(form.arch.findData("cnn"))  # leaving it: the form's defaults again
    assert form.config().optimizer == "adamw" and form.batch.value() == 128


def test_precision_choice_reaches_the_config_and_is_remembered(window, settings):
    form = window.open_train_dialog().form
    form.precision.setCurrentIndex(form.precision.findData("fp32"))
    assert form.config().precision == "fp32"
    form.save_settings()
    assert settings.get(TRAIN_PRECISION) == "fp32"
    form.precision.setCurrentIndex(0)
    form.load_settings()
    assert form.precision.currentData() == "fp32"


def test_short_training_runs_to_completion_and_becomes_active(window, qtbot, mnist_mini, settings):
    dialog = open_dialog(window, mnist_mini)
    old = window.manager.predictor
    with qtbot.waitSignal(dialog.trainingFinished, timeout=60000) as done:
        assert dialog.start_training()
        assert not dialog.form.isEnabled() and dialog.cancel_button.isEnabled()
    result = done.args[0]
    assert not result.cancelled and len(result.history) == 1
    assert dialog.curves.acc_plot.points(dialog.curves.tr("test")) == [(1.0, result.history[0].test_accuracy)]
    assert dialog.curves.loss_plot.points(dialog.curves.tr("train")), "the loss curve got live points"
    assert "Accuracy" in dialog.report.toPlainText() and "Confusion matrix" in dialog.report.toPlainText()
    assert dialog.progress.value() == 1000
    assert window.manager.predictor is old  # nothing changes until the user says so
    dialog.use_button.click()
    saved = window.manager.predictor.path
    assert saved.parent == models_dir() and saved.is_file()
    assert window.manager.predictor is not old and window.manager.predictor.arch == "cnn"
    assert saved.name in window.model_label.text()
    assert settings.data_folder == str(mnist_mini)  # the data folder is remembered
    assert settings.model_path == str(saved)  # and the new model is used at the next start
    assert [p.name for p in window.manager.saved_models()] == [saved.name]
    draw(window.canvas, one(window.canvas)[0])  # the new model recognizes the drawing
    qtbot.waitUntil(
        lambda: window.recognizer.last is not None and window.recognizer.last.digit is not None, timeout=3000
    )


def test_numpy_cnn_trains_in_the_dialog_with_both_loss_curves_and_recognizes_drawings(window, qtbot, mnist_mini):
    dialog = window.open_train_dialog()
    form = dialog.form
    form.arch.setCurrentIndex(form.arch.findData("numpy-cnn"))
    form.set_data_folder(str(mnist_mini))
    form.epochs.setValue(2)
    with qtbot.waitSignal(dialog.trainingFinished, timeout=120000) as done:
        assert dialog.start_training()
    result = done.args[0]
    assert not result.cancelled and len(result.history) == 2
    assert dialog.curves.loss_plot.points(dialog.curves.tr("test")) == [(h.epoch, h.test_loss) for h in result.history]
    assert dialog.curves.loss_plot.points(dialog.curves.tr("train")), "the train loss curve got live points"
    dialog.use_button.click()
    assert window.manager.predictor.arch == "numpy-cnn"
    dialog.close_button.click()
    assert not dialog.isVisible()
    draw(window.canvas, one(window.canvas)[0])  # live recognition by the NumPy forward pass
    qtbot.waitUntil(
        lambda: window.recognizer.last is not None and window.recognizer.last.digit is not None, timeout=3000
    )


def test_cancel_stops_within_a_batch_and_keeps_the_model(window, qtbot, mnist_mini):
    dialog = open_dialog(window, mnist_mini, epochs=50, batch=16)
    old = window.manager.predictor
    seen = []
    with qtbot.waitSignal(dialog.trainingFinished, timeout=60000) as done:
        dialog.start_training()
        dialog.worker.progress.connect(seen.append)
        qtbot.waitUntil(lambda: bool(seen), timeout=30000)
        dialog.cancel_button.click()
    result = done.args[0]
    assert result.cancelled
    state = result.checkpoint["train"]
    assert state["epoch"] == 0  # stopped in the first of 50 epochs
    assert window.manager.predictor is old
    assert not dialog.use_button.isEnabled() and dialog.start_button.isEnabled()
    assert "cancelled" in dialog.status.text()


def test_cancel_after_whole_epochs_keeps_the_last_finished_epochs_model(window, qtbot, mnist_mini):
    """Cancel keeps what was learned: the model as of the last finished epoch, with that
    epoch's test accuracy, offered for saving; the cut-short epoch's weights are dropped."""
    dialog = open_dialog(window, mnist_mini, epochs=50, batch=16)
    old = window.manager.predictor
    epochs = []
    with qtbot.waitSignal(dialog.trainingFinished, timeout=120000) as done:
        dialog.start_training()
        dialog.worker.progress.connect(lambda item: epochs.append(item) if isinstance(item, EpochResult) else None)
        qtbot.waitUntil(lambda: len(epochs) >= 1, timeout=90000)
        dialog.cancel_button.click()
    result = done.args[0]
    assert result.cancelled and len(result.history) >= 1
    finished = len(result.history)
    state = result.checkpoint["train"]
    assert state["epoch"] == finished and state["step"] == 0  # the end of the last whole epoch
    assert result.checkpoint["metrics"]["test_accuracy"] == result.history[-1].test_accuracy
    assert f"after {finished} of 50 epochs" in dialog.status.text()
    assert window.manager.predictor is old  # nothing changes until the user says so
    assert dialog.save_button.isEnabled() and dialog.use_button.isEnabled()
    dialog.use_button.click()
    assert window.manager.predictor is not old and window.manager.predictor.path.is_file()
    assert window.manager.predictor.metrics["test_accuracy"] == result.history[-1].test_accuracy


def test_training_job_checks_cancel_every_batch(mnist_mini):
    """Cancelling from inside a batch report stops before the next batch runs."""
    import threading

    from app.training.job import training_job
    from model.training.train import BatchProgress, TrainConfig

    job = training_job(TrainConfig(arch="mlp", data=str(mnist_mini), epochs=3, batch_size=16, augment=False, threads=1))
    cancel = threading.Event()
    batches = []

    def report(progress, last=False):
        if isinstance(progress, BatchProgress):
            batches.append(progress.batch)
            cancel.set()  # at the first report (reports are throttled by the engine)

    result = job(report, cancel)  # in this thread: the loop, the report and the flag are the engine's
    assert result.cancelled and len(batches) == 1
    assert result.checkpoint["train"]["step"] == batches[0]  # no batch ran after the cancel


def test_wrong_data_folder_is_a_clear_message(window, qtbot, tmp_path, dialogs):
    dialog = open_dialog(window, tmp_path / "no-such-folder")
    with qtbot.waitSignal(dialog.trainingFailed, timeout=30000) as failed:
        dialog.start_training()
    assert "does not exist" in failed.args[0] and "no-such-folder" in failed.args[0]
    assert dialogs[-1][0] == "error"
    assert dialog.start_button.isEnabled() and not dialog.is_running()
    draw(window.canvas, one(window.canvas)[0])
    qtbot.waitUntil(lambda: window.panel.digit.text() == "1", timeout=3000)  # the app still works


def test_diverging_training_is_a_clear_message(window, qtbot, mnist_mini, dialogs):
    old = window.manager.predictor
    dialog = open_dialog(window, mnist_mini, lr=1e6)
    with qtbot.waitSignal(dialog.trainingFailed, timeout=60000) as failed:
        dialog.start_training()
    assert "did not learn" in failed.args[0] and "lower learning rate" in failed.args[0]
    assert window.manager.predictor is old and dialog.start_button.isEnabled()


def test_gui_stays_responsive_while_training(window, qtbot, mnist_mini):
    """Training runs off the GUI thread, and while it runs the GUI thread handles real input:
    a digit drawn with the mouse mid-training is recognized before the training ends.

    No timing threshold here (tests/app/bench_gui_latency.py prints the stall figures).
    """
    import threading

    dialog = open_dialog(window, mnist_mini, epochs=50, batch=16)
    seen = []
    dialog.start_training()
    dialog.worker.progress.connect(seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=60000)
    assert dialog.is_running()
    draw(window.canvas, one(window.canvas)[0])
    qtbot.waitUntil(lambda: window.panel.digit.text() == "1", timeout=10000)
    assert dialog.is_running(), "the drawing was recognized while the training ran"
    trainers = [t for t in threading.enumerate() if t.name == "digitpad-training"]
    assert trainers and threading.current_thread() not in trainers
    with qtbot.waitSignal(dialog.worker.stopped, timeout=60000):
        dialog.cancel_button.click()


def test_the_status_line_shows_the_curves_figures_and_the_bar_says_it_is_the_whole_run(window):
    """A newcomer saw "Loss 0.5811" under a curve whose legend said 0.166 (the epoch's running
    mean with label smoothing vs the smoothed plain loss), and "Epoch 1/5: 15%" for 15% of the
    whole run. The status line now gives the figures the curves show."""
    from model.training.train import BatchProgress

    dialog = window.open_train_dialog()
    p = BatchProgress(
        epoch=1, epochs=5, batch=30, batches=200, loss=0.5811, accuracy=0.90, images_per_sec=5000.0,
        eta_seconds=60.0, smooth_loss=0.166, smooth_accuracy=0.987,
    )  # fmt: skip
    dialog._on_progress(p)
    assert "0.1660" in dialog.status.text() and "98.7" in dialog.status.text()
    assert "0.5811" not in dialog.status.text()
    assert dialog.curves.loss_plot.points(dialog.curves.tr("train"))[-1][1] == 0.166
    assert "of the run" in dialog.progress.format()

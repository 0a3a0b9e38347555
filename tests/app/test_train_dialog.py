"""The Train Model dialog: a short real training, cancel, failures, responsiveness."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog

from model.nets import ARCHITECTURES
from model.paths import models_dir

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
    from model.device import device_availability

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


def test_precision_choice_reaches_the_config_and_is_remembered(window, settings):
    form = window.open_train_dialog().form
    form.precision.setCurrentIndex(form.precision.findData("fp32"))
    assert form.config().precision == "fp32"
    form.save_settings()
    assert settings.get_str("train/precision", "") == "fp32"
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
    assert dialog.acc_plot.points(dialog.tr("test")) == [(1.0, result.history[0].test_accuracy)]
    assert dialog.loss_plot.points(dialog.tr("train")), "the loss curve got live points"
    assert "accuracy" in dialog.report.toPlainText() and "confusion" in dialog.report.toPlainText()
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
    qtbot.waitUntil(lambda: window.recognizer.last is not None and window.recognizer.last.digit is not None,
                    timeout=3000)


def test_cancel_stops_within_a_batch_and_keeps_the_model(window, qtbot, mnist_mini):
    dialog = open_dialog(window, mnist_mini, epochs=50, batch=16)
    old = window.manager.predictor
    seen = []
    dialog.runner = None
    with qtbot.waitSignal(dialog.trainingFinished, timeout=60000) as done:
        dialog.start_training()
        dialog.runner.worker.batchProgress.connect(seen.append)
        qtbot.waitUntil(lambda: bool(seen), timeout=30000)
        dialog.cancel_button.click()
    result = done.args[0]
    assert result.cancelled
    state = result.checkpoint["train"]
    assert state["epoch"] == 0  # stopped in the first of 50 epochs
    assert window.manager.predictor is old
    assert not dialog.use_button.isEnabled() and dialog.start_button.isEnabled()
    assert "cancelled" in dialog.status.text()


def test_worker_cancel_is_checked_every_batch(mnist_mini, qtbot):
    """Cancelling from inside a batch callback stops before the next batch runs."""
    from app.train_worker import TrainWorker
    from model.train import TrainConfig

    worker = TrainWorker(TrainConfig(arch="mlp", data=str(mnist_mini), epochs=3, batch_size=16, augment=False, threads=1))
    batches = []

    def on_batch(progress):
        batches.append(progress.batch)
        if progress.batch == 3:
            worker.cancel.set()

    worker._on_batch = on_batch
    with qtbot.waitSignal(worker.finished, timeout=60000) as done:
        worker.run()  # in this thread: the loop, the callback and the flag are the engine's
    assert done.args[0].cancelled and batches == [1, 2, 3]


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
    """A 10 ms timer keeps ticking while the training thread works: no stall over 50 ms.

    torch's one-time lazy imports are done when the dialog opens (TrainDialog.warmed),
    before the user presses Start. tests/app/bench_gui_latency.py prints the figures.
    """
    dialog = open_dialog(window, mnist_mini, epochs=2, batch=32)
    qtbot.waitUntil(dialog.warmed.is_set, timeout=60000)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    with qtbot.waitSignal(dialog.trainingFinished, timeout=120000):
        dialog.start_training()
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(gaps) > 20
    assert max(gaps) < 0.050, f"the GUI thread stalled for {max(gaps) * 1000:.0f} ms"

"""The Train dialog's weight-averaging field (TrainConfig.ema_decay): a decimal typed by the user."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.settings import TRAIN_EMA_DECAY
from app.training.form import TrainForm


def _type(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Tab)  # leaving the field commits what was typed


def test_weight_averaging_is_off_by_default_and_takes_a_typed_decay(window, qtbot):
    form = window.open_train_dialog().form
    spin = form.ema_decay
    assert spin.value() == 0.0 and spin.text() == "Off" and form.config().ema_decay == 0.0
    _type(qtbot, spin, "0.999")
    assert spin.text().startswith("0.999") and spin.value() == 0.999 and form.config().ema_decay == 0.999
    form.save_settings()
    assert window.settings.get(TRAIN_EMA_DECAY) == 0.999
    again = TrainForm(window.settings)  # the next session's form
    qtbot.addWidget(again)
    assert again.ema_decay.value() == 0.999 and again.config().ema_decay == 0.999


def test_a_decay_of_one_cannot_be_typed(window, qtbot):
    form = window.open_train_dialog().form
    _type(qtbot, form.ema_decay, "1")
    assert form.ema_decay.value() < 1 and form.config().ema_decay < 1


def test_the_numpy_network_turns_weight_averaging_off(window, qtbot):
    form = window.open_train_dialog().form
    _type(qtbot, form.ema_decay, "0.99")
    form.arch.setCurrentIndex(form.arch.findData("numpy-cnn"))
    assert form.ema_decay.value() == 0.0 and form.config().ema_decay == 0.0  # valid: NumPy has no averaging

"""The NumPy bridge recognizes drawings while torch loads, then hands over to the torch model
(app/models/model_manager.py bridgeReady, then modelChanged): the ink is read again, the answer
stays, nothing is left in a "loading" state. Torch's loader is held back by a gate here, so
that what the bridge shows can be checked before torch takes over."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from app.models import model_manager

from .helpers import draw, line, one, seven

WAIT_MS = 120000  # the model's load under a busy machine


@pytest.fixture
def gate(monkeypatch):
    """Torch's start-up job waits until the test opens the gate (never longer than WAIT_MS)."""
    opened = threading.Event()
    real = model_manager.load_job

    def held(path, in_use):
        job = real(path, in_use)

        def wait_then_run(report, cancel):
            opened.wait(WAIT_MS / 1000)
            return job(report, cancel)

        return wait_then_run

    monkeypatch.setattr(model_manager, "load_job", held)
    yield opened
    opened.set()


def _window(qtbot, settings):
    from app.main import create_window

    win = create_window(settings=settings, background=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _handed_over(win) -> bool:
    return win.manager.predictor is not None and win.recognizer.predictor is win.manager.predictor


def test_a_digit_drawn_while_torch_loads_is_read_by_the_bridge_then_by_torch(qtbot, settings, gate):
    win = _window(qtbot, settings)
    shown = []
    win.recognizer.predicted.connect(lambda prediction, source: shown.append(prediction.digit))
    draw(win.canvas, seven(win.canvas)[0])  # at once: maybe before the bridge is there
    qtbot.waitUntil(lambda: win.panel.digit.text() == "7", timeout=WAIT_MS)
    assert win.manager.predictor is None and win.recognizer.predictor is win.manager.bridge  # the bridge read it
    assert "Loading" not in win.model_label.text() and "digitnet" in win.model_label.text()
    bridge_probabilities = win.recognizer.last.probabilities
    gate.set()
    qtbot.waitUntil(lambda: _handed_over(win) and win.manager.engine_ready, timeout=WAIT_MS)
    assert win.manager.bridge is None
    torch_reading, _ = win.manager.predictor.read_drawing(win.ink.strokes)
    assert np.array_equal(win.recognizer.last.probabilities, torch_reading.prediction(0).probabilities)  # read again
    assert np.abs(win.recognizer.last.probabilities - bridge_probabilities).max() < 1e-4
    assert win.panel.digit.text() == "7" and set(shown) == {7}  # no other answer on the way
    assert "Loading" not in win.model_label.text() and "Loading" not in win.panel.confidence.text()


def test_torch_taking_over_the_bridges_model_is_no_news_but_another_model_is(qtbot, settings, gate):
    """The bridge read the bundled model; torch reading the same one changes nothing the user
    sees, so the status bar says nothing (it said "Now recognizing with digitnet"). Loading
    another model afterwards is said."""
    from model.checkpoints.checkpoint import save_checkpoint
    from model.paths import models_dir
    from tests.model.hostile_files import good_checkpoint

    win = _window(qtbot, settings)
    qtbot.waitUntil(lambda: win.manager.bridge is not None, timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: _handed_over(win) and win.manager.engine_ready, timeout=WAIT_MS)
    assert "Now recognizing" not in win.statusBar().currentMessage()
    other = save_checkpoint(good_checkpoint("mlp"), models_dir() / "other.pt")
    assert win.load_model_file(str(other))
    assert win.statusBar().currentMessage() == "Now recognizing with mlp"
    win.reset_model()
    assert win.statusBar().currentMessage() == "Now recognizing with digitnet"


def test_a_number_written_while_torch_loads_is_read_by_the_bridge(qtbot, settings, gate):
    win = _window(qtbot, settings)
    qtbot.waitUntil(lambda: win.manager.bridge is not None, timeout=WAIT_MS)
    cx, cy = win.canvas.width() / 2, win.canvas.height() / 2
    draw(win.canvas, line((cx - 60, cy - 80), (cx - 60, cy + 80)))  # a 1
    draw(win.canvas, [(x + 80, y) for x, y in seven(win.canvas)[0]])  # a 7 right of it
    qtbot.waitUntil(lambda: win.recognizer.number_text == "17", timeout=WAIT_MS)
    assert win.manager.predictor is None
    gate.set()
    qtbot.waitUntil(lambda: _handed_over(win), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: win.recognizer.number_text == "17", timeout=5000)


def test_a_saved_digitnet_is_bridged_and_named(qtbot, settings, gate, tmp_path):
    from model.checkpoints.checkpoint import read_checkpoint, save_checkpoint
    from model.paths import bundled_model_path, models_dir

    ckpt = read_checkpoint(bundled_model_path())
    path = save_checkpoint({**ckpt, "metrics": {"test_accuracy": 0.5}}, models_dir() / "mine.pt")
    settings.model_path = str(path)
    win = _window(qtbot, settings)
    qtbot.waitUntil(lambda: win.manager.bridge is not None, timeout=WAIT_MS)
    assert win.manager.bridge.path == path and "mine.pt" in win.model_label.text()
    draw(win.canvas, one(win.canvas)[0])
    qtbot.waitUntil(lambda: win.panel.digit.text() == "1", timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: _handed_over(win), timeout=WAIT_MS)
    assert win.manager.predictor.path == path and "mine.pt" in win.model_label.text()
    assert "Now recognizing" not in win.statusBar().currentMessage()  # the same model, read by torch now


def test_a_model_the_bridge_does_not_read_waits_for_torch(qtbot, settings, gate, tmp_path):
    from model.checkpoints.checkpoint import save_checkpoint
    from model.paths import models_dir
    from tests.model.hostile_files import good_checkpoint

    settings.model_path = str(save_checkpoint(good_checkpoint("mlp"), models_dir() / "mlp.pt"))
    win = _window(qtbot, settings)
    qtbot.waitUntil(lambda: win.manager._bridge_loader is not None and not win.manager._bridge_loader.is_running())
    assert win.manager.bridge is None and win.recognizer.predictor is None
    draw(win.canvas, one(win.canvas)[0])
    qtbot.wait(200)
    assert win.panel.digit.text() == "" and "Loading" in win.model_label.text()  # as without the bridge
    gate.set()
    qtbot.waitUntil(lambda: _handed_over(win), timeout=WAIT_MS)
    assert win.manager.predictor.arch == "mlp"
    assert win.statusBar().currentMessage() == "Now recognizing with mlp"  # the saved model is active now
    qtbot.waitUntil(lambda: win.panel.digit.text() != "", timeout=5000)


def test_closing_the_window_while_the_bridge_and_torch_load(qtbot, settings, gate):
    win = _window(qtbot, settings)
    draw(win.canvas, one(win.canvas)[0])
    bridge_loader = win.manager._bridge_loader
    assert win.close()  # never waits for the loaders
    gate.set()
    qtbot.waitUntil(lambda: not bridge_loader.is_running(), timeout=WAIT_MS)
    loader = win.manager._loader
    qtbot.waitUntil(lambda: loader is not None and not loader.is_running(), timeout=WAIT_MS)


def test_a_smiley_drawn_while_torch_loads_stays_not_a_digit_through_the_handover(qtbot, settings, gate):
    from .test_drawn_not_digit import shows_not_a_digit, smiley

    win = _window(qtbot, settings)
    qtbot.waitUntil(lambda: win.manager.bridge is not None, timeout=WAIT_MS)
    shown = []
    win.recognizer.predicted.connect(lambda prediction, source: shown.append((prediction.digit, prediction.not_digit)))
    for stroke in smiley(win.canvas):
        draw(win.canvas, stroke)
    qtbot.waitUntil(lambda: shows_not_a_digit(win), timeout=WAIT_MS)  # the bridge's check said so
    assert win.manager.predictor is None
    gate.set()
    qtbot.waitUntil(lambda: _handed_over(win), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(shown) >= 2, timeout=5000)  # torch's reading, after the grace period
    assert shows_not_a_digit(win) and set(shown) == {(None, True)}  # never a digit on the way


def test_when_torch_fails_to_load_the_bridge_reading_does_not_stay(qtbot, settings, monkeypatch, dialogs):
    """The engine cannot load at all (a broken PyTorch): the app says it cannot recognize, and
    the bridge's earlier answer is not left on show as if it could."""
    opened = threading.Event()

    def broken(path, in_use):
        def job(report, cancel):
            opened.wait(WAIT_MS / 1000)
            raise ImportError("libtorch_cpu.so: cannot open shared object file")

        return job

    monkeypatch.setattr(model_manager, "load_job", broken)
    win = _window(qtbot, settings)
    draw(win.canvas, seven(win.canvas)[0])
    qtbot.waitUntil(lambda: win.panel.digit.text() == "7", timeout=WAIT_MS)  # the bridge
    opened.set()
    qtbot.waitUntil(lambda: win.manager.load_error != "", timeout=WAIT_MS)
    assert win.panel.digit.text() == "" and win.recognizer.last is None and win.recognizer.predictor is None
    assert win.manager.bridge is None and "No model" in win.model_label.text()
    assert any("cannot recognize" in text for _, _, text in dialogs)
    draw(win.canvas, one(win.canvas)[0])
    qtbot.wait(200)
    assert win.panel.digit.text() == ""

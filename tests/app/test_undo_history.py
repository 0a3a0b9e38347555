"""Undo and redo over sequences mixing strokes, taps (dots), erases, clears, opened and
pasted images, with real mouse and key events (Ctrl+O, Ctrl+V, Delete, Ctrl+Z,
Ctrl+Shift+Z), checked at every step against a small model of the history: a list of
states and a position in it. An image is one step like a stroke (nc3 fault 4: a redo
across an opened image showed a blank canvas with Redo disabled; a paste after an undo
kept the old redo step, and Ctrl+Shift+Z put the undone dot over the pasted image)."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog

from .helpers import draw, one, seven, zero
from .test_recognition import prediction, write_mnist_png

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


class History:
    """The expected history: states are ("ink", strokes) or ("image", name)."""

    def __init__(self) -> None:
        self.states: list[tuple[str, object]] = [("ink", 0)]
        self.at = 0

    @property
    def now(self) -> tuple[str, object]:
        return self.states[self.at]

    def step(self, state) -> None:
        del self.states[self.at + 1 :]  # a new step drops what could be redone
        self.states.append(state)
        self.at += 1

    def undo(self) -> None:
        self.at = max(0, self.at - 1)

    def redo(self) -> None:
        self.at = min(len(self.states) - 1, self.at + 1)


@pytest.fixture
def images(mnist_mini, tmp_path):
    """Two different MNIST digits as PNG files: (path, label)."""
    return [write_mnist_png(mnist_mini, tmp_path, index=i) for i in (0, 1)]  # a 7 and a 2


def do(action: str, window, qtbot, history: History, images, monkeypatch) -> None:
    canvas = window.canvas
    kind, value = history.now
    strokes = value if kind == "ink" else 0
    if action == "stroke":
        shape = (one, seven, zero)[strokes % 3](canvas)[0]
        draw(canvas, [(x + 60 * (strokes % 2), y) for x, y in shape])
        history.step(("ink", strokes + 1))
    elif action == "tap":
        x, y = 40 + 25 * strokes, 40
        draw(canvas, [(x, y)])
        if kind == "ink":  # a tap on an opened image leaves it as it is
            history.step(("ink", strokes + 1))
    elif action in ("open", "paste"):
        path, _ = images[len(history.states) % 2]
        with qtbot.waitSignal(window.images.opened, timeout=20000):
            if action == "open":
                monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
                qtbot.keyClick(canvas, Qt.Key.Key_O, CTRL)
            else:
                QGuiApplication.clipboard().setImage(QImage(str(path)))
                qtbot.keyClick(canvas, Qt.Key.Key_V, CTRL)
        history.step(("image", path.name if action == "open" else "clipboard"))
    elif action == "clear":
        qtbot.keyClick(canvas, Qt.Key.Key_Delete)
        if history.now != ("ink", 0):
            history.step(("ink", 0))
    elif action == "undo":
        qtbot.keyClick(canvas, Qt.Key.Key_Z, CTRL)
        history.undo()
    elif action == "redo":
        qtbot.keyClick(canvas, Qt.Key.Key_Z, CTRL | SHIFT)
        history.redo()


def check(window, qtbot, history: History, images, where: str) -> None:
    kind, value = history.now
    controls, canvas, ink = window.controls, window.canvas, window.ink
    assert controls.undo.isEnabled() == (history.at > 0), where
    assert controls.redo.isEnabled() == (history.at < len(history.states) - 1), where
    assert controls.clear.isEnabled() == (history.now != ("ink", 0)), where
    if kind == "image":
        assert canvas.picture is not None and ink.is_empty(), where
        qtbot.wait(150)  # past the recognizer's debounce: the image's reading stays
        assert window.recognizer.showing_image, where
        caption = window.panel.caption.text()
        assert value in caption or (value == "clipboard" and "clipboard" in caption), (where, caption)
        labels = {path.name: str(label) for path, label in images}
        if value in labels:
            assert prediction(window) == labels[value], where
    else:
        assert canvas.picture is None and len(ink.finished_strokes) == value, where
        qtbot.waitUntil(lambda: not window.recognizer.showing_image, timeout=5000)


SEQUENCES = [
    ["stroke", "open", "undo", "redo"],  # nc3 fault 4a
    ["tap", "undo", "paste", "redo", "undo", "redo"],  # nc3 fault 4b
    ["stroke", "open", "stroke", "undo", "undo", "redo", "redo", "undo"],
    ["open", "paste", "undo", "undo", "redo", "redo", "clear", "undo"],
    ["stroke", "clear", "open", "undo", "undo", "redo", "redo", "tap", "undo"],
    ["open", "tap", "stroke", "undo", "paste", "redo", "undo", "undo", "redo"],
]


@pytest.mark.parametrize("sequence", SEQUENCES, ids=["-".join(s) for s in SEQUENCES])
def test_undo_and_redo_follow_the_history(sequence, window, qtbot, images, monkeypatch):
    window.activateWindow()
    history = History()
    check(window, qtbot, history, images, "start")
    for i, action in enumerate(sequence):
        do(action, window, qtbot, history, images, monkeypatch)
        check(window, qtbot, history, images, f"after {sequence[: i + 1]}")


@pytest.mark.parametrize("seed", range(3))
def test_random_mixes_follow_the_history(seed, window, qtbot, images, monkeypatch):
    rng = random.Random(seed)
    actions = ["stroke", "tap", "open", "paste", "clear", "undo", "undo", "redo", "redo"]
    sequence = [rng.choice(actions) for _ in range(14)]
    window.activateWindow()
    history = History()
    for i, action in enumerate(sequence):
        do(action, window, qtbot, history, images, monkeypatch)
        check(window, qtbot, history, images, f"seed {seed}: after {sequence[: i + 1]}")

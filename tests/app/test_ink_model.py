"""The ink model: strokes, undo and redo per action, signals."""

from __future__ import annotations

import pytest

from app.drawing.ink_model import InkModel


def test_strokes_undo_redo_clear(qtbot):
    ink = InkModel()
    assert ink.is_empty() and not ink.can_undo()
    ink.begin_stroke(1, 2, 0.5, width=10)
    ink.extend_stroke(3, 4)
    ink.extend_stroke(3, 4)  # no movement: not a new point
    assert ink.strokes == [((1, 2, 0.5), (3, 4, 1.0))]  # the stroke in progress is visible to recognition
    assert ink.finished_strokes == []
    with qtbot.waitSignal(ink.undoStateChanged):
        ink.end_stroke()
    ink.add_stroke([(5, 5), (6, 6)])
    assert len(ink.strokes) == 2 and ink.finished_strokes[0].width == 10
    ink.undo()
    assert ink.strokes == [((1, 2, 0.5), (3, 4, 1.0))] and ink.can_redo()
    ink.redo()
    assert len(ink.strokes) == 2
    ink.clear()
    assert ink.is_empty()
    ink.undo()  # clear is undoable as one action
    assert len(ink.strokes) == 2
    ink.remove_stroke(0)
    assert ink.strokes == [((5, 5, 1.0), (6, 6, 1.0))]
    ink.undo()
    ink.add_stroke([(9, 9)])
    assert not ink.can_redo()  # a new action drops the redo history


def test_bad_edits_raise_clear_errors():
    ink = InkModel()
    with pytest.raises(ValueError, match="no stroke 3"):
        ink.remove_stroke(3)
    with pytest.raises(ValueError, match="at least one point"):
        ink.add_stroke([])


def test_every_change_is_signalled(qtbot):
    ink = InkModel()
    with qtbot.waitSignals([ink.inkChanged] * 3):
        ink.begin_stroke(0, 0)
        ink.extend_stroke(1, 1)
        ink.end_stroke()

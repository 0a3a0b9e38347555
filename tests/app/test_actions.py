"""The main window's actions come from one table (app/window/action_table.py): every row is an
action with its text, shortcuts, tooltip and slot, in the menus, and does its job."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from app.window.action_table import ACTIONS

from .helpers import draw, line


def test_every_row_is_a_translated_action_in_the_menus(window):
    in_menus = {a for menu in window.menuBar().findChildren(type(window.controls.model_menu)) for a in menu.actions()}
    for spec in ACTIONS:
        action = getattr(window.controls, spec.name)
        assert isinstance(action, QAction), spec.name
        assert action.text() == spec.text, spec.name
        if spec.tip:
            assert action.toolTip() == action.statusTip() == spec.tip, spec.name
        assert action in in_menus, spec.name


def test_shortcuts_follow_the_table(window):
    controls = window.controls
    redo = [k.toString() for k in controls.redo.shortcuts()]
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= set(redo) and len(redo) == len(set(redo))  # duplicates dropped
    assert QKeySequence("Ctrl+Q") in controls.quit.shortcuts()
    assert controls.quit.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut
    assert controls.clear.shortcuts()[:2] == [QKeySequence(Qt.Key.Key_Delete), QKeySequence(Qt.Key.Key_Escape)]
    assert controls.copy.shortcuts() == []  # Ctrl+C belongs to the canvas
    assert controls.train.iconText() == "Train" and not controls.train.icon().isNull()


def test_the_tool_actions_pass_their_arguments_and_stay_exclusive(window, qtbot):
    controls = window.controls
    controls.eraser.trigger()
    assert window.canvas.tool == "eraser" and controls.eraser.isChecked() and not controls.pen.isChecked()
    controls.pen.trigger()
    assert window.canvas.tool == "pen" and controls.pen.isChecked()


def test_an_action_runs_its_slot(window, qtbot):
    draw(window.canvas, line((100, 100), (100, 250)))
    assert not window.ink.is_empty()
    window.controls.clear.trigger()
    assert window.ink.is_empty()
    window.controls.undo.trigger()
    assert not window.ink.is_empty()

"""The settings table (app/settings.py): every key is declared once, every read is typed and
self-healing, and no module of the app writes a key as a string literal."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app import settings as settings_module
from app.drawing.canvas import DEFAULT_PEN_WIDTH, InkCanvas
from app.drawing.ink_model import InkModel
from app.settings import PEN_WIDTH, TABLE, TRAIN_EPOCHS, Setting, Settings

APP = Path(__file__).resolve().parents[2] / "app"
KEY_SHAPE = re.compile(r"^[A-Za-z]+/[A-Za-z]+$")  # "section/name", as QSettings keys are written
SETTINGS_CALLS = {"get", "put", "set", "value", "setValue", "remove", "contains"}


def literal_keys(source: str) -> list[str]:
    """String literals in `source` that are settings keys: a key of the table, or a
    "section/name" string handed to a settings-like call (value, setValue, get, put...)."""
    table_keys = {s.key for s in TABLE}
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and node.value in table_keys:
            found.append(node.value)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            first = node.args[0]
            if node.func.attr in SETTINGS_CALLS or node.func.attr.startswith("get_"):
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and KEY_SHAPE.match(first.value):
                    found.append(first.value)
    return found


def test_no_module_of_the_app_writes_a_settings_key_outside_the_table():
    offenders = {
        path.name: keys
        for path in sorted(APP.rglob("*.py"))
        if path.name != "settings.py" and (keys := literal_keys(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


@pytest.mark.parametrize(
    "source",
    [
        'settings.q.value("canvas/penWidth")',  # a key of the table
        'self.settings.set("ui/somethingNew", 3)',  # a new key, not declared
        'QSettings().setValue("window/split", b"")',
        's.get_str("train/arch", "cnn")',
    ],
)
def test_the_key_scan_finds_literal_keys(source):
    assert literal_keys(source)


def test_the_key_scan_leaves_other_calls_alone():
    assert literal_keys('spin.setValue(3); facts.get("license"); slider.value(); path.replace("a/b", "")') == []


def test_keys_are_unique_and_the_table_is_complete():
    keys = [s.key for s in TABLE]
    assert len(keys) == len(set(keys))
    declared = [v for v in vars(settings_module).values() if isinstance(v, Setting)]
    assert len(declared) == len(TABLE)


def test_a_string_key_is_refused():
    with pytest.raises(TypeError):
        Settings().get("canvas/penWidth")
    with pytest.raises(TypeError):
        Settings().put("canvas/penWidth", 3)


def test_the_pen_width_default_is_written_once(qtbot):
    canvas = InkCanvas(InkModel())
    qtbot.addWidget(canvas)
    assert Settings().pen_width == PEN_WIDTH.default == DEFAULT_PEN_WIDTH == canvas.pen_width
    ink = InkModel()
    ink.add_stroke([(0, 0), (5, 5)])  # a stroke added without a width (scripts, tests)
    assert ink.finished_strokes[-1].width == DEFAULT_PEN_WIDTH


@pytest.mark.parametrize("setting", [s for s in TABLE if s.kind is not bytes], ids=lambda s: s.key)
def test_every_setting_round_trips_and_heals(setting, user_data_dir):
    settings = Settings()
    default = setting.default_value()
    assert settings.get(setting) == default and settings.problems == []  # nothing stored yet
    settings.put(setting, default)
    settings.sync()
    assert Settings().get(setting) == default
    settings.q.setValue(setting.key, ["a", "list"])  # no setting is a list: bad for every kind
    settings.sync()
    healed = Settings()
    assert healed.get(setting) == default
    assert len(healed.problems) == 1 and setting.key in healed.problems[0]
    assert not healed.q.contains(setting.key)  # removed: told once


def test_a_train_setting_defaults_to_the_dialog_preset():
    from model.training.train_config import DIALOG_PRESET, preset

    assert Settings().get(TRAIN_EPOCHS) == preset(DIALOG_PRESET).epochs

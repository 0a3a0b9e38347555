"""The Chinese translation is complete and matches the strings in the code."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator

from app.translations import I18N_DIR, resolve_language

APP = Path(__file__).resolve().parents[2] / "app"


def ts_messages() -> dict[str, str]:
    root = ET.parse(I18N_DIR / "digitpad_zh_CN.ts").getroot()
    out = {}
    for message in root.iter("message"):
        translation = message.find("translation")
        assert translation.get("type") not in ("unfinished", "obsolete"), message.find("source").text
        out[message.find("source").text] = translation.text or ""
    return out


def code_strings() -> set[str]:
    """Every literal passed to .tr(...) or QCoreApplication.translate(ctx, ...) in app/."""
    found = set()
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                args = node.args
                if node.func.attr == "tr" and args and isinstance(args[0], ast.Constant):
                    found.add(args[0].value)
                elif node.func.attr == "translate" and len(args) > 1 and isinstance(args[1], ast.Constant):
                    found.add(args[1].value)
    return found


def test_every_ui_string_has_a_chinese_translation():
    messages = ts_messages()
    missing = code_strings() - set(messages)
    assert not missing, f"run pyside6-lupdate and translate: {sorted(missing)}"
    assert all(messages.values())
    assert (I18N_DIR / "digitpad_zh_CN.qm").stat().st_size > 1000


def tr_calls_by_context() -> set[tuple[str, str]]:
    """(context, source) of every self.tr("...") in app/: the context is the class the call
    is written in, as pyside6-lupdate records it (the .qm is looked up by it)."""
    found = set()
    for path in APP.rglob("*.py"):
        for cls in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(cls, ast.ClassDef):
                continue
            for node in ast.walk(cls):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "tr"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    found.add((cls.name, node.args[0].value))
    return found


def test_every_ui_string_is_translated_in_its_own_class():
    """Moving a tr() call into another class changes its context: the .qm must follow."""
    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "digitpad_zh_CN.qm"))
    calls = tr_calls_by_context()
    assert len(calls) > 200
    missing = sorted((ctx, src) for ctx, src in calls if not translator.translate(ctx, src))
    assert not missing, f"run pyside6-lupdate and pyside6-lrelease (contexts moved?): {missing}"


def test_placeholders_survive_translation():
    for source, translation in ts_messages().items():
        for placeholder in ("%1", "%2", "%3", "%4", "%5", "%6", "%p"):
            assert (placeholder in source) == (placeholder in translation), (source, translation)


def test_language_follows_the_system_locale():
    assert resolve_language("", QLocale("zh_CN")) == "zh_CN"
    assert resolve_language("", QLocale("de_DE")) == "en"
    assert resolve_language("en", QLocale("zh_CN")) == "en"  # an explicit choice wins

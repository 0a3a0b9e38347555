"""The whole kind of issue 10's first bug: a dialog whose reject() calls close() can never be
closed (QDialog.closeEvent calls reject(), and Qt ignores a close nested inside a close).
No dialog of the app may do it."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"


def test_no_dialog_closes_itself_from_reject():
    offenders = []
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name == "reject":
                for call in ast.walk(node):
                    if (
                        isinstance(call, ast.Call)
                        and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "close"
                        and isinstance(call.func.value, ast.Name)
                        and call.func.value.id == "self"
                    ):
                        offenders.append(f"{path.name}:{call.lineno}")
    assert offenders == []

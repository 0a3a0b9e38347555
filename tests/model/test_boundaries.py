"""The layering rules: model/ is Qt-free and app-free; app/ does no tensor math."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_importing_model_never_imports_qt_or_app():
    modules = sorted(
        ".".join(p.relative_to(REPO).with_suffix("").parts)
        for p in (REPO / "model").rglob("*.py")
        if p.stem != "__init__"
    )
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'app'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"model imported: {out.stdout}"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_model_sources_do_not_mention_qt():
    for path in (REPO / "model").rglob("*.py"):
        assert not _imports(path) & {"PySide6", "PyQt5", "PyQt6", "shiboken6", "app"}, path


def test_app_does_no_tensor_math():
    for path in (REPO / "app").rglob("*.py"):
        assert "torch" not in _imports(path), f"{path} imports torch: tensor work belongs in model/"


def test_headless_cli_does_not_load_qt():
    code = "import sys\nfrom app.entry import main\nmain(['train', '--help'])"
    out = subprocess.run([sys.executable, "-c", code + "\n"], cwd=REPO, capture_output=True, text=True)
    assert "usage: digitpad train" in out.stdout
    code = "import sys, contextlib, io\nfrom app import entry\nimport cli.main\nprint('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

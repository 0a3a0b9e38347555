"""Print the largest modules and the longest functions of model/, app/ and cli/.

Usage: python -m bench.code_size [--top N]
Figures: lines per module (physical lines) and lines per function (def line to last
line, decorators excluded), so structure work can quote before/after numbers.
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

PACKAGES = ("model", "app", "cli")
ROOT = Path(__file__).resolve().parent.parent


def module_sizes() -> list[tuple[int, str]]:
    """(lines, path) of every module in PACKAGES, subpackages included."""
    sizes = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            sizes.append((len(path.read_text(encoding="utf-8").splitlines()), str(path.relative_to(ROOT))))
    return sorted(sizes)


def function_sizes() -> list[tuple[int, str]]:
    """(lines, "path:qualified.name") of every function and method in PACKAGES."""
    sizes = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            sizes.extend(_functions(tree, f"{path.relative_to(ROOT)}:", ""))
    return sorted(sizes)


def _functions(node: ast.AST, where: str, prefix: str) -> list[tuple[int, str]]:
    found = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            name = prefix + child.name
            found.append((child.end_lineno - child.lineno + 1, where + name))
            found.extend(_functions(child, where, name + "."))
        elif isinstance(child, ast.ClassDef):
            found.extend(_functions(child, where, prefix + child.name + "."))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10)
    top = parser.parse_args().top
    print("largest modules (lines):")
    for lines, name in module_sizes()[-top:]:
        print(f"  {lines:5d}  {name}")
    print("longest functions (lines):")
    for lines, name in function_sizes()[-top:]:
        print(f"  {lines:5d}  {name}")


if __name__ == "__main__":
    main()

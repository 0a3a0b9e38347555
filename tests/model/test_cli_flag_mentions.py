"""Every option a message suggests is one its command takes (newcomer nc3, fault 8:
`digitpad evaluate` suggested --download, which only train accepted)."""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

import pytest

from cli.main import build_parser, main
from tests.model.test_cli import digitpad

FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*[a-z0-9](?![\w-])")
ROOT = Path(__file__).parents[2]


def _flags(command: str | None = None) -> set[str]:
    """The options of `command` (with its own sub-commands', e.g. samples export), or of all."""
    parser = build_parser()
    parsers = [_sub(parser)[command]] if command else [parser]
    options: set[str] = set()
    while parsers:
        p = parsers.pop()
        options |= set(p._option_string_actions)
        parsers += _sub(p).values()
    return options


def _sub(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return next((dict(a.choices) for a in parser._actions if isinstance(a, argparse._SubParsersAction)), {})


CASES = [  # (argv, a file to leave in place first): each ends in a message naming what to do
    ["evaluate"],  # no MNIST anywhere: "... or allow the download (--download)"
    ["train", "--epochs", "1"],
    ["adapt"],  # no drawings kept: "... (or give --ink FILE)"
    ["predict"],
    ["evaluate", "--data", "/nonexistent-folder"],
    ["predict", "--ink", "/nonexistent.jsonl"],
    ["train", "--data", "MNIST", "--epochs", "1", "--out", "EXISTING"],  # "... --force"
    ["samples", "export", "EXISTING"],
]


@pytest.mark.parametrize("argv", CASES, ids=" ".join)
def test_every_flag_a_message_names_is_one_its_command_takes(argv, capsys, tmp_path, mnist_mini):
    (tmp_path / "EXISTING").write_bytes(b"finished work")
    argv = [str(tmp_path / a) if a == "EXISTING" else str(mnist_mini) if a == "MNIST" else a for a in argv]
    assert main(argv) != 0
    err = capsys.readouterr().err
    named = set(FLAG.findall(err))
    assert named <= _flags(argv[0]), (err, named - _flags(argv[0]))


def test_every_flag_written_in_the_engine_or_the_cli_exists():
    """Any --flag in a string of model/ or cli/ is an option of some command (a typo or a
    removed option would otherwise be suggested to the user)."""
    known = _flags()
    for path in [*ROOT.glob("model/*.py"), *ROOT.glob("cli/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}  # docstrings may name bench/ flags
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                unknown = set(FLAG.findall(node.value)) - known
                assert not unknown, f"{path.name}:{node.lineno} names {unknown}"


def test_evaluate_takes_download_as_train_does():
    result = digitpad("evaluate", "--help")
    assert "--download" in result.stdout
    assert "download MNIST" in result.stdout  # the help train gives it, written once (TrainConfig)

"""Messages say what is wrong, whole (newcomer nc3, fault 19): '{"strokes": "abc"}' was
'expected an object with "strokes"' although it is one; JSON errors were cut off mid-phrase
("Invalid control character at)"); `evaluate --ink` named a writer "?"; `adapt
--trajectory-steps 0` said the trajectory network was adapted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.pen.ink_eval import parse_labelled_inks
from model.pen.samples import SampleError, parse_sample_line
from tests.model.test_cli import digitpad

KEPT = Path(__file__).parent.parent / "data" / "inks" / "app-kept-pressure.jsonl"
BAD = {  # line -> what the message must say, in every ink reader
    '{"strokes": "abc", "label": 1}': '"strokes" must be a list of strokes, got a string',
    '{"strokes": 7, "label": 1}': '"strokes" must be a list of strokes, got a number',
    "[1, 2]": "got an array",
    '{"strokes": "a\x01b", "label": 1}': "Invalid control character at column 15",
    '{"strokes": [[[1, 2], [3': "at column 25, the end of the line",
    '{"strokes": [[[1,2],': "Expecting value at column 21, the end of the line",  # newcomer nc20: "column 1"
    '{"strokes": [[[1, 2]]] x': "delimiter at column 24",
}


def _readers(line: str) -> list[str]:
    """The message each reader gives for the line: samples, ink evaluation."""
    messages = []
    with pytest.raises(SampleError) as caught:
        parse_sample_line(line, 1)
    messages.append(str(caught.value))
    with pytest.raises(ValueError) as caught_eval:
        parse_labelled_inks([line])
    messages.append(str(caught_eval.value))
    return messages


@pytest.mark.parametrize("line, needle", BAD.items(), ids=list(BAD))
def test_every_ink_reader_says_what_is_wrong_whole(line, needle):
    for message in _readers(line):
        assert needle in message, message
        assert not message.rstrip(")").endswith(" at"), message


def test_predict_names_the_strokes_problem(tmp_path):
    ink = tmp_path / "bad.jsonl"
    ink.write_text("".join(line + "\n" for line in BAD))
    result = digitpad("predict", "--ink", ink)
    errors = [json.loads(line)["error"] for line in result.stdout.splitlines()]
    for (line, needle), error in zip(BAD.items(), errors):
        assert needle in error and error.startswith("line "), (line, error)


def test_evaluate_ink_without_writers_names_no_writer_question_mark(tmp_path):
    ink = tmp_path / "plain.jsonl"
    ink.write_text(json.dumps({"strokes": [[[0, 0], [0, 50]]], "label": 1}) + "\n")
    result = digitpad("evaluate", "--ink", ink)
    assert result.returncode == 0, result.stderr
    assert "(?)" not in result.stdout and "no writer" in result.stdout


def test_adapt_without_trajectory_steps_does_not_say_it_adapted_the_trajectory_network(tmp_path):
    args = ("--steps", "1", "--trajectory-steps", "0", "--folds", "0", "--out", tmp_path / "m.pt")
    result = digitpad("adapt", "--ink", KEPT, *args)
    assert result.returncode == 0, result.stderr
    assert "adapted trajectory network" not in result.stderr and "not adapted" in result.stderr

"""model/pen/unipen.py: the UNIPEN core both pen-data readers use (pendigits, UJI)."""

from __future__ import annotations

import re

import pytest

from model.pen.pendigits import parse_pendigits
from model.pen.uji import parse_uji
from model.pen.unipen import parse_segments

SEGMENT = re.compile(r'^\.SEGMENT\s+\S+\s+\S+\s+\S+\s+"(.*)"')
TEXT = """
 1 2
.PEN_DOWN
 9 9
.PEN_UP
.SEGMENT DIGIT 1-2 ? "4"
.COMMENT 4 7 118
.PEN_DOWN
 267  333
 270  340
.PEN_UP
.DT 100
.PEN_DOWN
 5 5
.SEGMENT DIGIT 3-4 ? "1"
.COMMENT 1 8 3
.PEN_DOWN
.PEN_UP
.PEN_DOWN
 1 499
.PEN_UP
"""


def test_segments_keep_labels_comments_and_closed_strokes():
    segments = parse_segments(TEXT, SEGMENT)
    assert [s.label for s in segments] == ["4", "1"]
    assert segments[0].comments == [".COMMENT 4 7 118"]
    # the stroke before any segment, the one left open, and the empty one are dropped
    assert segments[0].strokes == [[(267.0, 333.0), (270.0, 340.0)]]
    assert segments[1].strokes == [[(1.0, 499.0)]]


def test_a_malformed_point_names_its_line():
    with pytest.raises(ValueError, match="line 3"):
        parse_segments('.SEGMENT DIGIT 1 ? "4"\n.PEN_DOWN\n 12 x\n', SEGMENT)


def test_both_readers_read_the_same_strokes():
    pen = parse_pendigits(TEXT)
    assert pen.labels.tolist() == [4, 1] and pen.writers.tolist() == [7, 8]
    assert pen.inks[1][0].tolist() == [[1.0, 1.0]]  # y flipped: 500 - 499
    uji = parse_uji(TEXT.replace("DIGIT", "CHARACTER"), "w01")
    assert [s.label for s in uji] == ["4", "1"] and uji[0].strokes == [[(267.0, 333.0), (270.0, 340.0)]]


def test_pendigits_needs_the_writer_line():
    with pytest.raises(ValueError, match="COMMENT"):
        parse_pendigits('.SEGMENT DIGIT 1 ? "4"\n.PEN_DOWN\n 1 2\n.PEN_UP\n')

"""bench/omniglot_strokes.py: Omniglot's stroke files read as ink (y down), each drawing once."""

import numpy as np
import pytest

from bench.omniglot_strokes import load_omniglot, read_strokes

DRAWING = "START\n44.75,-18.5,0\n44.75,-19.5,200\n46.75,-22.5,241\nBREAK\n40.0,-30.0,500\nBREAK\n"


def _write(root, small: str, alphabet: str, character: int, name: str, text: str = DRAWING):
    folder = root / small / alphabet / f"character{character:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)


def test_a_file_is_strokes_with_y_pointing_down(tmp_path):
    _write(tmp_path, "s1", "Latin", 1, "0683_01.txt")
    ink = read_strokes(tmp_path / "s1" / "Latin" / "character01" / "0683_01.txt")
    assert [s.shape for s in ink] == [(3, 2), (1, 2)]
    np.testing.assert_allclose(ink[0][0], [44.75, 18.5])
    assert ink[0][2, 1] > ink[0][0, 1]  # drawn downward on paper: y grows


def test_the_small_sets_shared_drawings_count_once_and_latin_has_letters(tmp_path):
    for small in ("small1", "small2"):
        _write(tmp_path, small, "Latin", 3, "0685_07.txt")
    _write(tmp_path, "small2", "Tagalog", 2, "1000_20.txt")
    _write(tmp_path, "small2", "Tagalog", 2, "._1000_20.txt", "\x00\x05binary")  # a macOS fork
    drawings = load_omniglot(tmp_path)
    assert [(d.alphabet, d.character, d.drawer, d.letter) for d in drawings] == [
        ("Latin", 3, 7, "c"),
        ("Tagalog", 2, 20, None),
    ]


def test_a_folder_without_stroke_files_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="no Omniglot stroke files"):
        load_omniglot(tmp_path)


def test_a_damaged_line_is_an_error(tmp_path):
    _write(tmp_path, "s1", "Latin", 1, "0683_01.txt", "START\n1.0,2.0\nBREAK\n")
    with pytest.raises(ValueError):
        read_strokes(tmp_path / "s1" / "Latin" / "character01" / "0683_01.txt")

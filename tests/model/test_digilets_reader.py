"""bench/digilets.py: DigiLeTs participant files read as labelled ink (y down), strokes split
where the pen was put down, the pen buttons' points in the air dropped."""

import numpy as np
import pytest

from bench.digilets import SYMBOLS, load_digilets, read_participant


def _label(char: str) -> str:
    return " ".join("1.0" if c == char else "0.0" for c in SYMBOLS)


def _points(*rows: tuple[float, float, float, int, float]) -> str:
    return " ".join(f"{x:f} {y:f} {p:f} {d} {t:f}" for x, y, p, d, t in rows)


SEVEN = _points(  # two strokes; the middle point is a button press in the air
    (0.2, 0.9, 0.3, 1, 0.00),
    (0.6, 0.9, 0.4, 0, 0.02),
    (0.4, 0.5, 0.0, 0, 0.04),
    (0.3, 0.1, 0.4, 0, 0.06),
    (0.3, 0.5, 0.0, 1, 0.30),  # a stroke's first point keeps a pressure of 0 (a recording bug)
    (0.5, 0.5, 0.3, 0, 0.32),
)


def test_a_participant_file_is_labelled_strokes_with_y_down(tmp_path):
    path = tmp_path / "007-f-24-right_2019-06-19-12-18-49"
    path.write_text(f"{SEVEN}\n{_label('7')}\n{_points((0.5, 0.9, 0.2, 1, 0.0))}\n{_label('a')}\n")
    (tmp_path / "007-f-24-right_2019-06-19-12-18-49_info").write_text("0 0 0\n")  # not read
    samples = load_digilets(tmp_path)
    assert [(s.label, s.writer, [len(k) for k in s.strokes]) for s in samples] == [
        ("7", "007", [3, 2]),
        ("a", "007", [1]),
    ]
    first = samples[0].strokes[0]
    np.testing.assert_allclose(first[:, 0], [0.2, 0.6, 0.3])
    assert first[2, 1] > first[0, 1]  # drawn downward on the tablet: y grows on the canvas


@pytest.mark.parametrize(
    "text",
    [f"{SEVEN}\n", f"{SEVEN} 0.5\n{_label('7')}\n", f"{SEVEN}\n1.0 0.0\n"],
    ids=["odd lines", "a broken point", "a short label"],
)
def test_a_damaged_file_is_refused_with_one_line(tmp_path, text):
    path = tmp_path / "001-f-19-right"
    path.write_text(text)
    with pytest.raises(ValueError, match="001-f-19-right") as info:
        read_participant(path)
    assert "\n" not in str(info.value)


def test_a_folder_without_participants_says_so(tmp_path):
    (tmp_path / "002-f-22_info").write_text("0\n")
    with pytest.raises(FileNotFoundError, match="no DigiLeTs participant files"):
        load_digilets(tmp_path)

"""The pendigits reader (model/pen/pendigits.py) and pen ink as training data (model/training/data.py)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import torch

from model.pen.pendigits import TABLET_HEIGHT, load_pendigits, parse_pendigits
from model.training.data import load_training_data, pen_training_data
from model.training.train_config import TrainConfig

REPO = Path(__file__).resolve().parents[2]
PEN_ENV = "DIGITPAD_TEST_PENDIGITS"

# A "7" as the tablet records it (y up): the bar at the top (y 400), then the stem down to y 100.
SEVEN = """.SEGMENT DIGIT 0 ? "7"
.COMMENT 7 3 12
.PEN_DOWN
 100  400
 200  400
 300  400
 250  250
 200  100
.PEN_UP
.DT 100
.SEGMENT DIGIT 1-2 ? "4"
.COMMENT 4 5 1
.PEN_DOWN
 100  400
 100  250
 300  250
.PEN_UP
.DT 100
.PEN_DOWN
 250  400
 250  100
.PEN_UP
.DT 100
"""


def pendigits_dir() -> Path | None:
    for c in (
        os.environ.get(PEN_ENV),
        REPO.parent / "shared" / "data" / "pendigits-tra",
        REPO.parent.parent / "shared" / "data" / "pendigits-tra",
    ):
        if c and (Path(c) / "pendigits-orig.tra").is_file():
            return Path(c)
    return None


@pytest.fixture(scope="module")
def pen():
    folder = pendigits_dir()
    if folder is None:
        pytest.skip(f"pendigits-tra not found (set {PEN_ENV})")
    return load_pendigits(folder)


def test_parse_flips_y_so_that_a_sevens_bar_is_at_the_top():
    data = parse_pendigits(SEVEN)
    seven = data.inks[0][0]  # (5,2)
    assert seven[0].tolist() == [100, TABLET_HEIGHT - 400]
    assert seven[:3, 1].max() < seven[3:, 1].min()  # the bar is above the stem (y down)


def test_parse_keeps_labels_writers_and_strokes():
    data = parse_pendigits(SEVEN)
    assert data.labels.tolist() == [7, 4]
    assert data.writers.tolist() == [3, 5]
    assert [len(ink) for ink in data.inks] == [1, 2]
    assert [len(s) for s in data.inks[1]] == [3, 2]


def test_a_bad_point_line_names_its_line():
    with pytest.raises(ValueError, match="line 5"):
        parse_pendigits(SEVEN.replace(" 200  400", " 200  x", 1))


def test_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(ValueError, match="pendigits-orig.tra"):
        load_pendigits(tmp_path)


def test_real_file_counts_labels_writers_and_strokes(pen):
    assert len(pen) == 7494
    assert np.bincount(pen.labels).tolist() == [780, 779, 780, 719, 780, 720, 720, 778, 719, 719]  # README
    assert sorted(set(pen.writers.tolist())) == list(range(1, 31))
    per_writer = np.bincount(pen.writers)[1:]
    assert per_writer.min() >= 200 and per_writer.max() <= 260  # about 250 each
    strokes = np.bincount([len(ink) for ink in pen.inks])
    assert strokes[0] == 0 and strokes[1] > strokes[2] > strokes[3] > 0 and len(strokes) == 4  # 1 to 3 strokes


def test_real_sevens_have_their_bar_at_the_top(pen):
    """y is flipped: in most 7s the top quarter of the ink is wider than the bottom quarter
    (88% of them; with y upside down it would be about 12%)."""
    ok = []
    for i in np.flatnonzero(pen.labels == 7):
        pts = np.concatenate(pen.inks[i])  # (P,2)
        lo, hi = np.quantile(pts[:, 1], [0.25, 0.75])
        top, bottom = pts[pts[:, 1] <= lo, 0], pts[pts[:, 1] >= hi, 0]
        ok.append(np.ptp(top) > np.ptp(bottom))
    assert np.mean(ok) > 0.75


def test_pen_training_data_renders_every_variant_and_form(pen):
    small = pen.select(pen.writers == 1)
    data = pen_training_data(small, variants=2, per_form=3, seed=1)
    assert data.images.dtype == torch.uint8 and data.images.shape[1:] == (28, 28)
    assert len(data) == 2 * len(small) + 3 * 7  # 7 forms
    assert data.images[: len(small)].float().mean() > 10  # ink, not blank
    again = pen_training_data(small, variants=2, per_form=3, seed=1)
    assert bool((again.images == data.images).all())  # deterministic for a seed


def test_training_data_joins_mnist_and_pen_ink(mnist_mini, pen, monkeypatch):
    import model.training.data as data_module

    small = pen.select(pen.writers == 2)
    monkeypatch.setattr("model.pen.pendigits.load_pendigits", lambda folder: small)
    monkeypatch.setattr(data_module, "INK_FORMS_PER_FORM", 2)  # rendering thousands is for training, not tests
    config = TrainConfig(arch="cnn", data=str(mnist_mini), ink_data="pen-folder", epochs=1)
    joined = load_training_data(config)
    mnist = data_module.load_data(str(mnist_mini), "train")
    assert len(joined) == len(mnist) + data_module.INK_VARIANTS * len(small) + 7 * data_module.INK_FORMS_PER_FORM
    assert bool((joined.images[: len(mnist)] == mnist.images).all())
    assert "pen ink" in joined.name


def test_training_without_ink_data_is_mnist_alone(mnist_mini):
    config = TrainConfig(arch="cnn", data=str(mnist_mini), epochs=1)
    assert len(load_training_data(config)) == 600

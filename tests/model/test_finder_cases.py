"""Pictures the digit finder once cropped wrongly (bench/photo_eval.py -n 100, seed 1;
the pictures made by bench/photo_cases.py from pendigits ink, kept here as files).

- tight crops of bold digits smaller than SMALL_PICTURE: the ink covers most of the
  picture, so the picture's median is the ink and the digit vanished ("blank");
- digits beside a hard shadow edge: the shadow's wedge was taken as ink, or the
  closer re-cut around the digit took the shaded paper for the ink (a white box).
The shadow pictures are stored as gray JPEGs (quality 90) to stay small; each still
failed before the fix.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from model.pictures.digit_finder import SMALL_PICTURE, ink_contrast, ink_mask, light_ink
from model.pictures.images import to_gray
from model.predictor import Predictor

CASES = Path(__file__).resolve().parent / "data" / "finder"
TIGHT_BOLD = sorted(CASES.glob("tight-bold-*.png"))
SHADOW = sorted(CASES.glob("shadow-*.jpg"))


def _label(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[1])


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


def test_the_cases_are_there():
    assert len(TIGHT_BOLD) >= 4 and len(SHADOW) >= 4


@pytest.mark.parametrize("path", TIGHT_BOLD, ids=lambda p: p.stem)
def test_a_small_tight_bold_digit_is_ink_not_paper(path):
    gray = to_gray(Image.open(path))  # (H, W) in [0, 1]
    assert max(gray.shape) < SMALL_PICTURE
    ink = light_ink(gray)
    mask = ink_mask(ink_contrast(ink))  # (H, W) bool
    dark = gray < 0.5  # the bold strokes, drawn in black on white
    assert dark.mean() > 0.5  # mostly ink: the case this is about
    assert (mask & dark).sum() >= 0.8 * dark.sum()  # the strokes are the ink found
    assert not (mask & ~dark).any() or (mask & ~dark).sum() < 0.1 * mask.sum()


@pytest.mark.parametrize("path", TIGHT_BOLD + SHADOW, ids=lambda p: p.stem)
def test_the_picture_reads_right(path, predictor):
    got = predictor.predict_image(path)
    assert got.digit == _label(path), got.message
    assert got.image is not None and float(np.mean(np.asarray(got.image))) < 0.35  # ink on dark, not a box

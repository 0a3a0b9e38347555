"""A frame along the picture's edges: a digit in a box drawn round it, the picture cut at
the box's edge (a form's field, a screenshot of a cell). The box was taken for the paper
(and the paper for the ink) when it filled the border ring, or made the border two-toned
when thin and light on dark paper; a wider one was taken for the digit. Before
digit_finder.frame_box: a 5 px frame at the edge of a 200 px picture, 0 of 40 MNIST digits
right; 3 to 14 px frames on 60 to 300 px pictures, 0 to 4 of 30."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageOps

from model.pictures.digit_finder import frame_box
from model.training.data import load_data
from tests.conftest import MNIST_MINI

from .number_shapes import number
from .test_number import ink_image


@pytest.fixture(scope="module")
def digits():
    test = load_data(MNIST_MINI, "test")
    return test.images.numpy()[:30], test.labels.numpy()[:30]


def framed(image: np.ndarray, size: int, width: int, frame: int = 0, invert: bool = False) -> Image.Image:
    """A (28, 28) uint8 MNIST digit, dark on white, in a size x size picture whose edge is
    a frame `width` px wide of gray level `frame`; invert: light on dark."""
    side = size * 56 // 100
    digit = Image.fromarray(255 - image).resize((side, side), Image.Resampling.BILINEAR)
    img = Image.new("L", (size, size), 255)
    img.paste(digit, ((size - side) // 2, (size - side) // 2))
    ImageDraw.Draw(img).rectangle([0, 0, size - 1, size - 1], outline=frame, width=width)
    return ImageOps.invert(img) if invert else img


@pytest.mark.parametrize(
    ("size", "width", "frame", "invert"),
    [(200, 5, 0, False), (60, 3, 0, False), (100, 8, 120, False), (300, 14, 0, True), (300, 3, 0, True)],
)
def test_a_digit_in_a_frame_at_the_pictures_edge_reads_as_that_digit(predictor, digits, size, width, frame, invert):
    images, labels = digits
    single = picture = 0
    for image, label in zip(images, labels):
        img = framed(image, size, width, frame, invert)
        single += predictor.predict_image(img).digit == label
        picture += predictor.read_picture(img)[0].text == str(label)
    assert single >= 29 and picture >= 29, (single, picture)


def test_a_number_in_a_frame_reads_with_its_boxes_in_the_pictures_pixels(predictor):
    img = ink_image(number("2024"), pad=40)
    ImageDraw.Draw(img).rectangle([0, 0, img.width - 1, img.height - 1], outline=0, width=12)
    reading, _ = predictor.read_picture(img)
    assert reading.text == "2024"
    plain, _ = predictor.read_picture(ink_image(number("2024"), pad=40))
    for framed_char, plain_char in zip(reading.characters, plain.characters):
        assert np.allclose(framed_char.box, plain_char.box, atol=2.0)  # the same place: the crop is added back


def test_no_frame_in_a_plain_picture_or_a_tight_crop():
    plain = np.ones((100, 100), np.float32)
    plain[30:70, 45:55] = 0.0
    assert frame_box(plain) is None
    tight = np.zeros((60, 40), np.float32)  # a bold 0 cut to its ink: paper inside and at the corners
    tight[10:50, 10:30] = 1.0
    tight[:3, :3] = tight[:3, -3:] = tight[-3:, :3] = tight[-3:, -3:] = 1.0
    assert frame_box(tight) is None
    assert frame_box(np.full((50, 50), 0.5, np.float32)) is None


def test_a_frame_is_found_whatever_its_tone():
    for paper, tone in ((1.0, 0.0), (0.0, 1.0), (1.0, 0.5)):
        img = np.full((100, 120), paper, np.float32)
        img[:4], img[-6:], img[:, :5], img[:, -3:] = tone, tone, tone, tone
        img[40:60, 50:60] = tone  # the digit
        assert frame_box(img) == (4, 94, 5, 117)


PICTURES = Path(__file__).resolve().parents[1] / "data" / "images" / "newcomer-pictures"


@pytest.mark.parametrize(("name", "digit"), [("nc8_box_w30_7.png", "7"), ("nc8_box_thick25_1.png", "1")])
def test_a_newcomers_thick_frames_at_the_edge(predictor, name, digit):
    """Frames 25-30 px thick on a 200 px picture (a newcomer's) were kept round the digit."""
    assert predictor.predict_image(PICTURES / name).digit == int(digit)
    assert predictor.read_picture(PICTURES / name)[0].text == digit


def test_a_forms_joined_boxes_are_no_minus_sign(predictor):
    """A row of joined boxes round "3692" was read as a minus sign: "36-92" (a newcomer's).
    Its dividers are as thick as the digits' strokes, so they stay (a 1 along a line must),
    and the picture reads no number; but never a dash as tall as the digits."""
    reading, _ = predictor.read_picture(PICTURES / "nc8_comb_3692.png")
    assert "-" not in reading.text


def drawn_box(image: np.ndarray, size: int, width: int, cut: int, seed: int) -> Image.Image:
    """A (28, 28) MNIST digit, dark on white, in a box drawn by hand round it (its corners
    a little off, so its sides are askew), the picture cut `cut` px outside the box's
    corners' mean (negative: through the box)."""
    rng = np.random.default_rng(seed)
    inset = size // 10
    corners = np.array([[inset, inset], [size - inset, inset], [size - inset, size - inset], [inset, size - inset]])
    corners = corners + rng.normal(0, 0.008 * size, corners.shape)
    side = size * 5 // 10
    img = Image.new("L", (size, size), 255)
    img.paste(Image.fromarray(255 - image).resize((side, side), Image.Resampling.BILINEAR), ((size - side) // 2,) * 2)
    ImageDraw.Draw(img).polygon([tuple(c) for c in corners.tolist()], outline=0, width=width)
    c = max(0, inset - cut)
    return img.crop((c, c, size - c, size - c))


@pytest.mark.parametrize(("size", "width", "cut"), [(300, 8, 0), (500, 10, 1), (400, 12, 0), (600, 12, -4)])
def test_a_digit_in_a_box_drawn_by_hand_and_cut_near_it_reads_as_that_digit(predictor, digits, size, width, cut):
    """A box a little askew is no frame of full rows: it filled the border ring, was taken
    for dark paper and the paper inside it for light ink ("not a digit": 9 of 40 of a
    newcomer's boxes). Before: 11, 22, 9 and 29 of 30 right."""
    images, labels = digits
    right = sum(
        predictor.predict_image(drawn_box(x, size, width, cut, n)).digit == y
        for n, (x, y) in enumerate(zip(images, labels))
    )
    assert right >= 29, right

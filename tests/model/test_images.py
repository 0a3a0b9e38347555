"""Image files to MNIST-style digits: every mode, either polarity, photos, blanks, junk."""

from __future__ import annotations

import io

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from model.pictures.images import image_to_ink, image_to_mnist, open_image
from model.predictor import Predictor
from model.preprocess import NothingToRecognize, to_mnist
from model.training.data import load_data


@pytest.fixture
def mnist(mnist_mini) -> tuple[np.ndarray, np.ndarray]:
    data = load_data(mnist_mini, "test")
    return data.images.numpy(), data.labels.numpy()  # (300,28,28) uint8, (300,)


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


def digits(images: list[np.ndarray], predictor: Predictor) -> np.ndarray:
    return predictor.probabilities(torch.from_numpy(np.stack(images).astype(np.float32))).argmax(axis=1)


def encode(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def corr(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a.ravel(), b.ravel())[0, 1])


def test_mnist_digits_come_out_essentially_unchanged_and_keep_their_prediction(mnist, predictor):
    images, labels = mnist
    originals = [x.astype(np.float32) / 255 for x in images]
    through = [image_to_mnist(x) for x in images]  # uint8 arrays, the image path
    diffs = np.array([np.abs(a - b).max() for a, b in zip(through, originals)])
    assert np.median(diffs) < 0.02 and min(corr(a, b) for a, b in zip(through, originals)) > 0.99
    before, after = digits(originals, predictor), digits(through, predictor)
    assert (before == after).mean() >= 299 / 300


def test_mnist_as_inverted_enlarged_png_keeps_its_prediction(mnist, predictor):
    images, _ = mnist
    subset = images[:100]
    pngs = [encode(Image.fromarray(255 - x).resize((140, 140), Image.Resampling.BILINEAR), "PNG") for x in subset]
    before = digits([x.astype(np.float32) / 255 for x in subset], predictor)
    after = digits([image_to_mnist(p) for p in pngs], predictor)
    assert (before == after).mean() >= 0.97


def dark_on_white(x: np.ndarray, size: int = 112) -> Image.Image:
    """An MNIST digit as dark ink on white paper, enlarged."""
    return Image.fromarray(255 - x).resize((size, size), Image.Resampling.BILINEAR)


def make_mode(x: np.ndarray, mode: str) -> bytes:
    big = dark_on_white(x)
    ink = 255 - np.asarray(big)  # (H,W) uint8, ink = 255
    if mode == "RGBA-dark":  # black strokes on a transparent background
        rgba = np.zeros(ink.shape + (4,), np.uint8)
        rgba[..., 3] = ink
        return encode(Image.fromarray(rgba, "RGBA"), "PNG")
    if mode == "RGBA-light":  # white strokes on a transparent background
        rgba = np.full(ink.shape + (4,), 255, np.uint8)
        rgba[..., 3] = ink
        return encode(Image.fromarray(rgba, "RGBA"), "PNG")
    if mode == "P":
        return encode(big.convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE, colors=16), "PNG")
    if mode == "P-transparent":
        pal = big.convert("P", palette=Image.Palette.ADAPTIVE, colors=8)
        lightest = int(np.asarray(pal)[0, 0])
        return encode(pal, "PNG", transparency=lightest)
    if mode == "I;16":
        arr16 = (np.asarray(big, dtype=np.uint16) * 257).astype(np.uint16)
        img16 = Image.fromarray(arr16)  # mode I;16
        assert img16.mode == "I;16"
        return encode(img16, "PNG")
    if mode == "1":
        return encode(big.point(lambda v: 255 if v > 128 else 0).convert("1"), "PNG")
    if mode == "CMYK":
        return encode(big.convert("CMYK"), "JPEG", quality=90)
    if mode == "light-on-dark":
        return encode(Image.fromarray(ink).convert("RGB"), "PNG")
    fmt = {"gray-bmp": "BMP", "rgb-jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}[mode]
    return encode(big.convert("L" if mode == "gray-bmp" else "RGB"), fmt)


MODES = [
    "RGBA-dark",
    "RGBA-light",
    "P",
    "P-transparent",
    "I;16",
    "1",
    "CMYK",
    "light-on-dark",
    "gray-bmp",
    "rgb-jpeg",
    "gif",
    "webp",
]


@pytest.mark.parametrize("mode", MODES)
def test_image_modes_and_formats_give_the_same_digit(mode, mnist, predictor):
    images, _ = mnist
    subset = images[:100]
    reference = [to_mnist(x.astype(np.float32) / 255) for x in subset]
    got = [image_to_mnist(make_mode(x, mode)) for x in subset]
    assert np.median([corr(a, b) for a, b in zip(got, reference)]) > 0.9
    # A flattening mistake (e.g. hollow strokes from a transparent palette) costs 5-7%.
    assert (digits(got, predictor) == digits(reference, predictor)).mean() >= 0.97


def photo(x: np.ndarray, rng: np.random.Generator, specks: int = 20) -> bytes:
    """A phone-photo-like JPEG: dark ink on paper, strong lighting gradient, noise, specks."""
    h, w = 900, 1200
    yy, xx = np.mgrid[0:h, 0:w] / w  # (h,w)
    light = 0.95 - 0.55 * xx - 0.15 * yy  # a shadow across the page
    ink = np.zeros((h, w))
    top, left = rng.integers(100, 400), rng.integers(200, 600)
    ink[top : top + 480, left : left + 480] = (
        np.asarray(Image.fromarray(x).resize((480, 480), Image.Resampling.BILINEAR)) / 255
    )
    gray = light * (1 - 0.75 * ink) + rng.normal(0, 0.03, (h, w))
    for _ in range(specks):
        cy, cx = rng.integers(0, h - 6), rng.integers(0, w - 6)
        gray[cy : cy + 5, cx : cx + 5] -= 0.5
    rgb = np.clip(np.stack([gray, gray * 0.95, gray * 0.85], axis=-1) * 255, 0, 255).astype(np.uint8)
    return encode(Image.fromarray(rgb), "JPEG", quality=85)


def test_phone_photo_with_uneven_light_noise_and_specks(mnist, predictor):
    images, labels = mnist
    rng = np.random.default_rng(4)
    subset = images[:30]
    got = [image_to_mnist(photo(x, rng)) for x in subset]
    clean = [to_mnist(x.astype(np.float32) / 255) for x in subset]
    assert np.median([corr(a, b) for a, b in zip(got, clean)]) > 0.85  # specks did not move the crop
    assert (digits(got, predictor) == digits(clean, predictor)).mean() >= 0.9


def test_a_far_speck_does_not_widen_the_crop(mnist):
    x = mnist[0][0]
    page = np.full((300, 300), 255, np.uint8)
    page[20:132, 20:132] = np.asarray(dark_on_white(x))
    spotted = page.copy()
    spotted[280:284, 285:289] = 0  # a 4x4 speck in the far corner
    assert corr(image_to_mnist(spotted), image_to_mnist(page)) > 0.98


@pytest.mark.parametrize("value", [0, 128, 255])
def test_flat_images_are_nothing_to_recognize(value):
    with pytest.raises(NothingToRecognize):
        image_to_mnist(np.full((64, 48), value, np.uint8))


def test_blank_paper_photo_and_transparent_image_are_nothing_to_recognize():
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[0:600, 0:800] / 800
    paper = np.clip((0.9 - 0.4 * xx + rng.normal(0, 0.02, xx.shape)) * 255, 0, 255).astype(np.uint8)
    with pytest.raises(NothingToRecognize):
        image_to_mnist(encode(Image.fromarray(paper), "JPEG"))
    with pytest.raises(NothingToRecognize):
        image_to_mnist(encode(Image.new("RGBA", (50, 50), (0, 0, 0, 0)), "PNG"))


def test_unreadable_inputs_are_clear_value_errors(tmp_path):
    png = encode(Image.new("L", (30, 30), 0), "PNG")
    cases = [b"not an image", png[: len(png) // 2], tmp_path / "missing.png", tmp_path, 3.5, np.zeros((2, 2, 7))]
    for bad in cases:
        with pytest.raises(ValueError) as exc:
            image_to_mnist(bad)
        assert not isinstance(exc.value, NothingToRecognize) and str(exc.value)


def test_file_paths_and_pil_images_are_accepted(tmp_path, mnist):
    x = mnist[0][1]
    path = tmp_path / "digit.png"
    dark_on_white(x).save(path)
    from_path, from_pil = image_to_mnist(path), image_to_mnist(Image.open(path))
    assert np.array_equal(from_path, from_pil) and corr(from_path, to_mnist(x / 255.0)) > 0.9
    assert np.array_equal(image_to_mnist(str(path)), from_path)


def test_float_arrays_and_exif_rotation(mnist):
    x = mnist[0][2]
    assert corr(image_to_mnist(x / 255.0), to_mnist(x / 255.0)) > 0.99
    img = Image.fromarray(x)
    exif = Image.Exif()
    exif[0x0112] = 3  # orientation: rotated 180 degrees
    rotated = open_image(encode(img.rotate(180), "JPEG", exif=exif, quality=95))
    assert corr(image_to_ink(rotated), x / 255.0) > 0.9


@settings(max_examples=120, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(data):
    try:
        img = image_to_mnist(data)
    except ValueError as exc:
        assert str(exc)
        return
    assert img.shape == (28, 28) and np.isfinite(img).all()


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 90), st.integers(1, 90), st.integers(0, 2**32 - 1), st.sampled_from(["L", "RGB", "RGBA", "P"]))
def test_random_valid_images_never_crash(h, w, seed, mode):
    rng = np.random.default_rng(seed)
    arr = rng.integers(0, 256, (h, w, 4), dtype=np.uint8) * rng.integers(0, 2, (h, w, 1), dtype=np.uint8)
    img = Image.fromarray(arr, "RGBA").convert(mode)
    try:
        out = image_to_mnist(encode(img, "PNG"))
    except ValueError as exc:
        assert str(exc)
        return
    assert out.shape == (28, 28) and 0 <= out.min() and out.max() <= 1


def test_a_small_digit_in_a_large_image_is_cut_at_full_resolution(mnist):
    x = mnist[0][5]
    page = np.full((1500, 2000), 255, np.uint8)
    small = dark_on_white(x, 56)  # a 56-px digit: 2.8% of the page's width
    page[900:956, 1200:1256] = np.asarray(small)
    assert corr(image_to_mnist(page), image_to_mnist(small)) > 0.97


def test_bool_and_16_bit_arrays(mnist):
    x = mnist[0][3]
    reference = to_mnist(x / 255.0)
    assert corr(image_to_mnist(x > 100), reference) > 0.9
    assert corr(image_to_mnist(x.astype(np.uint16) * 257), reference) > 0.99

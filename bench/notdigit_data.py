"""Training and calibration data for the "not a digit" check (model/ood.py).

Everything is the 28x28 input the check sees at run time: pictures go through
model/pictures/images.py's image_to_mnist (the digit finder), inks through model/pen/ink.py's
render_ink. Splits (the check sets of bench/notdigit_eval.py stay unseen):

- digits, training: MNIST training digits 0..49,999; pendigits writers 1..24 as drawn
  ink, as pictures (pen of any width on paper) and their world forms (model/pen/ink_synth.py);
  pictures of each kind of bench/photo_cases.py made from those digits (seed 100, and
  more with seed 300).
- digits, held out for the threshold: MNIST training digits 50,000..59,999 (as inputs
  and, 1,500 of them, as pictures); pendigits writers 25..30 (ink and pictures); photo
  kinds of those digits (seed 200), apart those the bundled digit model reads right
  (held_pictures).
- non-digits: pen shapes of bench/notdigit_shapes.py (ink and pictures), letters and
  symbols in the URW fonts with handwriting-like warps, noise, textures, blobs and
  lines; letters and symbols in the Hershey stroke fonts, hand-varied
  (bench/hershey_letters.py), as ink and as pictures; written words, crossings-out,
  stars and Lissajous figures (bench/notdigit_marks.py); more URW font symbols
  (font_symbols); scribbles of straight segments (angular); with --omniglot, real
  handwritten characters of eight alphabets (bench/omniglot_strokes.py: drawers 1..16
  for training, 17..20 held out) as ink and as pictures, without the characters that
  read as a digit. The held-out non-digits are the same generators with other seeds
  (they size the threshold's cost, they never set it).

Never used here: the MNIST test set, UJI, the DejaVu/Noto fonts and the generators of
bench/photo_cases.py's non-digit kinds (the benchmark's).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from bench.hershey_letters import SYMBOLS as HERSHEY_SYMBOLS
from bench.hershey_letters import hershey_char
from bench.notdigit_marks import angular_scribble, random_mark
from bench.notdigit_shapes import random_shape, sloppy_letter
from bench.photo_cases import DIGIT_KINDS, SHARED, TRAIN_FONTS, DigitSource, _unit_box, draw_strokes, make_case
from model.pen.ink import render_ink
from model.pen.ink_synth import synthesize_forms
from model.pen.pendigits import load_pendigits
from model.pictures.images import image_to_mnist
from model.preprocess import NothingToRecognize
from model.training.data import load_data

HELD_WRITERS = range(25, 31)  # pendigits writers held out for the threshold
MNIST_HELD = 50_000  # MNIST training digits from here on are held out
# Letters a digit can look like in many hands (a 0, 1, 2, 5, 6, 8 or 9): never trained
# as non-digits, and counted apart by bench/notdigit_eval.py.
DIGIT_SHAPED = "OoQDIlijZzSsBbgqG"
FONT_LETTERS = "".join(c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" if c not in DIGIT_SHAPED)
FONT_SYMBOLS = "#%&@+*=?!$<>{}~^:;\u00d7\u00a7\u00b6\u20ac\u00a3"
LETTER_FONTS = [f for f in TRAIN_FONTS if not f.name.startswith(("StandardSymbols", "D050000L"))]


def inputs(pictures) -> np.ndarray:
    """Pictures (PIL) -> (N, 28, 28) float32 through the image path; blank ones are skipped."""
    out = []
    for img in pictures:
        try:
            out.append(image_to_mnist(img))
        except NothingToRecognize:
            pass  # blank, or only lines: the finder already answers "no digit"
    return np.stack(out).astype(np.float32) if out else np.zeros((0, 28, 28), np.float32)


def rendered(inks) -> np.ndarray:
    """Inks -> (N, 28, 28) float32 through the canvas renderer."""
    out = []
    for ink in inks:
        try:
            out.append(render_ink(ink))
        except NothingToRecognize:
            pass
    return np.stack(out).astype(np.float32)


# -- pictures -------------------------------------------------------------------------
def _paper(rng: np.random.Generator, ink: np.ndarray) -> Image.Image:
    """An (H, W) ink layer in [0, 1] on gray paper, with a little noise."""
    paper = rng.uniform(0.8, 1.0)
    g = paper * (1 - rng.uniform(0.6, 0.95) * ink) + rng.normal(0, rng.uniform(0, 0.02), ink.shape)
    return Image.fromarray(np.clip(g * 255, 0, 255).astype(np.uint8))


def ink_picture(rng: np.random.Generator, ink) -> Image.Image:
    """An ink drawn on paper with a round pen 2..25% of its size wide."""
    side = int(rng.integers(80, 420))
    box = side * rng.uniform(0.35, 0.8)
    pen = max(1.0, box * rng.uniform(0.02, 0.2))
    big = Image.new("L", (side * 2, side * 2), 0)
    x0, y0 = rng.uniform(0.05, 0.95 - box / side, 2) * side * 2 + pen
    unit = _unit_box([np.asarray(s, np.float64) for s in ink])
    draw_strokes(ImageDraw.Draw(big), unit, (x0, y0, (box - pen) * 2), pen * 2, 255)
    layer = np.asarray(big.resize((side, side), Image.Resampling.BOX), np.float32) / 255
    return _paper(rng, layer)


def font_picture(rng: np.random.Generator, chars: str, fonts) -> Image.Image:
    """A character in a font, warped like handwriting: rotation, shear, aspect, pen weight, wobble."""
    side = int(rng.integers(100, 260))
    img = Image.new("L", (side, side), 0)
    font = ImageFont.truetype(str(fonts[int(rng.integers(len(fonts)))]), int(side * rng.uniform(0.4, 0.75)))
    ch = chars[int(rng.integers(len(chars)))]
    ImageDraw.Draw(img).text((side / 2, side / 2), ch, fill=255, font=font, anchor="mm")
    shear, aspect = rng.uniform(-0.35, 0.35), np.exp(rng.uniform(-0.3, 0.3))
    c = side / 2
    img = img.transform(
        img.size,
        Image.Transform.AFFINE,
        (aspect, shear, c - aspect * c - shear * c, 0, 1 / aspect, c - c / aspect),
        Image.Resampling.BILINEAR,
    ).rotate(rng.uniform(-20, 20), Image.Resampling.BILINEAR)
    weight = int(rng.integers(-2, 4))
    if weight > 0:
        img = img.filter(ImageFilter.MaxFilter(2 * weight + 1))
    elif weight < 0:
        img = img.filter(ImageFilter.MinFilter(3))
    layer = np.asarray(img, np.float32) / 255
    wob = rng.normal(0, 1, (2, 6, 6))
    dy, dx = (
        np.asarray(Image.fromarray(w.astype(np.float32)).resize((side, side), Image.Resampling.BICUBIC)) for w in wob
    )
    yy, xx = np.mgrid[0:side, 0:side]
    s = side * rng.uniform(0, 0.02)
    yi = np.clip((yy + s * dy).round().astype(int), 0, side - 1)
    xi = np.clip((xx + s * dx).round().astype(int), 0, side - 1)
    return _paper(rng, layer[yi, xi])


def noise_picture(rng: np.random.Generator) -> Image.Image:
    """Noise of some grain, salt and pepper, a texture or blobs. (No straight lines: the
    finder removes long ones, and a short one alone is a 1.)"""
    w, h = int(rng.integers(40, 400)), int(rng.integers(40, 400))
    kind = int(rng.integers(4))
    if kind == 0:  # per-cell random gray, cells 1..24 px, maybe blurred
        cell = int(rng.choice([1, 2, 3, 4, 6, 8, 12, 16, 24]))
        g = rng.random((h // cell + 1, w // cell + 1)).astype(np.float32)
        img = Image.fromarray((g * 255).astype(np.uint8)).resize((w, h), Image.Resampling.NEAREST)
        return img.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 4))) if rng.random() < 0.5 else img
    if kind == 1:  # salt and pepper on paper
        g = np.where(rng.random((h, w)) < rng.uniform(0.01, 0.3), 0.1, 0.95)
        return Image.fromarray((g * 255).astype(np.uint8))
    yy, xx = np.mgrid[0:h, 0:w] / max(w, h)
    if kind == 2:  # a texture: gratings, checks, rings
        f, a = rng.uniform(3, 25), rng.uniform(0, np.pi)
        u = xx * np.cos(a) + yy * np.sin(a)
        v = -xx * np.sin(a) + yy * np.cos(a)
        g = [np.sin(f * u), np.sin(f * u) * np.sin(f * v), np.sin(f * np.hypot(xx - 0.5, yy - 0.5))][
            int(rng.integers(3))
        ]
        return Image.fromarray(((g > rng.uniform(-0.5, 0.5)) * 200 + 40).astype(np.uint8))
    img = Image.new("L", (w, h), int(rng.integers(200, 256)))
    d = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(1, 6))):  # filled blobs, roundish (a long thin one is a 1)
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        rx = rng.uniform(3, max(w, h) / 3)
        ry = rx * np.exp(rng.uniform(-0.7, 0.7))
        d.ellipse((x - rx, y - ry, x + rx, y + ry), fill=int(rng.integers(0, 80)))
    return img.filter(ImageFilter.GaussianBlur(rng.uniform(0, 3)))


# -- the sets ---------------------------------------------------------------------------
def non_digits(n: int, seed: int) -> dict[str, np.ndarray]:
    """(N, 28, 28) inputs per source, n of each before blanks are dropped."""
    rng = np.random.default_rng(seed)
    shape_inks = [random_shape(rng) for _ in range(4 * n)]
    return {
        "shape inks": rendered(shape_inks[: 3 * n]),
        "shape pictures": inputs(ink_picture(rng, ink) for ink in shape_inks[3 * n :]),
        "font letters": inputs(font_picture(rng, FONT_LETTERS, LETTER_FONTS) for _ in range(n)),
        "font symbols": inputs(font_picture(rng, FONT_SYMBOLS, TRAIN_FONTS) for _ in range(n // 3)),
        "noise": inputs(noise_picture(rng) for _ in range(n // 4)),  # slow: 0.2 s each in the finder
    }


def letters(n: int, seed: int) -> dict[str, np.ndarray]:
    """More letters: sloppy pen letters (ink and pictures) and warped font letters."""
    rng = np.random.default_rng(seed)
    inks = [sloppy_letter(rng) for _ in range(2 * n)]
    return {
        "sloppy letter inks": rendered(inks[:n]),
        "sloppy letter pictures": inputs(ink_picture(rng, ink) for ink in inks[n:]),
        "more font letters": inputs(font_picture(rng, FONT_LETTERS, LETTER_FONTS) for _ in range(n)),
    }


def hershey(n: int, seed: int) -> dict[str, np.ndarray]:
    """Hershey letters (n inks, n // 2 pictures) and symbols (a third as many of each)."""
    rng = np.random.default_rng(seed)
    out = {}
    for name, chars, k in (("hershey letter", FONT_LETTERS, n), ("hershey symbol", HERSHEY_SYMBOLS, n // 3)):
        inks = [hershey_char(rng, chars) for _ in range(k + k // 2)]
        out[name + " inks"] = rendered(inks[:k])
        out[name + " pictures"] = inputs(ink_picture(rng, ink) for ink in inks[k:])
    return out


def marks(n: int, seed: int) -> dict[str, np.ndarray]:
    """Written words, crossings-out, stars, Lissajous figures (n inks, n // 2 pictures)."""
    rng = np.random.default_rng(seed)
    inks = [random_mark(rng, FONT_LETTERS) for _ in range(n + n // 2)]
    return {"mark inks": rendered(inks[:n]), "mark pictures": inputs(ink_picture(rng, ink) for ink in inks[n:])}


OMNIGLOT_HELD_DRAWERS = range(17, 21)  # Omniglot's drawers held out (of 1..20 per character)
# An Omniglot character is digit-shaped when this share of its drawings reads as one
# digit with DIGIT_LIKE_PROBABILITY (the bundled digit model): Latin g, i, l, o, q, s,
# Korean's 7-like letter... Training those as non-digits would teach turning digits away.
DIGIT_LIKE_SHARE = 0.3
DIGIT_LIKE_PROBABILITY = 0.9


def omniglot(root, held: bool, seed: int, warps: int = 0) -> dict[str, np.ndarray]:
    """Omniglot's handwritten characters (bench/omniglot_strokes.py) that are not
    digit-shaped: each drawing of the split's drawers as ink and as a picture. Latin's
    letters of DIGIT_SHAPED are left out too. Returns {"omniglot inks": (N, 28, 28),
    "omniglot pictures": (M, 28, 28)} float32; with warps > 0, instead that many warped
    copies of each drawing (warped_ink), as ink and as pictures."""
    from collections import Counter, defaultdict
    from pathlib import Path

    from bench.omniglot_strokes import load_omniglot
    from model.predictor import Predictor

    drawings = load_omniglot(Path(root))
    x = rendered([d.ink for d in drawings])  # (N,28,28), every drawing renders
    readings = Predictor.load().predict_arrays(list(x))
    confident = defaultdict(Counter)
    for d, r in zip(drawings, readings):
        if max(r.probabilities) >= DIGIT_LIKE_PROBABILITY:
            confident[d.alphabet, d.character][r.digit] += 1
    drawn = Counter((d.alphabet, d.character) for d in drawings)
    digit_like = {k for k, c in confident.items() if c.most_common(1)[0][1] >= DIGIT_LIKE_SHARE * drawn[k]}
    keep = [
        i
        for i, d in enumerate(drawings)
        if (d.alphabet, d.character) not in digit_like
        and (d.letter is None or d.letter not in DIGIT_SHAPED)
        and (d.drawer in OMNIGLOT_HELD_DRAWERS) == held
    ]
    print(f"omniglot: {len(digit_like)} digit-shaped characters left out, {len(keep)} drawings kept", flush=True)
    rng = np.random.default_rng(seed)
    if warps:
        inks = [warped_ink(rng, drawings[i].ink) for i in keep for _ in range(warps)]
        return {
            "warped omniglot inks": rendered(inks),
            "warped omniglot pictures": inputs(ink_picture(rng, _unit_box(ink)) for ink in inks),
        }
    return {
        "omniglot inks": x[keep],
        "omniglot pictures": inputs(ink_picture(rng, _unit_box(drawings[i].ink)) for i in keep),
    }


def warped_ink(rng: np.random.Generator, ink: list[np.ndarray]) -> list[np.ndarray]:
    """Ink under a random affine map, as another hand would write it: rotation up to 15
    degrees, shear up to 0.3, aspect up to 1.3 either way. (P, 2) strokes in, the same out."""
    angle, shear, aspect = rng.uniform(-0.26, 0.26), rng.uniform(-0.3, 0.3), np.exp(rng.uniform(-0.25, 0.25))
    c, s = np.cos(angle), np.sin(angle)
    m = np.array([[c, -s], [s, c]]) @ np.array([[1.0, shear], [0.0, 1.0]]) @ np.diag([aspect, 1 / aspect])  # (2,2)
    return [np.asarray(stroke, np.float64) @ m.T for stroke in ink]


def angular(n: int, seed: int) -> dict[str, np.ndarray]:
    """Scribbles of straight segments and sharp corners (n inks, n // 2 pictures)."""
    rng = np.random.default_rng(seed)
    inks = [angular_scribble(rng) for _ in range(n + n // 2)]
    return {
        "angular scribble inks": rendered(inks[:n]),
        "angular scribble pictures": inputs(ink_picture(rng, ink) for ink in inks[n:]),
    }


def font_symbols(n: int, seed: int) -> dict[str, np.ndarray]:
    """n more symbols in the URW fonts with handwriting-like warps (non_digits has a sixth
    as many): the symbols were the kind the check turned away least."""
    rng = np.random.default_rng(seed)
    return {"more font symbols": inputs(font_picture(rng, FONT_SYMBOLS, TRAIN_FONTS) for _ in range(n))}


def more_noise(n: int, seed: int) -> dict[str, np.ndarray]:
    """n more noise pictures (noise_picture, another seed): the letters and marks outnumber them."""
    rng = np.random.default_rng(seed)
    return {"more noise": inputs(noise_picture(rng) for _ in range(n))}


def digit_sources():
    """(MNIST training images (60000, 28, 28) uint8, labels, PenDigits)."""
    data = load_data(SHARED / "data" / "mnist", "train")
    return data.images.numpy(), data.labels.numpy(), load_pendigits(SHARED / "data" / "pendigits-tra")


def photo_digits(per_kind: int, seed: int, held: bool = False) -> dict[str, np.ndarray]:
    """More pictures of every photo kind (another seed), of the training or the held-out
    split's digits: the held-out photos whose digit is hardest to find set the threshold."""
    images, labels, pen = digit_sources()
    mnist = slice(MNIST_HELD, None) if held else slice(0, MNIST_HELD)
    pen = pen.select(np.isin(pen.writers, HELD_WRITERS) == held)
    src = DigitSource(images[mnist], labels[mnist], [_unit_box(ink) for ink in pen.inks], pen.labels)
    return {
        "more photo kinds": inputs(
            make_case(kind, k * per_kind + i, src, seed)[0]
            for k, kind in enumerate(DIGIT_KINDS)
            for i in range(per_kind)
        )
    }


def held_pictures(n_mnist: int, photos_per_kind: int, seed: int, photo_seed: int) -> dict[str, np.ndarray]:
    """Held-out digits as pictures, for the threshold: n_mnist MNIST training digits from
    50,000 on, dark on white at 56..300 px; and the held-out photo kinds of digits() (the
    same cases: photo_seed 200), all of them and apart those the bundled digit model reads
    as their label. A crop so bad that no digit can be read in it (a blob, a broken
    stroke) is no digit for the check to protect. The bundled model was trained on these
    digits, so it reads more of them right than it would unseen ones: more hard crops stay
    in, the threshold goes up, not down."""
    from model.predictor import Predictor

    images, labels, pen = digit_sources()
    rng = np.random.default_rng(seed)
    pictures = []
    for i in rng.choice(np.arange(MNIST_HELD, len(images)), n_mnist, replace=False):
        side = int(rng.integers(56, 301))
        pictures.append(Image.fromarray(255 - images[i]).resize((side, side), Image.Resampling.BILINEAR))
    pen = pen.select(np.isin(pen.writers, HELD_WRITERS))
    src = DigitSource(images[MNIST_HELD:], labels[MNIST_HELD:], [_unit_box(ink) for ink in pen.inks], pen.labels)
    photos, photo_labels = [], []
    for k, kind in enumerate(DIGIT_KINDS):
        for i in range(photos_per_kind):
            img, label = make_case(kind, k * photos_per_kind + i, src, photo_seed)
            try:
                photos.append(image_to_mnist(img))
                photo_labels.append(label)
            except NothingToRecognize:
                pass
    x = np.stack(photos).astype(np.float32)  # (N,28,28)
    read = np.array([p.digit for p in Predictor.load().predict_arrays(list(x))])
    return {
        "mnist pictures": inputs(pictures),
        "photo kinds read right": x[read == np.array(photo_labels)],
        "photo kinds all": x,
    }


def clean_pictures(n_mnist: int, photos_per_kind: int, seed: int) -> dict[str, np.ndarray]:
    """Held-out digits as pictures that the finder calls clean (flat ink on flat paper, all
    of it the digit: model/pictures/digit_finder.py is_clean), for the clean pictures'
    threshold: n_mnist MNIST training digits from 50,000 on at 56..300 px, pendigits
    writers 25..30 drawn on paper (ink_picture), and the photo kinds of those digits
    (another seed than held_pictures') that the bundled digit model reads as their label."""
    from model.pictures.images import image_to_input
    from model.predictor import Predictor

    images, labels, pen = digit_sources()
    rng = np.random.default_rng(seed)
    pen = pen.select(np.isin(pen.writers, HELD_WRITERS))
    unit = [_unit_box(ink) for ink in pen.inks]
    mnist = rng.choice(np.arange(MNIST_HELD, len(images)), n_mnist, replace=False)
    src = DigitSource(images[MNIST_HELD:], labels[MNIST_HELD:], unit, pen.labels)
    sources: dict[str, list] = {
        "clean mnist pictures": [
            (Image.fromarray(255 - images[i]).resize(((s := int(rng.integers(56, 301))), s)), None) for i in mnist
        ],
        "clean pen pictures": [(ink_picture(rng, ink), None) for ink in unit],
        "clean photo kinds": [
            make_case(kind, k * photos_per_kind + i, src, seed)
            for k, kind in enumerate(DIGIT_KINDS)
            for i in range(photos_per_kind)
        ],
    }
    predictor, out = Predictor.load(), {}
    for name, pictures in sources.items():
        kept, wanted = [], []
        for img, label in pictures:
            try:
                found = image_to_input(img)
            except ValueError:  # blank, or no digit found: nothing for the check to judge
                continue
            if found.clean:
                kept.append(found.image)
                wanted.append(label)
        x = np.stack(kept).astype(np.float32) if kept else np.zeros((0, 28, 28), np.float32)  # (N,28,28)
        if name == "clean photo kinds" and len(x):  # the ones read right: a crop no one can read is no digit
            read = np.array([p.digit for p in predictor.predict_arrays(list(x))])
            x = x[read == np.array(wanted)]
        out[name] = x
    return out


def digits(held: bool, photos_per_kind: int, pictures: int, seed: int) -> dict[str, np.ndarray]:
    """(N, 28, 28) digit inputs per source, from the training or the held-out split."""
    images, labels, pen = digit_sources()
    rng = np.random.default_rng(seed)
    mnist = slice(MNIST_HELD, None) if held else slice(0, MNIST_HELD)
    pen = pen.select(np.isin(pen.writers, HELD_WRITERS) == held)
    unit = [_unit_box(ink) for ink in pen.inks]
    src = DigitSource(images[mnist], labels[mnist], unit, pen.labels)
    forms, _ = synthesize_forms(pen.inks, pen.labels, 60 if held else 300, rng)
    order = rng.permutation(len(unit))[:pictures]
    return {
        "mnist": images[mnist].astype(np.float32) / 255,
        "pen ink": rendered(pen.inks),
        "world forms": rendered(forms),
        "pen pictures": inputs(ink_picture(rng, unit[i]) for i in order),
        "photo kinds": inputs(
            make_case(kind, k * photos_per_kind + i, src, 200 if held else 100)[0]
            for k, kind in enumerate(DIGIT_KINDS)
            for i in range(photos_per_kind)
        ),
    }

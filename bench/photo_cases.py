"""Synthetic pictures of digits for the photo benchmark and tests, one generator per kind.

Digits come from the MNIST test set (pixel digits, dark ink pasted onto paper) and from
pen ink (strokes drawn with Pillow at a chosen width): the UCI pendigits training writers
by default; with DigitSource.typed, digits printed in the installed fonts and the Hershey
stroke fonts instead (the shared example pictures' kind of digit). Around them: ruled and
squared notebook paper, lines along the picture's edges, frames, hard shadow edges, the
desk's edge, thin and bold strokes, tight crops, uneven light, noise and JPEG. Non-digits
(letters, symbols, scribbles, noise) are made the same way for the "not a digit" rates.
Everything is seeded: a case is a pure function of (kind, index, seed).

    from bench.photo_cases import make_case, KINDS
    img, label = make_case("ruled", 3, digits)      # PIL image, int (or None: not a digit)
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

REPO = Path(__file__).resolve().parents[1]
SHARED = next((p / "shared" for p in REPO.parents if (p / "shared" / "data").is_dir()), REPO.parent / "shared")
PENDIGITS = SHARED / "data" / "pendigits-tra" / "pendigits-orig.tra"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
ENCODED = "photo_cases.encoded"  # a JPEG case's info key: the file's bytes

Strokes = list[np.ndarray]  # each (P, 2) float, x right, y down, in a unit box


@dataclass
class DigitSource:
    """MNIST test digits (N, 28, 28) uint8 with labels, and pen inks with labels."""

    mnist: np.ndarray
    mnist_labels: np.ndarray
    inks: list[Strokes]
    ink_labels: np.ndarray
    typed: bool = False  # digits printed in fonts instead (typed_digit, typed_ink)

    def mnist_digit(self, i: int) -> tuple[np.ndarray, int]:
        j = i % len(self.mnist)
        return self.mnist[j], int(self.mnist_labels[j])

    def ink(self, i: int) -> tuple[Strokes, int]:
        if self.typed:
            return typed_ink(i)
        j = (i * 7919) % len(self.inks)  # spread over writers and digits
        return self.inks[j], int(self.ink_labels[j])


def parse_unipen_digits(text: str) -> tuple[list[Strokes], list[int]]:
    """UNIPEN text of pendigits (y up) -> inks normalized to a unit box (y down), labels."""
    inks, labels = [], []
    for block in re.split(r"^\.SEGMENT DIGIT", text, flags=re.M)[1:]:
        label = int(re.search(r'"(\d)"', block).group(1))
        strokes = []
        for part in re.findall(r"\.PEN_DOWN\n(.*?)\.PEN_UP", block, flags=re.S):
            pts = np.array([[float(v) for v in ln.split()] for ln in part.strip().splitlines()], dtype=np.float64)
            if len(pts):
                pts[:, 1] = 500.0 - pts[:, 1]
                strokes.append(pts)
        if strokes:
            inks.append(_unit_box(strokes))
            labels.append(label)
    return inks, labels


def _unit_box(strokes: Strokes) -> Strokes:
    allp = np.concatenate(strokes)
    lo, hi = allp.min(0), allp.max(0)
    s = max(float((hi - lo).max()), 1e-6)
    off = (s - (hi - lo)) / 2  # center the shorter side
    return [(p - lo + off) / s for p in strokes]


def load_source(mnist: tuple[np.ndarray, np.ndarray], pendigits: Path = PENDIGITS, limit: int = 2000) -> DigitSource:
    inks, labels = parse_unipen_digits(pendigits.read_text())
    return DigitSource(mnist[0], mnist[1], inks[:limit], np.array(labels[:limit]))


# -- drawing helpers ----------------------------------------------------------------
def draw_strokes(
    draw: ImageDraw.ImageDraw, strokes: Strokes, box: tuple[float, float, float], width: float, fill: int
) -> None:
    """Strokes (unit box) into box (x0, y0, size) with a round pen of `width` px."""
    x0, y0, size = box
    r = width / 2
    for s in strokes:
        pts = [(x0 + x * size, y0 + y * size) for x, y in s]
        if len(pts) > 1:
            draw.line(pts, fill=fill, width=max(1, int(round(width))), joint="curve")
        if width > 2:
            for x, y in (pts[0], pts[-1]):
                draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)


def ink_layer(size: tuple[int, int], strokes: Strokes, box: tuple[float, float, float], width: float) -> np.ndarray:
    """(H, W) float in [0, 1], ink = 1, anti-aliased by drawing at 4x."""
    w, h = size
    big = Image.new("L", (w * 4, h * 4), 0)
    draw_strokes(ImageDraw.Draw(big), strokes, (box[0] * 4, box[1] * 4, box[2] * 4), width * 4, 255)
    return np.asarray(big.resize((w, h), Image.Resampling.BOX), dtype=np.float32) / 255.0


def mnist_layer(size: tuple[int, int], digit: np.ndarray, box: tuple[float, float, float]) -> np.ndarray:
    """An MNIST digit (28x28, its 20x20 core fills `box`) as an (H, W) ink layer."""
    w, h = size
    x0, y0, side = box
    scale = side / 20.0
    full = max(1, int(round(28 * scale)))
    big = np.asarray(Image.fromarray(digit).resize((full, full), Image.Resampling.BILINEAR), dtype=np.float32) / 255
    out = np.zeros((h, w), np.float32)
    ox, oy = int(round(x0 - 4 * scale)), int(round(y0 - 4 * scale))
    xs, ys = max(0, ox), max(0, oy)
    xe, ye = min(w, ox + full), min(h, oy + full)
    if xe > xs and ye > ys:
        out[ys:ye, xs:xe] = big[ys - oy : ye - oy, xs - ox : xe - ox]
    return out


def compose(paper: np.ndarray, ink: np.ndarray, darkness: float) -> np.ndarray:
    """Paper gray (H, W) in [0, 1] times (1 - darkness * ink)."""
    return paper * (1.0 - darkness * ink)


def to_image(gray: np.ndarray, rng: np.random.Generator, color: bool = False, noise: float = 0.0) -> Image.Image:
    g = gray + (rng.normal(0, noise, gray.shape) if noise else 0.0)
    g = np.clip(g * 255, 0, 255).astype(np.uint8)
    if not color:
        return Image.fromarray(g)
    tint = np.stack([g, (g * 0.97).astype(np.uint8), (g * 0.9).astype(np.uint8)], -1)
    return Image.fromarray(tint)


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    """img saved as a JPEG at `quality` and opened again, as a phone's photo arrives; the
    file's bytes in its info[ENCODED] (photo_eval reads those, as the app reads a file:
    a large JPEG decodes at reduced size)."""
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    out = Image.open(io.BytesIO(buf.getvalue()))
    out.info[ENCODED] = buf.getvalue()
    return out


def _digit(rng: np.random.Generator, src: DigitSource, i: int, size: tuple[int, int], box, width: float | None = None):
    """An ink layer of digit i: pen ink (odd i) or MNIST (even i); pen width relative to the box.
    A typed source: a font's digit (even i) or a stroke font's (odd i)."""
    if src.typed and i % 2 == 0:
        return typed_layer(size, i // 2, box), i // 2 % 10
    if i % 2 == 0:
        d, label = src.mnist_digit(i // 2)
        return mnist_layer(size, d, box), label
    strokes, label = src.ink(i // 2)
    pen = width if width is not None else box[2] * rng.uniform(0.08, 0.14)
    inner = (box[0] + pen / 2, box[1] + pen / 2, box[2] - pen)
    return ink_layer(size, strokes, inner, pen), label


# Printed digits (photo_eval --digits typed): the shared example pictures' kind of digit.
# Every installed outline font that draws the ten digits (no symbol, math or CJK
# fallback fonts), and the Hershey stroke fonts (bench/hershey_letters.py).
TYPED_FONTS = sorted(
    f
    for f in [*Path("/usr/share/fonts/truetype").glob("*/*.ttf"), *Path("/usr/share/fonts/opentype").glob("*/*.otf")]
    if not any(k in f.name for k in ("Math", "Symbol", "Fallback", "D050000L", "Z003", "CJK"))
)


def typed_layer(size: tuple[int, int], i: int, box: tuple[float, float, float]) -> np.ndarray:
    """Digit i % 10 in an outline font of TYPED_FONTS (a new one every ten), its ink fitted to the box's
    height and centred in it: an (H, W) ink layer in [0, 1], anti-aliased."""
    w, h = size
    x0, y0, side = box
    font = ImageFont.truetype(str(TYPED_FONTS[(i // 10 * 17) % len(TYPED_FONTS)]), 200)  # 17: spread the families
    big = Image.new("L", (400, 400), 0)
    ImageDraw.Draw(big).text((200, 200), str(i % 10), fill=255, font=font, anchor="mm")
    l, t, r, b = big.getbbox() or (0, 0, 400, 400)
    scale = side / max(b - t, 1)
    gw, gh = max(1, round((r - l) * scale)), max(1, round((b - t) * scale))
    glyph_img = big.crop((l, t, r, b)).resize((gw, gh), Image.Resampling.LANCZOS)
    out = Image.new("L", (w, h), 0)
    out.paste(glyph_img, (int(round(x0 + (side - gw) / 2)), int(round(y0))))
    return np.asarray(out, np.float32) / 255.0


def typed_ink(i: int) -> tuple[Strokes, int]:
    """Digit i % 10 in a Hershey stroke font (bench/hershey_letters.py FONTS), unjittered."""
    from bench.hershey_letters import FONTS, glyph_strokes

    return _unit_box(glyph_strokes(FONTS[(i // 10 * 5) % len(FONTS)], str(i % 10))), i % 10


def _place(rng: np.random.Generator, w: int, h: int, frac: tuple[float, float]) -> tuple[float, float, float]:
    side = min(w, h) * rng.uniform(*frac)
    return rng.uniform(0.1 * w, w - side - 0.1 * w), rng.uniform(0.1 * h, h - side - 0.1 * h), side


# -- the kinds ----------------------------------------------------------------------
def clean(rng, src, i):
    w = h = int(rng.integers(80, 400))
    ink, label = _digit(rng, src, i, (w, h), _place(rng, w, h, (0.4, 0.7)))
    return to_image(compose(np.full((h, w), rng.uniform(0.85, 1.0)), ink, rng.uniform(0.7, 0.95)), rng), label


def edge_line(rng, src, i):
    w = h = int(rng.integers(80, 300))
    ink, label = _digit(rng, src, i, (w, h), _place(rng, w, h, (0.4, 0.6)))
    paper = np.ones((h, w))
    t = int(rng.integers(1, 5))
    side = i % 4
    line = np.zeros((h, w))
    off = int(rng.integers(0, 4))
    if side == 0:
        line[off : off + t] = 1
    elif side == 1:
        line[h - off - t : h - off] = 1
    elif side == 2:
        line[:, off : off + t] = 1
    else:
        line[:, w - off - t : w - off] = 1
    return to_image(compose(paper, np.maximum(ink, line), 0.85), rng), label


def frame(rng, src, i):
    w = h = int(rng.integers(120, 320))
    ink, label = _digit(rng, src, i, (w, h), _place(rng, w, h, (0.35, 0.5)))
    img = Image.new("L", (w, h), 0)
    m = int(rng.integers(2, 12))
    ImageDraw.Draw(img).rectangle((m, m, w - m - 1, h - m - 1), outline=255, width=int(rng.integers(1, 4)))
    lines = np.asarray(img, np.float32) / 255
    return to_image(compose(np.ones((h, w)) * 0.95, np.maximum(ink, lines), 0.8), rng), label


def edge_frame(rng, src, i):
    """A digit in a box drawn round it, the picture cut at the box's edge (a form's field, a
    table's cell, a screenshot): a frame 2-8% of the side wide along all four edges."""
    w = h = int(rng.integers(60, 320))
    ink, label = _digit(rng, src, i, (w, h), _place(rng, w, h, (0.4, 0.6)))
    img = Image.new("L", (w, h), 0)
    width = max(2, int(rng.uniform(0.02, 0.08) * w))
    ImageDraw.Draw(img).rectangle((0, 0, w - 1, h - 1), outline=int(rng.integers(120, 256)), width=width)
    lines = np.asarray(img, np.float32) / 255
    return to_image(compose(np.full((h, w), rng.uniform(0.85, 1.0)), np.maximum(ink, lines), 0.85), rng), label


def ruled(rng, src, i, squared: bool = False):
    w, h = int(rng.integers(160, 420)), int(rng.integers(140, 360))
    box = _place(rng, w, h, (0.35, 0.6))
    ink, label = _digit(rng, src, i, (w, h), box)
    gap = box[2] * rng.uniform(0.15, 0.4)
    lines = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(lines)
    tw = int(rng.integers(1, 3))
    y = rng.uniform(0, gap)
    while y < h:
        d.line((0, y, w, y), fill=255, width=tw)
        y += gap
    if squared:
        x = rng.uniform(0, gap)
        while x < w:
            d.line((x, 0, x, h), fill=255, width=tw)
            x += gap
    elif rng.random() < 0.5:  # a margin line
        x = rng.uniform(0.05, 0.15) * w
        d.line((x, 0, x, h), fill=255, width=tw)
    lines_a = np.asarray(lines, np.float32) / 255 * rng.uniform(0.25, 0.5)
    gray = compose(np.full((h, w), rng.uniform(0.85, 0.97)), lines_a, 1.0)
    gray = compose(gray, ink, rng.uniform(0.6, 0.85))
    return to_image(gray, rng, color=True, noise=0.01), label


def squared(rng, src, i):
    return ruled(rng, src, i, squared=True)


def shadow(rng, src, i):
    w, h = int(rng.integers(160, 400)), int(rng.integers(140, 360))
    ink, label = _digit(rng, src, i, (w, h), _place(rng, w, h, (0.35, 0.6)))
    yy, xx = np.mgrid[0:h, 0:w]
    a = rng.uniform(0, 2 * math.pi)
    cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
    side = (xx - cx) * math.cos(a) + (yy - cy) * math.sin(a)
    soft = rng.uniform(0.3, 2.0)
    shade = 1.0 - rng.uniform(0.25, 0.55) / (1.0 + np.exp(np.clip(-side / soft, -50, 50)))
    paper = np.full((h, w), rng.uniform(0.85, 0.97)) * shade
    return to_image(compose(paper, ink, rng.uniform(0.6, 0.85)), rng, color=True, noise=0.01), label


def desk(rng, src, i):
    w, h = int(rng.integers(200, 420)), int(rng.integers(160, 360))
    ink, label = _digit(rng, src, i, (w, h), _place(rng, w, h, (0.3, 0.45)))
    yy, xx = np.mgrid[0:h, 0:w]
    a = rng.uniform(-0.3, 0.3) + (i % 4) * math.pi / 2
    # the paper's edge: a line near one side of the picture, the desk beyond it
    d = (xx - w / 2) * math.cos(a) + (yy - h / 2) * math.sin(a)
    reach = abs(w / 2 * math.cos(a)) + abs(h / 2 * math.sin(a))
    edge = reach * rng.uniform(0.6, 0.85)
    tex = rng.normal(0, 0.04, (h // 4 + 1, w // 4 + 1))
    tex = np.asarray(Image.fromarray(tex.astype(np.float32), "F").resize((w, h), Image.Resampling.BILINEAR))
    desk_gray = rng.uniform(0.15, 0.45) + tex
    gray = np.where(d > edge, desk_gray, rng.uniform(0.8, 0.95))
    gray = compose(gray, ink * (d <= edge), rng.uniform(0.6, 0.85))
    return to_image(gray, rng, color=True, noise=0.015), label


def thin(rng, src, i):
    strokes, label = src.ink(i)
    w = h = int(rng.integers(150, 900))
    side = min(w, h) * rng.uniform(0.3, 0.7)
    box = (rng.uniform(0.1, 0.9 - side / w) * w, rng.uniform(0.1, 0.9 - side / h) * h, side)
    img = Image.new("L", (w, h), 255)
    draw_strokes(ImageDraw.Draw(img), strokes, box, float(rng.integers(1, 4)), 0)
    return img, label


def thin_large(rng, src, i):
    """A 1-3 px brush on a large picture (a paint program's canvas, 1,000-2,600 px), dark
    or grey ink on white or grey paper."""
    strokes, label = src.ink(i)
    w = h = int(rng.integers(1000, 2600))
    side = min(w, h) * rng.uniform(0.3, 0.7)
    box = (rng.uniform(0.05, 0.95 - side / w) * w, rng.uniform(0.05, 0.95 - side / h) * h, side)
    img = Image.new("L", (w, h), int(rng.integers(180, 256)))
    draw_strokes(ImageDraw.Draw(img), strokes, box, float(rng.integers(1, 4)), int(rng.integers(0, 90)))
    return img, label


def bold(rng, src, i):
    strokes, label = src.ink(i)
    w = h = int(rng.integers(100, 400))
    side = min(w, h) * rng.uniform(0.5, 0.7)
    pen = side * rng.uniform(0.18, 0.25)
    box = ((w - side) / 2 + pen / 2, (h - side) / 2 + pen / 2, side - pen)
    return to_image(compose(np.ones((h, w)), ink_layer((w, h), strokes, box, pen), 0.95), rng), label


def tight_bold(rng, src, i):
    img, label = bold(rng, src, i)
    arr = np.asarray(img)
    ys, xs = np.nonzero(arr < 128)
    m = int(rng.integers(0, 3))
    return img.crop((max(0, xs.min() - m), max(0, ys.min() - m), xs.max() + 1 + m, ys.max() + 1 + m)), label


def photo(rng, src, i):
    """Ruled or squared paper, a lighting gradient, noise and JPEG at a phone's size."""
    img, label = (ruled if i % 2 else squared)(rng, src, i)
    g = np.asarray(img.convert("L").resize((img.width * 3, img.height * 3), Image.Resampling.BICUBIC), np.float32) / 255
    h, w = g.shape
    yy, xx = np.mgrid[0:h, 0:w]
    light = 1.0 - 0.35 * (xx / w) * rng.uniform(0.5, 1) - 0.2 * (yy / h)
    return _jpeg(to_image(g * light, rng, color=True, noise=0.02), 80), label


def vignette(rng, src, i):
    """A lamp's or a lens's falloff: the paper bright round an off-centre point, its corners
    at 55-80% of that, and faint ink (a grey pen, a pencil: 25-55% darker than the paper
    under it), noise and sometimes JPEG."""
    w, h = int(rng.integers(200, 600)), int(rng.integers(200, 600))
    ink, label = _digit(rng, src, i, (w, h), _place(rng, w, h, (0.3, 0.55)))
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy = rng.uniform(0.35, 0.65) * w, rng.uniform(0.35, 0.65) * h
    r = np.hypot((xx - cx) / w, (yy - cy) / h) / math.hypot(0.65, 0.65)  # 0 at the lamp, about 1 in the corners
    corners = rng.uniform(0.55, 0.8)
    paper = rng.uniform(0.85, 0.97) * (1 - (1 - corners) * np.clip(r, 0, 1) ** rng.uniform(1.5, 2.5))
    img = to_image(compose(paper, ink, rng.uniform(0.25, 0.55)), rng, color=bool(i % 2), noise=0.01)
    if rng.random() < 0.5:
        img = _jpeg(img, int(rng.integers(70, 95)))
    return img, label


def tilted(rng, src, i):
    """Ruled or squared paper photographed askew: the picture turned 1-5 degrees either
    way (its corners filled with the paper's edge), noise and JPEG."""
    img, label = (ruled if i % 2 else squared)(rng, src, i)
    g = np.asarray(img.convert("L"), np.float32) / 255
    angle = float(rng.uniform(1, 5) * rng.choice([-1, 1]))
    turned = img.convert("L").rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=int(np.median(g) * 255))
    out = to_image(np.asarray(turned, np.float32) / 255, rng, color=True, noise=0.015)
    return _jpeg(out, int(rng.integers(75, 95))), label


def page(rng, src, i):
    """A phone's photo of a whole notebook page (800-2,000 px) with one small digit on it,
    1.2-3 line spacings tall: rulings every 3-6% of the page (squared paper for every third
    picture), the page up to 3 degrees askew, a lighting gradient, a slight blur, grain and
    JPEG."""
    w = int(rng.integers(800, 2000))
    h = int(w * rng.uniform(1.0, 1.45))
    gap = h * rng.uniform(0.03, 0.06)
    side = gap * rng.uniform(1.2, 3.0)
    box = (rng.uniform(0.15, 0.85) * w - side / 2, rng.uniform(0.15, 0.85) * h - side / 2, side)
    ink, label = _digit(rng, src, i, (w, h), box, width=side * rng.uniform(0.06, 0.12))
    lines = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(lines)
    tw = max(1, round(w / 600))
    for y in np.arange(rng.uniform(0, gap), h, gap):
        draw.line((0, y, w, y), fill=255, width=tw)
    for x in np.arange(rng.uniform(0, gap), w, gap) if i % 3 == 0 else ():
        draw.line((x, 0, x, h), fill=255, width=tw)
    yy, xx = np.mgrid[0:h, 0:w]
    light = 1.0 - rng.uniform(0.05, 0.25) * (xx / w) - rng.uniform(0.0, 0.15) * (yy / h)
    gray = compose(
        np.full((h, w), rng.uniform(0.85, 0.97)) * light, np.asarray(lines, np.float32) / 255, rng.uniform(0.2, 0.45)
    )
    gray = compose(gray, ink, rng.uniform(0.6, 0.85))
    img = to_image(gray, rng, color=True, noise=0.015).filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
    img = img.rotate(float(rng.uniform(-3, 3)), resample=Image.Resampling.BILINEAR, fillcolor=img.getpixel((w // 2, 0)))
    return _jpeg(img, int(rng.integers(75, 95))), label


DIGIT_KINDS: dict[str, Callable] = {
    "clean": clean,
    "edge-line": edge_line,
    "frame": frame,
    "edge-frame": edge_frame,
    "ruled": ruled,
    "squared": squared,
    "shadow": shadow,
    "desk": desk,
    "thin": thin,
    "bold": bold,
    "tight-bold": tight_bold,
    "photo": photo,
    "thin-large": thin_large,
    "vignette": vignette,
    "tilted": tilted,
    "page": page,
}


# -- not digits ---------------------------------------------------------------------
# Letters whose shapes are not digits' (O, I, l, S, Z, B, g, q... are left out: a 0 or 5
# is what they look like, and a human would hesitate too).
LETTERS = "ACEFHKMNRTUVWXYaefhkmnrtuvwxy"
SYMBOLS = "#%&@+*=?!$"


EVAL_FONTS = [
    FONT_DIR / n
    for n in (
        "DejaVuSans.ttf",
        "DejaVuSerif.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSansMono.ttf",
        "DejaVuSans-Oblique.ttf",
    )
]
# Fonts for calibrating the "not a digit" check (bench/calibrate_notdigit.py): other
# families than the benchmark's, so that the benchmark's letters are unseen shapes.
TRAIN_FONTS = sorted(Path("/usr/share/fonts/opentype/urw-base35").glob("*.otf"))
TRAIN_SYMBOLS = "#%&@+*=?!$<>{}~^:;"


def _font(rng, fonts: list[Path]) -> ImageFont.FreeTypeFont:
    size = int(rng.integers(60, 140))
    fonts = [f for f in fonts if f.exists()]
    if not fonts:  # no system fonts: Pillow's own scalable font
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(fonts[int(rng.integers(len(fonts)))]), size)


def glyph(rng, chars: str, fonts: list[Path] = EVAL_FONTS):
    w = h = int(rng.integers(120, 260))
    img = Image.new("L", (w, h), 255)
    ch = chars[int(rng.integers(len(chars)))]
    ImageDraw.Draw(img).text((w / 2, h / 2), ch, fill=int(rng.integers(0, 60)), font=_font(rng, fonts), anchor="mm")
    return img, None


def scribble(rng):
    w = h = int(rng.integers(120, 300))
    img = Image.new("L", (w, h), 255)
    pts = [(rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h)]
    for _ in range(int(rng.integers(15, 40))):
        x, y = pts[-1]
        pts.append(
            (
                float(np.clip(x + rng.normal(0, w / 6), 0.1 * w, 0.9 * w)),
                float(np.clip(y + rng.normal(0, h / 6), 0.1 * h, 0.9 * h)),
            )
        )
    ImageDraw.Draw(img).line(pts, fill=0, width=int(rng.integers(2, 8)), joint="curve")
    return img, None


def smiley(rng):
    w = h = int(rng.integers(120, 300))
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    pen = int(rng.integers(2, 7))
    r = w * rng.uniform(0.3, 0.42)
    c = w / 2
    d.ellipse((c - r, c - r, c + r, c + r), outline=0, width=pen)
    for ex in (-0.35, 0.35):
        d.ellipse(
            (c + ex * r - r * 0.08, c - 0.3 * r - r * 0.08, c + ex * r + r * 0.08, c - 0.3 * r + r * 0.08), fill=0
        )
    d.arc((c - 0.55 * r, c - 0.4 * r, c + 0.55 * r, c + 0.55 * r), 20, 160, fill=0, width=pen)
    return img, None


def noise(rng):
    w, h = int(rng.integers(60, 300)), int(rng.integers(60, 300))
    g = rng.random((h // 4 + 1, w // 4 + 1)).astype(np.float32)
    img = Image.fromarray((g * 255).astype(np.uint8)).resize((w, h), Image.Resampling.NEAREST)
    if rng.random() < 0.5:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 3)))
    return img, None


NON_DIGIT_KINDS: dict[str, Callable] = {
    "letter": lambda rng, src, i: glyph(rng, LETTERS),
    "symbol": lambda rng, src, i: glyph(rng, SYMBOLS),
    "scribble": lambda rng, src, i: scribble(rng),
    "smiley": lambda rng, src, i: smiley(rng),
    "noise": lambda rng, src, i: noise(rng),
}
KINDS = {**DIGIT_KINDS, **NON_DIGIT_KINDS}


def make_case(kind: str, i: int, src: DigitSource, seed: int = 0) -> tuple[Image.Image, int | None]:
    """Case i of a kind: (PIL image, digit label or None for a non-digit)."""
    rng = np.random.default_rng([seed, i, sum(map(ord, kind))])
    return KINDS[kind](rng, src, i)

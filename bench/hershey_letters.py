"""Letters and symbols as pen strokes from the Hershey stroke fonts, for the "not a digit" check.

The Hershey fonts (A. V. Hershey, 1967; PyPI `hershey-fonts`) draw each character as
vector strokes, in plain, roman, italic and script styles: ink of the same kind a pen
makes, in shapes nobody here wrote by hand (bench/notdigit_shapes.py's letters are our
own templates). Each character is jittered like a hand would vary it (model/pen/ink_synth.py
jitter_ink, then a slow drift along each stroke) and goes through the canvas renderer
(model/pen/ink.py render_ink) or onto paper (bench/notdigit_data.py ink_picture).

Only letters that are not digit-shaped (bench/notdigit_data.py FONT_LETTERS) and symbols
that are not a digit's shape (no lone bars, slashes, brackets or "!": a 1) are made. Needs
the `bench` extra (pyproject.toml); the app never imports this module.
"""

from __future__ import annotations

import functools

import numpy as np
from HersheyFonts import HersheyFonts

from model.pen.ink_synth import jitter_ink

Ink = list  # list of (P, 2) float64 arrays, x right, y down

# Simplex and duplex plain, roman, italic and script styles: the ones a hand can imitate
# (the triplex and gothic faces are outlines of broad-nib letters, not pen strokes).
FONTS = ("futural", "futuram", "rowmans", "rowmand", "scripts", "scriptc", "cursive", "timesr", "timesi")
SYMBOLS = "#%&@+*=?$<>{}~^"  # not "!": a 1 written in two parts is one


@functools.lru_cache(maxsize=len(FONTS))
def _font(name: str) -> HersheyFonts:
    font = HersheyFonts()
    font.load_default_font(name)
    return font


def glyph_strokes(font: str, ch: str) -> Ink:
    """The strokes of one character in a Hershey font: (P, 2) float64 arrays in font units
    (x right, y down). ValueError for a character the font does not draw."""
    strokes = [np.asarray(s, np.float64) for s in _font(font).strokes_for_text(ch)]
    strokes = [s for s in strokes if len(s)]
    if not strokes:
        raise ValueError(f"Hershey font {font} has no {ch!r}")
    return strokes


def hand_varied(ink: Ink, rng: np.random.Generator, strength: float) -> Ink:
    """jitter_ink, then each stroke drifts a little along its length (a hand, not a plotter)."""
    ink = jitter_ink(ink, rng, strength)
    scale = float(np.ptp(np.concatenate(ink), axis=0).max()) or 1.0
    out = []
    for s in ink:
        drift = rng.normal(0, 0.02 * strength, (len(s), 2)).cumsum(axis=0) / max(1.0, np.sqrt(len(s)) / 2)  # (P,2)
        out.append(s + drift * scale)
    return out


def hershey_char(rng: np.random.Generator, chars: str) -> Ink:
    """One of chars in a random Hershey font, hand-varied with a random strength."""
    font = FONTS[int(rng.integers(len(FONTS)))]
    ch = chars[int(rng.integers(len(chars)))]
    return hand_varied(glyph_strokes(font, ch), rng, float(rng.uniform(0.6, 1.8)))

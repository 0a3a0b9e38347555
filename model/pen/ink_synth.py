"""Stroke-level synthesis: new pen digits made from real ones, and the world's digit
forms MNIST lacks, so the recognizer meets them in training.

All functions take and return ink as a list of (P, 2) float64 arrays (x, y; y down,
any units) and draw their randomness from a numpy Generator. Nothing here renders:
the results go through model/pen/ink.py's render_ink, the canvas's own renderer.

Forms (each a function `form(ink, rng) -> ink | None` applied to a real pen digit of
the right label, or a template drawn from scratch when the form needs none):

- slashed zero (Ø): a line from below left to above right through a 0;
- crossed 7: a short bar through the stem at mid height;
- continental 1: a flag up to the top of the stem, long and steep on a bare stem or
  shorter, often with a foot;
- one-stroke open 4: left arm down, bar right, up the stem and back down, one stroke;
- curled 9: the stem's end curls back to the left;
- crossed Z-like 2: a Z (straight top, diagonal, base) with a bar through the middle,
  and real 2s with that bar.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

Ink = list  # list of (P, 2) float64 arrays
Form = Callable[[Ink, np.random.Generator], "Ink | None"]


# -- geometry helpers -------------------------------------------------------------------
def _box(ink: Ink) -> tuple[np.ndarray, np.ndarray]:
    """(lo, size): the (2,) top-left corner and (2,) width, height of the ink."""
    pts = np.concatenate(ink)  # (P,2)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    return lo, np.maximum(hi - lo, 1e-6)


def _line(a, b, n: int = 8) -> np.ndarray:
    """(n, 2) points evenly from a to b."""
    t = np.linspace(0.0, 1.0, n)[:, None]  # (n,1)
    return (1 - t) * np.asarray(a, float) + t * np.asarray(b, float)


def _polyline(corners, n_per: int = 6) -> np.ndarray:
    """(K, 2) corners -> (M, 2) points along the polyline through them."""
    parts = [_line(corners[i], corners[i + 1], n_per)[:-1] for i in range(len(corners) - 1)]
    return np.concatenate(parts + [np.asarray(corners[-1:], float)])


def smooth(stroke: np.ndarray, per_segment: int = 4) -> np.ndarray:
    """(P, 2) -> (about P * per_segment, 2): Catmull-Rom curve through the points.

    Pen tablets sampled at 10 Hz give polylines with corners; a canvas gives dense,
    smooth strokes. Training on both keeps the network from learning the corners.
    """
    if len(stroke) < 3:
        return stroke
    p = np.concatenate([stroke[:1], stroke, stroke[-1:]])  # (P+2,2) end points repeated
    t = np.linspace(0, 1, per_segment, endpoint=False)[:, None]  # (k,1)
    out = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        out.append(
            0.5
            * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2 + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3)
        )  # (k,2)
    out.append(stroke[-1:])
    return np.concatenate(out)


def _crossing_x(ink: Ink, y: float) -> list[float]:
    """x of every place where the ink crosses the horizontal line at height y."""
    xs = []
    for s in ink:
        a, b = s[:-1], s[1:]  # (P-1,2) segment ends
        hit = (a[:, 1] - y) * (b[:, 1] - y) <= 0
        for (x0, y0), (x1, y1) in zip(a[hit], b[hit]):
            t = 0.5 if y1 == y0 else (y - y0) / (y1 - y0)
            xs.append(x0 + t * (x1 - x0))
    return xs


# -- stroke-level augmentation ----------------------------------------------------------
def jitter_ink(ink: Ink, rng: np.random.Generator, strength: float = 1.0) -> Ink:
    """A random affine map (rotation, shear, aspect), wobble and smoothing of the points.

    strength scales the ranges (0: only copies). The rendering normalizes size and
    position, so only the shape-changing parts of an affine map matter here.
    """
    ink = [np.asarray(s, dtype=np.float64)[:, :2] for s in ink]  # (P,2) x, y: pressure, time... dropped
    lo, size = _box(ink)
    center = lo + size / 2
    angle = math.radians(rng.uniform(-10, 10) * strength)
    shear = rng.uniform(-0.25, 0.25) * strength
    aspect = math.exp(rng.uniform(-0.2, 0.2) * strength)
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    m = rot @ np.array([[aspect, shear], [0.0, 1.0 / aspect]])  # (2,2)
    scale = float(size.max())
    out = []
    for s in ink:
        pts = s
        if rng.random() < 0.5 * strength:
            pts = smooth(pts)
        pts = pts + rng.normal(0, 0.008 * strength * scale, size=pts.shape)  # wobble
        out.append((pts - center) @ m.T + center)  # (P,2)
    return out


# -- the forms --------------------------------------------------------------------------
def slashed_zero(ink: Ink, rng: np.random.Generator) -> Ink:
    """A 0 with a slash from below left to above right (Ø), overshooting a little."""
    lo, (w, h) = _box(ink)
    over = rng.uniform(-0.05, 0.25, size=2)
    a = (lo[0] + w * rng.uniform(-0.1, 0.25) - over[0] * w, lo[1] + h * (1 + over[0]))
    b = (lo[0] + w * rng.uniform(0.75, 1.1) + over[1] * w, lo[1] - h * over[1])
    slash = _line(a, b) if rng.random() < 0.7 else _line(b, a)
    return list(ink) + [slash]


def _bar_through(ink: Ink, rng: np.random.Generator, y_range=(0.4, 0.6), side=(0.15, 0.4)) -> Ink | None:
    """A short, slightly tilted bar through the ink at height y_range of the box."""
    lo, (w, h) = _box(ink)
    y = lo[1] + h * rng.uniform(*y_range)
    xs = _crossing_x(ink, y)
    if not xs:
        return None
    x = float(np.median(xs))
    left, right = x - w * rng.uniform(*side), x + w * rng.uniform(*side)
    tilt = h * rng.uniform(-0.05, 0.05)
    return list(ink) + [_line((left, y + tilt), (right, y - tilt))]


def crossed_seven(ink: Ink, rng: np.random.Generator) -> Ink | None:
    """A 7 with a bar through its stem at mid height."""
    return _bar_through(ink, rng, (0.42, 0.62), (0.15, 0.35))


def crossed_two(ink: Ink, rng: np.random.Generator) -> Ink | None:
    """A real 2 with a bar through its diagonal at mid height."""
    return _bar_through(ink, rng, (0.35, 0.55), (0.15, 0.3))


def z_two(_ink: Ink | None, rng: np.random.Generator) -> Ink:
    """A Z-like 2 from scratch: straight top, diagonal, base; crossed most of the time."""
    top = rng.uniform(-0.05, 0.1)
    z = _polyline([(0.0, top), (1.0, 0.0), (rng.uniform(-0.05, 0.15), 1.0), (rng.uniform(0.9, 1.15), 1.0)])
    if rng.random() < 0.5:  # a rounded top, as many write it
        t = np.linspace(math.pi, 2 * math.pi, 8)
        arc = np.stack([0.5 + 0.5 * np.cos(t), 0.25 + 0.25 * np.sin(t)], axis=1)  # (8,2)
        z = np.concatenate([arc, _polyline([(1.0, 0.25), (0.0, 1.0), (rng.uniform(0.9, 1.15), 1.0)])])
    ink = [z * [rng.uniform(0.6, 0.9), 1.0]]
    if rng.random() < 0.8:
        ink = _bar_through(ink, rng, (0.45, 0.6), (0.2, 0.35)) or ink
    return ink


LONG_FLAG = (0.6, 1.3)  # a continental 1's long flag, as a share of the 1's height (its
# rise at most the height: the flag may start as low as the stem's foot)


def continental_one(ink: Ink, rng: np.random.Generator) -> Ink:
    """A 1 with a flag rising to the top of the stem. Half of them as continental Europe
    writes it: a straight, footless stem and a long flag (LONG_FLAG of the height, often
    starting near the stem's foot: a "^" with one upright leg); the others keep the real 1's
    stem, with a shorter flag and a foot half the time."""
    lo, (w, h) = _box(ink)
    stem = max(ink, key=len)
    top = stem[np.argmin(stem[:, 1])]
    bottom = stem[np.argmax(stem[:, 1])]
    long_flag = rng.random() < 0.5
    # The flag: a line from below left up to the top; a 7's bar is flatter.
    share, degrees = (LONG_FLAG, (35.0, 65.0)) if long_flag else ((0.25, 0.75), (25.0, 60.0))
    angle = math.radians(rng.uniform(*degrees))
    length = min(h * rng.uniform(*share), h / math.sin(angle))
    flag_start = (top[0] - length * math.cos(angle), top[1] + length * math.sin(angle))
    flag = _line(flag_start, top, 6)
    if long_flag:  # the stem alone, straight, drawn down from the flag's top; or apart
        bare = _line(top, bottom, max(8, len(stem)))
        return [np.concatenate([flag, bare[1:]])] if rng.random() < 0.7 else [bare, flag]
    strokes = [s for s in ink if s is not stem]
    if np.argmin(stem[:, 1]) < len(stem) / 2:  # drawn top-down: flag and stem in one move
        strokes.append(np.concatenate([flag, stem]))
    else:
        strokes += [stem, flag]
    if rng.random() < 0.5:
        half = h * rng.uniform(0.15, 0.3)
        strokes.append(_line((bottom[0] - half, bottom[1]), (bottom[0] + half, bottom[1])))
    return strokes


def open_four(_ink: Ink | None, rng: np.random.Generator) -> Ink:
    """A one-stroke open 4: left arm down, bar to the right, up the stem, back down."""
    bar_y = rng.uniform(0.5, 0.7)
    stem_x = rng.uniform(0.6, 0.8)
    corners = [
        (rng.uniform(0.05, 0.35), rng.uniform(0.0, 0.1)),  # top of the left arm
        (rng.uniform(-0.05, 0.1), bar_y),  # its foot
        (rng.uniform(0.85, 1.05), bar_y + rng.uniform(-0.08, 0.03)),  # end of the bar
    ]
    if rng.random() < 0.5:  # bar ends at the stem: up from there
        corners[-1] = (stem_x, corners[-1][1])
    corners += [(stem_x + rng.uniform(-0.05, 0.05), rng.uniform(0.0, 0.1)), (stem_x + rng.uniform(-0.1, 0.05), 1.0)]
    return [smooth(_polyline(corners, 4)) if rng.random() < 0.5 else _polyline(corners, 4)]


CURL_TAIL = 0.2  # share of the last stroke's points that may follow its lowest point


def curled_nine(ink: Ink, rng: np.random.Generator) -> Ink | None:
    """A 9 whose stem's end curls back to the left; None when the last stroke does not end
    low (its lowest point must be within its last CURL_TAIL of points: a 9 drawn from the
    stem's foot upwards would lose everything after the foot and leave only the curl)."""
    lo, (w, h) = _box(ink)
    last = ink[-1]
    i = int(np.argmax(last[:, 1]))
    if last[i, 1] < lo[1] + 0.7 * h or len(last) - 1 - i > max(2, int(CURL_TAIL * len(last))):
        return None  # the stem does not end low: leave it
    end = last[i]
    r = w * rng.uniform(0.2, 0.45)
    t = np.linspace(0, math.pi * rng.uniform(0.6, 1.1), 8)  # from the stem's end, down then left
    arc = np.stack([end[0] - r + r * np.cos(t), end[1] + r * 0.8 * np.sin(t)], axis=1)  # (8,2)
    return list(ink[:-1]) + [np.concatenate([last[: i + 1], arc[1:]])]


TEMPLATE_FORMS = (z_two, open_four)  # drawn from scratch: need no real ink
FORMS: dict[str, tuple[int, Form]] = {  # name -> (label, form)
    "slashed zero": (0, slashed_zero),
    "continental one": (1, continental_one),
    "crossed two": (2, crossed_two),
    "z two": (2, z_two),
    "open four": (4, open_four),
    "crossed seven": (7, crossed_seven),
    "curled nine": (9, curled_nine),
}


def synthesize_forms(
    inks: list[Ink], labels: np.ndarray, per_form: int, rng: np.random.Generator
) -> tuple[list[Ink], list[int]]:
    """per_form new inks of every form in FORMS, each from a random real ink of its label
    (or a template), then jittered. Returns (inks, labels)."""
    out, out_labels = [], []
    for label, form in FORMS.values():
        pool = np.flatnonzero(labels == label)
        made = tries = 0
        while made < per_form and tries < per_form * 4:
            tries += 1
            if not len(pool) and form not in TEMPLATE_FORMS:
                break  # this form is built on a real ink of its label, and there is none
            src = inks[int(rng.choice(pool))] if len(pool) else None
            new = form(src, rng)  # type: ignore[arg-type]  # template forms take None
            if new is None:
                continue
            out.append(jitter_ink(new, rng))
            out_labels.append(label)
            made += 1
    return out, out_labels

"""Step 4 of finding the digit in a picture (model/pictures/digit_finder.py): long straight
lines and large areas (ruling, grids, frames, border lines, page and desk edges), found
by morphological openings with long horizontal and vertical windows (OpenCV), are removed
when they reach beyond the rest of the ink; the digit's pixels under a removed line are
restored.
"""

from __future__ import annotations

import cv2
import numpy as np

from .finder_components import choose_digit, components
from .ruling_tilt import MIN_SIDE

LINE_LENGTH = 0.4  # a line is at least this fraction of the picture's width or height
LINE_PIECE = 0.2  # ... and its ink lies in straight pieces at least this long (it may step a pixel between them)
JOG_WIDTH = 6  # px: a line that steps a row is looked for grown by one; grown, it is at most this thick
JOG_GAPS = 2  # ... and its gaps up to this many times LINE_GAP are bridged
LINE_GAP = 0.03  # gaps in a line (noise, JPEG) up to this fraction of the picture are bridged
LINE_SPAN = 0.75  # only lines spanning this much of the picture are removed
OVERHANG_MARGIN = 0.1  # a line crossing the rest is removed if it reaches this far beyond it on both sides
LINE_END = 3.0  # kept blobs wholly within this many line widths (2 x its median depth) of a removed line's end are the rest of it


def remove_lines(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(H, W) bool -> (ink without its long lines and large areas, the removed part).

    A horizontal (vertical) line is thin ink that holds a run of LINE_LENGTH of the
    width (height). One that spans LINE_SPAN of the picture is removed when it lies
    apart from the likely digit (the rest's main components), or crosses it and
    reaches well beyond it on both sides. A 7's bar or a 1's stem ends where the
    digit ends, so it stays, even in a tight crop.
    """
    h, w = mask.shape
    u8 = mask.astype(np.uint8)
    gap_w, gap_h = max(3, int(LINE_GAP * w)) | 1, max(3, int(LINE_GAP * h)) | 1  # bridge a broken line
    # A thin line across the picture a pixel off level steps from one row to the next: it
    # is looked for a pixel thicker (joined), and its ink is what lies in it in pieces of
    # LINE_PIECE or more (not a stroke crossing it). Not so a textured area (a desk):
    # grown, it holds long runs, but they are not thin.
    # Its gaps may be longer (a faint ruling in a JPEG fades in and out): up to JOG_GAPS
    # times LINE_GAP. (Only on a picture large enough to be a page's photo: on MNIST's
    # 28 px, a digit's stroke grown a pixel is a line.)
    h_joined = v_joined = np.zeros_like(u8)
    if min(h, w) >= MIN_SIDE:
        wide_gap, tall_gap = (JOG_GAPS * gap_w) | 1, (JOG_GAPS * gap_h) | 1
        h_joined = _thin(_runs(cv2.dilate(u8, np.ones((3, 1), np.uint8)), (wide_gap, 1), LINE_SPAN * w), 1)
        v_joined = _thin(_runs(cv2.dilate(u8, np.ones((1, 3), np.uint8)), (1, tall_gap), LINE_SPAN * h), 0)
    h_runs = _runs(u8, (gap_w, 1), LINE_LENGTH * w) | (h_joined & _runs(u8, (gap_w, 1), LINE_PIECE * w))  # (H,W)
    v_runs = _runs(u8, (1, gap_h), LINE_LENGTH * h) | (v_joined & _runs(u8, (1, gap_h), LINE_PIECE * h))
    horiz, vert = h_runs & u8, v_runs & u8
    lines = (horiz | vert).astype(bool)
    if not lines.any():
        return mask, np.zeros_like(mask)
    thin = lines & ~_thick_parts(lines, mask)  # a digit's stroke along or across a line is not thin
    rest = _digit_candidate(mask & ~thin)  # (H,W) bool: the likely digit among the rest
    box = _bounds(rest)  # x0, y0, x1, y1 of it, or None
    removed = np.zeros_like(mask)
    # each line whole, its pieces joined across its steps (the ink alone splits it there)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(lines.astype(np.uint8) | h_joined | v_joined, connectivity=8)
    for i in range(1, n):
        x, y, bw, bh = (int(v) for v in stats[i, :4])
        if not (bw >= LINE_SPAN * w or bh >= LINE_SPAN * h):
            drop = False  # shorter than the picture: a digit's stroke, or judged with the components
        elif box is None:
            drop = n > 2  # lines only: a lone stroke may be a 1; a ruling with a long 1 loses the 1
        elif not (_near(labels == i, 3) & rest).any():  # apart from the digit: an edge, a frame, a ruling
            drop = True
        else:  # crossing the digit: a ruling reaches well beyond it on both sides, a digit's bar does not
            drop = _overhangs(x, x + bw, box[0], box[2]) or _overhangs(y, y + bh, box[1], box[3])
        if drop:
            removed |= (labels == i) & thin
    if not removed.any():
        return mask, removed
    kept = mask & ~removed
    kept &= ~_line_ends(removed, kept)
    # the digit's strokes crossing a removed line: close the gap across the line only
    thick = max(3, int(2 * _median_thickness(removed)) + 1)
    k8 = kept.astype(np.uint8)
    across = (_close(k8, (1, thick)).astype(bool) & removed & horiz.astype(bool)) | (
        _close(k8, (thick, 1)).astype(bool) & removed & vert.astype(bool)
    )
    return kept | across, removed


def _line_ends(removed: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """(H, W) bool: the kept blobs that lie wholly within LINE_END line widths of either
    end of a removed line: the rest of its rounded or slanted end, which read as a point
    ("2024" underlined edge to edge read ".2024.", a newcomer's). A blob along the line,
    not at its ends (a decimal point on a ruled line), stays."""
    reach = max(2, round(LINE_END * 2 * _median_thickness(removed)))  # px
    _, labels, stats, _ = cv2.connectedComponentsWithStats(kept.astype(np.uint8), connectivity=8)
    _, _, rstats, _ = cv2.connectedComponentsWithStats(removed.astype(np.uint8), connectivity=8)
    zones = []  # x0, y0, x1, y1 of the end zones, end exclusive
    for x, y, bw, bh, _area in rstats[1:].tolist():
        if bw >= bh:  # horizontal: its left and right ends
            zones += [
                (x - reach, y - reach, x + reach, y + bh + reach),
                (x + bw - reach, y - reach, x + bw + reach, y + bh + reach),
            ]
        else:
            zones += [
                (x - reach, y - reach, x + bw + reach, y + reach),
                (x - reach, y + bh - reach, x + bw + reach, y + bh + reach),
            ]
    ends = [
        i
        for i, (x, y, bw, bh, _area) in enumerate(stats.tolist())
        if i > 0 and any(x0 <= x and y0 <= y and x + bw <= x1 and y + bh <= y1 for x0, y0, x1, y1 in zones)
    ]
    return np.isin(labels, ends) if ends else np.zeros_like(kept)


def _thick_parts(lines: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The parts of the lines inside ink much thicker than the lines typically are (a stroke)."""
    t = _median_thickness(lines)
    dt = cv2.distanceTransform(mask.astype(np.uint8), cv2.DIST_L2, 3)  # in the whole ink
    core = (dt > t + 1.5).astype(np.uint8)
    grow = int(t + 1.5) * 2 + 1
    return cv2.dilate(core, np.ones((grow, grow), np.uint8)).astype(bool) & lines


def _runs(u8: np.ndarray, gap: tuple[int, int], length: float) -> np.ndarray:
    """(H, W) uint8 0/1 -> the runs along `gap`'s long axis (a (width, height) kernel) at
    least `length` px long, gaps up to its length bridged."""
    size = (max(3, int(length)), 1) if gap[0] > gap[1] else (1, max(3, int(length)))
    return _open(_close(u8, gap), size)


def _thin(runs: np.ndarray, axis: int) -> np.ndarray:
    """The components of (H, W) uint8 runs along `axis` (1: rows, 0: columns) whose area over
    their length is at most JOG_WIDTH px: lines, not a textured area's patches."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    length = stats[:, cv2.CC_STAT_WIDTH if axis == 1 else cv2.CC_STAT_HEIGHT]  # (n,)
    keep = stats[:, cv2.CC_STAT_AREA] <= JOG_WIDTH * np.maximum(length, 1)  # (n,)
    keep[0] = False
    return keep[labels].astype(np.uint8)


def _open(u8: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    return cv2.morphologyEx(u8, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))


def _close(u8: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    return cv2.morphologyEx(u8, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, size))


def _near(mask: np.ndarray, reach: int) -> np.ndarray:
    return cv2.dilate(mask.astype(np.uint8), np.ones((reach, reach), np.uint8)).astype(bool)


def _median_thickness(lines: np.ndarray) -> float:
    dt = cv2.distanceTransform(lines.astype(np.uint8), cv2.DIST_L2, 3)
    return float(np.median(dt[dt > 0])) if (dt > 0).any() else 1.0


def _digit_candidate(rest: np.ndarray) -> np.ndarray:
    """The components of the rest that choose_digit would take (a contrast of 1 for all)."""
    comps, labels = components(rest, rest.astype(np.float32))
    chosen = choose_digit(comps, rest.shape)
    return np.isin(labels, [c.index for c in chosen]) if chosen else np.zeros_like(rest)


def _bounds(mask: np.ndarray) -> tuple[int, int, int, int] | None:
    ys, xs = np.nonzero(mask)
    return None if ys.size == 0 else (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)


def _overhangs(lo: int, hi: int, rest_lo: int, rest_hi: int) -> bool:
    """Does [lo, hi) reach beyond [rest_lo, rest_hi) by a good margin on both sides?"""
    margin = max(2.0, OVERHANG_MARGIN * (rest_hi - rest_lo))
    return rest_lo - lo > margin and hi - rest_hi > margin

"""A photo of ruled or squared paper taken a few degrees askew: level it before the lines
are removed.

The line finder (model/pictures/finder_lines.py) removes long horizontal and vertical
runs of ink. A ruling tilted by a degree or more is no such run: over a 256-px working
picture it drifts a pixel every 57 px, breaks into short pieces, and the pieces were
taken for the digit or joined to it (a newcomer's notebook photos: tilted 1-5 degrees,
0 of 20 read; level, 10 of 20). The tilt is found by the projection-profile method of
document deskewing: the angle at which the ink's row sums are most peaked (sum of
squares) levels the rulings. Written here rather than taken from a library: it is a
few lines over OpenCV's warpAffine, and the rule that it applies only to ruled or
squared paper (several lines across the picture) is ours.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

TILT_MAX = 6.0  # degrees: a photo of a page held about level
TILT_STEP = 0.25  # degrees between the angles tried
TILT_GAIN = 1.3  # the levelled row sums' sum of squares must beat the picture as it is by this
RULE_SPAN = 0.3  # a ruling, levelled, is ink across this share of the picture's width in two neighbouring rows
MIN_RULES = 3  # ... and there are at least this many (a digit's bar is one)
SPACING_PERCENTILE = 25  # the rulings' spacing: this percentile of the gaps between them
MIN_SIDE = 64  # px: a smaller picture is an icon or MNIST itself, not a photo of a page


@dataclass(frozen=True)
class Ruling:
    """The rulings of ruled or squared paper (find_ruling)."""

    angle: float  # degrees (counter-clockwise, cv2.getRotationMatrix2D's) that level them; 0.0 when level
    spacing: float  # px between neighbouring rulings (the median), in the mask's px


def find_ruling(mask: np.ndarray) -> Ruling | None:
    """(H, W) bool ink -> the picture's rulings (at least MIN_RULES rows of ink across
    RULE_SPAN of its width once levelled), or None when it has none."""
    h, w = mask.shape
    if min(h, w) < MIN_SIDE or not mask.any():
        return None
    u8 = mask.astype(np.uint8)
    angles = np.arange(-TILT_MAX, TILT_MAX + TILT_STEP / 2, TILT_STEP)  # (A,)
    profiles = [_row_sums(u8, float(a)) for a in angles]  # A x (H,)
    scores = np.array([float((p**2).sum()) for p in profiles])  # (A,)
    best = level = int(np.argmin(np.abs(angles)))  # the angle 0, unless another levels it clearly better
    if scores[int(np.argmax(scores))] >= TILT_GAIN * scores[level]:
        best = int(np.argmax(scores))
    excess = profiles[best] - np.median(profiles[best])  # (H,) less what every row holds (squared paper's columns)
    pairs = excess + np.roll(excess, 1)  # (H,) in each row and the one above (a ruling a pixel off level)
    rules = (pairs >= RULE_SPAN * w).astype(np.int8)  # (H,) 1 on rows that are rulings
    starts = np.flatnonzero(np.diff(rules, prepend=0) == 1)  # (R,) the first row of each ruling
    if starts.size < MIN_RULES:
        return None
    # a faint ruling may be missed: the gaps are the spacing and its multiples
    return Ruling(float(angles[best]), float(np.percentile(np.diff(starts), SPACING_PERCENTILE)))


def ruling_tilt(mask: np.ndarray) -> float:
    """(H, W) bool ink -> the angle in degrees (counter-clockwise, cv2.getRotationMatrix2D's)
    that levels the picture's rulings, or 0.0 when there are no rulings or they are level."""
    ruling = find_ruling(mask)
    return ruling.angle if ruling is not None else 0.0


@dataclass(frozen=True)
class Levelled:
    """How a picture was levelled (level): turned by `angle` degrees about the centre of
    its (H, W) `shape`, then cropped by `mx` px left and right and `my` px top and bottom."""

    angle: float
    mx: int
    my: int
    shape: tuple[int, int]

    def box_back(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box (x0, y0, x1, y1) in the levelled picture's px -> the box round it in the
        picture as it was (clipped to it)."""
        h, w = self.shape
        back = cv2.invertAffineTransform(cv2.getRotationMatrix2D((w / 2, h / 2), self.angle, 1.0))  # (2,3)
        x0, y0, x1, y1 = box
        corners = np.array([[x, y, 1.0] for x in (x0 + self.mx, x1 + self.mx) for y in (y0 + self.my, y1 + self.my)])
        xs, ys = (corners @ back.T).T  # (4,) each
        return (
            float(np.clip(xs.min(), 0, w)),
            float(np.clip(ys.min(), 0, h)),
            float(np.clip(xs.max(), 0, w)),
            float(np.clip(ys.max(), 0, h)),
        )


def level(gray: np.ndarray, angle: float) -> tuple[np.ndarray, Levelled]:
    """(H, W) gray rotated by angle degrees about its centre (counter-clockwise), cropped
    to the rectangle the picture still fills: (H - 2 * my, W - 2 * mx) float32; and how
    (Levelled, to map boxes back). Filled corners would cut the rulings short of the
    picture's border, and their ends, clear of it, would be taken for ink."""
    h, w = gray.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(gray.astype(np.float32), turn, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    sin, cos = abs(np.sin(np.radians(angle))), np.cos(np.radians(angle))
    mx = min(w // 4, int(np.ceil(h / 2 * sin + w / 2 * (1 - cos))) + 1)  # px cut from the left and the right
    my = min(h // 4, int(np.ceil(w / 2 * sin + h / 2 * (1 - cos))) + 1)
    return np.asarray(out[my : h - my, mx : w - mx], np.float32), Levelled(angle, mx, my, (h, w))


def _row_sums(u8: np.ndarray, angle: float) -> np.ndarray:
    """(H, W) uint8 0/1 rotated by angle degrees -> (H,) float64 ink per row."""
    h, w = u8.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(u8, turn, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1).astype(np.float64)

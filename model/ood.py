""" "Not a digit": small networks that tell digits from other marks.

A digit classifier gives a confident digit for a letter, a smiley or noise: its
softmax has no "none of these". This check is a separate binary network over the
same 28x28 input the classifier sees, so it serves every classifier checkpoint (the
bundled one, a retrained one, the user's own) and needs no recalibration when they
change; only a change to the preprocessing does. bench/calibrate_notdigit.py trains it
(bench/notdigit_data.py: MNIST training digits, pendigits writers 1..24 as ink and as
pictures, photos of digits, against pen-drawn letters, scribbles, smileys, symbols,
font letters, noise and Omniglot's handwritten characters of eight alphabets) and sets
the threshold on held-out digits so that no source of them loses more than
TARGET_DIGIT_REJECTION; without assets/notdigit.pt nothing is
rejected. bench/notdigit_eval.py measures both rates. A check keeps three thresholds:
for pictures, for drawn ink (ink never holds a photo's badly cropped digit) and for
clean pictures (flat ink on flat paper, all of it the digit: the finder made no choice
whose mistakes the pictures' threshold must forgive; model/pictures/digit_finder.py
is_clean). The shipped one's are 3.251 (set by held-out photos of digits), 0.797 (set by
held-out pen ink) and 2.468 (set by held-out clean photos of digits):
bench/calibrate_notdigit.py --ink-threshold --clean-threshold.

A check file may hold several networks (format version 4): the score is the mean of
their logits, an ensemble. Since version 5 a network may have a reject class beside the
ten digits (NotDigitNet outputs 11). The shipped one holds two with a reject class
(widths 32 and 24, other seeds), trained with real handwritten characters (Omniglot's,
bench/omniglot_strokes.py) besides the generated non-digits, their weights stored as
float16 (754 KiB): the mean separates digits from the rest better than either alone
(bench/calibrate_notdigit.py has the figures).

Pictures are always checked. Drawn ink is checked only when asked
(Predictor.predict_strokes(check_not_digit=True)): the app does so when a drawing does
not read as a confident number; the batch paths read every ink as a digit.
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .formats import NOT_DIGIT_ASSET as ASSET_NAME
from .formats import NOT_DIGIT_MAX_MEMBERS as MAX_MEMBERS
from .formats import NOT_DIGIT_MAX_THRESHOLD as MAX_THRESHOLD
from .formats import NOT_DIGIT_OUTPUTS as OUTPUTS
from .formats import NOT_DIGIT_READABLE_VERSIONS as READABLE_VERSIONS
from .formats import NOT_DIGIT_REASON, NOT_DIGIT_WIDTH_RANGE
from .formats import NOT_DIGIT_VERSION as FORMAT_VERSION
from .not_digit_rule import NotDigitRule
from .paths import asset_path
from .preprocess import normalize

REASON = NOT_DIGIT_REASON  # what a rejected input is told
TARGET_DIGIT_REJECTION = 0.005  # share of each held-out digit source the threshold turns away
SCORE_BATCH = 2048  # inputs per forward pass when scoring many
REJECT_CLASS = 10  # of an 11-output network: outputs 0..9 are the digits, 10 "not a digit"


class NotDigitNet(nn.Module):
    """(N, 1, 28, 28) normalized input -> (N,) logit of "not a digit".

    Three conv blocks down to a (4w, 3, 3) map, then a small dense head: where each part
    of the shape is matters (a letter and a digit share their strokes, not their layout),
    so the map is not pooled to one value. About 100k weights for width 16 (400 KiB).

    outputs 1: the head gives that logit. outputs 11 (REJECT_CLASSES): the head gives
    ten digit logits and one of "not a digit" (a reject class, trained with the digits'
    own classes: bench/calibrate_notdigit.py --outputs 11), and the logit of "not a
    digit" is log p(not a digit) - log p(any digit) = z[10] - logsumexp(z[:10]). Telling
    which digit an input is makes the network learn each digit's shape, so that a "?"
    that is almost a 2 is measured against a 2, not against every digit at once.
    """

    def __init__(self, width: int = 16, outputs: int = 1) -> None:
        super().__init__()
        if outputs not in OUTPUTS:
            raise ValueError(f"a not-a-digit network has {' or '.join(map(str, OUTPUTS))} outputs, not {outputs}")
        self.width, self.outputs = width, outputs
        w = width
        self.features = nn.Sequential(
            nn.Conv2d(1, w, 3, padding=1),
            nn.BatchNorm2d(w),
            nn.ReLU(),
            nn.MaxPool2d(2),  # (N,w,14,14)
            nn.Conv2d(w, 2 * w, 3, padding=1),
            nn.BatchNorm2d(2 * w),
            nn.ReLU(),
            nn.MaxPool2d(2),  # (N,2w,7,7)
            nn.Conv2d(2 * w, 4 * w, 3, padding=1),
            nn.BatchNorm2d(4 * w),
            nn.ReLU(),
            nn.MaxPool2d(2),  # (N,4w,3,3)
            nn.Flatten(),  # (N,36w)
        )
        self.head = nn.Sequential(nn.Linear(36 * w, 4 * w), nn.ReLU(), nn.Dropout(0.2), nn.Linear(4 * w, outputs))

    def head_logits(self, x: torch.Tensor) -> torch.Tensor:
        """(N, 1, 28, 28) -> (N, outputs): the head's raw logits (for training)."""
        return self.head(self.features(x))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return reject_logit(self.head_logits(x))


def reject_logit(z: torch.Tensor) -> torch.Tensor:
    """(N, 1) or (N, 11) head logits -> (N,) logit of "not a digit" (see NotDigitNet)."""
    if z.shape[1] == 1:
        return z[:, 0]
    return z[:, REJECT_CLASS] - torch.logsumexp(z[:, :REJECT_CLASS], dim=1)


class NotDigitCheck(NotDigitRule):
    """The trained network(s) and the thresholds on their logit: `threshold` for pictures,
    `ink_threshold` for drawn ink, `clean_threshold` for clean pictures (flat ink on flat
    paper, all of it the digit: model/pictures/digit_finder.py is_clean; format version 6);
    the last two are the pictures' when not given. With several networks (an ensemble,
    format version 4) the logit is the mean of theirs. Thread-safe for inference.
    ValueError for no network or more than MAX_MEMBERS."""

    def __init__(
        self,
        nets: NotDigitNet | Sequence[NotDigitNet],
        threshold: float,
        ink_threshold: float | None = None,
        clean_threshold: float | None = None,
    ) -> None:
        self.nets = [nets] if isinstance(nets, NotDigitNet) else list(nets)
        if not 1 <= len(self.nets) <= MAX_MEMBERS:
            raise ValueError(f"a check has 1 to {MAX_MEMBERS} networks, not {len(self.nets)}")
        for net in self.nets:
            net.eval()
        self.threshold = float(threshold)
        self.ink_threshold = self.threshold if ink_threshold is None else float(ink_threshold)
        self.clean_threshold = self.threshold if clean_threshold is None else float(clean_threshold)

    def scores(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) float in [0, 1] -> (N,) float32 logits of "not a digit" (the mean of
        the networks' logits)."""
        x = normalize(torch.from_numpy(np.asarray(images, dtype=np.float32)).unsqueeze(1))  # (N,1,28,28)
        with torch.inference_mode():
            parts = [
                torch.stack([net(x[s : s + SCORE_BATCH]) for net in self.nets]).float().mean(0)  # (B,)
                for s in range(0, len(x), SCORE_BATCH)
            ]
        return torch.cat(parts).numpy() if parts else np.zeros(0, np.float32)

    def save(self, path: Path) -> None:
        """Atomically; the weights as float16 (see _half)."""
        tmp = path.with_name(path.name + ".tmp")
        torch.save(
            {
                "version": FORMAT_VERSION,
                "members": [
                    {"width": net.width, "outputs": net.outputs, "state_dict": _half(net.state_dict())}
                    for net in self.nets
                ],
                "threshold": self.threshold,
                "ink_threshold": self.ink_threshold,
                "clean_threshold": self.clean_threshold,
            },
            tmp,
        )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> NotDigitCheck:
        """ValueError for a file that is not a check of a readable version. Versions 2 and 3
        hold one network (width, state_dict at the top), version 4 a list of members, version 5
        members that may have 11 outputs (a reject class), version 6 a clean pictures'
        threshold (before, clean pictures are judged as the others)."""
        try:
            blob = torch.load(path, map_location="cpu", weights_only=True)
        except (OSError, RuntimeError, EOFError, pickle.UnpicklingError) as exc:
            raise ValueError(f"cannot read {path.name}: {str(exc).splitlines()[0]}") from None
        if not isinstance(blob, dict) or blob.get("version") not in READABLE_VERSIONS:
            raise ValueError(f"{path.name} is not a not-a-digit check of version {FORMAT_VERSION}")
        try:
            members = blob["members"] if blob["version"] >= 4 else [blob]
            if not isinstance(members, list) or not 1 <= len(members) <= MAX_MEMBERS:
                raise ValueError(f"1 to {MAX_MEMBERS} members expected")
            # version 2 had one threshold for both; before version 6, clean pictures had the pictures'
            ink = blob["ink_threshold"] if "ink_threshold" in blob else blob["threshold"]
            clean = blob["clean_threshold"] if blob["version"] >= 6 else blob["threshold"]
            thresholds = float(blob["threshold"]), float(ink), float(clean)
            if not all(abs(t) <= MAX_THRESHOLD for t in thresholds):  # NaN fails too
                raise ValueError(f"bad threshold {thresholds}")
            return cls([_member(m) for m in members], *thresholds)
        except (KeyError, TypeError, ValueError, RuntimeError) as exc:
            raise ValueError(f"{path.name} is damaged: {str(exc).splitlines()[0]}") from None


def _half(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Float tensors stored as float16 (half the file; loading reads them back into float32
    weights): calibrate a check after a save and load, on the weights it will run with."""
    return {k: v.half() if v.is_floating_point() else v for k, v in state.items()}


def _member(blob: object) -> NotDigitNet:
    """One network of a check file: its width and outputs bounded before it is built."""
    if not isinstance(blob, dict):
        raise ValueError("a network is not a table")
    width, outputs = blob["width"], blob.get("outputs", 1)
    if type(width) is not int or not NOT_DIGIT_WIDTH_RANGE[0] <= width <= NOT_DIGIT_WIDTH_RANGE[1]:
        raise ValueError(f"bad width {str(width)[:20]}")
    if type(outputs) is not int or outputs not in OUTPUTS:
        raise ValueError(f"bad outputs {str(outputs)[:20]}")
    net = NotDigitNet(width, outputs)
    net.load_state_dict(blob["state_dict"])
    return net


@functools.lru_cache(maxsize=1)
def bundled_check() -> NotDigitCheck | None:
    """The shipped check (assets/notdigit.pt), or None when it is missing or unreadable."""
    try:
        path = asset_path(ASSET_NAME)
    except (FileNotFoundError, ValueError):
        return None
    if not Path(path).is_file():
        return None
    try:
        return NotDigitCheck.load(Path(path))
    except ValueError:
        return None

""" "Not a digit": a small network that tells digits from other marks, for pictures.

A digit classifier gives a confident digit for a letter, a smiley or noise: its
softmax has no "none of these". This check is a separate binary network over the
same 28x28 input the classifier sees (so it serves every classifier checkpoint):
trained on digits (MNIST training digits, pen digits rendered as drawn ink, synthetic
photos of digits) against non-digits (letters, symbols, scribbles, smileys, noise made
by bench/photo_cases.py), with its threshold calibrated on held-out digits so that
about TARGET_DIGIT_REJECTION of real digits are turned away. bench/calibrate_notdigit.py
trains it and writes assets/notdigit.pt; without that file nothing is rejected.

It runs on pictures only: drawn ink is always shown as a digit while it is drawn (a
half-drawn 8 is not a digit yet, and saying so at every stroke would flicker).
"""

from __future__ import annotations

import functools
import pickle
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .paths import asset_path
from .preprocess import normalize

TARGET_DIGIT_REJECTION = 0.003  # share of held-out digits the threshold turns away
ASSET_NAME = "notdigit.pt"
FORMAT_VERSION = 1
REASON = "not a digit: this looks like something else (a letter, a symbol, a drawing or noise)"


class NotDigitNet(nn.Module):
    """(N, 1, 28, 28) normalized input -> (N,) logit of "not a digit". About 60k weights."""

    def __init__(self, width: int = 16) -> None:
        super().__init__()
        self.width = width
        self.features = nn.Sequential(
            nn.Conv2d(1, width, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),  # (N,w,14,14)
            nn.Conv2d(width, 2 * width, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),  # (N,2w,7,7)
            nn.Conv2d(2 * width, 4 * width, 3, padding=1),
            nn.ReLU(),
            nn.AdaptiveMaxPool2d(1),
            nn.Flatten(),
        )
        self.head = nn.Linear(4 * width, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x)).squeeze(1)


class NotDigitCheck:
    """The trained network and its threshold. Thread-safe for inference (no state changes)."""

    def __init__(self, net: NotDigitNet, threshold: float) -> None:
        self.net = net.eval()
        self.threshold = float(threshold)

    def scores(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) float in [0, 1] -> (N,) float32 logits of "not a digit"."""
        x = normalize(torch.from_numpy(np.asarray(images, dtype=np.float32)).unsqueeze(1))  # (N,1,28,28)
        with torch.inference_mode():
            return self.net(x).float().numpy()

    def rejects(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) -> (N,) bool: True where the input is not a digit."""
        return self.scores(images) > self.threshold

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        torch.save(
            {
                "version": FORMAT_VERSION,
                "width": self.net.width,
                "threshold": self.threshold,
                "state_dict": self.net.state_dict(),
            },
            tmp,
        )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> NotDigitCheck:
        """ValueError for a file that is not a check of this version."""
        try:
            blob = torch.load(path, map_location="cpu", weights_only=True)
        except (OSError, RuntimeError, EOFError, pickle.UnpicklingError) as exc:
            raise ValueError(f"cannot read {path.name}: {str(exc).splitlines()[0]}") from None
        if not isinstance(blob, dict) or blob.get("version") != FORMAT_VERSION:
            raise ValueError(f"{path.name} is not a not-a-digit check of version {FORMAT_VERSION}")
        try:
            width = int(blob["width"])
            if not 1 <= width <= 256:
                raise ValueError(f"bad width {width}")
            net = NotDigitNet(width)
            net.load_state_dict(blob["state_dict"])
            return cls(net, float(blob["threshold"]))
        except (KeyError, TypeError, ValueError, RuntimeError) as exc:
            raise ValueError(f"{path.name} is damaged: {str(exc).splitlines()[0]}") from None


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

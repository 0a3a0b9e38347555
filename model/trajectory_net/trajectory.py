"""What ink knows and a picture does not: the pen's path, in order and direction.

A pure function turns ink into a fixed-length trajectory (TRAJECTORY_POINTS points
spaced evenly along the pen's whole path, pen-up moves included and flagged), and a
small 1D convolutional network reads it and returns logits, like the image networks.

Features per point (channels, in this order; FEATURES):

- x, y: position, centred on the ink's bounding box and divided by its longer side
  (aspect ratio kept; y down as on the canvas), so each lies in [-0.5, 0.5];
- dx, dy: the step from the previous point in the same units times
  TRAJECTORY_POINTS (a straight stroke across the box has steps near 1); 0 at the
  first point. These carry the direction the pen moved;
- pen: 1 where the point lies on a stroke, 0 on the straight move between the end
  of one stroke and the start of the next (the pen in the air).

The result depends only on the points' order and shape: not on where the digit was
drawn, how large, or how densely the device sampled it (the path is resampled by
arc length).
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

from ..pen.ink import Ink
from .trajectory_features import (  # the features and combine, torch-free (the NumPy bridge uses them too)
    FEATURES,
    NUM_CLASSES,
    NUM_FEATURES,
    TRAJECTORY_POINTS,
    combine,
    trajectory_features,
    trajectory_features_many,
)

__all__ = [
    "FEATURES",
    "NUM_CLASSES",
    "NUM_FEATURES",
    "TRAJECTORY_POINTS",
    "TrajectoryNet",
    "combine",
    "trajectory_batch",
    "trajectory_features",
    "trajectory_features_many",
]


def trajectory_batch(inks: Sequence[Ink], points: int = TRAJECTORY_POINTS) -> torch.Tensor:
    """Inks -> (N, NUM_FEATURES, points) float32 tensor (each ink must be drawable)."""
    return torch.from_numpy(trajectory_features_many(inks, points))


class TrajectoryNet(nn.Module):
    """(N, NUM_FEATURES, L) trajectory -> (N, 10) logits: three 1D conv blocks, then the
    mean and the max over the path, then a linear layer. `width` channels; ~30k
    parameters at width 48."""

    def __init__(self, width: int = 48) -> None:
        super().__init__()
        self.width = w = width
        self.features = nn.Sequential(
            nn.Conv1d(NUM_FEATURES, w, 5, padding=2),  # (N,w,L)
            nn.BatchNorm1d(w),
            nn.ReLU(),
            nn.Conv1d(w, w, 5, padding=2, stride=2),  # (N,w,L/2)
            nn.BatchNorm1d(w),
            nn.ReLU(),
            nn.Conv1d(w, 2 * w, 3, padding=1, stride=2),  # (N,2w,L/4)
            nn.BatchNorm1d(2 * w),
            nn.ReLU(),
        )
        self.dropout = nn.Dropout(0.2)
        self.classifier = nn.Linear(4 * w, NUM_CLASSES)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N,5,L) -> (N,10)
        h = self.features(x)  # (N,2w,L/4)
        pooled = torch.cat([h.mean(dim=2), h.amax(dim=2)], dim=1)  # (N,4w)
        return self.classifier(self.dropout(pooled))

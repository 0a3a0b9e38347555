"""Batch augmentation on tensors (no per-sample Python work): small affine warps and
stroke-width changes, so the network meets digits drawn with other pens and hands."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F


def augment_batch(x: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
    """x: (N, 1, 28, 28) float in [0, 1] -> same shape, randomly warped and thickened/thinned."""
    n = x.shape[0]

    def uniform(lo: float, hi: float) -> torch.Tensor:
        return torch.rand(n, generator=generator).mul_(hi - lo).add_(lo).to(x.device)  # (N,)

    angle = uniform(-12, 12) * (math.pi / 180)
    scale = uniform(0.85, 1.1)
    shear = uniform(-0.15, 0.15)
    tx, ty = uniform(-0.12, 0.12), uniform(-0.12, 0.12)  # in [-1, 1] grid units: about +-1.7 px
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack(
        [torch.stack([cos, -sin + shear, tx], dim=1), torch.stack([sin, cos, ty], dim=1)], dim=1
    )  # (N,2,3): output grid -> input coordinates
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)  # (N,28,28,2)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    return _vary_stroke_width(x, uniform(-1, 1))


def _vary_stroke_width(x: torch.Tensor, amount: torch.Tensor) -> torch.Tensor:
    """amount (N,) in [-1, 1]: >0 blends toward a 3x3 dilation, <0 toward an erosion."""
    dilated = F.max_pool2d(x, 3, stride=1, padding=1)  # (N,1,28,28)
    eroded = -F.max_pool2d(-x, 3, stride=1, padding=1)
    a = amount.view(-1, 1, 1, 1)
    thick = torch.lerp(x, dilated, a.clamp(min=0) * 0.7)
    return torch.lerp(thick, eroded, (-a).clamp(min=0) * 0.5)

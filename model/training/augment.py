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
    grid = _affine_grid(theta, x.shape[-2], x.shape[-1])  # (N,28,28,2)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    return _vary_stroke_width(x, uniform(-1, 1))


def _vary_stroke_width(x: torch.Tensor, amount: torch.Tensor) -> torch.Tensor:
    """amount (N,) in [-1, 1]: >0 blends toward a 3x3 dilation, <0 toward an erosion."""
    dilated = _max3x3(x)  # (N,1,28,28)
    eroded = -_max3x3(-x)
    a = amount.view(-1, 1, 1, 1)
    thick = torch.lerp(x, dilated, a.clamp(min=0) * 0.7)
    return torch.lerp(thick, eroded, (-a).clamp(min=0) * 0.5)


def _affine_grid(theta: torch.Tensor, h: int, w: int) -> torch.Tensor:
    """F.affine_grid(theta, (N, C, h, w), align_corners=False), computed elementwise.

    theta (N,2,3) -> grid (N,h,w,2). The same numbers, ~15x faster on a CPU, where
    affine_grid's batched matmul over (N, h*w, 3) dominates the augmentation.
    """
    xs = torch.arange(w, device=theta.device, dtype=theta.dtype).mul_(2).add_(1).div_(w).sub_(1)  # (w,)
    ys = torch.arange(h, device=theta.device, dtype=theta.dtype).mul_(2).add_(1).div_(h).sub_(1)  # (h,)
    t = theta.reshape(-1, 6, 1, 1)  # (N,6,1,1): rows of theta
    gx = t[:, 0] * xs.view(1, 1, w) + t[:, 1] * ys.view(1, h, 1) + t[:, 2]  # (N,h,w)
    gy = t[:, 3] * xs.view(1, 1, w) + t[:, 4] * ys.view(1, h, 1) + t[:, 5]  # (N,h,w)
    return torch.stack([gx, gy], dim=-1)


def _max3x3(x: torch.Tensor) -> torch.Tensor:
    """F.max_pool2d(x, 3, stride=1, padding=1) as two separable 3-wide maxima.

    Exactly equal, and ~15x faster on a CPU, where max_pool2d with stride 1 takes a
    slow path. x: (N,C,H,W) -> same shape.
    """
    p = F.pad(x, (1, 1, 1, 1), value=float("-inf"))  # (N,C,H+2,W+2), as max_pool2d pads
    rows = torch.maximum(torch.maximum(p[..., :, :-2], p[..., :, 1:-1]), p[..., :, 2:])  # (N,C,H+2,W)
    return torch.maximum(torch.maximum(rows[..., :-2, :], rows[..., 1:-1, :]), rows[..., 2:, :])

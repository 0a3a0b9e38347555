"""Batch augmentation: its fast helpers compute what the torch functions they replace do."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from model.training.augment import _affine_grid, _max3x3, augment_batch


def test_affine_grid_matches_torch():
    theta = torch.randn(16, 2, 3, generator=torch.Generator().manual_seed(1))  # (N,2,3)
    for h, w in [(28, 28), (20, 24)]:
        expected = F.affine_grid(theta, [16, 1, h, w], align_corners=False)  # (N,h,w,2)
        torch.testing.assert_close(_affine_grid(theta, h, w), expected)


def test_max3x3_equals_stride_one_max_pool_even_for_negative_values():
    x = torch.randn(4, 2, 28, 28, generator=torch.Generator().manual_seed(2))
    assert torch.equal(_max3x3(x), F.max_pool2d(x, 3, stride=1, padding=1))
    assert torch.equal(-_max3x3(-x), -F.max_pool2d(-x, 3, stride=1, padding=1))


def test_augment_batch_keeps_shape_and_range_and_is_reproducible():
    x = torch.zeros(8, 1, 28, 28)
    x[:, :, 8:20, 12:16] = 1.0  # a "1" in every image
    a = augment_batch(x, torch.Generator().manual_seed(3))
    b = augment_batch(x, torch.Generator().manual_seed(3))
    assert a.shape == x.shape and torch.equal(a, b)
    assert a.min() >= 0 and a.max() <= 1
    assert not torch.equal(a[0], a[1])  # each digit gets its own warp
    ink = a.sum(dim=(1, 2, 3))  # (N,): stroke-width changes and warps keep most of the ink
    assert ((ink > 0.4 * 48) & (ink < 2.5 * 48)).all()

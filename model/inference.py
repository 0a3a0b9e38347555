"""The network as the predictor runs it: a copy converted once, at load, for fast CPU inference.

    net = InferenceNet.of(loaded.model)      # the trained network is left untouched
    logits = net(x)                          # x (N, 1, 28, 28) normalized -> (N, 10) logits

Conversions, all in memory (the checkpoint format does not change), each keeping the
logits within 1e-4 of the network as trained (tests/model/test_inference.py):
- eval mode, no gradients (every parameter's requires_grad off);
- BatchNorm folded into the convolution before it (torch.nn.utils.fusion.fuse_conv_bn_eval):
  one convolution with adjusted weights and bias instead of a convolution and a
  normalization pass over its output;
- convolutional networks keep their weights and activations channels_last (NHWC): PyTorch
  then runs oneDNN's direct convolutions for every layer, where with NCHW it picks im2col +
  GEMM for batches of a few 14x14 and 7x7 images. Measured on the 2-core development
  machine for the bundled digitnet, one thread: batch 1 0.97 -> 0.69 ms, batch 11
  6.0 -> 4.7 ms (bench/latency.py, bench/number_latency.py give the whole-call figures).
"""

from __future__ import annotations

import copy

import torch
from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval


class InferenceNet:
    """A network's inference copy: call it like the network (normalized input -> logits)."""

    def __init__(self, module: nn.Module, channels_last: bool) -> None:
        self.module = module
        self.channels_last = channels_last

    @classmethod
    def of(cls, model: nn.Module) -> InferenceNet:
        """Convert a deep copy of `model` (which stays as it is, train or eval)."""
        module = copy.deepcopy(model).eval()
        for p in module.parameters():
            p.requires_grad_(False)
        fold_batch_norms(module)
        channels_last = any(isinstance(m, nn.Conv2d) for m in module.modules())
        if channels_last:
            module = module.to(memory_format=torch.channels_last)
        return cls(module, channels_last)

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        """The network's input (for the image networks (N, 1, 28, 28) normalized float32;
        for the trajectory network (N, 5, L)) -> (N, 10) logits. Call under torch.inference_mode()."""
        if self.channels_last:
            x = x.contiguous(memory_format=torch.channels_last)
        return self.module(x)


_FOLDABLE = ((nn.Conv2d, nn.BatchNorm2d), (nn.Conv1d, nn.BatchNorm1d))  # (convolution, its normalization)


def fold_batch_norms(module: nn.Module) -> int:
    """Fold every eval-mode BatchNorm2d (BatchNorm1d) that directly follows a Conv2d (Conv1d) inside an nn.Sequential
    into that convolution (the BatchNorm becomes nn.Identity), in place. Returns how many.

    Only nn.Sequential gives the order in which its children run, so only there is
    "follows" certain; a BatchNorm without running statistics is left alone.
    """
    folded = 0
    for child in module.children():
        folded += fold_batch_norms(child)
    if not isinstance(module, nn.Sequential):
        return folded
    names = list(module._modules)
    for first, second in zip(names, names[1:]):
        conv, bn = module._modules[first], module._modules[second]
        if (
            (type(conv), type(bn)) in _FOLDABLE
            and isinstance(conv, (nn.Conv1d, nn.Conv2d))  # (the line above says so; this tells mypy)
            and isinstance(bn, (nn.BatchNorm1d, nn.BatchNorm2d))
            and bn.track_running_stats
            and bn.running_mean is not None
            and conv.out_channels == bn.num_features
        ):
            module._modules[first] = fuse_conv_bn_eval(conv, bn)
            module._modules[second] = nn.Identity()
            folded += 1
    return folded

"""Inference-only NumPy forward passes of the bundled networks, for the NumPy bridge.

digitnet (model/nets.py DigitNet), the trajectory network (model/trajectory_net/trajectory.py
TrajectoryNet) and the "not a digit" network (model/ood.py NotDigitNet), in eval mode:
BatchNorm folded into the convolution before it (as model/inference.py does for torch),
dropout the identity. The layers are model/numpynet/numpy_layers.py's (the NumPy CNN's), with
padding added here; Conv1d is written here (the NumPy CNN has none). Each net is built
from a state dict of float32 arrays whose names and shapes the caller has checked
against expected_*(...) below. Results equal torch's within float rounding
(tests/model/test_numpy_bridge.py).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .numpy_layers import Conv2d, Linear, MaxPool2d

BN_EPS = 1e-5  # torch.nn.BatchNorm's default eps, which all three networks use
BN_PARTS = ("weight", "bias", "running_mean", "running_var")
TRACKED = "num_batches_tracked"  # a BatchNorm's int64 counter: in the state dict, unused here
DIGIT_CLASSES = 10

Shapes = dict[str, tuple[int, ...]]
State = dict[str, np.ndarray]


def _bn_shapes(prefix: str, width: int) -> Shapes:
    return {**{f"{prefix}.{part}": (width,) for part in BN_PARTS}, f"{prefix}.{TRACKED}": ()}


def fold_batch_norm(
    weight: np.ndarray, bias: np.ndarray | None, state: State, bn: str
) -> tuple[np.ndarray, np.ndarray]:
    """Conv weight (F, C, ...) and bias (F,) or None, followed by eval-mode BatchNorm `bn`
    (its entries in state) -> one conv's weight (F, C, ...) and bias (F,), float32."""
    scale = state[f"{bn}.weight"] / np.sqrt(state[f"{bn}.running_var"] + np.float32(BN_EPS))  # (F,)
    folded = weight * scale.reshape(-1, *[1] * (weight.ndim - 1))  # (F,C,...)
    shift = (0 if bias is None else bias) - state[f"{bn}.running_mean"]  # (F,)
    return folded.astype(np.float32), (shift * scale + state[f"{bn}.bias"]).astype(np.float32)


def conv2d_same(layer: Conv2d, x: np.ndarray) -> np.ndarray:
    """(N, C, H, W) -> (N, F, H, W): a k x k convolution, stride 1, zero padding k // 2."""
    pad = layer.params[0].shape[-1] // 2
    return layer.forward(np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad))))


def conv1d(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, stride: int) -> np.ndarray:
    """(N, C, L) -> (N, F, L') with zero padding k // 2 (torch's Conv1d(padding=k // 2, stride)),
    weight (F, C, k), bias (F,); L' = (L - 1) // stride + 1."""
    k = weight.shape[-1]
    padded = np.pad(x, ((0, 0), (0, 0), (k // 2, k // 2)))  # (N,C,L+2p)
    windows = sliding_window_view(padded, k, axis=2)[:, :, ::stride]  # (N,C,L',k), a view
    y = np.tensordot(windows, weight, axes=([1, 3], [1, 2]))  # (N,L',F)
    return (y + bias).transpose(0, 2, 1)  # (N,F,L')


def relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0, out=x)  # same shape, in place (x is a fresh result)


# -- digitnet ---------------------------------------------------------------------------
DIGITNET_CONVS = (0, 1, 3, 4, 6, 7)  # indices in DigitNet.features of its conv+BN+ReLU blocks
DIGITNET_POOLS = (1, 4)  # after these blocks, a 2x2 max-pool


def expected_digitnet(widths: tuple[int, int, int]) -> Shapes:
    """DigitNet's state dict names -> shapes, for widths (w1, w2, w3)."""
    w1, w2, w3 = widths
    channels = ((1, w1), (w1, w1), (w1, w2), (w2, w2), (w2, w3), (w3, w3))  # (in, out) per conv
    shapes: Shapes = {}
    for index, (cin, cout) in zip(DIGITNET_CONVS, channels):
        shapes[f"features.{index}.0.weight"] = (cout, cin, 3, 3)
        shapes |= _bn_shapes(f"features.{index}.1", cout)
    return shapes | {"head.1.weight": (DIGIT_CLASSES, w3), "head.1.bias": (DIGIT_CLASSES,)}


class DigitNetNumpy:
    """DigitNet in eval mode: (N, 1, 28, 28) normalized float32 -> (N, 10) logits."""

    def __init__(self, state: State) -> None:
        self.convs = [
            Conv2d(*fold_batch_norm(state[f"features.{i}.0.weight"], None, state, f"features.{i}.1"))
            for i in DIGITNET_CONVS
        ]
        self.pool = MaxPool2d(2)
        self.head = Linear(state["head.1.weight"], state["head.1.bias"])

    def __call__(self, x: np.ndarray) -> np.ndarray:
        for i, conv in zip(DIGITNET_CONVS, self.convs):
            x = relu(conv2d_same(conv, x))  # (N,w,H,W)
            if i in DIGITNET_POOLS:
                x = self.pool.forward(x)  # (N,w,H/2,W/2): 28 -> 14 -> 7
        return self.head.forward(x.max(axis=(2, 3)))  # (N,w3) global max -> (N,10)


# -- the trajectory network --------------------------------------------------------------
TRAJECTORY_CONVS = ((0, 1, 1), (3, 4, 2), (6, 7, 2))  # (conv index, BatchNorm index, stride)


def expected_trajectory(width: int, features: int) -> Shapes:
    """TrajectoryNet's state dict names -> shapes, for `width` channels and `features` inputs."""
    w = width
    layers = ((features, w, 5), (w, w, 5), (w, 2 * w, 3))  # (in, out, kernel) per conv
    shapes: Shapes = {}
    for (conv, bn, _), (cin, cout, k) in zip(TRAJECTORY_CONVS, layers):
        shapes |= {f"features.{conv}.weight": (cout, cin, k), f"features.{conv}.bias": (cout,)}
        shapes |= _bn_shapes(f"features.{bn}", cout)
    return shapes | {"classifier.weight": (DIGIT_CLASSES, 4 * w), "classifier.bias": (DIGIT_CLASSES,)}


class TrajectoryNetNumpy:
    """TrajectoryNet in eval mode: (N, NUM_FEATURES, L) float32 -> (N, 10) logits."""

    def __init__(self, state: State) -> None:
        self.convs = [
            (*fold_batch_norm(state[f"features.{c}.weight"], state[f"features.{c}.bias"], state, f"features.{b}"), s)
            for c, b, s in TRAJECTORY_CONVS
        ]
        self.classifier = Linear(state["classifier.weight"], state["classifier.bias"])

    def __call__(self, x: np.ndarray) -> np.ndarray:
        for weight, bias, stride in self.convs:
            x = relu(conv1d(x, weight, bias, stride))  # (N,w,L) -> (N,w,L/2) -> (N,2w,L/4)
        pooled = np.concatenate([x.mean(axis=2), x.max(axis=2)], axis=1)  # (N,4w)
        return self.classifier.forward(pooled)  # (N,10)


# -- the "not a digit" network -----------------------------------------------------------
NOT_DIGIT_CONVS = ((0, 1), (4, 5), (8, 9))  # (conv index, BatchNorm index), each then ReLU and pool


def expected_not_digit(width: int, outputs: int = 1) -> Shapes:
    """NotDigitNet's state dict names -> shapes, for `width` and `outputs` (1 or 11)."""
    w = width
    shapes: Shapes = {}
    for (conv, bn), (cin, cout) in zip(NOT_DIGIT_CONVS, ((1, w), (w, 2 * w), (2 * w, 4 * w))):
        shapes |= {f"features.{conv}.weight": (cout, cin, 3, 3), f"features.{conv}.bias": (cout,)}
        shapes |= _bn_shapes(f"features.{bn}", cout)
    return shapes | {
        "head.0.weight": (4 * w, 36 * w),
        "head.0.bias": (4 * w,),
        "head.3.weight": (outputs, 4 * w),
        "head.3.bias": (outputs,),
    }


class NotDigitNetNumpy:
    """NotDigitNet in eval mode: (N, 1, 28, 28) normalized float32 -> (N,) logits of "not a digit"
    (of an 11-output network: z[10] - logsumexp(z[:10]), as model/ood.py reject_logit)."""

    def __init__(self, state: State) -> None:
        self.convs = [
            Conv2d(*fold_batch_norm(state[f"features.{c}.weight"], state[f"features.{c}.bias"], state, f"features.{b}"))
            for c, b in NOT_DIGIT_CONVS
        ]
        self.pool = MaxPool2d(2)
        self.hidden = Linear(state["head.0.weight"], state["head.0.bias"])
        self.out = Linear(state["head.3.weight"], state["head.3.bias"])

    def __call__(self, x: np.ndarray) -> np.ndarray:
        for conv in self.convs:
            x = relu(conv2d_same(conv, x))  # (N,c,H,W)
            even = x.shape[2] - x.shape[2] % 2  # torch's pooling drops an odd last row and column
            x = self.pool.forward(x[:, :, :even, :even])  # 28 -> 14 -> 7 -> 3
        hidden = relu(self.hidden.forward(x.reshape(len(x), -1)))  # (N,36w) -> (N,4w)
        z = self.out.forward(hidden)  # (N,1) or (N,11)
        if z.shape[1] == 1:
            return z[:, 0]  # (N,)
        digits = z[:, :-1]  # (N,10)
        top = digits.max(axis=1)  # (N,): logsumexp without overflow
        return z[:, -1] - (top + np.log(np.exp(digits - top[:, None]).sum(axis=1)))  # (N,)

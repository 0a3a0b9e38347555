"""Layers of the from-scratch CNN, forward and backward written out in NumPy alone.

Every layer has ``forward(x)`` and ``backward(x, grad)``: ``x`` is the input the
forward pass was given, ``grad`` is dL/d(output) of the same shape as the output,
and ``backward`` returns dL/dx and leaves dL/d(parameter) in ``self.grads`` (same
order as ``self.params``). Arrays are NCHW as in PyTorch; the dtype follows the
input and the parameters (float32 to train, float64 in the gradient check).

Hand-written on purpose: this network exists to show backpropagation (it is the
NumPy tutorial's network), so no autograd and no torch here.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


class Layer:
    """A layer without parameters; subclasses override forward and backward."""

    params: list[np.ndarray] = []
    grads: list[np.ndarray] = []

    def forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, x: np.ndarray, grad: np.ndarray, input_grad: bool = True) -> np.ndarray | None:
        raise NotImplementedError


class Conv2d(Layer):
    """Valid (unpadded) convolution, stride 1: (N, C, H, W) -> (N, F, H-k+1, W-k+1).

    Forward, as in PyTorch (a cross-correlation): with the k x k patches unfolded into
    the columns of P (C*k*k, N*Ho*Wo) and the filters into the rows of W (F, C*k*k),
    Y = W P + b, laid out (F, N, Ho, Wo). Then, with G = dL/dY laid out (F, N*Ho*Wo):
      dL/dW = G P^T          (each filter weight meets every patch value it multiplied)
      dL/db = G summed over N, Ho, Wo
      dL/dP = W^T G          and dL/dx is dL/dP folded back: every input pixel sums the
    gradients of all the patches it appears in. That fold is the transpose of the
    unfold, a scatter-add; it is done as k*k strided additions of whole (C, N, Ho, Wo)
    blocks (one per kernel offset), never a loop over images or pixels.
    Patches are columns (not rows) so that copies run along image rows, 2-3x faster.
    The output is a (N, F, Ho, Wo) view of (F, N, Ho, Wo) memory.
    """

    def __init__(self, weight: np.ndarray, bias: np.ndarray) -> None:
        self.params = [weight, bias]  # (F,C,k,k), (F,)
        self.grads = [np.zeros_like(weight), np.zeros_like(bias)]
        self._cache: tuple[np.ndarray, np.ndarray] | None = None  # (x, its patches)

    def _patches(self, x: np.ndarray, reuse: bool = False) -> np.ndarray:
        """(N, C, H, W) -> P (C*k*k, N*Ho*Wo), the unfolded patches. Forward unfolds and keeps
        them; backward (reuse=True) takes them back if given the same array forward had."""
        if reuse and self._cache is not None and self._cache[0] is x:
            return self._cache[1]
        k = self.params[0].shape[-1]
        n, c, h, w = x.shape
        windows = sliding_window_view(x, (k, k), axis=(2, 3))  # (N,C,Ho,Wo,k,k), a view
        patches = windows.transpose(1, 4, 5, 0, 2, 3).reshape(c * k * k, n * (h - k + 1) * (w - k + 1))  # copy
        self._cache = (x, patches)
        return patches

    def forward(self, x: np.ndarray) -> np.ndarray:
        weight, bias = self.params  # (F,C,k,k), (F,)
        f, _, k, _ = weight.shape
        n, _, h, w = x.shape
        y = weight.reshape(f, -1) @ self._patches(x)  # (F, N*Ho*Wo)
        y += bias[:, None]
        return y.reshape(f, n, h - k + 1, w - k + 1).transpose(1, 0, 2, 3)  # (N,F,Ho,Wo)

    def backward(self, x: np.ndarray, grad: np.ndarray, input_grad: bool = True) -> np.ndarray | None:
        weight, _ = self.params  # (F,C,k,k)
        f, c, k, _ = weight.shape
        n, _, ho, wo = grad.shape
        patches = self._patches(x, reuse=True)  # (C*k*k, N*Ho*Wo)
        g = grad.transpose(1, 0, 2, 3).reshape(f, -1)  # (F, N*Ho*Wo), no copy in forward's layout
        self.grads[0][...] = (g @ patches.T).reshape(weight.shape)  # (F,C,k,k)
        self.grads[1][...] = g.sum(axis=1)  # (F,)
        self._cache = None
        if not input_grad:
            return None
        dpatches = (weight.reshape(f, -1).T @ g).reshape(c, k, k, n, ho, wo)  # (C,k,k,N,Ho,Wo)
        dx = np.zeros((c, n, *x.shape[2:]), dtype=dpatches.dtype)  # (C,N,H,W)
        for i in range(k):  # fold: k*k block additions, each over all images and pixels
            for j in range(k):
                dx[:, :, i : i + ho, j : j + wo] += dpatches[:, i, j]  # (C,N,Ho,Wo)
        return dx.transpose(1, 0, 2, 3)  # (N,C,H,W)


class MaxPool2d(Layer):
    """Non-overlapping s x s max pooling: (N, C, H, W) -> (N, C, H/s, W/s), H and W divisible by s.

    The window's s*s offsets are s*s strided views of x (no copy); the output is their
    elementwise maximum. Backward: the max is locally the identity on its winning input
    and constant in the others, so each output's gradient goes to the first maximum of
    its window in row-major order (as PyTorch picks it; ties are common where the image
    is blank) and the other inputs of the window get zero.
    """

    def __init__(self, size: int = 2) -> None:
        self.size = size

    def _offsets(self, x: np.ndarray) -> list[tuple[tuple[slice, slice], np.ndarray]]:
        """[(index into x, view (N, C, H/s, W/s))] for each offset in the window, row-major."""
        s = self.size
        if x.shape[2] % s or x.shape[3] % s:
            raise ValueError(f"max pooling {s}x{s} needs sides divisible by {s}, got {x.shape[2]}x{x.shape[3]}")
        index = [(slice(i, None, s), slice(j, None, s)) for i in range(s) for j in range(s)]
        return [(ij, x[:, :, ij[0], ij[1]]) for ij in index]

    def forward(self, x: np.ndarray) -> np.ndarray:
        views = [view for _, view in self._offsets(x)]  # s*s of (N,C,Ho,Wo)
        y = views[0].copy(order="K")  # (N,C,Ho,Wo), in x's memory layout
        for view in views[1:]:
            np.maximum(y, view, out=y)
        return y

    def backward(self, x: np.ndarray, grad: np.ndarray, input_grad: bool = True) -> np.ndarray:
        y = self.forward(x)  # (N,C,Ho,Wo)
        dx = np.zeros_like(x, dtype=grad.dtype)  # (N,C,H,W), in x's memory layout
        unclaimed = np.ones(y.shape, dtype=bool)  # (N,C,Ho,Wo): window has no winner yet
        for (rows, cols), view in self._offsets(x):
            wins = unclaimed & (view == y)  # (N,C,Ho,Wo)
            dx[:, :, rows, cols] = grad * wins
            unclaimed &= ~wins
        return dx


class ReLU(Layer):
    """max(x, 0) elementwise; its derivative is 1 where x > 0 and 0 elsewhere."""

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(x, 0)  # same shape

    def backward(self, x: np.ndarray, grad: np.ndarray, input_grad: bool = True) -> np.ndarray:
        return grad * (x > 0)  # same shape


class Flatten(Layer):
    """(N, ...) -> (N, prod(...)); backward reshapes the gradient back."""

    def forward(self, x: np.ndarray) -> np.ndarray:
        return x.reshape(x.shape[0], -1)  # (N,D)

    def backward(self, x: np.ndarray, grad: np.ndarray, input_grad: bool = True) -> np.ndarray:
        return grad.reshape(x.shape)  # (N,...)


class Linear(Layer):
    """y = x W^T + b: (N, D) -> (N, M), W (M, D) as in PyTorch.

    dL/dW = G^T x (M, D), dL/db = sum of G over N, dL/dx = G W, with G = dL/dy (N, M).
    """

    def __init__(self, weight: np.ndarray, bias: np.ndarray) -> None:
        self.params = [weight, bias]  # (M,D), (M,)
        self.grads = [np.zeros_like(weight), np.zeros_like(bias)]

    def forward(self, x: np.ndarray) -> np.ndarray:
        weight, bias = self.params
        return x @ weight.T + bias  # (N,M)

    def backward(self, x: np.ndarray, grad: np.ndarray, input_grad: bool = True) -> np.ndarray | None:
        weight, _ = self.params  # (M,D)
        self.grads[0][...] = grad.T @ x  # (M,D)
        self.grads[1][...] = grad.sum(axis=0)  # (M,)
        return grad @ weight if input_grad else None  # (N,D)


def softmax(logits: np.ndarray) -> np.ndarray:
    """(N, K) logits -> (N, K) probabilities; the row max is subtracted first (no overflow)."""
    z = logits - logits.max(axis=1, keepdims=True)  # (N,K), <= 0
    e = np.exp(z)  # (N,K)
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(logits: np.ndarray, labels: np.ndarray, smoothing: float = 0.0) -> tuple[float, np.ndarray]:
    """Mean softmax cross-entropy and its gradient dL/dlogits.

    logits (N, K) float, labels (N,) int in [0, K). The target is t = (1-e) onehot + e/K
    (e = smoothing; 0: plain one-hot, as F.cross_entropy's label_smoothing). With
    p = softmax(z) and L = -1/N sum_n sum_k t_nk log p_nk, the gradient is the classic
    dL/dz = (p - t) / N, because d(log p_k)/dz_j = [k == j] - p_j and sum_k t_k = 1.
    Returns (loss as a Python float, gradient (N, K) of the logits' dtype).
    """
    n, k = logits.shape
    z = logits - logits.max(axis=1, keepdims=True)  # (N,K)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))  # (N,K) log-softmax
    target = np.full((n, k), smoothing / k, dtype=logits.dtype)  # (N,K)
    target[np.arange(n), labels] += 1.0 - smoothing
    loss = float(-(target * log_p).sum() / n)
    return loss, (np.exp(log_p) - target) / n  # (N,K)

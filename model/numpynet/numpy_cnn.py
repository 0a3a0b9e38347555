"""numpy-cnn: the NumPy tutorial's convolutional network, forward and backward by hand.

    Conv 1->4 (5x5) -> MaxPool 2 -> ReLU -> Conv 4->16 (3x3) -> MaxPool 2 -> ReLU
    -> Flatten -> Linear 400->10, softmax cross-entropy.

Three pieces:
- :class:`NumpyCNN`: the network in NumPy alone (layers in model/numpynet/numpy_layers.py),
  with ``forward`` and ``loss_and_gradients`` (backpropagation written out).
- :class:`NumpyCNNModule`: the nn.Module DigitPad registers. Its weights are torch
  Parameters, so state_dict, checkpoints (torch.load(weights_only=True)), the
  Predictor and evaluate() treat it like every other network; its ``forward`` hands
  the input to the NumPy network over views of those same weights (no copy) and
  returns the logits as a tensor. Nothing runs through autograd.
- :class:`TorchCNN`: the same network in PyTorch, with the same state_dict keys, for
  the gradient check and the speed comparison (bench/train_speed.py).
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from ..nets import NUM_CLASSES, NumpyCNNConfig
from ..preprocess import IMAGE_SIZE
from .numpy_layers import Conv2d, Flatten, Layer, Linear, MaxPool2d, ReLU, cross_entropy

MAX_CHANNELS = 256  # a checkpoint's config is bounded before anything is allocated
PARAM_NAMES = ("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc.weight", "fc.bias")


def param_shapes(config: NumpyCNNConfig) -> dict[str, tuple[int, ...]]:
    """Each parameter's shape, keyed like the state_dict. ValueError if the sizes do not fit 28x28."""
    (c1, c2), (k1, k2) = config.channels, config.kernel_sizes
    side1 = IMAGE_SIZE - k1 + 1  # after conv1 (valid)
    side2 = side1 // 2 - k2 + 1  # after the first pooling and conv2
    if not (
        1 <= c1 <= MAX_CHANNELS
        and 1 <= c2 <= MAX_CHANNELS
        and k1 >= 1
        and k2 >= 1
        and side1 > 0
        and side1 % 2 == 0
        and side2 > 0
        and side2 % 2 == 0
    ):
        raise ValueError(
            f"numpy-cnn: channels {config.channels} (at most {MAX_CHANNELS}) and kernels "
            f"{config.kernel_sizes} do not fit 28x28 images with two 2x2 poolings"
        )
    return {
        "conv1.weight": (c1, 1, k1, k1),
        "conv1.bias": (c1,),
        "conv2.weight": (c2, c1, k2, k2),
        "conv2.bias": (c2,),
        "fc.weight": (NUM_CLASSES, c2 * (side2 // 2) ** 2),
        "fc.bias": (NUM_CLASSES,),
    }


class NumpyCNN:
    """The network over NumPy arrays: (N, 1, 28, 28) float -> (N, 10) logits.

    params: the six arrays in PARAM_NAMES order; they are used, and updated, in place.
    """

    def __init__(self, params: list[np.ndarray]) -> None:
        w1, b1, w2, b2, w3, b3 = params
        self.layers: list[Layer] = [
            Conv2d(w1, b1),
            MaxPool2d(2),
            ReLU(),  # (N,c1,12,12)
            Conv2d(w2, b2),
            MaxPool2d(2),
            ReLU(),  # (N,c2,5,5)
            Flatten(),
            Linear(w3, b3),  # (N,10)
        ]

    @property
    def params(self) -> list[np.ndarray]:
        return [p for layer in self.layers for p in layer.params]

    @property
    def grads(self) -> list[np.ndarray]:
        """dL/d(param) from the last backward pass, in the order of params."""
        return [g for layer in self.layers for g in layer.grads]

    def forward(self, x: np.ndarray) -> np.ndarray:
        """(N, 1, 28, 28) -> (N, 10) logits."""
        return self._forward(x)[-1]

    def _forward(self, x: np.ndarray) -> list[np.ndarray]:
        """Every layer's input, then the logits: the activations backward needs."""
        activations = [x]
        for layer in self.layers:
            activations.append(layer.forward(activations[-1]))
        return activations

    def backward(self, activations: list[np.ndarray], grad: np.ndarray, input_grad: bool = False) -> np.ndarray | None:
        """Chain rule from the last layer to the first: each layer turns dL/d(its output)
        into dL/d(its input) and fills its parameter gradients. grad: dL/dlogits (N, 10).
        Returns dL/dx (N, 1, 28, 28) if input_grad, else None (the first convolution then
        skips its fold: training never needs the gradient of the images)."""
        out: np.ndarray | None = grad
        for i in range(len(self.layers) - 1, -1, -1):
            assert out is not None  # every layer after the first was asked for its input gradient
            out = self.layers[i].backward(activations[i], out, input_grad=input_grad or i > 0)
        return out

    def loss_and_gradients(self, x: np.ndarray, labels: np.ndarray, smoothing: float = 0.0) -> tuple[float, np.ndarray]:
        """Forward, softmax cross-entropy, backward. x (N, 1, 28, 28), labels (N,) int.

        Returns (mean loss, logits (N, 10)); the gradients are then in self.grads.
        """
        activations = self._forward(x)
        logits = activations[-1]  # (N,10)
        loss, dlogits = cross_entropy(logits, labels, smoothing)  # float, (N,10)
        self.backward(activations, dlogits)
        return loss, logits


class _Weights(nn.Module):
    """A weight and a bias, so the state_dict keys read conv1.weight, conv1.bias..."""

    def __init__(self, weight_shape: tuple[int, ...], bias_shape: tuple[int, ...]) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.empty(weight_shape), requires_grad=False)
        self.bias = nn.Parameter(torch.empty(bias_shape), requires_grad=False)


class NumpyCNNModule(nn.Module):
    """numpy-cnn as an nn.Module: torch Parameters for storage, NumPy for every computation.

    Initialization, from torch's global seed: He uniform U(+-sqrt(6/fan_in)) for the
    convolutions (they feed ReLUs), U(+-1/sqrt(fan_in)) for the last layer, zero biases.
    forward(x): (N, 1, 28, 28) float tensor -> (N, 10) logits tensor, computed by
    NumpyCNN on CPU views of the Parameters (it runs on the CPU whatever the device).
    """

    def __init__(self, config: NumpyCNNConfig) -> None:
        super().__init__()
        self.config = config
        shapes = param_shapes(config)
        layers: list[_Weights] = []
        for name in ("conv1", "conv2", "fc"):
            layers.append(_Weights(shapes[f"{name}.weight"], shapes[f"{name}.bias"]))
            self.add_module(name, layers[-1])
        for layer, gain in zip(layers, (6.0, 6.0, 1.0), strict=True):
            bound = (gain / layer.weight[0].numel()) ** 0.5  # fan_in: one output's inputs
            nn.init.uniform_(layer.weight, -bound, bound)
            nn.init.zeros_(layer.bias)

    def numpy_net(self) -> NumpyCNN:
        """The NumPy network over the Parameters' memory (views: its updates are the module's)."""
        return NumpyCNN([p.detach().cpu().numpy() for p in self.parameters()])

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N,1,28,28) -> (N,10)
        net = self.numpy_net()
        images = x.detach().cpu().numpy().astype(net.params[0].dtype, copy=False)  # (N,1,28,28)
        logits = net.forward(images)  # (N,10) ndarray
        return torch.from_numpy(np.ascontiguousarray(logits)).to(x.device)


class TorchCNN(nn.Module):
    """The same network in PyTorch (autograd), with NumpyCNNModule's state_dict keys."""

    def __init__(self, config: NumpyCNNConfig | None = None) -> None:
        super().__init__()
        config = config or NumpyCNNConfig()
        (c1, c2), (k1, k2) = config.channels, config.kernel_sizes
        self.conv1 = nn.Conv2d(1, c1, k1)
        self.conv2 = nn.Conv2d(c1, c2, k2)
        self.fc = nn.Linear(param_shapes(config)["fc.weight"][1], NUM_CLASSES)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N,1,28,28) -> (N,10)
        x = F.relu(F.max_pool2d(self.conv1(x), 2))  # (N,c1,12,12)
        x = F.relu(F.max_pool2d(self.conv2(x), 2))  # (N,c2,5,5)
        return self.fc(x.flatten(1))  # (N,10)

"""The architectures, each built from a config dataclass, and their registry.

Every network takes (N, 1, 28, 28) normalized images and returns (N, 10) logits;
softmax lives in the predictor, the loss applies log-softmax itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

NUM_CLASSES = 10


@dataclass(frozen=True)
class MLPConfig:
    hidden: tuple[int, ...] = (256,)
    dropout: float = 0.0


@dataclass(frozen=True)
class CNNConfig:
    channels: tuple[int, int] = (16, 32)
    kernel_size: int = 5


@dataclass(frozen=True)
class AlexNetConfig:
    input_size: int = 96  # 28x28 is upsampled to this before AlexNet's features
    dropout: float = 0.5
    # Use torchvision's ImageNet weights only if already in the torch hub cache:
    # never downloaded silently.
    use_local_imagenet_weights: bool = True


@dataclass(frozen=True)
class DigitNetConfig:
    widths: tuple[int, int, int] = (32, 64, 128)
    dropout: float = 0.1


@dataclass(frozen=True)
class NumpyCNNConfig:
    channels: tuple[int, int] = (4, 16)
    kernel_sizes: tuple[int, int] = (5, 3)  # valid convolutions: 28 -> 24 -> 12 -> 10 -> 5


def _numpy_cnn(config: NumpyCNNConfig) -> nn.Module:
    from .numpynet.numpy_cnn import NumpyCNNModule  # forward and backward in NumPy (model/numpynet/numpy_cnn.py)

    return NumpyCNNModule(config)


class MLP(nn.Module):
    """784 -> hidden... -> 10, ReLU between layers (the classic tutorial MLP)."""

    def __init__(self, config: MLPConfig) -> None:
        super().__init__()
        layers: list[nn.Module] = [nn.Flatten()]
        width = 28 * 28
        for hidden in config.hidden:
            layers += [nn.Linear(width, hidden), nn.ReLU()]
            if config.dropout:
                layers.append(nn.Dropout(config.dropout))
            width = hidden
        layers.append(nn.Linear(width, NUM_CLASSES))
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N,1,28,28) -> (N,10)
        return self.net(x)


class CNN(nn.Module):
    """Two conv5x5 + ReLU + max-pool blocks and a linear layer (the PyTorch tutorial CNN)."""

    def __init__(self, config: CNNConfig) -> None:
        super().__init__()
        c1, c2 = config.channels
        k = config.kernel_size
        # Pooling before ReLU is the tutorial's function exactly (ReLU is monotone, so the
        # two commute) with the ReLU on 4x fewer values: ~1.3x faster training on a CPU.
        self.features = nn.Sequential(
            nn.Conv2d(1, c1, k, padding=k // 2),
            nn.MaxPool2d(2),
            nn.ReLU(inplace=True),  # (N,c1,14,14)
            nn.Conv2d(c1, c2, k, padding=k // 2),
            nn.MaxPool2d(2),
            nn.ReLU(inplace=True),  # (N,c2,7,7)
        )
        self.classifier = nn.Linear(c2 * 7 * 7, NUM_CLASSES)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N,1,28,28) -> (N,10)
        return self.classifier(self.features(x).flatten(1))


class AlexNet(nn.Module):
    """torchvision's AlexNet with a 10-class head, fed gray digits upsampled to 96x96."""

    def __init__(self, config: AlexNetConfig) -> None:
        super().__init__()
        from torchvision.models import alexnet

        self.input_size = config.input_size
        self.net = alexnet(weights=None, dropout=config.dropout)
        if config.use_local_imagenet_weights:
            _load_cached_imagenet_weights(self.net)
        self.net.classifier[-1] = nn.Linear(4096, NUM_CLASSES)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N,1,28,28) -> (N,10)
        x = F.interpolate(x, size=self.input_size, mode="bilinear", align_corners=False)
        return self.net(x.expand(-1, 3, -1, -1))  # (N,3,96,96): gray to the 3 channels


def imagenet_weights_path() -> Path:
    """Where torchvision keeps AlexNet's ImageNet weights once downloaded."""
    from torchvision.models import AlexNet_Weights

    filename = Path(AlexNet_Weights.IMAGENET1K_V1.url).name
    return Path(torch.hub.get_dir()) / "checkpoints" / filename


def _load_cached_imagenet_weights(net: nn.Module) -> bool:
    path = imagenet_weights_path()
    if not path.is_file():
        return False
    state = torch.load(path, map_location="cpu", weights_only=True)
    net.load_state_dict(state)
    return True


def _conv_bn(cin: int, cout: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class DigitNet(nn.Module):
    """A small BatchNorm CNN: 2 convs per stage, 3 stages, global pooling."""

    def __init__(self, config: DigitNetConfig) -> None:
        super().__init__()
        w1, w2, w3 = config.widths
        self.features = nn.Sequential(
            _conv_bn(1, w1),
            _conv_bn(w1, w1),
            nn.MaxPool2d(2),  # (N,w1,14,14)
            _conv_bn(w1, w2),
            _conv_bn(w2, w2),
            nn.MaxPool2d(2),  # (N,w2,7,7)
            _conv_bn(w2, w3),
            _conv_bn(w3, w3),  # (N,w3,7,7)
            nn.AdaptiveMaxPool2d(1),
            nn.Flatten(),  # (N,w3)
        )
        self.head = nn.Sequential(nn.Dropout(config.dropout), nn.Linear(w3, NUM_CLASSES))

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (N,1,28,28) -> (N,10)
        return self.head(self.features(x))


@dataclass(frozen=True)
class Architecture:
    name: str
    build: Callable[[Any], nn.Module]
    config: Any  # the default config dataclass instance
    summary: str = ""
    engine: str = "torch"  # "numpy": forward and backward in NumPy, trained by model/numpynet/numpy_train.py


ARCHITECTURES: dict[str, Architecture] = {
    a.name: a
    for a in [
        Architecture("mlp", MLP, MLPConfig(hidden=(256,)), "784-256-10 perceptron"),
        Architecture("mlp-deep", MLP, MLPConfig(hidden=(64, 64, 64)), "784-64-64-64-10 perceptron"),
        Architecture("cnn", CNN, CNNConfig(), "two conv5x5 blocks (16, 32) + linear"),
        Architecture("alexnet", AlexNet, AlexNetConfig(), "torchvision AlexNet, 96x96 input"),
        Architecture("digitnet", DigitNet, DigitNetConfig(), "BatchNorm CNN, the default"),
        Architecture(
            "numpy-cnn",
            _numpy_cnn,
            NumpyCNNConfig(),
            "the NumPy tutorial CNN (4, 16), backprop by hand",
            engine="numpy",
        ),
    ]
}
DEFAULT_ARCH = "digitnet"


def get_architecture(name: str) -> Architecture:
    try:
        return ARCHITECTURES[name]
    except KeyError:
        known = ", ".join(ARCHITECTURES)
        raise ValueError(f"unknown architecture {name!r}; choose one of: {known}") from None


def make_config(arch: str, overrides: dict[str, Any] | None = None) -> Any:
    """The arch's config dataclass, with overrides from a dict (e.g. a checkpoint's)."""
    default = get_architecture(arch).config
    overrides = dict(overrides or {})
    fields = {f.name: f for f in dataclasses.fields(default)}
    unknown = set(overrides) - set(fields)
    if unknown:
        raise ValueError(f"unknown config field(s) for {arch}: {', '.join(sorted(unknown))}")
    for key, value in overrides.items():
        if isinstance(getattr(default, key), tuple) and isinstance(value, list):
            overrides[key] = tuple(value)
    return dataclasses.replace(default, **overrides)


def build_model(arch: str, config: Any = None) -> nn.Module:
    """Build an untrained network; config is a dataclass, a dict of overrides, or None."""
    if config is None or isinstance(config, dict):
        config = make_config(arch, config)
    return get_architecture(arch).build(config)


def config_to_dict(config: Any) -> dict[str, Any]:
    """A plain dict (lists for tuples) that torch.load(weights_only=True) accepts."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(config).items()}


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())

"""Fine-tuning from a checkpoint's weights (TrainConfig.init, `digitpad train --init`),
the way the bundled model was trained on MNIST plus pen ink."""

from __future__ import annotations

import pytest
import torch

from model.checkpoints.checkpoint import save_checkpoint
from model.training.train import train
from model.training.train_config import TrainConfig


def quick(mnist_mini, **kw) -> TrainConfig:
    return TrainConfig(
        **{
            "arch": "mlp",
            "data": str(mnist_mini),
            "epochs": 1,
            "train_limit": 64,
            "batch_size": 32,
            "device": "cpu",
            "precision": "fp32",
            **kw,
        }
    )


def test_init_starts_from_the_checkpoints_weights(mnist_mini, tmp_path):
    first = train(quick(mnist_mini))
    path = save_checkpoint(first.checkpoint, tmp_path / "first.pt")
    # A learning rate too small to move anything: the result is the starting point.
    again = train(quick(mnist_mini, init=str(path), lr=1e-12, weight_decay=0.0, seed=5))
    for name, value in first.model.state_dict().items():
        assert torch.allclose(again.model.state_dict()[name], value, atol=1e-6), name
    fresh = train(quick(mnist_mini, lr=1e-12, weight_decay=0.0, seed=5))  # no init: other weights
    assert not torch.allclose(fresh.model.state_dict()["net.1.weight"], first.model.state_dict()["net.1.weight"])


def test_init_refuses_another_architecture(mnist_mini, tmp_path):
    path = save_checkpoint(train(quick(mnist_mini)).checkpoint, tmp_path / "mlp.pt")
    with pytest.raises(ValueError, match="cannot start a cnn training"):
        train(quick(mnist_mini, arch="cnn", init=str(path)))

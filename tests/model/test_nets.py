from __future__ import annotations

import pytest
import torch

from model.nets import ARCHITECTURES, DEFAULT_ARCH, build_model, imagenet_weights_path, make_config


@pytest.mark.parametrize("arch", sorted(ARCHITECTURES))
def test_every_architecture_returns_logits(arch):
    torch.manual_seed(0)
    model = build_model(arch).eval()
    with torch.no_grad():
        out = model(torch.randn(3, 1, 28, 28))  # (3,10)
    assert out.shape == (3, 10)
    # Logits, not probabilities: the softmax lives in the predictor.
    assert not torch.allclose(out.sum(dim=1), torch.ones(3))


def test_classic_shapes():
    mlp = build_model("mlp")
    assert [m.out_features for m in mlp.modules() if isinstance(m, torch.nn.Linear)] == [256, 10]
    deep = build_model("mlp-deep")
    assert [m.out_features for m in deep.modules() if isinstance(m, torch.nn.Linear)] == [64, 64, 64, 10]
    cnn = build_model("cnn")
    convs = [m for m in cnn.modules() if isinstance(m, torch.nn.Conv2d)]
    assert [(c.out_channels, c.kernel_size) for c in convs] == [(16, (5, 5)), (32, (5, 5))]
    assert DEFAULT_ARCH == "digitnet"


def test_bad_names_are_clear_value_errors():
    with pytest.raises(ValueError, match="unknown architecture 'resnet'.*digitnet"):
        build_model("resnet")
    with pytest.raises(ValueError, match="unknown config field"):
        make_config("mlp", {"hiden": [10]})


def test_config_overrides_from_a_checkpoint_dict():
    model = build_model("mlp", {"hidden": [32, 16]})
    assert [m.out_features for m in model.modules() if isinstance(m, torch.nn.Linear)] == [32, 16, 10]


def test_alexnet_uses_imagenet_weights_only_if_already_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))

    def no_download(*args, **kwargs):
        raise AssertionError("AlexNet tried to download weights")

    monkeypatch.setattr(torch.hub, "load_state_dict_from_url", no_download)
    assert not imagenet_weights_path().exists()
    build_model("alexnet")  # no cached weights: trained from scratch, nothing downloaded

    from torchvision.models import alexnet

    reference = alexnet(weights=None)
    imagenet_weights_path().parent.mkdir(parents=True)
    torch.save(reference.state_dict(), imagenet_weights_path())
    model = build_model("alexnet")
    assert torch.equal(model.net.features[0].weight, reference.features[0].weight)


def test_cnn_computes_the_tutorials_conv_relu_pool_function():
    # The cnn pools before its ReLU (faster); the tutorial's order gives the same logits.
    torch.manual_seed(0)
    cnn = build_model("cnn").eval()
    f = cnn.features
    tutorial = torch.nn.Sequential(
        f[0],
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        f[3],
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        cnn.classifier,
    )
    x = torch.randn(5, 1, 28, 28)
    with torch.no_grad():
        torch.testing.assert_close(cnn(x), tutorial(x))

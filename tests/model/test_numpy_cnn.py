"""numpy-cnn's hand-written gradients against PyTorch autograd and finite differences (float64)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from model.nets import NumpyCNNConfig, build_model
from model.numpynet.numpy_cnn import PARAM_NAMES, NumpyCNN, TorchCNN, param_shapes
from model.numpynet.numpy_layers import Conv2d, Flatten, Linear, MaxPool2d, ReLU, cross_entropy, softmax

TOLERANCE = 1e-5  # relative error, float64


def rel_error(a, b) -> float:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.abs(a - b).max() / max(np.abs(a).max(), np.abs(b).max(), 1e-12))


def _autograd(fn, x, params, grad_out):
    """Torch gradients of sum(fn(x, *params) * grad_out) w.r.t. x and params (float64)."""
    xt = torch.tensor(x, requires_grad=True)
    pt = [torch.tensor(p, requires_grad=True) for p in params]
    out = fn(xt, *pt)
    out.backward(torch.tensor(grad_out))
    return out.detach().numpy(), xt.grad.numpy(), [p.grad.numpy() for p in pt]


LAYERS = {
    "conv5x5": (
        lambda rng: Conv2d(rng.normal(size=(4, 1, 5, 5)), rng.normal(size=4)),
        (3, 1, 28, 28),
        lambda x, w, b: F.conv2d(x, w, b),
    ),
    "conv3x3": (
        lambda rng: Conv2d(rng.normal(size=(16, 4, 3, 3)), rng.normal(size=16)),
        (3, 4, 12, 12),
        lambda x, w, b: F.conv2d(x, w, b),
    ),
    "maxpool": (lambda rng: MaxPool2d(2), (3, 4, 24, 24), lambda x: F.max_pool2d(x, 2)),
    "relu": (lambda rng: ReLU(), (3, 4, 12, 12), F.relu),
    "flatten": (lambda rng: Flatten(), (3, 16, 5, 5), lambda x: x.flatten(1)),
    "linear": (
        lambda rng: Linear(rng.normal(size=(10, 400)), rng.normal(size=10)),
        (3, 400),
        lambda x, w, b: F.linear(x, w, b),
    ),
}


@pytest.mark.parametrize("name", list(LAYERS))
def test_every_layer_matches_autograd(name):
    rng = np.random.default_rng(0)
    make, shape, torch_fn = LAYERS[name]
    layer = make(rng)
    x = rng.normal(size=shape)  # float64
    y = layer.forward(x)
    grad_out = rng.normal(size=y.shape)
    y_ref, dx_ref, dparams_ref = _autograd(torch_fn, x, layer.params, grad_out)
    dx = layer.backward(x, grad_out)
    assert y.shape == y_ref.shape and rel_error(y, y_ref) < TOLERANCE
    assert rel_error(dx, dx_ref) < TOLERANCE
    assert len(layer.grads) == len(dparams_ref)
    for g, g_ref in zip(layer.grads, dparams_ref):
        assert rel_error(g, g_ref) < TOLERANCE


@pytest.mark.parametrize("name", list(LAYERS))
def test_no_layer_serves_stale_results_for_an_array_changed_in_place(name):
    rng = np.random.default_rng(7)
    make, shape, torch_fn = LAYERS[name]
    layer = make(rng)
    x = rng.normal(size=shape)
    layer.forward(x)
    x += rng.normal(size=shape)  # same array object, new values
    grad_out = rng.normal(size=layer.forward(x).shape)
    y_ref, dx_ref, dparams_ref = _autograd(torch_fn, x, layer.params, grad_out)
    assert rel_error(layer.forward(x), y_ref) < TOLERANCE
    assert rel_error(layer.backward(x, grad_out), dx_ref) < TOLERANCE
    for g, g_ref in zip(layer.grads, dparams_ref):
        assert rel_error(g, g_ref) < TOLERANCE


def test_cross_entropy_matches_torch_with_and_without_smoothing():
    rng = np.random.default_rng(1)
    logits, labels = rng.normal(size=(7, 10)) * 5, rng.integers(0, 10, size=7)
    for smoothing in (0.0, 0.1):
        loss, grad = cross_entropy(logits, labels, smoothing)
        zt = torch.tensor(logits, requires_grad=True)
        ref = F.cross_entropy(zt, torch.tensor(labels), label_smoothing=smoothing)
        ref.backward()
        assert abs(loss - ref.item()) < 1e-12 and rel_error(grad, zt.grad.numpy()) < TOLERANCE
    assert np.allclose(softmax(logits).sum(axis=1), 1.0)


def _twins(seed: int = 0):
    """A float64 NumpyCNN and a TorchCNN holding the same random weights."""
    torch.manual_seed(seed)
    reference = TorchCNN().double()
    params = [reference.state_dict()[name].numpy().copy() for name in PARAM_NAMES]
    return NumpyCNN(params), reference


def test_whole_network_matches_autograd_in_every_gradient():
    net, reference = _twins()
    rng = np.random.default_rng(2)
    x, labels = rng.normal(size=(5, 1, 28, 28)), rng.integers(0, 10, size=5)
    activations = net._forward(x)
    loss, dlogits = cross_entropy(activations[-1], labels)
    dx = net.backward(activations, dlogits, input_grad=True)

    xt = torch.tensor(x, requires_grad=True)
    ref_loss = F.cross_entropy(reference(xt), torch.tensor(labels))
    ref_loss.backward()
    assert abs(loss - ref_loss.item()) < 1e-10
    assert rel_error(dx, xt.grad.numpy()) < TOLERANCE
    ref_grads = dict(reference.named_parameters())
    for name, g in zip(PARAM_NAMES, net.grads):
        assert g.shape == ref_grads[name].shape
        assert rel_error(g, ref_grads[name].grad.numpy()) < TOLERANCE, name


def test_ties_in_max_pooling_route_the_gradient_as_pytorch_does():
    """Blank regions of a digit make whole windows equal: the first maximum gets it all."""
    rng = np.random.default_rng(5)
    x = rng.integers(0, 2, size=(2, 3, 8, 8)).astype(np.float64)  # many ties
    grad_out = rng.normal(size=(2, 3, 4, 4))
    _, dx_ref, _ = _autograd(lambda t: F.max_pool2d(t, 2), x, [], grad_out)
    assert rel_error(MaxPool2d(2).backward(x, grad_out), dx_ref) < TOLERANCE


def test_whole_network_matches_autograd_on_real_digits(mnist_mini):
    """Real digits: a constant background, so ties everywhere after the first convolution."""
    from model.preprocess import uint8_to_input
    from model.training.data import load_data

    net, reference = _twins(seed=6)
    data = load_data(mnist_mini, "test")
    x = uint8_to_input(data.images[:8]).double()  # (8,1,28,28)
    labels = data.labels[:8]
    net.loss_and_gradients(x.numpy(), labels.numpy())
    F.cross_entropy(reference(x), labels).backward()
    ref_grads = dict(reference.named_parameters())
    for name, g in zip(PARAM_NAMES, net.grads):
        assert rel_error(g, ref_grads[name].grad.numpy()) < TOLERANCE, name


def test_whole_network_matches_central_finite_differences_in_weights_and_input():
    net, _ = _twins(seed=3)
    rng = np.random.default_rng(4)
    x, labels = rng.normal(size=(4, 1, 28, 28)), rng.integers(0, 10, size=4)

    def loss_at() -> float:
        return cross_entropy(net.forward(x), labels)[0]

    activations = net._forward(x)
    dx = net.backward(activations, cross_entropy(activations[-1], labels)[1], input_grad=True)  # (4,1,28,28)
    grads = [g.copy() for g in net.grads]
    eps = 1e-6
    for array, grad in [*zip(net.params, grads), (x, dx)]:  # every parameter, then the input
        for flat in rng.choice(array.size, size=3, replace=False):
            index = np.unravel_index(flat, array.shape)
            saved = array[index]
            array[index] = saved + eps
            up = loss_at()
            array[index] = saved - eps
            down = loss_at()
            array[index] = saved
            numeric = (up - down) / (2 * eps)
            assert abs(numeric - grad[index]) <= 1e-6 * max(1.0, abs(numeric)), (array.shape, index)


def test_module_forward_is_the_numpy_network_over_the_module_weights():
    torch.manual_seed(0)
    module = build_model("numpy-cnn")
    reference = TorchCNN()
    reference.load_state_dict(module.state_dict())
    x = torch.randn(6, 1, 28, 28)
    assert torch.allclose(module(x), reference(x), atol=1e-5)
    assert sorted(module.state_dict()) == sorted(PARAM_NAMES)
    net = module.numpy_net()
    net.params[0][0, 0, 0, 0] = 42.0  # the NumPy arrays are the Parameters' memory
    assert module.conv1.weight[0, 0, 0, 0].item() == 42.0


def test_configs_that_do_not_fit_28x28_are_refused():
    assert param_shapes(NumpyCNNConfig())["fc.weight"] == (10, 400)
    for bad in (
        NumpyCNNConfig(kernel_sizes=(4, 3)),
        NumpyCNNConfig(channels=(0, 16)),
        NumpyCNNConfig(channels=(4, 10**6)),
    ):
        with pytest.raises(ValueError, match="numpy-cnn"):
            param_shapes(bad)

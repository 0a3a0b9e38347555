"""The predictor's inference copy (model/inference.py): BatchNorm folded into the convolutions,
channels_last, no gradients. It must give the plain network's logits (to 1e-4) for every
architecture, and leave the trained network and its checkpoint as they were."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from model.checkpoints.checkpoint import LoadedModel, load_model
from model.inference import InferenceNet, fold_batch_norms
from model.nets import ARCHITECTURES, build_model
from model.paths import bundled_model_path
from model.pen.ink import render_ink
from model.predictor import Predictor
from model.preprocess import normalize
from model.trajectory_net.trajectory import NUM_FEATURES, TRAJECTORY_POINTS, TrajectoryNet

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "inks" / "uji-sample.jsonl"
TOLERANCE = 1e-4  # logits


def with_trained_statistics(model: nn.Module, seed: int = 0) -> nn.Module:
    """Random BatchNorm statistics and affine terms, as training leaves them (fresh ones are
    0/1 and folding them would change almost nothing)."""
    gen = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            n = m.num_features
            m.running_mean.copy_(torch.randn(n, generator=gen) * 0.5)
            m.running_var.copy_(torch.rand(n, generator=gen) * 2 + 0.1)
            m.weight.data.copy_(torch.randn(n, generator=gen))
            m.bias.data.copy_(torch.randn(n, generator=gen) * 0.3)
    return model.eval()


def inputs(batch: int, seed: int = 1) -> torch.Tensor:
    gen = torch.Generator().manual_seed(seed)
    return normalize(torch.rand(batch, 1, 28, 28, generator=gen))  # (B,1,28,28)


@pytest.mark.parametrize("arch", sorted(ARCHITECTURES))
def test_every_architecture_gives_the_plain_networks_logits(arch):
    torch.manual_seed(0)
    model = with_trained_statistics(build_model(arch))
    net = InferenceNet.of(model)
    for batch in (2,) if arch == "alexnet" else (1, 11, 40):  # alexnet: 57M parameters, one batch
        x = inputs(batch)
        with torch.inference_mode():
            want, got = model(x), net(x)  # (B,10) each
        assert got.shape == want.shape == (batch, 10)
        assert torch.allclose(got, want, atol=TOLERANCE, rtol=0), (arch, batch, (got - want).abs().max())


def test_the_trajectory_network_gives_its_logits_with_every_batch_norm_folded():
    torch.manual_seed(0)
    model = with_trained_statistics(TrajectoryNet())
    net = InferenceNet.of(model)
    assert not any(isinstance(m, nn.BatchNorm1d) for m in net.module.modules())
    assert any(isinstance(m, nn.BatchNorm1d) for m in model.modules())  # the trained one is untouched
    x = torch.randn(7, NUM_FEATURES, TRAJECTORY_POINTS, generator=torch.Generator().manual_seed(2))  # (7,5,64)
    with torch.inference_mode():
        want, got = model(x), net(x)  # (7,10) each
    assert torch.allclose(got, want, atol=TOLERANCE, rtol=0), (got - want).abs().max()


def test_the_bundled_model_has_every_batch_norm_folded_and_reads_real_ink_the_same():
    loaded = load_model(bundled_model_path())
    net = InferenceNet.of(loaded.model)
    before = sum(isinstance(m, nn.BatchNorm2d) for m in loaded.model.modules())
    assert before > 0 and not any(isinstance(m, nn.BatchNorm2d) for m in net.module.modules())
    inks = [json.loads(line)["strokes"] for line in SAMPLE.read_text().splitlines()]
    x = normalize(torch.from_numpy(np.stack([render_ink(ink) for ink in inks])).unsqueeze(1))  # (20,1,28,28)
    with torch.inference_mode():
        want, got = loaded.model(x), net(x)
    assert torch.allclose(got, want, atol=TOLERANCE, rtol=0), (got - want).abs().max()
    assert torch.equal(got.argmax(1), want.argmax(1))


def test_the_trained_network_and_its_checkpoint_are_left_as_they_were():
    loaded = load_model(bundled_model_path())
    state = {k: v.clone() for k, v in loaded.model.state_dict().items()}
    predictor = Predictor(loaded)
    predictor.predict_strokes([[(0, 0), (10, 30)]])
    assert predictor.loaded.model is loaded.model
    after = loaded.model.state_dict()
    assert list(after) == list(state) and all(torch.equal(after[k], state[k]) for k in state)
    assert any(isinstance(m, nn.BatchNorm2d) for m in loaded.model.modules())
    assert all(p.requires_grad for p in loaded.model.parameters())  # still trainable (fine-tuning)
    assert all(not p.requires_grad for p in predictor._net.module.parameters())


def test_a_model_in_training_mode_is_copied_not_switched():
    model = with_trained_statistics(build_model("digitnet")).train()
    net = InferenceNet.of(model)
    assert model.training and not net.module.training


def test_folding_needs_running_statistics_and_a_conv_right_before():
    no_stats = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4, track_running_stats=False))
    bn_first = nn.Sequential(nn.BatchNorm2d(1), nn.Conv2d(1, 4, 3))
    mismatched = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.BatchNorm2d(4))
    for model in (no_stats, bn_first, mismatched):
        assert fold_batch_norms(model.eval()) == 0
    nested = nn.Sequential(nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4)), nn.ReLU())
    assert fold_batch_norms(with_trained_statistics(nested)) == 1


def test_the_predictor_gives_the_softmax_of_the_plain_networks_logits():
    torch.manual_seed(3)
    model = with_trained_statistics(build_model("digitnet"))
    predictor = Predictor(LoadedModel(model, "digitnet", None), not_digit=None)
    images = torch.rand(7, 28, 28)
    with torch.inference_mode():
        want = model(normalize(images.unsqueeze(1))).softmax(dim=1).numpy()  # (7,10)
    for threads in (None, 1):
        np.testing.assert_allclose(predictor.probabilities(images, threads=threads), want, atol=1e-5)

""" "Not a digit" with several networks (model/ood.py, check file versions 4 and 5): the score
is the mean of their logits, in torch and in the NumPy bridge alike; a network may have a
reject class beside the ten digits (11 outputs); the number of networks and each one's
width and outputs are bounded before anything is built, and a damaged file is refused
with one line."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from model.formats import NOT_DIGIT_MAX_MEMBERS
from model.numpynet import numpy_bridge
from model.numpynet.numpy_bridge import BridgeDeclined
from model.ood import FORMAT_VERSION, NotDigitCheck, NotDigitNet


def nets(widths: tuple[int, ...], outputs: tuple[int, ...] = ()) -> list[NotDigitNet]:
    torch.manual_seed(0)
    out = [NotDigitNet(w, k) for w, k in zip(widths, outputs or (1,) * len(widths))]
    for net in out:  # BatchNorm statistics other than the defaults, so folding them is tested
        net.train()
        with torch.no_grad():
            net(torch.randn(16, 1, 28, 28) * 2)
    return [net.eval() for net in out]


def images(n: int = 12) -> np.ndarray:
    return np.random.default_rng(0).random((n, 28, 28)).astype(np.float32)  # (N,28,28) in [0,1]


def test_the_score_is_the_mean_of_the_networks_logits(tmp_path):
    members = nets((2, 4, 3))
    check = NotDigitCheck(members, 0.25, -0.5)
    check.save(tmp_path / "c.pt")
    assert torch.load(tmp_path / "c.pt", weights_only=True)["version"] == FORMAT_VERSION == 6
    back = NotDigitCheck.load(tmp_path / "c.pt")
    assert [n.width for n in back.nets] == [2, 4, 3]
    assert (back.threshold, back.ink_threshold) == (0.25, -0.5)
    each = np.stack([NotDigitCheck(n, 0.0).scores(images()) for n in back.nets])  # (3,N)
    assert np.allclose(back.scores(images()), each.mean(0), atol=1e-5)
    assert not np.allclose(each[0], each[1])  # the mean is not one network's score
    assert np.array_equal(back.rejects(images()), back.scores(images()) > 0.25)
    assert np.array_equal(back.rejects(images(), ink=True), back.scores(images()) > -0.5)


def test_the_bridge_scores_an_ensemble_as_torch_does(tmp_path, monkeypatch):
    NotDigitCheck(nets((2, 3)), 0.1, 0.2, -0.3).save(tmp_path / "c.pt")
    monkeypatch.setattr(numpy_bridge, "_asset", lambda name: tmp_path / "c.pt")
    bridge = numpy_bridge._bundled_not_digit()
    check = NotDigitCheck.load(tmp_path / "c.pt")
    assert bridge is not None and len(bridge.nets) == 2
    assert (bridge.threshold, bridge.ink_threshold, bridge.clean_threshold) == (0.1, 0.2, -0.3)
    assert np.abs(bridge.scores(images()) - check.scores(images())).max() < 1e-4
    blob = torch.load(tmp_path / "c.pt", weights_only=True)
    for bad in (float("nan"), 1e300, None):  # a damaged clean threshold: the bridge declines, torch refuses
        torch.save({**blob, "clean_threshold": bad}, tmp_path / "c.pt")
        with pytest.raises(BridgeDeclined):
            numpy_bridge._bundled_not_digit()


@pytest.mark.parametrize("count", [0, NOT_DIGIT_MAX_MEMBERS + 1])
def test_a_wrong_number_of_networks_is_refused(tmp_path, monkeypatch, count):
    with pytest.raises(ValueError, match="networks"):
        NotDigitCheck(nets((2,)) * count, 0.0)
    NotDigitCheck(nets((2,)), 0.0).save(tmp_path / "c.pt")
    blob = torch.load(tmp_path / "c.pt", weights_only=True)
    torch.save({**blob, "members": blob["members"] * count}, tmp_path / "bad.pt")
    with pytest.raises(ValueError, match="damaged") as info:
        NotDigitCheck.load(tmp_path / "bad.pt")
    assert "\n" not in str(info.value)
    monkeypatch.setattr(numpy_bridge, "_asset", lambda name: tmp_path / "bad.pt")
    with pytest.raises(BridgeDeclined):
        numpy_bridge._bundled_not_digit()


@pytest.mark.parametrize(
    "member",
    [
        {"width": 10**6},
        {"width": 0},
        {"width": "2"},
        {"width": 3},
        {},
        "a string",
        {"outputs": 11},
        {"outputs": 10**9},
        {"outputs": "11"},
    ],
    ids=[
        "huge",
        "zero",
        "text",
        "wrong-shapes",
        "empty",
        "not-a-table",
        "outputs-not-matching-weights",
        "huge-outputs",
        "text-outputs",
    ],
)
def test_a_damaged_network_is_refused_with_one_line(tmp_path, monkeypatch, member):
    NotDigitCheck(nets((2, 2)), 0.0).save(tmp_path / "c.pt")
    blob = torch.load(tmp_path / "c.pt", weights_only=True)
    good = blob["members"][0]
    bad = {**good, **member} if isinstance(member, dict) and member else member  # {} stays empty
    torch.save({**blob, "members": [good, bad]}, tmp_path / "bad.pt")
    with pytest.raises(ValueError, match="damaged") as info:
        NotDigitCheck.load(tmp_path / "bad.pt")
    assert "\n" not in str(info.value)
    monkeypatch.setattr(numpy_bridge, "_asset", lambda name: tmp_path / "bad.pt")
    with pytest.raises(BridgeDeclined):
        numpy_bridge._bundled_not_digit()


def test_the_weights_are_stored_as_float16_and_run_as_float32(tmp_path):
    members = nets((8, 8))
    NotDigitCheck(members, 0.0).save(tmp_path / "c.pt")
    blob = torch.load(tmp_path / "c.pt", weights_only=True)
    stored = blob["members"][0]["state_dict"]
    assert stored["features.0.weight"].dtype == torch.float16
    assert stored["features.1.num_batches_tracked"].dtype == torch.int64
    back = NotDigitCheck.load(tmp_path / "c.pt")
    assert all(p.dtype == torch.float32 for net in back.nets for p in net.parameters())
    # the loaded check runs the float16 values: it equals the original within their precision
    assert np.abs(back.scores(images()) - NotDigitCheck(members, 0.0).scores(images())).max() < 0.05


def test_a_reject_class_network_scores_not_a_digit_against_all_ten_digits(tmp_path, monkeypatch):
    """11 outputs: the logit is log p(not a digit) - log p(any digit), in torch and NumPy."""
    members = nets((3, 2), (11, 1))
    net = members[0]
    x = torch.from_numpy(images())[:, None]  # (N,1,28,28)
    with torch.no_grad():
        z = net.head_logits(x)  # (N,11)
        p = torch.softmax(z, 1)
        expected = torch.log(p[:, 10]) - torch.log(p[:, :10].sum(1))
        assert torch.allclose(net(x), expected, atol=1e-5)
    NotDigitCheck(members, 0.3).save(tmp_path / "c.pt")
    back = NotDigitCheck.load(tmp_path / "c.pt")
    assert [(n.width, n.outputs) for n in back.nets] == [(3, 11), (2, 1)]
    monkeypatch.setattr(numpy_bridge, "_asset", lambda name: tmp_path / "c.pt")
    bridge = numpy_bridge._bundled_not_digit()
    assert bridge is not None
    assert np.abs(bridge.scores(images()) - back.scores(images())).max() < 1e-4


def test_a_network_has_one_or_eleven_outputs():
    with pytest.raises(ValueError, match="outputs"):
        NotDigitNet(4, 10)


def test_a_version_4_file_without_outputs_still_loads(tmp_path):
    NotDigitCheck(nets((2,)), 0.5).save(tmp_path / "c.pt")
    blob = torch.load(tmp_path / "c.pt", weights_only=True)
    del blob["members"][0]["outputs"]
    torch.save({**blob, "version": 4}, tmp_path / "v4.pt")
    assert NotDigitCheck.load(tmp_path / "v4.pt").nets[0].outputs == 1

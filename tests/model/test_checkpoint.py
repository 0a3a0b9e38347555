"""Checkpoints rebuild themselves, save atomically, and never run code when loaded."""

from __future__ import annotations

import os

import pytest
import torch

from model.checkpoints.checkpoint import CheckpointError, load_model, make_checkpoint, read_checkpoint, save_checkpoint
from model.nets import build_model, make_config


def _checkpoint(arch="mlp"):
    torch.manual_seed(0)
    model = build_model(arch)
    return model, make_checkpoint(model, arch, make_config(arch), {"test_accuracy": 0.5})


def test_round_trip_rebuilds_the_same_network(tmp_path):
    model, ckpt = _checkpoint("cnn")
    path = save_checkpoint(ckpt, tmp_path / "sub" / "m.pt")
    loaded = load_model(path)
    assert loaded.arch == "cnn" and loaded.metrics["test_accuracy"] == 0.5
    x = torch.randn(4, 1, 28, 28)
    model.eval()
    assert torch.equal(loaded.model(x), model(x))
    raw = read_checkpoint(path)
    assert {"arch", "config", "state_dict", "metrics", "preprocess_version", "created"} <= set(raw)
    assert os.listdir(path.parent) == ["m.pt"]  # no temporary file left behind


def test_failed_save_keeps_the_previous_file(tmp_path, monkeypatch):
    _, ckpt = _checkpoint()
    path = save_checkpoint(ckpt, tmp_path / "m.pt")
    before = path.read_bytes()

    def broken_save(obj, fh):
        fh.write(b"half a file")
        raise OSError("disk full")

    monkeypatch.setattr(torch, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        save_checkpoint(ckpt, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["m.pt"]


def test_truncated_file_is_refused(tmp_path):
    _, ckpt = _checkpoint()
    data = save_checkpoint(ckpt, tmp_path / "m.pt").read_bytes()
    bad = tmp_path / "truncated.pt"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(CheckpointError, match="truncated.pt is not a valid DigitPad checkpoint"):
        load_model(bad)


@pytest.mark.parametrize(
    "content, message",
    [
        ({"weights": torch.zeros(3)}, "not a DigitPad checkpoint"),
        ([1, 2, 3], "not a DigitPad checkpoint"),
    ],
)
def test_foreign_files_are_refused(tmp_path, content, message):
    path = tmp_path / "foreign.pt"
    torch.save(content, path)
    with pytest.raises(CheckpointError, match=message):
        load_model(path)
    text = tmp_path / "notes.pt"
    text.write_text("hello")
    with pytest.raises(CheckpointError):
        load_model(text)
    with pytest.raises(CheckpointError, match="no checkpoint at"):
        load_model(tmp_path / "missing.pt")


def test_tampered_contents_are_refused(tmp_path):
    _, ckpt = _checkpoint("mlp")
    wrong_arch = dict(ckpt, arch="cnn")  # weights of an MLP under a CNN label
    save_checkpoint(wrong_arch, tmp_path / "a.pt")
    with pytest.raises(CheckpointError, match="a.pt: bad architecture config .unknown config field"):
        load_model(tmp_path / "a.pt")
    state = dict(ckpt["state_dict"])
    state["net.1.weight"] = torch.full_like(state["net.1.weight"], float("nan"))
    save_checkpoint(dict(ckpt, state_dict=state), tmp_path / "b.pt")
    with pytest.raises(CheckpointError, match="NaN"):
        load_model(tmp_path / "b.pt")
    save_checkpoint(dict(ckpt, arch="gpt"), tmp_path / "c.pt")
    with pytest.raises(CheckpointError, match="unknown architecture"):
        load_model(tmp_path / "c.pt")
    save_checkpoint(dict(ckpt, config={"hidden": "x" * 3, "bogus": 1}), tmp_path / "d.pt")
    with pytest.raises(CheckpointError):
        load_model(tmp_path / "d.pt")


def test_a_checkpoint_from_a_newer_preprocessing_is_refused_and_older_ones_load(tmp_path):
    from model.preprocess import PREPROCESS_VERSION

    _, ckpt = _checkpoint("mlp")
    save_checkpoint(dict(ckpt, preprocess_version=PREPROCESS_VERSION + 1), tmp_path / "new.pt")
    with pytest.raises(CheckpointError, match="newer DigitPad.*update DigitPad"):
        load_model(tmp_path / "new.pt")
    save_checkpoint(dict(ckpt, preprocess_version="2"), tmp_path / "odd.pt")
    with pytest.raises(CheckpointError, match="malformed preprocessing version"):
        load_model(tmp_path / "odd.pt")
    old = dict(ckpt, preprocess_version=1)  # MNIST itself is unchanged: older models still work
    save_checkpoint(old, tmp_path / "old.pt")
    assert load_model(tmp_path / "old.pt").arch == "mlp"


class _Payload:
    """Unpickling this runs os.system: a checkpoint carrying code."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_carrying_code_is_refused_without_running_it(tmp_path):
    marker = tmp_path / "pwned"
    _, ckpt = _checkpoint()
    evil = dict(ckpt, metrics={"note": _Payload(marker)})
    path = tmp_path / "evil.pt"
    torch.save(evil, path)
    with pytest.raises(
        CheckpointError, match="evil.pt was refused: it holds Python objects, which can carry code"
    ) as err:
        load_model(path)
    assert "weights_only" not in str(err.value) and "\n" not in str(err.value)
    assert not marker.exists(), "loading ran code from the file"
    # The same file, unpickled without weights_only, does run the code: the test is real.
    torch.load(path, weights_only=False)
    assert marker.exists()

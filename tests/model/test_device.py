from __future__ import annotations

import pytest
import torch

from model.training import device as dev


def test_auto_prefers_cuda_then_mps_then_cpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(dev, "_mps_available", lambda: False)
    assert dev.select_device("auto").type == "cpu"
    monkeypatch.setattr(dev, "_mps_available", lambda: True)
    assert dev.select_device("auto").type == "mps"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert dev.select_device("auto").type == "cuda"
    assert dev.select_device("mps").type == "mps"


def test_missing_device_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(dev, "_mps_available", lambda: False)
    with pytest.raises(ValueError, match="'cuda' was asked for but is not available"):
        dev.select_device("cuda")
    with pytest.raises(ValueError, match="unknown device 'tpu'"):
        dev.select_device("tpu")
    reasons = dev.device_availability()
    assert reasons["cpu"] is None and reasons["auto"] is None
    assert "CUDA" in reasons["cuda"] and "MPS" in reasons["mps"]


def test_cpu_is_always_available():
    assert dev.select_device("cpu") == torch.device("cpu")
    assert dev.default_threads(leave_free=1) >= 1


def test_precision_auto_uses_bf16_only_where_it_is_native(monkeypatch):
    cpu = torch.device("cpu")
    monkeypatch.setattr(dev, "bf16_is_fast", lambda device: True)
    assert dev.select_precision("auto", cpu) is torch.bfloat16
    monkeypatch.setattr(dev, "bf16_is_fast", lambda device: False)
    assert dev.select_precision("auto", cpu) is None
    assert dev.select_precision("bf16", cpu) is torch.bfloat16  # asked for: honoured, if slower
    assert dev.select_precision("fp32", cpu) is None
    with pytest.raises(ValueError, match="unknown precision 'fp8'"):
        dev.select_precision("fp8", cpu)


def test_bf16_probe_answers_without_raising():
    assert isinstance(dev.bf16_is_fast(torch.device("cpu")), bool)
    assert dev.bf16_is_fast(torch.device("mps")) is False


def test_bf16_on_cuda_only_where_native(monkeypatch):
    asked = {}

    def supported(including_emulation=True):
        asked["emulation"] = including_emulation
        return not including_emulation and asked.get("native", False)

    monkeypatch.setattr(torch.cuda, "is_bf16_supported", supported)
    assert dev.bf16_is_fast(torch.device("cuda")) is False and asked["emulation"] is False
    asked["native"] = True
    assert dev.select_precision("auto", torch.device("cuda")) is torch.bfloat16

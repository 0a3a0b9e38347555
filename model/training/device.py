"""Device selection: auto, cpu, cuda, mps. The same code runs on all of them."""

from __future__ import annotations

import os

import torch

DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend and backend.is_available())


def device_availability() -> dict[str, str | None]:
    """For each choice, None if usable here, else the reason it is not (for the UI)."""
    return {
        "auto": None,
        "cpu": None,
        "cuda": None if torch.cuda.is_available() else "no CUDA GPU found (or PyTorch built without CUDA)",
        "mps": None if _mps_available() else "Apple Metal (MPS) is only available on Apple silicon Macs",
    }


def select_device(name: str = "auto") -> torch.device:
    """auto picks CUDA, then MPS, then CPU. Asking for a missing device is a ValueError."""
    name = (name or "auto").lower()
    if name not in DEVICE_CHOICES:
        raise ValueError(f"unknown device {name!r}; choose one of: {', '.join(DEVICE_CHOICES)}")
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    reason = device_availability()[name]
    if reason:
        raise ValueError(f"device {name!r} was asked for but is not available: {reason}")
    return torch.device(name)


def default_threads(leave_free: int = 0) -> int:
    """CPU threads for torch, leaving `leave_free` cores (e.g. one for the GUI)."""
    return max(1, (os.cpu_count() or 1) - leave_free)


PRECISION_CHOICES = ("auto", "fp32", "bf16")


def bf16_is_fast(device: torch.device) -> bool:
    """Does this device run bfloat16 matmuls and convolutions natively (faster than fp32)?

    CPUs: only those with AVX512-BF16 or AMX; elsewhere bf16 is emulated and slower.
    """
    try:
        if device.type == "cuda":  # Ampere and newer; older GPUs only emulate bf16
            return bool(torch.cuda.is_bf16_supported(including_emulation=False))
        if device.type == "cpu":
            cpu = torch.cpu
            return bool(cpu._is_avx512_bf16_supported() or cpu._is_amx_tile_supported())
    except (AttributeError, RuntimeError):  # private probes: absent or failing means "no"
        pass
    return False


def select_precision(name: str, device: torch.device) -> torch.dtype | None:
    """The autocast dtype for training on `device`, or None for plain fp32.

    auto: bf16 mixed precision where the hardware runs it natively, else fp32.
    Weights, optimizer state and the loss stay fp32 either way.
    """
    name = (name or "auto").lower()
    if name not in PRECISION_CHOICES:
        raise ValueError(f"unknown precision {name!r}; choose one of: {', '.join(PRECISION_CHOICES)}")
    if name == "fp32":
        return None
    if name == "bf16" or bf16_is_fast(device):
        return torch.bfloat16
    return None

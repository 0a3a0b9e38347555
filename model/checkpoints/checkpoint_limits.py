"""Bounds a checkpoint must meet before anything it describes is allocated.

A checkpoint file is untrusted input: a few kilobytes on disk can describe gigabytes
(a deflate-compressed archive member, a zero-stride 20000x20000 tensor, a config
asking for a layer of a million units or 200,000 layers, an AlexNet input of
30,000 pixels, metrics that expand when printed). Each check here raises
CheckpointError with "NAME: reason" and reads only metadata or bounded data:

1. check_archive: the zip directory (member count, sizes, compression) before torch.load;
2. check_plain: metadata (metrics, config, training state) is plain data of bounded size;
3. check_tensor: dense, strided within its storage, a number dtype, finite;
4. check_config: every number of the architecture config within its limits, then the
   network is built on the "meta" device (no memory) to count its parameters and to
   compare every weight's name, shape and dtype before the real network is built;
5. check_forward: the loaded network gives finite logits on a few test inputs.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import pickle
import warnings
from pathlib import Path
from typing import Any

import torch
from torch import nn

from ..nets import build_model, make_config
from ..preprocess import IMAGE_SIZE, normalize
from ..threads import intraop_threads
from .archive_limits import (  # the torch-free checks, shared with the NumPy bridge (model/checkpoints/archive_reader.py)
    MAX_PARAMETERS,
    CheckpointError,
    _check_config_value,
    _clip,
    _short,
    check_archive,
    check_regular_file,
)
from .archive_limits import check_plain as plain_data

WEIGHT_DTYPES = (torch.float32, torch.float16, torch.bfloat16, torch.float64)


def load_plain(path: str | os.PathLike, what: str = "DigitPad checkpoint") -> Any:
    """torch.load(weights_only=True) of a file that must be a regular file and a bounded
    PyTorch archive (check_archive) before anything is read; `what` names the kind of file
    in the messages. Raises CheckpointError ("NAME: reason", one line) otherwise."""
    path = Path(path)
    name = path.name
    check_regular_file(path, what)
    check_archive(path, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        if "GLOBAL" in str(exc):  # weights_only refused a Python object: such files can run code
            raise CheckpointError(
                f"{name} was refused: it holds Python objects, which can carry code; "
                "DigitPad loads only plain data and weights"
            ) from None
        raise CheckpointError(f"{name} is not a valid {what} (damaged data)") from None
    except MemoryError:
        raise CheckpointError(f"{name} was refused: it needs more memory than is available") from None
    except (KeyError, EOFError, UnicodeDecodeError, IndexError):  # a record missing or cut short
        raise CheckpointError(f"{name} is not a valid {what} (damaged or truncated archive)") from None
    except RuntimeError as exc:  # PyTorch's reader: its own words (and a plea to report them) mean nothing to users
        logging.getLogger(__name__).warning("%s: torch.load: %s", name, _short(exc))
        raise CheckpointError(f"{name} is not a valid {what} (a damaged or foreign archive)") from None
    except Exception as exc:  # truncated, foreign, damaged
        raise CheckpointError(f"{name} is not a valid {what} ({_short(exc)})") from None


def check_plain(value: Any, what: str, name: str, tensors: bool = False) -> None:
    """value is None/bool/int/float/str or lists/dicts of them, of bounded size (tensors if allowed:
    each checked by check_tensor). model/checkpoints/archive_limits.py check_plain does the walk."""

    def tensor(v: Any) -> bool:
        if not isinstance(v, torch.Tensor):
            return False
        check_tensor(v, f"{what} tensor", name, weights=False)
        return True

    plain_data(value, what, name, tensor if tensors else None)


def check_tensor(t: torch.Tensor, key: str, name: str, weights: bool = True) -> None:
    """Dense, within its storage (no zero-stride expansion), numbers; finite floats if weights."""
    if t.layout != torch.strided or t.is_quantized or t.is_nested:
        raise CheckpointError(
            f"{name}: {_clip(key)} is a {str(t.layout).removeprefix('torch.')} tensor, not a dense one"
        )
    if t.is_complex() or not (t.is_floating_point() or t.dtype in (torch.int64, torch.int32, torch.uint8)):
        raise CheckpointError(f"{name}: {_clip(key)} holds {str(t.dtype).removeprefix('torch.')} values, not numbers")
    if t.numel():
        if any(st < 0 or (st == 0 and s > 1) for s, st in zip(t.shape, t.stride())):
            raise CheckpointError(
                f"{name}: {_clip(key)} is an expanded view (shape {tuple(t.shape)}), not stored weights"
            )
        end = t.storage_offset() + sum((s - 1) * st for s, st in zip(t.shape, t.stride())) + 1
        if (
            t.numel() * t.element_size() > t.untyped_storage().nbytes()
            or end * t.element_size() > t.untyped_storage().nbytes()
        ):
            raise CheckpointError(f"{name}: {_clip(key)} claims more values than the file stores")
    if weights and t.is_floating_point() and not bool(torch.isfinite(t).all()):
        raise CheckpointError(f"{name}: weights contain NaN or infinite values ({_clip(key)})")


def check_state_dict(state: Any, name: str) -> dict[str, torch.Tensor]:
    """A checkpoint's "state_dict": a non-empty dict of str -> bounded, finite tensors
    (check_tensor); CheckpointError naming the file and the bad entry otherwise."""
    if not isinstance(state, dict) or not state:
        raise CheckpointError(f"{name}: missing or malformed weights")
    with intraop_threads(1):  # small checks: a team of threads would wait for busy cores
        for key, value in state.items():
            if not isinstance(key, str) or not isinstance(value, torch.Tensor):
                raise CheckpointError(
                    f"{name}: malformed weights (entry {_clip(repr(key))} is a {type(value).__name__})"
                )
            check_tensor(value, key, name)
    return state


def check_config(arch: str, config: dict[str, Any], state: dict[str, Any], name: str) -> Any:
    """Bound the config's numbers, then compare the weights with the network it builds, on "meta".

    Returns the config dataclass. Allocates nothing in proportion to the config.
    """
    for key, value in config.items():
        _check_config_value(str(key), value, name)
    try:
        made = make_config(arch, config)
    except (ValueError, TypeError) as exc:
        raise CheckpointError(f"{name}: bad architecture config ({_short(exc)})") from None
    if hasattr(made, "use_local_imagenet_weights"):  # the weights come from the file
        made = dataclasses.replace(made, use_local_imagenet_weights=False)
    try:
        with torch.device("meta"):
            expected = build_model(arch, made).state_dict()
    except Exception as exc:  # a config the network cannot be built from
        raise CheckpointError(f"{name}: bad architecture config ({_short(exc)})") from None
    count = sum(t.numel() for t in expected.values())
    if count > MAX_PARAMETERS:
        raise CheckpointError(f"{name}: its config asks for {count:,} parameters (at most {MAX_PARAMETERS:,})")
    _compare_weights(expected, state, name)
    return made


def _compare_weights(expected: dict[str, torch.Tensor], state: dict[str, Any], name: str) -> None:
    missing = [k for k in expected if k not in state]
    extra = [k for k in state if k not in expected]
    if missing or extra:
        detail = f"missing {_clip(missing[0])}" if missing else f"unexpected {_clip(str(extra[0]))}"
        raise CheckpointError(
            f"{name}: weights do not match the architecture ({detail}; {len(missing)} missing, {len(extra)} unexpected)"
        )
    for key, want in expected.items():
        got = state[key]
        if tuple(got.shape) != tuple(want.shape):
            raise CheckpointError(
                f"{name}: weights do not match the architecture "
                f"({_clip(key)} is {tuple(got.shape)}, expected {tuple(want.shape)})"
            )
        if want.is_floating_point() and got.dtype not in WEIGHT_DTYPES:
            raise CheckpointError(
                f"{name}: {_clip(key)} holds {str(got.dtype).removeprefix('torch.')} values, not floats"
            )
        if not want.is_floating_point() and got.is_floating_point():
            raise CheckpointError(f"{name}: {_clip(key)} holds floats where integers belong")


def check_forward(model: nn.Module, name: str) -> None:
    """The network, in eval mode, gives finite logits on blank, full and noisy digits."""
    gen = torch.Generator().manual_seed(0)
    x = torch.stack(
        [
            torch.zeros(IMAGE_SIZE, IMAGE_SIZE),
            torch.ones(IMAGE_SIZE, IMAGE_SIZE),
            torch.rand(IMAGE_SIZE, IMAGE_SIZE, generator=gen),
        ]
    ).unsqueeze(1)  # (3,1,28,28) in [0,1]
    with torch.inference_mode(), intraop_threads(1):
        logits = model(normalize(x))  # (3,10)
    if logits.shape != (3, 10) or not bool(torch.isfinite(logits).all()):
        raise CheckpointError(f"{name}: the network's predictions are not finite numbers (NaN or infinite)")

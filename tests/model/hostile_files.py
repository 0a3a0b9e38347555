"""Hostile and damaged checkpoints, each small on disk: shared by the tests and the memory probe.

make_hostile(folder) writes them and returns {file name: a regular expression its
refusal must match}. Every one of them must be refused with a one-line
CheckpointError that names the file, without allocating what it describes.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import torch

from model.checkpoints.checkpoint import make_checkpoint, save_checkpoint
from model.nets import build_model, make_config


class _Payload:
    """Unpickling this would run a shell command: a checkpoint carrying code."""

    def __reduce__(self):
        return (os.system, ("echo pwned",))


def good_checkpoint(arch: str = "mlp") -> dict:
    torch.manual_seed(0)
    model = build_model(arch)
    return make_checkpoint(model, arch, make_config(arch), {"test_accuracy": 0.5})


def _deflated(folder: Path, name: str, ckpt: dict, extra_bytes: int) -> Path:
    """A torch.save archive rewritten with deflate, plus a member of extra_bytes zeros."""
    buf = io.BytesIO()
    torch.save(ckpt, buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    path = folder / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out:
        prefix = src.namelist()[0].split("/")[0]
        for info in src.infolist():
            out.writestr(info.filename, src.read(info))
        with out.open(f"{prefix}/data/99", "w") as member:
            chunk = bytes(1 << 20)
            for _ in range(extra_bytes >> 20):
                member.write(chunk)
    return path


def make_hostile(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    ckpt = good_checkpoint("mlp")
    state = ckpt["state_dict"]
    cases: dict[str, str] = {}

    def save(name: str, pattern: str, **changes) -> None:
        save_checkpoint({**ckpt, **changes}, folder / name)
        cases[name] = pattern

    _deflated(folder, "deflated.pt", ckpt, 256 << 20)  # 256 MB of zeros in ~0.3 MB
    cases["deflated.pt"] = r"deflated.pt was refused: its archive member .* is compressed"
    huge = torch.zeros(1).expand(20000, 20000)  # one float stored, 400 million claimed
    save(
        "zero-stride.pt",
        r"zero-stride.pt: net.1.weight is an expanded view",
        state_dict={**state, "net.1.weight": huge},
    )
    save(
        "wide-layer.pt",
        r"wide-layer.pt: config hidden is 1000000 \(allowed 1..4096\)",
        config={"hidden": [1_000_000], "dropout": 0.0},
    )
    save(
        "many-layers.pt",
        r"many-layers.pt: its architecture config is too large",
        config={"hidden": [8] * 200_000, "dropout": 0.0},
    )
    save(
        "deep-config.pt",
        r"deep-config.pt: config hidden has 1,000 entries \(at most 64\)",
        config={"hidden": [8] * 1000, "dropout": 0.0},
    )
    alex = good_checkpoint("cnn")
    save_checkpoint({**alex, "arch": "alexnet", "config": {"input_size": 30_000}}, folder / "alexnet-30000.pt")
    cases["alexnet-30000.pt"] = r"alexnet-30000.pt: config input_size is 30000 \(allowed 32..512\)"
    nested: list = [1.0]
    for _ in range(60):  # 2**60 leaves when printed; a few hundred bytes in the file
        nested = [nested, nested]
    save(
        "nested-metrics.pt",
        r"nested-metrics.pt: its metrics table is too large or too deeply nested",
        metrics={"history": nested},
    )
    save(
        "shared-text.pt", r"shared-text.pt: its metrics table is too large", metrics={"notes": ["y" * 9_000] * 5_000}
    )  # 9 kB in the file, 45 MB when printed
    save(
        "long-text.pt",
        r"long-text.pt: its metrics table holds a text of 5,000,000 characters",
        metrics={"note": "x" * 5_000_000},
    )
    save("big-int.pt", r"big-int.pt: its metrics table holds an integer of", metrics={"n": 10**400})
    save("nan.pt", r"nan.pt: weights contain NaN", state_dict={**state, "net.1.bias": torch.full((256,), float("nan"))})
    save(
        "int-weights.pt",
        r"int-weights.pt: net.1.weight holds int64 values, not floats",
        state_dict={**state, "net.1.weight": torch.ones(256, 784, dtype=torch.int64)},
    )
    save(
        "bool-weights.pt",
        r"bool-weights.pt: net.1.weight holds bool values",
        state_dict={**state, "net.1.weight": torch.ones(256, 784, dtype=torch.bool)},
    )
    save(
        "nan-predictions.pt",
        r"nan-predictions.pt: the network's predictions are not finite",
        state_dict={**state, "net.1.weight": torch.full((256, 784), 3e38)},
    )
    save("arch-list.pt", r"arch-list.pt: the architecture name is a list, not a text", arch=["mlp"])
    save("metrics-int.pt", r"metrics-int.pt: its metrics table is an int, not a dict", metrics=7)
    save("config-list.pt", r"config-list.pt: its architecture config is a list", config=[256])
    save(
        "sparse.pt",
        r"sparse.pt: net.1.weight is a sparse_coo tensor, not a dense one",
        state_dict={**state, "net.1.weight": torch.zeros(256, 784).to_sparse()},
    )
    save("state-list.pt", r"state-list.pt: missing or malformed weights", state_dict=[1, 2])
    save(
        "wrong-shape.pt",
        r"wrong-shape.pt: weights do not match the architecture \(net.1.weight is \(2, 2\)",
        state_dict={**state, "net.1.weight": torch.zeros(2, 2)},
    )
    save(
        "missing-weight.pt",
        r"missing-weight.pt: weights do not match the architecture \(missing net.3.bias",
        state_dict={k: v for k, v in state.items() if k != "net.3.bias"},
    )
    save("version-list.pt", r"version-list.pt has checkpoint version \[1\]", version=[1])
    torch.save({**ckpt, "metrics": {"note": _Payload()}}, folder / "code.pt")
    cases["code.pt"] = r"code.pt was refused: it holds Python objects, which can carry code"
    (folder / "text.pt").write_text("hello")
    cases["text.pt"] = r"text.pt is not a valid DigitPad checkpoint \(not a PyTorch zip archive\)"
    good = save_checkpoint(ckpt, folder / "good.pt").read_bytes()
    (folder / "truncated.pt").write_bytes(good[: len(good) // 2])
    cases["truncated.pt"] = r"truncated.pt is not a valid DigitPad checkpoint"
    (folder / "good.pt").unlink()
    os.mkfifo(folder / "fifo.pt")
    cases["fifo.pt"] = r"fifo.pt is not a regular file \(a FIFO, a device or a socket\), not a checkpoint"
    # a newcomer's zip of junk: PyTorch's reader answered in its own words (and asked to be reported)
    shutil.copy(Path(__file__).parent / "data" / "newcomer_junkzip.pt", folder / "junkzip.pt")
    cases["junkzip.pt"] = r"junkzip.pt is not a valid DigitPad checkpoint \(a damaged or foreign archive\)$"
    return cases

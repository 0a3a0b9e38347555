"""Build the PyInstaller bundle once (a few minutes) and use it as a person would.

The executable runs in a clean environment (no virtualenv, no PYTHONPATH, a fresh HOME),
so it can only use what the bundle holds.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed (pip install -e '.[package]')",
    ),
    pytest.mark.skipif(sys.platform != "linux", reason="the bundle test runs the Linux executable"),
]

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_S = 40 * 60


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """Build into a temporary folder once for the module; remove it afterwards (about 1 GB)."""
    spec = importlib.util.spec_from_file_location("digitpad_build", ROOT / "packaging" / "build.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    base = tmp_path_factory.mktemp("bundle")
    exe = builder.build(base / "dist", base / "work", quiet=True, timeout=BUILD_TIMEOUT_S)
    shutil.rmtree(base / "work", ignore_errors=True)
    yield exe
    shutil.rmtree(base, ignore_errors=True)


def run(exe: Path, *args: str, home: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run([str(exe), *args], env=env, cwd=home, capture_output=True, text=True, timeout=timeout)


def test_bundle_holds_what_the_app_needs_and_nothing_else(bundle):
    internal = bundle.parent / "_internal"
    for asset in ("digitnet.pt", "trajectory.pt", "notdigit.pt"):  # the networks that read ink and pictures
        assert (internal / "assets" / asset).is_file(), asset
    assert (internal / "assets" / "icon.png").is_file()
    assert (internal / "assets" / "samples" / "inks.jsonl").is_file()
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqoffscreen.so").is_file()
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert list((internal / "PySide6" / "Qt" / "translations").glob("qtbase_*.qm"))
    assert list((internal / "app" / "i18n").glob("*.qm"))
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    unwanted = [
        r"^tests/",
        r"^PyQt[56]",
        r"^PySide2",
        r"_tkinter",
        r"^triton/",
        r"Qt6?WebEngine",
        r"Qt6?3D",
        r"Qt6?Quick",
        r"Qt6?Multimedia",
        r"libcudnn_",
        r"libcusolver",
        r"libtorch_cuda_linalg",
        r"__pycache__",
        r"^torch/include/",
        r"^torch/testing/_internal/data",
    ]
    found = {pattern: [n for n in names if re.search(pattern, n)][:3] for pattern in unwanted}
    assert {p: f for p, f in found.items() if f} == {}


def test_cuda_libraries_are_stubs_and_the_bundle_stays_small(bundle):
    internal = bundle.parent / "_internal"
    stubs = [
        p
        for name in ("libcublasLt.so*", "libnccl.so*", "libcufft.so*")
        for p in internal.rglob(name)
        if not p.is_symlink()
    ]
    assert len(stubs) == 3
    assert all(p.stat().st_size < 1_000_000 for p in stubs)  # the real ones: 540, 250, 290 MB
    size = sum(p.stat().st_size for p in internal.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 1.6e9, f"bundle grew to {size / 1e9:.2f} GB"


def test_self_test_passes_without_the_virtualenv(bundle, tmp_path):
    result = run(bundle, "--self-test", home=tmp_path)
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert "FAIL" not in result.stdout


def test_version_is_printed(bundle, tmp_path):
    result = run(bundle, "--version", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"DigitPad \d+\.\d+\.\d+\s*", result.stdout)


def test_predict_reads_sample_images_and_inks(bundle, tmp_path):
    samples = ROOT / "assets" / "samples"
    images = sorted((samples / "images").glob("*.png"))
    result = run(bundle, "predict", *map(str, images), "--ink", str(samples / "inks.jsonl"), home=tmp_path)
    assert result.returncode == 0, result.stderr
    inks = [json.loads(line) for line in (samples / "inks.jsonl").read_text().splitlines() if line.strip()]
    expected = [int(p.name.split("-")[0]) for p in images] + [int(ink["label"]) for ink in inks]
    got = [json.loads(line).get("digit") for line in result.stdout.splitlines() if line.strip()]
    assert got == expected


def test_train_from_the_bundle_saves_into_the_user_data_folder(bundle, tmp_path):
    data = bundle.parent / "_internal" / "assets" / "samples" / "mnist-mini"
    before = {p for p in bundle.parent.rglob("*")}
    result = run(bundle, "train", "--arch", "cnn", "--epochs", "1", "--data", str(data), home=tmp_path)
    assert result.returncode == 0, result.stderr
    saved = list((tmp_path / ".local" / "share" / "DigitPad" / "models").glob("cnn-*.pt"))
    assert len(saved) == 1, result.stderr
    assert {p for p in bundle.parent.rglob("*")} == before  # nothing written into the bundle


def test_bad_input_gets_a_clear_message(bundle, tmp_path):
    missing = run(bundle, "predict", "--strict", str(tmp_path / "missing.png"), home=tmp_path)
    assert missing.returncode == 1
    assert "missing.png" in missing.stdout
    bad_model = tmp_path / "bad.pt"
    bad_model.write_bytes(b"not a checkpoint")
    result = run(bundle, "evaluate", "--model", str(bad_model), home=tmp_path)
    assert result.returncode == 2
    assert "bad.pt" in result.stderr
    assert "Traceback" not in missing.stderr + result.stderr

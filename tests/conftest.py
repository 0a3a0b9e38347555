"""Shared test setup: headless Qt, an isolated user data folder, and the data sets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
MNIST_MINI = DATA.parents[1] / "assets" / "samples" / "mnist-mini"  # 600 train + 300 test official MNIST digits
DIGITS_FOLDER = DATA / "digits-folder"  # ImageFolder tree: train/0..9, test/0..9
FULL_MNIST_ENV = "DIGITPAD_TEST_MNIST"


def digitpad(*args: str) -> list[dict]:
    """Run the command line (`python -m app ARGS`) -> its JSON lines; it must succeed."""
    run = subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=300, cwd=REPO)
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def full_mnist_dir() -> Path | None:
    """The full official MNIST: $DIGITPAD_TEST_MNIST or ../shared/data/mnist beside the checkout."""
    candidates = [os.environ.get(FULL_MNIST_ENV), REPO.parent / "shared" / "data" / "mnist"]
    for c in candidates:
        if c and (Path(c) / "t10k-images-idx3-ubyte.gz").is_file():
            return Path(c)
    return None


def pendigits_path() -> Path | None:
    """pendigits-orig.tra of ../shared/data/pendigits-tra beside the checkout (or beside the
    worktrees' folder), or None."""
    for base in (REPO.parent, REPO.parent.parent):
        path = base / "shared" / "data" / "pendigits-tra" / "pendigits-orig.tra"
        if path.is_file():
            return path
    return None


@pytest.fixture(autouse=True)
def user_data_dir(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own DigitPad data folder; nothing touches the real one."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("DIGITPAD_DATA_DIR", str(folder))
    monkeypatch.delenv("DIGITPAD_MNIST", raising=False)
    return folder


@pytest.fixture
def mnist_mini() -> Path:
    return MNIST_MINI


@pytest.fixture
def digits_folder() -> Path:
    return DIGITS_FOLDER


@pytest.fixture
def full_mnist() -> Path:
    folder = full_mnist_dir()
    if folder is None:
        pytest.skip(f"full MNIST not found (set {FULL_MNIST_ENV} or put it in ../shared/data/mnist)")
    return folder

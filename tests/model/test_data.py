from __future__ import annotations

import gzip
import shutil

import pytest
import torch

from model.training.data import DataError, load_data


def test_mnist_folder_of_gz_idx_files(mnist_mini):
    train, test = load_data(mnist_mini, "train"), load_data(mnist_mini, "test")
    assert train.images.shape == (600, 28, 28) and train.images.dtype == torch.uint8
    assert test.labels.shape == (300,) and set(test.labels.tolist()) == set(range(10))
    assert test.source_of(5) == "#5"


def test_mnist_in_torchvision_layout_and_uncompressed(tmp_path, mnist_mini):
    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for gz in mnist_mini.glob("*.gz"):
        with gzip.open(gz) as src, open(raw / gz.stem, "wb") as dst:
            shutil.copyfileobj(src, dst)
    assert len(load_data(tmp_path, "test")) == 300


def test_image_folder_tree(digits_folder):
    test = load_data(digits_folder, "test")
    assert len(test) == 40 and test.images.dtype == torch.uint8
    assert test.sources[0].endswith(".png")
    # Dark ink on white files come out as white ink on black, like MNIST.
    assert test.images.float().mean() < 60


def test_clear_errors_for_wrong_folders(tmp_path, mnist_mini):
    with pytest.raises(DataError, match="data folder not found"):
        load_data(tmp_path / "nope", "train")
    with pytest.raises(DataError, match="holds neither the MNIST files"):
        load_data(tmp_path, "train")
    with pytest.raises(ValueError, match="split must be one of"):
        load_data(mnist_mini, "validation")


def test_truncated_idx_file(tmp_path, mnist_mini):
    for f in mnist_mini.iterdir():
        shutil.copy(f, tmp_path / f.name)
    images = tmp_path / "t10k-images-idx3-ubyte.gz"
    data = gzip.decompress(images.read_bytes())
    images.write_bytes(gzip.compress(data[:-100]))
    with pytest.raises(DataError, match="truncated or corrupt"):
        load_data(tmp_path, "test")


def test_default_mnist_missing_and_offline(monkeypatch, user_data_dir, mnist_mini):
    with pytest.raises(DataError, match="no MNIST data found.*--data DIR.*--download"):
        load_data(None, "train")
    from torchvision.datasets import MNIST

    monkeypatch.setattr(MNIST, "mirrors", ["http://127.0.0.1:9/"])  # nothing listens there: as offline
    with pytest.raises(DataError, match="could not download MNIST.*offline"):
        load_data(None, "train", download=True)
    monkeypatch.setenv("DIGITPAD_MNIST", str(mnist_mini))
    assert len(load_data(None, "train")) == 600


def test_check_data_folder_names_the_missing_files(tmp_path, mnist_mini):
    from model.training.data_folder import check_data_folder

    (tmp_path / "MNIST" / "raw").mkdir(parents=True)
    for name in ("train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        (tmp_path / "MNIST" / "raw" / name).write_bytes((mnist_mini / name).read_bytes())
    check = check_data_folder(tmp_path)
    assert not check.usable and check.missing == ["train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"]
    assert check_data_folder(mnist_mini).usable


def test_an_image_folder_says_what_it_left_out(tmp_path, digits_folder):
    tree = tmp_path / "tree"
    shutil.copytree(digits_folder, tree)
    (tree / "test" / "3" / "notes.png").write_text("not an image")
    (tree / "test" / "x").mkdir()
    test = load_data(tree, "test")
    assert len(test) == 40
    assert len(test.skipped) == 2
    assert any("notes.png" in s and "cannot read" in s for s in test.skipped)
    assert any(s.endswith("x: not a class folder (0..9)") for s in test.skipped)
    assert test.subset(5).skipped == test.skipped


def test_evaluate_names_what_it_left_out(tmp_path, digits_folder):
    from tests.model.test_cli import digitpad

    tree = tmp_path / "tree"
    shutil.copytree(digits_folder, tree)
    (tree / "test" / "3" / "notes.png").write_text("not an image")
    result = digitpad("evaluate", "--data", tree)
    assert result.returncode == 0, result.stderr
    assert "left out 1: " in result.stderr and "notes.png" in result.stderr
    assert "accuracy" in result.stdout

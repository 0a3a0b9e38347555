"""Make the small MNIST samples committed under tests/data from the full official set.

    python tests/data/make_samples.py ../shared/data/mnist

writes assets/samples/mnist-mini/ (the four IDX .gz files: 600 training and 300 test digits, the
first ones of each official file, so every class is present) and digits-folder/
(an ImageFolder tree, train/0..9 and test/0..9 PNGs) for the image-folder path.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from model.training.data import MNIST_FILES, find_mnist_files, read_idx  # noqa: E402

COUNTS = {"train": 600, "test": 300}
FOLDER_COUNTS = {"train": 12, "test": 4}  # per class


def write_idx(path: Path, array: np.ndarray) -> None:
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    with gzip.GzipFile(path, "wb", mtime=0) as fh:  # mtime=0: byte-identical reruns
        fh.write(header + array.astype(np.uint8).tobytes())


def main(source: Path) -> None:
    mini = HERE.parents[1] / "assets" / "samples" / "mnist-mini"  # the one copy: tests, self-test and app use it
    mini.mkdir(exist_ok=True)
    for split, count in COUNTS.items():
        images_path, labels_path = find_mnist_files(source, split)
        all_images, all_labels = read_idx(images_path), read_idx(labels_path)
        write_idx(mini / f"{MNIST_FILES[split][0]}.gz", all_images[:count])
        write_idx(mini / f"{MNIST_FILES[split][1]}.gz", all_labels[:count])
        for digit in range(10):
            out = HERE / "digits-folder" / split / str(digit)
            out.mkdir(parents=True, exist_ok=True)
            # Take digits from the end of the file: not the ones in mnist-mini.
            picks = np.flatnonzero(all_labels == digit)[-FOLDER_COUNTS[split] :]
            for i in picks:
                Image.fromarray(255 - all_images[i]).save(out / f"{split}-{i}.png")  # dark ink on white
    print(f"wrote {mini} and {HERE / 'digits-folder'}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else HERE.parents[2] / "shared" / "data" / "mnist"))

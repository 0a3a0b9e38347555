"""Training throughput per architecture: the engine vs the tutorials' way.

    python bench/train_speed.py [--mnist ../shared/data/mnist] [--batches 100] [--rounds 3] [--archs cnn,mlp]
    python bench/train_speed.py --archs numpy-cnn     # numpy-cnn beside the same network in PyTorch

The engine keeps MNIST in memory as one uint8 tensor and batches by indexing. The
baseline is how the classic tutorials do it: a DataLoader over
torchvision.datasets.MNIST with ToTensor + Normalize, batch 64, Adam, one PIL image
converted per sample. Both train the same network, in the same process, on the CPU.
A shared 2-core VM's speed drifts by +-20% from second to second, so each figure is
the median of --rounds measurements, the three loops taking turns within each round.

numpy-cnn (forward and backward in NumPy, model/numpynet/numpy_cnn.py) has its own table: the
engine's loop with its NumPy step (its preset: batch 100, SGD with momentum) beside the
same network in PyTorch (TorchCNN, autograd, torch.optim.SGD) fed the same way, with
torch's default threads and with one thread (the NumPy step runs on one BLAS thread).
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.nets import build_model  # noqa: E402
from model.numpynet.numpy_cnn import TorchCNN  # noqa: E402
from model.preprocess import uint8_to_input  # noqa: E402
from model.training.data import load_data  # noqa: E402
from model.training.train import TrainConfig, train  # noqa: E402

DEFAULT_MNIST = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist"


def engine_speed(arch: str, train_data, test_data, batches: int, augment: bool, batch_size: int) -> float:
    """Images/s of the engine's loop over `batches` batches (after 5 warm-up batches)."""
    cancel = threading.Event()
    marks: list[float] = []

    def on_batch(p):
        marks.append(time.perf_counter())
        if p.batch >= batches + 5:
            cancel.set()

    config = TrainConfig.for_arch(arch, epochs=1, batch_size=batch_size, augment=augment, device="cpu")
    train(config, on_batch=on_batch, cancel=cancel, train_data=train_data, test_data=test_data)
    return batches * batch_size / (marks[-1] - marks[4])


def tutorial_speed(arch: str, mnist_root: Path, batches: int) -> float:
    """Images/s of the tutorial loop: DataLoader + ToTensor, batch 64."""
    from torch.utils.data import DataLoader
    from torchvision import datasets, transforms

    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    loader = DataLoader(datasets.MNIST(str(mnist_root), train=True, transform=tf), batch_size=64, shuffle=True)
    model = build_model(arch).train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    start = None
    for i, (x, y) in enumerate(loader):
        if i == 5:
            start = time.perf_counter()
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()
        if i == batches + 5:
            break
    return batches * 64 / (time.perf_counter() - start)


def torch_twin_speed(train_data, batches: int, batch_size: int, threads: int | None) -> float:
    """Images/s of numpy-cnn's network in PyTorch: in-memory batches, autograd, SGD + momentum."""
    previous = torch.get_num_threads()
    torch.set_num_threads(threads or previous)
    try:
        torch.manual_seed(0)
        model = TorchCNN().train()
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True)
        order = torch.randperm(len(train_data))
        start = None
        for i in range(batches + 5):
            if i == 5:
                start = time.perf_counter()
            idx = order[i * batch_size : (i + 1) * batch_size]
            x = uint8_to_input(train_data.images[idx])  # (B,1,28,28)
            opt.zero_grad()
            F.cross_entropy(model(x), train_data.labels[idx]).backward()
            opt.step()
        return batches * batch_size / (time.perf_counter() - start)
    finally:
        torch.set_num_threads(previous)


def numpy_vs_torch(train_data, test_data, batches: int, rounds: int) -> None:
    batch_size = TrainConfig.for_arch("numpy-cnn").batch_size
    runs = [
        (
            engine_speed("numpy-cnn", train_data, test_data, batches, False, batch_size),
            torch_twin_speed(train_data, batches, batch_size, None),
            torch_twin_speed(train_data, batches, batch_size, 1),
        )
        for _ in range(rounds)
    ]
    numpy_, torch_n, torch_1 = (statistics.median(column) for column in zip(*runs))
    print(f"\nnumpy-cnn, batch {batch_size}: NumPy (1 BLAS thread) vs the same network in PyTorch (images/s)")
    print(
        f"{'NumPy':>10}{f'torch x{torch.get_num_threads()}':>12}{'torch x1':>10}{'torch/NumPy':>13}{'torch x1/NumPy':>16}"
    )
    print(
        f"{numpy_:>10,.0f}{torch_n:>12,.0f}{torch_1:>10,.0f}{torch_n / numpy_:>12.2f}x{torch_1 / numpy_:>15.2f}x",
        flush=True,
    )


def torchvision_layout(mnist: Path, root: Path) -> Path:
    """torchvision's MNIST wants root/MNIST/raw/<uncompressed files>."""
    raw = root / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for gz in mnist.glob("*-ubyte.gz"):
        with gzip.open(gz) as src, open(raw / gz.stem, "wb") as dst:
            shutil.copyfileobj(src, dst)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mnist", type=Path, default=DEFAULT_MNIST)
    parser.add_argument("--batches", type=int, default=100, help="timed batches per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="measurements per figure (the median is shown)")
    parser.add_argument("--archs", default="mlp,mlp-deep,cnn,digitnet,alexnet,numpy-cnn")
    parser.add_argument("--batch-size", type=int, default=128, help="engine batch size")
    args = parser.parse_args()
    train_data, test_data = load_data(args.mnist, "train"), load_data(args.mnist, "test").subset(10)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, engine batch {args.batch_size}")
    archs = args.archs.split(",")
    torch_archs = [a for a in archs if a != "numpy-cnn"]
    if torch_archs:
        print(f"{'arch':<10}{'engine':>12}{'engine+aug':>12}{'tutorial':>12}{'speed-up':>10}   (images/s)")
    with tempfile.TemporaryDirectory() as tmp:
        root = torchvision_layout(args.mnist, Path(tmp))
        for arch in torch_archs:
            n = max(5, args.batches // 10) if arch == "alexnet" else args.batches
            runs = [
                (
                    engine_speed(arch, train_data, test_data, n, False, args.batch_size),
                    engine_speed(arch, train_data, test_data, n, True, args.batch_size),
                    tutorial_speed(arch, root, n * args.batch_size // 64),
                )
                for _ in range(args.rounds)
            ]
            plain, aug, base = (statistics.median(column) for column in zip(*runs))
            ratios = sorted(p / b for p, _, b in runs)
            spread = f"   (rounds: {ratios[0]:.1f}x to {ratios[-1]:.1f}x)" if len(runs) > 1 else ""
            print(f"{arch:<10}{plain:>12,.0f}{aug:>12,.0f}{base:>12,.0f}{plain / base:>9.1f}x{spread}", flush=True)
    if "numpy-cnn" in archs:
        numpy_vs_torch(train_data, test_data, args.batches, args.rounds)


if __name__ == "__main__":
    main()

"""The headless command line: `digitpad train | evaluate | predict | adapt | samples`.

Errors are one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Sequence

from model.device import DEVICE_CHOICES, PRECISION_CHOICES
from model.nets import ARCHITECTURES
from model.train_config import OPTIMIZERS, SCHEDULES, TrainConfig

EXIT_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE if hasattr(signal, "SIGPIPE") else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digitpad", description="Recognize handwritten digits; train and evaluate the models.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_train(sub.add_parser("train", help="train a model (progress bar; Ctrl+C stops and keeps a resumable checkpoint)"))
    _add_evaluate(sub.add_parser("evaluate", help="accuracy, per-class report, confusion matrix, mistakes"))
    from .predict import add_predict_arguments

    add_predict_arguments(sub.add_parser("predict", help="recognize image files or inks (JSON Lines)"))
    from .adapt import add_adapt_arguments, add_samples_arguments

    add_adapt_arguments(sub.add_parser("adapt", help="fine-tune a model on one person's labelled drawings"))
    add_samples_arguments(sub.add_parser("samples", help="your kept drawings: list, export, import"))
    return parser


def _add_train(p: argparse.ArgumentParser) -> None:
    d = TrainConfig()
    p.add_argument("--arch", default=d.arch, choices=list(ARCHITECTURES), help=f"architecture (default {d.arch})")
    p.add_argument("--data", help="MNIST folder (the four .gz files) or ImageFolder tree with train/ and test/")
    p.add_argument("--download", action="store_true", help="download MNIST with torchvision if it is missing")
    p.add_argument("--epochs", type=int, help=f"number of epochs (default {d.epochs})")
    p.add_argument("--batch-size", type=int, default=d.batch_size)
    p.add_argument("--lr", type=float, default=d.lr, help="peak learning rate")
    p.add_argument("--optimizer", default=d.optimizer, choices=OPTIMIZERS)
    p.add_argument("--schedule", default=d.schedule, choices=SCHEDULES)
    p.add_argument("--weight-decay", type=float, default=d.weight_decay)
    p.add_argument("--no-augment", dest="augment", action="store_false", help="turn augmentation off")
    p.add_argument("--label-smoothing", type=float, default=d.label_smoothing)
    p.add_argument("--seed", type=int, default=d.seed)
    p.add_argument("--device", default=d.device, choices=DEVICE_CHOICES)
    p.add_argument("--precision", choices=PRECISION_CHOICES,
                   help="auto (default): bf16 mixed precision where the CPU or GPU runs it natively")
    p.add_argument("--threads", type=int, help="CPU threads for PyTorch")
    p.add_argument("--limit", type=int, dest="train_limit", help="train on the first N digits only")
    p.add_argument("--out", type=Path, help="where to save the model (default: your DigitPad models folder)")
    p.add_argument("--resume", type=Path, metavar="CHECKPOINT", help="continue a stopped training")


def _add_evaluate(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", type=Path, help="checkpoint to evaluate (default: the bundled model)")
    p.add_argument("--data", help="MNIST folder or ImageFolder tree (default: your MNIST folder)")
    p.add_argument("--split", default="test", choices=["test", "train"])
    p.add_argument("--device", default="auto", choices=DEVICE_CHOICES)
    p.add_argument("--json", action="store_true", help="print one JSON object")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    handler = {"train": cmd_train, "evaluate": cmd_evaluate}.get(args.command)
    if handler is None:
        from .adapt import cmd_adapt, cmd_samples
        from .predict import cmd_predict

        handler = {"adapt": cmd_adapt, "samples": cmd_samples}.get(args.command, cmd_predict)
    try:
        return handler(args)
    except BrokenPipeError:
        # The reader left early (`digitpad predict ... | head`): stop quietly, as Unix
        # tools do, and keep Python from failing again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except (ValueError, RuntimeError, OSError) as exc:  # ValueError covers data and checkpoint errors
        print(f"digitpad {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def cmd_train(args: argparse.Namespace) -> int:
    from model.checkpoint import read_checkpoint, save_checkpoint
    from model.data import load_data
    from model.device import select_device
    from model.paths import models_dir
    from model.train import resume_config, train

    resume = None
    if args.resume:
        resume = read_checkpoint(args.resume)
        config = resume_config(resume, epochs=args.epochs, device=args.device, threads=args.threads, data=args.data,
                               precision=args.precision)
        out = args.out or args.resume
    else:
        fields = ("arch", "data", "download", "batch_size", "lr", "optimizer", "schedule", "weight_decay",
                  "augment", "label_smoothing", "seed", "device", "threads", "train_limit")
        values = {f: getattr(args, f) for f in fields}
        for optional in ("epochs", "precision"):
            if getattr(args, optional) is not None:
                values[optional] = getattr(args, optional)
        config = TrainConfig(**values)
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        out = args.out or models_dir() / f"{config.arch}-{stamp}.pt"
    select_device(config.device)  # fail before loading anything
    train_data = load_data(config.data, "train", config.download)
    test_data = load_data(config.data, "test", config.download)
    bar = ProgressBar(sys.stderr)
    cancel = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: cancel.set())
    try:
        print(f"training {config.arch} for {config.epochs} epochs on {train_data.name} -> {out}", file=sys.stderr)
        result = train(config, bar.batch, bar.epoch, cancel, resume, train_data, test_data)
    finally:
        signal.signal(signal.SIGINT, previous)
        bar.close()
    save_checkpoint(result.checkpoint, out)
    if result.cancelled:
        state = result.checkpoint["train"]
        print(f"stopped at epoch {state['epoch'] + 1}, batch {state['step']}; saved {out}\n"
              f"resume with: digitpad train --resume {out}", file=sys.stderr)
        return EXIT_INTERRUPTED
    acc = result.report.accuracy if result.report else float("nan")
    print(f"done in {result.seconds:.0f} s: test accuracy {acc:.2%}; saved {out}", file=sys.stderr)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from model.checkpoint import load_model
    from model.data import load_data
    from model.device import select_device
    from model.evaluate import evaluate

    from .report import format_report
    from model.paths import bundled_model_path

    device = select_device(args.device)
    loaded = load_model(args.model or bundled_model_path())
    data = load_data(args.data, args.split)
    report = evaluate(loaded.model.to(device), data, device)
    if args.json:
        print(json.dumps({"model": str(loaded.path), "arch": loaded.arch, **report.to_dict()}))
    else:
        print(f"model: {loaded.path} ({loaded.arch})")
        print(format_report(report))
    return 0


class ProgressBar:
    """A one-line progress bar on a terminal; plain epoch lines otherwise (logs, CI)."""

    def __init__(self, stream, width: int = 24) -> None:
        self.stream, self.width = stream, width
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self._last = 0.0

    def batch(self, p) -> None:
        now = time.monotonic()
        if not self.tty or (now - self._last < 0.1 and p.batch < p.batches):
            return
        self._last = now
        filled = int(self.width * p.batch / p.batches)
        bar = "#" * filled + "-" * (self.width - filled)
        eta = _dt.timedelta(seconds=int(p.eta_seconds))
        self.stream.write(f"\repoch {p.epoch}/{p.epochs} [{bar}] {p.batch}/{p.batches} "
                          f"loss {p.loss:.4f} acc {p.accuracy:.2%} {p.images_per_sec:,.0f} img/s ETA {eta} ")
        self.stream.flush()

    def epoch(self, r) -> None:
        prefix = "\r\033[K" if self.tty else ""
        self.stream.write(f"{prefix}epoch {r.epoch}/{r.epochs}: train loss {r.train_loss:.4f} acc {r.train_accuracy:.2%} | "
                          f"test loss {r.test_loss:.4f} acc {r.test_accuracy:.2%} | {r.seconds:.0f} s, "
                          f"{r.images_per_sec:,.0f} img/s\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
            self.stream.flush()

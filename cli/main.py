"""The headless command line: `digitpad train | evaluate | predict | adapt | samples`.

Errors are one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from model.training.device import DEVICE_CHOICES
from model.training.train_config import ARCH_PRESETS, PRESETS, TrainConfig, cli_fields

from .parser import Parser
from .version import package_version

EXIT_ERROR = 2
EXIT_INTERNAL = 1  # a fault in DigitPad itself, not in what it was given
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE if hasattr(signal, "SIGPIPE") else 1


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="digitpad",
        description="Recognize handwritten digits; train and evaluate the models.",
        epilog="Without a command, digitpad opens the app (digitpad [--model FILE] [IMAGE]). "
        'A file name starting with "-" goes after "=": --model=-name.pt.',
    )
    parser.add_argument("--version", action="version", version=f"DigitPad {package_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_train(
        sub.add_parser("train", help="train a model (progress bar; Ctrl+C stops and keeps a resumable checkpoint)")
    )
    _add_evaluate(sub.add_parser("evaluate", help="accuracy, per-class report, confusion matrix, mistakes"))
    from .predict import add_predict_arguments

    add_predict_arguments(sub.add_parser("predict", help="recognize image files or inks (JSON Lines)"))
    from .adapt import add_adapt_arguments, add_samples_arguments

    add_adapt_arguments(sub.add_parser("adapt", help="fine-tune a model on one person's labelled drawings"))
    add_samples_arguments(sub.add_parser("samples", help="your kept drawings: list, export, import"))
    return parser


def _add_train(p: argparse.ArgumentParser) -> None:
    """The training flags, generated from TrainConfig's fields (help, choices and defaults
    are written once, there). Every flag defaults to None: only what the user gave
    overrides the preset (or, with --resume, the checkpoint's config)."""
    defaults = TrainConfig()
    p.add_argument(
        "--preset",
        default="default",
        choices=list(PRESETS),
        help=f"starting values (default: the bundled model's recipe; quick: {_describe(PRESETS['quick'])})",
    )
    for f in cli_fields():
        flag = f.metadata["flag"] or "--" + f.name.replace("_", "-")
        default = getattr(defaults, f.name)
        if isinstance(default, bool):
            if default:  # on by default: the flag turns it off
                flag = "--no-" + flag.removeprefix("--")
            p.add_argument(
                flag,
                dest=f.name,
                action="store_const",
                const=not default,
                default=None,
                help=("turn off " if default else "") + f.metadata["help"],
            )
            continue
        kind = _field_type(f)
        shown = "" if default is None else f" (default {default}{_preset_note(f.name)})"
        p.add_argument(
            flag,
            dest=f.name,
            type=kind,
            default=None,
            choices=f.metadata["choices"],
            metavar=f.metadata["metavar"],
            help=f.metadata["help"] + shown,
        )
    p.add_argument("--out", type=Path, help="where to save the model (default: your DigitPad models folder)")
    p.add_argument("--force", action="store_true", help="replace an existing model at --out")
    p.add_argument("--resume", type=Path, metavar="CHECKPOINT", help="continue a stopped training")


def _field_type(f: dataclasses.Field) -> type:
    """int, float or str, from the field's annotation (a string under `from __future__ import annotations`)."""
    annotation = str(f.type)
    for kind in (int, float):
        if annotation.startswith(kind.__name__):
            return kind
    return str


def _describe(values: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in values.items())


def _preset_note(field: str) -> str:
    """'; numpy-cnn: 0.1' for the architectures whose preset sets field."""
    return "".join(f"; {arch}: {preset[field]}" for arch, preset in ARCH_PRESETS.items() if field in preset)


def _add_evaluate(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", type=Path, help="checkpoint to evaluate (default: the bundled model)")
    p.add_argument("--data", help="MNIST folder or ImageFolder tree (default: your MNIST folder)")
    p.add_argument(
        "--ink",
        metavar="FILE",
        help='labelled inks instead, JSON Lines: {"strokes": [...], "label": 7, "writer": "w1"} per line; '
        "prints accuracy, per-writer accuracy (mean, worst) and confusion pairs",
    )
    p.add_argument("--split", default="test", choices=["test", "train"])
    download = next(f for f in dataclasses.fields(TrainConfig) if f.name == "download")  # train's flag, as train has it
    p.add_argument("--download", action="store_true", help=download.metadata["help"])
    p.add_argument("--device", default="auto", choices=DEVICE_CHOICES)
    p.add_argument("--json", action="store_true", help="print one JSON object")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    from model.logs import configure_logging
    from model.paths import data_folder_problem

    problem = data_folder_problem()
    if problem and args.command != "predict":  # predict reads only what it is given
        print(f"digitpad {args.command}: error: {problem}", file=sys.stderr)
        return EXIT_ERROR
    log = configure_logging("cli")
    log.info("digitpad %s", " ".join(sys.argv[1:] if argv is None else argv))
    from .train_cmd import cmd_train

    handler = {"train": cmd_train, "evaluate": cmd_evaluate}.get(args.command)
    if handler is None:
        from .adapt import cmd_adapt, cmd_samples
        from .predict import cmd_predict

        handler = {"adapt": cmd_adapt, "samples": cmd_samples}.get(args.command, cmd_predict)
    from .signals import exit_status, interruptible, signal_of

    try:
        with interruptible():
            return handler(args)
    except BrokenPipeError:
        # The reader left early (`digitpad predict ... | head`): stop quietly, as Unix
        # tools do, and keep Python from failing again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt as exc:  # outside a training's own handling: nothing is being saved
        signum = signal_of(exc)
        print(f"digitpad {args.command}: interrupted ({signal.Signals(signum).name})", file=sys.stderr)
        return exit_status(signum)
    except OSError as exc:
        from model.atomic import describe_os_error

        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"digitpad {args.command}: error: {where}{describe_os_error(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except (ValueError, RuntimeError) as exc:  # ValueError covers data and checkpoint errors
        log.error("digitpad %s failed: %s", args.command, exc)
        print(f"digitpad {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a fault of ours: one line for the user, the traceback in the log
        from model.paths import logs_dir

        log.exception("digitpad %s failed unexpectedly", args.command)
        words = " ".join(str(exc).split())[:200]  # one line, however the library wrote it
        print(
            f"digitpad {args.command}: internal error: {type(exc).__name__}: {words} "
            f"(a fault in DigitPad; the details are in {logs_dir()})",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def cmd_evaluate(args: argparse.Namespace) -> int:
    from model.checkpoints.checkpoint import load_model
    from model.paths import bundled_model_path
    from model.training.data import load_data
    from model.training.device import select_device
    from model.training.evaluate import evaluate

    from .report import format_report

    if args.ink is not None:
        return _evaluate_ink(args)
    device = select_device(args.device)
    loaded = load_model(args.model or bundled_model_path())
    data = load_data(args.data, args.split, args.download)
    if data.skipped:  # an image folder's unreadable files and stray folders: said, not hidden
        shown = "; ".join(data.skipped[:3]) + (f"; and {len(data.skipped) - 3} more" if len(data.skipped) > 3 else "")
        print(f"digitpad evaluate: left out {len(data.skipped)}: {shown}", file=sys.stderr)
    report = evaluate(loaded.model.to(device), data, device)
    if args.json:
        print(
            json.dumps({"model": str(loaded.path), "arch": loaded.arch, **report.to_dict(), "left_out": data.skipped})
        )
    else:
        print(f"model: {loaded.path} ({loaded.arch})")
        print(format_report(report))
    return 0


def _evaluate_ink(args: argparse.Namespace) -> int:
    from model.pen.ink_eval import evaluate_inks, parse_labelled_inks
    from model.predictor import Predictor

    from .ink_report import format_ink_report

    if args.data is not None:
        raise ValueError("give --data or --ink, not both")
    from model.pen.ink_file import InkFileError

    from .ink_input import ink_file_lines, open_ink

    with open_ink(args.ink) as stream:
        try:
            inks = parse_labelled_inks(_whole_lines(ink_file_lines(stream, args.ink)))
        except InkFileError:
            raise  # no ink file at all: its one line names the file already
        except ValueError as exc:  # "line 7: why", naming the file too
            raise ValueError(f"{args.ink}: {exc}") from None
    predictor = Predictor.load(args.model)
    report = evaluate_inks(predictor, inks, str(args.ink))
    if args.json:
        print(json.dumps({"model": str(predictor.path), "arch": predictor.arch, **report.to_dict()}))
    else:
        print(f"model: {predictor.path} ({predictor.arch})")
        print(format_ink_report(report))
    return 0


def _whole_lines(numbered):
    """The lines of cli.ink_input.ink_file_lines; ValueError at the first one too long to read."""
    for _lineno, line in numbered:
        if isinstance(line, ValueError):
            raise line
        yield line


class ProgressBar:
    """Training progress on stderr: a tqdm bar per epoch on a terminal (none in logs and
    CI), and one summary line per epoch everywhere."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self._bar: tqdm | None = None
        self._epoch = 0

    def batch(self, p) -> None:
        if self._bar is None or self._epoch != p.epoch:
            self.close()
            self._epoch = p.epoch
            # disable=None: no bar when the stream is not a terminal
            self._bar = tqdm(
                total=p.batches,
                desc=f"epoch {p.epoch}/{p.epochs}",
                unit="batch",
                file=self.stream,
                disable=None,
                leave=False,
                dynamic_ncols=True,
            )
        self._bar.set_postfix_str(
            f"loss {p.loss:.4f} acc {p.accuracy:.2%} {p.images_per_sec:,.0f} img/s", refresh=False
        )
        self._bar.update(p.batch - self._bar.n)

    def epoch(self, r) -> None:
        self.close()
        tqdm.write(
            f"epoch {r.epoch}/{r.epochs}: train loss {r.train_loss:.4f} acc {r.train_accuracy:.2%} | "
            f"test loss {r.test_loss:.4f} acc {r.test_accuracy:.2%} | {r.seconds:.0f} s, "
            f"{r.images_per_sec:,.0f} img/s",
            file=self.stream,
        )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

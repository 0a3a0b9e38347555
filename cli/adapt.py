"""`digitpad adapt` (fine-tune a model on one person's drawings) and `digitpad samples`
(the kept drawings: list, export, import). Errors are one line (cli/main.py prints them).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
import threading
from pathlib import Path

from model.adaptation.adapt import AdaptConfig

from .saving import check_save_target, data_folder_target
from .signals import StopSignals


def add_adapt_arguments(p: argparse.ArgumentParser) -> None:
    d = AdaptConfig()
    p.description = (
        "Fine-tune a model on labelled drawings of one person's hand, mixed with replayed MNIST, "
        "and report the cross-validated accuracy on those drawings before and after. A model that reads "
        "ink with a trajectory network (the bundled one) has a copy of it adapted too, saved in the same file."
    )
    p.add_argument(
        "--ink",
        metavar="FILE",
        help='JSON Lines, one {"strokes": [...], "label": d} per line (default: your kept drawings)',
    )
    p.add_argument("--out", type=Path, help="where to save the adapted model (default: your DigitPad models folder)")
    p.add_argument("--force", action="store_true", help="replace an existing model at --out")
    p.add_argument("--model", type=Path, help="the model to adapt (default: the bundled model)")
    p.add_argument("--steps", type=int, default=d.steps, help=f"fine-tuning steps (default {d.steps})")
    p.add_argument(
        "--trajectory-steps",
        type=int,
        default=d.trajectory_steps,
        help=f"fine-tuning steps of the trajectory network, when the model has one (default {d.trajectory_steps}; "
        "0 keeps it unchanged)",
    )
    p.add_argument(
        "--folds",
        type=int,
        default=d.folds,
        help=f"cross-validation folds for the before/after accuracy on your drawings (default {d.folds}; "
        "each fold is one more fine-tuning); 0 skips them",
    )
    p.add_argument("--seed", type=int, default=d.seed)
    p.add_argument("--threads", type=int, help="CPU threads for PyTorch")


def add_samples_arguments(p: argparse.ArgumentParser) -> None:
    p.description = "Your kept drawings (My handwriting): count them, export them, import them on another machine."
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("list", help="how many drawings are kept, per digit")
    export = sub.add_parser("export", help="write them to a JSON Lines file")
    export.add_argument("file", type=Path)
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    sub.add_parser("import", help="add the labelled inks of a JSON Lines file").add_argument("file", type=Path)


def read_labelled_inks(name: str) -> list:
    """The Samples of a JSON Lines file, strictly: ValueError "FILE: line N: why" for the
    first bad line (blank lines are skipped; line numbers are the file's: lines end at
    \\n only, never at a Unicode line separator inside a string)."""
    from model.pen.json_lines import not_utf8
    from model.pen.samples import SampleError, parse_sample_line

    from .ink_input import ink_file_lines, open_ink

    numbered = []
    with open_ink(name) as stream:
        for lineno, raw in ink_file_lines(stream, name):
            if isinstance(raw, ValueError):
                raise ValueError(f"{name}: {raw}")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ValueError(f"{name}: line {lineno}: {not_utf8(exc)}") from None
            if line.strip():
                numbered.append((lineno, line))
    if not any('"label"' in line for _, line in numbered):
        raise ValueError(f'{name} has no labels: each line needs "strokes" and a "label" 0-9')
    samples = []
    for lineno, line in numbered:
        try:
            samples.append(parse_sample_line(line, lineno))
        except SampleError as exc:
            raise ValueError(f"{name}: {exc}") from None
    if len(samples) < 2:
        raise ValueError(f"{name} holds only {len(samples)} drawing: adapting needs at least 2")
    return samples


def cmd_adapt(args: argparse.Namespace) -> int:
    from model.adaptation.adapt import adapt
    from model.checkpoints.checkpoint import read_checkpoint, save_checkpoint
    from model.paths import bundled_model_path, models_dir
    from model.pen.samples import SampleStore
    from model.training.train import warm_up
    from model.trajectory_net.trajectory_pairing import paired_trajectory

    warm_up()  # torch's lazy imports (~2-4 s) in a thread, beside reading and rendering the drawings
    config = AdaptConfig(
        steps=args.steps,
        folds=args.folds,
        seed=args.seed,
        threads=args.threads,
        trajectory_steps=args.trajectory_steps,
    )
    config.validate()
    if args.ink is not None:
        samples = read_labelled_inks(args.ink)
    else:
        samples = SampleStore().load()
        if len(samples) < 2:
            raise ValueError(f"you have kept {len(samples)} drawing(s): adapting needs at least 2 (or give --ink FILE)")
    base_path = args.model or bundled_model_path()
    base = read_checkpoint(base_path)
    trajectory = paired_trajectory(base, base_path)  # the one it reads ink with: adapted beside it
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = args.out or data_folder_target(models_dir() / f"{base['arch']}-adapted-{stamp}.pt")
    check_save_target(out, "--out", "adapted.pt")
    if Path(out).exists() and Path(out).resolve() == Path(base_path).resolve():
        raise ValueError(f"--out {out} is the model being adapted; choose another --out to keep the base model")
    if Path(out).exists() and not args.force:  # as train's --out: never replace a model unasked
        raise ValueError(f"{out} already holds a model; choose another --out, or add --force to replace it")
    cancel = threading.Event()
    progress = _Progress(sys.stderr)
    # SIGINT, SIGTERM, SIGHUP stop the adaptation within one step (exit 128 + the signal);
    # one arriving while the finished model is saved is only noted: the save completes.
    with StopSignals(cancel) as stop:
        try:
            print(f"adapting {base_path.name} to {len(samples)} drawings -> {out}", file=sys.stderr)
            result = adapt(
                base,
                [s.strokes for s in samples],
                [s.label for s in samples],
                config,
                progress,
                cancel,
                base_name=base_path.name,
                trajectory=trajectory,
            )
        finally:
            progress.close()
        if result.cancelled:
            print(f"stopped ({stop.received[0] if stop.received else 'cancelled'}); nothing saved", file=sys.stderr)
            return stop.exit_status
        assert result.checkpoint is not None  # a run that was not cancelled made one
        save_checkpoint(result.checkpoint, out, make_parents=False)  # the folder was checked
    gain = ""
    if result.before is not None and result.after is not None:
        gain = (
            f"accuracy on these drawings {result.before:.1%} before, {result.after:.1%} after "
            f"(cross-validated, {result.folds} folds); "
        )
    both = ""
    if "trajectory" in result.checkpoint:  # carried along; adapted only when it took steps
        adapted = config.trajectory_steps > 0
        both = " (with its adapted trajectory network)" if adapted else " (with its trajectory network, not adapted)"
    print(f"done in {result.seconds:.1f} s: {gain}saved {out}{both}", file=sys.stderr)
    return 0


def cmd_samples(args: argparse.Namespace) -> int:
    from model.pen.samples import SampleStore

    store = SampleStore()
    if args.action == "list":
        counts = store.counts()
        unreadable = store.unreadable()  # kept in the file as they are; named on stderr
        for problem in unreadable:
            print(f"cannot read {problem} (the line is kept as it is)", file=sys.stderr)
        listing = {"file": str(store.path), "total": sum(counts), "per_digit": counts, "unreadable": len(unreadable)}
        print(json.dumps(listing))
    elif args.action == "export":
        check_save_target(args.file, "the export file", "handwriting.jsonl")
        if args.file.exists() and not args.force:  # as train's --out: an earlier export is finished work
            raise ValueError(f"{args.file} already exists; choose another file, or add --force to replace it")
        count = store.export(args.file)
        print(f"exported {count} drawings to {args.file}", file=sys.stderr)
    else:
        try:
            result = store.import_file(args.file)
        except FileNotFoundError:
            raise ValueError(f"no such file: {args.file}") from None
        for problem in result.problems:
            print(f"skipped {problem}", file=sys.stderr)
        kept = f" ({result.already_kept} kept already)" if result.already_kept else ""
        print(f"imported {result.added} drawings into {store.path}{kept}", file=sys.stderr)
    return 0


class _Progress:
    """Adaptation progress on stderr: a rewritten line on a terminal, one line per stage otherwise."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, p) -> None:
        if p.user_loss is None:  # preparing the drawings (AdaptProgress.stage PREPARING)
            if self.tty:
                self.stream.write(f"\r{p.stage} drawings {p.step}/{p.steps} ({p.fraction:.0%}) ")
            elif p.step == p.steps:
                self.stream.write(f"{p.stage} drawings: {p.steps} done ({p.fraction:.0%})\n")
            self.stream.flush()
            return
        losses = f"cross-entropy on your drawings {p.user_loss:.4f}"
        if p.distill_loss is not None:
            losses += f", distillation on replayed MNIST {p.distill_loss:.4f}"
        if self.tty:
            self.stream.write(f"\r{p.stage}: step {p.step}/{p.steps}, {losses} ({p.fraction:.0%}) ")
        elif p.step == p.steps:
            self.stream.write(f"{p.stage}: {p.steps} steps, {losses} ({p.fraction:.0%})\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
            self.stream.flush()

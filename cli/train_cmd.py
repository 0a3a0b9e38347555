"""`digitpad train`: a training that never loses finished work.

- The model goes to --out (default: the user's models folder) only when the training
  has finished. Resumable state goes to its own file beside it, NAME.partial.pt:
  saved atomically at every epoch end (a kill or an out-of-memory end loses at most
  one epoch), and on a stop. A finished or better model is never replaced by an
  interrupted one.
- SIGINT (Ctrl+C), SIGTERM and SIGHUP stop the training within one batch and save
  the resumable state, then exit 128 + the signal's number (130, 143, 129:
  cli/signals.py); from then until the last save is on disk, further signals are
  only noted, so a Ctrl+C during the final save does not lose the run.
- A save that fails (a full disk) is one line saying what is kept where.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
import threading
from pathlib import Path
from typing import Any

from model.training.train_config import TrainConfig, cli_fields, preset

from .saving import check_save_target, data_folder_target
from .signals import StopSignals


class SaveFailed(RuntimeError):
    """A save failed (OSError); the message says what is kept where. Printed as one line."""


def cmd_train(args: argparse.Namespace) -> int:
    from model.checkpoints.checkpoint import read_checkpoint
    from model.paths import finished_path, partial_path
    from model.training.data import load_data, load_training_data
    from model.training.device import select_device
    from model.training.train import resume_config, train

    from .main import ProgressBar

    given = {f.name: getattr(args, f.name) for f in cli_fields() if getattr(args, f.name) is not None}
    resume = None
    if args.resume:
        resume = read_checkpoint(args.resume)
        config = resume_config(resume, **{k: v for k, v in given.items() if _resumable(k)})
        changed = sorted(k for k, v in given.items() if not _resumable(k) and v != getattr(config, k))
        if changed:
            flag = "--" + changed[0].replace("_", "-")
            raise ValueError(
                f"{flag} cannot change when resuming (the run used {getattr(config, changed[0])!r}); "
                "start a new training instead"
            )
        _refuse_finished(resume, config, Path(args.resume))
        out = finished_path(args.out or args.resume)
        if args.out is None and not args.force and out.resolve() == Path(args.resume).resolve():
            raise ValueError(  # a renamed NAME.partial.pt: the finished model would replace the state it resumes
                f"{args.resume} is not named NAME.partial.pt, so the finished model would replace it: "
                "give --out FILE for the finished model (or add --force to replace it)"
            )
    else:
        config = preset(args.preset, **given)
        out = finished_path(args.out or data_folder_target(_default_out(config)))
    _check_out(out, replacing_allowed=args.force or _continues_unfinished(args.resume, resume))
    partial = partial_path(out)
    if partial.exists() and (args.resume is None or partial.resolve() != Path(args.resume).resolve()):
        raise ValueError(
            f"{partial} holds an unfinished training for {out.name}: continue it with "
            f"digitpad train --resume {partial}, or delete it (or choose another --out) to start over"
        )
    select_device(config.device)  # fail before loading anything
    cancel = threading.Event()
    with StopSignals(cancel) as stop:
        train_data = load_training_data(config)
        test_data = load_data(config.data, "test", config.download)
        bar = ProgressBar(sys.stderr)
        print(f"training {config.arch} for {_epochs(config.epochs)} on {train_data.name} -> {out}", file=sys.stderr)
        try:
            result = train(
                config,
                bar.batch,
                bar.epoch,
                cancel,
                resume,
                train_data,
                test_data,
                on_checkpoint=lambda ckpt: _save_epoch(ckpt, partial, out),
            )
        finally:
            bar.close()
        state = result.checkpoint["train"]
        if result.cancelled:
            return _save_stopped(result.checkpoint, partial, out, fresh=resume is None, status=stop.exit_status)
        _save_finished(result.checkpoint, partial, out)
    metrics = result.checkpoint["metrics"]
    acc = f"test accuracy {metrics['test_accuracy']:.2%}; " if "test_accuracy" in metrics else ""
    print(f"done in {result.seconds:.0f} s ({_epochs(state['epoch'])}): {acc}saved {out}", file=sys.stderr)
    return 0


def _refuse_finished(resume: dict[str, Any], config: TrainConfig, path: Path) -> None:
    """A finished model resumed without more epochs has nothing to do: say so (ValueError),
    and how to extend it, rather than rewrite the file. A finished NAME.partial.pt (its
    final save failed, a full disk) is still resumed: that writes the model it holds."""
    from model.paths import PARTIAL_SUFFIX

    state = resume["train"]
    done = int(state.get("epoch", 0))
    if state.get("finished") and config.epochs <= done and not path.name.endswith(PARTIAL_SUFFIX):
        raise ValueError(
            f"{path} is already finished ({_epochs(done)}); nothing to resume. To train it further, "
            f"give more epochs and a new file: digitpad train --resume {path} --epochs {done + 1} --out NEW.pt"
        )


def _continues_unfinished(path: str | None, resume: dict[str, Any] | None) -> bool:
    """--resume of an unfinished run (NAME.partial.pt, or a run stopped before its end):
    its model file is the one the run was started to write, so it may be written. A
    finished model extended with more epochs is a new model: it needs --out or --force."""
    from model.paths import PARTIAL_SUFFIX

    if path is None or resume is None:
        return False
    return Path(path).name.endswith(PARTIAL_SUFFIX) or not resume["train"].get("finished")


def _check_out(out: Path, replacing_allowed: bool) -> None:
    """Before any training: --out must name a file in an existing, writable folder, and a
    finished model already there is replaced only when the user asked (--force), or by
    the run that was started to write it (--resume of its unfinished state)."""
    check_save_target(out, "--out", "model.pt")
    if out.exists() and not replacing_allowed:
        raise ValueError(f"{out} already holds a model; choose another --out, or add --force to replace it")


def _resumable(name: str) -> bool:
    return next(f for f in cli_fields() if f.name == name).metadata["resumable"]


def _default_out(config: TrainConfig) -> Path:
    from model.paths import models_dir

    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return models_dir() / f"{config.arch}-{stamp}.pt"


def _save(checkpoint: dict[str, Any], path: Path, kept: str) -> None:
    from model.atomic import describe_os_error
    from model.checkpoints.checkpoint import save_checkpoint

    try:
        save_checkpoint(checkpoint, path, make_parents=False)  # the folder was checked (cli/saving.py)
    except OSError as exc:
        raise SaveFailed(f"cannot save {path}: {describe_os_error(exc)}; {kept}") from None


def _kept(partial: Path, out: Path) -> str:
    """What is still on disk after a failed save, for the error line."""
    parts = []
    if partial.is_file():
        parts.append(f"the last saved epoch is in {partial} (resume with: digitpad train --resume {partial})")
    if out.is_file():
        parts.append(f"{out} is unchanged")
    return "; ".join(parts) or "nothing was saved"


def _save_epoch(checkpoint: dict[str, Any], partial: Path, out: Path) -> None:
    _save(checkpoint, partial, "training stopped; " + _kept(partial, out))


def _save_stopped(checkpoint: dict[str, Any], partial: Path, out: Path, fresh: bool, status: int) -> int:
    """Save the resumable state of a stopped run; returns status (128 + the stopping signal)."""
    state = checkpoint["train"]
    if fresh and state["epoch"] == 0 and state["step"] == 0:
        print("stopped before the first batch; nothing to save", file=sys.stderr)
        return status
    _save(checkpoint, partial, _kept(partial, out))
    unchanged = f" ({out} is unchanged)" if out.is_file() else ""
    where = (
        f"at epoch {state['epoch'] + 1}, batch {state['step']}" if state["step"] else f"after epoch {state['epoch']}"
    )
    print(
        f"stopped {where}; resumable state saved to {partial}"
        f"{unchanged}\nresume with: digitpad train --resume {partial}",
        file=sys.stderr,
    )
    return status


def _save_finished(checkpoint: dict[str, Any], partial: Path, out: Path) -> None:
    kept = (
        (f"the finished training is kept in {partial}: free some space, then run digitpad train --resume {partial}")
        if partial.is_file()
        else "nothing was saved"
    )
    _save(checkpoint, out, kept)
    partial.unlink(missing_ok=True)  # the model holds everything it held


def _epochs(n: int) -> str:
    return f"{n} epoch" if n == 1 else f"{n} epochs"

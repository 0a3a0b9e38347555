"""Writer-independent accuracy on real pen ink: pendigits-tra writer folds, and UJI.

    python bench/pen_eval.py --model PATH            # score one model on all of pendigits-tra and on UJI
    python bench/pen_eval.py --folds 3 [--init PATH] # train per fold, score on the held-out writers
    python bench/pen_eval.py --folds 3 --init 'fold{k}.pt' --teacher 'MNIST_ONLY.pt,fold{k}.pt'
                                                     # the distillation step, fold by fold
                                                     # (the bundled model's: --epochs 4 --mnist-limit 0
                                                     #  --weight-decay 0.05 --ema-decay 0.998
                                                     #  --distill-weight 0.8 --distill-on data)

Folds: the 30 pendigits-tra writers are split by writer number (fold k holds out the
writers w with (w - 1) % folds == k). For each fold a model is trained on MNIST plus
the pen ink of the other writers (rendered and synthesized as `digitpad train
--ink-data` does: model/training/data.py pen_training_data) and scored on the held-out writers,
whose digits it never saw. With --init the fold trainings fine-tune that checkpoint
(it must not have seen pendigits: the MNIST-only model), as the bundled model was made.
Fold trainings are short (--epochs, --mnist-limit) because the machine is small: the
figures are a lower bound for the longer bundled training.

UJI (11 writers, 220 digits) is scored as a check only: never tune on it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from model.checkpoints.checkpoint import LoadedModel, save_checkpoint  # noqa: E402
from model.pen.ink_eval import LabelledInk, evaluate_inks  # noqa: E402
from model.pen.pendigits import PenDigits, load_pendigits  # noqa: E402
from model.pen.uji import load_uji  # noqa: E402
from model.predictor import Predictor  # noqa: E402
from model.training.data import concat_data, load_data, pen_training_data  # noqa: E402
from model.training.train import train  # noqa: E402
from model.training.train_config import TrainConfig  # noqa: E402

DATA = REPO.parent / "shared" / "data"
if not DATA.is_dir():  # a git worktree one level deeper
    DATA = REPO.parent.parent / "shared" / "data"


def pen_inks(pen: PenDigits) -> list[LabelledInk]:
    return [LabelledInk(ink, int(y), f"pen{int(w):02d}") for ink, y, w in zip(pen.inks, pen.labels, pen.writers)]


def uji_inks(folder: Path) -> list[LabelledInk]:
    return [LabelledInk(s.strokes, int(s.label), s.writer) for s in load_uji(folder)]


def show(name: str, predictor: Predictor, inks: list[LabelledInk]) -> dict:
    r = evaluate_inks(predictor, inks)
    pairs = ", ".join(f"{t}->{p}:{n}" for t, p, n in r.confusion_pairs[:6])
    print(
        f"  {name:<26} {r.accuracy:7.2%} of {r.count:5d} | writers {len(r.writers):2d}: mean {r.writer_mean:.2%} "
        f"worst {r.writer_worst:.2%} ({r.worst_writer}) | {pairs}",
        flush=True,
    )
    return {"accuracy": r.accuracy, "count": r.count, "worst": r.writer_worst, "right": round(r.accuracy * r.count)}


def run_folds(args, pen: PenDigits, uji: list[LabelledInk]) -> None:
    mnist_train = load_data(args.mnist, "train")
    if args.mnist_limit:
        g = torch.Generator().manual_seed(0)
        keep = torch.randperm(len(mnist_train), generator=g)[: args.mnist_limit]
        mnist_train = type(mnist_train)(mnist_train.images[keep], mnist_train.labels[keep], mnist_train.name)
    mnist_test = load_data(args.mnist, "test")
    totals, worst = [0, 0], []
    for k in range(args.folds) if args.fold_only is None else [args.fold_only]:
        held = (pen.writers - 1) % args.folds == k
        t0 = time.perf_counter()
        train_data = concat_data(mnist_train, pen_training_data(pen.select(~held), seed=k))
        config = TrainConfig(
            arch=args.arch,
            epochs=args.epochs,
            lr=args.lr,
            weight_decay=args.weight_decay,
            init=args.init.format(k=k) if args.init else None,
            teachers=args.teacher.format(k=k) if args.teacher else None,
            distill_weight=args.distill_weight,
            ema_decay=args.ema_decay,
            distill_on=args.distill_on,
            seed=k,
            threads=args.threads,
        )
        result = train(config, train_data=train_data, test_data=mnist_test)
        print(
            f"fold {k + 1}/{args.folds}: trained on {len(train_data)} images ({args.epochs} epochs, "
            f"{time.perf_counter() - t0:.0f} s), MNIST test {result.report.accuracy:.2%}; held-out writers "
            f"{sorted(set(pen.writers[held].tolist()))}",
            flush=True,
        )
        predictor = Predictor(LoadedModel(result.model, args.arch, None))
        if args.save_models:  # e.g. for bench/trajectory_eval.py --image-fold-models
            save_checkpoint(result.checkpoint, args.save_models.format(k=k))
        fold = show("held-out pen writers", predictor, pen_inks(pen.select(held)))
        show("UJI (check only)", predictor, uji)
        totals[0] += fold["right"]
        totals[1] += fold["count"]
        worst.append(fold["worst"])
    print(
        f"writer-independent pen accuracy over {args.folds} folds: {totals[0] / totals[1]:.2%} of {totals[1]}, "
        f"weakest writer {min(worst):.2%}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, help="score this checkpoint (default: the bundled model)")
    ap.add_argument("--folds", type=int, help="train per writer fold instead (e.g. 3)")
    ap.add_argument("--fold-only", type=int, help="with --folds: run this fold (0..folds-1) only")
    ap.add_argument(
        "--init",
        help="fold trainings fine-tune this checkpoint (one that never saw pendigits, or the fold's own "
        "model, e.g. 'fold{k}.pt', which never saw that fold's held-out writers)",
    )
    ap.add_argument(
        "--teacher",
        help="fold trainings distill from these checkpoints (commas; '{k}' is the fold), none of which "
        "may have seen the fold's held-out writers",
    )
    ap.add_argument("--distill-weight", type=float, default=0.5)
    ap.add_argument("--distill-on", choices=("all", "data"), default="all", help="as digitpad train --distill-on")
    ap.add_argument("--ema-decay", type=float, default=0.0, help="weight averaging, as digitpad train --ema-decay")
    ap.add_argument("--weight-decay", type=float, default=TrainConfig.weight_decay)
    ap.add_argument("--arch", default="digitnet")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--mnist-limit", type=int, default=20_000, help="MNIST training digits per fold (0: all)")
    ap.add_argument("--threads", type=int)
    ap.add_argument("--save-models", metavar="PATTERN", help="save each fold's model, e.g. 'fold{k}.pt'")
    ap.add_argument("--mnist", type=Path, default=DATA / "mnist")
    ap.add_argument("--pen", type=Path, default=DATA / "pendigits-tra")
    ap.add_argument("--uji", type=Path, default=DATA / "uji-penchars-v1")
    args = ap.parse_args()
    pen, uji = load_pendigits(args.pen), uji_inks(args.uji)
    if args.folds:
        run_folds(args, pen, uji)
        return 0
    predictor = Predictor.load(args.model)
    print(f"model {predictor.path} ({predictor.arch}); trained on: {predictor.metrics.get('data', '?')}")
    show("pendigits-tra (30 writers)", predictor, pen_inks(pen))
    show("UJI (check only)", predictor, uji)
    return 0


if __name__ == "__main__":
    sys.exit(main())

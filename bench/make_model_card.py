"""Write assets/MODEL_CARD.md from the bundled checkpoint itself.

    python bench/make_model_card.py assets/digitnet.pt --command "digitpad train ..."

Everything in the card is read from the checkpoint (architecture, config, metrics,
training history and time) plus this machine's description.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.checkpoints.checkpoint import load_model  # noqa: E402
from model.nets import count_parameters  # noqa: E402


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def data_line(m: dict, cfg: dict) -> str:
    """What it was trained on: MNIST alone, or MNIST plus pen ink (TrainConfig.ink_data)."""
    if not cfg.get("ink_data"):
        return f"the {m['train_size']:,} official MNIST training digits"
    return (
        f"{m['train_size']:,} images: {m['data']} (pen ink: every pendigits-tra digit rendered by the canvas's "
        "renderer as written and as 2 stroke-level variants, plus synthesized world digit forms: slashed 0, "
        "continental 1, crossed and Z-like 2, one-stroke open 4, crossed 7, curled 9; model/pen/ink_synth.py)"
    )


def card(path: Path, command: str, note: str = "", extra: str = "") -> str:
    loaded = load_model(path)
    train = loaded.raw["train"]
    cfg = train["config"]
    m = loaded.metrics
    lines = [
        "# DigitPad bundled model: `digitnet`",
        "",
        f"- **MNIST test accuracy: {m['test_accuracy']:.2%}** ({m['test_size']:,} official test digits, never seen in training; "
        f"test loss {m['test_loss']:.4f})",
        f"- Architecture: `{loaded.arch}`, {count_parameters(loaded.model):,} parameters, config `{loaded.raw['config']}`",
        f"- Trained on {data_line(m, cfg)}, {cfg['epochs']} epochs, batch {cfg['batch_size']}, "
        f"{cfg['optimizer']} (peak lr {cfg['lr']}, weight decay {cfg['weight_decay']}), {cfg['schedule']} schedule, "
        f"label smoothing {cfg['label_smoothing']}, augmentation {'on' if cfg['augment'] else 'off'} "
        "(random rotation, scale, shear, shift, stroke width), "
        + (f"weight averaging (EMA, decay {cfg['ema_decay']}), " if cfg.get("ema_decay") else "")
        + (
            f"distilled from the averaged answers of `{cfg['teachers']}` (weight {cfg['distill_weight']}, "
            "temperature 2), "
            if cfg.get("teachers")
            else ""
        )
        + "seed "
        f"{cfg['seed']}" + (f"; fine-tuned from `{cfg['init']}` (see below)" if cfg.get("init") else ""),
        f"- Training time: {train['seconds'] / 60:.0f} min on {train['device']} "
        f"({train.get('precision', 'float32')} compute, fp32 weights): {cpu_name()}, {os.cpu_count()} cores"
        + (f" ({note})" if note else ""),
        f"- Created {loaded.raw['created']}; preprocessing version {loaded.raw['preprocess_version']}",
        "",
        "Made with:",
        "",
        "```",
        command,
        "```",
        "",
        "Test accuracy per epoch: " + ", ".join(f"{h['test_accuracy']:.2%}" for h in train["history"]),
        "",
        "Check it: `digitpad evaluate --data DIR_WITH_MNIST` (no `--model`: this bundled model).",
        "",
    ]
    if extra:
        lines += [extra.strip(), ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("--command", required=True)
    parser.add_argument("--note", default="", help="about the machine while it trained, e.g. 'otherwise idle'")
    parser.add_argument("--extra", type=Path, help="a Markdown file appended to the card (e.g. pen ink figures)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "assets" / "MODEL_CARD.md")
    args = parser.parse_args()
    args.out.write_text(
        card(args.checkpoint, args.command, args.note, args.extra.read_text(encoding="utf-8") if args.extra else ""),
        encoding="utf-8",
    )
    print(args.out.read_text())


if __name__ == "__main__":
    main()

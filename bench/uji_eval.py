"""Accuracy on real pen-drawn digits: the UJI Pen Characters (220 digits, 11 writers).

    python bench/uji_eval.py                      # the bundled model, DigitPad's rendering
    python bench/uji_eval.py --model other.pt     # another checkpoint
    python bench/uji_eval.py --ink inks.jsonl     # labelled inks ("label" key) instead
    python bench/uji_eval.py --baseline           # also the tutorials' Tk-app preprocessing
    python bench/uji_eval.py --stroke-stats       # MNIST vs rendered stroke widths

Prints the accuracy, per digit, and every failure. The rendering is not tuned on
these digits: the pen width comes from MNIST statistics (model/pen/ink.py PEN_WIDTH).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from model.pen.ink import render_ink, stroke_width  # noqa: E402
from model.pen.uji import load_uji  # noqa: E402
from model.predictor import Prediction, Predictor  # noqa: E402

UJI_DIR = REPO.parent / "shared" / "data" / "uji-penchars-v1"
# The tutorials' Tk app: a 300x300 white canvas, 16-px round pen, the tablet area as
# the canvas, then a plain resize of the whole canvas to 28x28 and inversion.
TK_CANVAS, TK_PEN = 300, 16
UJI_AREA = (0.0, 162.0, 1013.0, 1511.0)  # x0, y0, x1, y1 of the UJI writing area


def load_samples(args: argparse.Namespace) -> list[dict]:
    """[{"strokes", "label", "writer"}] from UJI files or a labelled JSONL."""
    if args.ink:
        rows = [json.loads(line) for line in Path(args.ink).read_text().splitlines() if line.strip()]
        return [r for r in rows if str(r.get("label", "")).isdigit()]
    return [s.to_json() for s in load_uji(args.data)]


def tk_render(strokes: list) -> np.ndarray:
    """The tutorials' way: draw on a fixed canvas where the digit was written, resize to 28x28."""
    x0, y0, x1, y1 = UJI_AREA
    scale = TK_CANVAS / max(x1 - x0, y1 - y0)
    canvas = Image.new("L", (TK_CANVAS, TK_CANVAS), 255)
    draw = ImageDraw.Draw(canvas)
    r = TK_PEN / 2
    for stroke in strokes:
        pts = [((x - x0) * scale, (y - y0) * scale) for x, y, *_ in stroke]
        if len(pts) > 1:
            draw.line(pts, fill=0, width=TK_PEN)
        for x, y in pts:  # the tutorials paint an oval at every mouse event
            draw.ellipse((x - r, y - r, x + r, y + r), fill=0)
    small = canvas.resize((28, 28))
    return 1.0 - np.asarray(small, dtype=np.float32) / 255.0  # (28,28), white ink on black


def report(title: str, preds: list, samples: list[dict]) -> float:
    labels = [int(s["label"]) for s in samples]
    digits = [p.digit if isinstance(p, Prediction) else None for p in preds]
    ok = [d == y for d, y in zip(digits, labels)]
    acc = float(np.mean(ok))
    print(f"\n== {title}: {sum(ok)}/{len(ok)} = {100 * acc:.2f}%")
    per = "  ".join(f"{k}:{sum(o for o, y in zip(ok, labels) if y == k)}/{labels.count(k)}" for k in range(10))
    print(f"per digit  {per}")
    for s, p, d, o in zip(samples, preds, digits, ok):
        if not o:
            conf = f"{p.confidence:.2f}" if isinstance(p, Prediction) else str(p)
            print(f"  miss: writer {s.get('writer', '?')} drew {s['label']}, got {d} ({conf})")
    return acc


def edge_softness(images: np.ndarray) -> np.ndarray:
    """Per image: partly inked pixels (0.1..0.9) per fully inked one (>= 0.9)."""
    mid = ((images > 0.1) & (images < 0.9)).sum(axis=(1, 2))
    return mid / np.maximum((images >= 0.9).sum(axis=(1, 2)), 1)


def stroke_stats(samples: list[dict]) -> None:
    from model.training.data import load_data

    mnist = load_data(str(REPO.parent / "shared" / "data" / "mnist"), "train")
    m = mnist.images[:20000].numpy().astype(np.float32) / 255.0  # (20000,28,28)
    r = np.stack([render_ink(s["strokes"]) for s in samples])  # (N,28,28)
    pct = [5, 25, 50, 75, 95]
    print(f"\nstroke width (px in 28x28), percentiles {pct}")
    print("  MNIST train (first 20000):", np.round(np.percentile(stroke_width(m), pct), 2))
    print("  rendered inks:           ", np.round(np.percentile(stroke_width(r), pct), 2))
    print("edge softness (partly / fully inked pixels), median; mean of inked (> 0.1) pixels")
    for name, imgs in (("MNIST", m), ("rendered", r)):
        print(f"  {name:<9} {np.median(edge_softness(imgs)):.2f}; {imgs[imgs > 0.1].mean():.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=UJI_DIR, help="UJI Pen Characters folder")
    ap.add_argument("--ink", help="labelled JSON Lines inks instead of UJI")
    ap.add_argument("--model", type=Path, help="checkpoint (default: the bundled model)")
    ap.add_argument("--baseline", action="store_true", help="also the Tk-app naive resize")
    ap.add_argument("--stroke-stats", action="store_true", help="print MNIST vs rendered stroke widths")
    args = ap.parse_args()
    torch.set_num_threads(1)
    samples = load_samples(args)
    predictor = Predictor.load(args.model)
    print(f"model: {predictor.path} ({predictor.arch}); {len(samples)} labelled inks")
    report("DigitPad rendering", predictor.predict_many_strokes([s["strokes"] for s in samples]), samples)
    if args.baseline:
        arrays = [tk_render(s["strokes"]) for s in samples]
        report(
            f"Tk-app baseline ({TK_CANVAS}px canvas, {TK_PEN}px pen, resize)", predictor.predict_arrays(arrays), samples
        )
    if args.stroke_stats:
        stroke_stats(samples)
    return 0


if __name__ == "__main__":
    sys.exit(main())

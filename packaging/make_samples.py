"""Make the sample data DigitPad ships in assets/samples/ (run by hand, results committed).

    python packaging/make_samples.py [--uji ../shared/data/uji-penchars-v1]

- inks.jsonl: 20 real pen-drawn digits (two per class, different writers) from UJI Pen
  Characters v1 (CC BY 4.0), scaled to a 280x280 canvas; the `digitpad predict --ink` form
  {"strokes": [[[x, y], ...], ...], "label": "7", "writer": "w03"}.
- images/<label>-<source>.png: one image per digit: even digits are MNIST test digits
  (28x28, from tests/data/digits-folder), odd digits UJI inks drawn with a pen into a
  200x200 picture (dark ink on white), so both image paths are exercised.
- mnist-mini/ is written by tests/data/make_samples.py (600 train + 300 test MNIST digits).
Samples are picked in file order among those the bundled model reads with at least 90%
confidence, so the self-test checks the bundle, not the model's hard cases.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.pen.uji import load_uji  # noqa: E402
from model.predictor import Predictor  # noqa: E402

OUT = ROOT / "assets" / "samples"
CANVAS, PAD = 280, 30
MIN_CONFIDENCE = 0.9


def to_canvas(strokes):
    """Scale tablet units to a CANVASxCANVAS canvas, keeping the aspect ratio."""
    xs = [p[0] for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    k = (CANVAS - 2 * PAD) / span
    ox = (CANVAS - k * (max(xs) - min(xs))) / 2
    oy = (CANVAS - k * (max(ys) - min(ys))) / 2
    return [[[round(ox + (x - min(xs)) * k, 1), round(oy + (y - min(ys)) * k, 1)] for x, y in s] for s in strokes]


def draw_ink(strokes, size: int = 200) -> Image.Image:
    img = Image.new("L", (size, size), 255)
    draw = ImageDraw.Draw(img)
    k, width = size / CANVAS, max(2, size // 18)
    for stroke in strokes:
        pts = [(x * k, y * k) for x, y in stroke]
        draw.line(pts, fill=20, width=width, joint="curve")
        for x, y in pts:
            draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=20)
    return img


def confident(pred, label: str) -> bool:
    return pred.digit == int(label) and pred.confidence >= MIN_CONFIDENCE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uji", type=Path, default=ROOT.parent / "shared" / "data" / "uji-penchars-v1")
    args = parser.parse_args()
    predictor = Predictor.load()
    inks: dict[str, list[dict]] = {str(d): [] for d in range(10)}
    for sample in load_uji(args.uji):
        chosen = inks[sample.label]
        if len(chosen) < 2 and all(c["writer"] != sample.writer for c in chosen):
            record = {"strokes": to_canvas(sample.strokes), "label": sample.label, "writer": sample.writer}
            if confident(predictor.predict_strokes(record["strokes"]), sample.label):
                chosen.append(record)
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "inks.jsonl", "w", encoding="utf-8") as fh:
        for d in range(10):
            for record in inks[str(d)]:
                fh.write(json.dumps(record, separators=(",", ":")) + "\n")
    images = OUT / "images"
    shutil.rmtree(images, ignore_errors=True)
    images.mkdir()
    for d in range(10):
        if d % 2 == 0:
            for png in sorted((ROOT / "tests/data/digits-folder/test" / str(d)).glob("*.png")):
                if confident(predictor.predict_image(png), str(d)):
                    shutil.copy(png, images / f"{d}-mnist.png")
                    break
        else:
            for record in reversed(inks[str(d)]):
                img = draw_ink(record["strokes"])
                if confident(predictor.predict_image(img), str(d)):
                    img.save(images / f"{d}-pen.png", optimize=True)
                    break
    print(f"{sum(map(len, inks.values()))} inks, {len(list(images.glob('*.png')))} images -> {OUT}")


if __name__ == "__main__":
    main()

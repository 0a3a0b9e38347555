"""Do DigitPad's own saved drawings read as the live canvas did? Run by hand; prints figures.

Real pen digits (pendigits writers 25-30, not trained on; with --digilets DIR, as many
DigiLeTs digits too) are drawn into the app's canvas (app/drawing/canvas.py, offscreen)
at canvas sizes 300..1500 px and pen widths 2..40 px, saved as the app saves them
(InkCanvas.grab_ink_image, PNG) and read back as the app and `digitpad predict` read a
file (Predictor.read_picture). Two ways: the file as saved (its strokes inside:
model/pictures/drawing_file.py), and its pixels alone (re-saved without text chunks, as
a chat app or an editor passes it on: the picture path). Counts the files whose
reading differs from the live canvas's (Predictor.read_drawing).

    python bench/roundtrip_eval.py [--count 150] [--digilets DIR] [--pendigits DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.drawing.canvas import InkCanvas  # noqa: E402
from app.drawing.ink_model import InkModel  # noqa: E402
from model.pen.pendigits import load_pendigits  # noqa: E402
from model.pictures.drawing_file import saved_drawing  # noqa: E402
from model.predictor import Predictor  # noqa: E402

SIDES = (300, 640, 1000, 1500)  # px: canvas sizes
WIDTHS = (2, 5, 12, 24, 40)  # px: pen widths
GUIDE = 0.7  # the ink fills this share of the canvas's shorter side, as the guide suggests
HELD_OUT_WRITERS = range(25, 31)  # pendigits writers the shipped networks were not trained on


def place(strokes, side: int) -> list[list[tuple[float, float]]]:
    """Scale and centre an ink into the guide square of a side x side canvas."""
    pts = np.concatenate([np.asarray(s, float)[:, :2] for s in strokes])  # (n,2)
    lo, hi = pts.min(0), pts.max(0)
    scale = GUIDE * side / max(float((hi - lo).max()), 1e-6)
    offset = (side - (hi - lo) * scale) / 2 - lo * scale
    return [[tuple(p) for p in np.asarray(s, float)[:, :2] * scale + offset] for s in strokes]


def inks(args: argparse.Namespace) -> list[list]:
    rng = np.random.default_rng(0)
    pen = load_pendigits(args.pendigits)
    pen = pen.select(np.isin(pen.writers, HELD_OUT_WRITERS))
    out = [pen.inks[i] for i in rng.choice(len(pen.inks), min(args.count, len(pen.inks)), replace=False)]
    if args.digilets:
        from bench.digilets import load_digilets

        digits = [s for s in load_digilets(args.digilets) if s.label.isdigit()]
        out += [digits[i].strokes for i in rng.choice(len(digits), min(args.count, len(digits)), replace=False)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=150, help="inks from each source (default 150)")
    parser.add_argument("--pendigits", default="../shared/data/pendigits-tra", help="pendigits folder")
    parser.add_argument("--digilets", help="DigiLeTs data/raw/complete folder (bench/digilets.py), optional")
    args = parser.parse_args()
    app = QApplication([])  # noqa: F841  the canvas needs one
    predictor = Predictor.load()
    ink, folder = InkModel(), Path(tempfile.mkdtemp())
    canvas = InkCanvas(ink)
    differ: dict[str, list] = {"saved": [], "pixels only": []}
    files = as_strokes = 0
    for k, strokes in enumerate(inks(args)):
        side = SIDES[k % len(SIDES)]
        canvas.resize(side, side)
        placed = place(strokes, side)
        live = predictor.read_drawing(placed)[0].text
        for width in (WIDTHS[k % len(WIDTHS)], WIDTHS[(k + 2) % len(WIDTHS)]):
            ink.clear()
            for stroke in placed:
                ink.add_stroke(stroke, width)
            saved, plain = folder / "saved.png", folder / "plain.png"
            canvas.grab_ink_image().save(str(saved), "PNG")
            with Image.open(saved) as image:
                image.save(plain)  # Pillow writes no text chunk unless asked
            files += 1
            as_strokes += saved_drawing(saved) is not None
            for kind, path in (("saved", saved), ("pixels only", plain)):
                read = predictor.read_picture(path)[0].text
                if read != live:
                    differ[kind].append((k, side, width, live, read))
    print(f"saved files read as their strokes: {as_strokes}/{files} (the rest as pictures)")
    for kind, cases in differ.items():
        print(
            f"{kind:12s} {files - len(cases)}/{files} read as the live canvas ({100 * (1 - len(cases) / files):.1f}%)"
        )
        for k, side, width, live, read in cases[:10]:
            print(f"   ink {k}, canvas {side} px, pen {width} px: live {live!r}, file {read!r}")


if __name__ == "__main__":
    main()

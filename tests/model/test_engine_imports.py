"""What importing the engine for a drawing brings in: the app's first recognition waits for it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PICTURE_ONLY = (
    "cv2",
    "model.pictures.images",
    "model.pictures.image_files",
    "model.pictures.digit_finder",
    "model.training.data",
    "model.training.evaluate",
)


def test_recognizing_a_drawing_imports_nothing_only_pictures_and_evaluation_need():
    code = (
        "import sys\n"
        "from model.predictor import Predictor\n"
        "p = Predictor.load(warm_up=False)\n"
        "p.predict_strokes([[(0, 0), (3, 40)]])\n"
        f"print(' '.join(m for m in {PICTURE_ONLY!r} if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == ""


def test_a_picture_still_finds_what_it_needs():
    code = (
        "import numpy as np\n"
        "from model.predictor import Predictor\n"
        "img = np.full((60, 60), 255, np.uint8); img[10:50, 28:32] = 0\n"
        "print(Predictor.load(warm_up=False).predict_image(img).digit)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "1"

"""Make assets/screenshot.png: draw a digit with real mouse events and grab the window.

Run by hand under a real X server (fonts and style as users see them):
    xvfb-run -a -s "-screen 0 1280x800x24" /work/venv/bin/python tests/app/make_screenshot.py [out.png]
With DIGITPAD_DATA_DIR unset it uses a fresh temporary folder, so no user settings leak in.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DIGITPAD_DATA_DIR", tempfile.mkdtemp(prefix="digitpad-shot-"))

from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.app.helpers import draw  # noqa: E402


def three(cx: float, cy: float) -> list[tuple[float, float]]:
    top = [(cx - 5 + 60 * math.cos(t), cy - 62 + 55 * math.sin(t)) for t in (-2.3 + i * 3.8 / 24 for i in range(25))]
    bottom = [(cx + 70 * math.cos(t), cy + 50 + 62 * math.sin(t)) for t in (-1.5 + i * 3.9 / 29 for i in range(1, 30))]
    return top + bottom


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.005)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "assets" / "screenshot.png"
    from app.main import create_window

    window = create_window()
    window.resize(900, 600)
    window.show()
    pump(0.5)
    canvas = window.canvas
    draw(canvas, three(canvas.width() / 2, canvas.height() / 2))
    pump(0.5)
    window.grab().save(str(out), "PNG")
    print(f"{out}: prediction {window.panel.digit.text()!r}, {out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Draw DigitPad's application icon: assets/icon.svg, icon.png (1024 px), icon.ico, icon.icns.

A rounded square with a blue gradient and a handwritten-looking "2" drawn as one
round-capped pen stroke. The PNG is rendered with Pillow at 4x and scaled down (anti-
aliasing); the SVG uses the same geometry. Run: python packaging/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SIZE = 1024
SUPERSAMPLE = 4
RADIUS = 0.22  # corner radius, fraction of the side
MARGIN = 0.04
TOP, BOTTOM = (0x3D, 0x7B, 0xF7), (0x1E, 0x2F, 0x8F)  # gradient colours
STROKE = 0.095  # pen width, fraction of the side
# The digit as cubic Bezier segments in a 100x100 box: (start, control1, control2, end).
DIGIT = [
    ((31, 38), (30, 20), (69, 15), (69, 37)),
    ((69, 37), (69, 52), (46, 62), (29, 79)),
    ((29, 79), (43, 76), (58, 78), (72, 77)),
]


def _bezier(p0, p1, p2, p3, steps: int = 64) -> list[tuple[float, float]]:
    pts = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        pts.append(
            tuple(u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * d for a, b, c, d in zip(p0, p1, p2, p3))
        )
    return pts


def render_png(size: int = SIZE) -> Image.Image:
    big = size * SUPERSAMPLE
    m, r = int(big * MARGIN), int(big * RADIUS)
    gradient = Image.new("RGB", (1, big))
    for y in range(big):
        t = y / (big - 1)
        gradient.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(TOP, BOTTOM)))
    mask = Image.new("L", (big, big), 0)
    ImageDraw.Draw(mask).rounded_rectangle((m, m, big - m - 1, big - m - 1), radius=r, fill=255)
    icon = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    icon.paste(gradient.resize((big, big)), (0, 0), mask)
    draw = ImageDraw.Draw(icon)
    width = int(big * STROKE)
    points = [(x * big / 100, y * big / 100) for seg in DIGIT for x, y in _bezier(*seg, steps=600)]
    for x, y in points:  # stamp the round pen nib along the path: round caps and joins
        draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill="white")
    return icon.resize((size, size), Image.LANCZOS)


def render_svg() -> str:
    m, r, w = 100 * MARGIN, 100 * RADIUS, 100 * STROKE
    path = f"M {DIGIT[0][0][0]} {DIGIT[0][0][1]} " + " ".join(
        f"C {a[0]} {a[1]}, {b[0]} {b[1]}, {c[0]} {c[1]}" for _, a, b, c in DIGIT
    )
    hexa = "#%02x%02x%02x"
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="1024" height="1024">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="{hexa % TOP}"/>
      <stop offset="1" stop-color="{hexa % BOTTOM}"/>
    </linearGradient>
  </defs>
  <rect x="{m}" y="{m}" width="{100 - 2 * m}" height="{100 - 2 * m}" rx="{r}" fill="url(#bg)"/>
  <path d="{path}" fill="none" stroke="#ffffff" stroke-width="{w:.2f}" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def main() -> None:
    ASSETS.mkdir(exist_ok=True)
    png = render_png()
    png.save(ASSETS / "icon.png", optimize=True)
    png.save(ASSETS / "icon.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    png.save(ASSETS / "icon.icns")
    (ASSETS / "icon.svg").write_text(render_svg(), encoding="utf-8")
    for name in ("icon.png", "icon.ico", "icon.icns", "icon.svg"):
        print(f"{ASSETS / name}: {(ASSETS / name).stat().st_size:,} bytes")


if __name__ == "__main__":
    main()

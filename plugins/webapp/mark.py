"""The app icons: the portal's mark (one definition, newsroom/identity.py) drawn with Pillow.

The icons need what the logo does not: supersampling, a wave that fills a wider canvas than the
mark (maskable icons keep the page lines inside the middle 80 %) and square corners; the geometry
and the colours are the mark's own, so a chapter that changes site.toml gets matching icons.
"""

from __future__ import annotations

from newsroom.identity import BARS, CORNER, DEFAULT_COLORS, INK, UNITS, wave_points
from PIL import Image, ImageDraw

SUPERSAMPLE = 4


def draw(size: int, primary: str, accent: str = DEFAULT_COLORS["accent"], *, inset: float = 0.0, rounded: bool = False) -> Image.Image:
    """The mark as a `size`-pixel square image.

    inset: fraction of the side kept free around the page lines (maskable icons keep everything
    that matters inside the middle 80 %: inset 0.1); the background and the wave still fill the
    whole square. rounded: the logo's round corners, transparent outside (RGBA); otherwise a full
    square without transparency (what iOS and maskable icons want).
    """
    side = size * SUPERSAMPLE
    image = Image.new("RGBA", (side, side), primary)
    pen = ImageDraw.Draw(image)
    unit = side * (1 - 2 * inset) / UNITS
    offset = side * inset

    def at(x: float, y: float) -> tuple[float, float]:
        return offset + x * unit, offset + y * unit

    for x0, y0, x1, y1 in BARS:
        (a, b), (c, d) = at(x0, y0), at(x1, y1)
        pen.rectangle((a, b, c - 1, d - 1), fill=INK)
    left, right = -offset / unit, (side - offset) / unit
    edge = [at(x, y) for x, y in wave_points(left, right)]
    bottom = side + unit * 2
    pen.polygon([*edge, (edge[-1][0], bottom), (edge[0][0], bottom)], fill=accent)
    pen.line(edge, fill=INK, width=max(1, round(2 * unit)), joint="curve")
    if rounded:
        mask = Image.new("L", (side, side), 0)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, side - 1, side - 1), radius=CORNER * side / UNITS, fill=255)
        image.putalpha(mask)
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    return image if rounded else image.convert("RGB")

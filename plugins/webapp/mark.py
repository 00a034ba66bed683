"""The portal's mark, drawn with Pillow: the logo of theme/static/img/logo.svg, in pixels.

The mark is a square of 48 units: the brand colour, three white bars (the lines of a page) and a
teal wave with a white edge along the bottom. The share card (newsroom's photos.py) draws the same
mark on its own background; these functions give the app icons, at any size, from the same
description, so a chapter that changes its colour in site.toml gets matching icons.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

UNITS = 48
BARS = ((10, 9, 38, 15), (10, 19, 28, 23), (10, 26, 33, 30))  # x0, y0, x1, y1 in units
WAVE_START, WAVE_Y, WAVE_HALF, WAVE_DEPTH = -2.0, 38.0, 12.5, 4.0
CORNER = 10  # corner radius of the logo, in units
SUPERSAMPLE = 4


def _bezier(p0, p1, p2, p3, steps=24):
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        yield (u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
               u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1])


def wave_points(left: float, right: float) -> list[tuple[float, float]]:
    """The wave's edge from x=left to x=right (units): half-waves of 12.5 units, up then down,
    as the logo's path `M-2 38c5-4 8.5-4 12.5 0s8.5 4 12.5 0 ...` (continued beyond it if asked)."""
    x = WAVE_START
    up = True
    while x > left:  # start a whole wave before the left edge
        x -= 2 * WAVE_HALF
    points = [(x, WAVE_Y)]
    while x < right:
        d = -WAVE_DEPTH if up else WAVE_DEPTH
        first = 5.0 if x == WAVE_START else 4.0
        points += list(_bezier((x, WAVE_Y), (x + first, WAVE_Y + d), (x + 8.5, WAVE_Y + d), (x + WAVE_HALF, WAVE_Y)))
        x += WAVE_HALF
        up = not up
    return points


def draw(size: int, primary: str, accent: str = "#0b5d6b", *, inset: float = 0.0, rounded: bool = False) -> Image.Image:
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
        pen.rectangle((a, b, c - 1, d - 1), fill="#ffffff")
    left, right = -offset / unit, (side - offset) / unit
    edge = [at(x, y) for x, y in wave_points(left, right)]
    bottom = side + unit * 2
    pen.polygon([*edge, (edge[-1][0], bottom), (edge[0][0], bottom)], fill=accent)
    pen.line(edge, fill="#ffffff", width=max(1, round(2 * unit)), joint="curve")
    if rounded:
        mask = Image.new("L", (side, side), 0)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, side - 1, side - 1), radius=CORNER * side / UNITS, fill=255)
        image.putalpha(mask)
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    return image if rounded else image.convert("RGB")

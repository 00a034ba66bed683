"""The site's identity from content/data/site.toml: name, language, time zone, colours and mark.

One definition of the mark (a square of 48 units: the brand colour, three white bars, the lines
of a page, and an accent-coloured wave with a white edge along the bottom), written as SVG for
the logo and the favicon and drawn with Pillow for icons and social cards; and the colours as CSS
custom properties. A chapter changes site.toml, never a drawing or a stylesheet.
"""

from __future__ import annotations

import datetime
import math
import tomllib
import zoneinfo
from html import escape
from pathlib import Path

UNITS = 48
CORNER = 10  # corner radius, in units
BARS = ((10, 9, 38, 15), (10, 19, 28, 23), (10, 26, 33, 30))  # x0, y0, x1, y1 in units
WAVE_START, WAVE_Y, WAVE_HALF, WAVE_DEPTH = -2.0, 38.0, 12.5, 4.0
WAVE_PATH = "M-2 38c5-4 8.5-4 12.5 0s8.5 4 12.5 0 8.5-4 12.5 0 8.5 4 12.5 0v12H-2z"
INK = "#ffffff"  # the bars and the wave's edge

# Used when site.toml cannot be read (the build then reports why) or leaves a key out.
FALLBACK = {"name": "", "language": "id", "timezone": "UTC", "url": ""}


def site_settings(site_toml: str | Path) -> dict:
    """SITENAME, DEFAULT_LANG, TIMEZONE and the public SITEURL from site.toml's [site], for the
    settings files (pelicanconf.py, publishconf.py). Never raises: a missing or broken file gives
    the fallbacks, and the newsroom plugin reports the problem with its file and field."""
    try:
        with open(site_toml, "rb") as fh:
            site = tomllib.load(fh).get("site", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        site = {}
    site = {k: v for k, v in site.items() if isinstance(v, str) and v.strip()}
    given = {**FALLBACK, **site}
    return {"SITENAME": given["name"], "DEFAULT_LANG": given["language"], "TIMEZONE": given["timezone"],
            "SITEURL": given["url"].rstrip("/")}


def clock_of(site_data: dict) -> tuple[zoneinfo.ZoneInfo, str]:
    """The chapter's time zone (site.toml's [site] `timezone`) and what its people call it
    (`timezone_abbr`, else the zone's own abbreviation: WITA for Asia/Makassar, WIB for Asia/Jakarta)."""
    site = site_data.get("site", {}) or {}
    try:
        zone = zoneinfo.ZoneInfo(str(site.get("timezone") or FALLBACK["timezone"]))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):  # reported by the build with its file and field
        zone = zoneinfo.ZoneInfo(FALLBACK["timezone"])
    abbr = str(site.get("timezone_abbr") or "") or datetime.datetime.now(zone).tzname() or str(zone)
    return zone, abbr


# Used when site.toml gives no colour; the dark scheme's variants are derived when not given.
DEFAULT_COLORS = {"primary": "#9b1c1c", "accent": "#0b5d6b"}


def colors_of(site_data: dict) -> dict:
    """primary, accent and their dark-scheme variants (primary_dark, accent_dark) from site.toml's
    [colors] (already checked to be #rrggbb by data.load)."""
    given = site_data.get("colors", {}) or {}
    colors = {**DEFAULT_COLORS, **{k: v for k, v in given.items() if k in ("primary", "accent")}}
    for key in ("primary", "accent"):
        colors[f"{key}_dark"] = given.get(f"{key}_dark") or lighten(colors[key], 0.55)
    return colors


def lighten(color: str, amount: float) -> str:
    """Mix `color` (#rrggbb) with white: a readable variant on a dark background."""
    rgb = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


# --- CSS ------------------------------------------------------------------------------------------
def stylesheet(colors: dict) -> str:
    """The custom properties main.css reads (--primary, --brand, --brand-accent, --accent, --link), light and dark."""
    return (
        "/* Generated from content/data/site.toml [colors] by the newsroom plugin (identity.py). */\n"
        f":root {{ --primary: {colors['primary']}; --brand: {colors['primary']}; "
        f"--brand-accent: {colors['accent']}; --accent: {colors['accent']}; --link: {colors['accent']}; }}\n"
        "@media (prefers-color-scheme: dark) {\n"
        f"  :root {{ --primary: {colors['primary_dark']}; --accent: {colors['accent_dark']}; "
        f"--link: {colors['accent_dark']}; }}\n"
        "}\n"
    )


# --- SVG ----------------------------------------------------------------------------------------
def mark_svg(colors: dict, *, title: str = "", standalone: bool = True, size: int = 48,
             css_class: str = "", clip_id: str = "logo-bingkai") -> str:
    """The mark as SVG: a file (standalone, with its namespace and, given a title, role="img") or
    markup for inline use (decorative: aria-hidden)."""
    bars = "".join(f"M{x0} {y0}h{x1 - x0}v{y1 - y0}H{x0}z" for x0, y0, x1, y1 in BARS)
    attrs = [f'viewBox="0 0 {UNITS} {UNITS}"', f'width="{size}"', f'height="{size}"']
    if standalone:
        attrs.insert(0, 'xmlns="http://www.w3.org/2000/svg"')
    if css_class:
        attrs.insert(0, f'class="{escape(css_class)}"')
    if title:
        attrs += ['role="img"', f'aria-label="{escape(title)}"']
    elif not standalone:
        attrs += ['aria-hidden="true"', 'focusable="false"']
    return (
        f"<svg {' '.join(attrs)}><clipPath id=\"{clip_id}\"><rect width=\"{UNITS}\" height=\"{UNITS}\" "
        f"rx=\"{CORNER}\"/></clipPath><g clip-path=\"url(#{clip_id})\">"
        f"<path fill=\"{colors['primary']}\" d=\"M0 0h{UNITS}v{UNITS}H0z\"/>"
        f"<path fill=\"{INK}\" d=\"{bars}\"/>"
        f"<path fill=\"{colors['accent']}\" stroke=\"{INK}\" stroke-width=\"2\" d=\"{WAVE_PATH}\"/></g></svg>"
    )


# --- Pillow -------------------------------------------------------------------------------------
def _bezier(p0, p1, p2, p3, steps=24):
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        yield (u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
               u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1])


def wave_points(left: float, right: float) -> list[tuple[float, float]]:
    """The wave's edge from x=left to x=right (units): half-waves of 12.5 units, up then down, as
    WAVE_PATH (continued beyond the square if asked, for icons whose wave fills a wider canvas)."""
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


def _arc(cx: float, cy: float, start: float, end: float, steps: int = 12):
    for i in range(steps + 1):
        a = math.radians(start + (end - start) * i / steps)
        yield cx + CORNER * math.cos(a), cy + CORNER * math.sin(a)


def draw_mark(draw, x: float, y: float, size: float, colors: dict) -> None:
    """Draw the mark with its round corners on a Pillow ImageDraw, `size` pixels square at (x, y);
    `colors` needs "primary" and "accent" (see colors_of)."""
    unit = size / UNITS

    def at(px: float, py: float) -> tuple[float, float]:
        return x + px * unit, y + py * unit

    draw.rounded_rectangle((x, y, x + size - 1, y + size - 1), radius=CORNER * unit, fill=colors["primary"])
    for x0, y0, x1, y1 in BARS:
        (a, b), (c, d) = at(x0, y0), at(x1, y1)
        draw.rectangle((a, b, c - 1, d - 1), fill=INK)
    # The wave, cut to the square: its edge, then down the right side, round the bottom corners.
    edge = [(min(max(px, 0.0), UNITS), py) for px, py in wave_points(0.0, UNITS)]
    bottom = [*_arc(UNITS - CORNER, UNITS - CORNER, 0, 90), *_arc(CORNER, UNITS - CORNER, 90, 180)]
    draw.polygon([at(px, py) for px, py in (*edge, *bottom)], fill=colors["accent"])
    draw.line([at(px, py) for px, py in edge], fill=INK, width=max(1, round(2 * unit)), joint="curve")

"""Social cards (1200x630, og:image / twitter:image): a good crop of the lead photo, or a drawn card.

- crop(): the window of the target's shape that keeps the photo's centre of interest. A portrait
  is cut from the top (a face is never beheaded); otherwise the window with the most edge energy
  (detail: faces, people, signs) on a 160-px copy wins, with a slight pull towards the centre.
- draw(): a card for a story without a photo, in the site's colours from site.toml: the portal's
  mark, the headline and the region, with Pillow's own font (no font file to ship).
"""

from __future__ import annotations

import unicodedata

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageStat

from . import identity

SIZE = (1200, 630)
ACCENT = identity.DEFAULT_COLORS["accent"]  # the wave of the mark, when site.toml names none


def crop_box(image: Image.Image, size: tuple[int, int]) -> tuple[int, int, int, int]:
    w, h = image.size
    ratio = size[0] / size[1]
    if abs(w / h - ratio) < 0.01:
        return (0, 0, w, h)
    wide = w / h > ratio
    cw, ch = (round(h * ratio), h) if wide else (w, round(w / ratio))
    slack = (w - cw) if wide else (h - ch)
    if not wide and h > w:
        return (0, 0, cw, ch)  # a portrait: keep the top
    small = image.convert("L")
    small.thumbnail((160, 160))
    edges = small.filter(ImageFilter.FIND_EDGES)
    scale = small.width / w
    best, best_score = slack // 2, -1.0
    steps = 16
    for i in range(steps + 1):
        offset = round(slack * i / steps)
        box = (offset, 0, offset + cw, ch) if wide else (0, offset, cw, offset + ch)
        sbox = tuple(round(v * scale) for v in box)
        energy = ImageStat.Stat(edges.crop(sbox)).mean[0]
        score = energy * (1 - 0.25 * abs(i / steps - 0.5))  # a slight pull to the centre
        if score > best_score:
            best, best_score = offset, score
    return (best, 0, best + cw, ch) if wide else (0, best, cw, best + ch)


def crop(image: Image.Image, size: tuple[int, int] = SIZE) -> Image.Image:
    return image.resize(size, Image.Resampling.LANCZOS, box=crop_box(image, size), reducing_gap=3.0)


def draw_mark(draw: ImageDraw.ImageDraw, x: int, y: int, size: int, primary: str, accent: str = ACCENT) -> None:
    """The portal's mark (identity.py, the one definition) `size` pixels square at (x, y), on a
    white tile so it stands out on a card of the brand colour."""
    pad = max(2, size // 24)
    draw.rounded_rectangle((x - pad, y - pad, x + size + pad, y + size + pad), radius=size // 4, fill="#ffffff")
    identity.draw_mark(draw, x, y, size, {"primary": primary, "accent": accent})


# Pillow's own font has ASCII, Latin-1 punctuation and curly quotes, but neither dashes nor
# accented capitals: print what it has (an Indonesian headline loses nothing that matters).
_PLAIN = str.maketrans({"\u2014": "-", "\u2013": "-", "\u2026": "...", "\u00a0": " ", "\u2009": " "})


def printable(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    return "".join(c for c in text if not unicodedata.combining(c))


def wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in printable(text).split():
        trial = f"{line} {word}".strip()
        if line and draw.textlength(trial, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def draw(data: dict, size: tuple[int, int] = SIZE) -> Image.Image:
    """A card from `data`: headline, region, site (name), primary and accent colours (or the
    site's own card when data["layout"] is "site")."""
    if data.get("layout") == "site":
        return draw_site(data, size)
    width, height = size
    primary = data.get("primary") or identity.DEFAULT_COLORS["primary"]
    accent = data.get("accent") or ACCENT
    image = Image.new("RGB", size, primary)
    canvas = ImageDraw.Draw(image)
    margin = 72
    draw_mark(canvas, margin, margin, 96, primary, accent)
    small = ImageFont.load_default(size=38)
    canvas.text((margin + 96 + 28, margin + 26), printable(data.get("site", "")), font=small, fill="#ffffff")
    # The headline: as large as fits above the region band (at most four lines).
    text_width = width - 2 * margin
    top = margin + 96 + 40
    room = height - 86 - 24 - top
    for points in (72, 64, 56, 48, 42):
        font = ImageFont.load_default(size=points)
        lines = wrap(canvas, data.get("headline", ""), font, text_width)
        step = round(points * 1.22)
        if len(lines) * step <= room:
            break
    keep = min(4, room // step)
    if len(lines) > keep:
        lines = lines[:keep]
        while lines[-1] and canvas.textlength(lines[-1] + " ...", font=font) > text_width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else ""
        lines[-1] += " ..."
    for i, line in enumerate(lines):
        canvas.text((margin, top + i * step), line, font=font, fill="#ffffff")
    canvas.rectangle((0, height - 86, width, height), fill=accent)
    if data.get("region"):
        canvas.text((margin, height - 66), printable(data["region"]), font=small, fill="#ffffff")
    return image


def draw_site(data: dict, size: tuple[int, int] = SIZE) -> Image.Image:
    """The site's card (pages without a story): the mark, the name and the tagline."""
    width, height = size
    primary = data.get("primary") or identity.DEFAULT_COLORS["primary"]
    image = Image.new("RGB", size, primary)
    canvas = ImageDraw.Draw(image)
    x, y, s = 90, 175, 7
    draw_mark(canvas, x, y, 48 * s, primary, data.get("accent") or ACCENT)
    name_font = ImageFont.load_default(size=104)
    text_font = ImageFont.load_default(size=40)
    left = x + 48 * s + 70
    canvas.text((left, 190), printable(data.get("site", "")), font=name_font, fill="#ffffff")
    for i, text in enumerate(wrap(canvas, data.get("tagline", ""), text_font, width - left - 70)[:4]):
        canvas.text((left, 330 + i * 52), text, font=text_font, fill="#ffffff")
    return image

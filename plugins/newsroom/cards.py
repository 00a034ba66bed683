"""Social cards (1200x630, og:image / twitter:image): a good crop of the lead photo, or a drawn card.

- crop(): the window of the target's shape that keeps the photo's centre of interest. A portrait
  is cut from the top (a face is never beheaded); otherwise the window with the most edge energy
  (detail: faces, people, signs) on a 160-px copy wins, with a slight pull towards the centre.
- draw(): a card for a story without a photo, in the site's colours from site.toml: the portal's
  mark, the headline and the region, with Pillow's own font (no font file to ship). One card per
  story without a photo, so it must be cheap: about 1.5 ms of CPU to draw (it was 6.4 ms drawing
  whole lines with ImageDraw.text and measuring every trial line with textlength; see below).
- jpeg(): that card as a JPEG, drawing and encoding only the rows its headline touches; the rest
  (background, mark, name, the band of each region) is encoded once per build (jpegrows.py):
  about 55 % of the CPU of drawing and encoding the whole card (1.8 against 3.3 ms here), and
  the same bytes.
"""

from __future__ import annotations

import functools
import unicodedata

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageStat

from . import identity, jpegrows

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


# A story's card is drawn in a few milliseconds: the parts every card shares (background, mark,
# site name, region band) are drawn once per build and copied; the text is set from glyphs
# rendered once per size (Pillow's own font has no kerning in its basic layout, so a line is
# the sum of its characters' advances, as Pillow itself lays it out) and measured with the
# same cached advances, instead of rendering and measuring whole lines again and again.
WHITE = (255, 255, 255)


@functools.lru_cache(maxsize=16)
def _font(points: int):
    return ImageFont.load_default(size=points)


@functools.lru_cache(maxsize=8192)
def _glyph(points: int, char: str) -> tuple[float, int, int, Image.Image | None]:
    """One character at `points`: its advance, the offset of its picture from the pen (anchored
    at the ascender, like ImageDraw.text) and its coverage (a mask; None for a blank)."""
    font = _font(points)
    x0, y0, x1, y1 = font.getbbox(char)
    if x1 <= x0 or y1 <= y0:
        return font.getlength(char), 0, 0, None
    mask = Image.new("L", (x1 - x0, y1 - y0))
    ImageDraw.Draw(mask).text((-x0, -y0), char, font=font, fill=255)
    return font.getlength(char), x0, y0, mask


@functools.lru_cache(maxsize=8192)
def _inked(points: int, char: str, background: str) -> tuple[Image.Image, Image.Image]:
    """The character in white on `background`, and a white block, both of its mask's size."""
    mask = _glyph(points, char)[3]
    white = Image.new("RGB", mask.size, WHITE)
    block = Image.new("RGB", mask.size, background)
    block.paste(white, (0, 0), mask)
    return block, white


def _length(text: str, points: int) -> float:
    return sum(_glyph(points, char)[0] for char in text)


class _Text:
    """White text on a card's plain `background`. A character whose box touches no box written
    before is pasted as a finished block (the cheapest paste there is: the same pixels as
    blending through its mask, since only background is under it); one that overlaps another
    (a tight pair, a descender over the next line) is blended through its mask."""

    def __init__(self, image: Image.Image, background: str):
        self.image, self.background = image, background
        self.floor = 0  # the lowest pixel row of the lines written so far

    def line(self, x: int, y: int, text: str, points: int) -> None:
        pen, right, bottom = 0.0, -1 << 30, self.floor
        for char in text:
            advance, dx, dy, mask = _glyph(points, char)
            if mask is not None:
                left, top = x + round(pen) + dx, y + dy
                block, white = _inked(points, char, self.background)
                if left >= right and top >= self.floor:
                    self.image.paste(block, (left, top))
                else:
                    self.image.paste(white, (left, top), mask)
                right = max(right, left + mask.width)
                bottom = max(bottom, top + mask.height)
            pen += advance
        self.floor = bottom


def _lines(words: list[str], points: int, width: int) -> list[str]:
    """`words` wrapped to `width` pixels at `points` (as wrap() does, from cached advances)."""
    space = _length(" ", points)
    lines, line, used = [], [], 0.0
    for word in words:
        length = _length(word, points)
        if line and used + space + length > width:
            lines.append(" ".join(line))
            line, used = [word], length
        else:
            used += (space if line else 0) + length
            line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


MARGIN, MARK, BAND = 72, 96, 86
HEADLINE_TOP = MARGIN + MARK + 40  # the top of the headline's first line


@functools.lru_cache(maxsize=8)
def _base(size: tuple[int, int], primary: str, accent: str, site: str) -> Image.Image:
    """What every story's card of the site shows: the colour, the mark, the name, the band."""
    width, height = size
    image = Image.new("RGB", size, primary)
    canvas = ImageDraw.Draw(image)
    draw_mark(canvas, MARGIN, MARGIN, MARK, primary, accent)
    canvas.text((MARGIN + MARK + 28, MARGIN + 26), printable(site), font=_font(38), fill=WHITE)
    canvas.rectangle((0, height - BAND, width, height), fill=accent)
    return image


def _colours(data: dict) -> tuple[str, str]:
    return data.get("primary") or identity.DEFAULT_COLORS["primary"], data.get("accent") or ACCENT


def _headline(data: dict, size: tuple[int, int]) -> tuple[list[str], int, int, int]:
    """The headline as large as fits above the region band (at most four lines): its lines,
    their size in points, the step from line to line and the top of the first."""
    width, height = size
    text_width = width - 2 * MARGIN
    top = HEADLINE_TOP
    room = height - BAND - 24 - top
    words = printable(data.get("headline", "")).split()
    for points in (72, 64, 56, 48, 42):
        lines = _lines(words, points, text_width)
        step = round(points * 1.22)
        if len(lines) * step <= room:
            break
    keep = max(1, min(4, room // step))  # one line even on a card too small for it
    if len(lines) > keep:
        lines = lines[:keep]
        while lines[-1] and _length(lines[-1] + " ...", points) > text_width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else ""
        lines[-1] += " ..."
    return lines, points, step, top


def _set(text: _Text, lines: list[str], points: int, step: int, top: int) -> None:
    for i, line in enumerate(lines):
        text.line(MARGIN, top + i * step, line, points)


REGION_TOP = 66  # the region's line, from the bottom of the card


def draw(data: dict, size: tuple[int, int] = SIZE) -> Image.Image:
    """A card from `data`: headline, region, site (name), primary and accent colours (or the
    site's own card when data["layout"] is "site")."""
    if data.get("layout") == "site":
        return draw_site(data, size)
    width, height = size
    primary, accent = _colours(data)
    image = _base(tuple(size), primary, accent, data.get("site", "")).copy()
    _set(_Text(image, primary), *_headline(data, size))
    if data.get("region"):
        _Text(image, accent).line(MARGIN, height - REGION_TOP, printable(data["region"]), 38)
    return image


def jpeg(data: dict, size: tuple[int, int], quality: int) -> bytes:
    """draw(data, size) as a JPEG (jpegrows.OPTIONS), put together from rows: those of the
    background and of the region band are encoded once per build, only the rows the headline
    touches for each card (see jpegrows.py; the same bytes as encoding the whole card)."""
    size = tuple(size)
    width, height = size
    primary, accent = _colours(data)
    site = data.get("site", "")
    band = (height - BAND) // jpegrows.MCU  # the first row the band touches
    first = HEADLINE_TOP // jpegrows.MCU  # the first row the headline may touch
    if data.get("layout") == "site" or not 0 < first < band:
        return _whole(data, size, quality)
    coded = list(_background_rows(size, primary, accent, site, quality))
    coded[band:] = _band_rows(size, primary, accent, site, quality, printable(data.get("region") or ""))
    lines, points, step, top = _headline(data, size)
    extent = _extent(lines, points, step, top)
    if extent is not None:
        start, end = extent[0] // jpegrows.MCU, jpegrows.rows(extent[1])
        if not first <= start < end <= band:  # text beyond its rows: the whole card
            return _whole(data, size, quality)
        origin = start * jpegrows.MCU
        strip = _base(size, primary, accent, site).crop((0, origin, width, end * jpegrows.MCU))
        _set(_Text(strip, primary), lines, points, step, top - origin)  # the strip starts at the text's top
        coded[start:end] = jpegrows.encode(strip, quality)
    return jpegrows.join(width, height, quality, coded)


def _extent(lines: list[str], points: int, step: int, top: int) -> tuple[int, int] | None:
    """The first pixel row the lines set by _set() cover, and the one after the last."""
    high = low = None
    for i, line in enumerate(lines):
        for char in set(line):
            _, _, dy, mask = _glyph(points, char)
            if mask is not None:
                y = top + i * step + dy
                high = y if high is None else min(high, y)
                low = y + mask.height if low is None else max(low, y + mask.height)
    return None if high is None else (high, low)


def _whole(data: dict, size: tuple[int, int], quality: int) -> bytes:
    return jpegrows.join(size[0], size[1], quality, jpegrows.encode(draw(data, size), quality))


@functools.lru_cache(maxsize=8)
def _background_rows(size, primary: str, accent: str, site: str, quality: int) -> tuple[bytes, ...]:
    return tuple(jpegrows.encode(_base(size, primary, accent, site), quality))


@functools.lru_cache(maxsize=256)
def _band_rows(size, primary: str, accent: str, site: str, quality: int, region: str) -> tuple[bytes, ...]:
    """The rows from the first one the region band touches to the bottom, with `region` set."""
    width, height = size
    start = (height - BAND) // jpegrows.MCU * jpegrows.MCU
    strip = _base(size, primary, accent, site).crop((0, start, width, height))
    if region:
        _Text(strip, accent).line(MARGIN, height - REGION_TOP - start, region, 38)
    return tuple(jpegrows.encode(strip, quality))


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

"""Article and reporter photos: measured and resized with Pillow, written only when used.

Photos live in content/images/ but are not a static path: only photos of content that is
actually published are written, in a few widths for `srcset`, so a draft's photo never leaks and
a phone on slow data downloads the size it needs. Renditions are cached across builds.
"""

from __future__ import annotations

import hashlib
import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError

from .messages import _

# What Pillow may open for us: the formats phones and newsroom tools send.
FORMATS = {"JPEG", "PNG", "WEBP"}
ORIENTATION = 0x0112  # EXIF tag; 5 to 8 mean the picture is turned a quarter


class PhotoProblem(ValueError):
    """A photo we cannot publish; str() is the message for the reporter."""


def inspect(source: Path, max_pixels: int, verified: Path | None = None) -> tuple[int, int]:
    """Width and height (EXIF orientation applied) of a photo that can be published.

    Reads only the header to check the format and the pixel count (a decompression bomb is
    refused before anything is decoded), then decodes the whole file once, at 1/8 size for
    JPEG, so a damaged or truncated photo is a problem in the list instead of a crash while the
    site is written. A photo that passed is remembered in `verified` (by path, size and
    modification time), so later builds only read its header.
    """
    try:
        stat = source.stat()
    except OSError as exc:
        raise PhotoProblem(_("cannot be read ({error})", error=exc.strerror)) from None
    marker = None
    if verified is not None:
        key = hashlib.sha1(f"{source}:{stat.st_size}:{stat.st_mtime_ns}:{max_pixels}".encode()).hexdigest()
        marker = verified / key
        try:
            width, height = (int(n) for n in marker.read_text().split())
            return width, height
        except (OSError, ValueError):
            pass
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as im:
                if im.format not in FORMATS:
                    raise PhotoProblem(_("is a {format} file; use a JPEG, PNG or WebP photo", format=im.format))
                width, height = im.size
                if width * height > max_pixels:
                    raise _too_large(width, height, max_pixels)
                if im.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8):
                    width, height = height, width
                im.draft("RGB", (max(1, im.size[0] // 8), max(1, im.size[1] // 8)))
                im.load()
    except PhotoProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(0, 0, max_pixels) from None
    except UnidentifiedImageError:
        raise PhotoProblem(_("is not a photo (or is too damaged to open); save it again as JPEG")) from None
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
        raise PhotoProblem(_("is damaged or incomplete ({error}); copy it again from the original", error=exc)) from None
    if marker is not None:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(f"{width} {height}")
    return width, height


def _too_large(width: int, height: int, max_pixels: int) -> PhotoProblem:
    size = (_("{width}×{height} pixels ({megapixels} megapixels)", width=width, height=height,
              megapixels=f"{width * height / 1e6:.0f}") if width else _("too large to open"))
    return PhotoProblem(_("is {size}; the limit is {limit} megapixels: resize it (4000 pixels on the long side "
                          "is plenty) and save it again", size=size, limit=f"{max_pixels / 1e6:.0f}"))


@dataclass
class Photo:
    source: Path
    rel: str  # path relative to the content folder, e.g. images/2026/10/x.jpg
    width: int
    height: int
    alt: str = ""
    caption: str = ""
    credit: str = ""
    renditions: list[tuple[str, int, int]] = field(default_factory=list)  # (url, width, height)
    siteurl: str = ""

    @property
    def src(self) -> str:
        """URL path (like Pelican's `url`) of the default rendition."""
        return self.default[0]

    @property
    def url(self) -> str:
        return self.src

    @property
    def default(self):
        # 800 px wide suits most phones at 2x and the desktop column.
        fitting = [r for r in self.renditions if r[1] <= 800]
        return fitting[-1] if fitting else self.renditions[0]

    @property
    def srcset(self) -> str:
        return ", ".join(f"{self.siteurl}/{url} {w}w" for url, w, _ in self.renditions)

    @property
    def largest(self):
        return self.renditions[-1]

    # The largest rendition, for sharing (Open Graph, JSON-LD): social sites want >= 1200 px.
    @property
    def full_src(self) -> str:
        return self.largest[0]

    @property
    def full_width(self) -> int:
        return self.largest[1]

    @property
    def full_height(self) -> int:
        return self.largest[2]

    def __bool__(self) -> bool:
        return True


def measure(content_path: Path, rel: str, widths, siteurl: str, size: tuple[int, int] | None = None) -> Photo:
    """The photo's renditions; `size` is what inspect() found (the file is opened otherwise)."""
    source = content_path / rel
    if size is None:
        with Image.open(source) as im:
            size = ImageOps.exif_transpose(im).size if im.getexif() else im.size
    width, height = size
    rel_path = PurePosixPath(rel)
    renditions = []
    for w in sorted({min(w, width) for w in widths}):
        h = round(height * w / width)
        url = str(rel_path.with_name(f"{rel_path.stem}-{w}{rel_path.suffix.lower()}"))
        renditions.append((url, w, h))
    return Photo(source=source, rel=rel, width=width, height=height, renditions=renditions, siteurl=siteurl)


def write(photo: Photo, output_path: Path, cache_dir: Path, quality: int) -> None:
    """Write every rendition of `photo` into the output (through the cache)."""
    stat = photo.source.stat()
    key = hashlib.sha1(f"{photo.source}:{stat.st_mtime_ns}:{stat.st_size}:{quality}".encode()).hexdigest()[:16]
    image = None
    try:
        for url, w, h in photo.renditions:
            target = output_path / url
            cached = cache_dir / f"{key}-{w}{photo.source.suffix.lower()}"
            if not cached.exists():
                if image is None:
                    image = ImageOps.exif_transpose(Image.open(photo.source))
                    if image.mode not in ("RGB", "L"):
                        image = image.convert("RGB")
                cache_dir.mkdir(parents=True, exist_ok=True)
                resized = image if (w, h) == image.size else image.resize((w, h), Image.Resampling.LANCZOS)
                fmt = {".png": "PNG", ".webp": "WEBP"}.get(photo.source.suffix.lower(), "JPEG")
                options = {
                    "PNG": {"optimize": True},
                    "WEBP": {"quality": quality, "method": 4},
                    "JPEG": {"quality": quality, "progressive": True, "optimize": True},
                }[fmt]
                resized.save(cached, fmt, **options)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
    finally:
        if image is not None:
            image.close()


SHARE_CARD = "images/fpii-share-card.png"


def share_card_info(site: dict, siteurl: str):
    """The default picture for link previews of pages without a photo (WhatsApp, Facebook, X)."""
    from types import SimpleNamespace

    return SimpleNamespace(full_src=SHARE_CARD, full_width=1200, full_height=630,
                           alt=site.get("long_name") or site.get("name", ""), siteurl=siteurl)


def write_share_card(site: dict, colors: dict, output_path: Path) -> None:
    """Draw the card from the site's data (name, tagline, colour) with Pillow's own font,
    so a chapter that changes site.toml gets its own card without touching an image editor."""
    from PIL import ImageDraw, ImageFont

    width, height = 1200, 630
    primary = colors.get("primary", "#9b1c1c")
    image = Image.new("RGB", (width, height), primary)
    draw = ImageDraw.Draw(image)
    # The logo mark: three bars of a page and a wave (as in theme/static/img/logo.svg).
    x, y, s = 90, 175, 7
    draw.rounded_rectangle((x, y, x + 48 * s, y + 48 * s), radius=10 * s, fill="#ffffff")
    for top, length, thick in ((9, 28, 6), (19, 18, 4), (26, 23, 4)):
        draw.rectangle((x + 10 * s, y + top * s, x + (10 + length) * s, y + (top + thick) * s), fill=primary)
    draw.rectangle((x + 3 * s, y + 37 * s, x + 45 * s, y + 45 * s), fill="#0b5d6b")
    name_font = ImageFont.load_default(size=104)
    text_font = ImageFont.load_default(size=40)
    left = x + 48 * s + 70
    draw.text((left, 190), site.get("name", ""), font=name_font, fill="#ffffff")
    words, lines, line = (site.get("tagline") or "").split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=text_font) > width - left - 70 and line:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    for i, text in enumerate(lines[:4]):
        draw.text((left, 330 + i * 52), text, font=text_font, fill="#ffffff")
    target = output_path / SHARE_CARD
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "PNG", optimize=True)

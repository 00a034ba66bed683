"""Article and reporter photos: measured with Pillow, published only when used, in several sizes.

Photos live in content/images/ but are not a static path: only photos of content that is
actually published are written, in a few widths for `srcset` (WebP and JPEG), so a draft's photo
never leaks and a phone on slow data downloads the size it needs. The files are made by
renditions.py (cached by content, on every core, without metadata), the social cards by cards.py,
photos in the story text and galleries by bodyphotos.py.

Why not pelican-image-process (checked against its source, image_process.py, 2024-2025): it
rewrites `<img class="image-process-...">` in each written HTML file (BeautifulSoup per page) and
makes the derivatives into the output folder, skipping only those whose output file is newer
than the source, so every publish build (which clears the output folder) makes every photo again;
it works serially in the build process and decodes the full source once per derivative (no
`draft`); it never applies the EXIF orientation (a phone photo turned by its flag comes out
sideways); a broken photo is a log line, not a content problem; and it knows nothing of which
content is published (it processes whatever HTML Pelican writes, and the original stays
wherever Pelican copies it). Its WebP needs a second source per `<picture>`. What it does well
(srcset, picture) is a few lines here; the rest (the publish rule, problems with file and line,
a cache that survives a cleared output folder) is ours anyway.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError

from . import cards, renditions
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
    renditions: list[tuple[str, int, int]] = field(default_factory=list)  # (url, width, height), `fallback` format
    siteurl: str = ""
    fallback: str = "JPEG"  # what every browser reads: JPEG, or PNG for a PNG source
    modern: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)  # "WEBP" -> renditions
    card: "Card | None" = None  # the 1200x630 social card cropped from this photo

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
        return self._srcset(self.renditions)

    def _srcset(self, sizes) -> str:
        return ", ".join(f"{self.siteurl}/{url} {w}w" for url, w, _ in sizes)

    @property
    def sources(self) -> list[tuple[str, str]]:
        """(MIME type, srcset) of the smaller formats, best first, for <picture><source>."""
        return [(MIME[fmt], self._srcset(sizes)) for fmt, sizes in self.modern.items()]

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

    def outputs(self) -> list[renditions.Output]:
        """Every file of this photo the site publishes (renditions, and its card if any)."""
        made = [renditions.Output(url, "resize", self.fallback, w, h, self.source) for url, w, h in self.renditions]
        for fmt, sizes in self.modern.items():
            made += [renditions.Output(url, "resize", fmt, w, h, self.source) for url, w, h in sizes]
        if self.card is not None:
            made.append(self.card.output)
        return made

    def __bool__(self) -> bool:
        return True


MIME = {"WEBP": "image/webp", "AVIF": "image/avif", "JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass
class Card:
    """A 1200x630 picture for link previews (og:image, twitter:image)."""

    output: renditions.Output
    alt: str = ""
    siteurl: str = ""

    @property
    def full_src(self) -> str:
        return self.output.url

    @property
    def full_width(self) -> int:
        return self.output.width

    @property
    def full_height(self) -> int:
        return self.output.height


def measure(content_path: Path, rel: str, widths, siteurl: str, size: tuple[int, int] | None = None,
            modern=("WEBP",), card: bool = False) -> Photo:
    """The photo's renditions; `size` is what inspect() found (the file is opened otherwise).

    Widths above the photo's own are left out (never upscaled; the photo's width is then the
    largest); a portrait's widths stop where its height reaches the largest width. A PNG stays PNG (a graphic or a screenshot: JPEG would blur its edges, and it may
    be transparent); every other source is published as JPEG; each also in the `modern`
    formats (WebP).
    """
    source = content_path / rel
    if size is None:
        with Image.open(source) as im:
            size = ImageOps.exif_transpose(im).size if im.getexif() else im.size
    width, height = size
    rel_path = PurePosixPath(rel)
    fallback = "PNG" if rel_path.suffix.lower() == ".png" else "JPEG"
    # A portrait's largest rendition is as tall as a landscape's is wide (1200x1600, not 1600x2133):
    # no screen shows more, and its JPEG can then be decoded at half size (Pillow's draft).
    cap = width if width >= height else max(1, round(max(widths) * width / height))
    sizes = [(w, max(1, round(height * w / width))) for w in sorted({min(w, width, cap) for w in widths})]

    def named(fmt):
        ext = renditions.EXTENSIONS[fmt]
        return [(str(rel_path.with_name(f"{rel_path.stem}-{w}{ext}")), w, h) for w, h in sizes]

    photo = Photo(source=source, rel=rel, width=width, height=height, renditions=named(fallback), siteurl=siteurl,
                  fallback=fallback, modern={fmt: named(fmt) for fmt in modern})
    if card:
        w, h = cards.SIZE
        url = str(rel_path.with_name(f"{rel_path.stem}-{w}x{h}.jpg"))
        photo.card = Card(renditions.Output(url, "card", "JPEG", w, h, source), siteurl=siteurl)
    return photo


def drawn_card(folder: str, slug: str, what: dict, siteurl: str) -> Card:
    """The card of a story without a photo, drawn from `what` (headline, region, site, colours)."""
    text = json.dumps(what, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(text.encode()).hexdigest()[:10]
    w, h = cards.SIZE
    output = renditions.Output(f"{folder}/{slug}-{digest}.jpg", "drawn", "JPEG", w, h, None, text)
    return Card(output, alt=what.get("headline", ""), siteurl=siteurl)


SHARE_CARD = "images/fpii-share-card.png"


def share_card_info(site: dict, siteurl: str):
    """The default picture for link previews of pages without a photo (WhatsApp, Facebook, X)."""
    from types import SimpleNamespace

    return SimpleNamespace(full_src=SHARE_CARD, full_width=1200, full_height=630,
                           alt=site.get("long_name") or site.get("name", ""), siteurl=siteurl)


def share_card_output(site: dict, colors: dict) -> renditions.Output:
    """The site's own card (cards.draw_site), made through the pipeline like every picture."""
    what = {"layout": "site", "site": site.get("name", ""), "tagline": site.get("tagline") or "",
            "primary": colors.get("primary", ""), "accent": colors.get("accent", "")}
    return renditions.Output(SHARE_CARD, "drawn", "PNG", 1200, 630, None, json.dumps(what, sort_keys=True))

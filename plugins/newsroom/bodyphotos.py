"""Photos in the story text and photo galleries: the same pipeline as the lead photo.

A reporter writes a photo in the text the Markdown way, the title (in quotes) being the caption
and, after a `|`, the credit:

    ![Warga mengungsi](images/2026/11/banjir-1.jpg "Warga mengungsi ke masjid | Foto: Rina")

Several photos on consecutive lines (no blank line between them) are a gallery: a grid of
figures, each with its caption and credit, no JavaScript. The path is relative to the content
folder (as in `Image:`), or written with Pelican's `{static}`/`{attach}` (then relative to the
story's file unless it starts with `/`).

- check(): at read time (every build and `invoke check`), each photo that is missing, outside the
  content folder, not a photo or damaged is a problem with the file and line.
- rewrite(): once the story is read, each `<img>` of a local photo in the sanitised body becomes a
  `<picture>` (WebP and JPEG renditions, width/height, lazy and async) in a `<figure>`; the markup
  is ours, made after the sanitiser from escaped values, so the sanitiser's allowlist stays as
  strict as it was. The original file is never published: its Pelican static link is dropped.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import unquote

from . import paths, photos
from .pelican_compat import raw_content, set_raw_content
from .messages import _

MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^\s)>]+)>?(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
# `[` first, then "not after !": a pattern that begins with a look-behind is tried at every
# position of the text (0.5 ms a story); one that begins with `[` jumps from bracket to bracket.
MD_PHOTO_LINK = re.compile(r"\[(?<!!\[)[^\]\n]*\]\(\s*<?([^\s)>]+\.(?:jpe?g|png|webp))>?(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)",
                           re.IGNORECASE)
PLACEHOLDER = re.compile(r"^\{(static|attach|filename)\}")
IMG = re.compile(r"<img\b[^>]*>")
# A link to a photo file itself ("see the photo in full"): it gets the largest rendition.
PHOTO_LINK = re.compile(r'(<a\b[^>]*\bhref=")([^"]+\.(?:jpe?g|png|webp))(")', re.IGNORECASE)
ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
# A paragraph of nothing but photos (a single photo, or a gallery).
PHOTO_PARAGRAPH = re.compile(r"<p>\s*((?:<img\b[^>]*>\s*(?:<br\s*/?>\s*)?)+)</p>")
BODY_SIZES = "(min-width: 48rem) 45rem, 100vw"
GALLERY_SIZES = "(min-width: 48rem) 22rem, 50vw"


def locate(src: str, source_path, root: Path) -> tuple[Path | None, str | None, bool]:
    """(real path or None, problem or None, written with a placeholder) of a body image's src."""
    src = unquote(src.strip())
    if "://" in src or src.startswith(("//", "data:", "#")):
        return None, None, False  # not ours: the sanitiser handles images of other sites
    marked = bool(PLACEHOLDER.match(src))
    rel = PLACEHOLDER.sub("", src).split("#")[0].split("?")[0]
    if not rel:
        return None, None, marked
    here = Path(os.path.realpath(os.path.dirname(source_path)))
    candidates = [(root, rel.lstrip("/"))] if rel.startswith("/") else [(here, rel)]
    if not marked and not rel.startswith("/"):
        candidates.append((root, rel))  # as in Image:, relative to the content folder
    problem = None
    for base, path in candidates:
        try:
            real = paths.resolve_inside(root, path, base)
        except paths.OutsideContent as exc:
            problem = str(exc)
            continue
        if real.is_file():
            return real, None, marked
    return None, problem or _("'{path}' does not exist; the path is relative to the content folder", path=rel), marked


def check(text: str, source_path, newsroom) -> list[tuple[int, str]]:
    """(line, problem) for each photo in the Markdown text that cannot be published."""
    found = []
    for match in sorted((*MD_IMAGE.finditer(text), *MD_PHOTO_LINK.finditer(text)), key=lambda m: m.start()):
        src = match.group(1)
        line = text.count("\n", 0, match.start()) + 1
        real, problem, marked = locate(src, source_path, newsroom.content_root)
        if real is None and problem and not marked:  # {static} links: the link check reports them
            found.append((line, _("line {line}: photo {problem}", line=line, problem=problem)))
        elif real is not None:
            try:
                photos.inspect(real, newsroom.config["PHOTO_MAX_PIXELS"], newsroom.verified_photos)
            except photos.PhotoProblem as exc:
                found.append((line, _("line {line}: photo '{path}' {problem}", line=line, path=src, problem=exc)))
    return found


def rewrite(content, newsroom) -> None:
    """Turn the story's local photos into <picture>s; sets `content.body_photos`."""
    content.body_photos = []
    content.photo_paths = set()  # every local picture named, published or not
    body = raw_content(content)
    if "<img" not in body and not PHOTO_LINK.search(body):
        return
    cfg = newsroom.config
    made: dict[str, photos.Photo | None] = {}

    def photo_of(attrs: dict) -> photos.Photo | None:
        src = html.unescape(attrs.get("src", ""))
        if src not in made:
            real, _problem, _marked = locate(src, content.source_path, newsroom.content_root)
            photo = None
            if real is not None:
                rel = real.relative_to(newsroom.content_root).as_posix()
                content.photo_paths.add(rel)
                try:
                    size = photos.inspect(real, cfg["PHOTO_MAX_PIXELS"], newsroom.verified_photos)
                    photo = photos.measure(newsroom.content_root, rel, cfg["PHOTO_WIDTHS"], newsroom.settings["SITEURL"],
                                           size=size, modern=cfg["PHOTO_FORMATS"])
                except photos.PhotoProblem:
                    photo = False  # reported by check(); never published as it is
            made[src] = photo
            if photo:
                content.body_photos.append(photo)
        return made[src]

    def figure(tag: str, sizes: str) -> str | None:
        attrs = {k: html.unescape(v) for k, v in ATTR.findall(tag)}
        photo = photo_of(attrs)
        if photo is None:
            return None
        if photo is False:
            return ""
        caption, _sep, credit = attrs.get("title", "").partition("|")
        photo.alt = attrs.get("alt", "")
        photo.caption, photo.credit = caption.strip(), credit.strip()
        return markup(photo, sizes, figure=True)

    def paragraph(match: re.Match) -> str:
        tags = IMG.findall(match.group(1))
        if len(tags) == 1:
            done = figure(tags[0], BODY_SIZES)
            return match.group(0) if done is None else done
        items = [figure(tag, GALLERY_SIZES) for tag in tags]
        if any(item is None for item in items):
            return match.group(0)  # a picture of another site among them: leave as written
        return '<ul class="gallery">' + "".join(f"<li>{item}</li>" for item in items if item) + "</ul>"

    def inline(match: re.Match) -> str:
        attrs = {k: html.unescape(v) for k, v in ATTR.findall(match.group(0))}
        photo = photo_of(attrs)
        if photo is None:
            return match.group(0)
        if photo is False:
            return ""
        photo.alt = attrs.get("alt", "")
        return markup(photo, BODY_SIZES)

    def link(match: re.Match) -> str:
        photo = photo_of({"src": match.group(2)})
        if not photo:
            return match.group(0)  # not ours (another site), or broken (reported by the link check)
        return f"{match.group(1)}{html.escape(photo.siteurl)}/{html.escape(photo.full_src)}{match.group(3)}"

    body = PHOTO_PARAGRAPH.sub(paragraph, body)
    body = IMG.sub(inline, body)  # a photo inside a line of text
    # A link to the original would publish it, EXIF and GPS included: it opens the largest
    # rendition instead (same picture, no metadata).
    body = PHOTO_LINK.sub(link, body)
    set_raw_content(content, body)


def markup(photo: photos.Photo, sizes: str, figure: bool = False) -> str:
    """<picture> of a body photo (in a <figure> with caption and credit when `figure`)."""
    esc = html.escape
    sources = "".join(f'<source type="{esc(kind)}" srcset="{esc(srcset)}" sizes="{esc(sizes)}">'
                      for kind, srcset in photo.sources)
    img = (f'<img src="{esc(photo.siteurl)}/{esc(photo.src)}" srcset="{esc(photo.srcset)}" sizes="{esc(sizes)}" '
           f'width="{photo.width}" height="{photo.height}" alt="{esc(photo.alt)}" loading="lazy" decoding="async">')
    picture = f"<picture>{sources}{img}</picture>"
    if not figure:
        return picture
    caption = esc(photo.caption)
    if photo.credit:
        caption += f' <span class="credit">{esc(photo.credit)}</span>'
    return f"<figure>{picture}<figcaption>{caption.strip()}</figcaption></figure>" if caption else \
        f"<figure>{picture}</figure>"


def keep_originals_out(contents, static_links: set) -> None:
    """Pelican copies every file a {static} link names; the originals of the pictures (with their
    EXIF and GPS) are never published, only the renditions."""
    for content in contents:
        static_links.difference_update(getattr(content, "photo_paths", ()))

"""The photo pipeline: every published image file made once, from a cache keyed by content.

A published image is an `Output`: what to make (a resized rendition, a social card cropped from a
photo, a drawn card), in which format and size. Its cache key is a SHA-256 of the source's bytes,
the recipe (kind, format, size, quality) and PIPELINE_VERSION with Pillow's version, so:

- **Processed once.** The file is made into CACHE_PATH/newsroom-photos/files/ and then linked
  into the output (a hard link: no second copy of the bytes; a copy with its bytes and
  modification time, shutil.copy2, where the output is on another file system). Nothing writes
  into a published image afterwards (a cache file is only ever replaced, by os.replace, and a
  stale output file is removed before its new link is made), so the cache cannot change through
  its link. A rebuild finds every file in the cache and does no image work, even when the
  output folder was cleared first (publish builds: DELETE_OUTPUT_DIRECTORY and safe_build's
  `.output.building/`); a rendition already in the output with the cached size and time is
  left alone. A source's digest is remembered by path, size and modification time, so a warm
  build does not even read the photo again. Files that neither this build nor the one before it
  used are removed from the cache (`prune`), so it holds about one site's worth.
- **Both cores.** Sources with missing outputs are processed in a pool of forked workers
  (NEWSROOM["WORKERS"]: 0 = one per CPU, 1 = none), one task per source: it is decoded once, at
  reduced size when every output is smaller (Pillow's JPEG `draft`), turned upright (EXIF
  orientation), converted to sRGB when it carries another ICC profile, and resized from large to
  small.
- **Private.** Nothing of the source's metadata is written: every image is saved from a fresh
  `info`, without EXIF (GPS above all), XMP, comments or ICC profiles; the source itself is
  never copied.

Formats (measured on this machine, Pillow 13, a 1600-px rendition of a 4000x3000 phone-like
JPEG and of a 1200x675 sample illustration; CPU seconds to encode and size):

    JPEG q78 progressive      0.078 s  201 KB  |  0.012 s  64 KB   (baseline: a third of the time, -2 %)
    WebP q78 method 4         0.385 s   49 KB  |  0.056 s  35 KB
    WebP q78 method 2         0.109 s   50 KB  |  0.026 s  36 KB   <- used
    AVIF q58 speed 8          0.359 s   56 KB  |  0.317 s  33 KB
    AVIF q50 speed 10         0.256 s   34 KB  |  0.082 s  36 KB

WebP at method 2 keeps nearly all of method 4's saving for a third of the time. AVIF does not
pay for itself on top of WebP: at a comparable quality it is no smaller and three to twelve
times slower, and every browser that reads AVIF reads WebP. NEWSROOM["PHOTO_FORMATS"] can still
add "AVIF" (listed first, it is offered first).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import multiprocessing
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageCms, ImageOps

logger = logging.getLogger(__name__)

# Change this when the way files are made changes: every cached file becomes a miss.
PIPELINE_VERSION = "3"
DRAWN_VERSION = "3"  # the same, for the drawn cards only (cards.draw, cards.jpeg)
SAVE_OPTIONS = {
    # Baseline with optimised tables: smaller than progressive here and 2.5 times faster to make;
    # the JPEG is the fallback behind WebP (and the social card), so it rarely loads on a phone.
    "JPEG": lambda q: {"quality": q, "optimize": True},
    "WEBP": lambda q: {"quality": q, "method": 2},
    "PNG": lambda q: {"optimize": True},
    "AVIF": lambda q: {"quality": q - 20, "speed": 8},  # only if NEWSROOM["PHOTO_FORMATS"] asks
}
# A drawn story card (flat colours and text; one per story without a photo; read by link
# previews, not by the pages) is a JPEG put together from rows encoded once (cards.jpeg,
# jpegrows.py), which needs the standard Huffman tables: optimised ones took about 2 ms of CPU
# per card, more than drawing it, to save 12 % (50 KB against 56 KB). The site's card is a PNG.
DRAWN_OPTIONS = {**SAVE_OPTIONS, "JPEG": lambda q: {"quality": q}}
DRAWN_BATCH = 32  # drawn cards per task of the pool
EXTENSIONS = {"JPEG": ".jpg", "WEBP": ".webp", "PNG": ".png", "AVIF": ".avif"}
_SRGB = None


@dataclass(frozen=True)
class Output:
    """One file of the published site made by the pipeline.

    kind: "resize" (to width x height), "card" (a width x height crop of the photo, chosen by
    cards.crop_box) or "drawn" (cards.draw: `text` holds what is drawn, no source).
    """

    url: str  # path inside the output folder
    kind: str
    fmt: str
    width: int
    height: int
    source: Path | None = None
    text: str = ""  # for "drawn": the JSON of what the card shows

    def key(self, digest: str, quality: int) -> str:
        recipe = f"{digest}|{self.kind}|{self.fmt}|{self.width}x{self.height}|{quality}|{self.text}"
        version = f"{PIPELINE_VERSION}.{DRAWN_VERSION}" if self.kind == "drawn" else PIPELINE_VERSION
        return hashlib.sha256(f"{recipe}|{version}|{PIL.__version__}".encode()).hexdigest()


class Digests:
    """SHA-256 of source files, remembered by path, size and modification time."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.known = json.loads(path.read_text())
        except (OSError, ValueError):
            self.known = {}
        self.used: dict[str, str] = {}

    def __call__(self, source: Path) -> str:
        stat = source.stat()
        mark = f"{source.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
        digest = self.known.get(mark)
        if digest is None:
            digest = hashlib.sha256(source.read_bytes()).hexdigest()
        self.used[mark] = digest
        return digest

    def save(self) -> None:
        if self.used != self.known:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.used, sort_keys=True))
            os.replace(tmp, self.path)


def publish(outputs: list[Output], output_path: Path, cache_dir: Path, quality: int, workers: int = 0) -> int:
    """Put every output in place from the cache, making the missing ones; returns how many files
    were made (0 on a warm build)."""
    digests = Digests(cache_dir / "digests.json")
    files = cache_dir / "files"
    todo: dict[Path | tuple, list[tuple[Output, Path]]] = {}
    drawn = 0
    placed: list[tuple[Output, Path]] = []
    seen = set()
    for out in outputs:
        if out.url in seen:
            continue
        seen.add(out.url)
        digest = digests(out.source) if out.source is not None else "drawn"
        key = out.key(digest, quality)
        cached = files / key[:2] / f"{key}{EXTENSIONS[out.fmt]}"
        placed.append((out, cached))
        if not cached.exists():
            # One task per source photo; drawn cards (a few ms each) in batches, not one each.
            group = out.source if out.source is not None else ("drawn", drawn // DRAWN_BATCH)
            drawn += out.source is None
            todo.setdefault(group, []).append((out, cached))
    tasks = [(group, quality) for group in todo.values()]
    made = 0
    if tasks:
        workers = workers or os.cpu_count() or 1
        if workers > 1 and len(tasks) > 1:
            context = multiprocessing.get_context("fork")
            with context.Pool(min(workers, len(tasks))) as pool:
                made = sum(pool.imap_unordered(_make_group, tasks))
        else:
            made = sum(map(_make_group, tasks))
    for out, cached in placed:
        _place(cached, output_path / out.url)
    digests.save()
    prune(files, {cached.name for _out, cached in placed}, cache_dir / LAST_BUILD)
    return made


LAST_BUILD = "last-build.json"


def prune(files: Path, used: set[str], record: Path) -> int:
    """Remove the cached files that neither this build nor the one before it used (a card drawn
    for a headline since corrected, a photo replaced or deleted), so the cache holds about one
    site's worth instead of every file ever made; the build before is kept because a development
    and a publish build may alternate. A published file is a link of its own: removing the cache's
    name for it leaves the output untouched. How many files were removed."""
    try:
        before = set(json.loads(record.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        before = set()
    keep = used | before
    removed = 0
    try:
        folders = list(os.scandir(files))
    except FileNotFoundError:
        folders = []
    for folder in folders:
        if not folder.is_dir(follow_symlinks=False):
            continue
        with os.scandir(folder.path) as entries:
            for entry in entries:
                if entry.name not in keep and not entry.name.startswith("."):
                    try:
                        os.unlink(entry.path)
                        removed += 1
                    except OSError:
                        pass
    if used != before:
        record.parent.mkdir(parents=True, exist_ok=True)
        tmp = record.with_suffix(".tmp")
        tmp.write_text(json.dumps(sorted(used)), encoding="utf-8")
        os.replace(tmp, record)
    return removed


def _place(cached: Path, target: Path) -> None:
    """Put a cached file into the output, unless it is already there: a hard link to the cache
    file (no second copy of the bytes; same inode, so same bytes and time), or a copy with its
    bytes and time (shutil.copy2) where linking is impossible (another file system, a file
    system without links)."""
    try:
        have, want = target.stat(), cached.stat()
        if have.st_size == want.st_size and have.st_mtime_ns == want.st_mtime_ns:
            return
        # Another file: removed first, so that nothing is ever written through a link into
        # the cache file it may share (an older rendition's).
        target.unlink()
    except FileNotFoundError:
        pass
    try:
        try:
            os.link(cached, target)
        except FileNotFoundError:  # the first file of its folder (a folder made only when needed:
            target.parent.mkdir(parents=True, exist_ok=True)  # every mkdir costs on a slow disk)
            os.link(cached, target)
    except OSError:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(cached, target)


def _make_group(task) -> int:
    group, quality = task
    first = group[0][0]
    if first.kind == "drawn":
        from . import cards

        for out, cached in group:
            what, size = json.loads(out.text), (out.width, out.height)
            if out.fmt == "JPEG":  # a story's card: mostly rows encoded once (cards.jpeg)
                _write(cards.jpeg(what, size, quality), cached)
            else:
                _save(cards.draw(what, size), out.fmt, quality, cached, DRAWN_OPTIONS)
        return len(group)
    image = open_upright(first.source, (max(o.width for o, _ in group), max(o.height for o, _ in group)))
    try:
        made = 0
        sized: dict[tuple[int, int], Image.Image] = {}
        # Largest first; each size from the smallest picture already made that is still larger
        # (a cascade: resizing the full photo for every width costs four times as much).
        for out, cached in sorted(group, key=lambda oc: (-oc[0].width, oc[0].fmt)):
            size = (out.width, out.height)
            if out.kind == "card":
                from . import cards

                picture = cards.crop(image, size)
            elif size in sized:
                picture = sized[size]
            else:
                bases = [im for (w, h), im in sized.items() if w >= size[0] and h >= size[1]]
                base = min(bases, key=lambda im: im.width) if bases else image
                picture = sized[size] = resize(base, size)
            _save(picture, out.fmt, quality, cached)
            made += 1
        return made
    finally:
        image.close()


def open_upright(source: Path, need: tuple[int, int]) -> Image.Image:
    """The photo decoded (at reduced size when every output, at most `need` (width, height) once
    upright, allows), upright, in sRGB, without metadata."""
    with Image.open(source) as im:
        if im.format == "JPEG":
            # draft() picks the smallest DCT scale (1/2, 1/4, 1/8) still at least this large.
            turned = im.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            im.draft("RGB", need[::-1] if turned else need)
        icc = im.info.get("icc_profile")
        image = ImageOps.exif_transpose(im)  # a new, upright image
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    if icc:
        image = _to_srgb(image, icc)
    image.info = {}
    return image


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    global _SRGB
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" in (ImageCms.getProfileDescription(profile) or "").lower():
            return image
        _SRGB = _SRGB or ImageCms.createProfile("sRGB")
        return ImageCms.profileToProfile(image, profile, _SRGB, outputMode=image.mode) or image
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: keep the pixels as they are


def resize(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _save(image: Image.Image, fmt: str, quality: int, cached: Path, options=SAVE_OPTIONS) -> None:
    if fmt == "JPEG" and image.mode == "RGBA":
        flat = Image.new("RGB", image.size, (255, 255, 255))  # a transparent PNG's card: on white
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    elif fmt == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    image.info = {}  # nothing of the source: no EXIF, XMP, ICC, comment
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options[fmt](quality))
    _write(buffer.getvalue(), cached)


def _write(data: bytes, cached: Path) -> None:
    tmp = cached.with_name(f".{cached.name}.{os.getpid()}")
    try:
        tmp.write_bytes(data)
    except FileNotFoundError:  # the first file of its folder
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
    os.replace(tmp, cached)  # never a half-written file in the cache

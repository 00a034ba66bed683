"""Pages that did not change are taken from the last site instead of rendered again.

A rebuild after one edited story renders thousands of article and listing pages whose bytes are
the same as last time. An article page is a function of:

- the site: the theme's files, the plugins' code, the versions of Pelican, Jinja and friends,
  the settings, and every content file that is not an article (newsroom data, standing pages,
  photos: by size and modification time);
- the article itself (its source bytes, state and URL) and the stories it shows or links
  (every Content object among its attributes, directly or in a list: related stories,
  previous and next, right of reply, updates...; and those its text links to with {filename},
  whose URLs the page holds), by the same digest;
- its photo (the measured Photo, as a value).

No article page shows how many stories a reporter, rubric or region has: those counts are not part
of the site, so adding or deleting a story re-renders only the pages that show it or a count
(listings of its subjects, whose fingerprints hold the subject's count; the indexes of reporters,
rubrics, regions and topics and the home page, which are always rendered).

A listing page (topic, rubric, reporter, region, month or year archive, and the pages of the home
page's listing after the first; not the first page of the home page, which shows a selection of
the whole site) is a function of the site, the stories it shows in their order (and those their
text links to), its number among the listing's pages and their count, and its subject's own
values (name, URL, JSON-LD, feed, count of stories). Their SHA-256 is the page's fingerprint.

On a publish build (ATOMIC_OUTPUT, so the last site is still in place while the new one is
written into the staging folder), a page whose fingerprint is the one recorded last time, and
whose file in the last site still has the bytes recorded last time (their SHA-256), is linked
instead of rendered. The bytes are read and hashed only when the file is not the very one
recorded: same device, inode number, size and modification time (in nanoseconds) as when its
digest was taken, which any write into the file or replacement of it changes (only a deliberate
reset of the modification time would hide an edit in place); a file recorded within a clock tick
of its last write is always read. Anything else is rendered: a changed input, a page never seen,
no previous site, a file that was replaced or edited in between, an attribute whose value cannot
be written down reliably. The record (CACHE_PATH/newsroom-pages.pickle) holds, per page, its
fingerprint, the digest of the bytes written and the file's identity; deleting the cache folder
gives a cold build. tests/test_incremental.py checks that such a rebuild equals a cold build of
the same content, byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import logging
import os
import time
from importlib import metadata as package_metadata
from pathlib import Path
from types import SimpleNamespace

from markupsafe import Markup
from pelican.contents import Content
from pelican.utils import SafeDatetime

from . import cachefile, paths

logger = logging.getLogger(__name__)

RECORD_FILE = "newsroom-pages.pickle"
FORMAT = 3
TEMPLATES = ("article",)  # the pages that depend on one story and its neighbours only
LISTINGS = ("tag", "category", "author", "region", "period_archives")  # the stories they list, in order
PAGED = ("index",)  # listings from their second page on (the first shows more: see the docstring)
SUBJECTS = ("tag", "category", "author", "region")
PACKAGES = ("pelican", "jinja2", "markupsafe", "typogrify", "markdown", "nh3", "babel", "pillow")
RACY_NS = 100_000_000  # file times advance by one clock tick (a few ms): far more than a tick
SKIPPED_SETTINGS = {"OUTPUT_PATH", "CACHE_PATH"}  # where things go, not what they are


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    """Which file this is and when its bytes last changed: a file whose identity is the one recorded
    after it was written still holds the bytes written (writing into a file, or replacing it, changes
    its modification time or its inode number)."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def place(source: Path, path: str, data: bytes | None) -> None:
    """Put the last site's file `source` (whose bytes are `data`, None when not read) at `path` in the
    staging folder: a hard link to the same file when the file system allows it (no bytes copied),
    else a copy.
    Nothing is written into a file of the last site: the link is made at `path`, or, when a file is
    there already, beside it and renamed over it; whoever writes `path` afterwards must replace it, not write into it (render.py
    and the safe_build plugin do: see `unshare`)."""
    try:
        os.link(source, path)  # the usual case: nothing at `path` yet (the staging folder starts empty)
        return
    except FileExistsError:
        pass
    except OSError:  # another file system, or links not supported: copy the bytes
        with open(path, "wb") as fh:
            fh.write(source.read_bytes() if data is None else data)
        return
    temporary = f"{path}.{os.getpid()}.link"
    try:
        os.link(source, temporary)
    except OSError:
        with open(path, "wb") as fh:
            fh.write(source.read_bytes() if data is None else data)
        return
    try:
        os.replace(temporary, path)
    except OSError:
        os.unlink(temporary)
        raise


def unshare(path: str) -> None:
    """Before writing into `path` in place: if it is a file shared with the last site (a hard
    link made by `place`), take it out of the way so that the write makes a new file."""
    try:
        if os.stat(path).st_nlink > 1:
            os.unlink(path)
    except FileNotFoundError:
        pass


_PLAIN = frozenset((str, Markup, int, float, bool, type(None), datetime.datetime, datetime.date, SafeDatetime))


class Unstable(ValueError):
    """A value with no reliable written form: the page is rendered, never reused."""


def stable(value, depth: int = 0):
    """A value written down so that equal inputs give equal text in any process."""
    if depth > 6:
        raise Unstable("too deep")
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return repr(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.timedelta, Path)):
        return repr(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [stable(v, depth + 1) for v in value]
        return f"{type(value).__name__}[{', '.join(sorted(items) if isinstance(value, (set, frozenset)) else items)}]"
    if isinstance(value, dict):
        return "{" + ", ".join(sorted(f"{stable(k, depth + 1)}: {stable(v, depth + 1)}" for k, v in value.items())) + "}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return f"{type(value).__qualname__}{stable(fields, depth + 1)}"
    if isinstance(value, SimpleNamespace):
        return f"ns{stable(vars(value), depth + 1)}"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    raise Unstable(type(value).__name__)


def _hash_tree(digest, folder: Path, skip=("__pycache__", "tests", ".git")) -> None:
    for dirpath, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in skip)
        for name in sorted(files):
            path = Path(dirpath, name)
            digest.update(f"{path.relative_to(folder).as_posix()}\0".encode())
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"?")


def site_digest(settings: dict, newsroom, articles: list) -> str:
    """What every article page depends on besides its own stories (see the module docstring).

    The build asks twice (parsed.py before reading, excluding every article file; Record after,
    excluding the published ones): the code's part and the listing of the content folder are
    made once per build (`_site_parts`, kept on the build's newsroom state), the settings are
    read each time (a plugin may change them in between)."""
    code, listing, stats = _site_parts(settings, newsroom)
    digest = code.copy()
    for key in sorted(settings):
        if key in SKIPPED_SETTINGS:
            continue
        digest.update(f"{key}={stable(settings[key])}\0".encode())  # Unstable: nothing is reused
    # Every content file that is not an article source: data, standing pages, photos, extras.
    # By path first: the real path (an lstat of every folder on the way) only for the other files.
    sources = {os.path.abspath(a.source_path) for a in articles}
    real_sources = None
    real_dirs = getattr(newsroom, "real_dirs", None)  # the folders the reader resolved already
    root = settings["PATH"]
    for path in listing:
        if path in sources:
            continue
        if real_sources is None:
            real_sources = {paths.real_path(source, real_dirs) for source in sources}
        if os.path.realpath(path) in real_sources:
            continue
        entry = stats.get(path)
        if entry is None:
            try:
                st = os.stat(path)
            except OSError:
                continue
            entry = stats[path] = f"{os.path.relpath(path, root)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode()
        digest.update(entry)
    return digest.hexdigest()


def _site_parts(settings: dict, newsroom) -> tuple:
    """The digest of the code (packages, theme, plugins) and the absolute path of every file
    under PATH, once per build and folders."""
    folders = (settings["THEME"], tuple(settings.get("PLUGIN_PATHS") or ()), settings["PATH"])
    kept = getattr(newsroom, "site_parts", None)
    if kept is not None and kept[0] == folders:
        return kept[1]
    code = hashlib.sha256(f"format {FORMAT}".encode())
    for package in PACKAGES:
        try:
            code.update(f"{package} {package_metadata.version(package)}\0".encode())
        except package_metadata.PackageNotFoundError:
            code.update(f"{package} -\0".encode())
    _hash_tree(code, Path(settings["THEME"]))
    for folder in settings.get("PLUGIN_PATHS") or []:
        _hash_tree(code, Path(folder))
    listing = []  # absolute paths, in a stable order
    for dirpath, dirs, files in os.walk(os.path.abspath(settings["PATH"])):
        dirs.sort()
        listing += [os.path.join(dirpath, name) for name in sorted(files)]
    parts = (code, listing, {})  # the last: what site_digest hashes of a file, once it asked
    try:
        newsroom.site_parts = (folders, parts)
    except AttributeError:  # no build state to keep them on
        pass
    return parts


class Record:
    """One build's reuse of the last site's article pages."""

    def __init__(self, settings: dict, newsroom, previous_output: Path | None, articles: list):
        self.settings = settings
        self.output = Path(settings["OUTPUT_PATH"])
        self.previous_output = previous_output
        cache = settings.get("CACHE_PATH")
        self.path = Path(cache) / RECORD_FILE if cache else None
        self.last: dict[str, tuple[str, str, tuple | None]] = self._load()
        self.now: dict[str, tuple[str, str, tuple | None]] = {}
        self._prefix = os.path.join(str(self.output), "")
        try:
            self.site = site_digest(settings, newsroom, articles)
        except Unstable as exc:  # a setting with no reliable written form: render every page
            logger.info("newsroom: no page taken from the last site (setting of type %s)", exc)
            self.site = None
        self._own: dict[int, str] = {}
        self._subjects: dict[int, tuple[object, str]] = {}
        # The SHA-256 of each source's bytes as the reader read them (reader.py, parsed.py): the
        # page shows what was read, even if the file changed since; a file no reader of ours read
        # is read here.
        self._digests: dict[str, str] = getattr(newsroom, "source_digests", None) or {}
        self.reused = self.rendered = 0
        if self.site is not None:
            # Every story's own digest, once, here: the forked renderers start with them (each
            # worked them out again for the stories of its chunk, 0.7 s of CPU at 5,000 stories).
            for article in articles:
                try:
                    self.own(article)
                except OSError:  # its page is rendered (fingerprint() meets the same error)
                    pass

    def _load(self) -> dict:
        stored = cachefile.load(self.path, "page record")  # none: every page is rendered
        return stored.get("pages", {}) if stored.get("format") == FORMAT else {}

    def own(self, content) -> str:
        key = id(content)
        if key not in self._own:
            source = content.source_path
            digest = self._digests.get(os.path.abspath(source))
            if digest is None:
                with open(source, "rb") as fh:
                    digest = hashlib.sha256(fh.read()).hexdigest()
            self._own[key] = hashlib.sha256(
                b"\0".join([digest.encode(), *(str(getattr(content, name, "")).encode()
                                                for name in ("state", "status", "url", "save_as")),
                            str(getattr(content, "date", "")).encode()])).hexdigest()
        return self._own[key]

    def fingerprint(self, template, localcontext) -> str | None:
        """The page's fingerprint, or None when it must be rendered whatever happened before."""
        name = getattr(template, "name", "") or ""
        kind = name.rsplit(".", 1)[0]
        if self.site is None:
            return None
        if kind in LISTINGS:
            return self._listing(name, localcontext)
        if kind in PAGED:
            page = localcontext.get("articles_page")
            return self._listing(name, localcontext) if page is not None and page.number > 1 else None
        article = localcontext.get("article")
        if kind not in TEMPLATES or not isinstance(article, Content):
            return None
        try:
            refs = set()
            for value in vars(article).values():
                kind = type(value)
                if kind in _PLAIN:  # most of a story's attributes: nothing that refers to a story
                    continue
                for item in (value if kind is list or kind is tuple or isinstance(value, (list, tuple)) else (value,)):
                    if isinstance(item, Content):
                        refs.add(self.own(item))
                    elif isinstance(item, SimpleNamespace):
                        refs.update(self.own(v) for v in vars(item).values() if isinstance(v, Content))
            refs.update(self._linked(article, localcontext))
            parts = [self.site, name, self.own(article), *sorted(refs),
                     stable(getattr(article, "photo", None)),
                     stable(localcontext.get("output_file", "")), stable(localcontext.get("page_name", ""))]
        except (OSError, Unstable):
            return None
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _linked(self, article, localcontext) -> list[str]:
        """The stories the article's text links to ({filename}): the page holds their URLs (in the
        body, and in a summary Pelican cuts from the body when the header has none)."""
        generated = localcontext.get("generated_content") or {}
        refs = []
        for rel in getattr(article, "content_links", None) or ():
            target = generated.get(rel)
            refs.append(self.own(target) if isinstance(target, Content) else f"link {rel!r} {type(target).__name__}")
        return refs

    def _listing(self, name: str, localcontext) -> str | None:
        """A listing page: the stories it shows (in order), its place among the listing's pages,
        the subject's own values (name, URL, JSON-LD...) and the listing's length."""
        page, paginator = localcontext.get("articles_page"), localcontext.get("articles_paginator")
        shown = list(page.object_list) if page else [*(localcontext.get("articles") or ()), *(localcontext.get("dates") or ())]
        if not all(isinstance(a, Content) for a in shown):
            return None
        try:
            parts = [self.site, name, *(self.own(a) for a in shown),
                     *(ref for a in shown for ref in self._linked(a, localcontext)),
                     stable([len(localcontext.get("articles") or ()), len(localcontext.get("dates") or ()),
                             paginator.num_pages if paginator else 0, page.number if page else 0]),
                     stable(localcontext.get("period")), stable(localcontext.get("page_name", "")),
                     *(self._subject(localcontext.get(key)) for key in SUBJECTS)]
        except (OSError, Unstable):
            return None
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _subject(self, value) -> str:
        """A tag, rubric, reporter or region as its page shows it (the rest comes from the data files);
        worked out once per build and subject (each page of its listing asks; nothing changes them
        while the pages are written)."""
        if value is None:
            return "-"
        known = self._subjects.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        fields = {key: getattr(value, key, None) for key in ("name", "slug", "url", "save_as", "jsonld", "feed",
                                                              "description", "count")}
        written = f"{type(value).__qualname__}{stable(fields)}"
        self._subjects[id(value)] = (value, written)
        return written

    def _rel(self, path: str) -> str:
        prefix = self._prefix
        return path[len(prefix):] if path.startswith(prefix) else os.path.relpath(path, self.output)

    def take(self, template, localcontext, path: str) -> tuple[bool, str | None, str | None]:
        """Copy the page from the last site if nothing it shows changed: (copied, its fingerprint,
        the SHA-256 of its bytes when copied). Nothing is remembered (placed() does that): a
        forked renderer takes pages and the build process remembers them."""
        fingerprint = self.fingerprint(template, localcontext)
        if fingerprint is None:
            return False, None, None
        rel = self._rel(path)
        last = self.last.get(rel)
        if self.previous_output is None or last is None or last[0] != fingerprint:
            return False, fingerprint, None
        source = self.previous_output / rel
        try:
            identity = _identity(os.stat(source))
        except OSError:
            return False, fingerprint, None
        written, data = last[1], None
        if identity != last[2]:  # not the very file recorded: its bytes decide
            try:
                data = source.read_bytes()
            except OSError:
                return False, fingerprint, None
            if hashlib.sha256(data).hexdigest() != written:  # not what was recorded: render
                return False, fingerprint, None
        place(source, path, data)
        return True, fingerprint, written

    def placed(self, path: str, fingerprint: str, written: str) -> None:
        """Remember a page take() copied from the last site."""
        self._remember(self._rel(path), path, fingerprint, written)
        self.reused += 1

    def _remember(self, rel: str, path: str, fingerprint: str, written: str) -> None:
        try:
            st = os.stat(path)
        except OSError:
            st = None
        # A file modified within the clock tick of its recorded time could keep that time: such a
        # young file is not vouched for by its identity, its bytes are read next time (as git does
        # with "racily clean" files).
        fresh = st is not None and time.time_ns() - st.st_mtime_ns < RACY_NS
        self.now[rel] = (fingerprint, written, None if st is None or fresh else _identity(st))

    def rendered_file(self, path: str, fingerprint: str | None, written: str | None = None) -> None:
        """Remember what a rendered page's file holds (`written`: the SHA-256 of the bytes its
        renderer wrote; read from the file when not given), for the next build."""
        self.rendered += 1
        if fingerprint is None:
            return
        if written is None:
            try:
                with open(path, "rb") as fh:
                    written = hashlib.sha256(fh.read()).hexdigest()
            except OSError:
                return
        self._remember(self._rel(path), path, fingerprint, written)

    def save(self) -> None:
        if self.path is None:
            return
        cachefile.save(self.path, {"format": FORMAT, "pages": self.now}, "page record")
        if self.reused:
            logger.info("newsroom: %d unchanged page(s) taken from the last site, %d rendered",
                        self.reused, self.rendered)

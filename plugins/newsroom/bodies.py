"""Article bodies: Markdown and sanitising, spread over the CPU cores and cached by content.

Turning a file's Markdown into clean HTML (Python-Markdown, then nh3 in sanitize.py, then
Pelican's TYPOGRIFY pass) is most of the reading cost, and it depends on nothing but the file's
bytes, a few settings and the code:

    convert(text) -> (HTML body, what the sanitiser removed, the header as Markdown read it,
                      the title and summary typogrified)

So it is done once per distinct file content, ever:

- **Cache.** Results are kept in CACHE_PATH/newsroom-bodies.pickle, keyed by the SHA-256 of the
  source bytes, the settings that shape the result (MARKDOWN, SITEURL, EXTERNAL_LINKS_NOFOLLOW, the
  messages' language, TYPOGRIFY and its three settings) and the code version (this module,
  sanitize.py, reader.py, and the versions of Markdown, nh3, Pelican, typogrify and smartypants). A changed byte, setting or line of code is a miss; deleting the
  cache folder gives a cold build. Only what this pure function returns is cached: the reader
  still checks every header field, every link and every photo on every build, and re-reports the
  sanitiser's removals from the cached list, so a cached file's problems and warnings are exactly
  those of a fresh read. (Pelican's own CACHE_CONTENT would skip the reader and its checks
  entirely; the plugin switches it off, see `__init__.py`.) The file keeps only the entries the
  last build used, so it never grows beyond one site's worth; or, when a build used few entries
  the file does not hold and most of those it holds, it stays as it is and those few go to a
  small journal beside it (newsroom-bodies-journal.pickle, tied to the file by a token): a
  rebuild after one edit of 5,000 stories wrote 31 MB again, 0.33 s of its build process, for
  one new body. The file is written whole again once the journal or the unused entries grow
  (JOURNAL_SHARE, STALE_SHARE). It also remembers each file's
  identity (device, inode, size, modification time in ns) with its key, so that before reading,
  a file that has not changed since is looked up without being read and hashed a first time
  (the reader reads it once, and looks its body up by its bytes: a file changed behind an
  unchanged identity gets the right body all the same, converted then).
- **Both cores.** The files the cache does not know are converted by a pool of forked worker
  processes (NEWSROOM["WORKERS"]: 0 = one per CPU, 1 = none), started before the articles are
  read and in the order they will be: while the workers convert, the build process reads the
  files in Pelican's own order (headers checked, problems reported), waiting only for a body
  that is not converted yet. The conversion is deterministic, so the site is byte-identical to
  a serial build.
  Each process keeps one Markdown parser and resets it between files (building one per file
  cost about as much as converting a short story); its inline patterns look for the characters
  they need before scanning a paragraph (prefilter.py: the same HTML in about half the time).
- **Typogrify once.** Pelican typogrifies body, title and summary after the reader returns, in
  the build process, on every build. For the newsroom's reader that pass is switched off
  (reader.pelican_typogrify_off) and done here instead, with Pelican's settings and code
  (`Typography`), so it is cached and spread over the workers too; the bytes are those of
  Pelican's pass (plugins/newsroom/tests/test_bodies.py compares them).
"""

from __future__ import annotations

import gc
import hashlib
import html
import json
import logging
import multiprocessing
import os
import re
import secrets
import stat
from dataclasses import dataclass
from importlib import metadata as package_metadata
from pathlib import Path
from typing import NamedTuple

from markdown import Markdown

from . import cachefile, messages, paths, prefilter, sanitize
from .messages import _

logger = logging.getLogger(__name__)

CACHE_FILE = "newsroom-bodies.pickle"
JOURNAL_FILE = "newsroom-bodies-journal.pickle"
JOURNAL_SHARE = 10  # the journal holds at most 1/10 of the entries used (or JOURNAL_MIN)...
STALE_SHARE = 4  # ...and the file at most 1/4 more entries than were used (or JOURNAL_MIN)
JOURNAL_MIN = 64
FORMAT = 2
MIN_POOL = 48  # fewer misses than this are converted in the build process: a pool costs more
EXTENSIONS = ("md", "markdown", "mkd", "mdown")


def _code_version() -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for name in ("bodies.py", "sanitize.py", "reader.py", "prefilter.py"):
        digest.update((here / name).read_bytes())
    for package in ("markdown", "nh3", "pelican", "typogrify", "smartypants"):
        try:
            digest.update(f"{package} {package_metadata.version(package)}".encode())
        except package_metadata.PackageNotFoundError:
            digest.update(package.encode())
    return digest.hexdigest()


CODE_VERSION = _code_version()


def markdown_settings(settings: dict) -> dict:
    """MARKDOWN as Pelican's MarkdownReader completes it (every extension, meta included)."""
    md = dict(settings["MARKDOWN"])
    extensions = list(md.get("extensions", []))
    for extension in md.get("extension_configs", {}):
        if extension not in extensions:
            extensions.append(extension)
    if "markdown.extensions.meta" not in extensions:
        extensions.append("markdown.extensions.meta")
    md["extensions"] = extensions
    return md


TAG_RE = re.compile(r"<[^>]+>")
WORD_RE = re.compile(r"\w+")
# Bytes of the files prefetch read that it keeps for the reader (which then need not open them
# again): the first files only. Keeping all of them held 52 MB more at the peak of a 10,000-story
# build (45 MB of sources, read before the reader takes the first); these cover the first few
# thousand stories.
READ_AHEAD_BYTES = 16 * 2**20


def word_count(body: str) -> int:
    """Words of an HTML body (the reading time, model.py; JSON-LD's wordCount): tags left out and
    character references read as the characters they stand for, so that the no-break spaces,
    curly quotes and dashes typography writes (`&nbsp;`, `&ldquo;`, `&#8212;`) are not counted
    as words ("nbsp") as they were: about one word in twenty of the sample stories."""
    return WORD_RE.subn("", html.unescape(TAG_RE.sub(" ", body)))[1]  # the count of matches, without a list


def plain_html(value: str) -> str:
    """A plain-text header value (title, summary) as HTML: one line, escaped (reader.py)."""
    return html.escape(" ".join(value.split()), quote=False)


@dataclass(frozen=True)
class Typography:
    """Pelican's TYPOGRIFY pass (pelican/readers.py, Readers.read_file), with its settings.

    The newsroom's reader applies it itself, inside the cached conversion, and Pelican's own pass
    is switched off for the reader's files (reader.pelican_typogrify_off): widont is not
    idempotent, so the text must go through it exactly once.
    """

    ignore_tags: tuple[str, ...]
    omit_filters: tuple[str, ...]
    dashes: str

    @classmethod
    def of(cls, settings: dict) -> Typography | None:
        if not settings.get("TYPOGRIFY"):
            return None
        return cls(tuple(settings.get("TYPOGRIFY_IGNORE_TAGS") or ()), tuple(settings.get("TYPOGRIFY_OMIT_FILTERS") or ()),
                   str(settings.get("TYPOGRIFY_DASHES", "default")))

    def __call__(self, text: str) -> str:
        import smartypants
        from .typesetting import typogrify

        # As Pelican sets it before each file (smartypants keeps it as a class attribute).
        if self.dashes == "oldschool":
            smartypants.Attr.default = smartypants.Attr.set2
        elif self.dashes == "oldschool_inverted":
            smartypants.Attr.default = smartypants.Attr.set3
        else:
            smartypants.Attr.default = smartypants.Attr.set1
        smartypants.Attr.default |= smartypants.Attr.w
        return typogrify(text, list(self.ignore_tags), **dict.fromkeys(self.omit_filters, False))


class Converter:
    """The pure part of reading a file; picklable, so worker processes get it whole."""

    def __init__(self, settings: dict, nofollow: bool):
        self.markdown = markdown_settings(settings)
        self.site_url = settings.get("SITEURL", "")
        self.nofollow = bool(nofollow)
        self.typography = Typography.of(settings)
        self._md: Markdown | None = None
        fingerprint = json.dumps([self.markdown, self.site_url, self.nofollow, messages.current(), self.typography],
                                 sort_keys=True, default=repr)
        self.prefix = hashlib.sha256(f"{CODE_VERSION}\0{fingerprint}\0".encode()).digest()

    def key(self, raw: bytes) -> str:
        return hashlib.sha256(self.prefix + raw).hexdigest()

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_md": None}  # a worker builds its own parser

    def _parser(self) -> Markdown:
        """One Markdown per process, reset before each file: building one costs more than a short
        story's conversion. reset() clears every extension's state (footnotes, abbreviations,
        table of contents, the header, the raw HTML stash), so the output is that of a new one."""
        if self._md is None:
            self._md = Markdown(**self.markdown)
            prefilter.prefilter(self._md)  # same HTML, inline patterns skipped where they cannot match
        else:
            self._md.reset()
        return self._md

    def __call__(self, text: str) -> tuple[str, tuple[str, ...], dict[str, list[str]], dict[str, str], int]:
        md = self._parser()
        body = md.convert(text)
        meta = {name: list(values) for name, values in getattr(md, "Meta", {}).items()}
        body, removed = sanitize.clean_body(body, site_url=self.site_url, nofollow=self.nofollow)
        fields: dict[str, str] = {}
        if self.typography is not None:
            # What Pelican's read_file does after reading (TYPOGRIFY), done here so it is cached:
            # the body, and the title and summary as the reader will hand them over.
            body = self.typography(body)
            for name in ("title", "summary"):
                for value in meta.get(name, ()):
                    plain = plain_html(value)
                    if plain and plain not in fields:
                        fields[plain] = self.typography(plain)
        return body, tuple(removed), meta, fields, word_count(body)


def _decode(raw: bytes) -> str:
    """The text as Pelican's pelican_open gives it (UTF-8, a byte order mark dropped)."""
    return raw.decode("utf-8-sig")


class Bodies:
    """One build's view of the cache: lookups, misses converted, the used entries saved."""

    def __init__(self, settings: dict, config: dict):
        self.converter = Converter(settings, config["EXTERNAL_LINKS_NOFOLLOW"])
        self.workers = int(config.get("WORKERS", 0)) or (len(os.sched_getaffinity(0))
                                                        if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
        cache_path = settings.get("CACHE_PATH")
        self.enabled = bool(config.get("CONTENT_CACHE", True)) and bool(cache_path)
        self.path = Path(cache_path) / CACHE_FILE if cache_path else None
        self.journal = Path(cache_path) / JOURNAL_FILE if cache_path else None
        self.token: str | None = None  # the file's, which its journal names
        self.file_prefix: bytes | None = None  # the key prefix (settings, code) the file was made with
        self.file_keys: frozenset = frozenset()  # the keys the file holds, without its journal's
        self.journal_keys: frozenset = frozenset()
        self.stamps: dict[str, tuple] = {}  # path -> (device, inode, size, mtime ns, key) at the last build
        self.entries: dict[str, tuple] = self._load() if self.enabled else {}
        self.loaded_stamps = dict(self.stamps)
        self.used: dict[str, tuple] = {}
        self.hits = self.converted = 0
        self.read_ahead = 0  # files prefetch read (the others were unchanged since the last build)
        self._read: dict[str, bytes] = {}  # their bytes, by absolute path, until the reader takes them
        # (the pages' too: they are read after the articles, by another generator), up to READ_AHEAD_BYTES
        self._read_bytes = 0
        self.words: dict[str, int] = {}  # body -> its word count, for the bodies handed out
        self._pending: _Pending | None = None  # conversions still running in the pool

    def _files_stamp(self) -> tuple:
        """Which file and journal are there now (their modification times)."""
        def mtime(path):
            try:
                return path.stat().st_mtime_ns
            except OSError:
                return None
        return str(self.path), mtime(self.path), mtime(self.journal)

    def _load(self) -> dict:
        global _last_saved
        stamp = self._files_stamp()
        if stamp[1] is None:
            return {}
        saved = _last_saved
        if saved is not None and saved.stamp == stamp:  # saved by this process (live preview)
            self.token, self.file_keys, self.journal_keys = saved.token, saved.file_keys, saved.journal_keys
            self.file_prefix = saved.prefix
            self.stamps = dict(saved.stamps) if saved.prefix == self.converter.prefix else {}
            return dict(saved.entries)
        stored = cachefile.load(self.path, "content cache")  # none: a cold build
        if stored.get("version") != CODE_VERSION:
            return {}
        entries = stored.get("entries", {})
        stamps = stored.get("stamps")
        self.token, self.file_keys, self.file_prefix = stored.get("token"), frozenset(entries), stored.get("prefix")
        journal = cachefile.load(self.journal, "content cache journal") if stamp[2] is not None else {}
        if (self.token is not None and journal.get("token") == self.token and journal.get("version") == CODE_VERSION
                and journal.get("prefix") == stored.get("prefix")):
            entries = {**entries, **journal.get("entries", {})}
            stamps = journal.get("stamps")
            self.journal_keys = frozenset(journal.get("entries", {}))
        # Keys made with other settings (a development build sharing the cache) are not this build's.
        if isinstance(stamps, dict) and stored.get("prefix") == self.converter.prefix:
            self.stamps = stamps
        return entries

    def get(self, raw: bytes, text: str | None = None):
        """(HTML, removed, meta) of a file's bytes: from the cache, or converted now."""
        key = self.converter.key(raw)
        found = self.take(key)
        if found is not None:
            return found
        self.converted += 1
        entry = self.used[key] = self.converter(text if text is not None else _decode(raw))
        self.words[entry[0]] = entry[4]
        return entry[:4]

    def take(self, key: str):
        """(HTML, removed, meta) of the bytes whose key is `key`, from the cache (or the pool
        converting it), marked used; None when the cache does not have it."""
        entry = self.used.get(key) or self.entries.get(key)
        if entry is None and self._pending is not None and key in self._pending.waiting:
            self._pending.until(key, self)
            entry = self.entries.get(key)
        if entry is None:
            return None
        self.hits += 1
        self.used[key] = entry
        self.words[entry[0]] = entry[4]
        return entry[:4]

    def prefetch(self, files: list[str], root: Path, max_bytes: int, real_dirs: dict | None = None) -> None:
        """Convert, before they are read one by one, the files the cache does not know (in parallel).

        Only regular files inside the content folder, within the size limit and valid UTF-8:
        anything else is left to the reader, which reports it.
        """
        todo: dict[str, str] = {}
        stamps, self.stamps = self.stamps, {}
        for name in files:
            if not name.rsplit(".", 1)[-1].lower() in EXTENSIONS:
                continue
            try:
                if not paths.is_inside(root, name, real_dirs):
                    continue
                info = os.stat(name)
                identity = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
                known = stamps.get(name)
                if known is not None and known[:4] == identity and known[4] in self.entries:
                    self.stamps[name] = known  # unchanged since the last build: its body is cached
                    continue
                if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
                    continue
                raw = Path(name).read_bytes()
                self.read_ahead += 1
                text = _decode(raw)
            except (OSError, UnicodeDecodeError):
                continue
            if self._read_bytes + len(raw) <= READ_AHEAD_BYTES:
                self._read[os.path.abspath(name)] = raw
                self._read_bytes += len(raw)
            key = self.converter.key(raw)
            self.stamps[name] = (*identity, key)
            if key in self.entries or key in self.used or key in todo:
                continue
            todo[key] = text
        if not todo:
            return
        keys, texts = list(todo), list(todo.values())
        if self.workers > 1 and len(texts) >= MIN_POOL and "fork" in multiprocessing.get_all_start_methods():
            # Forked workers start at once and share the loaded code; each gets the Converter once.
            # The results come back in the order the files were listed, which is the order Pelican
            # reads them in: the build process checks headers while the workers convert what
            # follows (get() waits for a body not converted yet).
            context = multiprocessing.get_context("fork")
            chunk = max(1, min(16, len(texts) // (self.workers * 8)))
            pool = context.Pool(self.workers, initializer=_init_worker, initargs=(self.converter,))
            self._pending = _Pending(pool, keys, pool.imap(_convert_in_worker, _handed_out(texts), chunksize=chunk))
        else:
            for key, text in zip(keys, texts):
                self._store(key, _convert_in_worker(text, self.converter))

    def _store(self, key: str, result) -> None:
        # A file that could not be converted is left to the reader, which fails on it as Pelican
        # reports any unreadable file (and the rest of the site is built).
        if result is not None:
            self.entries[key] = result
            self.converted += 1

    def finish(self) -> None:
        """Wait for the conversions still running, and end the pool."""
        if self._pending is not None:
            self._pending.until(None, self)

    def read_ahead_bytes(self, path: str) -> bytes | None:
        """The bytes of the file at `path` if prefetch read them in this build (after finding the
        file inside the content folder, a regular file within the size limit, valid UTF-8), once:
        the reader does not open and check every file a second time."""
        raw = self._read.pop(os.path.abspath(path), None)
        if raw is not None:
            self._read_bytes -= len(raw)
        return raw

    def save(self) -> None:
        """Keep the entries this build used (atomically: a concurrent reader sees old or new): the
        new ones in the journal while they are few and the file's unused ones few (see the module
        docstring), else all of them in the file, written whole."""
        self.finish()
        if not self.enabled or self.path is None or not self.used:
            return
        keys = frozenset(self.used)
        new = keys - self.file_keys
        stale = len(self.file_keys - keys)
        prefix = self.converter.prefix
        if (self.token is not None and self.file_prefix == prefix  # a file of this build's settings
                and len(new) <= max(JOURNAL_MIN, len(keys) // JOURNAL_SHARE)
                and stale <= max(JOURNAL_MIN, len(keys) // STALE_SHARE)):
            if new == self.journal_keys and self.stamps == self.loaded_stamps:  # the files hold just that
                return
            stored = {"version": CODE_VERSION, "token": self.token, "prefix": prefix,
                      "entries": {key: self.used[key] for key in new}, "stamps": self.stamps}
            if not cachefile.save(self.journal, stored, "content cache journal"):
                return
            self.journal_keys = new
            held = {key: self.entries[key] for key in self.file_keys if key in self.entries}
            held.update(stored["entries"])
        else:
            token = secrets.token_hex(8)
            stored = {"version": CODE_VERSION, "token": token, "entries": dict(self.used), "stamps": self.stamps,
                      "prefix": prefix}
            if not cachefile.save(self.path, stored, "content cache"):
                return
            try:
                self.journal.unlink()  # another file's journal (a reader that sees both ignores it)
            except OSError:
                pass
            self.token, self.file_keys, self.journal_keys, self.file_prefix = token, keys, frozenset(), prefix
            held = dict(self.used)
        self.loaded_stamps = dict(self.stamps)
        global _last_saved
        stamp = self._files_stamp()
        _last_saved = (_Saved(stamp, held, dict(self.stamps), prefix, self.token, self.file_keys, self.journal_keys)
                       if stamp[1] is not None else None)


def _handed_out(texts: list[str]):
    """The texts one by one, each dropped from the list once the pool has taken it: the sources do
    not stay in memory while the build process reads the files and makes their articles."""
    for index in range(len(texts)):
        text, texts[index] = texts[index], None
        yield text


class _Pending:
    """Conversions running in a pool: their results, in the order of `keys`, as they arrive."""

    def __init__(self, pool, keys: list[str], results):
        self.pool, self.keys, self.results = pool, keys, results
        self.waiting = set(keys)
        self.next = 0

    def until(self, key: str | None, bodies: Bodies) -> None:
        """Store results until `key`'s has arrived (None: all of them); then end the pool if done."""
        try:
            while self.next < len(self.keys):
                done, result = self.keys[self.next], next(self.results)
                self.next += 1
                self.waiting.discard(done)
                bodies._store(done, result)
                if done == key:
                    return
        except BaseException:
            self.pool.terminate()
            bodies._pending = None
            raise
        self.pool.close()
        self.pool.join()
        bodies._pending = None


_worker_converter: Converter | None = None
# The entries this process saved last, with the file's stamp: a live preview's next build in the
# same process takes them from memory instead of reading the file again.
class _Saved(NamedTuple):
    stamp: tuple  # Bodies._files_stamp() just after the save
    entries: dict
    stamps: dict
    prefix: bytes
    token: str | None
    file_keys: frozenset
    journal_keys: frozenset


_last_saved: _Saved | None = None


def _init_worker(converter: Converter) -> None:
    global _worker_converter
    gc.enable()  # forked while the build process's collector is paused (collector.py)
    _worker_converter = converter


def _convert_in_worker(text: str, converter: Converter | None = None):
    try:
        return (converter or _worker_converter)(text)
    except Exception:  # noqa: BLE001 (reported when the reader reads the file)
        return None


# --- the plugin's side: one Bodies per build, filled before reading, saved after it -----------------
def of(newsroom) -> Bodies:
    """The Bodies of this build (kept on the build's state, so each build reloads the cache)."""
    bodies = getattr(newsroom, "bodies", None)
    if bodies is None:
        bodies = newsroom.bodies = Bodies(newsroom.settings, newsroom.config)
    return bodies


def no_pelican_content_cache(pelican) -> None:
    """initialized: Pelican's CACHE_CONTENT would hand back articles without reading them, so
    without the newsroom's checks; this module's cache is used instead, and it keeps them."""
    settings = pelican.settings
    if settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"):
        settings["CACHE_CONTENT"] = settings["LOAD_CONTENT_CACHE"] = False
        logger.warning(_("CACHE_CONTENT is switched off: it would hand back the articles it remembers without "
                         "checking them. The newsroom plugin keeps its own cache: it reuses only stories that "
                         "were read without any problem and have not changed since, and reads and checks every "
                         "other file on every build."))


def prefetch(generator) -> None:
    """article_generator_init: convert every article and page the cache does not know, in parallel."""
    from . import state

    newsroom = state.current(generator.settings)
    if newsroom.live_update:  # preview.py reads only the edited file; the others come from memory
        return
    settings = generator.settings
    # In the order the generators will read them (each iterates get_files' set the same way), so
    # the bodies arrive as they are needed.
    files = [*generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]),
             *generator.get_files(settings["PAGE_PATHS"], exclude=settings["PAGE_EXCLUDES"])]
    base = Path(generator.path)
    of(newsroom).prefetch([str(base / f) for f in files], newsroom.content_root, newsroom.config["BODY_MAX_BYTES"],
                          newsroom.real_dirs)


def save(generator) -> None:
    """page_generator_finalized: keep what this build converted, once, when the stories and the
    standing pages are both read (saved after the stories too, the file was written twice a
    build: the second time only for the pages' few bodies, 31 MB again at 5,000 stories)."""
    from . import state

    newsroom = state.current(generator.settings)
    bodies = getattr(newsroom, "bodies", None)
    if bodies is not None and not newsroom.live_update:  # a live update used only one body: keep the file
        bodies.save()


def register(signals) -> None:
    signals.initialized.connect(no_pelican_content_cache)
    signals.article_generator_init.connect(prefetch)
    signals.page_generator_finalized.connect(save)

"""Stories read cleanly before are taken from the cache, not read again, while nothing their reading
depends on has changed.

Reading one story (reader.py's checks of its header, the lookups of its region, reporters, rubric
and topics, its photo and links; Pelican's metadata and its Article) costs about half a
millisecond. In a rebuild after one edit of a 5,000-story site that is the largest step not spread
over the cores: about 3 of its 12 seconds, every one of them spent on stories that did not change.

A story whose reading reported nothing (no problem and no warning for its file, and nothing logged
at warning level or above while it was read) is kept in CACHE_PATH/newsroom-articles.pickle as
its state right after reading (what Pelican's `read_file` returns, after `content_object_init`),
pickled with what it shares with the rest of the build written as references: the settings, the
build context, the regions, rubrics, reporters and editors of the data files (by their place in
them) and the topics (by name). Its body is not stored twice: it comes from the body cache
(bodies.py). It is used again, relinked to this build's objects, when all of these hold:

- its bytes are the same (their SHA-256, from the file read now, the digest the page reuse
  records too), converted with the same Markdown and typogrify settings, conversion code and
  messages' language (the body cache's key prefix, kept with the file);
- everything else the checks of a story read is the same: every setting, the code of the plugins
  and the theme, the versions of Pelican and its libraries, and every content file that is not a
  story (data files, standing pages, photos), by path, size and modification time
  (reuse.site_digest, the digest the page reuse already trusts);
- it is still inside the content folder, and each `{filename}`/`{static}` link of its text still
  leads to the same existing file (a story it links to may have been deleted or moved);
- it was not dated in the future when it was read (Pelican makes such a story a draft when it is
  read; time makes it published) and names no story it replies to or updates (those are rare;
  read every time);
- only the newsroom's own handlers listen to `content_object_init` (they ran when it was read).

Anything else, any doubt, or an entry that cannot be read, and the file is read as always, so a
file with a problem is checked, and its problem reported, on every build: the validation stays
whole. Every story read is counted and marked checked as the reader does (`invoke check`), and
Pelican's own signals around reading (`article_generator_preread`, `article_generator_context`)
and its empty-alt warning are sent and made as for a file read. The live preview's updates keep
their own memory of the stories (preview.py) and do not use this cache. NEWSROOM["CONTENT_CACHE"]
= False, or no CACHE_PATH, turns it off with the body cache; deleting the cache folder gives a
cold build. tests/test_incremental.py checks that a rebuild equals a cold build, byte for byte,
and plugins/newsroom/tests/test_parsed.py each rule above.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import os
import pickle
from pathlib import Path
from types import SimpleNamespace

from pelican import readers as pelican_readers
from pelican.contents import Article, Page
from pelican.urlwrappers import Tag

from . import bodies, cachefile, forked, paths, reader, reuse, state

logger = logging.getLogger(__name__)

CACHE_FILE = "newsroom-articles.pickle"
FORMAT = 3  # 3: entries hold the final URLs
_own_handlers: frozenset = frozenset()  # the newsroom's content_object_init receivers (register)
_warnings_handler: logging.Handler | None = None


class _Warnings(logging.Handler):
    """Counts what is logged at warning level or above while the stories are read."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


class Parsed:
    """One build's view of the cache of stories read."""

    def __init__(self, newsroom, generator):
        global _open_checks
        if _open_checks is not None:  # left by a build that stopped before its stories were read
            _open_checks.close()  # (here, before anything else: a live update reads no cache)
            _open_checks = None
        settings = newsroom.settings
        self.newsroom, self.settings, self.context = newsroom, settings, generator.context
        self.body_cache = bodies.of(newsroom)
        cache_path = settings.get("CACHE_PATH")
        self.path = Path(cache_path) / CACHE_FILE if cache_path else None
        self.active = bool(self.body_cache.enabled and self.path is not None and not newsroom.live_update
                           and settings.get("DEFAULT_DATE") != "fs")
        # source path -> (SHA-256 of its bytes, pickled story, its final (url, save_as) or None), as loaded
        self.entries: dict[str, tuple] = {}
        self.kept: dict[str, tuple] = {}  # what this build took or read cleanly, saved for the next
        self.stories: dict[str, Article] = {}  # the article of each kept entry, for its final URLs
        self.checks: _Checks | None = None  # the files of the entries, checked by a child meanwhile
        self._loaded: dict[str, tuple] = {}
        self.stored: list[str] = []
        self.hits = 0  # stories taken from the cache
        self._pickler = self._unpickler = None
        self.warnings = _Warnings()
        if self.active:  # a story is as the handlers left it: only handlers known to have run may listen
            from pelican import signals

            listening = set(signals.content_object_init.receivers_for(Article))
            self.active = listening <= _own_handlers
        if not self.active:
            return
        files = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
        sources = [SimpleNamespace(source_path=os.path.join(generator.path, f)) for f in files]
        try:
            self.environment = reuse.site_digest(settings, newsroom, sources)
        except reuse.Unstable:
            self.active = False
            return
        self._index_shared()
        self.entries = self._load()
        self._loaded = dict(self.entries)
        if self.entries and hasattr(os, "fork") and self.body_cache.workers > 1:
            order = [os.path.abspath(os.path.join(generator.path, f)) for f in files]
            self.checks = _open_checks = _Checks(order, self.entries, newsroom.content_root, newsroom.real_dirs,
                                                 self.body_cache.converter)
        global _warnings_handler
        if _warnings_handler is not None:  # left by a build that stopped before its stories were read
            logging.getLogger().removeHandler(_warnings_handler)
        _warnings_handler = self.warnings
        logging.getLogger().addHandler(self.warnings)

    # --- what a story shares with the build ---------------------------------------------------
    def _index_shared(self) -> None:
        data = self.newsroom.data
        editors = list({id(e): e for e in data.editor_lookup.by_key.values()}.values())
        self.shared: dict[tuple, object] = {}
        self.ids: dict[int, tuple] = {}
        self._pickler = self._unpickler = None  # made for these
        for kind, objects in (("region", data.regions), ("rubric", data.rubrics), ("reporter", data.reporters),
                              ("editor", editors)):
            for place, obj in enumerate(objects):
                self.shared[(kind, place)] = obj
                self.ids[id(obj)] = (kind, place)

    def _pickle(self, article) -> bytes:
        if self._pickler is None:
            self._pickler = _pickler(self.settings, self.context, self.ids)
        buffer = io.BytesIO()
        self._pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(article)
        return buffer.getvalue()

    def _unpickle(self, blob: bytes) -> Article:
        if self._unpickler is None:
            self._unpickler = _unpickler(self.settings, self.context, self.shared, self.newsroom)
        return self._unpickler(io.BytesIO(blob)).load()

    # --- the file ----------------------------------------------------------------------------
    def _load(self) -> dict:
        stored = cachefile.load(self.path, "story cache")  # none: every story is read
        if stored.get("format") != FORMAT or stored.get("environment") != self.environment \
                or stored.get("prefix") != self.body_cache.converter.prefix:  # Markdown settings, code
            return {}
        return stored.get("entries", {})

    def save(self) -> None:
        """Keep the stories this build read or took (atomically: a concurrent reader sees old or new)."""
        global _warnings_handler
        logging.getLogger().removeHandler(self.warnings)
        _warnings_handler = None
        global _open_checks
        if self.checks is not None:
            self.checks.close()
            self.checks = _open_checks = None
        kept, self.entries = self.kept, {}  # not held while the pages are written
        stories, self.kept, self.stories = self.stories, {}, {}
        for source, (key, blob, _urls) in kept.items():
            kept[source] = (key, blob, _final_urls(stories.get(source)))
        self.stored = sorted(kept)  # the stories kept for the next build (tests, `invoke bench`)
        if not self.active or kept == self._loaded:
            return
        cachefile.save(self.path, {"format": FORMAT, "environment": self.environment,
                                    "prefix": self.body_cache.converter.prefix, "entries": kept}, "story cache")

    # --- reading -----------------------------------------------------------------------------
    def take(self, source: str):
        """The story at `source` from the cache, relinked to this build; None to read it."""
        entry = self.entries.get(source)
        if entry is None:
            return None
        key, blob, urls = entry
        newsroom = self.newsroom
        checked = self.checks.get(source) if self.checks is not None else _UNKNOWN
        if checked is _UNKNOWN:  # no child, or not checked by it: checked here
            checked = _check(source, key, newsroom.content_root, newsroom.real_dirs, self.body_cache.converter)
        if checked is None:
            return None
        body_key, linked = checked
        try:
            article = self._unpickle(blob)
        except Exception:  # noqa: BLE001 (any doubt: the file is read)
            return None
        if linked != tuple(getattr(article, "content_links", None) or article.metadata.get("content_links", ())):
            return None
        body = self.body_cache.take(body_key)  # marks the body used; its word count
        if body is None:  # not in the body cache: the file is read and converted
            return None
        content = body[0]
        if article.__dict__.get("_content") is _BODY:  # the body as converted (not changed when read)
            article._content = content
        if urls is not None:  # worked out by the last build (_final_urls): not formatted again
            article.override_url, article.override_save_as = urls
        newsroom.files_read["articles"] += 1
        newsroom.checked_paths.add(source)
        newsroom.source_digests[source] = key
        pelican_readers.find_empty_alt(content, source)
        self.kept[source] = entry
        self.stories[source] = article
        self.hits += 1
        return article

    def keep(self, source: str, article, problems_before: int, warnings_before: int) -> None:
        """After `source` was read into `article`: remember it if reading it reported nothing."""
        if (len(self.newsroom.problems) != problems_before or self.warnings.count != warnings_before
                or not isinstance(article, Article) or type(article) is not Article):
            return
        meta = article.metadata
        if "reply_to" in meta or "update_of" in meta:
            return
        date = getattr(article, "date", None)
        if not isinstance(date, datetime.datetime) or date.tzinfo is None \
                or date > datetime.datetime.now(datetime.timezone.utc):
            return
        try:
            key = self.newsroom.source_digests.get(source)  # the bytes just read (reader.py)
            if key is None:
                return
            state_ = dict(vars(article))
            if state_.get("_content") is self.newsroom.bodies_read.get(source):  # as converted, untouched
                state_["_content"] = _BODY  # the body cache holds it
            shell = Article.__new__(Article)
            shell.__dict__.update(state_)
            self.kept[source] = (key, self._pickle(shell), None)
            self.stories[source] = article
        except Exception as exc:  # noqa: BLE001 (not kept: read next time)
            logger.debug("newsroom: %s not kept in the story cache (%s)", source, exc)


def _final_urls(article) -> tuple[str, str] | None:
    """The story's URL and file as this build settled them (model.enrich_article keeps them as
    Pelican's override_url and override_save_as), or None. They follow from what the entry's
    validity already covers (its bytes, path, settings and code; a story dated in the future is
    not kept), so the next build that takes the story takes them too: Pelican formats them from
    the URL settings on each access until then (0.1 ms a story, twice while it is read)."""
    found = getattr(article, "__dict__", {})
    url, save_as = found.get("override_url"), found.get("override_save_as")
    return (url, save_as) if isinstance(url, str) and isinstance(save_as, str) else None


_UNKNOWN = object()  # a file the checking child did not check


def _check(source: str, key: str, root: Path, real_dirs: dict, converter) -> tuple | None:
    """Whether a kept story can be taken, as far as its file tells: still inside the content
    folder, the same bytes (their SHA-256 is `key`), and each `{filename}`/`{static}` link of its
    text still leads to an existing file inside the folder (reader._check_links, without its
    messages). (the body cache's key of the bytes, the files its {filename} links lead to,
    relative to `root`) or None."""
    try:
        if not paths.is_inside(root, source, real_dirs):
            return None
        raw = Path(source).read_bytes()
        if hashlib.sha256(raw).hexdigest() != key:
            return None
        text = raw.decode("utf-8")
        linked = []
        for kind, _target, path in reader.text_links(text, source, root):
            if isinstance(path, paths.OutsideContent) or not path.exists():
                return None
            if kind == "filename":
                linked.append(path.relative_to(root).as_posix())
        return converter.key(raw), tuple(linked)
    except Exception:  # noqa: BLE001 (any doubt: the file is read)
        return None


class _Checks:
    """The files of the kept stories checked (`_check`) by a forked child in the order Pelican
    reads them, while the build process takes the stories: reading and hashing 5,000 files and
    finding their links is about 0.6 s of a rebuild that the other core, idle while the stories
    are read, does instead. Results come in batches through a pipe; a file the child has not
    reported (it failed, or Pelican asks in another order) is checked by the build process.
    The checks are those of a file read now: a file changed after its check is taken as it was
    when checked, as it would be if changed just after being read."""

    BATCH = 32  # files per report: a few milliseconds of the child's work

    def __init__(self, order: list[str], entries: dict, root: Path, real_dirs: dict, converter):
        self.results: dict[str, tuple | None] = {}
        self.done = False

        def work(send) -> None:  # in the child
            batch = []
            for source in order:
                entry = entries.get(source)
                if entry is not None:
                    batch.append((source, _check(source, entry[0], root, real_dirs, converter)))
                if len(batch) >= self.BATCH:
                    send(batch)
                    batch = []
            send(batch)

        self.stream = forked.Stream(work)

    def get(self, source: str):
        """The child's check of `source` (a tuple, or None: read it), or _UNKNOWN."""
        while source not in self.results and not self.done:
            try:
                self.results.update(self.stream.receive())
            except Exception:  # noqa: BLE001 (the end of the reports, or a child that failed)
                self.done = True
        return self.results.pop(source, _UNKNOWN)

    def close(self) -> None:
        """Stop reading (the child ends at its next report) and wait for it."""
        self.stream.close()


_open_checks: _Checks | None = None  # the running build's, until its stories are read


_ATOMS = frozenset((str, int, float, bool, type(None), bytes))  # never shared with the build


def _pickler(settings: dict, context: dict, ids: dict[int, tuple]) -> type:
    """A Pickler that writes what a story shares with the build (the settings, the context, the
    newsroom's regions, rubrics, reporters and editors, tags) as references (_unpickle)."""

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj):  # called for every object pickled: the commonest first
            if type(obj) in _ATOMS:
                return None
            if obj is settings:
                return "settings"
            if obj is context:
                return "context"
            ref = ids.get(id(obj))
            if ref is not None:
                return ref
            if type(obj) is Tag:
                return ("tag", obj.name)
            return None

    return Pickler


def _unpickler(settings: dict, context: dict, shared: dict[tuple, object], newsroom) -> type:
    """An Unpickler that links a kept story to this build's objects (what _pickler referred to)."""

    class Unpickler(pickle.Unpickler):
        def persistent_load(self, ref):
            if ref == "settings":
                return settings
            if ref == "context":
                return context
            if ref[0] == "tag":  # one Tag per name and build, as the reader makes them
                tag = newsroom.tags_by_name.get(ref[1])
                if tag is None:
                    tag = newsroom.tags_by_name[ref[1]] = Tag(ref[1], settings)
                return tag
            return shared[tuple(ref)]

    return Unpickler


class _Body:
    """Stands for the body in a kept story: it is taken from the body cache."""

    def __reduce__(self):
        return "_BODY"


_BODY = _Body()


def of(newsroom):
    return getattr(newsroom, "parsed", None)


def begin(generator) -> None:
    """article_generator_init: this build's cache of stories read (after the body cache's read-ahead)."""
    newsroom = state.current(generator.settings)
    newsroom.parsed = Parsed(newsroom, generator)


def install(readers) -> None:
    """readers_init: stories are taken from the cache where they can be, read otherwise."""
    read_file = readers.read_file

    def read_file_or_take(base_path, path, content_class=Page, fmt=None, context=None, preread_signal=None,
                          preread_sender=None, context_signal=None, context_sender=None):
        def read():
            return read_file(base_path, path, content_class, fmt, context, preread_signal, preread_sender,
                             context_signal, context_sender)

        newsroom = state.current(readers.settings)
        parsed = of(newsroom)
        if content_class is not Article or parsed is None or not parsed.active or parsed.context is not context:
            return read()
        source = os.path.abspath(os.path.join(base_path, path))
        if preread_signal:
            preread_signal.send(preread_sender)
            preread_signal = None  # sent: not again if the file is read after all
        article = parsed.take(source)
        if article is not None:
            if context_signal:
                context_signal.send(context_sender, metadata=article.metadata)
            return article
        problems, warnings = len(newsroom.problems), parsed.warnings.count
        article = read()
        parsed.keep(source, article, problems, warnings)
        return article

    readers.read_file = read_file_or_take


def save(generator) -> None:
    """article_generator_finalized: keep the stories of this build."""
    parsed = of(state.current(generator.settings))
    if parsed is not None:
        parsed.save()


def register(signals, own_handlers) -> None:
    """`own_handlers`: the newsroom's content_object_init receivers (they ran when a story was read)."""
    global _own_handlers
    _own_handlers = frozenset(own_handlers)
    signals.readers_init.connect(install)
    signals.article_generator_init.connect(begin)
    signals.article_generator_finalized.connect(save)

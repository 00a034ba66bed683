"""Live preview for editors: an edited story in the browser about a second after saving.

`invoke livereload` keeps one Pelican instance alive (as `pelican -r` does) and its site in memory.

The first build, and any change this module cannot follow exactly, is a **full build** in this
process: every file written to the output folder, as `invoke build` would (article bodies from the
content cache, bodies.py; pages rendered on every core, render.py).

The common change, one or more existing articles saved, is a **live update**, which writes no page:

1. The content folder is compared with the last build (size and modification time of every file):
   only existing articles changed, nothing added or removed, no data file, standing page, photo or
   other file. Anything else (or anything this module is unsure of) is a full build.
2. If the edits change only a story's words (title, standfirst, body, caption...), not what places
   it in the site, the story objects of the site in memory are updated **in place** (inplace.py:
   the edited files read again, compared with what was read last time, enriched; their problems
   replaced; every cache of old words emptied), about a second at 10,000 stories. Otherwise,
   or if inplace.py is unsure, the site's context is built again by the same Pelican generators
   and newsroom signals as a build
   (enrich, indexes, related stories, home, archives, neighbours, JSON-LD, problems), but only the
   edited files are read: every other article is a fresh copy of the object the reader made when it
   last read that file, and the reader's side effects for it (checked path, problems, warnings) are
   replayed. The body cache is neither prefetched nor saved (`Newsroom.live_update`).
3. The generators' `generate_output` runs against a writer that records each page (template, its
   context, the file name Pelican chose, pagination included) instead of rendering it (after an
   update in place, only if the last build was a full one: the recorded pages hold the objects).
4. The preview server (`wsgi_app`) renders a recorded page when the browser asks for it, with the
   same template and context as the build: no page is ever stale. Everything else (CSS, photos,
   social cards, the search index, sitemaps) is served from the output folder of the last full
   build; those that depend on a story's text (its social card, the search index, the sitemaps) are
   brought up to date by the next full build.

tests/test_preview.py checks that after a live update (in place or not) every recorded page
equals, byte for byte, the same file of a full build of the edited content, with the same
problems, and that a full build after an edit in this process gives the same files as a fresh one.

Code cannot be reloaded safely in a running process: when a settings file or a plugin changes,
the preview falls back to full builds in a fresh `pelican` process from then on (`stale`). A
build that fails (a content problem in strict mode, a template error) is reported and the
preview keeps serving the last site.
"""

from __future__ import annotations

import copy
import json
import logging
import mimetypes
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote

from pelican import signals
from pelican.contents import Article
from pelican.writers import Writer

from . import collector, contextnames, pelican_compat, state
from .messages import _, n_

logger = logging.getLogger(__name__)

# Generators whose whole output goes through the writer: a live update records their pages.
# (NewsroomGenerator has `write_pages` for its part that does; the others copy or draw files,
# which only a full build refreshes.)
RECORDED = ("ArticlesGenerator", "PagesGenerator", "CorrectionsGenerator")


class _Entry:
    """What reading one article file gave: a pristine copy of the article and the reader's side effects
    (its problems.Problem items)."""

    __slots__ = ("stamp", "article", "problems")

    def __init__(self, stamp, article, problems):
        self.stamp, self.article, self.problems = stamp, article, problems


def _fresh_copy(article, context):
    """A copy of a just-read article that the build can enrich without touching the original."""
    clone = copy.copy(article)
    for name, value in vars(article).items():
        if name in ("settings", pelican_compat.CONTEXT):
            continue
        if isinstance(value, (list, dict, set)):
            setattr(clone, name, copy.copy(value))
    pelican_compat.set_context(clone, context)
    return clone


class _Recording:
    """Stands in for a template: the writer records the page instead of rendering it."""

    def __init__(self, template, writer):
        self.template, self.writer = template, writer

    def render(self, localcontext):
        self.writer.pending = (self.template, localcontext)
        return ""

    def __getattr__(self, name):
        return getattr(self.template, name)


class _Null:
    def write(self, _text):
        return 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class RecordingWriter(Writer):
    """Pelican's writer, except that each page is recorded (template, context, file) and nothing written."""

    def __init__(self, output_path, settings, feed_writer):
        super().__init__(output_path, settings=settings)
        self.pages: dict[str, object] = {}  # path relative to the output folder -> callable giving bytes
        self.pending = None
        self.feed_writer = feed_writer
        self.written: set[str] = set()
        self.overridden: set[str] = set()

    def write_file(self, name, template, context, *args, **kwargs):
        return super().write_file(name, _Recording(template, self), context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        # Pelican's rules for writing a file twice (Writer._open_w), without opening anything.
        pending, self.pending = self.pending, None
        if filename in self.overridden:
            if override:
                raise RuntimeError(f'Failed to overwrite "{filename}" a second time')
            return _Null()
        if filename in self.written and not override:
            raise RuntimeError(f'Failed to overwrite "{filename}": it was written before')
        if override:
            self.overridden.add(filename)
        self.written.add(filename)
        if pending is not None:
            template, localcontext = pending
            self.pages[self._relative(filename)] = (
                lambda: template.render(contextnames.narrowed(template, localcontext)).encode("utf-8"))
        return _Null()

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom", override_output=False,
                   feed_title=None):
        if not path:
            return None
        elements = list(elements)
        feed_writer, settings = self.feed_writer, self.settings

        def render():
            with tempfile.TemporaryDirectory() as folder:
                feed_writer(folder, settings=settings).write_feed(
                    elements, context, path, url, feed_type, override_output, feed_title)
                return Path(folder, path).read_bytes()

        self.pages[self._relative(os.path.join(self.output_path, path))] = render
        return None

    def _relative(self, filename):
        return Path(os.path.relpath(filename, self.output_path)).as_posix()


class LivePreview:
    def __init__(self, root: Path, settings_file: str, content: str = "content", override: dict | None = None):
        self.root = Path(root)
        self.settings_file = settings_file
        self.content = content
        self.override = dict(override or {})
        self.pelican = None
        self.stale = False  # code or settings changed: full builds in a new process from now on
        self.pages: dict | None = None  # after a live update: output path -> renders the page
        self.stamps: dict[str, tuple] = {}  # every file of the content folder at the last build
        self.read: dict[str, _Entry] = {}  # article files as last read
        self.generators: list | None = None  # those of the last build, None if it failed
        self.data = None  # the newsroom's data (data.Data) the articles in memory were read with
        self.newsroom = None  # the newsroom's state (state.Newsroom) of the site in memory
        self.timings: dict[str, float] = {}  # seconds per step of the last live update
        # How the last build went: "full", "context" (the site's context built again) or "in place"
        # (inplace.py: the edited stories updated in the site in memory); why not in place, if not.
        self.last_update: str | None = None
        self.not_in_place: str | None = None
        self.embargo_end = None  # the earliest end of an embargo in the site in memory (inplace.py)
        self._new_stamps: dict[str, tuple] = {}  # the content folder as the running build found it
        self._recorded: dict | None = None  # the pages of the last full build, recorded for an update in place
        self._feed_writer = None  # the class that writes feeds (get_writer), asked once

    def _instance(self):
        if self.pelican is None:
            from pelican import Pelican
            from pelican.settings import read_settings

            settings = read_settings(str(self.root / self.settings_file),
                                     override={"PATH": str(self.root / self.content), **self.override})
            self.pelican = Pelican(settings)
            signals.article_generator_init.connect(self._remember_reads, weak=False)
            signals.all_generators_finalized.connect(self._keep_generators, weak=False)
        return self.pelican

    @property
    def output(self) -> Path:
        return Path(self._instance().settings["OUTPUT_PATH"])

    # --- building ------------------------------------------------------------------------------
    def build(self) -> bool:
        """Bring the preview up to date (a live update if possible, else a full build); True if it succeeded."""
        start = time.perf_counter()
        if self.stale:
            return self.full_build()
        pelican = self._instance()
        stamps = self._stamp_content()
        edited = self._edited_articles(stamps)
        self._new_stamps = stamps
        try:
            if edited is None:
                self._full_run(pelican)
            elif not self._in_place(edited):
                self._live_update(edited)
        except (Exception, SystemExit) as exc:  # ContentError is a SystemExit: keep serving the last site
            logger.error(_("The preview was not rebuilt: {error}", error=exc))
            collector.unfreeze()  # a build stopped while reading leaves the collector paused
            self.generators = None  # the next change rebuilds everything
            self.stamps = {}
            return False
        self.stamps = stamps
        seconds = f"{time.perf_counter() - start:.2f}"
        if edited is not None:
            logger.info(n_("Preview updated in {seconds} s ({count} story read again; pages are rendered when "
                           "opened).", "Preview updated in {seconds} s ({count} stories read again; pages are "
                           "rendered when opened).", len(edited), seconds=seconds))
        else:
            logger.info(_("Preview rebuilt in {seconds} s.", seconds=seconds))
        return True

    def rebuild(self) -> bool:
        """A template or other theme file changed (the content folder did not): a full build."""
        self.generators = None
        return self.build()

    def _full_run(self, pelican) -> None:
        self.last_update, self.not_in_place = "full", None
        self.pages = None
        self.generators = None
        self.read = {}
        self._recorded = None
        self._clear_memoized()
        pelican.run()
        if self.generators is not None:
            # Recorded now (about 4 s at 10,000 stories), so that the first save after this build is
            # updated in place as fast as the next ones. Served only once a save has been (the files
            # written by this build are the same pages).
            self._recorded = self._record(self.generators)

    def _in_place(self, edited: list[str]) -> bool:
        """The edited stories updated in the site in memory (inplace.py), if nothing moves; True if done."""
        from . import inplace

        timings, clock = {}, time.perf_counter()
        try:
            inplace.update(self, edited, timings)
        except inplace.NotHere as reason:
            self.not_in_place = str(reason)
            logger.debug(_("The edit may move a story in the site: its lists are built again."))
            return False
        if self.pages is None:  # the last build wrote the site: its pages, recorded after it, from now on
            self.pages, self._recorded = self._recorded or self._record(self.generators), None
            timings["recorded"] = time.perf_counter() - clock
        self.last_update, self.not_in_place = "in place", None
        self.timings = timings
        return True

    def _live_update(self, edited: list[str]) -> None:
        """Build the context again with only `edited` read from disk; record the pages, write none."""
        pelican = self.pelican
        self.last_update, self._recorded = "context", None
        timings, clock = {}, time.perf_counter()
        self._clear_memoized()
        context = pelican.settings.copy()
        context["generated_content"] = {}
        context["static_links"] = set()
        context["static_content"] = {}
        context["localsiteurl"] = pelican.settings["SITEURL"]
        classes = pelican._get_generator_classes()
        newsroom = state._current
        newsroom.live_update = True
        # The articles from memory point to the regions, rubrics and reporters they were read with:
        # the same objects, so that the indexes find them (the data files did not change).
        newsroom.data = self.data
        self.generators = None
        generators = [cls(context=context, settings=pelican.settings, path=pelican.path, theme=pelican.theme,
                          output_path=pelican.output_path) for cls in classes]
        timings["generators"] = time.perf_counter() - clock
        for generator in generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
            if hasattr(generator, "check_disabled_readers"):
                generator.check_disabled_readers()
            timings[f"context {type(generator).__name__}"] = time.perf_counter() - clock
        signals.all_generators_finalized.send(generators)
        timings["all_generators_finalized"] = time.perf_counter() - clock
        for generator in generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        self.pages = self._record(generators)
        timings["recorded"] = time.perf_counter() - clock
        self.generators = generators
        self.timings = timings

    def _record(self, generators) -> dict:
        """Every page the generators write, recorded (RecordingWriter.pages), none written."""
        pelican = self.pelican
        writer = RecordingWriter(pelican.output_path, pelican.settings, self._feed_writer_class(pelican))
        with signals.content_written.muted():  # nothing is written (the sitemap plugin would queue it)
            for generator in generators:
                if hasattr(generator, "write_pages"):
                    generator.write_pages(writer)
                elif type(generator).__name__ in RECORDED:
                    type(generator).generate_output(generator, writer)
        return writer.pages

    def _feed_writer_class(self, pelican):
        # Asked once: get_writer also prepares a build's writing in other plugins' handlers, which
        # a preview that writes no page needs only once.
        if self._feed_writer is None:
            results = signals.get_writer.send(pelican)
            self._feed_writer = next((value for _receiver, value in results
                                      if isinstance(value, type) and issubclass(value, Writer)), Writer)
        return self._feed_writer

    @staticmethod
    def _clear_memoized() -> None:
        """Pelican memoises every article's content in one dict for the life of the process: a
        preview that builds again and again would keep every old article alive."""
        from pelican.contents import Content

        for name in ("get_content", "get_summary"):
            cache = getattr(vars(Content).get(name), "cache", None)
            if isinstance(cache, dict):
                cache.clear()

    # --- what changed ----------------------------------------------------------------------------
    def _stamp_content(self) -> dict[str, tuple]:
        stamps = {}
        stack = [os.path.abspath(self._instance().settings["PATH"])]
        while stack:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    else:
                        info = entry.stat(follow_symlinks=False)
                        stamps[entry.path] = (info.st_mtime_ns, info.st_size)
        return stamps

    def _edited_articles(self, stamps: dict) -> list[str] | None:
        """The article files edited since the last build, or None if a full build is needed."""
        if self.generators is None or not self.stamps or stamps.keys() != self.stamps.keys():
            return None  # first build, last build failed, or a file added or removed
        edited = [path for path, stamp in stamps.items() if self.stamps[path] != stamp]
        if not edited or any(path not in self.read for path in edited):
            return None  # nothing (build as asked), or a file that is not a read article
        return edited

    # --- reading: unchanged articles from memory -------------------------------------------------
    def _remember_reads(self, generator) -> None:
        """article_generator_init: read through the cache of this preview."""
        if self.pelican is None or generator.settings is not self.pelican.settings:
            return
        readers = generator.readers
        original = readers.read_file
        preview = self

        def read_file(base_path, path, content_class=None, fmt=None, context=None, **kwargs):
            source = os.path.abspath(os.path.join(base_path, path))
            newsroom = state.current(generator.settings)
            entry = preview.read.get(source)
            stamp = preview._new_stamps.get(source)
            if newsroom.live_update and entry is not None and entry.stamp == stamp and content_class is Article:
                newsroom.files_read["articles"] += 1
                newsroom.checked_paths.add(source)
                log = newsroom.problems
                log.extend(entry.problems)
                return _fresh_copy(entry.article, context)
            log = newsroom.problems
            before = len(log)
            result = original(base_path, path, content_class=content_class, fmt=fmt, context=context, **kwargs)
            if content_class is Article and stamp is not None and isinstance(result, Article):
                preview.read[source] = _Entry(stamp, _fresh_copy(result, context), log.since(before))
            else:
                preview.read.pop(source, None)  # skipped or not an article: read it every time
            return result

        readers.read_file = read_file

    def _keep_generators(self, generators) -> None:
        if self.pelican is not None and generators and generators[0].settings is self.pelican.settings:
            from . import inplace

            self.generators = list(generators)
            self.newsroom = state.current(self.pelican.settings)
            self.data = self.newsroom.data
            self.embargo_end = inplace.embargo_end(self.generators)

    # --- serving -----------------------------------------------------------------------------------
    def page(self, path: str) -> bytes | None:
        """The page at `path` (relative to the output folder) if a live update recorded it, rendered now."""
        render = (self.pages or {}).get(path)
        return render() if render is not None else None

    def wsgi_app(self, environ, start_response):
        """The preview server: recorded pages rendered on request, every other file from the output folder."""
        path = unquote(environ.get("PATH_INFO", "/")).lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        body, status = self.page(path), "200 OK"
        if body is None and "index.html" not in path.rsplit("/", 1)[-1] and self.pages and \
                f"{path}/index.html" in self.pages:
            start_response("301 Moved Permanently", [("Location", "/" + path + "/")])
            return [b""]
        if body is None and self.pages is not None and path.endswith(".html"):
            # After a live update every page is recorded: one that is not (a story whose slug or
            # date changed, so its address did) is gone, whatever the last full build left.
            body, path, status = self._missing()
        elif body is None:
            body, path, status = self._file(path)
        kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "application/xml"):
            kind += "; charset=utf-8"
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                                ("Cache-Control", "no-store")])
        return [body]

    def _file(self, path: str) -> tuple[bytes, str, str]:
        output = self.output.resolve()
        target = (output / path).resolve()
        if target.is_dir():
            target = target / "index.html"
            path = f"{path}/index.html"
        if output in target.parents and target.is_file():
            return target.read_bytes(), path, "200 OK"
        return self._missing()

    def _missing(self) -> tuple[bytes, str, str]:
        page = self.output / "404.html"
        missing = self.page("404.html") or (page.read_bytes() if page.is_file() else b"404")
        return missing, "404.html", "404 Not Found"

    # --- code changes ------------------------------------------------------------------------------
    def full_build(self) -> bool:
        command = [sys.executable, "-m", "pelican", self.content, "-s", self.settings_file]
        for key, value in self.override.items():
            command += ["-e", f"{key}={json.dumps(value)}"]
        return subprocess.run(command, cwd=self.root, check=False).returncode == 0

    def code_changed(self) -> bool:
        """A settings file or plugin changed: from now on every build starts a new process."""
        self.stale = True
        self.pelican = None
        self.pages = None
        self.generators = None
        self.newsroom = None
        self.read = {}
        signals.article_generator_init.disconnect(self._remember_reads)
        signals.all_generators_finalized.disconnect(self._keep_generators)
        return self.full_build()

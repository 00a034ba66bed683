"""Pages rendered on every core: the same files, written by forked worker processes.

Rendering the templates is about half of a build, and every page is independent of the others.
Pelican renders them one by one inside `generate_output`; here each generator's `generate_output`
runs as before, with everything it does around a page (pagination, the `content_written` signal
the sitemap listens to, Pelican's checks against writing a file twice) still done by Pelican in
its own order, except the template's `render()`: it is recorded with the page's context and the
path Pelican opened, which is not created (Pelican writes "" into a StringIO; the renderer
makes the file). When the generator is done, its recorded pages
are rendered: one share by the build process, the others by forked copies of it (which already
hold the whole site in memory, so nothing is copied or pickled), each writing its own files.
A worker that fails makes the build fail with its error. Rendering does not depend on who does
it, so the files are byte-identical to a serial build (tests/test_build_safety.py and
plugins/newsroom/tests/test_bodies.py compare them). Feeds are recorded the same way (the
file marked written in the build process, as Pelican's writer does, then made and written by
whichever process takes it): Pelican writes them first, before any page, while no worker has a
chunk yet (33 feeds, about 0.35 s of every build at 5,000 stories, done by the build process
alone before).

NEWSROOM["WORKERS"] = 1 (or a platform without fork, or a generator with few pages) renders the
recorded pages one by one in the build process; RELATIVE_URLS renders each page in place, as
Pelican does. A page whose inputs did not change since the last build is taken from the last site
instead (reuse.py; only on an atomic publish build, where that site is still in place) by
whichever process takes it from its chunk, as it would render it: the file is linked there. The
workers tell the build process what each file holds (fingerprint, digest) through their report
pipe, for the next build's record.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
from typing import NamedTuple

from pelican.utils import sanitised_join

from . import contextnames, forked, pelican_compat, reuse

logger = logging.getLogger(__name__)

MIN_PAGES = 64  # below this, forking costs more than it saves
CHUNK = 1000  # pages recorded before they are rendered: the recorded contexts stay a bounded amount


class _Recorder:
    """Stands in for a template: `render()` records the page instead of rendering it."""

    def __init__(self, template, batch: _Batch, context: dict):
        self.template, self.batch, self.context = template, batch, context

    def render(self, localcontext):
        self.batch.pending = (self.template, localcontext, self.context)
        return ""

    def __getattr__(self, name):
        return getattr(self.template, name)


class _Batch:
    def __init__(self, writer):
        self.writer = writer
        self.jobs: list[_Page | _Feed] = []
        self.pending = None
        self.open_original = writer._open_w

    def open(self, filename, encoding, override=False):
        pending, self.pending = self.pending, None
        if pending is not None and pelican_compat.first_write(self.writer, filename):
            # Pelican's empty file is never made: the page's renderer takes it from the last site
            # or renders it, and makes the file. Pelican writes "" into the StringIO.
            pelican_compat.mark_written(self.writer, filename, override)
            self.jobs.append(_Page(*pending, filename))
            return io.StringIO()
        if override:  # Pelican writes a page again: never into a file shared with the last site
            reuse.unshare(filename)
        handle = self.open_original(filename, encoding, override=override)
        if pending is not None and handle.name != os.devnull:  # Pelican's "not overwriting" goes to devnull
            self.jobs.append(_Page(*pending, filename))
        return handle


class _DeferringWriter:
    """The writer a generator sees while its pages are recorded."""

    def __init__(self, writer, batch: _Batch, workers: int):
        self._writer, self._batch, self._workers = writer, batch, workers

    def _between_files(self) -> None:
        if len(self._batch.jobs) >= CHUNK:  # render what is recorded, keep memory flat
            render_all(self._batch.jobs, self._workers)
            self._batch.jobs.clear()

    def write_file(self, name, template, context, *args, **kwargs):
        self._between_files()
        return self._writer.write_file(name, _Recorder(template, self._batch, context), context, *args, **kwargs)

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom", override_output=False,
                   feed_title=None):
        """A feed with a file is recorded like a page and made by whichever process takes it
        (`_write_feed`); nothing is returned then (Pelican's generators use no feed object). A
        feed without a file, or a second write of one, is Pelican's writer's as it is."""
        writer = self._writer
        arguments = (elements, context, path, url, feed_type, override_output, feed_title)
        if not path:
            return writer.write_feed(*arguments)
        target = sanitised_join(writer.output_path, path)
        if not pelican_compat.first_write(writer, target):
            return writer.write_feed(*arguments)  # Pelican's own error, or its skip with override_output
        self._between_files()
        pelican_compat.mark_written(writer, target, override_output)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        self._batch.jobs.append(_Feed(writer, arguments, target))
        return None

    def __getattr__(self, name):
        return getattr(self._writer, name)


class _Page(NamedTuple):
    """A recorded page: what Pelican's writer would have rendered, and the file it opened."""

    template: object
    localcontext: dict
    context: dict
    path: str

    def run(self) -> tuple[bool, str | None, bytes | None]:
        """Taken unchanged from the last site or rendered: (taken, its fingerprint, the SHA-256 of
        its file) for reuse.py's record (None, None, None without a record)."""
        record = _record
        if record is None:
            _render(self)
            return False, None, None
        taken, fingerprint, written = record.take(self.template, self.localcontext, self.path)
        if taken:
            return True, fingerprint, bytes.fromhex(written)
        return False, fingerprint, _render(self, digest=fingerprint is not None)

    def remember(self, record, result: tuple) -> None:
        """In the build process, after the page was done: what its file holds, for the next build."""
        taken, fingerprint, written = result
        if taken:
            record.placed(self.path, fingerprint, written.hex())
        else:
            record.rendered_file(self.path, fingerprint, written.hex() if written else None)

    def settle(self) -> None:
        """Leave the shared context as Pelican's writer does after this page (in page order)."""
        if self.localcontext.get("localsiteurl"):
            self.context["localsiteurl"] = self.localcontext["localsiteurl"]


class _Feed(NamedTuple):
    """A recorded feed: Pelican's writer and the arguments of its write_feed(), and the file."""

    writer: object
    arguments: tuple
    path: str
    template = None  # nothing for contextnames.py to analyse

    def run(self) -> tuple[bool, None, None]:
        _write_feed(self)
        return False, None, None

    def remember(self, record, result: tuple) -> None:
        """No record of feeds: they are always made."""

    def settle(self) -> None:
        """A feed leaves the shared context as it is."""


def _render(page: _Page, digest: bool = False) -> bytes | None:
    """Render and write a page; with `digest`, the SHA-256 of the bytes written (for reuse.py's
    record: the build process need not read the file back)."""
    page.settle()  # what Pelican's writer does before each render
    # With only the names its templates read (contextnames.py); encoded as Pelican's writer does on POSIX.
    output = page.template.render(contextnames.narrowed(page.template, page.localcontext)).encode("utf-8")
    reuse.unshare(page.path)  # a page taken from the last site is never written into
    with open(page.path, "wb") as fh:
        fh.write(output)
    return hashlib.sha256(output).digest() if digest else None


def _write_feed(feed: _Feed) -> None:
    """A recorded feed, made and written by Pelican's writer; its file, already marked written by
    the build process, is opened as it is (never into a file shared with the last site)."""
    writer = feed.writer
    own = vars(writer)
    had, previous = "_open_w" in own, own.get("_open_w")
    writer._open_w = _open_recorded
    try:
        writer.write_feed(*feed.arguments)
    finally:
        if had:
            writer._open_w = previous
        else:
            del writer._open_w


def _open_recorded(filename, encoding, override=False):
    reuse.unshare(filename)
    return open(filename, "w", encoding=encoding)


_record = None  # reuse.Record of the running build, when the last site can be reused


def render_all(jobs: list, workers: int) -> None:
    """Take from the last site or render `jobs` (see reuse.py); raise if any worker failed.

    With workers, a chunk is rendered by forked children while the build process goes back to
    recording the next one (Pelican's own work around each page, on one core), then helps with
    what is left of it (see _Chunk); `finish()` completes the last one."""
    finish()
    for template in {id(job.template): job.template for job in jobs if job.template is not None}.values():
        contextnames.names(template)  # worked out once, before the workers fork, not in each of them
    if workers <= 1 or len(jobs) < MIN_PAGES:
        jobs = list(jobs)
        _done(jobs, [job.run() for job in jobs])
    else:
        global _outstanding
        _outstanding = _Chunk(list(jobs), workers)


def finish() -> None:
    """Render what is left of the outstanding chunk, wait for its workers; raise if one failed."""
    global _outstanding
    chunk, _outstanding = _outstanding, None
    if chunk is not None:
        chunk.finish()


def abandon() -> None:
    """After an error: the outstanding chunk's workers stop after their page; wait for them."""
    global _outstanding
    chunk, _outstanding = _outstanding, None
    if chunk is not None:
        chunk.stop()


def _done(jobs: list, results: list) -> None:
    """After a chunk: remember what each page's file holds (`results`, from each job's run(), in
    the order of `jobs`), for the next build; leave the shared context as a serial build would."""
    record = _record
    for job, result in zip(jobs, results):
        if record is not None:
            job.remember(record, result)
        job.settle()


_outstanding = None  # the _Chunk forked workers are rendering while the build records the next one
_PACKED = 4 + 1 + 32 + 32  # a worker's report of one page: index, flags, fingerprint, digest


def _packed(index: int, result: tuple) -> bytes:
    taken, fingerprint, written = result
    flags = taken | (fingerprint is not None) << 1 | (written is not None) << 2
    return (index.to_bytes(4, "little") + bytes((flags,)) + (bytes.fromhex(fingerprint) if fingerprint else bytes(32))
            + (written or bytes(32)))


def _unpacked(data: bytes) -> tuple[int, tuple]:
    flags = data[4]
    return int.from_bytes(data[:4], "little"), (bool(flags & 1), data[5:37].hex() if flags & 2 else None,
                                                data[37:69] if flags & 4 else None)


class _Chunk:
    """Pages rendered by forked workers (which already hold the whole site in memory, so nothing
    is copied or pickled), each taking the next page not taken yet from a counter they share with
    the build process. The build process goes back to recording pages, and when it has the next
    chunk (or is done), takes the pages still left here itself: however long its own work took,
    both cores render until the chunk is done, and no page is rendered twice."""

    def __init__(self, jobs: list, workers: int):
        import multiprocessing

        self.jobs = jobs
        self.results: list[tuple | None] = [None] * len(jobs)  # each job's run(), by index
        self.taken = multiprocessing.get_context("fork").Value("q", 0)  # the next page to take
        self.children = [forked.Child(self._report) for _ in range(1, workers)]

    def _report(self) -> bytes:
        """In a worker: render pages until none is left; what each gave, packed."""
        return b"".join(_packed(index, self.results[index]) for index in self._render_left())

    def _take(self) -> int:
        with self.taken.get_lock():
            index = self.taken.value
            self.taken.value = index + 1
        return index

    def stop(self) -> None:
        """No page is taken any more; the workers end after the one they are rendering."""
        with self.taken.get_lock():
            self.taken.value = len(self.jobs)
        self.wait()

    def _render_left(self) -> list[int]:
        """Take or render pages until none is left; the indexes of those done here."""
        done = []
        while (index := self._take()) < len(self.jobs):
            self.results[index] = self.jobs[index].run()
            done.append(index)
        return done

    def wait(self) -> str | None:
        """Wait for the workers; the first failure's report."""
        failure = None
        for child in self.children:
            try:
                report = child.result()
            except forked.ChildFailed as error:
                failure = failure or str(error)
                continue
            for at in range(0, len(report), _PACKED):
                index, result = _unpacked(report[at:at + _PACKED])
                self.results[index] = result
        self.children = []
        return failure

    def finish(self) -> None:
        try:
            self._render_left()
        finally:
            failure = self.wait()
        if failure:
            raise RuntimeError(f"Rendering pages in a worker process failed:\n{failure}")
        _done(self.jobs, self.results)


def _parallel_output(generator, original, workers: int):
    def generate_output(writer):
        batch = _Batch(writer)
        writer._open_w = batch.open
        try:
            try:
                original(_DeferringWriter(writer, batch, workers))
            finally:
                del writer._open_w  # back to the class's method
            render_all(batch.jobs, workers)
            finish()  # every page of this generator is written before it returns
        except BaseException:
            abandon()  # a chunk may still be rendering: its workers stop and are waited for
            raise

    return generate_output


def install(generators) -> None:
    """all_generators_finalized: render the pages of every template-writing generator on all cores."""
    from . import bodies, state

    if not generators:
        return
    global _record
    settings = generators[0].settings
    newsroom = state.current(settings)
    if newsroom.live_update:  # preview.py renders the pages on request, it writes none
        return
    workers = bodies.of(newsroom).workers
    _record = None
    contextnames.use_cache(settings.get("CACHE_PATH"))
    if settings.get("RELATIVE_URLS"):
        return
    if settings.get("CACHE_PATH"):  # what each article page holds is recorded, for the next build
        from . import reuse

        articles = [a for g in generators for a in getattr(g, "articles", [])]
        _record = reuse.Record(settings, newsroom, _previous_site(settings), articles)
    if (workers <= 1 or not hasattr(os, "fork")) and _record is None:
        return
    if not hasattr(os, "fork"):
        workers = 1
    for generator in generators:
        if type(generator).__name__ in ("StaticGenerator", "SourceFileGenerator"):
            continue  # they copy files, they render nothing
        original = getattr(generator, "generate_output", None)
        if original is not None and "generate_output" not in vars(generator):
            generator.generate_output = _parallel_output(generator, original, workers)


def _previous_site(settings):
    try:
        from safe_build import previous_site
    except ImportError:  # the newsroom plugin without safe_build: no staging, no last site to reuse
        return None
    return previous_site(settings)


def save_record(pelican) -> None:
    """finalized: keep what each reused or rendered article page holds, and the analyses of the
    templates (contextnames.py), for the next build."""
    global _record
    record, _record = _record, None
    if record is not None and record.settings is pelican.settings:
        record.save()
    contextnames.save_cache()


def bytecode_cache(generator) -> None:
    """generator_init: compiled templates are kept in CACHE_PATH/newsroom-jinja (Jinja's own bytecode
    cache, checked against each template's source), so a build compiles only what changed instead
    of every template once per generator (Pelican gives each generator its own environment)."""
    from jinja2 import FileSystemBytecodeCache

    env = getattr(generator, "env", None)
    cache_path = generator.settings.get("CACHE_PATH")
    if env is None or not cache_path or env.bytecode_cache is not None:
        return
    import hashlib

    import jinja2

    # Compiled code depends on the environment's options (autoescape, extensions...), not only on the
    # source the cache checks: one folder per configuration.
    options = repr(sorted((k, repr(v)) for k, v in (generator.settings.get("JINJA_ENVIRONMENT") or {}).items()))
    tag = hashlib.sha1(f"{jinja2.__version__} {options}".encode()).hexdigest()[:12]
    folder = os.path.join(cache_path, "newsroom-jinja", tag)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return
    env.bytecode_cache = FileSystemBytecodeCache(folder)


def no_reload(generator) -> None:
    """generator_init: a template is loaded once per build. Jinja would otherwise check its file's
    modification time at every include and import (dozens per page); each build (each live-reload
    run too) has new environments, so an edited template is still picked up by the next build."""
    env = getattr(generator, "env", None)
    if env is not None:
        env.auto_reload = False


def register(signals) -> None:
    signals.generator_init.connect(no_reload)
    signals.generator_init.connect(bytecode_cache)
    signals.all_generators_finalized.connect(install)
    signals.finalized.connect(save_record)

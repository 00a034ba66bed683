"""render.py: recorded pages rendered by forked workers and the build process, each exactly once.

The whole-site comparisons (a parallel build equals a serial one) are in test_bodies.py and
tests/test_build_safety.py; these tests look at the scheduling itself with stand-in templates.
"""

from __future__ import annotations

import os
import re

import pytest

from newsroom import render


class _Template:
    """Renders a page's name, and notes each rendering in a log shared by every process."""

    def __init__(self, log, fail_on=None):
        self.log, self.fail_on = str(log), fail_on

    def render(self, localcontext):
        name = localcontext["name"]
        if name == self.fail_on:
            raise ValueError(f"halaman {name} rusak")
        with open(self.log, "a", encoding="utf-8") as fh:  # O_APPEND: lines from every process, whole
            fh.write(f"{name} {os.getpid()}\n")
        return f"<p>{name}</p>"


def _jobs(tmp_path, count, template):
    context = {}
    return [render._Page(template, {"name": f"p{i}"}, context, str(tmp_path / f"p{i}.html")) for i in range(count)]


def _renders(log):
    return [line.split() for line in log.read_text().splitlines()] if log.exists() else []


@pytest.fixture(autouse=True)
def _no_record(monkeypatch):
    monkeypatch.setattr(render, "_record", None)
    monkeypatch.setattr(render, "_outstanding", None)


def test_every_page_is_rendered_once_by_the_workers_and_the_build_process(tmp_path):
    log = tmp_path / "log"
    jobs = _jobs(tmp_path, 300, _Template(log))
    render.render_all(jobs, workers=2)
    assert render._outstanding is not None  # the build process is free to record the next pages
    render.finish()
    renders = _renders(log)
    assert sorted(name for name, _pid in renders) == sorted(f"p{i}" for i in range(300))  # once each
    for i in range(300):
        assert (tmp_path / f"p{i}.html").read_text() == f"<p>p{i}</p>"
    assert len({pid for _name, pid in renders}) >= 1
    assert render._outstanding is None


def test_the_next_chunk_waits_for_the_last_one(tmp_path):
    log = tmp_path / "log"
    template = _Template(log)
    first = _jobs(tmp_path, 200, template)
    (tmp_path / "b").mkdir()
    second = [render._Page(template, {"name": f"q{i}"}, {}, str(tmp_path / "b" / f"q{i}.html")) for i in range(150)]
    render.render_all(first, workers=2)
    render.render_all(second, workers=2)  # finishes the first chunk before starting the second
    render.finish()
    names = [name for name, _pid in _renders(log)]
    assert sorted(names) == sorted([f"p{i}" for i in range(200)] + [f"q{i}" for i in range(150)])
    assert max(names.index(f"p{i}") for i in range(200)) < min(names.index(f"q{i}") for i in range(150))


def test_a_worker_that_fails_fails_the_build_with_its_error(tmp_path):
    log = tmp_path / "log"
    jobs = _jobs(tmp_path, 200, _Template(log, fail_on="p1"))
    render.render_all(jobs, workers=2)
    with pytest.raises((RuntimeError, ValueError), match="halaman p1 rusak"):
        render.finish()
    assert render._outstanding is None


def test_after_an_error_the_workers_stop_and_are_waited_for(tmp_path):
    log = tmp_path / "log"
    render.render_all(_jobs(tmp_path, 400, _Template(log)), workers=2)
    chunk = render._outstanding
    render.abandon()
    assert chunk.children == [] and render._outstanding is None
    assert len(_renders(log)) < 400  # the pages not taken yet are left


def test_few_pages_are_rendered_in_place(tmp_path):
    log = tmp_path / "log"
    render.render_all(_jobs(tmp_path, render.MIN_PAGES - 1, _Template(log)), workers=2)
    assert render._outstanding is None
    assert {int(pid) for _name, pid in _renders(log)} == {os.getpid()}


class _Record:
    """Stands in for reuse.Record: every third page is in the last site unchanged (take() places
    it); notes what the build process is told about each page."""

    def __init__(self):
        self.written, self.taken = {}, {}

    @staticmethod
    def fingerprint(localcontext):
        import hashlib

        return hashlib.sha256(localcontext["name"].encode()).hexdigest()

    def take(self, template, localcontext, path):
        import hashlib

        if int(localcontext["name"][1:]) % 3:
            return False, self.fingerprint(localcontext), None
        data = f"<p>lama {localcontext['name']}</p>".encode()
        with open(path, "wb") as fh:
            fh.write(data)
        return True, self.fingerprint(localcontext), hashlib.sha256(data).hexdigest()

    def placed(self, path, fingerprint, written):
        self.taken[path] = (fingerprint, written)

    def rendered_file(self, path, fingerprint, written=None):
        self.written[path] = (fingerprint, written)


@pytest.mark.parametrize("count", [render.MIN_PAGES - 1, 700])
def test_the_record_learns_what_every_file_holds_whoever_took_or_rendered_it(tmp_path, monkeypatch, count):
    import hashlib
    import time

    class _Slow(_Template):  # a millisecond a page: the worker gets its share
        def render(self, localcontext):
            time.sleep(0.001)
            return super().render(localcontext)

    record = _Record()
    monkeypatch.setattr(render, "_record", record)
    log = tmp_path / "log"
    jobs = _jobs(tmp_path, count, _Slow(log))
    render.render_all(jobs, workers=2)
    render.finish()
    assert len(record.written) + len(record.taken) == count
    rendered = {name for name, _pid in _renders(log)}
    for _template, localcontext, _context, path in jobs:
        name = localcontext["name"]
        told = record.taken.get(path) if int(name[1:]) % 3 == 0 else record.written.get(path)
        assert told is not None, name
        assert (name in rendered) == (int(name[1:]) % 3 != 0), "a page taken is not rendered"
        fingerprint, written = told
        assert fingerprint == _Record.fingerprint(localcontext)
        with open(path, "rb") as fh:
            assert written == hashlib.sha256(fh.read()).hexdigest()
    if count > render.MIN_PAGES:
        assert len({pid for _name, pid in _renders(log)}) == 2, "the workers rendered a share of the pages"


def test_pelican_makes_no_empty_file_for_a_page_the_renderer_writes(content, tmp_path, monkeypatch):
    # Pelican's writer opens (creates) each page's file before rendering it; a recorded page's
    # file is made by its renderer only, once.
    from pelican.writers import Writer

    from .conftest import PUBLISH, build

    opened = []
    original = Writer._open_w

    def counting(self, filename, encoding, override=False):
        opened.append(filename)
        return original(self, filename, encoding, override=override)

    monkeypatch.setattr(Writer, "_open_w", counting)
    monkeypatch.setattr(render, "_record", None)
    out = build(PUBLISH, content, tmp_path / "out")
    pages = [p for p in out.rglob("*.html")]
    assert len(pages) > 10 and all(p.stat().st_size > 0 for p in pages)
    assert not [f for f in opened if f.endswith(".html")], "no page file opened by Pelican's writer"


def _undated_if_empty(feed: bytes) -> bytes:
    """A feed without entries is dated by the clock (safe_build dates it by the content in a site
    build): that date left out."""
    if b"<entry>" in feed or b"<item>" in feed:
        return feed
    return re.sub(rb"<(updated|lastBuildDate)>[^<]*</(updated|lastBuildDate)>", b"", feed)


def _feed_settings(tmp_path):
    from pelican.settings import read_settings

    return read_settings(path=None, override={"PATH": str(tmp_path), "OUTPUT_PATH": str(tmp_path / "out"),
                                             "SITENAME": "Portal", "SITEURL": "https://uji.example",
                                             "FEED_DOMAIN": "https://uji.example"})


def test_a_recorded_feed_is_written_by_its_taker_with_pelicans_bytes_and_a_second_write_refused(tmp_path):
    from pelican.writers import Writer

    settings = _feed_settings(tmp_path)
    context = {**settings, "SITEURL": "https://uji.example"}
    Writer(str(tmp_path / "direct"), settings=settings).write_feed([], context, "feeds/semua.atom.xml",
                                                                   feed_title="Semua")
    writer = Writer(str(tmp_path / "out"), settings=settings)
    batch = render._Batch(writer)
    writer._open_w = batch.open
    deferring = render._DeferringWriter(writer, batch, workers=1)
    assert deferring.write_feed([], context, "feeds/semua.atom.xml", feed_title="Semua") is None
    target = tmp_path / "out" / "feeds" / "semua.atom.xml"
    assert [type(job) for job in batch.jobs] == [render._Feed] and not target.exists()  # recorded, not written
    with pytest.raises(RuntimeError, match="already written"):  # Pelican's refusal of a second write
        deferring.write_feed([], context, "feeds/semua.atom.xml", feed_title="Semua")
    render.render_all(batch.jobs, workers=1)

    assert _undated_if_empty(target.read_bytes()) == _undated_if_empty(
        (tmp_path / "direct" / "feeds" / "semua.atom.xml").read_bytes())
    assert vars(writer)["_open_w"] == batch.open  # the recording writer is left as it was


def test_feeds_are_made_by_the_workers_too_with_the_bytes_pelican_writes(content, tmp_path, monkeypatch):
    from .conftest import PUBLISH, build

    every = {"CATEGORY_FEED_ATOM": "feeds/kategori/{slug}.atom.xml", "AUTHOR_FEED_ATOM": "feeds/penulis/{slug}.atom.xml",
             "REGION_FEED_ATOM": "feeds/wilayah/{slug}.atom.xml", "FEED_ALL_RSS": "feeds/semua.rss.xml"}

    def feeds(folder):  # a feed without entries is dated by the clock here (no safe_build in these builds)
        return {p.relative_to(folder).as_posix(): _undated_if_empty(p.read_bytes())
                for p in folder.rglob("*.xml") if "feeds" in p.parts}

    with monkeypatch.context() as patch:
        patch.delattr(render._DeferringWriter, "write_feed")  # Pelican's writer writes them, in the build process
        direct = feeds(build(PUBLISH, content, tmp_path / "a" / "out", **every))
    log = tmp_path / "feeds.log"
    original = render._write_feed

    def noting(job):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        original(job)

    monkeypatch.setattr(render, "_write_feed", noting)
    monkeypatch.setattr(render, "MIN_PAGES", 1)  # a forked worker takes a share
    monkeypatch.setattr(render, "CHUNK", 3)
    taken = feeds(build(PUBLISH, content, tmp_path / "b" / "out", NEWSROOM={**PUBLISH["NEWSROOM"], "WORKERS": 2},
                        **every))
    assert len(direct) >= 3 and taken == direct
    writers = log.read_text().split()
    assert len(writers) == len(direct)  # every feed recorded and made once
    assert {str(os.getpid())} != set(writers), "the workers made some of the feeds"

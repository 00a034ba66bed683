"""Every private Pelican name our plugins use still exists and still does what we rely on.

A failure here after a Pelican upgrade names the use to rewrite (pelican_compat.py lists them);
without this test the upgrade would silently switch a content check off.
"""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
from pathlib import Path

import pytest
from pelican import readers
from pelican.contents import Article
from pelican.settings import read_settings

from newsroom import pelican_compat

PLUGINS = Path(__file__).resolve().parents[2]


def test_a_discarded_field_is_dropped_by_pelican():
    assert readers._filter_discardable_metadata({"title": "A", "bad": pelican_compat.DISCARD}) == {"title": "A"}


def test_raw_content_is_the_body_before_link_rewriting():
    article = Article('<a href="{filename}/x.md">x</a>', metadata={"title": "A"}, settings=read_settings(None))
    assert pelican_compat.raw_content(article) == '<a href="{filename}/x.md">x</a>'
    pelican_compat.set_raw_content(article, "<p>baru</p>")
    assert pelican_compat.raw_content(article) == "<p>baru</p>" and "baru" in article.content


def test_the_remembered_relative_source_path_answers_as_pelican(tmp_path, monkeypatch):
    pelican_own = pelican_compat._relative_source_path
    monkeypatch.setattr(Article, "get_relative_source_path", pelican_compat._remembered_relative_source_path)
    settings = {**read_settings(None), "PATH": str(tmp_path / "c")}
    article = Article("<p>a</p>", metadata={"title": "A"}, settings=settings,
                      source_path=str(tmp_path / "c/berita/a.md"))
    for _ in range(2):
        assert article.get_relative_source_path() == pelican_own(article) == "berita/a.md"
    article.source_path = str(tmp_path / "c/berita/b.md")  # moved (the live preview re-reads it)
    assert article.get_relative_source_path() == pelican_own(article) == "berita/b.md"
    article.settings = {**settings, "PATH": str(tmp_path)}
    assert article.get_relative_source_path() == pelican_own(article) == "c/berita/b.md"
    other = str(tmp_path / "c/halaman/x.md")
    assert article.get_relative_source_path(other) == pelican_own(article, other) == "c/halaman/x.md"
    monkeypatch.chdir(tmp_path)
    article.source_path, article.settings = "berita/a.md", {**settings, "PATH": "c"}  # relative: never remembered
    assert article.get_relative_source_path() == pelican_own(article) == "berita/a.md"
    monkeypatch.chdir(tmp_path / "..")
    assert article.get_relative_source_path() == pelican_own(article)


def test_an_article_resolves_its_links_with_the_context_it_is_given():
    settings = {**read_settings(None), "PATH": "/c"}
    old = {**settings, "generated_content": {}, "static_content": {}, "localsiteurl": ""}
    article = Article('<a href="{filename}/b.md">b</a>', metadata={"title": "A"}, settings=settings,
                      source_path="/c/a.md", context=old)
    other = Article("b", metadata={"title": "B", "slug": "bee"}, settings=settings, source_path="/c/b.md")
    pelican_compat.set_context(article, {**old, "generated_content": {"b.md": other}})
    assert article.get_content("/site") == '<a href="/site/bee.html">b</a>'
    assert pelican_compat.CONTEXT not in ("settings", "metadata") and hasattr(article, pelican_compat.CONTEXT)


def test_a_file_marked_written_is_one_pelican_refuses_to_write_again(tmp_path):
    from pelican.writers import FileOverwriteFailedError, Writer

    writer = Writer(str(tmp_path), settings=read_settings(None))
    name = str(tmp_path / "a.html")
    assert pelican_compat.first_write(writer, name)
    pelican_compat.mark_written(writer, name)
    assert not pelican_compat.first_write(writer, name) and not (tmp_path / "a.html").exists()
    with pytest.raises(FileOverwriteFailedError):
        writer._open_w(name, "utf-8")
    with writer._open_w(name, "utf-8", override=True) as fh:  # a deliberate overwrite still works
        fh.write("x")
    assert not pelican_compat.first_write(writer, str(tmp_path / "a.html"))
    # A page marked as written with override (articles are): Pelican skips any later write of it.
    other = str(tmp_path / "b.html")
    pelican_compat.mark_written(writer, other, override=True)
    assert not pelican_compat.first_write(writer, other)
    with writer._open_w(other, "utf-8") as fh:
        assert fh.name == os.devnull
    with pytest.raises(FileOverwriteFailedError):
        writer._open_w(other, "utf-8", override=True)


@pytest.mark.parametrize(("owner", "dotted", "name"), pelican_compat.ELSEWHERE)
def test_private_names_used_elsewhere_still_exist(owner, dotted, name):
    module_name, _, cls_name = dotted.rpartition(".")
    cls = getattr(importlib.import_module(module_name), cls_name)
    if inspect.signature(cls.__init__).parameters.keys() == {"self"}:
        assert hasattr(cls(), name), f"{owner} uses {dotted}.{name}, which Pelican no longer has"
    else:
        assert callable(getattr(cls, name, None)), f"{owner} uses {dotted}.{name}, which Pelican no longer has"
    assert name in (PLUGINS / owner).read_text(encoding="utf-8"), f"{owner} no longer uses {name}: drop it from the list"


@pytest.mark.parametrize(("owner", "dotted", "name"), pelican_compat.ATTRIBUTES_ELSEWHERE)
def test_private_attributes_used_elsewhere_still_hold_the_body_as_read(owner, dotted, name):
    module_name, _, cls_name = dotted.rpartition(".")
    cls = getattr(importlib.import_module(module_name), cls_name)
    article = cls('<a href="{filename}/x.md">x</a>', metadata={"title": "A"}, settings=read_settings(None))
    assert getattr(article, name) == '<a href="{filename}/x.md">x</a>', f"{owner} uses {dotted}.{name}"
    assert name in (PLUGINS / owner).read_text(encoding="utf-8"), f"{owner} no longer uses {name}: drop it from the list"


def test_pelican_run_is_still_the_frame_safe_build_looks_for():
    from pelican import Pelican

    assert callable(Pelican.run) and Pelican.run.__name__ == "run"


def test_no_plugin_names_a_private_pelican_module_attribute_outside_the_compat_module():
    """The issue's own check: `grep -rn "pelican\\.[a-z_.]*\\._" plugins/` finds only pelican_compat.py."""
    found = subprocess.run(["grep", "-rln", "--include=*.py", r"pelican\.[a-z_.]*\._", str(PLUGINS)],
                           capture_output=True, text=True).stdout.split()
    assert [Path(f).relative_to(PLUGINS).as_posix() for f in found if "/tests/" not in f] == ["newsroom/pelican_compat.py"]


_FORMAT_PIECES = ["%Y", "%m", "%d", "%-d", "%-m", "%B", "%b", "%a", "%A", "%H", "%M", "%S", "%z", "%Z", "%j", "%%",
                  "%e", "%k", "%-", "%", "-", "/", ":", " ", "T", "berita/", "{x}", "%s", "%%Y", "\n", "%\n", "é",
                  "%Y", "%m", "%d", "%H:%M:%S", "{", "}", "{0}"]


def test_the_faster_strftime_formats_as_pelican():
    import datetime
    import random
    from zoneinfo import ZoneInfo

    from pelican.utils import SafeDatetime

    rng = random.Random(20261130)
    dates = [SafeDatetime(2025, 3, 7, 8, 5, 9, tzinfo=ZoneInfo("Asia/Makassar")),
             SafeDatetime(2024, 12, 31, 23, 59, 59), datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC),
             SafeDatetime(2026, 10, 1, 0, 0, 0, tzinfo=datetime.UTC), SafeDatetime(999, 1, 2, 3, 4, 5),
             SafeDatetime(9999, 12, 31), datetime.datetime(1000, 1, 1)]
    formats = ["%Y", "%m", "%Y-%m-%dT%H:%M:%S", "%z", "%a %d %B %Y", "%-d %B %Y", "%e", "", "%", "100%", "%%",
               "{date}", "%Y}{%m", "%%Y"]
    formats += ["".join(rng.choice(_FORMAT_PIECES) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    plain = numbers = 0
    for fmt in formats:
        for date in dates:
            try:
                expected = pelican_compat._pelican_strftime(date, fmt)
            except (TypeError, ValueError) as error:  # a stray "%": Pelican's own error
                with pytest.raises(type(error)):
                    pelican_compat._strftime(date, fmt)
                continue
            assert pelican_compat._strftime(date, fmt) == expected, (fmt, date)
        plain += pelican_compat._plan(fmt)[0]
        numbers += pelican_compat._plan(fmt)[1] is not None
    assert plain > 100 and numbers > 50  # the fast paths are taken, not only the fallback


def test_urls_format_dates_through_the_faster_strftime(monkeypatch):
    from pelican import utils
    from pelican.utils import SafeDatetime

    monkeypatch.setattr(utils, "strftime", utils.strftime)  # as it was, after the test
    pelican_compat.faster_strftime()  # what the plugin's register() does
    assert utils.strftime is pelican_compat._strftime
    assert format(SafeDatetime(2025, 3, 7), "berita/%Y/%m/%-d") == "berita/2025/03/7"
    assert SafeDatetime(2025, 3, 7).strftime("%d/%m") == "07/03"


def test_a_build_without_pelicans_content_cache_stamps_no_file(content, tmp_path, monkeypatch):
    # Pelican stamps each file it reads (os.path.getmtime, twice) for a content cache that is
    # off; the stamps are skipped, and the generators and readers still have Pelican's cache API.
    from pelican import cache, generators

    from .conftest import PUBLISH, build

    stamped, made = [], []
    real_getmtime = os.path.getmtime

    def counting(path):
        stamped.append(path)
        return real_getmtime(path)

    monkeypatch.setattr(cache.os.path, "getmtime", counting)
    original_init = generators.ArticlesGenerator.__init__

    def keep(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(generators.ArticlesGenerator, "__init__", keep)
    output = build(PUBLISH, content, tmp_path / "out")
    assert list(output.rglob("index.html")), "the site is built"
    assert not [path for path in stamped if str(path).endswith(".md")]
    generator = made[0]
    assert generator._filestamp_func is pelican_compat._no_stamp
    assert generator.readers._filestamp_func is pelican_compat._no_stamp
    assert generator.get_cached_data("berita/x.md", "none") == "none"


def test_the_writer_asks_only_for_folders_not_known_to_exist_and_sees_os_again_after(content, tmp_path,
                                                                                    monkeypatch):
    from pelican import signals, writers

    from .conftest import PUBLISH, build

    asked = []
    makedirs = os.makedirs

    def counting(name, mode=0o777, exist_ok=False):
        asked.append(name)
        return makedirs(name, mode, exist_ok)

    monkeypatch.setattr(os, "makedirs", counting)
    seen = {}

    def writing(*_args, **_kwargs):
        seen["os"] = writers.os

    def pages(site):
        return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))

    atomic = {**PUBLISH, "PLUGINS": [*PUBLISH["PLUGINS"], "safe_build"], "ATOMIC_OUTPUT": True,
              "DELETE_OUTPUT_DIRECTORY": True}
    signals.article_writer_finalized.connect(writing)
    try:
        out = build(atomic, content, tmp_path / "out")  # into a new staging folder
        first = list(asked)
        build(atomic, content, tmp_path / "out")  # the output of the build before: the spare tree
        asked.clear()
        build(atomic, content, tmp_path / "out")  # into the spare tree, emptied of its files
    finally:
        signals.article_writer_finalized.disconnect(writing)
    assert seen["os"] is not os and seen["os"].path is os.path  # while the pages are written
    assert writers.os is os  # after the build
    folders = {str(Path(p).parent) for p in pages(out)}  # relative to the site
    assert len(folders) > 5

    def pages_folders(names):  # asked for by anything in this process: those of the pages' files
        found = []
        for name in map(str, names):
            for site in (out, tmp_path / ".out.building"):
                if name == str(site) or name.startswith(f"{site}/"):
                    rel = os.path.relpath(name, site)
                    if rel in folders:
                        found.append(rel)
        return found

    assert sorted(pages_folders(first)) == sorted(folders - {"."})  # the first build made them, once each
    assert pages_folders(asked) == []  # then none of them was asked for again

    made = pelican_compat._writer_os(lambda: {str(tmp_path / "ada")})
    made.makedirs(str(tmp_path / "ada"), exist_ok=True)  # said to exist: not made
    assert not (tmp_path / "ada").exists()
    made.makedirs(str(tmp_path / "a" / "b"), exist_ok=True)
    (tmp_path / "a" / "b").rmdir()
    made.makedirs(str(tmp_path / "a" / "b"))  # without exist_ok: always os's own
    assert (tmp_path / "a" / "b").is_dir()
    with pytest.raises(FileExistsError):
        made.makedirs(str(tmp_path / "a" / "b"))

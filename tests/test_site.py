"""The foundation: the site builds in both configurations, complete, at its URLs.

Every expectation comes from content/data and the stories present: the tests hold for any chapter.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.helpers import ROOT, chapter, chapter_settings, page

CONTENT = ROOT / "content"
DATA = CONTENT / "data"
HEADER = re.compile(r"^(\w+):\s*(.*)$")


def header(path: Path) -> dict:
    fields = {}
    for line in path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines():
        m = HEADER.match(line)
        if m:
            fields[m.group(1).lower()] = m.group(2).strip()
    return fields


def sample_articles():
    return sorted(p for p in (CONTENT / "berita").rglob("*.md"))


def published_samples():
    return [p for p in sample_articles() if header(p).get("status", "published") != "draft"]


def regions():
    return tomllib.loads((DATA / "regions.toml").read_text())["region"]


def categories():
    return tomllib.loads((DATA / "categories.toml").read_text())["category"]


def reporters():
    return sorted(p.stem for p in (DATA / "authors").glob("*.toml"))


def test_data_files_parse_and_hold_the_newsroom():
    slugs = [r["slug"] for r in regions()]
    assert slugs and len(set(slugs)) == len(slugs)
    assert all(r["name"] and isinstance(r.get("aliases", []), list) for r in regions())
    assert categories() and all(c["slug"] and c["name"] and c["description"] for c in categories())
    assert reporters()
    for path in (DATA / "authors").glob("*.toml"):
        entry = tomllib.loads(path.read_text())
        assert entry["name"] and entry["role"] and entry["bio"], path
        assert entry["region"] in slugs, path


def test_site_toml_is_the_one_source_of_the_settings_identity():
    from pelican.settings import read_settings

    site = tomllib.loads((DATA / "site.toml").read_text())["site"]
    assert site["url"].startswith("https://")
    for config, siteurl in (("pelicanconf.py", ""), ("publishconf.py", site["url"].rstrip("/"))):
        settings = read_settings(str(ROOT / config))
        assert (settings["SITENAME"], settings["TIMEZONE"], settings["DEFAULT_LANG"], settings["SITEURL"]) == (
            site["name"], site["timezone"], site["language"], siteurl), config


def test_sample_content_is_a_real_newsroom():
    arts = published_samples()
    assert arts, "no published story: the site-level tests need at least one"
    for path in arts:  # each story lives in the folder of its month (berita/YYYY/MM/)
        date = header(path)["date"]
        assert path.parent.relative_to(CONTENT / "berita").as_posix() == f"{date[:4]}/{date[5:7]}", path


def test_publish_build_writes_every_sample_article_to_its_url(publish_site):
    for path in published_samples():
        date = header(path)["date"]
        url = f"berita/{date[:4]}/{date[5:7]}/{path.stem}/"
        tree = page(publish_site, url)
        assert tree.css_first("h1") is not None, url
    written = list((publish_site / "berita").glob("*/*/*/index.html"))
    assert len(written) == len(published_samples()) >= 1


def test_every_index_page_exists(publish_site):
    for url in ("", "wilayah/", "penulis/", "kategori/", "topik/", "arsip/", "redaksi/", "pedoman-media-siber/",
                "tentang-kami/", "kode-etik-jurnalistik/", "kontak/"):
        page(publish_site, url)
    for region in regions():
        page(publish_site, f"wilayah/{region['slug']}/")
    for slug in reporters():
        page(publish_site, f"penulis/{slug}/")
    for category in categories():
        page(publish_site, f"kategori/{category['slug']}/")
    assert (publish_site / "404.html").is_file()
    assert (publish_site / "sitemap.xml").is_file()
    assert (publish_site / "feeds/semua.atom.xml").is_file()


def _links(tree, prefix):
    return {a.attributes.get("href", "") for a in tree.css("a") if f"/{prefix}/" in a.attributes.get("href", "")}


def test_bylines_and_links_cover_regions_reporters_and_rubrics(publish_site):
    regions_seen, reporters_seen, categories_seen = set(), set(), set()
    for index in (publish_site / "berita").glob("*/*/*/index.html"):
        tree = page(publish_site, str(index.parent.relative_to(publish_site)))
        article = tree.css_first("article")
        regions_seen |= _links(article, "wilayah")
        reporters_seen |= _links(article, "penulis")
        categories_seen |= _links(article, "kategori")
    # Every region and rubric that a published story names (as typed: slug, name or alias) is
    # linked from a byline; so is at least one reporter.
    newsroom = chapter()
    slug_of = lambda url: url.rstrip("/").rsplit("/", 1)[-1]  # noqa: E731
    for path in published_samples():
        fields = header(path)
        assert newsroom.region(fields["region"])["slug"] in {slug_of(u) for u in regions_seen}, path
        assert newsroom.rubric(fields["category"])["slug"] in {slug_of(u) for u in categories_seen}, path
    assert reporters_seen
    site = chapter_settings()["SITEURL"] + "/"
    for url in regions_seen | reporters_seen | categories_seen:
        assert url.startswith(site)
        page(publish_site, url.removeprefix(site))


def test_development_build_works_and_keeps_links_local(dev_site):
    home = page(dev_site, "")
    assert home.css_first("main") is not None
    hrefs = [a.attributes.get("href", "") for a in home.css("a")]
    assert not any(h.startswith(chapter_settings()["SITEURL"]) for h in hrefs)


def test_plain_pelican_command_builds_the_publish_site(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (out / "index.html").is_file() and (out / f"wilayah/{regions()[0]['slug']}/index.html").is_file()

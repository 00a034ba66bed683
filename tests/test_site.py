"""The foundation: the sample site builds in both configurations, complete, at its URLs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.helpers import ROOT, page

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
    assert slugs[:10] == ["kota-mataram", "lombok-barat", "lombok-tengah", "lombok-timur", "lombok-utara",
                          "sumbawa-barat", "sumbawa", "dompu", "bima", "kota-bima"]
    assert all(r["name"] and isinstance(r["aliases"], list) for r in regions())
    assert len(categories()) >= 6 and all(c["slug"] and c["name"] and c["description"] for c in categories())
    assert len(reporters()) >= 8
    for path in (DATA / "authors").glob("*.toml"):
        entry = tomllib.loads(path.read_text())
        assert entry["name"] and entry["role"] and entry["bio"], path
        assert entry["region"] in slugs, path
    site = tomllib.loads((DATA / "site.toml").read_text())
    assert site["site"]["url"] == "https://ntb.fpii.or.id"


def test_sample_content_is_a_real_newsroom():
    arts = published_samples()
    assert len(arts) >= 30
    months = {header(p)["date"][:7] for p in arts}
    assert len(months) >= 3


def test_publish_build_writes_every_sample_article_to_its_url(publish_site):
    for path in published_samples():
        date = header(path)["date"]
        url = f"berita/{date[:4]}/{date[5:7]}/{path.stem}/"
        tree = page(publish_site, url)
        assert tree.css_first("h1") is not None, url
    written = list((publish_site / "berita").glob("*/*/*/index.html"))
    assert len(written) == len(published_samples()) >= 30


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
    region_slugs = {u.rstrip("/").rsplit("/", 1)[-1] for u in regions_seen}
    assert {r["slug"] for r in regions()[:10]} <= region_slugs
    assert len(reporters_seen) >= 8
    assert len(categories_seen) >= 6
    for url in regions_seen | reporters_seen | categories_seen:
        assert url.startswith("https://ntb.fpii.or.id/")
        page(publish_site, url.removeprefix("https://ntb.fpii.or.id/"))


def test_development_build_works_and_keeps_links_local(dev_site):
    home = page(dev_site, "")
    assert home.css_first("main") is not None
    hrefs = [a.attributes.get("href", "") for a in home.css("a")]
    assert not any(h.startswith("https://ntb.fpii.or.id") for h in hrefs)


def test_plain_pelican_command_builds_the_publish_site(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (out / "index.html").is_file() and (out / "wilayah/dompu/index.html").is_file()

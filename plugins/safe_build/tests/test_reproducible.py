"""The build time never reaches the site: sitemap dates of index pages and dates of empty feeds."""

from __future__ import annotations

import datetime
import re
import shutil

import pytest
from newsroom.problems import ContentError
from newsroom.tests.conftest import FIXTURE, PUBLISH, build

from safe_build import reproducible

PLUGINS = ["newsroom", "safe_build", "pelican.plugins.sitemap"]
# The newest published fixture article: panen-tembakau-lotim (its Date; no later Modified anywhere).
NEWEST = "2026-10-14T09:35:00+08:00"


def lastmods(site) -> dict[str, str]:
    xml = (site / "sitemap.xml").read_text()
    return dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", xml))


@pytest.fixture
def content_with_empty_region(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    with (content / "data" / "regions.toml").open("a") as regions:
        regions.write('\n[[region]]\nslug = "sumbawa"\nname = "Sumbawa"\nkind = "kabupaten"\naliases = []\n')
    return content


def test_index_pages_are_dated_by_the_newest_article(tmp_path, monkeypatch):
    from pelican.plugins.sitemap import sitemap

    monkeypatch.setattr(sitemap.generator, "now", datetime.datetime(2001, 2, 3))  # "the build time"
    site = build(PUBLISH, FIXTURE, tmp_path / "out", PLUGINS=PLUGINS)
    dates = lastmods(site)
    assert dates["https://uji.example/"] == NEWEST
    assert dates["https://uji.example/wilayah/dompu/"] == NEWEST
    # Articles keep their own dates (Modified when given).
    assert dates["https://uji.example/berita/2026/10/harga-cabai-mataram/"] == "2026-10-11T08:15:00+08:00"
    assert not any(value.startswith("2001") for value in dates.values())


def test_an_empty_feed_is_dated_by_the_newest_article(content_with_empty_region, tmp_path):
    site = build(PUBLISH, content_with_empty_region, tmp_path / "out", PLUGINS=PLUGINS,
                 REGION_FEED_ATOM="feeds/wilayah/{slug}.atom.xml")
    empty = (site / "feeds/wilayah/sumbawa.atom.xml").read_text()
    assert "<entry>" not in empty
    assert f"<updated>{NEWEST}</updated>" in empty
    full = (site / "feeds/wilayah/lombok-timur.atom.xml").read_text()
    assert f"<updated>{NEWEST}</updated>" in full


def test_without_articles_source_date_epoch_is_used(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert reproducible.newest_change([]) == datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert reproducible.newest_change([]) is None


def test_a_failed_build_leaves_no_stale_pages_in_the_next_sitemap(tmp_path):
    """pelican-sitemap keeps its page queue and Pelican instance when a build fails (then the next
    build's sitemap would not be written at all); the next build starts it afresh."""
    from pelican.plugins.sitemap import sitemap

    broken = tmp_path / "broken"
    shutil.copytree(FIXTURE, broken)
    article = broken / "berita" / "2026" / "10" / "harga-cabai-mataram.md"
    article.write_text(article.read_text().replace("Region: Kota Mataram", "Region: Atlantis"))
    with pytest.raises(ContentError):
        build(PUBLISH, broken, tmp_path / "first", PLUGINS=PLUGINS)
    # What a build that failed while writing leaves queued:
    sitemap.generator.page_queue.append(("/elsewhere/stale/index.html", None))
    site = build(PUBLISH, FIXTURE, tmp_path / "second", PLUGINS=PLUGINS)
    dates = lastmods(site)
    assert "https://uji.example/berita/2026/10/harga-cabai-mataram/" in dates
    assert not any("stale" in url for url in dates)


def test_a_content_check_in_the_same_process_does_not_stop_the_next_sitemap(tmp_path):
    """`invoke check` asks for generators and never finishes a build: the next build still
    writes its sitemap (pelican-sitemap keeps the first Pelican instance it saw)."""
    from newsroom.check import check
    from newsroom.tests.conftest import settings_for

    # Both with the sitemap plugin loaded here (first in a fresh process, nothing else loads it).
    assert check(settings_for(PUBLISH, FIXTURE, tmp_path / "checked", PLUGINS=PLUGINS)) == 0
    out = build(PUBLISH, FIXTURE, tmp_path / "out", PLUGINS=PLUGINS)
    assert (out / "sitemap.xml").is_file()

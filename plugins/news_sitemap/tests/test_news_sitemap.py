"""sitemap-news.xml: what Google News may list now, and nothing else.

The fixture is written at test time, dated from the clock (a story of an hour ago must be in,
one of last week out), and built with Pelican's own API.
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
import zoneinfo
from pathlib import Path
from types import SimpleNamespace as NS

import pytest
from lxml import etree

import news_sitemap

PLUGINS = Path(__file__).resolve().parents[2]
WITA = zoneinfo.ZoneInfo("Asia/Makassar")
NS_MAP = {"sm": news_sitemap.SITEMAP_NS, "news": news_sitemap.NEWS_NS}


def run_pelican(override: dict) -> None:
    """A build in its own process: Pelican's signals are process-wide, so a build here would also
    run every plugin an earlier test of this process registered (the newsroom plugin's, say)."""
    code = ("import json, sys; from pelican import Pelican; from pelican.settings import read_settings; "
            "Pelican(read_settings(path=None, override=json.loads(sys.argv[1]))).run()")
    done = subprocess.run([sys.executable, "-c", code, json.dumps(override)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def story(folder: Path, slug: str, hours_ago: float, *extra: str) -> None:
    when = (datetime.datetime.now(WITA) - datetime.timedelta(hours=hours_ago)).strftime("%Y-%m-%d %H:%M")
    header = [f"Title: Berita {slug} & <uji>", f"Date: {when}", "Category: Ekonomi", *extra]
    (folder / f"{slug}.md").write_text("\n".join(header) + f"\n\nIsi berita {slug}.\n", encoding="utf-8")


def build(tmp_path: Path, **settings) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    story(content, "sejam-lalu", 1)
    story(content, "kemarin", 30)
    story(content, "pekan-lalu", 24 * 7)
    story(content, "draf-baru", 1, "Status: draft")
    story(content, "embargo", -2)  # two hours from now: a draft in a publish build
    story(content, "advertorial", 1, "Type: Advertorial")
    output = tmp_path / "out"
    run_pelican({
        "PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "cache"),
        "SITENAME": "Uji News", "SITEURL": "https://uji.example", "TIMEZONE": "Asia/Makassar",
        "DEFAULT_LANG": "id", "PLUGIN_PATHS": [str(PLUGINS)], "PLUGINS": ["news_sitemap"],
        "ARTICLE_URL": "berita/{slug}/", "ARTICLE_SAVE_AS": "berita/{slug}/index.html",
        "WITH_FUTURE_DATES": False, "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None,
        "AUTHOR_FEED_ATOM": None, "AUTHOR_FEED_RSS": None, "TRANSLATION_FEED_ATOM": None,
        "SLUGIFY_SOURCE": "basename", **settings,
    })
    return output


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("news"))


def test_lists_the_story_of_an_hour_ago_and_not_last_weeks(site):
    root = etree.parse(str(site / "sitemap-news.xml")).getroot()
    assert root.tag == f"{{{news_sitemap.SITEMAP_NS}}}urlset"
    locs = [loc.text for loc in root.iterfind("sm:url/sm:loc", NS_MAP)]
    assert locs == ["https://uji.example/berita/sejam-lalu/", "https://uji.example/berita/kemarin/"]  # newest first
    first = root.find("sm:url/news:news", NS_MAP)
    assert first.findtext("news:publication/news:name", namespaces=NS_MAP) == "Uji News"
    assert first.findtext("news:publication/news:language", namespaces=NS_MAP) == "id"
    assert first.findtext("news:title", namespaces=NS_MAP) == "Berita sejam-lalu & <uji>"
    published = datetime.datetime.fromisoformat(first.findtext("news:publication_date", namespaces=NS_MAP))
    assert published.utcoffset() == datetime.timedelta(hours=8)
    assert datetime.timedelta(minutes=50) < datetime.datetime.now(datetime.UTC) - published < datetime.timedelta(minutes=70)


def test_never_drafts_embargoes_or_advertorials(site):
    text = (site / "sitemap-news.xml").read_text(encoding="utf-8")
    for slug in ("draf-baru", "embargo", "advertorial", "pekan-lalu"):
        assert f"/berita/{slug}/" not in text


def test_an_empty_window_still_writes_a_valid_file(tmp_path):
    site = build(tmp_path, NEWS_SITEMAP={"MAX_AGE_HOURS": 0})
    root = etree.parse(str(site / "sitemap-news.xml")).getroot()
    assert root.tag == f"{{{news_sitemap.SITEMAP_NS}}}urlset" and len(root) == 0


def fake(hours_ago: float, **extra):
    now = datetime.datetime(2026, 11, 30, 8, 0, tzinfo=WITA)
    base = dict(date=now - datetime.timedelta(hours=hours_ago), url=f"berita/{hours_ago}/", title="T",
                status="published", metadata={})
    return NS(**{**base, **extra}), now


def test_at_most_max_urls_newest_first_and_the_exclude_hook():
    now = fake(0)[1]
    articles = [fake(h / 100)[0] for h in range(1500)]
    cfg = news_sitemap.settings_of({"SITENAME": "Uji"})
    listed = news_sitemap.entries(articles, cfg, now)
    assert len(listed) == 1000 and listed[0].date == now and listed == sorted(listed, key=lambda a: a.date, reverse=True)
    embargoed = fake(1, state="embargo")[0]
    sponsored = fake(1, metadata={"type": "Pariwara"})[0]
    assert news_sitemap.entries([embargoed, sponsored], cfg, now) == []
    cfg = news_sitemap.settings_of({"NEWS_SITEMAP": {"EXCLUDE": lambda a: a.url.endswith("1/")}})
    assert news_sitemap.entries([fake(1)[0], fake(2)[0]], cfg, now) == [fake(2)[0]]


def test_unknown_setting_is_refused():
    with pytest.raises(ValueError, match="MAX_AGE"):
        news_sitemap.settings_of({"NEWS_SITEMAP": {"MAX_AGE": 3}})

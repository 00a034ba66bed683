"""Readers find it: the search box and the menu on every page, a feed for every rubric, region and
reporter, the News sitemap in robots.txt, structured data for search engines, the web app
manifest. Static checks over the publish build (tests/quality/test_search.py drives chromium)."""

from __future__ import annotations

import datetime
import json
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree
from PIL import Image

from tests.helpers import ROOT, jsonld_nodes, page, parse

SITE = "https://ntb.fpii.or.id/"
DATA = ROOT / "content" / "data"
FEED_LIMIT = 2 * 1024 * 1024  # what aggregators accept
MEDIA = "{http://search.yahoo.com/mrss/}"
ATOM = "{http://www.w3.org/2005/Atom}"


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def local(site: Path, url: str) -> Path:
    assert url.startswith(SITE), url
    rel = urlsplit(url).path.lstrip("/")
    target = site / rel
    return target / "index.html" if rel == "" or rel.endswith("/") else target


def of_type(tree, kind: str) -> list[dict]:
    return [n for n in jsonld_nodes(tree) if n.get("@type") == kind]


def category_slugs():
    return [c["slug"] for c in tomllib.loads((DATA / "categories.toml").read_text())["category"]]


def region_slugs(site: Path):
    return sorted(d.name for d in (site / "wilayah").iterdir() if (d / "index.html").is_file() and d.name != "halaman")


def reporter_slugs():
    return sorted(p.stem for p in (DATA / "authors").glob("*.toml"))


# --- every page: search box, menu, app icons -----------------------------------------------------


def test_every_page_has_the_search_box_and_a_menu_with_every_rubric_and_region(publish_site):
    wanted = {SITE + f"kategori/{s}/" for s in category_slugs()} | {SITE + f"wilayah/{s}/" for s in region_slugs(publish_site)}
    assert len(wanted) >= 15
    for file in pages(publish_site):
        rel = file.relative_to(publish_site).as_posix()
        tree = parse(file)
        form = tree.css_first("header form.site-search")
        assert form is not None, rel
        assert form.attributes.get("action") == SITE + "cari/" and form.attributes.get("method") == "get", rel
        assert form.attributes.get("role") == "search" and form.css_first("input[name=q][type=search]"), rel
        label = form.css_first("label")
        assert label is not None and label.attributes.get("for") == form.css_first("input").attributes.get("id"), rel
        menu = tree.css_first("header nav details.menu")
        assert menu is not None and menu.css_first("summary").text().strip(), rel
        links = {a.attributes.get("href") for a in menu.css("a")}
        assert wanted <= links, f"{rel}: the menu misses {sorted(wanted - links)}"


def test_every_page_links_the_manifest_and_the_touch_icon(publish_site):
    for file in pages(publish_site):
        tree = parse(file)
        manifest = tree.css_first('link[rel="manifest"]')
        touch = tree.css_first('link[rel="apple-touch-icon"]')
        assert manifest is not None and touch is not None, file
        assert manifest.attributes["href"] == SITE + "manifest.webmanifest"
        assert touch.attributes["href"] == SITE + "apple-touch-icon.png"
    manifest = json.loads((publish_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["short_name"] == "FPII NTB" and manifest["lang"] == "id" and manifest["theme_color"] == "#9b1c1c"
    sizes = set()
    for icon in manifest["icons"]:
        with Image.open(publish_site / icon["src"]) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"] and image.format == "PNG"
            sizes.add(image.width)
    with Image.open(publish_site / "apple-touch-icon.png") as image:
        assert image.size == (180, 180)
    assert {180, 512} <= sizes


# --- feeds --------------------------------------------------------------------------------------------


def listing_pages(site: Path):
    yield from ((f"kategori/{s}/", f"feeds/kategori/{s}.atom.xml") for s in category_slugs())
    yield from ((f"wilayah/{s}/", f"feeds/wilayah/{s}.atom.xml") for s in region_slugs(site))
    yield from ((f"penulis/{s}/", f"feeds/penulis/{s}.atom.xml") for s in reporter_slugs())


def test_every_rubric_region_and_reporter_page_links_a_feed_of_its_own(publish_site):
    checked = 0
    for path, feed in listing_pages(publish_site):
        tree = page(publish_site, path)
        own = SITE + feed
        alternates = [link.attributes.get("href") for link in tree.css('link[rel="alternate"][type="application/atom+xml"]')]
        assert own in alternates, f"{path}: no <link rel=alternate> to {own} ({alternates})"
        visible = tree.css_first("main .feed-link a")
        assert visible is not None and visible.attributes.get("href") == own, path
        assert (publish_site / feed).is_file(), feed
        checked += 1
    assert checked >= 25


def test_every_feed_parses_with_absolute_links_and_lead_images_under_2_mb(publish_site):
    feeds = sorted((publish_site / "feeds").rglob("*.xml"))
    assert len(feeds) >= 30
    photos = 0
    for feed in feeds:
        data = feed.read_bytes()
        assert len(data) < FEED_LIMIT, f"{feed.name}: {len(data):,} bytes"
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (feed.name, parsed.bozo_exception)
        assert parsed.entries, feed.name
        for entry in parsed.entries:
            assert entry.link.startswith(SITE), (feed.name, entry.link)
            article = parse(local(publish_site, entry.link))
            has_photo = article.css_first("figure.story-photo img") is not None
            media = entry.get("media_content", [])
            assert bool(media) == has_photo, (feed.name, entry.link)
            for item in media:
                assert item["url"].startswith(SITE) and local(publish_site, item["url"]).is_file(), item
                photos += 1
    assert photos


# --- structured data ------------------------------------------------------------------------------------


def test_every_news_article_has_an_image_that_exists(publish_site):
    articles = sorted((publish_site / "berita").glob("*/*/*/index.html"))
    assert len(articles) >= 30
    shared_card = 0
    for file in articles:
        [news] = of_type(parse(file), "NewsArticle")
        images = news["image"] if isinstance(news["image"], list) else [news["image"]]
        assert images, file
        for image in images:
            assert local(publish_site, image["url"]).is_file(), image
            shared_card += image["url"].endswith("fpii-share-card.png")
    assert shared_card == 0  # every story has its own picture: its photo, or its drawn card


def test_reporter_pages_describe_the_person_and_the_region_covered(publish_site):
    for slug in reporter_slugs():
        data = tomllib.loads((DATA / "authors" / f"{slug}.toml").read_text())
        tree = page(publish_site, f"penulis/{slug}/")
        [person] = [p for p in of_type(tree, "Person") if p.get("url") == SITE + f"penulis/{slug}/"]
        assert person["name"] == data["name"] and person["jobTitle"] == data["role"]
        if data.get("region"):
            area = person.get("workLocation") or person.get("areaServed")
            assert area["url"] == SITE + f"wilayah/{data['region']}/" and local(publish_site, area["url"]).is_file()
        if data.get("photo"):
            assert local(publish_site, person["image"]["url"]).is_file()


def test_home_names_the_news_organization_and_its_policy_pages(publish_site):
    [org] = of_type(page(publish_site, ""), "NewsMediaOrganization")
    expected = {"masthead": "redaksi", "ethicsPolicy": "kode-etik-jurnalistik",
                "correctionsPolicy": "koreksi-dan-hak-jawab"}
    for prop, slug in expected.items():
        assert org[prop] == SITE + f"{slug}/" and local(publish_site, org[prop]).is_file(), prop
    assert org["contactPoint"]["url"] == SITE + "kontak/" and local(publish_site, org["contactPoint"]["url"]).is_file()
    assert org["url"] == SITE and org["logo"]["url"].endswith(".png")


@pytest.mark.parametrize("path", ["kategori/ekonomi/", "wilayah/dompu/", "penulis/nurfitriani/", "topik/banjir/",
                                  "wilayah/kota-mataram/"])
def test_listing_pages_have_a_breadcrumb_trail(publish_site, path):
    tree = page(publish_site, path)
    [crumbs] = of_type(tree, "BreadcrumbList")
    items = crumbs["itemListElement"]
    assert items[0] == {"@type": "ListItem", "position": 1, "name": "Beranda", "item": SITE}
    assert [i["position"] for i in items] == list(range(1, len(items) + 1))
    assert "item" not in items[-1] and items[-1]["name"] == tree.css_first("main h1").text(deep=False).strip()
    for item in items[:-1]:
        assert local(publish_site, item["item"]).is_file()


# --- sitemaps --------------------------------------------------------------------------------------------


def test_robots_names_both_sitemaps_and_the_news_sitemap_is_valid(publish_site):
    robots = (publish_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SITE}sitemap.xml" in robots and f"Sitemap: {SITE}sitemap-news.xml" in robots
    root = etree.parse(str(publish_site / "sitemap-news.xml")).getroot()
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    now = datetime.datetime.now(datetime.UTC)
    for url in root.iterfind("sm:url", ns):
        loc = url.findtext("sm:loc", namespaces=ns)
        assert loc.startswith(SITE + "berita/") and local(publish_site, loc).is_file()
        when = datetime.datetime.fromisoformat(url.findtext("news:news/news:publication_date", namespaces=ns))
        assert now - datetime.timedelta(days=2) <= when <= now
        assert url.findtext("news:news/news:publication/news:language", namespaces=ns) == "id"
        assert url.findtext("news:news/news:title", namespaces=ns)


# --- the search page -------------------------------------------------------------------------------------


def test_search_page_hands_its_script_every_word_in_indonesian(publish_site):
    tree = page(publish_site, "cari/")
    results = tree.css_first("#hasil-cari")
    attrs = results.attributes
    assert attrs["data-pagefind"] == SITE + "pagefind/pagefind.js" and (publish_site / "pagefind/pagefind.js").is_file()
    assert attrs["data-timezone"] == "Asia/Makassar" and attrs["data-zone-abbr"] == "WITA"
    assert attrs["data-text-searching"] == "Mencari…"
    assert attrs["data-text-none"].startswith("Tidak ada berita") and "{query}" in attrs["data-text-none"]
    assert attrs["data-text-error"].startswith("Pencarian tidak dapat dimuat")
    regions = [o.attributes.get("value") for o in tree.css("select[name=wilayah] option")]
    rubrics = [o.attributes.get("value") for o in tree.css("select[name=rubrik] option")]
    assert regions[0] == "" and len(regions) == len(region_slugs(publish_site)) + 1
    assert rubrics[0] == "" and len(rubrics) == len(category_slugs()) + 1
    scripts = [s.attributes["src"] for s in tree.css("script[src]")]
    assert SITE + "theme/js/search.js" in scripts and not tree.css("script:not([src]):not([type='application/ld+json'])")

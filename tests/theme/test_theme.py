"""The theme: what readers get on the built pages, the UI catalog, and the size of the assets.

Uses the session builds of tests/conftest.py (`publish_site`, `dev_site`); the browser gates
(axe, vnu, Lighthouse, overflow) live in tests/quality.
"""

from __future__ import annotations

import datetime
import gzip
import json
import re
import shutil
import subprocess
import sys
import zoneinfo
from collections import Counter

import pytest
from babel.messages.pofile import read_po

from tests.helpers import ROOT, build_site, chapter, chapter_settings, page, parse

THEME = ROOT / "theme"
SITE = chapter_settings()["SITEURL"] + "/"
# The site's UTC offset (the chapter's time zone, site.toml), as every datetime attribute carries it.
OFFSET = datetime.datetime.now(zoneinfo.ZoneInfo(chapter_settings()["TIMEZONE"])).isoformat()[-6:]
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}" + re.escape(OFFSET) + "$")


def published_stories(site) -> list:
    return sorted((site / "berita").glob("*/*/*/index.html"), reverse=True)


def newest_article(site) -> str:
    """URL path of the newest article with a lead photo (the richest page), else the newest one."""
    stories = published_stories(site)
    assert stories, "no published story"
    with_photo = [i for i in stories if parse(i).css_first("figure.story-photo img")]
    return (with_photo or stories)[0].parent.relative_to(site).as_posix() + "/"


# --- catalog and assets ------------------------------------------------------------------------


def _ids(path):
    with path.open("rb") as fh:
        catalog = read_po(fh)
    return catalog, {m.id for m in catalog if m.id}


def test_catalog_is_complete_and_matches_the_templates(tmp_path):
    pot = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(THEME / "babel.cfg"),
         "-o", str(pot), str(THEME)],
        check=True, cwd=ROOT, capture_output=True,
    )
    _, fresh = _ids(pot)
    _, kept = _ids(THEME / "translations" / "messages.pot")
    catalog, translated = _ids(THEME / "translations" / "id" / "LC_MESSAGES" / "messages.po")
    assert fresh == kept, f"messages.pot is stale: run `invoke translations` ({fresh ^ kept})"
    assert fresh == translated, f"messages.po differs from the templates: {fresh ^ translated}"
    for m in catalog:
        if not m.id:
            continue
        assert not m.fuzzy, f"fuzzy translation: {m.id!r}"
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(s.strip() for s in strings), f"untranslated: {m.id!r}"
    assert not list(THEME.rglob("*.mo")), "compiled catalogs are made at build time, not kept"


def test_one_small_stylesheet_and_one_tiny_script():
    css = (THEME / "static/css/main.css").read_bytes()
    js = (THEME / "static/js/main.js").read_bytes()
    assert len(gzip.compress(css, 9)) < 12_000
    assert len(gzip.compress(js, 9)) < 2_000
    assert not re.search(rb"@import|url\(\s*['\"]?(https?:)?//", css), "no other stylesheet, no remote file"
    assert b"prefers-color-scheme: dark" in css and b"color-scheme: light dark" in css and b"@media print" in css
    for template in (THEME / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert 'type="text/css"' not in text and "http://" not in text, template


# --- every page ----------------------------------------------------------------------------------


def test_every_page_has_the_basics(publish_site):
    titles = Counter()
    for file in sorted(publish_site.rglob("*.html")):
        rel = file.relative_to(publish_site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        tree = parse(file)
        assert tree.css_first("html").attributes.get("lang") == chapter_settings()["DEFAULT_LANG"], rel
        assert len(tree.css("h1")) == 1, f"{rel}: one <h1>"
        for landmark in ("header", "nav", "main", "footer"):
            assert tree.css_first(landmark) is not None, f"{rel}: <{landmark}>"
        assert tree.css_first('a.skip[href="#isi"]') and tree.css_first("main#isi"), rel
        desc = tree.css_first('meta[name="description"]')
        assert desc is not None and desc.attributes.get("content", "").strip(), f"{rel}: meta description"
        assert tree.css_first('meta[name="viewport"]') is not None, rel
        if rel != "404.html":
            canonical = tree.css_first('link[rel="canonical"]').attributes["href"]
            expected = SITE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
            assert canonical == expected, rel
        titles[tree.css_first("title").text()] += 1
        ids = [n.attributes["id"] for n in tree.css("[id]")]
        assert len(ids) == len(set(ids)), f"{rel}: duplicate ids"
        for t in tree.css("time"):
            assert ISO.match(t.attributes.get("datetime", "")), f"{rel}: {t.html}"
        # main.css, the identity's colours (css/identity.css), and on the search page search.css
        assert len(tree.css('link[rel="stylesheet"]')) == (3 if rel.startswith("cari/") else 2), rel
    assert [t for t, n in titles.items() if n > 1] == [], "every <title> is unique"


def test_footer_links_every_standing_page(publish_site):
    footer = page(publish_site, "").css_first("footer")
    hrefs = {a.attributes.get("href") for a in footer.css("a")}
    for slug in ("tentang-kami", "redaksi", "pedoman-media-siber", "kontak"):
        assert SITE + f"{slug}/" in hrefs


def test_shared_pieces_mark_each_page_itself(publish_site):
    """The menu and the footer are rendered once per marked item and reused (fragments.py): every
    rubric's page still marks its own menu item, every standing page its own footer link, and a
    page that is neither marks nothing."""
    for rubric in chapter().rubrics:
        tree = page(publish_site, f"kategori/{rubric['slug']}/")
        marked = {(a.attributes["href"], a.attributes["aria-current"]) for a in tree.css("header a[aria-current]")}
        assert marked == {(SITE + f"kategori/{rubric['slug']}/", "page")}
        assert tree.css("footer a[aria-current]") == []
    standing = [a.attributes["href"] for a in page(publish_site, "").css('footer nav[aria-labelledby="kaki-tentang-h"] a')]
    assert standing and all(href.startswith(SITE) for href in standing)
    for href in standing:
        tree = page(publish_site, href[len(SITE):])
        assert [a.attributes["href"] for a in tree.css("footer a[aria-current]")] == [href]


# --- home -----------------------------------------------------------------------------------------


def test_home_has_headline_latest_rubrics_and_every_region(publish_site):
    from newsroom.settings import DEFAULTS

    tree = page(publish_site, "")
    stories = len(published_stories(publish_site))
    assert tree.css_first(".lead-story h2 a[href*='/berita/']") is not None
    assert len(tree.css(".home-latest .card")) == min(DEFAULTS["HOME_LATEST"], stories - 1)
    # One block per rubric that has a story.
    newsroom = chapter()
    with_stories = [c for c in newsroom.rubrics
                    if page(publish_site, f"kategori/{c['slug']}/").css_first("main .card, main article")]
    blocks = {a.attributes["href"] for a in tree.css(".blocks .block h2 a[href*='/kategori/']")}
    assert blocks == {SITE + f"kategori/{c['slug']}/" for c in with_stories}
    region_links = {a.attributes["href"] for a in tree.css(".region-index a")}
    assert region_links == {SITE + f"wilayah/{r['slug']}/" for r in newsroom.regions}
    lead_img = tree.css_first(".lead-story img")
    if lead_img is not None:
        assert lead_img.attributes.get("fetchpriority") == "high" and "loading" not in lead_img.attributes


def test_later_home_pages_are_plain_lists_with_numbered_pages(publish_site):
    from pelicanconf import DEFAULT_PAGINATION

    if len(published_stories(publish_site)) <= DEFAULT_PAGINATION:  # one page: no page 2 to link
        assert not (publish_site / "halaman/2").exists() and not page(publish_site, "").css_first("nav.pagination")
        return
    tree = page(publish_site, "halaman/2/")
    assert tree.css(".cards .card")
    nav = tree.css_first("nav.pagination")
    current = nav.css_first('a[aria-current="page"]')
    assert current.attributes["href"] == SITE + "halaman/2/"
    assert nav.css_first('a[rel="prev"]').attributes["href"] == SITE  # the home page, not index.html


# --- article ----------------------------------------------------------------------------------------


def test_article_page(publish_site):
    path = newest_article(publish_site)
    tree = page(publish_site, path)
    crumbs = tree.css("nav.crumbs li")
    assert crumbs[0].css_first("a").attributes["href"] == SITE and len(crumbs) == 3
    assert crumbs[-1].css_first('[aria-current="page"]') is not None
    story = tree.css_first("article.story")
    img = story.css_first("figure.story-photo img")
    if any("\nImage:" in p.read_text(encoding="utf-8").split("\n\n")[0] for p in (ROOT / "content/berita").rglob("*.md")):
        assert img is not None, "stories have photos, yet no published page shows one"
    if img is not None:
        for attr in ("src", "srcset", "sizes", "width", "height", "alt"):
            assert img.attributes.get(attr), attr
        assert img.attributes.get("fetchpriority") == "high"
    byline = story.css_first(".byline")
    assert byline.css_first("a[href*='/penulis/']") and byline.css_first("a[href*='/wilayah/']")
    assert byline.css_first("a[href*='/kategori/']")
    assert ISO.match(byline.css_first("time").attributes["datetime"])
    assert byline.css_first("time").text().endswith(chapter().timezone_abbr)
    body = story.css_first(".story-body")
    first = next(body.iter())  # the first element inside the story
    assert first.attributes.get("class") == "dateline" and first.css_first("strong").text().isupper()
    assert first.next.text().startswith(" – ") or first.text().endswith("– ")
    signoff = story.css_first(".signoff")  # "(Adb)": the editor's sign-off ends the story
    if signoff is not None:  # only stories with an Editor field have one
        assert re.fullmatch(r"\(\w+\)", signoff.text()) and signoff.css_first("abbr").attributes["title"]
    shares = story.css(".share-list a")
    assert shares[0].attributes["class"].endswith("share-whatsapp")
    assert [s.attributes["class"].split("share-")[-1] for s in shares] == ["whatsapp", "facebook", "x", "telegram", "email"]
    copy = story.css_first("[data-copy]")
    assert "hidden" in copy.parent.attributes, "copy link hidden until main.js shows it"
    assert len(tree.css("script[src]")) == 1 and "defer" in tree.css_first("script[src]").attributes
    news = [json.loads(s.text()) for s in tree.css('script[type="application/ld+json"]')]
    article = next(n for n in news if n.get("@type") == "NewsArticle")
    assert article["datePublished"].endswith(OFFSET) and article["author"]
    assert tree.css_first('meta[property="og:type"]').attributes["content"] == "article"


def test_draft_banner_in_development(tmp_path):
    """A draft of the chapter's own (written here, whatever the content holds) is marked."""
    from tests.security.conftest import basic_fields, wita_now, write_article

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    write_article(content, wita_now() - datetime.timedelta(days=1), "draf-uji-banner",
                  {**basic_fields(chapter(), "Draf Uji Banner"), "Status": "draft"})
    out = build_site("pelicanconf.py", tmp_path / "out", content=content)
    drafts = [out / "drafts/draf-uji-banner/index.html"]
    banner = parse(drafts[0]).css_first(".state-banner")
    assert banner is not None and "DRAF — belum terbit" in banner.text()
    assert parse(drafts[0]).css_first('meta[name="robots"][content="noindex"]') is not None


# --- listings -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["wilayah/", "penulis/", "kategori/", "topik/", "arsip/"])
def test_index_pages_list_something(publish_site, path):
    newsroom = chapter()
    listed = {"wilayah/": len(newsroom.regions), "penulis/": len(newsroom.reporters),
              "kategori/": len(newsroom.rubrics), "topik/": 1, "arsip/": 1}[path]
    tree = page(publish_site, path)
    assert len(tree.css("main a")) >= listed >= 1


def test_listing_cards_have_lazy_sized_photos(publish_site):
    newsroom = chapter()
    for path in [*(f"kategori/{c['slug']}/" for c in newsroom.rubrics), *(f"wilayah/{r['slug']}/" for r in newsroom.regions)]:
        for img in page(publish_site, path).css(".card img"):
            assert img.attributes.get("loading") == "lazy"
            assert img.attributes.get("width") and img.attributes.get("height")


def test_the_menu_marks_the_current_page_from_the_templates_blocks(publish_site):
    """base.html reads a page's `nav_current` / `nav_state` blocks: the home page marks the brand and
    the Home item, a rubric's page its menu item as the page, a story its rubric as "true", other
    pages (404) nothing."""
    home = page(publish_site, "")
    assert home.css_first("a.brand").attributes.get("aria-current") == "page"
    assert {a.attributes["href"] for a in home.css("header a[aria-current]")} == {SITE}
    rubric = chapter().rubrics[0]
    listing = page(publish_site, f"kategori/{rubric['slug']}/")
    marked = {(a.attributes["href"], a.attributes["aria-current"]) for a in listing.css("header a[aria-current]")}
    assert marked == {(SITE + f"kategori/{rubric['slug']}/", "page")}
    story = page(publish_site, newest_article(publish_site))
    section = story.css_first('meta[property="article:section"]')
    marked = {a.attributes["aria-current"] for a in story.css("header a[aria-current]")}
    assert marked == ({"true"} if section is not None else set())
    for a in story.css("header a[aria-current]"):
        assert a.text().strip() == section.attributes["content"]
    missing = parse(publish_site / "404.html")
    assert missing.css("header a[aria-current]") == [] and missing.css_first('link[rel="canonical"]') is None
    assert missing.css_first('meta[property="og:type"]').attributes["content"] == "website"


def test_404_helps(publish_site):
    tree = parse(publish_site / "404.html")
    form = tree.css_first("form[role='search']")
    assert form.attributes["action"] == SITE + "cari/" and form.attributes.get("method") == "get"
    assert form.css_first("input[name='q']") is not None
    assert tree.css_first("a[href*='/kategori/']") and tree.css_first("a[href*='/wilayah/']")
    assert tree.css_first("a[href*='/berita/']")


def test_every_page_has_a_link_preview_picture_that_exists(publish_site):
    for path in publish_site.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        node = parse(path).css_first('meta[property="og:image"]')
        assert node is not None, path
        url = node.attributes["content"]
        assert url.startswith(SITE), (path, url)
        assert (publish_site / url.removeprefix(SITE)).is_file(), (path, url)

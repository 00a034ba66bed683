"""The gates' own tests: each gate passes a small good site and fails a deliberately broken one.

Without these a gate could pass vacuously (a selector that matches nothing, a validator that
checked no file). They use tiny hand-written sites, not the real build.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.quality import checks
from tests.quality.checks import SITE_OFFSET, SITE_URL

ARTICLE = "berita/2024/08/banjir-bima/"
OLDER = "berita/2024/07/panen-raya/"
HEAD = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — FPII NTB</title>
<link rel="stylesheet" href="{base}/theme/site.css">
{extra_head}
</head>
<body>
<header><a href="{base}/">FPII NTB</a>
<nav aria-label="Menu utama"><ul>
<li><a href="{base}/kategori/politik/">Politik</a></li>
<li><a href="{base}/kategori/ekonomi/">Ekonomi</a></li>
<li><a href="{base}/wilayah/">Wilayah</a></li>
</ul></nav></header>
<main>
{main}
</main>
</body>
</html>
"""
CSS = (
    "body { font: 16px/1.5 sans-serif; color: #1a1a1a; background: #fff; margin: 0 }\n"
    "main { padding: 1rem }\n"
)
JSONLD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
    f'"headline": "Banjir di Bima", "datePublished": "2024-08-20T12:40:00{SITE_OFFSET}", '
    '"author": [{"@type": "Person", "name": "Baiq Nurul"}]}</script>'
)
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>FPII NTB</title><link href="{site}/" rel="alternate"/>
<id>{site}/</id><updated>2024-08-20T12:40:00+08:00</updated>
<entry><title>Banjir di Bima</title><link href="{link}" rel="alternate"/>
<id>tag:ntb.fpii.or.id,2024-08-20:/{article}</id><updated>2024-08-20T12:40:00+08:00</updated>
<author><name>Baiq Nurul</name></author><summary>Ringkasan.</summary></entry>
</feed>
"""
SITEMAP = """<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
{urls}</urlset>
"""


def article_html(base: str, title: str = "Banjir di Bima", body: str = "", extra_head: str = JSONLD) -> str:
    share = (
        f"https://wa.me/?text={base.replace(':', '%3A').replace('/', '%2F')}%2F{ARTICLE.replace('/', '%2F')}"
    )
    main = (
        f"<article><h1>{title}</h1>\n"
        f'<img src="{base}/foto/banjir.png" width="4" height="3" alt="Warga mengungsi">\n'
        f'<img src="{base}/foto/garis.png" width="4" height="1" alt="">\n'
        "<p>Hujan deras sejak Senin malam merendam tiga kecamatan.</p>\n"
        f'<p><a href="{share}">Bagikan ke WhatsApp</a></p>\n{body}</article>'
    )
    return HEAD.format(title=title, base=base, extra_head=extra_head, main=main)


def make_site(root: Path, base: str = SITE_URL) -> Path:
    """A tiny good site: home, two articles, a stylesheet, images, a feed and a sitemap."""
    home = (
        f'<h2><a href="{base}/{ARTICLE}">Banjir di Bima</a></h2>\n'
        f'<p><a href="{base}/{OLDER}">Panen raya</a> <a href="https://www.example.org/">Mitra</a></p>'
    )
    files = {
        "index.html": HEAD.format(title="Beranda", base=base, extra_head="", main=home),
        f"{ARTICLE}index.html": article_html(base),
        f"{OLDER}index.html": article_html(
            base, "Panen raya", extra_head=JSONLD.replace("2024-08-20", "2024-07-02")
        ),
        "theme/site.css": CSS,
        "feeds/semua.atom.xml": ATOM.format(site=base, link=f"{base}/{ARTICLE}", article=ARTICLE),
        "sitemap.xml": SITEMAP.format(
            urls="".join(f"<url><loc>{base}/{p}</loc></url>\n" for p in ("", ARTICLE, OLDER))
        ),
    }
    for name in ("kategori/politik/index.html", "kategori/ekonomi/index.html", "wilayah/index.html"):
        files[name] = HEAD.format(title="Daftar", base=base, extra_head="", main="<h1>Daftar</h1>")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "foto").mkdir(exist_ok=True)
    for name in ("banjir.png", "garis.png"):
        (root / "foto" / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path / "site")


# --- static gates ---------------------------------------------------------------------------------


def test_the_good_site_passes_every_static_gate(site):
    assert checks.third_party_problems(site) == []
    assert checks.broken_links(site) == []
    assert checks.image_problems(site) == []
    assert checks.jsonld_problems(site) == []
    assert checks.feed_problems(site / "feeds" / "semua.atom.xml") == []
    assert checks.sitemap_problems(site) == []
    assert checks.newest_article(site) == ARTICLE
    assert checks.page_path(site, "article") == ARTICLE
    total, _, problems = checks.page_weight(site, ARTICLE, SITE_URL)
    assert problems == [] and 0 < total < checks.GZIP_BUDGET


def test_third_party_gate_flags_cdn_fonts_and_embeds(site):
    page = site / ARTICLE / "index.html"
    edit(
        page,
        "</head>",
        '<script src="https://cdn.example.com/lib.js"></script>\n'
        '<link rel="preconnect" href="https://fonts.gstatic.com">\n</head>',
    )
    edit(
        page,
        'alt="Warga mengungsi">',
        'alt="Warga" srcset="//img.example.net/a.jpg 2x, /foto/banjir.png 1x">',
    )
    edit(
        site / "theme" / "site.css",
        "main {",
        "@import 'https://fonts.googleapis.com/css?family=X';\n"
        "h1 { background: url(https://ads.example.com/p.gif) }\nmain {",
    )
    problems = checks.third_party_problems(site)
    joined = "\n".join(problems)
    for needle in (
        "cdn.example.com",
        "fonts.gstatic.com",
        "//img.example.net",
        "fonts.googleapis.com",
        "ads.example.com",
    ):
        assert needle in joined, joined
    assert "example.org" not in joined  # a plain <a href> to another site is fine
    assert len(problems) == 5


def test_link_gate_flags_missing_pages_and_images(site):
    edit(
        site / "index.html",
        "</main>",
        f'<a href="{SITE_URL}/wilayah/tidak-ada/">x</a>'
        '<img src="foto/hilang.png" srcset="/foto/banjir.png 1x, /foto/hilang@2x.png 2x" '
        'width="1" height="1" alt="x">'
        "</main>",
    )
    edit(site / "theme" / "site.css", "main {", "h1 { background: url(../foto/latar.png) }\nmain {")
    broken = checks.broken_links(site)
    assert sorted(broken) == sorted(
        [
            f"/: <a href> {SITE_URL}/wilayah/tidak-ada/",
            "/: <img src> foto/hilang.png",
            "/: <img srcset> /foto/hilang@2x.png",
            "theme/site.css: url() ../foto/latar.png",
        ]
    ), broken


def test_srcset_and_css_url_parsing():
    assert checks.srcset_urls("a.jpg 1x, b.jpg 2x,c.jpg") == ["a.jpg", "b.jpg", "c.jpg"]
    assert checks.srcset_urls(" /f/x-320.jpg 320w,\n /f/x-640.jpg 640w ") == ["/f/x-320.jpg", "/f/x-640.jpg"]
    assert checks.css_urls("/* url(no.png) */ a{b:url( 'x.woff2' )} @import \"y.css\"; c{d:url(z.svg)}") == [
        "x.woff2",
        "z.svg",
        "y.css",
    ]


def test_budget_gate_counts_scripts_and_imported_css(site):
    rng = random.Random(1)
    noise = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(40_000))
    (site / "theme" / "app.js").write_text(f'const x = "{noise}";', encoding="utf-8")
    (site / "theme" / "extra.css").write_text(f"/* {noise[:5000]} */", encoding="utf-8")
    edit(site / "theme" / "site.css", "body {", '@import "extra.css";\nbody {')
    edit(
        site / ARTICLE / "index.html",
        "</head>",
        f'<script src="{SITE_URL}/theme/app.js" defer></script></head>',
    )
    total, breakdown, problems = checks.page_weight(site, ARTICLE, SITE_URL)
    assert problems == []
    assert total > checks.GZIP_BUDGET
    assert any("app.js" in line for line in breakdown) and any("extra.css" in line for line in breakdown)


def test_image_gate_flags_missing_size_and_alt(site):
    edit(
        site / ARTICLE / "index.html",
        "<p>Hujan",
        '<img src="/a.png" height="3" alt="A">'
        '<img src="/b.png" width="4" height="3"><img src="/c.png" width="4" height="3" alt=" ">'
        '<img src="/d.png" width="auto" height="3" alt="D"><p>Hujan',
    )
    problems = "\n".join(checks.image_problems(site))
    assert "/a.png> has no valid width" in problems
    assert "/b.png> has no alt attribute" in problems
    assert "/c.png> has a blank alt ' '" in problems
    assert "/d.png> has no valid width" in problems
    assert "garis.png" not in problems  # alt="" is a decorative image
    assert checks.decorative_images(site) == [f"{p}: {SITE_URL}/foto/garis.png" for p in (OLDER, ARTICLE)]


def test_jsonld_gate_flags_bad_json_and_incomplete_news_articles(site):
    edit(
        site / "index.html",
        "</head>",
        '<script type="application/ld+json">{"@type": "WebSite",}</script></head>',
    )
    edit(site / ARTICLE / "index.html", f"12:40:00{SITE_OFFSET}", "12:40:00-05:00")
    edit(site / OLDER / "index.html", '"author": [{"@type": "Person", "name": "Baiq Nurul"}]', '"author": []')
    problems = "\n".join(checks.jsonld_problems(site))
    assert "/: JSON-LD block 1 is not valid JSON" in problems
    assert (
        f"{ARTICLE}: NewsArticle datePublished '2024-08-20T12:40:00-05:00' does not end in {SITE_OFFSET}" in problems
    )
    assert f"{OLDER}: NewsArticle author [] is not a list of named authors" in problems
    edit(site / OLDER / "index.html", '"@type": "NewsArticle"', '"@type": "WebPage"')
    assert f"{OLDER}: no NewsArticle in the JSON-LD" in "\n".join(checks.jsonld_problems(site))


def test_feed_gate_flags_broken_empty_and_relative_feeds(site):
    feed = site / "feeds" / "semua.atom.xml"
    good = feed.read_text(encoding="utf-8")
    feed.write_text(good.replace(f"{SITE_URL}/{ARTICLE}", f"/{ARTICLE}"), encoding="utf-8")
    assert any("is not an absolute URL" in p for p in checks.feed_problems(feed))
    feed.write_text(good.replace("</feed>", ""), encoding="utf-8")
    assert any("not well-formed" in p for p in checks.feed_problems(feed))
    start, end = good.index("<entry>"), good.index("</entry>") + len("</entry>")
    feed.write_text(good[:start] + good[end:], encoding="utf-8")
    assert f"{feed.name}: no entries" in checks.feed_problems(feed)
    rss = site / "feeds" / "semua.rss.xml"
    rss.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<link>{SITE_URL}/</link><description>D</description><item><title>A &amp; B</title>"
        f"<link>{SITE_URL}/{ARTICLE}</link></item></channel></rss>",
        encoding="utf-8",
    )
    assert checks.feed_problems(rss) == []
    rss.write_text(rss.read_text().replace("&amp;", "&"), encoding="utf-8")
    assert checks.feed_problems(rss)


def test_sitemap_gate_flags_missing_articles_and_drafts(site):
    sitemap = site / "sitemap.xml"
    edit(
        sitemap,
        f"<url><loc>{SITE_URL}/{OLDER}</loc></url>",
        f"<url><loc>{SITE_URL}/drafts/rahasia/</loc></url>",
    )
    problems = checks.sitemap_problems(site)
    assert f"sitemap.xml does not list the article {SITE_URL}/{OLDER}" in problems
    assert f"sitemap.xml lists a draft: {SITE_URL}/drafts/rahasia/" in problems
    sitemap.write_text("<urlset>", encoding="utf-8")
    assert "not well-formed" in checks.sitemap_problems(site)[0]


def test_vnu_flags_invalid_html_and_css(site):
    # One run over the good site plus one broken page: errors in that page only (two JVM starts in all).
    bad = site / "rusak" / "index.html"
    bad.parent.mkdir()
    bad.write_text(
        '<!doctype html><html lang="id"><head><title>x</title></head><body>'
        '<p id="a">satu</div><span id="a">dua</span><img src="x.png"></body></html>',
        encoding="utf-8",
    )
    errors = checks.run_vnu(site, "html")
    assert errors and all(e.startswith("rusak/index.html:") for e in errors), errors
    assert any("Duplicate ID" in e for e in errors), errors
    (site / "theme" / "bad.css").write_text("body { colour: red; margin: 1pz }", encoding="utf-8")
    errors = checks.run_vnu(site, "css")
    assert errors and all(e.startswith("theme/bad.css:") for e in errors), errors


# --- browser gates --------------------------------------------------------------------------------

BAD_A11Y = """<!doctype html><html><head><meta charset="utf-8"><title>x</title>
<style>.pale { color: #bbb; background: #fff }
@media (prefers-color-scheme: dark) { .dark-bad { color: #222; background: #111 } }</style></head>
<body><main><h1>Judul</h1><img src="f.png" width="4" height="3"><p class="pale">Teks pucat</p>
<a href="/x"></a></main></body></html>"""
DARK_ONLY = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Gelap</title>
<style>p { color: #1a1a1a; background: #fff }
@media (prefers-color-scheme: dark) { p { color: #333; background: #111 } }</style></head>
<body><main><h1>Judul</h1><p>Teks biasa yang cukup panjang untuk diperiksa.</p></main></body></html>"""


@pytest.mark.browser
def test_axe_flags_a_broken_page_and_passes_a_good_one(serve_html, new_context):
    base, root = serve_html({"bad.html": BAD_A11Y, "dark.html": DARK_ONLY})
    make_site(root / "site", f"{base}/site")
    page = new_context().new_page()
    page.goto(f"{base}/bad.html")
    found = {v["id"] for v in checks.axe_violations(page)}
    assert {"html-has-lang", "image-alt", "color-contrast", "link-name"} <= found, found
    assert "image-alt [critical]" in "\n".join(checks.describe_violations(checks.axe_violations(page)))
    page.goto(f"{base}/site/{ARTICLE}")
    assert checks.axe_violations(page) == []
    page.goto(f"{base}/dark.html")
    assert checks.axe_violations(page) == []
    dark = new_context(color_scheme="dark").new_page()
    dark.goto(f"{base}/dark.html")
    assert "color-contrast" in {v["id"] for v in checks.axe_violations(dark)}


@pytest.mark.browser
def test_request_recorder_catches_third_party_requests(serve_html, new_context):
    base, root = serve_html(
        {
            "lazy.html": '<!doctype html><html lang="id"><title>x</title>'
            '<div style="height:5000px"></div><img loading="lazy" alt="x" width="1" height="1" '
            'src="https://tracker.example.com/p.gif"></html>'
        }
    )
    make_site(root / "site", f"{base}/site")
    requested, foreign = checks.foreign_requests(new_context(), f"{base}/site/{ARTICLE}", base)
    assert f"{base}/site/theme/site.css" in requested and foreign == []
    requested, foreign = checks.foreign_requests(new_context(), f"{base}/lazy.html", base)
    assert foreign == ["https://tracker.example.com/p.gif"]


@pytest.mark.browser
def test_overflow_check_catches_a_wide_element(serve_html, new_context):
    base, root = serve_html(
        {
            "wide.html": '<!doctype html><html lang="id"><title>x</title><body>'
            '<table><tr><td style="white-space:nowrap">' + "kata " * 200 + "</td></tr></table>"
        }
    )
    make_site(root / "site", f"{base}/site")
    page = new_context(viewport={"width": 390, "height": 800}).new_page()
    page.goto(f"{base}/wide.html")
    found = checks.overflow(page)
    assert found["scrollWidth"] > found["innerWidth"] == 390
    assert any(c.startswith("td") for c in found["culprits"]), found
    page.goto(f"{base}/site/{ARTICLE}")
    found = checks.overflow(page)
    assert found["scrollWidth"] <= found["innerWidth"], found


@pytest.mark.browser
def test_nojs_check_catches_content_that_needs_javascript(serve_html, new_context):
    base, root = serve_html({})
    make_site(root / "site", f"{base}/site")
    article, home = root / "site" / ARTICLE / "index.html", root / "site" / "index.html"

    def problems(path: str, kind: str) -> list[str]:
        page = new_context(java_script_enabled=False).new_page()  # a fresh context: no cached copy
        page.goto(f"{base}/site/{path}")
        return checks.nojs_problems(page, kind)

    assert problems(ARTICLE, "article") == []
    assert problems("", "home") == []
    edit(article, "?text=", "?text=Banjir%26nbsp%3Bdi%20Bima%20")
    assert ["carries an HTML entity" in p for p in problems(ARTICLE, "article")] == [True]
    edit(article, "<h1>", '<h1 class="js-only" style="display:none">')
    edit(article, '<nav aria-label="Menu utama">', '<nav aria-label="Menu utama" hidden>')
    edit(article, '<p><a href="https://wa.me', '<p hidden><a href="https://wa.me')
    found = "\n".join(problems(ARTICLE, "article"))
    assert "no visible <h1>" in found and "shows 0 link(s)" in found and "share link hidden" in found, found
    edit(home, "<h2>", '<h2 style="display:none">')
    assert "no visible headline" in "\n".join(problems("", "home"))

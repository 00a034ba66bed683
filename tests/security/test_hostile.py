"""Hostile text stays text: what readers, feed readers, search engines and link previews get
when an article and a reporter profile are full of markup (tests/security/hostile/).

The site is the sample content plus the hostile files, published with publishconf.py in a
subprocess and served on 127.0.0.1 (the `hostile_site` fixture of conftest.py).
"""

from __future__ import annotations

import re

import feedparser
import pytest
from lxml import etree

from tests.quality.checks import html_files, report, url_path
from tests.security.conftest import lines_naming
from tests.security.pages import (
    active_markup,
    csp_directives,
    csp_problems,
    host_of,
    jsonld,
    jsonld_nodes,
    normalise,
    parse_headers_file,
    parse_html,
    read_page,
    types,
)

ATOM = "{http://www.w3.org/2005/Atom}"
# What a removal report must name, one pattern per kind of markup the hostile body carries.
REMOVALS = {
    "script element": r"\bscript\b",
    "on* handler": r"\bon(click|error|mouseover)\b",
    "javascript: link": r"\bjavascript\b",
    "iframe from another site": r"\biframe\b",
    "style attribute": r"\bstyle\b",
    "form": r"\bform\b",
    "input": r"\binput\b",
    "object": r"\bobject\b",
    "embed": r"\bembed\b",
    "image from another host": r"evil\.example",
}


# --- the build --------------------------------------------------------------------------------------


def test_build_succeeds_and_names_every_removal(hostile_site):
    """The strict publish build of the hostile story still publishes (exit 0), and the editor sees
    a warning under "Warnings", naming the story's file, for each kind of markup that was removed."""
    build = hostile_site.build
    assert build.returncode == 0, f"the publish build failed:\n{build.describe()}"
    assert "Traceback" not in build.text, build.describe()
    assert "Warnings (" in build.text, f"no 'Warnings' heading in the build output:\n{build.describe()}"
    mine = lines_naming(build.warnings, hostile_site.article_file)
    assert mine, report(f"no warning names {hostile_site.article_file}", build.warnings)
    assert all("removed" in line for line in mine), report("warnings that do not say what was removed", mine)
    missing = [kind for kind, pattern in REMOVALS.items()
               if not any(re.search(pattern, line, re.I) for line in mine)]
    assert not missing, report(f"removals not reported for {hostile_site.article_file}", missing) + "\n" + "\n".join(mine)


def _body(tree):
    """The element that holds the story's text: the parent of its opening paragraph."""
    opening = next((p for p in tree.css("p") if "Qwertibadan" in p.text(deep=True)), None)
    assert opening is not None, "the story's opening paragraph is not on its page"
    return opening.parent


# --- the pages, read from disk -----------------------------------------------------------------------


def test_no_built_page_carries_active_markup(hostile_built):
    """No page of the site (article, listings, reporter, topic, archive, 404, ...) contains a
    script, an event handler, a javascript: link, a style attribute, a frame other than an allowed
    embed, a plugin, a <base> or an image from another site: hostile text never became markup."""
    problems = []
    for file in html_files(hostile_built.out):
        tree = parse_html(file.read_text(encoding="utf-8"))
        problems += [f"/{url_path(hostile_built.out, file)}: {p}" for p in active_markup(tree)]
    assert not problems, report("active markup in built pages", problems)


def test_article_body_keeps_its_text_and_loses_its_markup(hostile_built):
    """On the hostile story's page the reader still reads the text around the removed markup
    (paragraphs, link texts), but no form, field or button from the body remains."""
    tree = read_page(hostile_built.out, hostile_built.paths["article"])
    text = normalise(tree.body.text(deep=True))
    for sentence in ("Paragraf pembuka Qwertibadan", "Paragraf bergaya tetap terbaca.",
                     "Tautan Markdown jahat", "tautan HTML jahat", "Paragraf penutup tanpa apa-apa."):
        assert sentence in text, f"the body text {sentence!r} is missing from the page"
    body = _body(tree)
    leftovers = [n.tag for n in body.css("form, input, button, textarea, select, svg, math")]
    assert not leftovers, f"body markup left in the article: {leftovers}"
    assert "alert(" not in normalise(body.text(deep=True)), "script text from the body is shown as text"


def test_allowed_youtube_embed_is_rewritten(hostile_built):
    """The YouTube video the reporter pasted is on the page as the privacy-friendly player
    (youtube-nocookie.com), in an embed wrapper, with a title and lazy loading."""
    tree = read_page(hostile_built.out, hostile_built.paths["article"])
    frames = tree.css("iframe")
    assert len(frames) == 1, f"want exactly the YouTube embed, found {[f.attributes.get('src') for f in frames]}"
    frame = frames[0]
    src = frame.attributes.get("src") or ""
    assert src.startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"), src
    assert (frame.attributes.get("title") or "").strip(), "the embed has no title"
    assert frame.attributes.get("loading") == "lazy"
    wrapper = frame.parent
    assert wrapper.tag == "div" and "embed" in (wrapper.attributes.get("class") or "").split(), wrapper.html


def test_links_to_other_sites_get_noopener(hostile_built):
    """Every link in the story's text that leads to another site carries rel="noopener"."""
    tree = read_page(hostile_built.out, hostile_built.paths["article"])
    body = _body(tree)
    external = [a for a in body.css("a[href]") if host_of(a.attributes.get("href")) not in (None, "127.0.0.1")]
    assert any("contoh-luar.example" in a.attributes["href"] for a in external), "the body's outside link is gone"
    bad = [a.attributes["href"] for a in external if "noopener" not in (a.attributes.get("rel") or "").split()]
    assert not bad, report("links to other sites without rel=noopener", bad)


def test_link_preview_shows_the_typed_title(hostile_built):
    """A link preview (WhatsApp, Facebook) of the story shows the headline as typed: og:title is
    the literal title, and the browser tab title starts with it."""
    tree = read_page(hostile_built.out, hostile_built.paths["article"])
    typed = hostile_built.typed
    og = tree.css_first('meta[property="og:title"]')
    assert og is not None, "no og:title"
    assert normalise(og.attributes.get("content")) == normalise(typed.title)
    title = normalise(tree.css_first("title").text())
    assert title.startswith(normalise(typed.title)), f"<title> {title!r}"
    alt = [img.attributes.get("alt") for img in tree.css("img[alt]") if "Qwertialt" in (img.attributes.get("alt") or "")]
    assert alt == [typed.imagealt], f"the photo's alt text is {alt!r}, typed {typed.imagealt!r}"


def test_summary_is_shown_as_typed(hostile_built):
    """The Summary is text too: the story's standfirst, the home page's lead summary and the
    link-preview description show what the reporter typed, markup characters included, rather
    than a cleaned-up version of it as HTML."""
    site = hostile_built
    typed = normalise(site.typed.summary)
    problems = []
    article = read_page(site.out, site.paths["article"])
    shown = [normalise(n.text(deep=True)) for n in article.css("p, div") if "Qwertiringkasan" in n.text(deep=False)]
    if typed not in shown:
        problems.append(f"article page shows the summary as {shown!r}")
    home = read_page(site.out, "")
    shown = [normalise(n.text(deep=True)) for n in home.css("p, div") if "Qwertiringkasan" in n.text(deep=False)]
    if typed not in shown:
        problems.append(f"home page shows the summary as {shown!r}")
    og = article.css_first('meta[property="og:description"]')
    if og is None or normalise(og.attributes.get("content")) != typed:
        problems.append(f"og:description is {og.attributes.get('content') if og else None!r}")
    assert not problems, report(f"the Summary as typed is {typed!r}", problems)


def test_jsonld_states_the_typed_headline_and_reporter(hostile_built):
    """Search engines get the headline and the reporter's name and role exactly as typed, in
    JSON-LD that strict json.loads accepts."""
    tree = read_page(hostile_built.out, hostile_built.paths["article"])
    typed = hostile_built.typed
    blocks = jsonld(tree)  # strict: an invalid block raises here
    assert blocks, "no JSON-LD on the article page"
    news = [n for n in jsonld_nodes(tree) if "NewsArticle" in types(n)]
    assert news, "no NewsArticle"
    node = news[0]
    assert normalise(node.get("headline")) == normalise(typed.title)
    authors = node.get("author")
    authors = [authors] if isinstance(authors, dict) else authors
    assert [normalise(a.get("name")) for a in authors] == [normalise(typed.name)]
    assert normalise(authors[0].get("jobTitle", typed.role)) == normalise(typed.role)
    crumbs = [n for n in jsonld_nodes(tree) if "BreadcrumbList" in types(n)]
    if crumbs:
        last = crumbs[0]["itemListElement"][-1]
        assert normalise(last.get("name")) == normalise(typed.title)
    for script in tree.css('script[type="application/ld+json"]'):
        raw = script.text(deep=True)
        assert "</" not in raw and "<!--" not in raw, "JSON-LD text could end its <script> early"


def _feeds(site) -> dict[str, str]:
    return {
        "all-atom": "feeds/semua.atom.xml",
        "all-rss": "feeds/semua.rss.xml",
        "category-atom": f"feeds/kategori/{site.category['slug']}.atom.xml",
        "region-atom": f"feeds/wilayah/{site.region['slug']}.atom.xml",
    }


@pytest.mark.parametrize("feed", ["all-atom", "all-rss", "category-atom", "region-atom"])
def test_feed_shows_the_typed_title(hostile_built, feed):
    """A feed reader gets the hostile story with its headline exactly as typed (plain text), the
    feed parses cleanly (feedparser bozo 0), and the story's HTML in the feed is as clean as the page."""
    site = hostile_built
    path = site.out / _feeds(site)[feed]
    assert path.is_file(), f"{path.relative_to(site.out)} was not built"
    data = path.read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, f"feedparser: {parsed.bozo_exception!r}"
    url = f"{site.base}/{site.paths['article']}"
    root = etree.fromstring(data)
    if feed.endswith("atom"):
        entries = [e for e in parsed.entries if e.get("link") == url]
        assert entries, f"the hostile story ({url}) is not in {path.name}"
        assert normalise(entries[0].title) == normalise(site.typed.title)
        names = [normalise(a.get("name")) for a in entries[0].get("authors", [])]
        assert normalise(site.typed.name) in names, f"author names {names}"
        raw = [e for e in root.iter(f"{ATOM}entry") if any(l.get("href") == url for l in e.iter(f"{ATOM}link"))]
        fragments = [x.text or "" for e in raw for x in (e.find(f"{ATOM}content"), e.find(f"{ATOM}summary")) if x is not None]
        raw_title = raw[0].find(f"{ATOM}title")
        assert raw_title.get("type", "text") == "text", "an Atom title of type html would be read as markup"
        assert normalise(raw_title.text) == normalise(site.typed.title)
    else:
        items = [i for i in root.iter("item") if (i.findtext("link") or "").strip() == url]
        assert items, f"the hostile story ({url}) is not in {path.name}"
        # RSS titles are plain text: the XML text of <title> is what was typed.
        assert normalise(items[0].findtext("title")) == normalise(site.typed.title)
        entries = [e for e in parsed.entries if e.get("link") == url]
        assert entries and normalise(entries[0].title) == normalise(site.typed.title)
        fragments = [items[0].findtext("description") or ""]
    problems = [p for fragment in fragments for p in active_markup(parse_html(fragment))]
    assert not problems, report(f"active markup in the story's HTML in {path.name}", problems)


# --- policy ---------------------------------------------------------------------------------------------


def test_every_page_has_the_content_security_policy(hostile_built):
    """Every HTML page carries the CSP as a <meta> before anything it governs, and a referrer
    policy: script only from the site (plus WebAssembly for search), no inline script or eval, no
    plugins, no <base> or form posting elsewhere, frames only from the embed hosts."""
    problems = []
    for file in html_files(hostile_built.out):
        where = "/" + url_path(hostile_built.out, file)
        tree = parse_html(file.read_text(encoding="utf-8"))
        metas = [m for m in tree.css("meta[http-equiv]")
                 if (m.attributes.get("http-equiv") or "").lower() == "content-security-policy"]
        if len(metas) != 1:
            problems.append(f"{where}: {len(metas)} CSP <meta> elements, want 1")
            continue
        meta = metas[0]
        if meta.parent is None or meta.parent.tag != "head":
            problems.append(f"{where}: the CSP <meta> is not in <head>")
        problems += csp_problems(meta.attributes.get("content") or "", where)
        before = []
        for node in tree.head.iter() if tree.head else []:
            if node.tag == "meta" and (node.attributes.get("http-equiv") or "").lower() == "content-security-policy":
                break
            if node.tag in ("script", "link", "style", "base"):
                before.append(node.tag)
        if before:
            problems.append(f"{where}: {before} come before the CSP <meta>, which does not govern them")
        referrer = tree.css_first('meta[name="referrer"]')
        if referrer is None or not (referrer.attributes.get("content") or "").strip():
            problems.append(f"{where}: no <meta name=referrer>")
        elif referrer.attributes["content"].strip().lower() in ("unsafe-url", "no-referrer-when-downgrade"):
            problems.append(f"{where}: referrer policy {referrer.attributes['content']!r} leaks full URLs")
    assert not problems, report("Content Security Policy", problems)


def test_headers_file_sends_the_same_policy(hostile_built):
    """Hosts that read `_headers` send the same policy as a real header, plus frame-ancestors,
    HSTS and nosniff, for every path."""
    path = hostile_built.out / "_headers"
    assert path.is_file(), "no _headers file in the output"
    blocks = parse_headers_file(path.read_text(encoding="utf-8"))
    assert "/*" in blocks, f"no '/*' block in _headers: {list(blocks)}"
    headers = blocks["/*"]
    policy = headers.get("content-security-policy")
    assert policy, f"_headers sends no Content-Security-Policy: {headers}"
    problems = csp_problems(policy, "_headers", meta=False)
    sent = csp_directives(policy)
    assert sent.get("frame-ancestors"), "_headers policy has no frame-ancestors"
    home = read_page(hostile_built.out, "")
    meta = csp_directives(home.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"])
    if {k: v for k, v in sent.items() if k != "frame-ancestors"} != meta:
        problems.append(f"_headers policy {sent} is not the pages' policy {meta} plus frame-ancestors")
    hsts = headers.get("strict-transport-security", "")
    match = re.search(r"max-age=(\d+)", hsts)
    if not match or int(match[1]) <= 0:
        problems.append(f"Strict-Transport-Security is {hsts!r}")
    if headers.get("x-content-type-options", "").lower() != "nosniff":
        problems.append(f"X-Content-Type-Options is {headers.get('x-content-type-options')!r}")
    assert not problems, report("_headers", problems)

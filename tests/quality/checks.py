"""The quality gates as plain functions: each takes a built site (or a page) and returns problems.

Tests in this folder assert that the list is empty; test_gates_fail.py feeds each function a
deliberately broken page to prove it can fail. tools/qa.py reuses the page-finding helpers.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import re
import subprocess
import threading
from datetime import datetime
from zoneinfo import ZoneInfo
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from tests.helpers import chapter_settings

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = chapter_settings()["SITEURL"]  # production SITEURL (publishconf.py, from site.toml)
SITE_HOST = urlsplit(SITE_URL).hostname
# The site's UTC offset ("+08:00" for Asia/Makassar): every published time carries it.
SITE_OFFSET = datetime.now(ZoneInfo(chapter_settings()["TIMEZONE"])).isoformat()[-6:]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Debian's chromium; CHROMIUM overrides it (e.g. google-chrome on a GitHub runner).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags chromium keeps trying to reach the internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
GZIP_BUDGET = 30_000  # bytes: article HTML + its CSS + its JS, each gzipped at level 9
MAX_LINES = 60  # problems shown in one failure message

ARTICLE_RE = re.compile(r"^berita/(\d{4})/(\d{2})/[^/]+/(?:[^/]+/)?$")  # incl. translations
NOT_FETCHED = ("mailto:", "tel:", "sms:", "javascript:", "data:", "blob:", "about:", "geo:", "whatsapp:")
# <link rel> values that make the browser fetch the href.
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "apple-touch-icon-precomposed",
    "mask-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "prerender",
    "preconnect",
    "dns-prefetch",
    "manifest",
}


# --- reporting ----------------------------------------------------------------------------------


def report(title: str, problems: list[str], noun: str = "problem") -> str:
    """A failure message: the title, then at most MAX_LINES problems, one a line."""
    lines = [f"{title}: {len(problems)} {noun}(s)"]
    lines += [f"  - {p}" for p in problems[:MAX_LINES]]
    if len(problems) > MAX_LINES:
        lines.append(f"  ... and {len(problems) - MAX_LINES} more")
    return "\n".join(lines)


# --- finding pages in a built site ---------------------------------------------------------------


def url_path(site: Path, file: Path) -> str:
    """'berita/2024/08/x/' for berita/2024/08/x/index.html, '404.html' for 404.html, '' for the home."""
    rel = file.relative_to(site).as_posix()
    if rel == "index.html":
        return ""
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def article_paths(site: Path, translations: bool = True) -> list[str]:
    """URL paths of every article page (berita/YYYY/MM/slug/, and .../slug/lang/ translations)."""
    found = []
    for file in html_files(site):
        path = url_path(site, file)
        if ARTICLE_RE.match(path) and (translations or path.count("/") == 4):
            found.append(path)
    return found


def _published(tree: LexborHTMLParser) -> datetime | None:
    candidates = []
    for node in jsonld_nodes(tree):
        if "datePublished" in node:
            candidates.append(node["datePublished"])
    meta = tree.css_first('meta[property="article:published_time"]')
    if meta is not None:
        candidates.append(meta.attributes.get("content"))
    time_ = tree.css_first("time[datetime]")
    if time_ is not None:
        candidates.append(time_.attributes.get("datetime"))
    for value in candidates:
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            continue
        if parsed.tzinfo is not None:
            return parsed
    return None


def newest_article(site: Path) -> str:
    """URL path of the newest article: by its folder (YYYY/MM), then by the date the page states."""

    def key(path: str):
        year, month = ARTICLE_RE.match(path).groups()
        published = _published(parse_file(site / path / "index.html"))
        return (year, month, published.timestamp() if published else 0.0, path)

    articles = article_paths(site, translations=False)
    assert articles, f"no article page berita/YYYY/MM/<slug>/index.html in the build ({site})"
    return max(articles, key=key)


def first_child(site: Path, section: str) -> str:
    """URL path of the first (by name) `section/<slug>/` page, pagination folders excluded."""
    children = sorted(
        d.name for d in (site / section).glob("*/") if (d / "index.html").is_file() and d.name != "halaman"
    )
    assert children, f"no {section}/<slug>/index.html page in the build ({site})"
    return f"{section}/{children[0]}/"


def busiest_region(site: Path) -> str:
    """URL path of the region page with the most photo cards, then the most cards (the richest)."""
    def weight(folder: Path):
        tree = parse_file(folder / "index.html")
        return (len(tree.css("main article.card-img")), len(tree.css("main article.card")), folder.name)

    regions = [d for d in (site / "wilayah").glob("*/") if (d / "index.html").is_file() and d.name != "halaman"]
    assert regions, f"no wilayah/<slug>/index.html page in the build ({site})"
    return f"wilayah/{max(regions, key=weight).name}/"


def page_path(site: Path, name: str) -> str:
    """The URL path (relative to the site root) of one of the pages the gates look at, by name."""
    fixed = {
        "home": "",
        "redaksi": "redaksi/",
        "regions": "wilayah/",
        "reporters": "penulis/",
        "404": "404.html",
    }
    if name in fixed:
        path = fixed[name]
    elif name == "region":
        path = busiest_region(site)
    elif name == "article":
        path = newest_article(site)
    elif name == "reporter":
        path = first_child(site, "penulis")
    elif name == "category":
        path = first_child(site, "kategori")
    else:
        raise KeyError(name)
    target = local_file(site, "/" + path)
    assert target is not None, f"the {name} page /{path} was not built ({site})"
    return path


# --- parsing ------------------------------------------------------------------------------------


def parse_file(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def local_file(site: Path, path: str) -> Path | None:
    """The output file a URL path resolves to (a folder URL to its index.html), or None."""
    rel = unquote(path).lstrip("/")
    if ".." in Path(rel).parts:
        return None
    target = site / rel
    if rel == "" or rel.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a srcset attribute (the HTML candidate-string grammar, without descriptors)."""
    urls, pos, text = [], 0, srcset
    while pos < len(text):
        while pos < len(text) and (text[pos].isspace() or text[pos] == ","):
            pos += 1
        start = pos
        while pos < len(text) and not text[pos].isspace():
            pos += 1
        url = text[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        elif url:
            while pos < len(text) and text[pos] != ",":  # skip the descriptors
                pos += 1
        if url:
            urls.append(url)
    return urls


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def css_urls(css: str) -> list[str]:
    """Every url(...) and @import "..." target in a stylesheet."""
    css = _CSS_COMMENT.sub("", css)
    found = []
    for regex in (_CSS_URL, _CSS_IMPORT):
        for match in regex.finditer(css):
            url = next((g for g in match.groups() if g is not None), "").strip()
            if url:
                found.append(url)
    return found


def fetched_urls(tree: LexborHTMLParser) -> list[tuple[str, str]]:
    """(what, url) for everything in a page that a browser fetches by itself (not plain links)."""
    found = []
    for node in tree.css("[src]"):
        found.append((f"<{node.tag} src>", node.attributes.get("src") or ""))
    for node in tree.css("[srcset]"):
        found += [(f"<{node.tag} srcset>", u) for u in srcset_urls(node.attributes.get("srcset") or "")]
    for node in tree.css("[poster]"):
        found.append((f"<{node.tag} poster>", node.attributes.get("poster") or ""))
    for node in tree.css("object[data]"):
        found.append(("<object data>", node.attributes.get("data") or ""))
    for node in tree.css("link[href]"):
        rels = set((node.attributes.get("rel") or "").lower().split())
        if rels & FETCHING_RELS:
            found.append((f'<link rel="{" ".join(sorted(rels))}">', node.attributes.get("href") or ""))
    for node in tree.css("style"):
        found += [("<style> url()", u) for u in css_urls(node.text(deep=True))]
    for node in tree.css("[style]"):
        found += [(f"<{node.tag} style> url()", u) for u in css_urls(node.attributes.get("style") or "")]
    return found


def linked_urls(tree: LexborHTMLParser) -> list[tuple[str, str]]:
    """(what, url) for every href, src and srcset URL of a page, each URL once."""
    found = fetched_urls(tree) + [
        (f"<{n.tag} href>", n.attributes.get("href") or "") for n in tree.css("[href]")
    ]
    seen: set[str] = set()
    return [(what, url) for what, url in found if not (url in seen or seen.add(url))]


def is_own(url: str, site_url: str = SITE_URL) -> bool:
    """True for a relative URL, a data: URL, or an absolute one on the site's own origin."""
    url = url.strip()
    if url.lower().startswith("data:"):
        return True
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return True  # relative
    own = urlsplit(site_url)
    return parts.hostname == own.hostname and parts.port == own.port and parts.scheme in ("", own.scheme)


# --- gate: no third-party resources --------------------------------------------------------------


def third_party_problems(site: Path, site_url: str = SITE_URL) -> list[str]:
    """Every resource a page or stylesheet makes the browser fetch from another origin."""
    problems = []
    for file in html_files(site):
        page = url_path(site, file) or "/"
        for what, url in fetched_urls(parse_file(file)):
            if not is_own(url, site_url):
                problems.append(f"{page}: {what} {url}")
    for file in sorted(site.rglob("*.css")):
        for url in css_urls(file.read_text(encoding="utf-8", errors="replace")):
            if not is_own(url, site_url):
                problems.append(f"{file.relative_to(site)}: url({url})")
    return problems


# --- gate: offline link check ----------------------------------------------------------------------


def broken_links(site: Path, site_url: str = SITE_URL) -> list[str]:
    """Every internal href/src/srcset (and stylesheet url()) that resolves to no file of the build."""
    problems = []

    def check(base: str, where: str, what: str, url: str):
        url = url.strip()
        if not url or url.startswith("#") or url.lower().startswith(NOT_FETCHED):
            return
        absolute = urljoin(base, url)
        if not is_own(absolute, site_url):
            return
        if local_file(site, urlsplit(absolute).path) is None:
            problems.append(f"{where}: {what} {url}")

    for file in html_files(site):
        page = url_path(site, file)
        tree = parse_file(file)
        base = urljoin(site_url + "/", page)
        base_tag = tree.css_first("base[href]")
        if base_tag is not None:
            base = urljoin(base, base_tag.attributes.get("href") or "")
        for what, url in linked_urls(tree):
            check(base, page or "/", what, url)
    for file in sorted(site.rglob("*.css")):
        rel = file.relative_to(site).as_posix()
        for url in css_urls(file.read_text(encoding="utf-8", errors="replace")):
            check(f"{site_url}/{rel}", rel, "url()", url)
    return problems


# --- gate: page weight and images --------------------------------------------------------------


def page_weight(site: Path, path: str, site_url: str) -> tuple[int, list[str], list[str]]:
    """gzip -9 bytes of a page's HTML + stylesheets (with @imports) + scripts, each file apart.

    Returns (total, breakdown lines, problems such as an asset that is not in the build).
    """
    html = local_file(site, "/" + path)
    assert html is not None, f"/{path} was not built"
    files, problems = [html], []
    tree = parse_file(html)
    page_url = urljoin(site_url + "/", path)
    queue = [
        (page_url, n.attributes.get("href") or "")
        for n in tree.css("link[href]")
        if "stylesheet" in (n.attributes.get("rel") or "").lower().split()
    ]
    queue += [(page_url, n.attributes.get("src") or "") for n in tree.css("script[src]")]
    while queue:
        base, url = queue.pop(0)
        absolute = urljoin(base, url)
        if not is_own(absolute, site_url):
            problems.append(f"{url}: not on the site's own origin, cannot be weighed")
            continue
        file = local_file(site, urlsplit(absolute).path)
        if file is None:
            problems.append(f"{url}: not in the build")
        elif file not in files:
            files.append(file)
            if file.suffix == ".css":
                queue += [(absolute, u) for u in css_imports(file)]
    sizes = [(f, len(gzip.compress(f.read_bytes(), compresslevel=9))) for f in files]
    breakdown = [f"{s:>7,} B  {f.relative_to(site)}" for f, s in sizes]
    return sum(s for _, s in sizes), breakdown, problems


def css_imports(file: Path) -> list[str]:
    css = _CSS_COMMENT.sub("", file.read_text(encoding="utf-8", errors="replace"))
    return [next(g for g in m.groups() if g is not None) for m in _CSS_IMPORT.finditer(css)]


def image_problems(site: Path) -> list[str]:
    """Every <img> without numeric width and height, or without an alt attribute.

    alt="" marks a decorative image (its implicit role is then "presentation"); an explicit
    role="presentation" beside alt="" is an error for the Nu HTML Checker, so it is not asked for.
    decorative_images() lists them for a human to review.
    """
    problems = []
    for file in html_files(site):
        page = url_path(site, file) or "/"
        for img in parse_file(file).css("img"):
            attrs = img.attributes
            src = attrs.get("src") or "(no src)"
            for dim in ("width", "height"):
                value = attrs.get(dim)
                if value is None or not value.strip().isdigit():
                    problems.append(f"{page}: <img src={src}> has no valid {dim} attribute ({value!r})")
            alt = attrs.get("alt")
            if alt is None:
                problems.append(f'{page}: <img src={src}> has no alt attribute (alt="" if decorative)')
            elif alt and not alt.strip():
                problems.append(
                    f'{page}: <img src={src}> has a blank alt {alt!r}: use text, or alt="" if decorative'
                )
    return problems


def decorative_images(site: Path) -> list[str]:
    """'page: src' of every image marked decorative (alt=""), for a human to review."""
    found = []
    for file in html_files(site):
        for img in parse_file(file).css("img"):
            if img.attributes.get("alt") == "":
                found.append(f"{url_path(site, file) or '/'}: {img.attributes.get('src')}")
    return found


# --- gate: structured data ------------------------------------------------------------------------


def jsonld_nodes(tree: LexborHTMLParser) -> list[dict]:
    """Every JSON-LD object of a page (lists and @graph flattened); blocks that fail to parse skipped."""
    nodes = []
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text(deep=True))
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack += item
            elif isinstance(item, dict):
                nodes.append(item)
                if isinstance(item.get("@graph"), list):
                    stack += item["@graph"]
    return nodes


def _types(node: dict) -> set[str]:
    value = node.get("@type", [])
    return {value} if isinstance(value, str) else set(value)


def jsonld_problems(site: Path) -> list[str]:
    """Blocks that strict json.loads rejects; article pages without a complete NewsArticle."""
    problems = []
    articles = set(article_paths(site))
    for file in html_files(site):
        page = url_path(site, file)
        tree = parse_file(file)
        for i, script in enumerate(tree.css('script[type="application/ld+json"]'), 1):
            try:
                json.loads(script.text(deep=True))
            except ValueError as exc:
                problems.append(f"{page or '/'}: JSON-LD block {i} is not valid JSON: {exc}")
        if page not in articles:
            continue
        news = [n for n in jsonld_nodes(tree) if "NewsArticle" in _types(n)]
        if not news:
            problems.append(f"{page}: no NewsArticle in the JSON-LD")
            continue
        node = news[0]
        if not isinstance(node.get("headline"), str) or not node["headline"].strip():
            problems.append(f"{page}: NewsArticle has no headline")
        published = node.get("datePublished")
        if not isinstance(published, str) or not published.endswith(SITE_OFFSET):
            problems.append(f"{page}: NewsArticle datePublished {published!r} does not end in {SITE_OFFSET}")
        else:
            try:
                datetime.fromisoformat(published)
            except ValueError:
                problems.append(f"{page}: NewsArticle datePublished {published!r} is not an ISO 8601 date")
        authors = node.get("author")
        authors = [authors] if isinstance(authors, dict) else authors
        if (
            not isinstance(authors, list)
            or not authors
            or not all(
                isinstance(a, dict) and isinstance(a.get("name"), str) and a["name"].strip() for a in authors
            )
        ):
            problems.append(
                f"{page}: NewsArticle author {node.get('author')!r} is not a list of named authors"
            )
    return problems


# --- gate: feeds and sitemap ------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_problems(feed: Path, site_url: str = SITE_URL, allow_empty: bool = False) -> list[str]:
    """A feed must be well-formed XML, parse with bozo == 0, and have entries with absolute links.

    allow_empty: the feed of one reporter, region or rubric may have no entry yet (a reporter who
    joined today); the feed of the whole site may not."""
    name = feed.name
    data = feed.read_bytes()
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        return [f"{name}: not well-formed XML: {exc}"]
    problems = []
    if root.tag == f"{ATOM}feed":
        for req in ("title", "id", "updated"):
            if root.find(f"{ATOM}{req}") is None:
                problems.append(f"{name}: Atom feed has no <{req}>")
        for i, entry in enumerate(root.iter(f"{ATOM}entry"), 1):
            for req in ("title", "id", "updated", "link"):
                if entry.find(f"{ATOM}{req}") is None:
                    problems.append(f"{name}: entry {i} has no <{req}>")
    elif root.tag == "rss":
        channel = root.find("channel")
        for req in ("title", "link", "description"):
            if channel is None or channel.find(req) is None:
                problems.append(f"{name}: RSS channel has no <{req}>")
        for i, item in enumerate(root.iter("item"), 1):
            if item.find("title") is None and item.find("description") is None:
                problems.append(f"{name}: item {i} has neither <title> nor <description>")
            if item.find("link") is None:
                problems.append(f"{name}: item {i} has no <link>")
    else:
        problems.append(f"{name}: root element {root.tag} is neither an Atom <feed> nor an <rss>")
    parsed = feedparser.parse(data)
    if parsed.bozo:
        problems.append(f"{name}: feedparser bozo: {parsed.bozo_exception!r}")
    if len(parsed.entries) < 1 and not allow_empty:
        problems.append(f"{name}: no entries")
    for i, entry in enumerate(parsed.entries, 1):
        links = [entry.get("link")] + [link.get("href") for link in entry.get("links", [])]
        if not entry.get("link"):
            problems.append(f"{name}: entry {i} ({entry.get('title', '')!r}) has no link")
        for link in filter(None, links):
            if not link.startswith(site_url + "/"):
                problems.append(f"{name}: entry {i} link {link!r} is not an absolute URL on {site_url}")
    return problems


def sitemap_problems(site: Path, site_url: str = SITE_URL) -> list[str]:
    """sitemap.xml: well-formed, every article listed, no drafts, every URL on the site and built."""
    path = site / "sitemap.xml"
    if not path.is_file():
        return ["sitemap.xml was not built"]
    try:
        root = etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError as exc:
        return [f"sitemap.xml: not well-formed XML: {exc}"]
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
    locs = [(loc.text or "").strip() for loc in root.iterfind("sm:url/sm:loc", ns)]
    alternates = [link.get("href", "") for link in root.iterfind("sm:url/xhtml:link", ns)]
    problems = [] if locs else ["sitemap.xml lists no URL (no <url><loc> in the sitemap namespace)"]
    for url in locs + alternates:
        if "/drafts/" in url or urlsplit(url).path.startswith("drafts/"):
            problems.append(f"sitemap.xml lists a draft: {url}")
        elif not url.startswith(site_url + "/"):
            problems.append(f"sitemap.xml lists {url!r}, not an absolute URL on {site_url}")
        elif local_file(site, urlsplit(url).path) is None:
            problems.append(f"sitemap.xml lists {url}, which was not built")
    listed_locs, listed_any = set(locs), set(locs + alternates)
    for article in article_paths(site):
        url = f"{site_url}/{article}"
        is_translation = article.count("/") == 5
        if url not in (listed_any if is_translation else listed_locs):
            problems.append(f"sitemap.xml does not list the article {url}")
    return problems


# --- gate: Nu HTML Checker --------------------------------------------------------------------------


def run_vnu(target: Path, kind: str = "html") -> list[str]:
    """Run vnu.jar (--errors-only) over a folder or file; return 'file:line: message' per error."""
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing: run `npm ci` first"
    skip = {"html": "--skip-non-html", "css": "--skip-non-css"}[kind]
    cmd = ["java", "-jar", str(VNU_JAR), "--errors-only", skip, "--format", "json", str(target)]
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=900)
    try:
        messages = json.loads(proc.stderr or proc.stdout)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(
            f"vnu printed no JSON (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
        ) from None
    problems = []
    base = target if target.is_dir() else target.parent
    for msg in messages:
        if msg.get("type") not in ("error", "non-document-error") and msg.get("subType") != "fatal":
            continue
        where = msg.get("url", "")
        where = where.removeprefix("file:").removeprefix("//")
        try:
            where = Path(unquote(where)).relative_to(base).as_posix()
        except ValueError:
            pass
        line = msg.get("lastLine")
        extract = (msg.get("extract") or "").strip().replace("\n", " ")[:120]
        problems.append(f"{where}:{line}: {msg.get('message')}" + (f"  [{extract}]" if extract else ""))
    problems.sort()
    if proc.returncode != 0 and not problems:
        problems.append(f"vnu exited {proc.returncode}: {proc.stderr[-2000:]}")
    return problems


# --- serving and browser helpers (Playwright sync API) ---------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_dir(directory: Path, port: int = 0):
    """Serve a folder on 127.0.0.1 (port 0: a free one); yields the base URL, no trailing slash."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def settle(page) -> None:
    """Scroll through the page (so lazy images load), back to the top; wait for images and fonts."""
    page.evaluate(
        """async () => {
            const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 20)));
            for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
                window.scrollTo(0, y);
                await frame();
            }
            window.scrollTo(0, 0);
            const pending = [...document.images].filter(i => !i.complete)
                .map(i => new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); }));
            const limit = new Promise(r => setTimeout(r, 5000));
            await Promise.race([Promise.all([...pending, document.fonts.ready]), limit]);
        }"""
    )


def axe_violations(page) -> list[dict]:
    """Inject axe-core into a loaded page and return its WCAG 2.2 A/AA violations."""
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return page.evaluate("o => axe.run(document, o)", options)["violations"]


def describe_violations(violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, node.get("target", []))) for node in v.get("nodes", [])]
        shown = "; ".join(targets[:3]) + (f"; ... ({len(targets)} in all)" if len(targets) > 3 else "")
        lines.append(f"{v['id']} [{v.get('impact')}] {v.get('help')} -> {shown}")
    return lines


def foreign_requests(context, url: str, base: str) -> tuple[list[str], list[str]]:
    """Load url in a new page of `context`; return (every request, those not to `base` nor data:).

    Requests to other origins are recorded, then aborted: nothing leaves this machine.
    """
    requested = []

    def local(u: str) -> bool:
        return u == base or u.startswith((base + "/", "data:"))

    context.route("**/*", lambda route: route.continue_() if local(route.request.url) else route.abort())
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="load")
    settle(page)  # lazy images too
    page.wait_for_load_state("networkidle")
    return requested, sorted({u for u in requested if not local(u)})


def overflow(page) -> dict:
    """scrollWidth vs innerWidth, and the first elements that stick out on the right."""
    return page.evaluate(
        """() => {
            const vw = window.innerWidth, out = [];
            for (const el of document.querySelectorAll('body *')) {
                const r = el.getBoundingClientRect();
                if (r.right > vw + 0.5 && r.width > 0 && out.length < 5) {
                    const cls = typeof el.className === 'string' && el.className
                        ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
                    const id = el.id ? '#' + el.id : '';
                    out.push(`${el.tagName.toLowerCase()}${id}${cls} (right ${Math.round(r.right)}px)`);
                }
            }
            return {scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, culprits: out};
        }"""
    )


def nojs_problems(page, kind: str) -> list[str]:
    """On a page loaded without JavaScript: what a reader cannot see (headline, nav, share links)."""
    problems = []
    if kind == "home":
        headline = page.locator(
            ":is(h1, h2, h3) a[href*='/berita/'], a[href*='/berita/'] :is(h1, h2, h3)"
        ).first
        if headline.count() == 0 or not headline.is_visible() or not headline.inner_text().strip():
            problems.append("no visible headline (a heading linking to an article under /berita/)")
    else:
        h1 = page.locator("h1").first
        if h1.count() == 0 or not h1.is_visible():
            problems.append("no visible <h1> article title")
        else:
            title = _norm(h1.inner_text())
            if not title or title not in _norm(page.title()):
                problems.append(f"the <h1> {title!r} is not the document title {page.title()!r}")
    # The site navigation: the first <nav> in the page header, else the first <nav> of the page.
    nav = (
        page.locator("header nav").first if page.locator("header nav").count() else page.locator("nav").first
    )
    links = nav.locator("a[href]")
    visible = [links.nth(i).get_attribute("href") for i in range(links.count()) if links.nth(i).is_visible()]
    if len(visible) < 3:
        problems.append(
            f"the site <nav> shows {len(visible)} link(s) without JavaScript, need 3 or more: {visible}"
        )
    if kind == "article":
        share = page.evaluate(
            """prod => {
                const here = location.href.split('#')[0];
                const urls = [here, prod + location.pathname];
                const needles = urls.flatMap(u => [u, encodeURIComponent(u)]);
                return [...document.querySelectorAll('a[href]')]
                    .filter(a => a.origin !== location.origin && needles.some(n => a.href.includes(n)))
                    .map(a => ({href: a.href, visible: a.getClientRects().length > 0
                                && getComputedStyle(a).visibility !== 'hidden'}));
            }""",
            SITE_URL,
        )
        if not share:
            problems.append("no share link (a link to another site carrying this article's URL)")
        problems += [f"share link hidden without JavaScript: {s['href']}" for s in share if not s["visible"]]
        problems += [
            f"share link carries an HTML entity in its text (double-escaped title?): {s['href']}"
            for s in share
            if re.search(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", unquote(s["href"]), re.IGNORECASE)
        ]
    return problems


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def built_stories(out) -> list[dict]:
    """Every article of a built site, as readers see it: path, year (of its URL), title, region,
    body text; in path order."""
    found = []
    for file in sorted((out / "berita").glob("*/*/*/index.html")):
        tree = parse_file(file)
        region = tree.css_first(".byline-where a[href*='/wilayah/']")
        found.append({
            "path": "/" + file.parent.relative_to(out).as_posix() + "/",
            "year": int(file.parent.parent.parent.name),
            "title": tree.css_first("h1").text().strip(),
            "region": region.text().strip() if region else "",
            "body": tree.css_first(".story-body").text(),
        })
    return found

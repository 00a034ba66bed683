"""In chromium: the hostile story and reporter never run anything, load anything from another
site, or show a reader anything but the text that was typed.

Every payload in tests/security/hostile/ calls alert(), sets document.title to 'DIBOBOL' or
requests https://evil.example/, so any execution is observable: a dialog, a changed tab title, a
request to another host. The only other host a page may reach is the allowed YouTube embed,
answered here by a local stub.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.quality.checks import report, settle
from tests.security.pages import normalise, read_page

pytestmark = pytest.mark.browser

EMBED_HOST = "https://www.youtube-nocookie.com/"
EMBED_SRC = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
STUB = "<!doctype html><html lang='en'><title>stub player</title><p>video</p></html>"
# Collects Content Security Policy violations of each document (the page and its frames).
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push({
  directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample,
  source: e.sourceFile, line: e.lineNumber, document: location.href}));
"""
# Text nodes that carry a marker word, with the full text of the element that holds them.
FIND_MARKERS = """
markers => {
  const found = {};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, template, noscript')) continue;
    const lower = node.nodeValue.toLowerCase();
    for (const m of markers) {
      if (lower.includes(m.toLowerCase())) {
        (found[m] = found[m] || []).push({tag: parent.tagName.toLowerCase(), text: parent.textContent});
      }
    }
  }
  return found;
}
"""
LIVE_HANDLERS = """
() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
  .filter(a => a.name.toLowerCase().startsWith('on')
    || (['href', 'src', 'data', 'formaction', 'xlink:href'].includes(a.name.toLowerCase())
        && /^\\s*javascript:/i.test(a.value)))
  .map(a => `<${el.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 60)}">`))
"""

# typed field -> (marker word, how the shown text must relate to the typed one)
MARKERS = {
    "title": ("Qwertijudul", "equal"),
    "title2": ("Qwertikedua", "equal"),
    "name": ("Qwertinama", "contains"),
    "role": ("Qwertiperan", "contains"),
    "bio": ("Qwertibio", "contains"),
    "caption": ("Qwertiket", "contains"),
    "credit": ("Qwerticredit", "contains"),
    "dateline": ("Qwertidateline", "contains-any-case"),
    "tags": ("Qwertitopik", "contains"),
}
# What each page must show at least once (each is checked wherever it appears, on every page).
MUST_SHOW = {
    "home": ["title", "title2"],
    "article": ["title", "name", "role", "caption", "credit", "dateline", "tags"],
    "article-second": ["title2"],
    "related": ["title"],
    "category": ["title", "title2"],
    "categories": [],
    "region": ["title", "title2"],
    "regions": ["title"],
    "reporter": ["name", "role", "bio", "title"],
    "reporters": ["name", "role"],
    "tag": ["tags", "title"],
    "tags": ["tags"],
    "month-archive": ["title", "title2"],
    "404": ["title2"],
}


@dataclass
class Visit:
    page: object
    dialogs: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    embeds: list[str] = field(default_factory=list)

    def violations(self) -> list[dict]:
        found = []
        for frame in self.page.frames:
            try:
                found += frame.evaluate("() => window.__csp || []")
            except Exception:  # a frame that went away
                continue
        return found


def visit(new_context, base: str, path: str) -> Visit:
    """Open base/path in a fresh context: dialogs recorded (and dismissed), requests to other
    hosts recorded and aborted, the YouTube player stubbed, lazy content scrolled into view."""
    context = new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    seen = Visit(page)

    def route(r):
        url = r.request.url
        if url == base or url.startswith(base + "/"):
            r.continue_()
        elif url.startswith(EMBED_HOST):
            seen.embeds.append(url)
            r.fulfill(status=200, content_type="text/html", body=STUB)
        else:
            seen.foreign.append(url)
            r.abort()

    context.route("**/*", route)

    def on_dialog(dialog):
        seen.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(f"{base}/{path}", wait_until="load")
    settle(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # timers a payload might have set
    return seen


def inert_problems(seen: Visit, out: Path, path: str) -> list[str]:
    """Signs that something hostile ran: a dialog, a tab title other than the page's own <title>,
    a request to another host, a policy violation, an event handler in the live DOM."""
    page = seen.page
    problems = [f"dialog opened: {d}" for d in seen.dialogs]
    built = read_page(out, path).css_first("title")
    own = normalise(built.text() if built is not None else "")
    if normalise(page.title()) != own:
        problems.append(f"document.title is {page.title()!r}, the page's own <title> is {own!r}")
    problems += [f"request to another host: {u}" for u in seen.foreign]
    problems += [f"CSP violation: {v}" for v in seen.violations()]
    problems += [f"event handler or script URL in the live page: {h}" for h in page.evaluate(LIVE_HANDLERS)]
    return problems


def shown_problems(page, typed, must_show: list[str]) -> list[str]:
    """Where a typed string is shown differently from how it was typed, or not at all."""
    markers = {m: (name, rule) for name, (m, rule) in MARKERS.items()}
    found = page.evaluate(FIND_MARKERS, list(markers))
    problems = []
    for marker, (name, rule) in markers.items():
        want = normalise(typed.tags[0] if name == "tags" else getattr(typed, name))
        places = found.get(marker, [])
        if name in must_show and not places:
            problems.append(f"{name}: not shown at all (typed {want!r})")
        for place in places:
            text = normalise(place["text"])
            ok = {
                "equal": text == want,
                "contains": want in text,
                "contains-any-case": want.lower() in text.lower(),
            }[rule]
            if not ok:
                problems.append(f"{name}: <{place['tag']}> shows {text!r}, typed {want!r}")
    return problems


@pytest.mark.parametrize("name", list(MUST_SHOW))
def test_hostile_text_is_inert_and_literal(hostile_built, new_context, name):
    """On this page a reader gets no dialog, the tab title is the site's own, nothing is requested
    from another site, the policy reports no violation, no element carries an event handler, and
    the headline, reporter name, role, bio, caption, credit, dateline and topic read exactly as
    typed, markup characters included, wherever they are shown."""
    site = hostile_built
    path = site.paths[name]
    assert path is not None, f"the {name} page of the hostile story was not found"
    seen = visit(new_context, site.base, path)
    page = seen.page
    problems = inert_problems(seen, site.out, path)
    problems += shown_problems(page, site.typed, MUST_SHOW[name])
    if name == "article" and not normalise(page.title()).startswith(normalise(site.typed.title)):
        problems.append(f"the tab title {page.title()!r} does not start with the typed headline")
    if name == "home":
        lead = page.evaluate(
            """() => { const h = document.querySelector(':is(h1, h2, h3) a[href*="/berita/"]');
                       return h ? h.textContent : null; }""")
        if normalise(lead) != normalise(site.typed.title):
            problems.append(f"the home page's first headline is {lead!r}, not the featured hostile story")
    assert not problems, report(f"/{path}", problems)


def test_youtube_embed_loads_under_the_policy(hostile_built, new_context):
    """The YouTube video in the hostile story plays from youtube-nocookie.com: the frame loads
    (answered by a local stub) and the page's policy does not block it."""
    site = hostile_built
    seen = visit(new_context, site.base, site.paths["article"])
    page = seen.page
    for _ in range(50):
        if any(f.url.startswith(EMBED_SRC) for f in page.frames):
            break
        page.wait_for_timeout(200)
    frames = [f.url for f in page.frames]
    assert any(u.startswith(EMBED_SRC) for u in frames), f"no frame from {EMBED_SRC}: {frames}"
    assert any(u.startswith(EMBED_SRC) for u in seen.embeds), f"the embed was never requested: {seen.embeds}"
    blocked = [v for v in seen.violations() if "youtube" in (v.get("blocked") or "") or v["directive"].startswith("frame")]
    assert not blocked, report("the embed was blocked by the policy", [str(v) for v in blocked])
    assert not seen.foreign, report("requests to other hosts", seen.foreign)


def test_search_result_shows_the_typed_title(hostile_built, new_context):
    """Searching for a word of the hostile headline on /cari/ lists the story under its title as
    typed, and nothing in the result runs."""
    site = hostile_built
    seen = visit(new_context, site.base, "cari/?q=Qwertijudul")
    page = seen.page
    link = page.locator(".pagefind-ui__result-link").first
    link.wait_for(state="attached", timeout=20_000)
    settle(page)
    page.wait_for_timeout(300)
    titles = page.locator(".pagefind-ui__result-link").all_text_contents()
    assert [normalise(t) for t in titles] == [normalise(site.typed.title)], titles
    href = link.get_attribute("href") or ""
    assert urlsplit(href).path == "/" + site.paths["article"], href
    problems = inert_problems(seen, site.out, "cari/")
    assert not problems, report("/cari/?q=Qwertijudul", problems)

"""Readers find it, in chromium: the header's search box, the theme's own results (Pagefind's JS
API), the filters, the menu at phone and laptop widths, and the region page without gaps."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from collections import Counter
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from tests.helpers import chapter, chapter_settings
from tests.quality.checks import axe_violations, built_stories, describe_violations, overflow, page_path, report, settle

pytestmark = pytest.mark.browser

WIDTHS = [320, 390, 1366]
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""
WORD = re.compile(r"[a-z]{9,}")


def words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


@pytest.fixture(scope="module")
def stories(served_site):
    """Every article: path, title, region, body text (from the built pages)."""
    _, out = served_site
    return built_stories(out)


@pytest.fixture(scope="module")
def rare_word(stories):
    """A name (a capitalised long word: no suffix for the stemmer to take off) in exactly one
    story's body and not in its title, so only full-text search finds that story."""
    counts = Counter(w for s in stories for w in words(s["body"]) | words(s["title"]))
    for story in stories:
        names = {w.lower() for w in re.findall(r"\b[A-Z][a-z]{8,}\b", story["body"])}
        for word in sorted(names - words(story["title"])):
            if counts[word] == 1:
                return word, story
    pytest.skip("no name unique to one story")


@pytest.fixture(scope="module")
def common_word(stories):
    """The word in the bodies of stories from the most regions (the filter has something to do)."""
    regions: dict[str, set] = {}
    for story in stories:
        for word in words(story["body"]):
            regions.setdefault(word, set()).add(story["region"])
    return max(sorted(regions), key=lambda w: len(regions[w]))


def open_page(new_context, url, width=390, **options):
    context = new_context(viewport={"width": width, "height": 900}, **options)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url, wait_until="load")
    return page, errors


def results(page) -> list[dict]:
    page.wait_for_selector(".search-item", timeout=20_000)
    return page.evaluate("""() => [...document.querySelectorAll('.search-item')].map(li => ({
        href: li.querySelector('h3 a').getAttribute('href'),
        title: li.querySelector('h3 a').textContent,
        region: [...li.querySelectorAll('.meta-region')].map(n => n.textContent),
        time: li.querySelector('time') && li.querySelector('time').textContent,
        datetime: li.querySelector('time') && li.querySelector('time').getAttribute('datetime'),
        marks: [...li.querySelectorAll('.search-excerpt mark')].map(n => n.textContent.toLowerCase()),
        excerpt: li.querySelector('.search-excerpt').textContent,
        elements: [...li.querySelectorAll('.search-excerpt *')].map(n => n.tagName.toLowerCase()),
    }))""")


def test_the_header_search_box_finds_a_story_by_a_word_of_its_body(served_site, new_context, rare_word):
    base, _ = served_site
    word, story = rare_word
    page, errors = open_page(new_context, f"{base}/")
    page.fill("header #situs-q", word)
    page.press("header #situs-q", "Enter")
    page.wait_for_url(re.compile(r"/cari/\?q="))
    found = results(page)
    mine = [item for item in found if urlsplit(item["href"]).path == story["path"]]
    assert mine, f"{word!r} did not find {story['path']}: {found}"
    first = mine[0]
    assert first["title"] == story["title"]
    assert first["region"] == [story["region"]]
    # Indonesian date on the site's clock: "26 November 2026 09:10 WITA", from the record's ISO time.
    abbr = chapter().timezone_abbr
    offset = datetime.datetime.now(zoneinfo.ZoneInfo(chapter_settings()["TIMEZONE"])).isoformat()[-6:]
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4} \d{2}:\d{2} " + re.escape(abbr), first["time"]), first["time"]
    clock = first["time"][: -len(abbr) - 1][-5:]
    assert first["datetime"].endswith(offset) and first["datetime"][11:16] == clock
    assert any(word in m for m in first["marks"]), first
    assert set(first["elements"]) == {"mark"}, "only <mark> may be an element in an excerpt"
    assert not first["excerpt"].strip().startswith(story["title"][:30]), "the excerpt repeats the title"
    status = page.text_content("[data-search-status]")
    assert "ditemukan" in status and word in status
    assert page.evaluate("window.__csp") == [] and errors == []


def test_the_region_filter_narrows_the_results(served_site, new_context, common_word):
    base, _ = served_site
    page, errors = open_page(new_context, f"{base}/cari/?q={quote(common_word)}")
    every = results(page)
    more = page.locator("[data-search-more]")
    while more.is_visible():  # results come ten at a time
        more.click()
        page.wait_for_timeout(200)
        every = results(page)
    regions = Counter(r for item in every for r in item["region"])
    assert len(regions) >= 2, regions  # something for the filter to narrow
    region = sorted(regions, key=lambda r: (regions[r], r))[0]
    page.select_option("select[name=wilayah]", region)
    page.wait_for_function("n => document.querySelectorAll('.search-item').length < n", arg=len(every))
    narrowed = results(page)
    assert narrowed and len(narrowed) == regions[region] < len(every)
    assert all(item["region"] == [region] for item in narrowed), narrowed
    assert parse_qs(urlsplit(page.url).query)["wilayah"] == [region]  # a reload or a shared link keeps it
    page.select_option("select[name=rubrik]", index=1)
    page.wait_for_timeout(500)
    status = page.text_content("[data-search-status]")
    assert status and "{" not in status
    assert page.evaluate("window.__csp") == [] and errors == []


def test_no_result_and_error_states_are_in_indonesian(served_site, new_context):
    base, _ = served_site
    page, _ = open_page(new_context, f"{base}/cari/?q=zzqxkatayangtidakada")
    page.wait_for_function("() => /Tidak ada berita/.test(document.querySelector('[data-search-status]').textContent)")
    context = new_context()
    context.route("**/pagefind/**", lambda route: route.abort())
    broken = context.new_page()
    broken.goto(f"{base}/cari/?q=kata")
    broken.wait_for_function("() => /tidak dapat dimuat/.test(document.querySelector('[data-search-status]').textContent)")


def test_without_javascript_the_header_form_leads_to_the_search_page(served_site, new_context):
    base, out = served_site
    page, _ = open_page(new_context, f"{base}/{page_path(out, 'article')}", java_script_enabled=False)
    page.fill("header #situs-q", "kata uji")
    page.press("header #situs-q", "Enter")
    page.wait_for_url(re.compile(r"/cari/\?q=kata\+uji$"))
    assert page.locator("noscript, .empty").first.count() == 1
    assert page.locator("h1").inner_text() == "Cari berita"


def test_search_page_is_accessible_and_readable_on_a_phone(served_site, new_context, common_word):
    base, _ = served_site
    for scheme in ("light", "dark"):
        page, _ = open_page(new_context, f"{base}/cari/?q={quote(common_word)}", width=390, color_scheme=scheme)
        results(page)
        violations = axe_violations(page)
        assert not violations, report(f"axe on the search results ({scheme})", describe_violations(violations))
    small = page.evaluate("""() => [...document.querySelectorAll('.search-item *, [data-search-status]')]
        .filter(n => n.childNodes.length && [...n.childNodes].some(c => c.nodeType === 3 && c.textContent.trim()))
        .map(n => [n.tagName, parseFloat(getComputedStyle(n).fontSize)]).filter(([, s]) => s < 16)""")
    assert small == [], f"text under 16 px: {small}"
    tiny = page.evaluate("""() => [...document.querySelectorAll('main input, main select, main button:not([hidden]), header input, header button, summary')]
        .filter(n => n.offsetParent).map(n => [n.tagName + (n.id ? '#' + n.id : ''), n.getBoundingClientRect().height])
        .filter(([, h]) => h < 44)""")
    assert tiny == [], f"controls lower than 44 px: {tiny}"


@pytest.mark.parametrize("width", WIDTHS)
def test_menu_reaches_every_rubric_and_region_by_keyboard_and_does_not_scroll_sideways(served_site, new_context, width):
    base, out = served_site
    page, errors = open_page(new_context, f"{base}/{page_path(out, 'article')}", width=width)
    wanted = set(page.evaluate("""() => [...document.querySelectorAll('footer a[href*="/wilayah/"]')]
        .map(a => a.getAttribute('href'))"""))
    wanted |= {a.get_attribute("href") for a in page.locator("a.meta-region, .byline a[href*='/kategori/']").all()}
    summary = page.locator("summary.menu-button")
    assert summary.is_visible() and summary.bounding_box()["height"] >= 40
    page.keyboard.press("Tab")  # the skip link
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY", "the menu button is not reachable by Tab"
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('details.menu').open")
    menu = page.locator("details.menu .menu-panel a")
    shown = {menu.nth(i).get_attribute("href") for i in range(menu.count()) if menu.nth(i).is_visible()}
    rubrics = page.evaluate("""() => [...document.querySelectorAll('details.menu a[href*="/kategori/"]')].length""")
    assert rubrics == len(chapter().rubrics) and wanted <= shown, sorted(wanted - shown)
    found = overflow(page)
    assert found["scrollWidth"] <= found["innerWidth"], found
    violations = axe_violations(page)
    assert not violations, report(f"axe with the menu open at {width}px", describe_violations(violations))
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('details.menu').open")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert errors == []


def test_menu_opens_without_javascript(served_site, new_context):
    base, _ = served_site
    page, _ = open_page(new_context, f"{base}/", width=320, java_script_enabled=False)
    region = chapter().regions[-1]["slug"]
    link = page.locator(f"details.menu a[href$='/wilayah/{region}/']")
    assert not link.is_visible()
    page.click("summary.menu-button")
    assert link.is_visible()
    link.click()
    page.wait_for_url(re.compile(f"/wilayah/{re.escape(region)}/$"))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["search", "reporter", "category"])
def test_more_pages_do_not_scroll_sideways(served_site, new_context, name, width, common_word):
    base, out = served_site
    path = f"cari/?q={quote(common_word)}" if name == "search" else page_path(out, name)
    page, _ = open_page(new_context, f"{base}/{path}", width=width)
    if name == "search":
        results(page)
    settle(page)
    found = overflow(page)
    assert found["scrollWidth"] <= found["innerWidth"], found


GAPS = """() => {
  const gaps = [];
  for (const card of document.querySelectorAll('main article.card-img')) {
    const photo = card.querySelector('.card-photo').getBoundingClientRect();
    for (const part of card.querySelectorAll(':scope > :not(.card-photo):not(picture)')) {
      const r = part.getBoundingClientRect();
      if (r.right > photo.left + 1) gaps.push(part.className + ' is not beside the photo: ' + card.textContent.trim().slice(0, 50));
    }
    const texts = [...card.querySelectorAll(':scope > :not(.card-photo):not(picture)')].map(n => n.getBoundingClientRect());
    for (let i = 1; i < texts.length; i++) {
      if (texts[i].top - texts[i - 1].bottom > 12) gaps.push('a gap between the lines of ' + card.textContent.trim().slice(0, 50));
    }
  }
  return gaps;
}"""


def test_region_page_cards_have_no_gap_beside_their_thumbnails(served_site, new_context):
    base, out = served_site
    page, _ = open_page(new_context, f"{base}/{page_path(out, 'region')}", width=1366)
    settle(page)
    assert page.locator("main article.card-img").count() >= 1
    assert page.evaluate(GAPS) == []

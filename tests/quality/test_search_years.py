"""Search over an archive of several years, in chromium: the newest period's index in /pagefind/, the
older periods' (years, and the newest year's earlier quarters) merged into it by the search page
(plugins/search/bundles.py, static/js/search.js)."""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from tests.helpers import build_site
from tests.quality.checks import built_stories, parse_file, serve_dir

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
DATE = re.compile(r"^Date: (\d{4})-", re.MULTILINE)
WORD = re.compile(r"[a-z]{9,}")


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spread_over_years(content: Path) -> None:
    """Move two thirds of the stories (none that another file names, none that names another) into
    the two years before the newest one, in their own month's folder, as a reporter would file them.
    The older years then hold more stories than the newest: Pagefind's merged results, ordered by
    each index's own positions, would mix the years (the listing tests below would fail)."""
    stories = sorted((content / "berita").glob("*/*/*.md"))
    newest = max(int(p.parent.parent.name) for p in stories)
    texts = {p: p.read_text(encoding="utf-8") for p in content.rglob("*") if p.is_file() and p.suffix in {".md", ".toml"}}
    loose = [p for p in stories if "berita/" not in texts[p]
             and not any(p.stem in text for other, text in texts.items() if other != p)]
    if len(loose) < 6:
        pytest.skip("too few stories to spread over years")
    for i, story in enumerate(loose[: 2 * len(loose) // 3]):
        year = newest - 1 - i % 2
        target = content / "berita" / str(year) / story.parent.name / story.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(DATE.sub(f"Date: {year}-", texts[story], count=1), encoding="utf-8")
        story.unlink()


@pytest.fixture(scope="module")
def years_site(tmp_path_factory):
    """The sample content spread over three years, built for publishing and served."""
    tmp = tmp_path_factory.mktemp("years")
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    spread_over_years(content)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    out = build_site("publishconf.py", tmp / "out", content=content, SITEURL=base, FEED_DOMAIN=base)
    with serve_dir(out, port) as served:
        yield served, out


@pytest.fixture(scope="module")
def stories(years_site):
    _, out = years_site
    return built_stories(out)


def unique_word(stories, story) -> str | None:
    """A long word in this story's body only (not in its title, nor in any other story)."""
    counts = Counter(w for s in stories for w in set(WORD.findall((s["body"] + " " + s["title"]).lower())))
    own = set(WORD.findall(story["body"].lower())) - set(WORD.findall(story["title"].lower()))
    return next((w for w in sorted(own) if counts[w] == 1), None)


def open_search(browser, url):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="load")
    return context, page, problems


def all_results(page) -> list[dict]:
    page.wait_for_selector(".search-item")
    more = page.locator("[data-search-more]")
    while more.is_visible():  # ten at a time
        count = page.locator(".search-item").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('.search-item').length > n", arg=count)
    return page.evaluate("""() => [...document.querySelectorAll('.search-item')].map(li => ({
        path: new URL(li.querySelector('h3 a').href).pathname,
        region: [...li.querySelectorAll('.meta-region')].map(n => n.textContent),
        datetime: li.querySelector('time') && li.querySelector('time').getAttribute('datetime'),
    }))""")


def period(story: dict, newest: int) -> str:
    """The bundle a story is in: its year, or in the newest year its quarter (URL: /berita/YYYY/MM/)."""
    month = int(story["path"].split("/")[3])
    return str(story["year"]) if story["year"] < newest else f"{story['year']}-tw{(month - 1) // 3 + 1}"


def test_the_archive_is_spread_over_a_bundle_per_older_year_and_per_quarter_of_the_newest(years_site, stories):
    base, out = years_site
    newest = max(s["year"] for s in stories)
    periods = sorted({period(s, newest) for s in stories}, reverse=True)
    assert len({s["year"] for s in stories}) == 3 and len(periods) >= 3
    assert sorted(p.name for p in out.glob("pagefind*")) == ["pagefind", *(f"pagefind-{p}" for p in sorted(periods[1:]))]
    merge = parse_file(out / "cari" / "index.html").css_first("#hasil-cari").attributes["data-pagefind-merge"]
    assert merge.split() == [f"{base}/pagefind-{p}/" for p in periods[1:]]


def test_search_finds_stories_of_the_newest_and_of_older_years(years_site, stories, browser):
    base, _ = years_site
    newest = max(s["year"] for s in stories)
    checked = Counter()
    for story in stories:
        year = "newest" if story["year"] == newest else "older"
        if checked[year] >= 2 or not (word := unique_word(stories, story)):
            continue
        context, page, problems = open_search(browser, f"{base}/cari/?q={quote(word)}")
        try:
            found = all_results(page)
            assert story["path"] in [r["path"] for r in found], (word, story["path"], found)
            assert problems == [], problems
        finally:
            context.close()
        checked[year] += 1
    assert checked["newest"] and checked["older"] == 2, checked


def test_a_region_without_words_lists_its_stories_of_every_year_newest_first(years_site, stories, browser):
    base, _ = years_site
    by_region: dict[str, list] = {}
    for story in stories:
        by_region.setdefault(story["region"], []).append(story)
    region = max(sorted(r for r in by_region if r), key=lambda r: (len({s["year"] for s in by_region[r]}), len(by_region[r])))
    expected = {s["path"] for s in by_region[region]}
    assert len({s["year"] for s in by_region[region]}) >= 2, "no region with stories in two years"
    context, page, problems = open_search(browser, f"{base}/cari/?wilayah={quote(region)}")
    try:
        found = all_results(page)
        assert {r["path"] for r in found} == expected and len(found) == len(expected)
        assert all(r["region"] == [region] for r in found)
        # Newest first across the merged years: the ISO times (one zone) in descending order.
        times = [r["datetime"] for r in found]
        assert times == sorted(times, reverse=True), times
        assert urlsplit(found[-1]["path"]).path.split("/")[2] < urlsplit(found[0]["path"]).path.split("/")[2]
        status = page.text_content("[data-search-status]")
        assert str(len(expected)) in status
        assert problems == [], problems
    finally:
        context.close()


def test_every_story_is_listed_once_newest_first(years_site, stories, browser):
    """No words, one rubric at a time: every story once, each rubric's list newest first."""
    base, out = years_site
    rubrics = [o.attributes["value"] for o in parse_file(out / "cari" / "index.html").css("select[name=rubrik] option")]
    listed = []
    for rubric in filter(None, rubrics):
        context, page, problems = open_search(browser, f"{base}/cari/?rubrik={quote(rubric)}")
        try:
            page.wait_for_function("() => !document.querySelector('#hasil-cari').hasAttribute('aria-busy')"
                                   " && document.querySelector('[data-search-status]').textContent")
            items = all_results(page) if page.locator(".search-item").count() else []
            times = [r["datetime"] for r in items]
            assert times == sorted(times, reverse=True), (rubric, times)
            listed += [r["path"] for r in items]
            assert problems == [], problems
        finally:
            context.close()
    assert sorted(listed) == sorted(s["path"] for s in stories)

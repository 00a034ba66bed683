"""One bundle per period (a year; a quarter of the newest year): the newest in pagefind/, older periods merged;
an unchanged period is not indexed again."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from newsroom.tests.conftest import DEV, FIXTURE, PUBLISH, build

from search import bundles

PLUGINS = ["newsroom", "search"]
DATE_MONTH = re.compile(r"^Date: (\d{4})-(\d{2})-", re.MULTILINE)


def move_to_year(content: Path, name: str, year: int, month: str | None = None) -> str:
    """Republish the fixture's story `name` in another year (and month: the folder follows the date)."""
    [source] = (content / "berita").glob(f"*/*/{name}.md")
    month = month or source.parent.name
    target = content / "berita" / str(year) / month / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(DATE_MONTH.sub(f"Date: {year}-{month}-", source.read_text(encoding="utf-8")), encoding="utf-8")
    source.unlink()
    return f"/berita/{year}/{month}/{name}/"


@pytest.fixture
def years_content(tmp_path) -> tuple[Path, dict[str, set[str]]]:
    """The fixture with its published stories spread over three years: {period: {url}} (its
    newest stories are all in the last quarter of the newest year)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    older = {2024: move_to_year(content, "pasar-lotim-sepi", 2024),
             2025: move_to_year(content, "pencurian-sapi-dompu", 2025)}
    newest = {"/berita/2026/10/panen-tembakau-lotim/", "/berita/2026/10/harga-cabai-mataram/"}
    return content, {"2026-tw4": newest, "2025": {older[2025]}, "2024": {older[2024]}}


def urls_of(bundle: Path) -> set[str]:
    found = set()
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        found.add(json.loads(data[len(b"pagefind_dcd"):])["url"])
    return found


def files(site: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the search bundles: bytes and modification time (ns)."""
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in site.glob("pagefind*/**/*") if p.is_file()}


def test_each_year_has_its_own_bundle_and_the_newest_is_the_primary(years_content, tmp_path):
    content, expected = years_content
    site = build(PUBLISH, content, tmp_path / "out", PLUGINS=PLUGINS)
    assert sorted(p.name for p in site.glob("pagefind*")) == ["pagefind", "pagefind-2024", "pagefind-2025"]
    assert urls_of(site / "pagefind") == expected["2026-tw4"]
    assert urls_of(site / "pagefind-2025") == expected["2025"] and urls_of(site / "pagefind-2024") == expected["2024"]
    # The primary runs the search (script, worker, WebAssembly); a merged bundle is only its index.
    assert (site / "pagefind/pagefind.js").is_file() and list(site.glob("pagefind/wasm.*.pagefind"))
    for merged in ("pagefind-2024", "pagefind-2025"):
        names = {p.name for p in (site / merged).iterdir()}
        assert "pagefind-entry.json" in names and {"fragment", "index", "filter"} <= names
        assert not any(bundles.RUNTIME.match(n) for n in names), names
    # Pagefind's own UI is not used by the theme: not published.
    assert not [p for p in site.glob("pagefind*/*") if bundles.UNUSED.match(p.name)]


def test_the_search_page_gets_the_older_periods_newest_first():
    assert bundles.merged_paths("pagefind", ["2024", "2026-tw4", "2025", "2026-tw1", "2026-tw4"]) == \
        ["pagefind-2026-tw1/", "pagefind-2025/", "pagefind-2024/"]
    assert bundles.merged_paths("pagefind", ["2026-tw2"]) == []


def test_a_period_is_a_year_or_a_quarter_of_the_newest_year():
    import datetime

    def period(y, m, newest):
        return bundles.period_of(datetime.datetime(y, m, 15, 9, 30), newest)

    assert [period(2026, m, 2026) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == \
        ["2026-tw1", "2026-tw1", "2026-tw2", "2026-tw2", "2026-tw3", "2026-tw3", "2026-tw4", "2026-tw4"]
    assert period(2025, 12, 2026) == "2025" and period(2019, 1, 2026) == "2019"
    assert period(2026, 12, 2027) == "2026"  # a new year's first story makes the last year whole
    assert sorted(["2026-tw2", "2024", "2026-tw1", "2025"]) == ["2024", "2025", "2026-tw1", "2026-tw2"]


def test_an_unchanged_year_is_taken_from_the_cache_and_the_site_equals_a_cold_build(years_content, tmp_path):
    content, _ = years_content
    cache = str(tmp_path / "cache")
    bundles.runs.clear()
    first = build(PUBLISH, content, tmp_path / "first", PLUGINS=PLUGINS, CACHE_PATH=cache)
    assert sorted(r["period"] for r in bundles.runs) == ["2024", "2025", "2026-tw4"]
    before = files(first)

    # An edit to a story of the newest quarter: only that quarter is indexed again.
    story = next((content / "berita" / "2026").rglob("panen-tembakau-lotim.md"))
    story.write_text(story.read_text(encoding="utf-8") + "\nKalimat tambahan tentang gudang pengering.\n",
                     encoding="utf-8")
    bundles.runs.clear()
    again = build(PUBLISH, content, tmp_path / "again", PLUGINS=PLUGINS, CACHE_PATH=cache)
    assert [r["period"] for r in bundles.runs] == ["2026-tw4"]
    after = files(again)
    for rel, (data, mtime) in before.items():
        if not rel.startswith("pagefind/"):  # older periods: same bytes, same modification times
            assert after[rel] == (data, mtime), rel
    assert {r for r in after if r.startswith("pagefind/")} != {r for r in before if r.startswith("pagefind/")}

    # The same content built cold (a cache of its own) gives the same bytes.
    bundles.runs.clear()
    cold = build(PUBLISH, content, tmp_path / "cold", PLUGINS=PLUGINS, CACHE_PATH=str(tmp_path / "cold-cache"))
    assert len(bundles.runs) == 3
    assert {rel: data for rel, (data, _) in files(cold).items()} == {rel: data for rel, (data, _) in after.items()}

    # Only this build's and the last build's bundles stay in the cache.
    entries = [p for p in (Path(cache) / bundles.CACHE_FOLDER).iterdir() if p.is_dir()]
    assert len(entries) == 4  # 2024, 2025, and 2026-tw4 before and after the edit


def test_a_development_build_replaces_the_last_builds_bundles(years_content, tmp_path):
    """Without an emptied output folder, the bundles of periods that are gone do not stay behind."""
    content, _ = years_content
    out = tmp_path / "out"
    build(DEV, content, out, PLUGINS=PLUGINS, DELETE_OUTPUT_DIRECTORY=False)
    assert (out / "pagefind-2024").is_dir()
    shutil.rmtree(content / "berita" / "2024")
    build(DEV, content, out, PLUGINS=PLUGINS, DELETE_OUTPUT_DIRECTORY=False)
    assert sorted(p.name for p in out.glob("pagefind*")) == ["pagefind", "pagefind-2025"]


def test_indexing_in_the_background_gives_the_same_bundles_as_in_the_build_process(years_content, tmp_path):
    content, _ = years_content
    bundles.runs.clear()
    background = build(PUBLISH, content, tmp_path / "bg", PLUGINS=PLUGINS, CACHE_PATH=str(tmp_path / "bg-cache"))
    forked = [r["pid"] for r in bundles.runs]
    assert len(forked) == 3 and os.getpid() not in forked  # Pagefind ran in the indexing child
    bundles.runs.clear()
    here = build(PUBLISH, content, tmp_path / "here", PLUGINS=PLUGINS, CACHE_PATH=str(tmp_path / "here-cache"),
                 SEARCH={"BACKGROUND": False})
    assert [r["pid"] for r in bundles.runs] == [os.getpid()] * 3
    assert {rel: data for rel, (data, _) in files(background).items()} == \
        {rel: data for rel, (data, _) in files(here).items()}


def test_a_failure_in_the_background_indexing_fails_the_build(years_content, tmp_path, monkeypatch):
    content, _ = years_content

    prepare = bundles.prepare_missing

    def records_lost(periods, keys, cache_path):  # the records vanish before Pagefind reads them
        jobs = prepare(periods, keys, cache_path)
        for job in jobs:
            shutil.rmtree(job["folder"])
        return jobs

    # The forked child inherits the patch; Pagefind then fails in the interpreter it execs.
    monkeypatch.setattr(bundles, "prepare_missing", records_lost)
    with pytest.raises(Exception) as failure:
        build(PUBLISH, content, tmp_path / "out", PLUGINS=PLUGINS, CACHE_PATH=str(tmp_path / "cache"))
    assert "Indexing the search failed" in str(failure.value) and "Pagefind failed" in str(failure.value)
    assert not list((tmp_path / "out").glob("pagefind*"))
    assert not [p for p in (tmp_path / "cache" / bundles.CACHE_FOLDER).iterdir() if p.is_dir()]  # nothing half-made kept


def test_the_newest_year_is_split_into_quarters_and_an_edit_indexes_its_quarter_only(years_content, tmp_path):
    """A story of an earlier quarter of the newest year has a bundle of its own; an edit to the
    newest quarter indexes that quarter again, nothing else; the year split is always the newest
    one (a story of a new year makes the last year's quarters one bundle: test_a_period_is_...)."""
    content, expected = years_content
    spring = move_to_year(content, "panen-tembakau-lotim", 2026, "05")
    cache = str(tmp_path / "cache")
    bundles.runs.clear()
    site = build(PUBLISH, content, tmp_path / "first", PLUGINS=PLUGINS, CACHE_PATH=cache)
    assert sorted(r["period"] for r in bundles.runs) == ["2024", "2025", "2026-tw2", "2026-tw4"]
    assert sorted(p.name for p in site.glob("pagefind*")) == ["pagefind", "pagefind-2024", "pagefind-2025",
                                                              "pagefind-2026-tw2"]
    assert urls_of(site / "pagefind-2026-tw2") == {spring}
    assert urls_of(site / "pagefind") == expected["2026-tw4"] - {"/berita/2026/10/panen-tembakau-lotim/"}
    [fragment] = (site / "pagefind-2026-tw2" / "fragment").glob("*.pf_fragment")
    record = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
    assert record["filters"]["periode"] == ["2026-tw2"]  # the search page lists the periods by it

    story = content / "berita" / "2026" / "10" / "harga-cabai-mataram.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nKalimat tambahan.\n", encoding="utf-8")
    bundles.runs.clear()
    build(PUBLISH, content, tmp_path / "again", PLUGINS=PLUGINS, CACHE_PATH=cache)
    assert [r["period"] for r in bundles.runs] == ["2026-tw4"]

    # The newest year is the one of the newest story: with the 2026 stories gone, 2025 is split.
    shutil.rmtree(content / "berita" / "2026")
    bundles.runs.clear()
    site = build(PUBLISH, content, tmp_path / "year-before", PLUGINS=PLUGINS, CACHE_PATH=cache)
    assert [r["period"] for r in bundles.runs] == ["2025-tw4"]  # 2024 is in the cache
    assert sorted(p.name for p in site.glob("pagefind*")) == ["pagefind", "pagefind-2024"]
    assert urls_of(site / "pagefind") == expected["2025"]

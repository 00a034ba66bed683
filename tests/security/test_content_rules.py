"""Content rules that used to lose things quietly: foreign time zones, links to unpublished
stories, tags without letters, stories sharing a file name, misspelt or broken header lines.

Two content copies, each built in a subprocess and shared by the tests of this module:
- `valid`: stories that must publish cleanly (dates with an offset, two stories with the same
  file name in different months): one publish build;
- `faulty`: stories with problems: one publish build (must fail) and one development build
  (reports and builds).
"""

from __future__ import annotations

import datetime
import zoneinfo
from types import SimpleNamespace

import pytest
from lxml import etree

from tests.helpers import chapter_settings
from tests.quality.checks import report
from tests.security.conftest import (
    Newsroom,
    basic_fields,
    copy_content,
    lines_naming,
    listed,
    pelican,
    site_timezone,
    wita_now,
)
from tests.security.pages import normalise, read_page

SITE = "https://uji.example"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
UTC_DATE = "2026-11-20T02:00:00Z"
# The same instant as UTC_DATE, typed with another zone's offset than the site's (+07:00, WIB,
# or +09:00 where the site is on WIB itself).
_OTHER = 9 if datetime.datetime(2026, 11, 20, tzinfo=zoneinfo.ZoneInfo(chapter_settings()["TIMEZONE"])
                                ).utcoffset() == datetime.timedelta(hours=7) else 7
OTHER_DATE = f"2026-11-20 {2 + _OTHER:02d}:00+{_OTHER:02d}:00"


def _write(content, rel: str, lines: list[str], body: str = "Paragraf berita uji.") -> str:
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")
    return rel


def _header(fields: dict[str, str]) -> list[str]:
    return [f"{k}: {v}" for k, v in fields.items()]


@pytest.fixture(scope="module")
def valid(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("security-valid")
    content = copy_content(tmp / "content")
    newsroom = Newsroom.read(content)
    files = {
        "utc": _write(content, "berita/2026/11/zona-utc-uji.md",
                      _header({**basic_fields(newsroom, "Berita bertanggal UTC"), "Date": UTC_DATE})),
        "offset": _write(content, "berita/2026/11/zona-lain-uji.md",
                         _header({**basic_fields(newsroom, "Berita bertanggal zona lain"), "Date": OTHER_DATE})),
        "twin-old": _write(content, "berita/2026/10/kembar-uji.md",
                           _header({**basic_fields(newsroom, "Kembar Oktober Qwertiokt"), "Date": "2026-10-05 08:00"})),
        "twin-new": _write(content, "berita/2026/11/kembar-uji.md",
                           _header({**basic_fields(newsroom, "Kembar November Qwertinov"), "Date": "2026-11-05 08:00"})),
    }
    build = pelican(content, tmp / "out", "publishconf.py", siteurl=SITE, cache=tmp / "cache")
    return SimpleNamespace(build=build, out=build.output, files=files, newsroom=newsroom)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("security-faulty")
    content = copy_content(tmp / "content")
    newsroom = Newsroom.read(content)
    past = wita_now() - datetime.timedelta(days=2)
    future = wita_now().replace(year=wita_now().year + 1, day=1)
    when = lambda d: f"{d:%Y-%m-%d %H:%M}"  # noqa: E731
    month = f"berita/{past:%Y}/{past:%m}"
    region = newsroom.regions[0]["slug"]
    files = {}
    files["draft"] = _write(content, f"{month}/draf-rahasia-uji.md", _header(
        {**basic_fields(newsroom, "Draf rahasia"), "Date": when(past), "Status": "draft"}))
    files["embargo"] = _write(content, f"berita/{future:%Y}/{future:%m}/embargo-uji.md", _header(
        {**basic_fields(newsroom, "Berita embargo"), "Date": when(future)}))
    files["to-draft"] = _write(content, f"{month}/tautan-ke-draf-uji.md", _header(
        {**basic_fields(newsroom, "Menautkan draf"), "Date": when(past)}),
        f"Lihat [draf]({{filename}}/{files['draft']}).")
    files["to-embargo"] = _write(content, f"{month}/tautan-ke-embargo-uji.md", _header(
        {**basic_fields(newsroom, "Menautkan embargo"), "Date": when(past)}),
        f"Lihat [embargo]({{filename}}/{files['embargo']}).")
    files["empty-tag"] = _write(content, f"{month}/tag-kosong-uji.md", _header(
        {**basic_fields(newsroom, "Tag tanpa huruf"), "Date": when(past), "Tags": "banjir, !!!"}))
    files["sumary"] = _write(content, f"{month}/salah-ketik-ringkasan-uji.md", _header(
        {**basic_fields(newsroom, "Ringkasan salah ketik"), "Date": when(past), "Sumary": "Ringkasan yang hilang."}))
    reigon = {**basic_fields(newsroom, "Wilayah salah ketik"), "Date": when(past)}
    del reigon["Region"]
    lines = _header(reigon) + [f"Reigon: {region}"]
    files["reigon"] = _write(content, f"{month}/salah-ketik-wilayah-uji.md", lines)
    reigon_line = len(lines)
    broken_header = _header({"Title": "Baris rusak di tengah", "Date": when(past)})
    broken_header += ["ini baris tanpa nama kolom"]
    broken_line = len(broken_header)
    rest = basic_fields(newsroom, "")
    del rest["Title"]
    broken_header += _header(rest)
    files["broken-line"] = _write(content, f"{month}/baris-rusak-uji.md", broken_header)
    publish = pelican(content, tmp / "publish", "publishconf.py", siteurl=SITE, cache=tmp / "cache")
    development = pelican(content, tmp / "dev", "pelicanconf.py", cache=tmp / "cache")
    return SimpleNamespace(publish=publish, development=development, files=files,
                           reigon_line=reigon_line, broken_line=broken_line)


# --- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["utc", "offset"])
def test_date_with_an_offset_is_shown_in_site_time(valid, which):
    """A story dated 02:00 UTC (or the same instant with another zone's offset) shows the site's
    clock on its page (10:00 WITA for Asia/Makassar), and its <time datetime> is the same instant
    in the site's zone."""
    assert valid.build.returncode == 0, valid.build.describe()
    zone = zoneinfo.ZoneInfo(site_timezone())
    typed = {"utc": UTC_DATE, "offset": OTHER_DATE}[which]
    instant = datetime.datetime.fromisoformat(typed.replace("Z", "+00:00")).astimezone(zone)
    abbr = valid.newsroom.timezone_abbr
    slug = valid.files[which].rsplit("/", 1)[1][:-3]
    tree = read_page(valid.out, f"berita/{instant:%Y}/{instant:%m}/{slug}/")
    times = tree.css("time[datetime]")
    shown = [f"{t.attributes.get('datetime')} {normalise(t.text())!r}" for t in times]
    matching = [t for t in times if t.attributes.get("datetime") == instant.isoformat()]
    assert matching, f"no <time datetime={instant.isoformat()!r}>: {shown}"
    clock = f"{instant:%H:%M} {abbr}".strip()
    assert any(clock in normalise(t.text()) for t in matching), f"no time shows {clock!r}: {shown}"
    typed_clock = datetime.datetime.fromisoformat(typed.replace("Z", "+00:00"))
    wrong = f"{typed_clock:%H:%M} {abbr}".strip()
    assert not any(wrong in normalise(t.text()) for t in times), f"the typed clock is shown as {abbr} time: {shown}"


# --- stories sharing a file name -------------------------------------------------------------------


def test_stories_sharing_a_file_name_each_get_a_page(valid):
    """Two stories named kembar-uji.md in October and November are two pages, each with its own
    headline, and the sitemap does not present one as a translation (xhtml:link) of the other."""
    assert valid.build.returncode == 0, valid.build.describe()
    urls = {}
    for key, marker in (("twin-old", "Qwertiokt"), ("twin-new", "Qwertinov")):
        year, month = valid.files[key].split("/")[1:3]
        path = f"berita/{year}/{month}/kembar-uji/"
        tree = read_page(valid.out, path)
        h1 = tree.css_first("h1")
        assert h1 is not None and marker in h1.text(), f"/{path} shows {h1.text() if h1 else None!r}"
        urls[key] = f"{SITE}/{path}"
    root = etree.parse(str(valid.out / "sitemap.xml")).getroot()
    problems = []
    for entry in root.iterfind("sm:url", SITEMAP_NS):
        loc = (entry.findtext("sm:loc", namespaces=SITEMAP_NS) or "").strip()
        if loc not in urls.values():
            continue
        links = [link.get("href") for link in entry.iterfind("xhtml:link", SITEMAP_NS)]
        others = [h for h in links if h in urls.values() and h != loc]
        if others:
            problems.append(f"{loc} lists {others} as alternates")
    locs = {(e.text or "").strip() for e in root.iterfind("sm:url/sm:loc", SITEMAP_NS)}
    problems += [f"{u} is not in the sitemap" for u in urls.values() if u not in locs]
    assert not problems, report("sitemap", problems)


# --- links to unpublished stories -------------------------------------------------------------------


@pytest.mark.parametrize("which, target", [("to-draft", "draft"), ("to-embargo", "embargo")])
def test_link_to_unpublished_story_stops_publishing(faulty, which, target):
    """A published story that links ({filename}) to a draft or an embargoed story is a problem in
    the publish build, which fails, naming the linking file (and the file it links to)."""
    build = faulty.publish
    assert build.returncode == 1, build.describe()
    lines = lines_naming(build.problems, faulty.files[which])
    assert lines, report(f"no problem names {faulty.files[which]}", build.problems)
    target_name = faulty.files[target].rsplit("/", 1)[1]
    assert any(target_name in line for line in lines), report(f"no problem names {target_name}", lines)


@pytest.mark.parametrize("which", ["to-draft", "to-embargo"])
def test_link_to_unpublished_story_is_a_warning_in_development(faulty, which):
    """In the editors' development build the same link is a warning (listed under "Warnings",
    naming the linking file), not a problem, and the build goes on (exit 0)."""
    build = faulty.development
    assert build.returncode == 0, build.describe()
    assert lines_naming(build.warnings, faulty.files[which]), report(
        f"no warning names {faulty.files[which]}", build.warnings)
    assert not lines_naming(build.problems, faulty.files[which]), report(
        f"{faulty.files[which]} is listed as a problem", lines_naming(build.problems, faulty.files[which]))


# --- quiet losses --------------------------------------------------------------------------------------


@pytest.mark.parametrize("build_name", ["publish", "development"])
def test_tag_without_letters_is_reported(faulty, build_name):
    """`Tags: banjir, !!!` is reported (file, field Tags, the tag) in both builds."""
    build = getattr(faulty, build_name)
    lines = lines_naming(build.problems, faulty.files["empty-tag"], "Tags")
    assert any("!!!" in line for line in lines), report("no problem about the tag '!!!'", build.problems)


def test_tag_without_letters_never_replaces_the_topic_index(faulty):
    """In the development build /topik/ is still the index of all topics (linking several topic
    pages, banjir among them), not a page for the tag '!!!'."""
    out = faulty.development.output
    assert faulty.development.returncode == 0, faulty.development.describe()
    tree = read_page(out, "topik/")
    topics = {a.attributes.get("href", "").rstrip("/").rsplit("/", 1)[-1]
              for a in tree.css("a[href]") if "/topik/" in (a.attributes.get("href") or "")}
    topics.discard("topik")
    assert "banjir" in topics and len(topics) > 2, f"/topik/ links only {sorted(topics)}"
    assert not (out / "topik" / "index.html").read_text(encoding="utf-8").count("Tag tanpa huruf"), \
        "/topik/ lists the story with the tag '!!!' as if it were that tag's page"


@pytest.mark.parametrize("build_name", ["publish", "development"])
def test_unknown_header_field_is_reported_with_a_suggestion(faulty, build_name):
    """`Sumary:` is reported, naming the file, with "did you mean 'Summary:'"."""
    build = getattr(faulty, build_name)
    lines = lines_naming(build.problems, faulty.files["sumary"])
    assert any("did you mean 'Summary:'" in line for line in lines), report("no suggestion", lines or build.problems)


@pytest.mark.parametrize("build_name", ["publish", "development"])
def test_misspelt_required_field_is_reported_as_missing(faulty, build_name):
    """`Reigon:` without `Region:` is reported as Region missing, naming the line of `Reigon`."""
    build = getattr(faulty, build_name)
    lines = lines_naming(build.problems, faulty.files["reigon"], "Region")
    good = [l for l in lines if "missing" in l.lower() and f"line {faulty.reigon_line}" in l]
    assert good, report(f"no 'Region missing, line {faulty.reigon_line}' problem", lines or build.problems)


@pytest.mark.parametrize("build_name", ["publish", "development"])
def test_broken_header_line_is_reported(faulty, build_name):
    """A line that is not `Field: value` in the middle of the header is reported with its number."""
    build = getattr(faulty, build_name)
    lines = lines_naming(build.problems, faulty.files["broken-line"])
    assert any(f"line {faulty.broken_line}" in l for l in lines), report(
        f"no problem about line {faulty.broken_line}", lines or build.problems)


def test_faulty_publish_build_fails_with_one_list(faulty):
    """The publish build of the faulty content exits 1 after one list of problems, without a
    traceback, and writes nothing."""
    build = faulty.publish
    assert build.returncode == 1, build.describe()
    assert "Traceback" not in build.text, build.describe()
    assert listed(build.text)["headings"].count("Content problems") == 1, build.describe()
    out = build.output
    assert not (out.exists() and any(p.is_file() for p in out.rglob("*"))), "the failed publish build wrote files"


def test_faulty_development_build_builds(faulty):
    """The development build of the same content reports and still builds (exit 0, no traceback)."""
    build = faulty.development
    assert build.returncode == 0, build.describe()
    assert "Traceback" not in build.text, build.describe()
    assert (build.output / "index.html").is_file()

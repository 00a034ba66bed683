"""The newsroom content model on the real content, whatever chapter's it is: a story written with
the chapter's own reporters, region alias and rubric is linked and listed; a draft and an embargoed
story leak nowhere."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
import zoneinfo

import pytest

from tests.helpers import ROOT, build_site, chapter, chapter_settings, page

SITE = chapter_settings()["SITEURL"] + "/"
NEWSROOM = chapter()
# Two of the chapter's reporters (one by name, one by slug), a region by one of its aliases and a
# rubric by its name: what reporters really type.
REPORTERS = list(NEWSROOM.reporters.items())[:2]
REGION = next((r for r in NEWSROOM.regions if r.get("aliases")), NEWSROOM.regions[0])
CATEGORY = NEWSROOM.rubrics[-1]
WRITTEN = datetime.datetime(2026, 11, 20, 14, 5, tzinfo=zoneinfo.ZoneInfo(chapter_settings()["TIMEZONE"]))

EXTRA = f"""Title: Dua Reporter Meliput Panen Raya di Desa Uji
Date: 2026-11-20 14:05
Authors: {REPORTERS[0][1]["name"]}, {REPORTERS[-1][0]}
Region: {(REGION.get("aliases") or [REGION["name"]])[0]}
Category: {CATEGORY["name"]}
Tags: panen, petani
Summary: Panen raya di desa uji diliput dua wartawan kami.
Dateline: Desa Uji

Panen raya di desa uji berlangsung meriah.
"""

DRAFT = f"""Title: Draf Yang Tidak Boleh Bocor
Date: 2026-11-21 10:00
Authors: {REPORTERS[0][0]}
Region: {REGION["slug"]}
Category: {CATEGORY["slug"]}
Summary: QQDRAFTLEAK ringkasan.
Status: draft

QQDRAFTLEAK isi draf.
"""

FUTURE = f"""Title: Berita Embargo Tahun 2099
Date: 2099-06-01 08:00
Authors: {REPORTERS[0][0]}
Region: {REGION["slug"]}
Category: {CATEGORY["slug"]}
Summary: QQEMBARGOLEAK ringkasan.

QQEMBARGOLEAK isi embargo.
"""


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    base = tmp_path_factory.mktemp("extended")
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "berita/2026/11/panen-raya-desa-uji.md").write_text(EXTRA, encoding="utf-8")
    (content / "berita/2026/11/draf-tidak-boleh-bocor.md").write_text(DRAFT, encoding="utf-8")
    (content / "berita/2099/06").mkdir(parents=True)
    (content / "berita/2099/06/berita-embargo-2099.md").write_text(FUTURE, encoding="utf-8")
    return build_site("publishconf.py", base / "out", content=content)


def test_alias_and_two_authors(extended):
    tree = page(extended, "berita/2026/11/panen-raya-desa-uji/")
    article = tree.css_first("article")
    hrefs = {a.attributes.get("href") for a in article.css("a")}
    assert SITE + f"wilayah/{REGION['slug']}/" in hrefs
    for slug, _profile in REPORTERS:
        assert SITE + f"penulis/{slug}/" in hrefs
    times = [t for t in tree.css("time") if t.attributes.get("datetime") == WRITTEN.isoformat()]
    assert times, f"published time with the site's offset ({WRITTEN.isoformat()})"
    assert any(t.text(strip=True) == f"Jumat, 20 November 2026 14:05 {NEWSROOM.timezone_abbr}" for t in times)


@pytest.mark.parametrize("listing", [f"wilayah/{REGION['slug']}/", *(f"penulis/{slug}/" for slug, _ in REPORTERS),
                                     f"kategori/{CATEGORY['slug']}/"])
def test_listed_on_region_reporters_and_category(extended, listing):
    tree = page(extended, listing)
    assert any(a.attributes.get("href") == SITE + "berita/2026/11/panen-raya-desa-uji/" for a in tree.css("a"))


def test_draft_and_future_story_are_nowhere(extended):
    for path in extended.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in (b"QQDRAFTLEAK", b"QQEMBARGOLEAK", b"draf-tidak-boleh-bocor", b"berita-embargo-2099",
                           b"Draf Yang Tidak Boleh", b"Embargo Tahun 2099"):
                assert secret not in data, f"{secret!r} in {path}"
    assert not (extended / "drafts").exists()


# The matrix of broken files (every kind of problem, named all at once, by `pelican` and by
# `invoke check`) is the plugin's own suite: plugins/newsroom/tests/test_validation.py, and on a
# copy of the real content, tests/security/test_broken_files.py.


def _run(args, **kw):
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600, **kw)


def test_invoke_check_passes_on_the_sample_content():
    result = _run([sys.executable, "-m", "invoke", "check"])
    assert result.returncode == 0, result.stdout + result.stderr

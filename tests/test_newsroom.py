"""The newsroom content model on the real sample content (the issue's acceptance scenario)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.helpers import ROOT, build_site, page

SITE = "https://ntb.fpii.or.id/"

EXTRA = """Title: Dua Reporter Meliput Panen Raya Tembakau di Sakra
Date: 2026-11-20 14:05
Authors: Muhammad Zainul Arifin, hendra-saputra
Region: Lotim
Category: Ekonomi
Tags: tembakau, petani
Summary: Panen raya tembakau virginia di Sakra diliput dua wartawan kami.
Dateline: Selong
Editor: LAF

Panen raya tembakau virginia di Kecamatan Sakra berlangsung meriah.
"""

DRAFT = """Title: Draf Yang Tidak Boleh Bocor
Date: 2026-11-21 10:00
Authors: Syamsul Bahri
Region: KLU
Category: Peristiwa
Summary: QQDRAFTLEAK ringkasan.
Status: draft

QQDRAFTLEAK isi draf.
"""

FUTURE = """Title: Berita Embargo Tahun 2099
Date: 2099-06-01 08:00
Authors: Syamsul Bahri
Region: KLU
Category: Peristiwa
Summary: QQEMBARGOLEAK ringkasan.

QQEMBARGOLEAK isi embargo.
"""


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    base = tmp_path_factory.mktemp("extended")
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "berita/2026/11/panen-raya-tembakau-sakra.md").write_text(EXTRA, encoding="utf-8")
    (content / "berita/2026/11/draf-tidak-boleh-bocor.md").write_text(DRAFT, encoding="utf-8")
    (content / "berita/2099/06").mkdir(parents=True)
    (content / "berita/2099/06/berita-embargo-2099.md").write_text(FUTURE, encoding="utf-8")
    return build_site("publishconf.py", base / "out", content=content)


def test_alias_and_two_authors(extended):
    tree = page(extended, "berita/2026/11/panen-raya-tembakau-sakra/")
    article = tree.css_first("article")
    hrefs = {a.attributes.get("href") for a in article.css("a")}
    assert SITE + "wilayah/lombok-timur/" in hrefs
    assert SITE + "penulis/muhammad-zainul-arifin/" in hrefs
    assert SITE + "penulis/hendra-saputra/" in hrefs
    times = [t for t in tree.css("time") if t.attributes.get("datetime") == "2026-11-20T14:05:00+08:00"]
    assert times, "published time with +08:00 offset"
    assert any(t.text(strip=True) == "Jumat, 20 November 2026 14:05 WITA" for t in times)


@pytest.mark.parametrize("listing", ["wilayah/lombok-timur/", "penulis/muhammad-zainul-arifin/",
                                     "penulis/hendra-saputra/", "kategori/ekonomi/"])
def test_listed_on_region_reporters_and_category(extended, listing):
    tree = page(extended, listing)
    assert any(a.attributes.get("href") == SITE + "berita/2026/11/panen-raya-tembakau-sakra/" for a in tree.css("a"))


def test_draft_and_future_story_are_nowhere(extended):
    for path in extended.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in (b"QQDRAFTLEAK", b"QQEMBARGOLEAK", b"draf-tidak-boleh-bocor", b"berita-embargo-2099",
                           b"Draf Yang Tidak Boleh", b"Embargo Tahun 2099"):
                assert secret not in data, f"{secret!r} in {path}"
    assert not (extended / "drafts").exists()


BROKEN = {
    "tanpa-judul-dan-rubrik.md": "Date: 2026-11-10 10:00\nAuthors: Siti Rahmawati\nRegion: Sumbawa\n",
    "tanggal-tidak-terbaca.md": "Title: A\nDate: kemarin sore\nAuthors: Siti Rahmawati\nRegion: Sumbawa\nCategory: Ekonomi\n",
    "tanggal-mustahil.md": "Title: B\nDate: 2026-11-31 10:00\nAuthors: Siti Rahmawati\nRegion: Sumbawa\nCategory: Ekonomi\n",
    "penulis-tak-dikenal.md": "Title: C\nDate: 2026-11-10 10:00\nAuthors: Siti Rahmawatii\nRegion: Sumbawa\nCategory: Ekonomi\n",
    "wilayah-tak-dikenal.md": "Title: D\nDate: 2026-11-10 10:00\nAuthors: Siti Rahmawati\nRegion: Lombok Timurr\nCategory: Ekonomi\n",
    "rubrik-tak-dikenal.md": "Title: E\nDate: 2026-11-10 10:00\nAuthors: Siti Rahmawati\nRegion: Sumbawa\nCategory: Olah Raga\n",
    "url-kembar.md": None,  # same URL as an existing story, filled below
    "bukan-utf8.md": b"Title: F\nDate: 2026-11-10 10:00\n\nHarga naik 5\xb0 persen\n",
    "foto-tidak-ada.md": "Title: G\nDate: 2026-11-10 10:00\nAuthors: Siti Rahmawati\nRegion: Sumbawa\nCategory: Ekonomi\nImage: images/tidak-ada.jpg\n",
    "tautan-putus.md": "Title: H\nDate: 2026-11-10 10:00\nAuthors: Siti Rahmawati\nRegion: Sumbawa\nCategory: Ekonomi\n",
}


@pytest.fixture(scope="module")
def broken_content(tmp_path_factory):
    content = tmp_path_factory.mktemp("broken") / "content"
    shutil.copytree(ROOT / "content", content)
    folder = content / "berita/2026/11"
    existing = sorted(folder.glob("*.md"))[0]
    for name, text in BROKEN.items():
        if isinstance(text, bytes):
            (folder / name).write_bytes(text)
            continue
        if text is None:
            text = existing.read_text(encoding="utf-8").split("\n\n", 1)[0] + f"\nSlug: {existing.stem}\n"
        body = "Isi."
        if name == "tautan-putus.md":
            body = "Lihat [ini]({filename}/berita/2026/11/tidak-pernah-ada.md)."
        (folder / name).write_text(text + "\n" + body + "\n", encoding="utf-8")
    return content


def _run(args, **kw):
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600, **kw)


def test_publish_build_fails_naming_all_ten(broken_content, tmp_path):
    result = _run([sys.executable, "-m", "pelican", str(broken_content), "-s", "publishconf.py", "-o", str(tmp_path / "o")])
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for name in BROKEN:
        assert name in output, f"{name} not named:\n{output[-4000:]}"
    assert "did you mean 'Lombok Timur'?" in output
    assert "did you mean 'Siti Rahmawati'?" in output
    assert "Traceback" not in output


def test_invoke_check_fails_naming_all_ten(broken_content):
    result = _run([sys.executable, "-m", "invoke", "check", "--content", str(broken_content)])
    assert result.returncode == 1
    output = result.stdout + result.stderr
    for name in BROKEN:
        assert name in output, f"{name} not named:\n{output[-4000:]}"
    assert "did you mean 'Olahraga'?" in output


def test_invoke_check_passes_on_the_sample_content():
    result = _run([sys.executable, "-m", "invoke", "check"])
    assert result.returncode == 0, result.stdout + result.stderr

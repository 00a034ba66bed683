"""Accountable journalism (issue 12): corrections, right of reply, verification notes and updates,
retractions and advertorials, over a copy of the sample content with our own fixture stories."""

from __future__ import annotations

import datetime
import gzip
import json
import shutil
import zoneinfo
from pathlib import Path

import pytest

from tests.helpers import ROOT, build_site, chapter, chapter_settings, page

ZONE = zoneinfo.ZoneInfo(chapter_settings()["TIMEZONE"])
SITE = chapter_settings()["SITEURL"] + "/"
_NEWSROOM = chapter()
_EDITOR = next((p["initials"] for p in _NEWSROOM.reporters.values() if p.get("initials")), "Red")
HEAD = (f"Authors: {_NEWSROOM.any_reporter}\nRegion: {_NEWSROOM.regions[0]['slug']}\n"
        f"Category: {_NEWSROOM.rubrics[0]['slug']}\nEditor: {_EDITOR}\n")
SECRET = "Kalimat rahasia tentang bendungan Sambelia ini tidak boleh terbit di mana pun."
SECRET_SUMMARY = "Ringkasan rahasia bendungan Sambelia."
NOW = datetime.datetime.now(ZONE).replace(second=0, microsecond=0)
FRESH = NOW - datetime.timedelta(hours=3)  # inside the news sitemap's two days


def at(local: str) -> str:
    """An ISO 8601 time on the site's clock, with the site's offset (as pages and JSON-LD print it)."""
    return datetime.datetime.fromisoformat(local).replace(tzinfo=ZONE).isoformat()


def story(folder: Path, name: str, date: datetime.datetime, header: str, body: str) -> str:
    rel = f"berita/{date:%Y}/{date:%m}/{name}.md"
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Title: {name.replace('-', ' ').title()}\nDate: {date:%Y-%m-%d %H:%M}\n{HEAD}{header}\n{body}\n",
                    encoding="utf-8")
    return rel


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("akuntabel")
    content = base / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("README.md"))
    d = datetime.datetime(2026, 8, 25, 9, 0)
    rels = {
        "ralat": story(content, "uji-dua-ralat", d, "Correction: 2026-08-27 14:30 | Jumlah warga diperbaiki menjadi 2.870 KK.\n"
                                                    "Correction: 2026-08-26 09:05 | Nama kepala desa diperbaiki.\n",
                       "Warga Bayan menerima air bersih."),
        "asli": story(content, "uji-berita-asli", d + datetime.timedelta(hours=1), "Verification: pending\n",
                      "Kepala desa dituding menyelewengkan dana."),
        "dicabut": story(content, "uji-berita-dicabut", d + datetime.timedelta(hours=3),
                         f"Summary: {SECRET_SUMMARY}\nStatus: retracted\n"
                         "Retraction: 2026-08-28 10:00 | Narasumber utama tidak dapat diverifikasi.\n",
                         f"{SECRET}\n\nParagraf kedua yang juga tidak boleh terbit."),
        "dicabut2": story(content, "uji-dicabut-tanpa-ringkasan", d + datetime.timedelta(hours=4),
                          "Status: retracted\nRetraction: 2026-08-29 08:00 | Data keliru.\n",
                          "Ringkasan otomatis dari paragraf waduk Pringgabaya ini tidak boleh tampil."),
        "iklan": story(content, "uji-advertorial", FRESH, "Type: advertorial\nFeatured: true\n",
                       "Kunjungi [toko kami](https://toko.example/promo) untuk promo."),
        "kontrol": story(content, "uji-berita-kontrol", FRESH - datetime.timedelta(minutes=5), "", "Berita biasa."),
    }
    original = (content / rels["asli"]).read_bytes()
    rels["jawab"] = story(content, "uji-hak-jawab", d + datetime.timedelta(days=1),
                          f"Reply_To: {rels['asli']}\n", "Kepala desa membantah tudingan itu.")
    rels["baru"] = story(content, "uji-pembaruan", d + datetime.timedelta(days=2),
                         f"Update_Of: {rels['asli']}\n", "Hasil verifikasi menunjukkan dana utuh.")
    out = build_site("publishconf.py", base / "out", content=content)
    return out, content, rels, original


def url(rel: str) -> str:
    parts = rel.removesuffix(".md").split("/")
    return "/".join(parts) + "/"


def every_file(out: Path):
    """Every output file's bytes; Pagefind's gzipped index and fragments decompressed, so they are read too."""
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield path, data


def test_two_corrections_shown_listed_and_date_modified(site):
    out, _, rels, _ = site
    doc = page(out, url(rels["ralat"]))
    box = doc.css_first("section.corrections")
    assert box is not None and "Ralat" in box.text()
    text = box.text()
    assert "Jumlah warga diperbaiki" in text and "Nama kepala desa diperbaiki" in text
    times = [t.attributes["datetime"] for t in box.css("time")]
    assert times == [at("2026-08-27T14:30"), at("2026-08-26T09:05")]
    ld = [json.loads(s.text()) for s in doc.css('script[type="application/ld+json"]')]
    article = next(b for b in ld if b["@type"] == "NewsArticle")
    assert article["dateModified"] == at("2026-08-27T14:30")
    updated = [t.attributes["datetime"] for t in doc.css(".byline-time time")]
    assert updated == [at("2026-08-25T09:00"), at("2026-08-27T14:30")]  # published, updated
    assert [c["@type"] for c in article["correction"]] == ["CorrectionComment"] * 2
    assert article["correction"][0]["datePublished"] == at("2026-08-27T14:30")
    log = page(out, "ralat/").html
    assert log.count(url(rels["ralat"])) == 2  # one entry per correction
    assert log.index("Jumlah warga") < log.index("Nama kepala desa")  # newest first
    assert "Narasumber utama tidak dapat diverifikasi" in log and url(rels["jawab"]) in log
    standing = page(out, "koreksi-dan-hak-jawab/").html
    assert url(rels["ralat"]) in standing
    home = json.loads(page(out, "").css_first('script[type="application/ld+json"]').text())
    assert home.get("correctionsPolicy")


def test_reply_and_original_link_both_ways(site):
    out, content, rels, original = site
    reply = page(out, url(rels["jawab"])).html
    assert "Hak Jawab" in reply and url(rels["asli"]) in reply
    orig = page(out, url(rels["asli"]))
    replies = orig.css_first("section.replies")
    assert replies is not None and "Hak jawab atas berita ini" in replies.text()
    assert url(rels["jawab"]) in replies.html
    assert (content / rels["asli"]).read_bytes() == original


def test_pending_verification_note_and_update_link(site):
    out, _, rels, _ = site
    doc = page(out, url(rels["asli"]))
    note = doc.css_first(".verification-note em")
    assert note is not None
    assert note.text().strip() == "(Berita ini masih dalam proses verifikasi dan akan diperbarui.)"
    updates = doc.css_first("section.updates")
    assert updates is not None and "Pembaruan" in updates.text() and url(rels["baru"]) in updates.html
    assert url(rels["asli"]) in page(out, url(rels["baru"])).css_first("section.updates").html


def test_retracted_story_keeps_url_shows_reason_and_nothing_of_its_body(site):
    out, _, rels, _ = site
    doc = page(out, url(rels["dicabut"]))
    notice = doc.css_first("section.retraction")
    assert notice is not None and "Dicabut" in notice.text()
    assert "Narasumber utama tidak dapat diverifikasi" in notice.text()
    assert notice.css_first("time").attributes["datetime"] == at("2026-08-28T10:00")
    assert doc.css_first("h1").text().replace("\xa0", " ") == "Uji Berita Dicabut"
    # The grep sees the search index: the control story's body is found in Pagefind's fragments.
    assert any(p.parts[-2:-1] == ("fragment",) and b"Berita biasa" in data for p, data in every_file(out))
    for needle in ("bendungan Sambelia", "Paragraf kedua", "waduk Pringgabaya"):
        hits = [str(p) for p, data in every_file(out) if needle.encode() in data]
        assert not hits, f"{needle!r} published in {hits}"
    assert "Data keliru" in page(out, url(rels["dicabut2"])).css_first("section.retraction").text()
    home = page(out, "").html
    assert url(rels["dicabut"]) not in home
    assert url(rels["dicabut"]) not in (out / "sitemap-news.xml").read_text()
    assert url(rels["dicabut"]) not in (out / "feeds" / "semua.atom.xml").read_text()
    assert (out / "pagefind").is_dir()


def test_advertorial_labelled_sponsored_and_never_headline_or_news(site):
    out, _, rels, _ = site
    ad = url(rels["iklan"])
    doc = page(out, ad)
    assert doc.css_first(".flag-advertorial").text().strip() == "Advertorial"
    link = doc.css_first('.story-body a[href="https://toko.example/promo"]')
    assert "sponsored" in link.attributes["rel"].split()
    listings = 0
    for path, data in every_file(out):
        if path.suffix != ".html" or path.parent == out / url(rels["iklan"]).rstrip("/"):
            continue
        html = data.decode()
        if f'href="{SITE}{ad}"' in html:
            listings += 1
            for li in page(out, str(path.parent.relative_to(out))).css("article.card, article.lead-story, ul.headlines li"):
                if ad in li.html:
                    assert li.css_first(".flag-advertorial") is not None, path
    assert listings >= 2
    home = page(out, "")
    lead = home.css_first(".lead-story")
    assert ad not in lead.html and lead.css_first(".flag-advertorial") is None  # it is Featured and newest
    news = (out / "sitemap-news.xml").read_text()
    assert ad not in news and url(rels["kontrol"]) in news


BAD = {
    "ralat-rusak": ("Correction: kemarin sore salah nama\n", "Correction"),
    "ralat-tanpa-teks": ("Correction: 2026-08-26 09:05 |\n", "Correction"),
    "cabut-tanpa-alasan": ("Status: retracted\nRetraction: 2026-08-28 10:00 |\n", "Retraction"),
    "cabut-tanpa-baris": ("Status: retracted\n", "Status"),
    "jawab-hilang": ("Reply_To: berita/2026/08/tidak-ada.md\n", "Reply_To"),
    "pembaruan-hilang": ("Update_Of: berita/2026/08/tidak-ada-juga.md\n", "Update_Of"),
    "jenis-aneh": ("Type: advertorail\n", "Type"),
    "verifikasi-aneh": ("Verification: mungkin\n", "Verification"),
}


def test_each_validation_error_is_one_indonesian_problem(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSROOM_LANG", "id")  # the root conftest asks for English
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("README.md"))
    d = datetime.datetime(2026, 8, 25, 9, 0)
    for name, (header, _) in BAD.items():
        story(content, name, d, header, "Isi berita.")
    with pytest.raises(SystemExit) as raised:  # newsroom.problems.ContentError (a strict build)
        build_site("publishconf.py", tmp_path / "out", content=content)
    assert type(raised.value).__name__ == "ContentError", raised.value
    problems = raised.value.problems
    for name, (_, field) in BAD.items():
        mine = [p for p in problems if p.path.endswith(f"{name}.md")]
        assert len(mine) == 1, (name, mine)
        assert mine[0].field == field, (name, mine[0])
        assert any(w in mine[0].message for w in ("bukan", "tidak", "tuliskan", "tambahkan")), mine[0]
        assert not any(w in mine[0].message for w in (" is ", " the ", " does not ")), mine[0]

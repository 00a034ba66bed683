"""Small pieces: date parsing, lookups with suggestions, Indonesian date filters, scaffolding."""

import datetime
import zoneinfo

import pytest

from newsroom.data import Lookup
from newsroom.dates import DateFilters
from newsroom.reader import parse_date
from newsroom.scaffold import new_article
from newsroom.settings import SettingsError, newsroom_settings

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


@pytest.mark.parametrize("text, expected", [
    ("2026-10-14 09:35", datetime.datetime(2026, 10, 14, 9, 35)),
    ("2026-10-14T09:35:10", datetime.datetime(2026, 10, 14, 9, 35, 10)),
    ("2026-10-14", datetime.datetime(2026, 10, 14)),
])
def test_parse_date_accepts_what_reporters_write(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["14-10-2026 09:35", "14/10/2026 pukul 09.35 WITA"])
def test_parse_date_rewrites_the_local_form(text):
    with pytest.raises(ValueError, match="write it as 2026-10-14 09:35"):
        parse_date(text)


@pytest.mark.parametrize("text", ["kemarin", "2026-13-01 10:00", "2026-02-29 10:00", "2026-10-14 25:00"])
def test_parse_date_rejects_with_a_hint(text):
    with pytest.raises(ValueError, match="YYYY-MM-DD HH:MM"):
        parse_date(text)


def test_lookup_ignores_case_and_punctuation_and_suggests():
    lookup = Lookup("Region")
    timur, bima = object(), object()
    lookup.add(timur, "lombok-timur", "Lombok Timur", "Lotim", label="Lombok Timur")
    lookup.add(bima, "bima", "Kabupaten Bima", "Kab. Bima", label="Kabupaten Bima")
    assert lookup.get("LOTIM") is timur
    assert lookup.get("kab bima") is bima
    assert lookup.get("Bima Kota") is None
    assert lookup.unknown("Lombok Timurr") == "Region 'Lombok Timurr' is unknown; did you mean 'Lombok Timur'?"
    assert "did you mean" not in lookup.unknown("Jakarta")
    assert lookup.add(object(), "Lotim", label="x") == "Lotim"  # a clash is reported, not overwritten
    assert lookup.get("lotim") is timur


def test_indonesian_dates():
    f = DateFilters("id", "WITA")
    when = datetime.datetime(2024, 8, 20, 12, 40, tzinfo=WITA)
    assert f.tanggal(when) == "Selasa, 20 Agustus 2024 12:40 WITA"
    assert f.tanggal_pendek(when) == "20 Agu 2024"
    assert f.jam(when) == "12:40 WITA"
    assert f.bulan_tahun(when) == "Agustus 2024"
    assert f.isodate(when) == "2024-08-20T12:40:00+08:00"


def test_unknown_setting_keys_are_refused():
    with pytest.raises(SettingsError, match="STRICTT"):
        newsroom_settings({"NEWSROOM": {"STRICTT": True}})
    assert newsroom_settings({})["STRICT"] is False


def test_scaffold_writes_a_draft_and_never_overwrites(content):
    now = datetime.datetime(2026, 11, 2, 8, 5, tzinfo=WITA)
    path = new_article(content, "Jalan Rusak di Sakra Dikeluhkan Warga!", region="lotim",
                       author="lalu-uji-dua", category="ekonomi", now=now)
    assert path == content / "berita/2026/11/jalan-rusak-di-sakra-dikeluhkan-warga.md"
    text = path.read_text()
    assert "Region: Lombok Timur\n" in text and "Authors: Lalu Uji Dua\n" in text
    assert "Status: draft\n" in text and "Date: 2026-11-02 08:05\n" in text
    with pytest.raises(SystemExit, match="already exists"):
        new_article(content, "Jalan Rusak di Sakra Dikeluhkan Warga!", now=now)
    with pytest.raises(SystemExit, match="did you mean 'Lombok Timur'"):
        new_article(content, "Lain", region="Lombok Timurr", now=now)


def test_photo_link_pattern_finds_what_the_look_behind_form_found():
    import re

    from newsroom import bodyphotos

    before = re.compile(bodyphotos.MD_PHOTO_LINK.pattern.replace(r"\[(?<!!\[)", r"(?<!!)\[", 1), re.IGNORECASE)
    assert before.pattern != bodyphotos.MD_PHOTO_LINK.pattern
    texts = ["[a](x.jpg) awal", "![a](x.jpg) gambar", "!![a](x.PNG)", "teks [b](<y.webp> \"judul\") dan ![c](z.jpeg)",
             "[[a](x.jpg)", "![a](x.jpg)[b](y.jpg)", "\n[a](x.txt) [b]( x.Jpg )", "!", "[", "![]([c](d.png))"]
    for text in texts:
        assert [(m.span(), m.groups()) for m in bodyphotos.MD_PHOTO_LINK.finditer(text)] == \
            [(m.span(), m.groups()) for m in before.finditer(text)], text
    assert [m.group(1) for m in bodyphotos.MD_PHOTO_LINK.finditer(texts[3])] == ["y.webp"]


def test_problem_log_keeps_each_problem_once_in_the_order_met():
    from newsroom.problems import ProblemLog

    log = ProblemLog()
    for i in range(3000):  # an archive import: thousands of problems, many repeated
        log.add(f"berita/{i % 1000}.md", "Region", "is unknown")
    log.warn("berita/1.md", "", "removed a script from the text")
    log.add("berita/0.md", "Region", "is unknown")
    assert len(log) == 1001 and len(log.items) == 1001
    assert [p.path for p in log.items[:3]] == ["berita/0.md", "berita/1.md", "berita/2.md"]
    assert [p.warning for p in log.items[-1:]] == [True] and len(log.errors) == 1000 and len(log.warnings) == 1
    before = len(log)
    log.add("berita/baru.md", "Title", "is empty")
    log.extend(log.items[:5])  # met before: nothing added
    assert [p.path for p in log.since(before)] == ["berita/baru.md"]
    gone = log.items[:2]
    log.discard(gone)
    assert len(log) == 1000 and not any(p in log.items for p in gone)
    log.extend(gone)  # back, at the end
    assert log.items[-2:] == gone

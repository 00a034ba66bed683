"""Hostile or broken input never reaches a reader: each case is a named problem or a warning.

Plugin-level scenarios over the small fixture newsroom (site-level ones, in a real browser, are in
tests/security/).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from newsroom.check import check
from newsroom.problems import ContentError

from .conftest import DEV, PUBLISH, build, settings_for

HEADER = """Title: {title}
Date: {date}
Authors: Lalu Uji Dua
Region: Lotim
Category: Ekonomi
Summary: Ringkasan.
Dateline: Selong
Editor: BUS
"""


def article(folder: Path, name: str, body: str = "Isi berita.", extra: str = "", title: str | None = None,
            date: str = "2026-10-12 10:00", header: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = (header if header is not None else HEADER.format(title=title or name, date=date)) + extra
    path = folder / name
    path.write_text(text + "\n" + body + "\n", encoding="utf-8")
    return path


def page(site: Path, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / rel / "index.html").read_text(encoding="utf-8"))


def strict_problems(content: Path, tmp_path: Path, capsys) -> str:
    with pytest.raises(ContentError):
        build(PUBLISH, content, tmp_path / "out")
    return capsys.readouterr().err


def lines_for(text: str, name: str) -> list[str]:
    return [line for line in text.splitlines() if name in line]


# --- header fields ------------------------------------------------------------------------------
def test_unknown_misspelt_and_broken_header_lines_are_named(content, tmp_path, capsys):
    folder = content / "berita/2026/10"
    article(folder, "ringkasan-salah.md", header=HEADER.format(title="A", date="2026-10-12 10:00")
            .replace("Summary:", "Sumary:"))
    article(folder, "wilayah-salah-eja.md", header=HEADER.format(title="B", date="2026-10-12 10:00")
            .replace("Region: Lotim", "Reigon: Lotim"))
    article(folder, "baris-rusak.md", header=HEADER.format(title="C", date="2026-10-12 10:00")
            .replace("Dateline: Selong\n", "Dateline: Selong\nIni bukan baris header\n"))
    article(folder, "dua-kali.md", extra="Title: Judul Kedua\n")
    err = strict_problems(content, tmp_path, capsys)
    (line,) = lines_for(err, "ringkasan-salah.md")
    assert "line 6: 'sumary' is not a header field; did you mean 'Summary:'?" in line
    region = lines_for(err, "wilayah-salah-eja.md")
    assert any("Region: is missing: line 4 has 'reigon:'; write it as 'Region:'" in x for x in region), region
    assert any("line 8 ('Ini bukan baris header') is not a 'Field: value' line" in x
               for x in lines_for(err, "baris-rusak.md"))
    assert any("Title: is written twice (lines 1 and 9)" in x for x in lines_for(err, "dua-kali.md"))


def test_unknown_fields_are_never_acted_upon(content, tmp_path, capsys):
    """`Save_as:` is Pelican's own field; from a reporter's header it must not move the page."""
    article(content / "berita/2026/10", "pindah.md", extra="Save_as: ../../keluar.html\n")
    err = strict_problems(content, tmp_path, capsys)
    assert "'save_as' is not a header field" in err
    build(DEV, content, tmp_path / "dev")
    assert not (tmp_path / "keluar.html").exists()
    assert (tmp_path / "dev/berita/2026/10/pindah/index.html").is_file()


def test_a_tag_without_letters_is_reported_and_writes_no_page(content, tmp_path, capsys):
    article(content / "berita/2026/10", "tag-kosong.md", extra="Tags: banjir, !!!, ???\n")
    err = strict_problems(content, tmp_path, capsys)
    assert any("Tags: '!!!' has no letters or digits" in x for x in lines_for(err, "tag-kosong.md"))
    out = build(DEV, content, tmp_path / "dev")
    assert (out / "topik/banjir/index.html").is_file()
    # An empty slug would have made TAG_SAVE_AS "topik//index.html": the topic index's place.
    assert not (out / "topik/index.html").exists()


def test_title_length_is_limited(content, tmp_path, capsys):
    article(content / "berita/2026/10", "judul-panjang.md", title="Sangat " * 30)
    err = strict_problems(content, tmp_path, capsys)
    assert any("Title: is 209 characters long; the limit is 150" in x for x in lines_for(err, "judul-panjang.md"))


def test_body_size_is_limited(content, tmp_path, capsys):
    article(content / "berita/2026/10", "terlalu-besar.md", body="kata " * 70_000)
    err = strict_problems(content, tmp_path, capsys)
    assert any("is 350 KB; the limit is 300 KB" in x for x in lines_for(err, "terlalu-besar.md"))


# --- dates ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("written", ["2026-10-12T02:00:00Z", "2026-10-12 09:00+07:00", "2026-10-12 10:00"])
def test_dates_with_another_offset_are_shown_on_the_wita_clock(content, tmp_path, written):
    article(content / "berita/2026/10", "zona.md", date=written)
    out = build(PUBLISH, content, tmp_path / "out")
    time = page(out, "berita/2026/10/zona").css_first("time.published")
    assert time.attributes["datetime"] == "2026-10-12T10:00:00+08:00"
    assert "10:00" in time.text()


# --- text is text ---------------------------------------------------------------------------------
HOSTILE_TITLE = "Banjir & <img src=x onerror=alert(1)> \"Longsor\" </h1><script>alert(2)</script>"


def test_markup_in_a_title_is_text(content, tmp_path):
    article(content / "berita/2026/10", "judul-jahat.md", title=HOSTILE_TITLE)
    out = build(PUBLISH, content, tmp_path / "out")
    doc = page(out, "berita/2026/10/judul-jahat")
    assert doc.css_first("h1").text().replace("\xa0", " ") == HOSTILE_TITLE
    assert not doc.css("main img[onerror], main script")


def test_raw_html_in_a_body_is_sanitised_with_a_warning(content, tmp_path, capsys):
    body = ('<script>alert(1)</script>\n\nTeks <a href="javascript:alert(2)">klik</a> '
            '[situs](https://contoh.example/a).\n\n<iframe src="https://www.youtube.com/embed/abc123"></iframe>\n')
    article(content / "berita/2026/10", "isi-jahat.md", body=body)
    out = build(PUBLISH, content, tmp_path / "out")  # warnings do not stop a publish build
    err = capsys.readouterr().err
    warned = " ".join(lines_for(err, "isi-jahat.md"))
    assert "Warnings" in err and "<script> element" in warned and "javascript: link" in warned
    doc = page(out, "berita/2026/10/isi-jahat")
    assert not doc.css("article script")
    assert not [a for a in doc.css("article a") if "javascript" in (a.attributes.get("href") or "")]
    external = doc.css_first('article a[href="https://contoh.example/a"]')
    assert "noopener" in external.attributes["rel"]
    frame = doc.css_first("article div.embed iframe")
    assert frame.attributes["src"] == "https://www.youtube-nocookie.com/embed/abc123"


def test_every_build_writes_the_security_headers_file(published):
    text = (published / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy: default-src 'self';" in text
    assert "frame-ancestors" in text and "Strict-Transport-Security" in text and "nosniff" in text
    assert "unsafe-inline" not in text


# --- files stay inside content/ -------------------------------------------------------------------
@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder beside the content, holding what must never be read: a real photo and an article."""
    folder = tmp_path / "luar"
    folder.mkdir()
    Image.new("RGB", (640, 480), "red").save(folder / "rahasia.jpg")
    (folder / "sub").mkdir()
    Image.new("RGB", (640, 480), "blue").save(folder / "sub" / "foto.jpg")
    article(folder, "luar.md", body="ZZOUTSIDESECRET kalimat dari luar repositori.")
    (folder / "catatan.txt").write_text("ZZOUTSIDESECRET", encoding="utf-8")
    return folder


def test_paths_and_links_outside_content_are_problems_and_nothing_is_read(content, outside, tmp_path, capsys):
    folder = content / "berita/2026/10"
    (content / "images/tautan.jpg").symlink_to(outside / "rahasia.jpg")
    (content / "images/folder-luar").symlink_to(outside / "sub")
    os.symlink(outside / "luar.md", folder / "disisipkan.md")
    (content / "extra").mkdir()
    (content / "extra/catatan.txt").symlink_to(outside / "catatan.txt")
    article(folder, "naik-folder.md", extra="Image: ../luar/rahasia.jpg\n")
    article(folder, "foto-tautan.md", extra="Image: images/tautan.jpg\n")
    article(folder, "folder-tautan.md", extra="Image: images/folder-luar/foto.jpg\n")
    article(folder, "tautan-statis.md", body="[unduh]({static}../../../../luar/catatan.txt)")
    before = sorted((p.name, p.stat().st_mtime_ns) for p in outside.rglob("*"))

    err = strict_problems(content, tmp_path, capsys)
    for name, words in {
        "naik-folder.md": "Image: photo '../luar/rahasia.jpg' points outside the content folder",
        "foto-tautan.md": "Image: photo 'images/tautan.jpg' is a symbolic link",
        "folder-tautan.md": "Image: photo 'images/folder-luar/foto.jpg' is a symbolic link",
        "disisipkan.md": "is a symbolic link to",
        "tautan-statis.md": "points outside the content folder",
    }.items():
        assert any(words in x for x in lines_for(err, name)), (name, lines_for(err, name))
    assert "Traceback" not in err

    out = build(DEV, content, tmp_path / "dev", STATIC_PATHS=["extra"])
    err = capsys.readouterr().err
    assert any("is a symbolic link to a file outside" in x for x in lines_for(err, "catatan.txt"))
    for path in out.rglob("*"):
        if path.is_file():
            assert b"ZZOUTSIDESECRET" not in path.read_bytes(), path
    assert not list(out.rglob("rahasia*")) and not list(out.rglob("folder-luar*"))
    assert sorted((p.name, p.stat().st_mtime_ns) for p in outside.rglob("*")) == before
    assert {p.name for p in outside.parent.iterdir()} <= {"luar", "content", "out", "dev", "cache"}


def test_reporter_photo_outside_content_is_a_problem(content, outside, tmp_path, capsys):
    profile = content / "data/authors/lalu-uji-dua.toml"
    profile.write_text(profile.read_text(encoding="utf-8") + '\nphoto = "../luar/rahasia.jpg"\n', encoding="utf-8")
    err = strict_problems(content, tmp_path, capsys)
    assert any("photo: photo '../luar/rahasia.jpg' points outside" in x for x in lines_for(err, "lalu-uji-dua.toml"))


# --- bad photos -----------------------------------------------------------------------------------
@pytest.fixture
def bad_photos(content) -> dict[str, str]:
    images = content / "images"
    good = io.BytesIO()
    Image.new("RGB", (1200, 800), "green").save(good, "JPEG")
    (images / "terpotong.jpg").write_bytes(good.getvalue()[: len(good.getvalue()) // 2])
    (images / "bukan-foto.jpg").write_text("<html>bukan gambar</html>", encoding="utf-8")
    Image.new("1", (10_000, 6_000)).save(images / "raksasa.png")
    Image.new("RGB", (64, 64)).save(images / "animasi.gif")
    folder = content / "berita/2026/10"
    expected = {
        "foto-terpotong.md": "is damaged or incomplete",
        "foto-bukan.md": "is not a photo",
        "foto-raksasa.md": "is 10000×6000 pixels (60 megapixels); the limit is 50 megapixels",
        "foto-gif.md": "is a GIF file; use a JPEG, PNG or WebP photo",
    }
    for name, image in zip(expected, ("terpotong.jpg", "bukan-foto.jpg", "raksasa.png", "animasi.gif")):
        article(folder, name, extra=f"Image: images/{image}\n")
    return expected


def test_bad_photos_are_listed_together_in_every_kind_of_build(content, bad_photos, tmp_path, capsys):
    err = strict_problems(content, tmp_path, capsys)
    assert "Traceback" not in err
    for name, words in bad_photos.items():
        assert any("Image: photo" in x and words in x for x in lines_for(err, name)), (name, err)

    out = build(DEV, content, tmp_path / "dev")
    err = capsys.readouterr().err
    assert all(lines_for(err, name) for name in bad_photos)
    assert (out / "berita/2026/10/foto-terpotong/index.html").is_file(), "the story is built without its photo"

    stream = io.StringIO()
    assert check(settings_for(PUBLISH, content, tmp_path / "check"), stream=stream) == 1
    err = capsys.readouterr().err
    assert all(lines_for(err, name) for name in bad_photos)


# --- links and slugs ------------------------------------------------------------------------------
def test_a_link_to_a_draft_or_an_embargoed_story_is_a_problem_when_publishing(content, tmp_path, capsys):
    folder = content / "berita/2026/10"
    article(folder, "tautan-draf.md", body="Lihat [draf]({filename}/berita/2026/10/draf-rahasia.md) dan "
            "[embargo]({filename}/berita/2099/01/embargo-masa-depan.md).")
    err = strict_problems(content, tmp_path, capsys)
    lines = lines_for(err, "tautan-draf.md")
    assert any("draf-rahasia.md, which is a draft" in x for x in lines), lines
    assert any("embargo-masa-depan.md, which is an embargoed story" in x for x in lines), lines

    build(DEV, content, tmp_path / "dev")
    err = capsys.readouterr().err
    warnings = err.split("Warnings", 1)[1]
    assert "tautan-draf.md" in warnings and "draf-rahasia.md, which is a draft" in warnings


def test_the_same_file_name_in_two_months_makes_two_stories(content, tmp_path):
    article(content / "berita/2026/09", "pasar-lotim-sepi.md", date="2026-09-03 08:00", title="Pasar September")
    out = build(PUBLISH, content, tmp_path / "out")
    assert page(out, "berita/2026/09/pasar-lotim-sepi").css_first("h1").text() == "Pasar September"
    assert page(out, "berita/2026/10/pasar-lotim-sepi").css_first("h1").text() == "Pasar Masbagik Sepi Pembeli"


def test_a_file_name_without_letters_is_a_problem_not_a_page_over_another(content, tmp_path, capsys):
    article(content / "berita/2026/10", "!!!.md")
    err = strict_problems(content, tmp_path, capsys)
    assert any("Slug: is empty" in x for x in lines_for(err, "!!!.md"))
    out = build(DEV, content, tmp_path / "dev")
    assert not (out / "berita/2026/10/index.html").exists()


def test_a_standing_page_over_a_story_names_the_story(content, tmp_path, capsys):
    (content / "halaman/tumpang.md").write_text("Title: Tumpang\nSlug: pasar-lotim-sepi\n\nIsi.\n", encoding="utf-8")
    with pytest.raises(ContentError):  # a fork's page addresses laid out like its stories'
        build(PUBLISH, content, tmp_path / "out", PAGE_SAVE_AS="berita/2026/10/{slug}/index.html",
              PAGE_URL="berita/2026/10/{slug}/")
    lines = lines_for(capsys.readouterr().err, "tumpang.md")
    assert any("berita/2026/10/pasar-lotim-sepi/index.html" in x and "pasar-lotim-sepi.md" in x for x in lines), lines


def test_a_colour_that_is_not_a_colour_is_a_data_problem(content, tmp_path, capsys):
    site = content / "data/site.toml"
    site.write_text(site.read_text(encoding="utf-8") + '\n[colors]\nprimary = "red; background: url(x)"\n', encoding="utf-8")
    err = strict_problems(content, tmp_path, capsys)
    assert any("colors.primary: 'red; background: url(x)' is not a colour" in x for x in lines_for(err, "site.toml"))

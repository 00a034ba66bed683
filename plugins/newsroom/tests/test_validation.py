"""Bad input: every problem named with file, field and a fix, all at once; strict builds stop."""

import io

import pytest

from newsroom.check import check
from newsroom.problems import ContentError

from .conftest import DEV, PUBLISH, build, settings_for

GOOD = """Title: {title}
Date: 2026-10-12 10:00
Authors: Lalu Uji Dua
Region: Lotim
Category: Ekonomi
Summary: Ringkasan.
Dateline: Selong
Editor: BUS
"""

BROKEN = {
    # file name: (header lines to replace or add, expected words in its problem)
    "tanpa-judul.md": ("Date: 2026-10-12 10:00\nAuthors: Lalu Uji Dua\nRegion: Lotim\n", ["Title: is missing", "Category: is missing"]),
    "tanggal-kacau.md": (GOOD.replace("2026-10-12 10:00", "kemarin sore"), ["Date:", "'kemarin sore' is not a date", "YYYY-MM-DD HH:MM"]),
    "tanggal-mustahil.md": (GOOD.replace("2026-10-12 10:00", "2026-02-30 10:00"), ["Date:", "not a real date"]),
    "penulis-salah.md": (GOOD.replace("Lalu Uji Dua", "Lalu Uji Duaa"), ["Authors:", "'Lalu Uji Duaa' is unknown", "did you mean 'Lalu Uji Dua'?"]),
    "wilayah-salah.md": (GOOD.replace("Lotim", "Lombok Timurr"), ["Region:", "'Lombok Timurr' is unknown", "did you mean 'Lombok Timur'?"]),
    "rubrik-salah.md": (GOOD.replace("Ekonomi", "Ekonomy"), ["Category:", "'Ekonomy' is unknown", "did you mean 'Ekonomi'?"]),
    "url-kembar.md": (GOOD + "Slug: pasar-lotim-sepi\n", ["Slug:", "berita/2026/10/pasar-lotim-sepi/index.html", "pasar-lotim-sepi.md"]),
    "bukan-utf8.md": (None, ["is not UTF-8", "line 3", "save it with UTF-8"]),
    "foto-hilang.md": (GOOD + "Image: images/tembakauu.jpg\n", ["Image:", "does not exist", "did you mean 'images/tembakau.jpg'?"]),
    "tautan-putus.md": (GOOD, ["{filename}/berita/2026/10/harga-cabe-mataram.md", "does not exist", "harga-cabai-mataram.md"]),
}


@pytest.fixture
def broken(content):
    folder = content / "berita/2026/10"
    for name, (header, _) in BROKEN.items():
        if header is None:
            (folder / name).write_bytes("Title: Berita Lama\n\nHarga naik 5\u00b0 di pasar".encode("latin-1"))
            continue
        body = "Isi berita."
        if name == "tautan-putus.md":
            body = "Lihat [berita]({filename}/berita/2026/10/harga-cabe-mataram.md)."
        (folder / name).write_text(header.format(title=name) + "\n" + body + "\n", encoding="utf-8")
    return content


def _lines_for(text: str, name: str) -> str:
    return "\n".join(line for line in text.splitlines() if name in line)


def test_publish_build_lists_every_problem_then_fails(broken, tmp_path, capsys):
    with pytest.raises(ContentError) as raised:
        build(PUBLISH, broken, tmp_path / "out")
    assert raised.value.code == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.html")), "nothing is written"
    err = capsys.readouterr().err
    for name, (_, expected) in BROKEN.items():
        lines = _lines_for(err, name)
        assert lines, f"{name} is not named in the report:\n{err}"
        for words in expected:
            assert words in lines, f"{words!r} missing for {name}: {lines}"
    assert {p.path.rsplit("/", 1)[-1] for p in raised.value.problems} >= set(BROKEN)


def test_check_names_every_file_without_building(broken, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    settings = settings_for(PUBLISH, broken, tmp_path / "never")
    code = check_with(settings, out)
    assert code == 1
    err = capsys.readouterr().err
    for name in BROKEN:
        assert name in err, name
    assert not (tmp_path / "never").exists()


def check_with(settings, out):
    return check(settings, stream=out)


def test_development_build_reports_and_goes_on(broken, tmp_path, capsys):
    out = build(DEV, broken, tmp_path / "out")
    err = capsys.readouterr().err
    assert "Content problems (" in err
    # Good stories are still built; a story whose photo is missing is built without it.
    assert (out / "berita/2026/10/panen-tembakau-lotim/index.html").is_file()
    assert (out / "berita/2026/10/foto-hilang/index.html").is_file()
    # The first file keeps a contested URL; the other is reported, not silently overwritten.
    assert "Pasar Masbagik" in (out / "berita/2026/10/pasar-lotim-sepi/index.html").read_text()
    assert not (out / "berita/2026/10/wilayah-salah").exists()


def test_problems_in_a_draft_do_not_block_publishing(content, tmp_path, capsys):
    draft = content / "berita/2026/10/draf-rahasia.md"
    draft.write_text(draft.read_text().replace("Region: Lotim", "Region: Lotimm"))
    out = build(PUBLISH, content, tmp_path / "out")
    assert (out / "index.html").is_file()
    assert "draft: not published" in capsys.readouterr().err


def test_clean_content_checks_clean(tmp_path, capsys):
    from .conftest import FIXTURE

    code = check_with(settings_for(PUBLISH, FIXTURE, tmp_path / "never"), io.StringIO())
    assert code == 0, capsys.readouterr().err


def test_data_file_problems_are_named_too(content, tmp_path, capsys):
    (content / "data/categories.toml").write_text('[[category]]\nslug = "ekonomi\nname = "Ekonomi"\n')
    (content / "data/authors/lalu-uji-dua.toml").write_text('name = "Lalu Uji Dua"\nregion = "Lombok Timurr"\n')
    with pytest.raises(ContentError):
        build(PUBLISH, content, tmp_path / "out")
    err = capsys.readouterr().err
    assert "data/categories.toml: is not valid TOML" in err and "line 2" in err
    assert "data/authors/lalu-uji-dua.toml: region: Region 'Lombok Timurr' is unknown; did you mean 'Lombok Timur'?" in err

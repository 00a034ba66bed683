"""Articles resolved against the newsroom data, as they appear in built pages."""

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser


def page(site: Path, url: str) -> LexborHTMLParser:
    target = site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html"
    assert target.is_file(), f"{url} was not written"
    return LexborHTMLParser(target.read_text(encoding="utf-8"))


def hrefs(tree, selector):
    return [n.attributes.get("href") for n in tree.css(selector)]


ARTICLE = "berita/2026/10/panen-tembakau-lotim/"


def test_alias_region_and_two_authors_are_linked(published):
    tree = page(published, ARTICLE)
    assert hrefs(tree, "article > a.region") == ["https://uji.example/wilayah/lombok-timur/"]
    assert hrefs(tree, "a.author") == [
        "https://uji.example/penulis/lalu-uji-dua/",
        "https://uji.example/penulis/baiq-uji-satu/",
    ]
    assert hrefs(tree, "article > a.category") == ["https://uji.example/kategori/ekonomi/"]


def test_dates_are_indonesian_with_wita_and_offset(published):
    tree = page(published, ARTICLE)
    time = tree.css_first("time.published")
    assert time.attributes["datetime"] == "2026-10-14T09:35:00+08:00"
    assert time.text() == "Rabu, 14 Oktober 2026 09:35 WITA"
    modified = page(published, "berita/2026/10/harga-cabai-mataram/").css_first("time.modified")
    assert modified.attributes["datetime"] == "2026-10-11T08:15:00+08:00"
    assert modified.text() == "Minggu, 11 Oktober 2026 08:15 WITA"


def test_article_is_listed_on_region_reporters_and_category(published):
    for url in ("wilayah/lombok-timur/", "penulis/lalu-uji-dua/", "penulis/baiq-uji-satu/", "kategori/ekonomi/"):
        slugs = {n.attributes["data-slug"] for n in page(published, url).css("li.card")}
        assert "panen-tembakau-lotim" in slugs, url


def test_region_pages_are_paginated_newest_first(published):
    first = [n.attributes["data-slug"] for n in page(published, "wilayah/lombok-timur/").css("li.card")]
    assert first == ["panen-tembakau-lotim", "pasar-lotim-sepi"]
    # Pagination at two per page: the author with three stories has a second page.
    second = page(published, "penulis/lalu-uji-dua/halaman/2/")
    assert [n.attributes["data-slug"] for n in second.css("li.card")] == ["pasar-lotim-sepi"]
    assert "https://uji.example/penulis/lalu-uji-dua/halaman/2/" in hrefs(page(published, "penulis/lalu-uji-dua/"), "nav.pages a")


def test_region_index_has_counts_and_latest(published):
    tree = page(published, "wilayah/")
    rows = {n.attributes["data-slug"]: n for n in tree.css("li.region")}
    assert set(rows) == {"kota-mataram", "lombok-timur", "dompu"}
    assert rows["lombok-timur"].css_first(".count").text() == "2"
    assert rows["lombok-timur"].css_first("a.latest").attributes["href"].endswith("/panen-tembakau-lotim/")
    # Kota Mataram has one published story; its embargoed one is not counted.
    assert rows["kota-mataram"].css_first(".count").text() == "1"


def test_every_reporter_and_rubric_has_a_page_even_without_stories(published):
    tree = page(published, "penulis/siti-tanpa-berita/")
    assert tree.css_first("h1").text() == "Siti Tanpa Berita"
    assert tree.css_first(".bio").text() == "Belum menulis."
    assert tree.css("li.card") == []
    assert page(published, "kategori/olahraga/").css_first(".description").text() == "Belum ada beritanya."
    index = {n.attributes["data-slug"]: n.css_first(".count").text() for n in page(published, "penulis/").css("li.author")}
    assert index == {"baiq-uji-satu": "2", "lalu-uji-dua": "3", "siti-tanpa-berita": "0"}
    assert list(index)[0] == "baiq-uji-satu"  # editors first


def test_photo_renditions_are_written_with_dimensions(published):
    img = page(published, ARTICLE).css_first("img")
    assert img.attributes["width"] == "800" and img.attributes["height"] == "450"
    assert img.attributes["alt"] == "Daun tembakau dijemur"
    for width in (480, 800, 960):
        assert (published / f"images/tembakau-{width}.jpg").is_file()
        assert f"https://uji.example/images/tembakau-{width}.jpg {width}w" in img.attributes["srcset"]


def test_related_prefers_same_region(published):
    related = [n.attributes["data-slug"] for n in page(published, ARTICLE).css("ul.related li.card")]
    assert related[0] == "pasar-lotim-sepi"  # same region and a shared tag


def test_reading_time_dateline_editor_and_ui_strings(published):
    tree = page(published, ARTICLE)
    assert tree.css_first(".reading").text() == "1"
    assert tree.css_first(".dateline").text() == "Selong"
    assert tree.css_first(".editor").text() == "BUS"
    # gettext is installed on any theme; this one has no catalogue, so the English msgid shows.
    assert tree.css_first(".ui").text() == "Related stories"


def test_standing_pages_in_footer(published):
    assert hrefs(page(published, ""), "footer a.standing") == ["https://uji.example/redaksi/"]


def test_default_share_card_is_drawn_from_the_site_data(published):
    from PIL import Image

    with Image.open(published / "images/fpii-share-card.png") as card:
        assert card.size == (1200, 630)
        assert card.getpixel((5, 5)) == (155, 28, 28)  # the primary colour when site.toml sets none


def test_stories_of_the_same_minute_are_ordered_by_source_path(tmp_path):
    """Pelican reads files in the order of a set of strings (the hash seed's order); stories with the
    same date must still come out in one order in every process, or builds are not byte-identical."""
    import re
    import shutil

    from newsroom.tests.conftest import FIXTURE, PUBLISH, build

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    source = (content / "berita" / "2026" / "10" / "harga-cabai-mataram.md").read_text(encoding="utf-8")
    names = [f"kembar-{letter}" for letter in "qwertyui"]  # 8! orders: chance cannot pass this test
    for number, name in enumerate(reversed(names)):
        text = re.sub(r"(?m)^Title: .*$", f"Title: Cerita kembar nomor {number}", source)
        text = re.sub(r"(?m)^Modified: .*\n", "", re.sub(r"(?m)^Date: .*$", "Date: 2026-10-15 09:00", text))
        (content / "berita" / "2026" / "10" / f"{name}.md").write_text(text, encoding="utf-8")
    # As the site is set up (pelicanconf.py): with a translation id Pelican would sort by it first.
    site = build(PUBLISH, content, tmp_path / "out", FEED_MAX_ITEMS=100, ARTICLE_TRANSLATION_ID=None)
    feed = (site / "feeds" / "semua.atom.xml").read_text(encoding="utf-8")
    listed = re.findall(r"/berita/2026/10/(kembar-\w+)/", feed)
    assert list(dict.fromkeys(listed)) == sorted(names)

"""The photo pipeline: renditions, metadata stripped, orientation, cache, social cards, body photos."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont
from selectolax.lexbor import LexborHTMLParser

from newsroom import cards, photos, renditions
from newsroom.check import check

from .conftest import PUBLISH, build, settings_for
from .phone_photos import RED, assert_no_metadata, phone_photo


@pytest.fixture(scope="module")
def big_photo(tmp_path_factory) -> Path:
    return phone_photo(tmp_path_factory.mktemp("photo") / "images" / "2026" / "10" / "ponsel.jpg")


def publish(photo: photos.Photo, out: Path, cache: Path, quality=78) -> int:
    return renditions.publish(photo.outputs(), out, cache, quality, workers=2)


def test_a_turned_phone_photo_with_gps_is_published_upright_in_three_widths_and_webp_without_metadata(big_photo, tmp_path):
    root = big_photo.parents[3]
    size = photos.inspect(big_photo, 50_000_000)
    assert size == (3000, 4000), "the EXIF turn is applied to the size"
    photo = photos.measure(root, "images/2026/10/ponsel.jpg", (480, 800, 1200, 1600), "", size=size, card=True)
    made = publish(photo, tmp_path / "out", tmp_path / "cache")
    # A portrait stops at 1200x1600 (as tall as a landscape's largest is wide): 3 JPEG + 3 WebP + the card.
    assert made == 7
    assert [w for _, w, _ in photo.renditions] == [480, 800, 1200]
    files = sorted((tmp_path / "out").rglob("*.*"))
    assert {f.suffix for f in files} == {".jpg", ".webp"}
    assert not (tmp_path / "out/images/2026/10/ponsel.jpg").exists(), "the original is never copied"
    for url, width, height in [*photo.renditions, *photo.modern["WEBP"]]:
        with Image.open(tmp_path / "out" / url) as im:
            assert im.size == (width, height) and width in (480, 800, 1200)
            assert height > width, "upright: a portrait"
            im = im.convert("RGB")
            top, bottom = im.getpixel((width // 2, 2)), im.getpixel((width // 2, height - 3))
            assert top[0] > 180 and top[2] < 80, f"the red band is on top of {url}: {top}"
            assert bottom[2] > 180 and bottom[0] < 80
    with Image.open(tmp_path / "out" / photo.card.full_src) as card:
        assert card.size == (1200, 630)
        assert card.convert("RGB").getpixel((600, 3))[0] > 180, "a portrait's card keeps its top"
    for f in files:
        assert_no_metadata(f)


def test_never_upscaled(tmp_path):
    phone_photo(tmp_path / "images" / "kecil.jpg", size=(900, 600), orientation=1)
    photo = photos.measure(tmp_path, "images/kecil.jpg", (480, 800, 1200, 1600), "")
    assert [w for _, w, _ in photo.renditions] == [480, 800, 900]
    assert [w for _, w, _ in photo.modern["WEBP"]] == [480, 800, 900]


def test_a_second_build_into_a_cleared_output_makes_nothing_and_keeps_every_time(big_photo, tmp_path):
    root = big_photo.parents[3]
    photo = photos.measure(root, "images/2026/10/ponsel.jpg", (480, 800), "", card=True)
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert publish(photo, out, cache) == 5
    before = {p.relative_to(out): (p.stat().st_mtime_ns, p.read_bytes()) for p in out.rglob("*.*")}
    shutil.rmtree(out)  # a publish build clears the output folder
    assert publish(photo, out, cache) == 0
    after = {p.relative_to(out): (p.stat().st_mtime_ns, p.read_bytes()) for p in out.rglob("*.*")}
    assert after == before
    # Another quality is another recipe: made again.
    assert publish(photo, out, cache, quality=60) == 5


def _cached(cache: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (cache / "files").rglob("*.*")}


def test_a_published_file_is_a_hard_link_into_the_cache_and_never_written_through(tmp_path):
    phone_photo(tmp_path / "images" / "a.jpg", size=(1000, 750), orientation=1)
    photo = photos.measure(tmp_path, "images/a.jpg", (480,), "", card=True)
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert publish(photo, out, cache) == 3
    published = [out / o.url for o in photo.outputs()]
    by_name = {p.name: p for p in (cache / "files").rglob("*.*")}
    assert len(by_name) == 3
    for path in published:
        assert path.stat().st_nlink == 2, f"{path.name}: one file, in the cache and in the output"
        assert any(path.samefile(c) for c in by_name.values())
    kept = _cached(cache)
    # Another recipe over the same output folder: the output gets the new files, and the old
    # cache files (linked from the output until now) keep their bytes.
    assert publish(photo, out, cache, quality=60) == 3
    assert {k: v for k, v in _cached(cache).items() if k in kept} == kept
    assert all(path.stat().st_nlink == 2 for path in published)
    assert not any(path.read_bytes() in kept.values() for path in published)


def test_where_linking_fails_a_published_file_is_a_copy_with_its_time(tmp_path, monkeypatch):
    def no_link(*args, **kwargs):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(renditions.os, "link", no_link)
    phone_photo(tmp_path / "images" / "a.jpg", size=(1000, 750), orientation=1)
    photo = photos.measure(tmp_path, "images/a.jpg", (480,), "")
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert publish(photo, out, cache) == 2
    for o in photo.outputs():
        path = out / o.url
        [cached] = [c for c in (cache / "files").rglob(f"*{path.suffix}")]
        assert not path.samefile(cached) and path.stat().st_nlink == 1
        assert path.read_bytes() == cached.read_bytes()
        assert path.stat().st_mtime_ns == cached.stat().st_mtime_ns


def test_drawn_cards_made_in_batches_on_both_cores_equal_a_serial_run(tmp_path):
    what = {"region": "Kota Mataram", "site": "FPII", "primary": "#123456", "accent": "#0b5d6b"}
    cards_ = [photos.drawn_card("images/kartu", f"berita-{i}", {**what, "headline": f"Berita nomor {i} hari ini"}, "")
              for i in range(renditions.DRAWN_BATCH + 5)]  # more than one batch
    outputs = [card.output for card in cards_]
    made = {}
    for workers in (1, 2):
        out = tmp_path / f"out-{workers}"
        assert renditions.publish(outputs, out, tmp_path / f"cache-{workers}", 78, workers) == len(outputs)
        made[workers] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.jpg")}
    assert len(made[1]) == len(outputs) and made[1] == made[2]
    assert len(set(made[1].values())) == len(outputs), "every story its own card"


def test_a_changed_photo_is_made_again(tmp_path):
    source = phone_photo(tmp_path / "images" / "a.jpg", size=(1000, 750), orientation=1)
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert publish(photos.measure(tmp_path, "images/a.jpg", (480,), ""), out, cache) == 2
    Image.new("RGB", (1000, 750), RED).save(source)
    os.utime(source, ns=(1, 1))  # even with an old time, the bytes differ
    assert publish(photos.measure(tmp_path, "images/a.jpg", (480,), ""), out, cache) == 2
    with Image.open(out / "images/a-480.jpg") as im:
        assert im.convert("RGB").getpixel((240, 300))[0] > 180


def test_a_landscape_card_follows_the_detail():
    # A wide photo whose detail (a checkerboard) is at the right: the card window goes there.
    image = Image.new("RGB", (3000, 1000), (128, 128, 128))
    for x in range(2400, 3000, 40):
        for y in range(0, 1000, 40):
            image.paste((0, 0, 0) if (x + y) // 40 % 2 else (255, 255, 255), (x, y, x + 20, y + 20))
    left, top, right, bottom = cards.crop_box(image, (1200, 630))
    assert (bottom - top, right - left) == (1000, 1905)
    assert right == 3000


def test_a_drawn_card_uses_the_site_colour():
    card = cards.draw({"headline": "Harga cabai naik — pedagang mengeluh", "region": "Kota Mataram",
                       "site": "FPII", "primary": "#123456"})
    assert card.size == (1200, 630)
    assert card.getpixel((1190, 10)) == (0x12, 0x34, 0x56)


def _card(headline: str, region: str = "Kota Mataram") -> Image.Image:
    return cards.draw({"headline": headline, "region": region, "site": "FPII", "primary": "#123456",
                       "accent": "#0b5d6b"})


def test_a_drawn_card_shows_its_own_headline_and_region():
    width, height = cards.SIZE
    one = _card("Harga cabai naik di pasar, pedagang mengeluh")
    other = _card("Jalan desa rusak parah; warga menunggu perbaikan")
    # Another headline changes the headline's area, widely, and nothing else (mark, name, band).
    left, top, right, bottom = ImageChops.difference(one, other).getbbox()
    assert cards.MARGIN <= left < right <= width - cards.MARGIN
    assert cards.MARGIN + cards.MARK < top < bottom <= height - cards.BAND
    assert right - left > width // 2
    # Another region changes the band only.
    left, top, right, bottom = ImageChops.difference(one, _card("Harga cabai naik di pasar, pedagang mengeluh",
                                                                "Kabupaten Bima")).getbbox()
    assert top >= height - cards.BAND and right > left
    # No region: the band is plain.
    band = _card("Harga cabai naik di pasar, pedagang mengeluh", "").crop((0, height - cards.BAND, width, height))
    assert band.getcolors() == [(width * cards.BAND, (0x0B, 0x5D, 0x6B))]


def test_a_long_headline_stays_inside_the_margins_and_above_the_band():
    width, height = cards.SIZE
    card = _card("Kata " * 80 + "penutup")
    text = ImageChops.difference(card, _card("")).getbbox()
    assert text is not None
    left, top, right, bottom = text
    assert cards.MARGIN <= left and right <= width - cards.MARGIN and bottom <= height - cards.BAND


def test_card_text_is_set_as_pillow_sets_it():
    # Glyphs drawn once and pasted (overlapping pairs such as "Ty", "ay", "j," included, on two
    # lines set tighter than on a card, so that descenders reach into the next line) give Pillow's
    # own rendering, to a rounding step.
    lines = ["Tyas, ayo jaga \u201cfjord\u201d (Qj) 1.234!", "yang gigih: Wayan & Yoyo"]
    mine = Image.new("RGB", (1200, 300), "#123456")
    text = cards._Text(mine, "#123456")
    pillows = Image.new("RGB", (1200, 300), "#123456")
    canvas = ImageDraw.Draw(pillows)
    for i, line in enumerate(lines):
        text.line(40, 20 + i * 60, line, 72)
        canvas.text((40, 20 + i * 60), line, font=ImageFont.load_default(size=72), fill="#ffffff")
    diff = ImageChops.difference(mine, pillows)
    assert max(high for _, high in diff.getextrema()) <= 1
    assert ImageChops.difference(mine, Image.new("RGB", mine.size, "#123456")).getbbox() is not None
    for line in lines:
        assert cards._length(line, 72) == ImageFont.load_default(size=72).getlength(line)


GALLERY = """Title: Galeri Panen
Date: 2026-10-12 10:00
Authors: Lalu Uji Dua
Region: Lotim
Category: Ekonomi
Summary: Ringkasan.

Panen tembakau di Lombok Timur.

![Petani memetik daun](images/galeri/satu.jpg "Petani memetik daun | Foto: Baiq")
![Daun dijemur](images/galeri/dua.jpg "Daun dijemur di halaman | Foto: Lalu")

![Gudang]({static}/images/galeri/tiga.png)
"""


def test_body_photos_and_a_gallery_become_pictures_and_their_originals_stay_out(content, tmp_path):
    phone_photo(content / "images/galeri/satu.jpg", size=(1200, 900), orientation=1)
    phone_photo(content / "images/galeri/dua.jpg", size=(900, 1200), orientation=1)
    Image.new("RGBA", (700, 400), (0, 0, 0, 0)).save(content / "images/galeri/tiga.png")
    (content / "berita/2026/10/galeri-panen.md").write_text(GALLERY, encoding="utf-8")
    out = build(PUBLISH, content, tmp_path / "out")
    tree = LexborHTMLParser((out / "berita/2026/10/galeri-panen/index.html").read_text())
    items = tree.css("ul.gallery > li > figure")
    assert len(items) == 2
    first = items[0]
    assert first.css_first("source").attributes["type"] == "image/webp"
    img = first.css_first("img")
    assert (img.attributes["width"], img.attributes["height"]) == ("1200", "900")
    assert img.attributes["loading"] == "lazy" and img.attributes["decoding"] == "async"
    assert img.attributes["alt"] == "Petani memetik daun"
    assert first.css_first("figcaption").text().startswith("Petani memetik daun")
    assert first.css_first("figcaption .credit").text() == "Foto: Baiq"
    for node in tree.css("picture source, picture img"):
        for entry in (node.attributes.get("srcset") or "").split(","):
            if entry.strip():
                url = entry.split()[0].replace("https://uji.example/", "")
                assert (out / url).is_file(), url
    png = [n for n in tree.css("picture img") if "tiga" in n.attributes["src"]]
    assert png and png[0].attributes["src"].endswith(".png"), "a PNG stays PNG (with WebP beside it)"
    for name in ("satu.jpg", "dua.jpg", "tiga.png"):
        assert not (out / "images/galeri" / name).exists(), f"the original {name} was published"
    for f in (out / "images").rglob("*.*"):
        if f.suffix in (".jpg", ".webp"):
            assert_no_metadata(f)


def test_a_broken_or_missing_photo_in_the_text_is_a_problem_with_its_line(content, tmp_path, capsys):
    (content / "images/rusak.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    text = GALLERY.replace("images/galeri/satu.jpg", "images/rusak.jpg").replace("images/galeri/dua.jpg", "images/tak-ada.jpg")
    text = text.replace("{static}/images/galeri/tiga.png", "images/tembakau.jpg")
    text += "\nLihat [foto aslinya](images/rusak.jpg).\n"  # a link to a damaged photo file: line 15
    (content / "berita/2026/10/galeri-rusak.md").write_text(text, encoding="utf-8")
    code = check(settings_for(PUBLISH, content, tmp_path / "never"))
    err = capsys.readouterr().err
    assert code == 1
    lines = [line for line in err.splitlines() if "galeri-rusak.md" in line]
    assert any("line 10: photo 'images/rusak.jpg'" in line and "damaged" in line for line in lines), err
    assert any("line 11: photo" in line and "images/tak-ada.jpg" in line and "does not exist" in line for line in lines), err
    assert any("line 15: photo 'images/rusak.jpg'" in line and "damaged" in line for line in lines), err


def test_every_article_gets_its_own_card(development):
    cards_made = list((development / "images/kartu").glob("*.jpg"))
    assert cards_made, "stories without a photo get a drawn card"
    for card in cards_made:
        with Image.open(card) as im:
            assert im.size == (1200, 630)


def test_the_cache_keeps_what_this_build_and_the_one_before_used(tmp_path):
    what = {"region": "Kota Mataram", "site": "FPII", "primary": "#123456", "accent": "#0b5d6b"}

    def outputs(headline):
        return [photos.drawn_card("images/kartu", f"berita-{i}", {**what, "headline": f"{headline} {i}"}, "").output
                for i in range(3)]

    cache = tmp_path / "cache"

    def cached():
        return {p.name for p in (cache / "files").rglob("*") if p.is_file()}

    out = tmp_path / "out-1"
    renditions.publish(outputs("Judul lama"), out, cache, 78, 1)
    old = cached()
    assert len(old) == 3
    renditions.publish(outputs("Judul baru"), tmp_path / "out-2", cache, 78, 1)
    assert old < cached() and len(cached()) == 6  # the build before may come back (dev and publish alternate)
    renditions.publish(outputs("Judul baru"), tmp_path / "out-3", cache, 78, 1)
    assert len(cached()) == 3 and not (old & cached())  # used by neither of the last two builds: gone
    # A published file is its own link: the first site's cards are intact.
    assert len([p for p in out.rglob("*.jpg") if p.stat().st_size > 0]) == 3
    renditions.publish(outputs("Judul baru"), tmp_path / "out-4", cache, 78, 1)
    assert len(cached()) == 3 and len(list((tmp_path / "out-4").rglob("*.jpg"))) == 3


def test_the_photos_are_made_by_a_child_beside_the_build_and_its_failure_fails_the_build(content, tmp_path,
                                                                                          monkeypatch):
    from newsroom import generator

    log = tmp_path / "makers"
    original = renditions.publish

    def noting(*args, **kwargs):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return original(*args, **kwargs)

    monkeypatch.setattr(renditions, "publish", noting)
    out = build(PUBLISH, content, tmp_path / "a" / "out", NEWSROOM={**PUBLISH["NEWSROOM"], "WORKERS": 2})
    assert log.read_text().split() != [str(os.getpid())] and len(log.read_text().split()) == 1
    cards_made = list((out / "images" / "kartu").glob("*.jpg"))
    assert cards_made and generator._photos_child is None  # waited for before the build ended
    serial = build(PUBLISH, content, tmp_path / "b" / "out", NEWSROOM={**PUBLISH["NEWSROOM"], "WORKERS": 1})
    assert log.read_text().split()[-1] == str(os.getpid())  # WORKERS = 1: in the build process
    assert sorted(p.name for p in cards_made) == sorted(p.name for p in (serial / "images" / "kartu").glob("*.jpg"))

    def broken(*args, **kwargs):
        raise ValueError("kartu rusak")

    monkeypatch.setattr(renditions, "publish", broken)
    with pytest.raises(RuntimeError, match="kartu rusak"):
        build(PUBLISH, content, tmp_path / "c" / "out", NEWSROOM={**PUBLISH["NEWSROOM"], "WORKERS": 2})
    assert generator._photos_child is None

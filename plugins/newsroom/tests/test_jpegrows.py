"""JPEGs put together from rows (jpegrows.py) and the social cards made that way (cards.jpeg):
the same bytes as Pillow's own encoding of the whole picture with the same options."""

from __future__ import annotations

import io
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from newsroom import cards, jpegrows


def pillows(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, **jpegrows.OPTIONS)
    return buffer.getvalue()


def picture(width: int, height: int, seed: int) -> Image.Image:
    """Flat colour with blocks of noise: rows of every kind (plain, busy, half and half)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    for _ in range(4):
        w, h = rng.randint(1, width), rng.randint(1, height)
        image.paste(Image.frombytes("RGB", (w, h), rng.randbytes(w * h * 3)), (rng.randrange(width), rng.randrange(height)))
    return image


@pytest.mark.parametrize("size", [(1200, 630), (64, 16), (33, 47), (250, 1), (17, 160)])
def test_rows_encoded_in_strips_make_the_same_file_as_the_whole_picture(size):
    width, height = size
    rng = random.Random(width * height)
    for seed in range(3):
        image = picture(width, height, seed)
        quality = rng.choice([40, 78, 95])
        whole = pillows(image, quality)
        # Cut at random row boundaries; each strip encoded on its own.
        rows = jpegrows.rows(height)
        cuts = sorted({0, rows, *rng.sample(range(rows + 1), min(rows + 1, 3))})
        coded = []
        for top, bottom in zip(cuts, cuts[1:]):
            strip = image.crop((0, top * jpegrows.MCU, width, min(height, bottom * jpegrows.MCU)))
            coded += jpegrows.encode(strip, quality)
        assert len(coded) == rows
        assert jpegrows.join(width, height, quality, coded) == whole
        assert jpegrows.split(whole)[1] == coded


def test_a_row_is_reused_in_another_picture_and_the_file_decodes_to_both_pictures_rows():
    top, bottom = picture(320, 48, 1), picture(320, 40, 2)
    one = jpegrows.encode(top, 78)
    two = jpegrows.encode(bottom, 78)
    mixed = jpegrows.join(320, 88, 78, one + two)
    both = Image.new("RGB", (320, 88))
    both.paste(top, (0, 0))
    both.paste(bottom, (0, 48))
    assert mixed == pillows(both, 78)
    assert Image.open(io.BytesIO(mixed)).size == (320, 88)


def test_rows_that_do_not_fill_the_picture_are_refused():
    coded = jpegrows.encode(picture(64, 32, 3), 78)
    with pytest.raises(ValueError):
        jpegrows.join(64, 48, 78, coded)
    with pytest.raises(ValueError):
        jpegrows.split(b"\xff\xd8not a jpeg")


WORDS = ("Pemerintah Kabupaten Resmikan Jembatan Baru di Desa untuk Warga yang gigih Tyas, jaga "
         "\u201cfjord\u201d (Qj) 1.234! Wayan & Yoyo \u2014 \u00e9lite Bupati Ngurah").split()


def card_data(headline: str, region: str, primary="#0b3d91", accent="#f5a623", site="Portal Uji") -> dict:
    return {"headline": headline, "region": region, "site": site, "primary": primary, "accent": accent}


@pytest.mark.parametrize("size", [cards.SIZE, (1000, 525), (1201, 641), (600, 315), (1200, 200)])
def test_a_card_from_rows_is_the_card_drawn_whole(size):
    rng = random.Random(sum(size))
    for n in range(40):
        headline = " ".join(rng.choice(WORDS) for _ in range(rng.choice([0, 1, 5, 9, 14, 25, 60])))
        data = card_data(headline, rng.choice(["Kota Uji", "", "Kabupaten Contoh Barat"]),
                         primary=rng.choice(["#0b3d91", "#123456"]))
        quality = rng.choice([60, 78])
        assert cards.jpeg(data, size, quality) == pillows(cards.draw(data, size), quality), (n, data)


@settings(max_examples=60, deadline=None)
@given(headline=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=160),
       region=st.text(max_size=30))
def test_any_text_makes_the_card_drawn_whole(headline, region):
    data = card_data(headline, region)
    assert cards.jpeg(data, cards.SIZE, 78) == pillows(cards.draw(data), 78)


def test_the_sites_own_card_layout_is_encoded_whole():
    data = {"layout": "site", "site": "Portal Uji", "tagline": "Berita dari daerah", "primary": "#123456"}
    assert cards.jpeg(data, cards.SIZE, 78) == pillows(cards.draw(data), 78)

"""links.py: the finished URLs templates print."""

from __future__ import annotations

from types import SimpleNamespace as NS

from newsroom import links


def test_canonical_url_drops_index_html_and_keeps_other_files():
    assert links.canonical_url("https://uji.example", "index.html") == "https://uji.example/"
    assert links.canonical_url("https://uji.example", "berita/2026/11/x/index.html") == "https://uji.example/berita/2026/11/x/"
    assert links.canonical_url("", "404.html") == "/404.html"
    assert links.page_path("halaman/2/index.html") == "halaman/2/"
    assert links.page_path("index.html.bak") == "index.html.bak"


def test_phone_and_whatsapp_links_are_digits():
    assert links.phone_href("+62 370 000 000") == "tel:+62370000000"
    assert links.phone_href("(0370) 631-200") == "tel:0370631200"
    assert links.whatsapp_href("+62 812 0000 0000") == "https://wa.me/6281200000000"
    assert links.whatsapp_href("0812-3456-789") == "https://wa.me/628123456789"


def test_contact_links_in_order_and_only_those_given():
    given = links.contact_links({"email": " redaksi@uji.example ", "phone": "+62 1", "whatsapp": "", "name": "X"})
    assert given == [{"kind": "email", "text": "redaksi@uji.example", "href": "mailto:redaksi@uji.example"},
                     {"kind": "phone", "text": "+62 1", "href": "tel:+621"}]
    assert links.contact_links({"phone": "belum ada"}) == []  # no digits: no link to nowhere


def test_article_trail_is_rubric_then_the_story_itself():
    rubric = NS(url="kategori/uji/", name="Uji")
    assert links.article_trail(NS(category=rubric, title="Judul")) == [("kategori/uji/", "Uji"), (None, "Judul")]
    assert links.article_trail(NS(category=None, title="Judul")) == [(None, "Judul")]


def test_page_window_shows_the_ends_and_the_neighbourhood_of_the_current_page():
    assert links.page_window(1, 2) == [1, 2]
    assert links.page_window(1, 100) == [1, 2, 3, 99, 100]
    assert links.page_window(50, 100) == [1, 2, 48, 49, 50, 51, 52, 99, 100]
    for last in range(1, 40):  # the numbers a walk over every page would have kept, no more
        for current in range(1, last + 1):
            walked = [n for n in range(1, last + 1)
                      if n == current or n in (1, 2, last - 1, last) or abs(n - current) <= 2]
            assert links.page_window(current, last) == walked

"""structured.py: the JSON-LD blocks as data, checked without a build, then on the fixture build."""

from __future__ import annotations

import datetime
import json
import zoneinfo
from types import SimpleNamespace as NS

import pytest
from markupsafe import Markup

from newsroom import structured
from newsroom.settings import DEFAULTS
from newsroom.tests.conftest import FIXTURE, PUBLISH, build

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
CARD = NS(full_src="images/fpii-share-card.png", full_width=1200, full_height=630)
LABELS = {"Home": "Beranda", "Regions": "Wilayah", "Our reporters": "Wartawan kami", "Topics": "Topik"}


def site(**extra) -> structured.Site:
    return structured.Site(
        "https://uji.example", "Uji", "id", WITA,
        publisher={"name": "Penerbit Uji", "address": "Jl. Uji 1, Mataram", "email": "redaksi@uji.example",
                   "phone": "+62 370 1"},
        identity={"name": "Uji", "long_name": "Situs Uji", "tagline": "Berita uji", "province": "NTB"},
        logo={"url": "icons/icon-512.png", "width": 512, "height": 512}, share_image=CARD,
        ui=LABELS.get, **extra,
    )


REGION = NS(name="Lombok Timur", url="wilayah/lombok-timur/", slug="lombok-timur")


def reporter(**extra):
    base = dict(name="Baiq <Uji> & Satu", url="penulis/baiq/", role="Wartawan", bio="Meliput Lotim.",
                region=REGION, photo=None)
    return NS(**{**base, **extra})


def photo():
    return NS(full_src="images/x-1200.jpg", full_width=1200, full_height=800, caption="Petani menjemur daun",
              credit="Foto: Redaksi")


def article(**extra):
    base = dict(
        title=Markup("Panen&nbsp;<span class=\"caps\">Tembakau</span> &amp; Harga"),
        summary="<p>Petani tembakau &amp; harga.</p>", url="berita/2026/10/panen/",
        date=datetime.datetime(2026, 10, 14, 1, 35, tzinfo=datetime.UTC), modified=None,
        authors=[reporter()], category=NS(name="Ekonomi", url="kategori/ekonomi/"),
        dateline="Selong", word_count=120, tags=[NS(name="tembakau"), NS(name="petani")],
        region=REGION, photo=None,
    )
    return NS(**{**base, **extra})


def test_every_news_article_has_an_image_the_photo_or_the_share_card():
    with_photo = structured.news_article(site(), article(photo=photo()))
    assert with_photo["image"] == [{"@type": "ImageObject", "url": "https://uji.example/images/x-1200.jpg",
                                    "width": 1200, "height": 800, "caption": "Petani menjemur daun",
                                    "creditText": "Foto: Redaksi"}]
    without = structured.news_article(site(), article(card=None))
    assert without["image"] == [{"@type": "ImageObject", "url": "https://uji.example/images/fpii-share-card.png",
                                 "width": 1200, "height": 630}]
    drawn = NS(full_src="images/kartu/x-0123456789.jpg", full_width=1200, full_height=630)
    with_card = structured.news_article(site(), article(card=drawn))
    assert with_card["image"] == [{"@type": "ImageObject", "url": "https://uji.example/images/kartu/x-0123456789.jpg",
                                   "width": 1200, "height": 630}]


def test_news_article_states_text_as_text_on_the_sites_clock():
    data = structured.news_article(site(), article())
    assert data["@type"] == "NewsArticle" and data["@context"] == "https://schema.org"
    assert data["headline"] == "Panen Tembakau & Harga"  # typogrify's markup gone, & as typed
    assert data["description"] == "Petani tembakau & harga."
    assert data["datePublished"] == data["dateModified"] == "2026-10-14T09:35:00+08:00"
    assert data["author"] == [{"@type": "Person", "name": "Baiq <Uji> & Satu", "url": "https://uji.example/penulis/baiq/",
                               "jobTitle": "Wartawan"}]
    assert data["publisher"]["@id"] == "https://uji.example/#organization"
    assert data["keywords"] == "tembakau, petani" and data["contentLocation"]["name"] == "Lombok Timur"
    json.loads(json.dumps(data))  # plain JSON: no Markup, no datetime


def test_article_breadcrumbs_follow_the_page():
    news, crumbs = structured.article_blocks(site(), article())
    assert crumbs["@type"] == "BreadcrumbList"
    assert crumbs["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Beranda", "item": "https://uji.example/"},
        {"@type": "ListItem", "position": 2, "name": "Ekonomi", "item": "https://uji.example/kategori/ekonomi/"},
        {"@type": "ListItem", "position": 3, "name": "Panen Tembakau & Harga"},
    ]


def test_reporter_page_is_a_profile_of_a_person_with_region_and_photo():
    page = structured.profile_page(site(), reporter(photo=photo()))
    assert page["@type"] == "ProfilePage" and page["url"] == "https://uji.example/penulis/baiq/"
    person = page["mainEntity"]
    assert person["@type"] == "Person" and person["name"] == "Baiq <Uji> & Satu"
    assert person["jobTitle"] == "Wartawan" and person["url"] == "https://uji.example/penulis/baiq/"
    assert person["workLocation"] == {"@type": "AdministrativeArea", "name": "Lombok Timur",
                                      "url": "https://uji.example/wilayah/lombok-timur/"}
    assert person["image"]["url"] == "https://uji.example/images/x-1200.jpg"
    assert person["worksFor"]["@id"] == "https://uji.example/#organization"
    bare = structured.profile_page(site(), reporter(region=None, role="", bio=""))["mainEntity"]
    assert "image" not in bare and "workLocation" not in bare and "jobTitle" not in bare


def test_organization_names_its_policy_pages_by_slug():
    pages = [NS(slug=slug, url=f"{slug}/", title=Markup(f"Judul {i}")) for i, slug in enumerate(DEFAULTS["STANDING_PAGES"])]
    org = structured.organization(site(), pages)
    assert org["@type"] == "NewsMediaOrganization" and org["@id"] == "https://uji.example/#organization"
    assert org["masthead"] == "https://uji.example/redaksi/"
    assert org["ethicsPolicy"] == "https://uji.example/kode-etik-jurnalistik/"
    assert org["correctionsPolicy"] == "https://uji.example/koreksi-dan-hak-jawab/"
    assert org["publishingPrinciples"] == "https://uji.example/pedoman-media-siber/"
    assert org["contactPoint"]["url"] == "https://uji.example/kontak/"
    assert org["logo"]["url"] == "https://uji.example/icons/icon-512.png"
    # Without those pages the properties are left out, never pointed at a page that does not exist.
    assert "masthead" not in structured.organization(site(), [])


def test_policy_slugs_are_standing_pages():
    slugs = set(DEFAULTS["STANDING_PAGES"])
    assert set(structured.POLICY_PAGES.values()) <= slugs
    assert {structured.CONTACT_PAGE, structured.ABOUT_PAGE} <= slugs


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return build(PUBLISH, FIXTURE, tmp_path_factory.mktemp("structured") / "out")


def test_the_build_hands_every_template_its_blocks(published):
    """The fixture theme prints nothing of it; the blocks are checked on the objects of the build."""
    from newsroom import state

    newsroom = state._current
    articles = newsroom.photo_items  # published articles and reporters
    stories = [a for a in articles if hasattr(a, "jsonld") and hasattr(a, "date")]
    assert stories, "no article got its JSON-LD"
    for story in stories:
        news, crumbs = story.jsonld
        assert news["@type"] == "NewsArticle" and news["image"][0]["url"].startswith("https://uji.example/")
        json.dumps(list(story.jsonld))
    for region in newsroom.data.regions:
        assert region.jsonld[0]["itemListElement"][-1]["name"] == region.name
    for author in newsroom.data.reporters:
        assert author.jsonld[0]["mainEntity"]["name"] == author.name
    home = newsroom.view.jsonld_home
    assert home[0]["masthead"] == "https://uji.example/redaksi/" and home[1]["@type"] == "WebSite"


def test_a_lazy_list_is_made_on_first_read_only_and_reads_as_its_list():
    from newsroom.lazy import Lazy

    made = []

    def blocks(name):
        made.append(name)
        return [{"@type": "NewsArticle", "headline": name}, {"@type": "BreadcrumbList"}]

    never, story = Lazy(blocks, "tidak dibaca"), Lazy(blocks, "dibaca")
    assert made == []  # setting it costs nothing: a page taken from the last site never reads it
    news, crumbs = story
    assert news["headline"] == "dibaca" and crumbs["@type"] == "BreadcrumbList"
    assert len(story) == 2 and story[0] is news and list(story) == [news, crumbs] and story
    assert story == [news, crumbs] and story == Lazy(lambda: [news, crumbs]) and story != [news]
    assert made == ["dibaca"]  # made once, whatever reads it after
    assert not Lazy(list) and made == ["dibaca"] and never._items is None

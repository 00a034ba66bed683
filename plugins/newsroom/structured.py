"""Structured data (schema.org JSON-LD) for search engines, computed as plain data.

Templates only serialise what is here, with `|tojson` (strict JSON, and `<`, `>`, `&` escaped, so a
typed headline can never end its `<script>` element early). Every block is a dict with its own
`@context`, so a page prints one `<script type="application/ld+json">` per block:

- articles: `NewsArticle` (always with an `image`: the lead photo, else the site's share card) and
  its `BreadcrumbList` (home, rubric, story: the trail the page shows);
- reporter pages: `ProfilePage` about a `Person` (name, job title, URL, the region the reporter
  covers as `workLocation`, photo if any), and a `BreadcrumbList`;
- rubric, region and topic pages: a `BreadcrumbList`;
- the home page: the `NewsMediaOrganization` (with masthead, ethics, corrections and contact
  pages, found by their slugs) and the `WebSite`.

`attach()` (all_generators_finalized) hands the blocks to the templates as `article.jsonld`,
`author.jsonld`, `category.jsonld`, `region.jsonld`, `tag.jsonld` and `newsroom.jsonld_home`.
Every function below takes plain values and objects, so the unit tests need no Pelican build.
"""

from __future__ import annotations

import datetime
import zoneinfo

from markupsafe import Markup

from . import i18n, lazy, links, state

CONTEXT = "https://schema.org"

# schema.org property of the publisher -> slug of the standing page that states it. The slugs are
# those of NEWSROOM["STANDING_PAGES"] (settings.py); a page that is missing is simply left out.
POLICY_PAGES = {
    "masthead": "redaksi",
    "ethicsPolicy": "kode-etik-jurnalistik",
    "correctionsPolicy": "koreksi-dan-hak-jawab",
    "publishingPrinciples": "pedoman-media-siber",
    "actionableFeedbackPolicy": "koreksi-dan-hak-jawab",
}
CONTACT_PAGE = "kontak"
ABOUT_PAGE = "tentang-kami"


# --- values ------------------------------------------------------------------------------------------


def plain(value) -> str:
    """Text for search engines: markup (a typogrified title, a sanitised summary) loses its tags and
    entities; plain text (a name as typed) stays as it is. Whitespace is collapsed either way."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        value = Markup(value).striptags()
    return " ".join(str(value).split())


def html_text(value) -> str:
    """Text of a string that holds HTML (Pelican's `summary`)."""
    return Markup(str(value or "")).striptags()


def iso(value: datetime.datetime, zone: datetime.tzinfo | None = None) -> str:
    """2026-11-10T08:05:00+08:00: on the site's clock, as the pages' <time> elements."""
    if zone is not None and value.tzinfo is not None:
        value = value.astimezone(zone)
    return value.replace(microsecond=0).isoformat()


class Site:
    """What every block needs to know about the site: its URL, names and clock."""

    def __init__(self, siteurl: str, name: str, language: str = "id", zone=None, *,
                 publisher: dict | None = None, identity: dict | None = None,
                 logo: dict | None = None, share_image=None, ui=None):
        self.siteurl = siteurl.rstrip("/")
        self.name = name
        self.language = language
        self.zone = zone
        self.publisher = publisher or {}
        self.identity = identity or {}  # site.toml [site]: long_name, tagline, province
        self.logo = logo  # {"url": relative URL, "width", "height"} or None
        self.share_image = share_image  # full_src, full_width, full_height
        self.ui = ui or (lambda text: text)  # the theme's UI strings (its gettext catalog)

    def url(self, path: str = "") -> str:
        """Absolute URL of a site path ('' is the home page)."""
        return f"{self.siteurl}/{path}"

    @property
    def home(self) -> str:
        return self.url("")

    @property
    def organization_id(self) -> str:
        return self.url("#organization")

    def organization_ref(self) -> dict:
        """The publisher as articles and reporters name it: a reference to the home page's block."""
        ref = {"@type": "NewsMediaOrganization", "@id": self.organization_id,
               "name": plain(self.publisher.get("name") or self.name), "url": self.home}
        if self.logo:
            ref["logo"] = self.image_object(self.logo["url"], self.logo.get("width"), self.logo.get("height"))
        return ref

    def image_object(self, path: str, width=None, height=None, caption: str = "", credit: str = "") -> dict:
        image = {"@type": "ImageObject", "url": self.url(path)}
        if width and height:
            image.update(width=int(width), height=int(height))
        if caption:
            image["caption"] = plain(caption)
        if credit:
            image["creditText"] = plain(credit)
        return image


# --- blocks ------------------------------------------------------------------------------------------


def breadcrumbs(site: Site, trail: list[tuple[str, str | None]]) -> dict:
    """A BreadcrumbList from (name, URL path) pairs after the home page; the last one is the
    current page and, as on the page, is not a link."""
    items = [(site.ui("Home"), "")] + list(trail)
    elements = []
    for position, (name, path) in enumerate(items, 1):
        element = {"@type": "ListItem", "position": position, "name": plain(name)}
        if path is not None and position < len(items):
            element["item"] = site.url(path)
        elements.append(element)
    return {"@context": CONTEXT, "@type": "BreadcrumbList", "itemListElement": elements}


def person(site: Site, author, *, detailed: bool = False) -> dict:
    """A reporter. `detailed` (the reporter's own page) adds the bio, photo, region and employer."""
    node = {"@type": "Person", "name": plain(author.name), "url": site.url(author.url)}
    role = getattr(author, "role", "")
    if role:
        node["jobTitle"] = plain(role)
    if not detailed:
        return node
    node["@id"] = site.url(author.url) + "#person"
    bio = getattr(author, "bio", "")
    if bio:
        node["description"] = plain(bio)
    photo = getattr(author, "photo", None)
    if photo:
        node["image"] = site.image_object(photo.full_src, photo.full_width, photo.full_height)
    region = getattr(author, "region", None)
    if region is not None:
        node["workLocation"] = {"@type": "AdministrativeArea", "name": plain(region.name), "url": site.url(region.url)}
    node["worksFor"] = site.organization_ref()
    return node


def profile_page(site: Site, author) -> dict:
    """The reporter's page: a ProfilePage whose main entity is the Person."""
    return {"@context": CONTEXT, "@type": "ProfilePage", "url": site.url(author.url),
            "mainEntity": person(site, author, detailed=True)}


def lead_image(site: Site, article) -> dict:
    """The lead photo in its largest size, else the story's own drawn card, else the site's share
    card (never no image)."""
    photo = getattr(article, "photo", None)
    if photo:
        return site.image_object(photo.full_src, photo.full_width, photo.full_height,
                                 getattr(photo, "caption", ""), getattr(photo, "credit", ""))
    card = getattr(article, "card", None) or site.share_image
    return site.image_object(card.full_src, card.full_width, card.full_height)


def news_article(site: Site, article) -> dict:
    url = site.url(article.url)
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": plain(article.title),
        "description": html_text(getattr(article, "summary", "")),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": iso(article.date, site.zone),
        "dateModified": iso(getattr(article, "modified", None) or article.date, site.zone),
        "inLanguage": site.language,
        "image": [lead_image(site, article)],
        "author": [person(site, a) for a in getattr(article, "authors", [])],
        "publisher": site.organization_ref(),
        "isAccessibleForFree": True,
    }
    category = getattr(article, "category", None)
    if category:
        data["articleSection"] = plain(category.name)
    if getattr(article, "dateline", ""):
        data["dateline"] = plain(article.dateline)
    if getattr(article, "word_count", 0):
        data["wordCount"] = article.word_count
    tags = getattr(article, "tags", None)
    if tags:
        data["keywords"] = ", ".join(plain(t.name) for t in tags)
    corrections = getattr(article, "corrections", None)
    if corrections:  # newest first, as the page's Ralat box
        data["correction"] = [{"@type": "CorrectionComment", "text": plain(c.text),
                               "datePublished": iso(c.date, site.zone)} for c in reversed(corrections)]
    region = getattr(article, "region", None)
    if region is not None:
        data["contentLocation"] = {"@type": "Place", "name": plain(region.name)}
    return data


def article_blocks(site: Site, article) -> list[dict]:
    """The NewsArticle and the page's breadcrumb trail (the one the page shows, links.article_trail)."""
    trail = getattr(article, "breadcrumbs", None) or links.article_trail(article)
    return [news_article(site, article), breadcrumbs(site, [(label, url) for url, label in trail])]


def organization(site: Site, pages) -> dict:
    """The publisher, with the pages that state its policies (by slug)."""
    by_slug = {p.slug: p for p in pages}
    publisher, identity = site.publisher, site.identity
    data = {
        "@context": CONTEXT,
        "@type": "NewsMediaOrganization",
        "@id": site.organization_id,
        "name": plain(publisher.get("name") or site.name),
        "alternateName": plain(site.name),
        "url": site.home,
    }
    if site.logo:
        data["logo"] = site.image_object(site.logo["url"], site.logo.get("width"), site.logo.get("height"))
    if identity.get("tagline"):
        data["description"] = plain(identity["tagline"])
    if identity.get("province"):
        data["areaServed"] = {"@type": "AdministrativeArea", "name": plain(identity["province"])}
    if publisher.get("address"):
        data["address"] = {"@type": "PostalAddress", "streetAddress": plain(publisher["address"]),
                           "addressCountry": "ID"}
    if publisher.get("email"):
        data["email"] = plain(publisher["email"])
    if publisher.get("phone"):
        data["telephone"] = plain(publisher["phone"])
    for prop, slug in POLICY_PAGES.items():
        if slug in by_slug:
            data[prop] = site.url(by_slug[slug].url)
    if ABOUT_PAGE in by_slug:
        data["ownershipFundingInfo"] = site.url(by_slug[ABOUT_PAGE].url)
    contact = {"@type": "ContactPoint", "contactType": "newsroom"}
    if CONTACT_PAGE in by_slug:
        contact["url"] = site.url(by_slug[CONTACT_PAGE].url)
    if publisher.get("email"):
        contact["email"] = plain(publisher["email"])
    if publisher.get("phone"):
        contact["telephone"] = plain(publisher["phone"])
    if len(contact) > 2:
        data["contactPoint"] = contact
    return data


def website(site: Site) -> dict:
    """The site's name for search results (the name Google shows above a result)."""
    data = {"@context": CONTEXT, "@type": "WebSite", "name": plain(site.name), "url": site.home,
            "inLanguage": site.language, "publisher": {"@id": site.organization_id}}
    long_name = site.identity.get("long_name")
    if long_name:
        data["alternateName"] = plain(long_name)
    return data


# --- hand-over to the templates ----------------------------------------------------------------------


def site_from(settings: dict, newsroom, theme: str, context: dict) -> Site:
    site_data = newsroom.data.site
    identity = site_data.get("site", {})
    lang = settings.get("DEFAULT_LANG", "id")
    zone = zoneinfo.ZoneInfo(settings["TIMEZONE"]) if settings.get("TIMEZONE") else None
    view = context.get("newsroom")
    # A square raster logo when a plugin drew one (plugins/webapp), else the theme's SVG mark.
    logo = getattr(context.get("webapp"), "logo", None) or {
        "url": f"{settings.get('THEME_STATIC_DIR', 'theme')}/img/logo.svg", "width": 48, "height": 48}
    return Site(
        settings.get("SITEURL", ""), identity.get("name") or settings.get("SITENAME", ""), lang, zone,
        publisher=site_data.get("publisher", {}), identity=identity, logo=logo,
        share_image=getattr(view, "share_image", None),
        ui=i18n.translations_for(theme, lang).gettext,
    )


def attach(generators) -> None:
    """all_generators_finalized: every page's blocks, attached to what its template receives."""
    first = generators[0]
    newsroom = state.current(first.settings)
    site = site_from(first.settings, newsroom, first.theme, first.context)
    articles = next((g for g in generators if hasattr(g, "articles") and hasattr(g, "drafts")), None)
    if articles is not None:
        for article in (*articles.articles, *articles.translations, *articles.drafts,
                        *articles.drafts_translations, *articles.hidden_articles):
            article.jsonld = lazy.Lazy(article_blocks, site, article)  # only its page shows it
        for category, _ in articles.categories:
            category.jsonld = [breadcrumbs(site, [(category.name, None)])]
        for tag in articles.tags:
            tag.jsonld = [breadcrumbs(site, [(site.ui("Topics"), first.settings.get("TAGS_URL", "")),
                                             (tag.name, None)])]
        for author, _ in articles.authors:
            author.jsonld = [profile_page(site, author), _reporter_trail(site, author, first.settings)]
    for rubric in newsroom.data.rubrics:
        rubric.jsonld = [breadcrumbs(site, [(rubric.name, None)])]
    for author in newsroom.data.reporters:
        author.jsonld = [profile_page(site, author), _reporter_trail(site, author, first.settings)]
    for region in newsroom.data.regions:
        region.jsonld = [breadcrumbs(site, [(site.ui("Regions"), first.settings.get("REGIONS_URL", "")),
                                            (region.name, None)])]
    view = getattr(newsroom, "view", None)
    if view is not None:
        view.jsonld_home = [organization(site, newsroom.pages), website(site)]


def _reporter_trail(site: Site, author, settings: dict) -> dict:
    return breadcrumbs(site, [(site.ui("Our reporters"), settings.get("AUTHORS_URL", "")), (author.name, None)])

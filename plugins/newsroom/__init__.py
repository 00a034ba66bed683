"""newsroom: the FPII NTB content model as a Pelican plugin.

Reporters, regions and rubrics come from content/data/*.toml; each article's header is checked
and resolved against them (see reader.py), enriched for the theme (model.py), and indexed by
region and reporter (generator.py). Problems are reported all at once; strict builds stop.
"""

from __future__ import annotations

import datetime
import logging
import os
import zoneinfo
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.readers import MarkdownReader

from . import accountability, bodies, bodyphotos, checks, collector, dates, fragments, i18n, identity, links, membership, model, parsed, paths, pelican_compat, photos, render, security, state, structured
from .generator import NewsroomGenerator
from .messages import _
from .problems import CheckFinished, ContentError
from .reader import NewsroomMarkdownReader, pelican_typogrify_off
from .settings import fill_pelican_defaults

logger = logging.getLogger(__name__)


def fill_defaults(pelican):
    fill_pelican_defaults(pelican.settings)


def begin_build(pelican):
    state.begin(pelican.settings)
    return NewsroomGenerator


def use_newsroom_reader(readers):
    for fmt, cls in list(readers.reader_classes.items()):
        if cls is MarkdownReader:
            readers.reader_classes[fmt] = NewsroomMarkdownReader
    pelican_typogrify_off(readers)  # the reader typogrifies its files itself, cached


def prepare_templates(generator):
    newsroom = state.current(generator.settings)
    site = newsroom.data.site.get("site", {})
    lang = generator.settings.get("DEFAULT_LANG", "id")
    zone = zoneinfo.ZoneInfo(generator.settings["TIMEZONE"]) if generator.settings.get("TIMEZONE") else None
    generator.env.filters.update(dates.DateFilters(lang, site.get("timezone_abbr", ""), zone).filters())
    generator.env.filters.update(links.template_filters(generator.settings["SITEURL"]))
    i18n.install(generator.env, generator.theme, lang)
    fragments.install(generator.env)  # {% cache %}: what is the same on many pages is rendered once
    if "newsroom" not in generator.context:
        generator.context["newsroom"] = state.View(
            site={**site, "publisher": newsroom.data.site.get("publisher", {}),
                  "colors": identity.colors_of(newsroom.data.site)},
            regions=newsroom.data.regions,
            rubrics=newsroom.data.rubrics,
            reporters=sorted(newsroom.data.reporters, key=model.reporter_order),
            share_image=photos.share_card_info(site, generator.settings["SITEURL"]),
            logo=Markup(identity.mark_svg(identity.colors_of(newsroom.data.site), standalone=False, size=40,
                                          css_class="logo")),
            csp=Markup(security.policy()),  # our own constant, with quotes an attribute can hold
            referrer_policy=security.REFERRER_POLICY,
            contact=links.contact_links(newsroom.data.site.get("publisher", {})),
        )
        newsroom.view = generator.context["newsroom"]


def mark_safe_fields(content):
    """Hand templates the title and standfirst as markup that autoescaping keeps.

    The reader escaped the title and the summary (plain text) before typogrify added its entities
    and spans, so both are safe HTML; everything else a template prints stays escaped.
    """
    title = getattr(content, "title", None)
    if isinstance(title, str) and not isinstance(title, Markup):
        content.title = Markup(title)
    summary = getattr(content, "metadata", {}).get("summary")
    content.standfirst = Markup(summary) if summary else None


def enrich_articles(generator):
    newsroom = state.current(generator.settings)
    model.settle_order(generator)  # same minute: by source path, never by hash seed
    now = datetime.datetime.now(datetime.timezone.utc)
    everything = [*generator.articles, *generator.translations, *generator.drafts,
                  *generator.drafts_translations, *generator.hidden_articles]
    for article in everything:
        model.enrich_article(article, newsroom, now)
    unchecked_files(everything, newsroom)
    bodyphotos.keep_originals_out(everything, generator.context["static_links"])

    losers = checks.duplicate_urls(
        [*generator.articles, *generator.translations, *generator.hidden_articles, *generator.drafts],
        newsroom, checks.reserved_targets(generator.settings, newsroom),
    )
    if losers:
        generator.articles = [a for a in generator.articles if a not in losers]
        generator.translations = [a for a in generator.translations if a not in losers]
        generator.hidden_articles = [a for a in generator.hidden_articles if a not in losers]
        generator.drafts = [a for a in generator.drafts if a not in losers]

    newsroom.preview = newsroom.config["PREVIEW_UNPUBLISHED"] and bool(generator.settings.get("DRAFT_SAVE_AS"))
    if not newsroom.preview:
        # Nothing of an unpublished story may reach the output, not even a file it links.
        public = set()
        for item in (*generator.articles, *generator.translations, *generator.hidden_articles):
            public.update(item.get_static_links())
        for draft in (*generator.drafts, *generator.drafts_translations):
            for link in draft.get_static_links():
                if link not in public:
                    generator.context["static_links"].discard(link)


def unchecked_files(contents, newsroom) -> None:
    """Every article and page must have gone through our reader in this build, whatever the order
    of Pelican's calls or a cache in front of the reader: one that did not was never checked."""
    for content in contents:
        path = getattr(content, "source_path", None)
        if path and os.path.abspath(path) not in newsroom.checked_paths:
            newsroom.problems.add(path, "", _("was not read by the newsroom's reader in this build (a cache in front "
                                              "of it?), so nothing in it was checked; build again with a clean cache"))


def index_articles(generator):
    newsroom = state.current(generator.settings)
    model.build_indexes(generator, newsroom)
    view = newsroom.view
    view.home = model.home(generator.articles, newsroom)
    view.tags = model.tag_cloud(generator.articles)
    view.archive = model.archive(generator)
    view.archive_by_year = {y.year: y for y in view.archive}
    for author in newsroom.data.reporters:
        if author.photo_path and author.photo is None:
            author.photo = photos.measure(newsroom.content_path, author.photo_path, (160, 320), generator.settings["SITEURL"],
                                          size=author.photo_size, modern=newsroom.config["PHOTO_FORMATS"])
            author.photo.alt = author.name
    users = [*generator.articles, *generator.translations, *newsroom.data.reporters]
    if newsroom.preview:
        view.unpublished = [*generator.drafts, *(a for a in generator.articles if a.state == "embargo")]
        users += [*generator.drafts, *generator.drafts_translations]
    newsroom.photo_items = users


def relate_articles(generators):
    """all_generators_finalized: each story's related stories (for its page only). Not at
    article_generator_finalized with the indexes: the search plugin starts indexing at the end of
    that signal, in a child process, which then works on the other core while this runs."""
    from pelican.generators import ArticlesGenerator

    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            cache = generator.settings.get("CACHE_PATH")
            model.relate_cached(generator.articles, state.current(generator.settings).config["RELATED_COUNT"],
                                Path(cache) if cache else None)


def index_pages(generator):
    newsroom = state.current(generator.settings)
    order = list(newsroom.config["STANDING_PAGES"])
    rank = {slug: i for i, slug in enumerate(order)}
    unchecked_files([*generator.pages, *generator.hidden_pages, *generator.draft_pages], newsroom)
    newsroom.view.standing_pages = sorted(
        generator.pages, key=lambda p: (rank.get(p.slug, len(rank)), p.title)
    )
    newsroom.pages = generator.pages
    # Photos in the standing pages' text: the same pipeline as in stories.
    pages = [*generator.pages, *generator.hidden_pages, *generator.translations]
    for page in pages:
        bodyphotos.rewrite(page, newsroom)
    bodyphotos.keep_originals_out([*pages, *generator.draft_pages], generator.context["static_links"])
    newsroom.photo_items = [*getattr(newsroom, "photo_items", []), *pages]


def keep_static_inside(generator):
    """Static files (extra/ and {static} links) whose real path is outside content/ are dropped
    and reported: Pelican follows symbolic links and would copy their targets into the site."""
    newsroom = state.current(generator.settings)
    kept = []
    for static in generator.staticfiles:
        if paths.is_inside(newsroom.content_root, static.source_path):
            kept.append(static)
        else:
            newsroom.problems.add(static.source_path, "", _("is a symbolic link to a file outside the content folder, "
                                                            "so it was not published; copy the file into the content "
                                                            "folder instead"))
    generator.staticfiles[:] = kept


def finish_checks(generators):
    newsroom = state.current(generators[0].settings)
    reserved = checks.reserved_targets(newsroom.settings, newsroom)
    articles = [a for g in generators for a in getattr(g, "articles", [])]
    page_targets = {page.save_as for page in newsroom.pages}  # described only where a page wants it
    for a in articles:
        if a.save_as in page_targets:
            reserved.setdefault(a.save_as, _("the article {file}", file=checks.newsroom_display(a.source_path)))
    checks.duplicate_urls(newsroom.pages, newsroom, reserved)
    published = [*articles, *newsroom.pages]
    checks.links_to_unpublished(published, generators[0].context["generated_content"], newsroom)
    newsroom.problems.report()
    if newsroom.strict and newsroom.problems.blocking:
        raise ContentError(newsroom.problems.blocking)
    if newsroom.config["CHECK_ONLY"]:
        raise CheckFinished()  # `invoke check`: everything is read and checked; write nothing


def register():
    pelican_compat.remember_relative_source_paths()  # asked 4 times per story, computed once
    pelican_compat.faster_strftime()  # {date:%Y} in every URL: datetime.strftime, not a parse per call
    signals.initialized.connect(fill_defaults)
    signals.get_generators.connect(begin_build)
    signals.readers_init.connect(use_newsroom_reader)
    signals.generator_init.connect(prepare_templates)
    signals.article_generator_init.connect(pelican_compat.skip_unused_file_stamps)
    signals.get_writer.connect(pelican_compat.known_folders)  # a page's folder asked for once a build
    signals.finalized.connect(pelican_compat.forget_folders)
    signals.page_generator_init.connect(pelican_compat.skip_unused_file_stamps)
    signals.content_object_init.connect(mark_safe_fields)
    signals.static_generator_finalized.connect(keep_static_inside)
    signals.article_generator_pretaxonomy.connect(enrich_articles)
    signals.article_generator_finalized.connect(index_articles)
    signals.article_generator_init.connect(membership.linear_period_archives)  # no quadratic scans
    signals.article_generator_init.connect(membership.dated_listings)
    signals.article_generator_finalized.connect(membership.fast_listings)
    signals.page_generator_finalized.connect(index_pages)
    signals.all_generators_finalized.connect(finish_checks)
    signals.all_generators_finalized.connect(relate_articles)  # after the checks: `invoke check` stops there
    signals.all_generators_finalized.connect(structured.attach)  # JSON-LD for the templates
    bodies.register(signals)  # article bodies: cached by content, converted on every core
    parsed.register(signals, own_handlers=(mark_safe_fields, accountability.read_article))  # stories read before
    render.register(signals)  # pages rendered on every core, templates compiled once
    collector.register(signals)  # the site read is frozen while its pages are written
    accountability.register(signals)  # corrections, replies, retractions, advertorials

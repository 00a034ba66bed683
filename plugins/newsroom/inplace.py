"""Live preview, fast path: an edit that moves no story changes the site in memory, in place.

Most saves while a story is being written change its words (title, standfirst, body, photo caption
or credit, dateline, editor's sign-off), not what places it in the site: its date, address, status,
rubric, region, reporters, topics, language, template, lead photo, links, corrections... The
preview's usual live update (preview.py) builds the whole context again for every save (about 18 s
at 10,000 stories). Here, instead:

1. the edited files are read again by the same reader (the reader's problems go to a scratch log);
2. each new story is compared with the copy read last time (preview.LivePreview.read): every
   attribute and header field must be equal except the words listed in `WORDS`. The same check is
   made on what enriching gives (model.enrich_article, on fresh copies of the old and the new story):
   only `ENRICHED_WORDS` may differ. Anything else, or anything unexpected, means "not here": the
   preview takes its usual path, which is always right;
3. the story object the site holds (the one every list, index, related box, home page, feed and
   recorded page points to) takes the new story's state, except what later steps of the build put
   on it (related stories, replies, neighbours), which stays; its JSON-LD is made again;
4. its problems are replaced: the old reading's and enriching's go, the new ones come, as a full
   build reports them; the list is printed as a build prints it;
5. every cache that could hold the old words is emptied: Pelican's memoised `get_content` and
   `get_summary`, and the `{% cache %}` fragments (fragments.py) of every template environment.

Pages are rendered from these objects when the browser asks for them (preview.RecordingWriter), so
every page that shows the story, wherever it is listed, has the new words. tests/test_preview.py
checks, for each kind of edit, that the fast path is taken or not, and that every page then equals
a full build of the edited content, byte for byte, and the problems too.

Not here (the usual live update): strict or check-only settings, a story that did not make it
into the site's lists (a duplicate address), or a story whose embargo time has passed since the
site was last built (a full context gives it its new state, and the home page its new order).
"""

from __future__ import annotations

import datetime
import os
import time

from pelican import signals
from pelican.contents import Article

from . import fragments, model, state, structured
from .problems import ProblemLog

# Header fields and attributes of a story that only show its words: they place it nowhere.
WORDS = frozenset({"_content", "_summary", "title", "standfirst", "summary", "caption", "credit", "imagealt",
                   "dateline", "editor"})
# What enriching derives from the words (model.enrich_article): the photo object carries the caption,
# credit and alt text; the drawn card, the share links and the breadcrumbs carry the title.
ENRICHED_WORDS = frozenset({"word_count", "reading_time", "photo", "card", "share", "breadcrumbs"})
# Set by later steps of the build (model.relate, accountability.link_and_log): the site's object keeps them.
LATER = frozenset({"related", "replies", "updates", "reply_to", "update_of"})
LISTS = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles")
NOT_COMPARED = frozenset({"settings", "_context", "metadata"})


class NotHere(Exception):
    """The edit may move a story (or this module is unsure): the usual live update is needed."""


def embargo_end(generators) -> datetime.datetime | None:
    """The earliest time at which an embargoed story of this site becomes published, if any."""
    articles = _articles_generator(generators)
    if articles is None:
        return None
    dates = [a.date for name in LISTS for a in getattr(articles, name, []) if getattr(a, "state", "") == "embargo"]
    return min(dates, default=None)


def _articles_generator(generators):
    return next((g for g in generators or () if hasattr(g, "articles") and hasattr(g, "drafts")), None)


def update(preview, edited: list[str], timings: dict) -> None:
    """Update the site of `preview` in place for the `edited` article files, or raise NotHere
    (having changed nothing, the preview's memory of the files included)."""
    generators = preview.generators
    generator = _articles_generator(generators)
    newsroom = preview.newsroom
    if generator is None or newsroom is None or newsroom.settings is not generator.settings:
        raise NotHere("no site in memory")
    state._current = newsroom  # the reader's (another Pelican run in this process may have begun its own)
    if newsroom.strict or newsroom.config["CHECK_ONLY"]:
        raise NotHere("strict builds stop on problems: a full context decides")
    now = datetime.datetime.now(datetime.timezone.utc)
    if preview.embargo_end is not None and preview.embargo_end <= now:
        raise NotHere("an embargo has ended since the last build")
    start = time.perf_counter()
    live = _live_objects(generator, set(edited))
    timings["found"] = time.perf_counter() - start

    # 1. Read the edited files again; the reader's problems go to a scratch log (a log keeps each
    # problem once: the old reading's would hide the same new ones).
    old_entries = {path: preview.read[path] for path in edited}
    log, files_read = newsroom.problems, dict(newsroom.files_read)
    was_live, newsroom.live_update = newsroom.live_update, True
    newsroom.problems = ProblemLog()
    new = {}
    try:
        for path in edited:
            new[path] = generator.readers.read_file(
                base_path=generator.path, path=os.path.relpath(path, generator.path), content_class=Article,
                context=generator.context, preread_signal=signals.article_generator_preread,
                preread_sender=generator, context_signal=signals.article_generator_context,
                context_sender=generator)
        # 2. Compare; enrich fresh copies of the old and the new story in scratch logs.
        plans = [_plan(preview, path, old_entries[path], new[path], live[path], generator.context, newsroom, now)
                 for path in edited]
    except Exception as error:  # noqa: BLE001 (NotHere, or a failure the usual path reports as a build does)
        preview.read.update(old_entries)  # the usual path reads these files again
        if isinstance(error, NotHere):
            raise
        raise NotHere(f"{type(error).__name__}: {error}") from error
    finally:
        newsroom.problems, newsroom.files_read = log, files_read
        newsroom.live_update = was_live
    timings["read and compared"] = time.perf_counter() - start

    # 3.-4. Apply. What later steps set and enriching does not (neighbours, JSON-LD) is kept.
    preview._clear_memoized()  # (the JSON-LD below reads the summary)
    site = structured.site_from(generator.settings, newsroom, generator.theme, generator.context)
    for target, fresh, old_problems, new_problems, gone in plans:
        for name in gone:  # a field the story no longer has (its summary, its caption...)
            target.__dict__.pop(name, None)
        for name, value in vars(fresh).items():
            if name not in LATER:
                setattr(target, name, value)
        target.refresh_metadata_intersite_links()  # as the build does once the context is complete
        target.jsonld = structured.article_blocks(site, target)
        log.discard(old_problems)
        log.extend(new_problems)
    # 5. Nothing may keep the old words.
    preview._clear_memoized()
    for gen in generators:
        env = getattr(gen, "env", None)
        cache = env.extensions.get(fragments.FragmentCache.identifier) if env is not None else None
        if cache is not None:
            cache.fragments.clear()
    log.report()
    timings["applied"] = time.perf_counter() - start


def _live_objects(generator, edited: set[str]) -> dict:
    """The object the site holds for each edited file: in exactly one of the generator's lists."""
    found: dict[str, list] = {path: [] for path in edited}
    for name in LISTS:
        for article in getattr(generator, name, []):
            source = article.source_path
            if source in found:
                found[source].append(article)
    if any(len(objects) != 1 for objects in found.values()):
        raise NotHere("a story is not in the site's lists exactly once")
    return {path: objects[0] for path, objects in found.items()}


def _plan(preview, path, old_entry, new_article, target, context, newsroom, now):
    """(site object, its new state, problems to remove, problems to add, attributes to remove) for one file."""
    from .preview import _fresh_copy

    new_entry = preview.read.get(path)
    if not isinstance(new_article, Article) or new_entry is None or new_entry is old_entry:
        raise NotHere("the file was not read as a story")
    old, fresh = old_entry.article, new_entry.article
    _same(vars(old), vars(fresh), WORDS | NOT_COMPARED)
    _same(old.metadata, fresh.metadata, WORDS)
    if old.get_static_links() != fresh.get_static_links():
        raise NotHere("the files it links changed")
    # Enrich fresh copies of both, each in its own scratch log: what enriching reports for this file.
    enriched = []
    for article in (old, fresh):
        newsroom.problems = ProblemLog()
        copy = _fresh_copy(article, context)
        model.enrich_article(copy, newsroom, now)
        enriched.append((copy, newsroom.problems.items))
    (old_copy, old_enrich), (new_copy, new_enrich) = enriched
    _same(vars(old_copy), vars(new_copy), WORDS | ENRICHED_WORDS | NOT_COMPARED)
    # What the site's object got from later steps must be what this module knows to keep.
    for name, value in vars(old_copy).items():
        if name in LATER or name in NOT_COMPARED:
            continue
        if not _equal(getattr(target, name, _MISSING), value):
            raise NotHere(f"{name} was changed after enriching")
    old_problems = {*old_entry.problems, *old_enrich}
    new_problems = [*new_entry.problems, *new_enrich]
    gone = set(vars(old_copy)) - set(vars(new_copy)) - LATER
    return target, new_copy, old_problems, new_problems, gone


_MISSING = object()


def _equal(a, b) -> bool:
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 (a value that cannot be compared: unsure)
        return False


def _same(old: dict, new: dict, ignore) -> None:
    keys = (old.keys() | new.keys()) - ignore
    for key in keys:
        if key not in old or key not in new or not _equal(old[key], new[key]):
            raise NotHere(f"{key} changed")


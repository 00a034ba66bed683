"""Accountable journalism: corrections, right of reply, updates, verification notes, retractions and
advertorials, computed for the theme from the header fields the reader validated (reader.py).

- `Correction:` lines become `article.corrections` (oldest first, each `date` in WITA and `text`);
  the latest correction time becomes the article's `modified` (page, JSON-LD, feeds, sitemap).
- `Reply_To:` / `Update_Of:` link both ways: `article.reply_to` / `article.update_of` on the new
  story, `article.replies` / `article.updates` on the original (whose file is never edited).
- `Verification: pending` sets `article.verification_pending`.
- `Status: retracted` (with `Retraction: time | reason`) makes the story a hidden article: its page
  stays at its URL with title, date and `article.retraction` (`date`, `reason`), but its body,
  summary and photo are dropped on reading, so they reach no page, feed, search index or card; it
  leaves every listing, feed and sitemap that Pelican's `articles` list feeds.
- `Type: advertorial` (`iklan`, `sponsored`) sets `article.advertorial`: labelled everywhere,
  never the home headline, never in the news sitemap (its `Type` is in EXCLUDE_TYPES).
- `newsroom.corrections`: every correction, reply and retraction, newest first, for `ralat/` and
  the "Koreksi dan Hak Jawab" page.
"""

from __future__ import annotations

import os
import re
from types import SimpleNamespace

from pelican.contents import Article
from pelican.generators import Generator
from pelican.utils import set_date_tzinfo

from . import paths, state
from .messages import _
from .pelican_compat import raw_content, set_raw_content
from .problems import display_path

ADVERTORIAL = {"advertorial", "iklan", "sponsored"}
# The sanitiser gives every link to another host rel="noopener" (sanitize.py); a paid story's get "sponsored" too.
OUTBOUND_REL_RE = re.compile(r'(<a\b[^>]*?\brel=")([^"]*\bnoopener\b[^"]*)(")')
REL_ORDER = ("nofollow", "sponsored", "ugc", "noopener", "noreferrer")


def sponsored_links(html: str) -> str:
    def add(match):
        rel = set(match[2].split()) | {"sponsored"}
        ordered = [r for r in REL_ORDER if r in rel] + sorted(rel - set(REL_ORDER))
        return match[1] + " ".join(ordered) + match[3]
    return OUTBOUND_REL_RE.sub(add, html)


def read_article(instance) -> None:
    """content_object_init: what the header alone decides (before any page or feed is made)."""
    if not isinstance(instance, Article):
        return
    meta = instance.metadata
    zone = instance.settings.get("TIMEZONE")
    instance.corrections = sorted((SimpleNamespace(date=set_date_tzinfo(d, zone), text=t)
                                   for d, t in meta.get("correction", [])), key=lambda c: (c.date, c.text))
    instance.advertorial = str(meta.get("type", "")).lower() in ADVERTORIAL
    instance.verification_pending = meta.get("verification") == "pending"
    instance.replies, instance.updates = [], []
    instance.reply_to = instance.update_of = None
    instance.retracted = False
    instance.retraction = None
    if instance.corrections:
        latest = instance.corrections[-1].date
        current = getattr(instance, "modified", None) or instance.date
        if latest > current:
            instance.modified = meta["modified"] = latest
            instance.locale_modified = latest.strftime(instance.date_format)
    if instance.advertorial and raw_content(instance):
        set_raw_content(instance, sponsored_links(raw_content(instance)))
    if instance.status == "retracted":
        instance.status = "hidden"  # the page is written; no listing, feed or index has it
        instance.retracted = True
        if "retraction" in meta:
            when, reason = meta["retraction"]
            instance.retraction = SimpleNamespace(date=set_date_tzinfo(when, zone), reason=reason)
        else:
            newsroom = state.current(instance.settings)
            shown = display_path(instance.source_path)
            if not any(p.path == shown and p.field == "Retraction" for p in newsroom.problems.items):
                newsroom.problems.add(instance.source_path, "Status",
                                      _("is 'retracted' but there is no 'Retraction:' line; add "
                                        "Retraction: YYYY-MM-DD HH:MM | reason"))
        # Not one word of the story may be published again.
        set_raw_content(instance, "")
        meta["summary"] = ""
        meta.pop("image", None)
        instance.standfirst = None
        instance.corrections = []


def link_and_log(generators) -> None:
    """all_generators_finalized: reply and update links both ways, the home headline, the log."""
    gen = next((g for g in generators if hasattr(g, "articles") and hasattr(g, "hidden_articles")), None)
    if gen is None:
        return
    newsroom = state.current(gen.settings)
    public = [a for a in (*gen.articles, *gen.hidden_articles) if getattr(a, "state", "published") == "published"]
    root = newsroom.content_root
    real = newsroom.real_dirs  # the folders the reader resolved already
    by_path = {os.path.relpath(paths.real_path(a.source_path, real), root).replace(os.sep, "/"): a for a in public}
    for a in public:
        for field, back, there in (("reply_to", "replies", "reply_to"), ("update_of", "updates", "update_of")):
            original = by_path.get(a.metadata.get(field, ""))
            if original is not None and original is not a:
                setattr(a, there, original)
                getattr(original, back).append(a)
    for a in public:
        a.replies.sort(key=lambda x: (x.date, x.url))
        a.updates.sort(key=lambda x: (x.date, x.url))

    view = getattr(newsroom, "view", None)
    if view is None:
        return
    home = view.home
    if home is not None and home.headline is not None and getattr(home.headline, "advertorial", False):
        news = [a for a in gen.articles if not getattr(a, "advertorial", False)]
        headline = next((a for a in news if a.featured), news[0] if news else None)
        home.headline = headline
        home.latest = [a for a in gen.articles if a is not headline][: newsroom.config["HOME_LATEST"]]
    log = []
    for a in public:
        for c in getattr(a, "corrections", []):
            log.append(SimpleNamespace(kind="correction", date=c.date, article=a, text=c.text, reply=None))
        if a.reply_to is not None:
            log.append(SimpleNamespace(kind="reply", date=a.date, article=a.reply_to, text="", reply=a))
        if a.retracted:
            r = a.retraction
            log.append(SimpleNamespace(kind="retraction", date=r.date if r else a.date, article=a,
                                       text=r.reason if r else "", reply=None))
    log.sort(key=lambda e: (e.date, e.article.url, e.kind, e.text), reverse=True)
    view.corrections = log
    view.corrections_latest = log[:10]


class CorrectionsGenerator(Generator):
    """Writes `ralat/` (CORRECTIONS_SAVE_AS): every correction, reply and retraction, newest first."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        save_as = self.settings.get("CORRECTIONS_SAVE_AS", "ralat/index.html")
        if not save_as:
            return
        try:
            template = self.get_template("corrections")
        except Exception:  # a theme without the page (the plugin's test theme)
            return
        view = self.context.get("newsroom")
        writer.write_file(save_as, template, self.context, relative_urls=self.settings["RELATIVE_URLS"],
                          template_name="corrections", url=self.settings.get("CORRECTIONS_URL", "ralat/"),
                          page_name="corrections", entries=getattr(view, "corrections", []))


def register(signals) -> None:
    signals.content_object_init.connect(read_article)
    signals.all_generators_finalized.connect(link_and_log)
    signals.get_generators.connect(corrections_generator)


def corrections_generator(pelican):
    return CorrectionsGenerator

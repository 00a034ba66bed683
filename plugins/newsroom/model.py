"""What the theme shows, computed once per build: article extras, indexes, home page, related.

Templates hold no business logic; everything they need to group, count or choose is here.
"""

from __future__ import annotations

import datetime
import hashlib
import heapq
import html
import re
from collections import Counter, defaultdict
from itertools import groupby
from operator import itemgetter
from types import SimpleNamespace
from urllib.parse import quote

from . import bodies, bodyphotos, cachefile, lazy, links, photos
from .data import Reporter, Rubric
from .pelican_compat import raw_content

TAG_RE = re.compile(r"<[^>]+>")


# --- single articles ------------------------------------------------------------------------------
def enrich_article(article, newsroom, now: datetime.datetime) -> None:
    cfg = newsroom.config
    # Pelican recomputes `url` from the settings on every access (a dozen times per page in
    # listings, cards and links); it is final by now, so keep it, the way Pelican's own
    # `override_url` does.
    article.override_url = article.url
    article.override_save_as = article.save_as  # the same, for the checks, the search index and the writer
    meta = article.metadata
    article.region = meta.get("region")
    article.dateline = meta.get("dateline", "").strip()
    article.editor = meta.get("editor")  # an Editor (initials, name) or None: the "(Adb)" sign-off
    article.featured = bool(meta.get("featured", False))
    if meta.get("declared_draft"):
        article.state = "draft"  # the reporter's Status: draft, whatever its date
    elif article.date > now:
        # An embargo: publish builds have made it a draft (WITH_FUTURE_DATES off); development
        # builds show it, marked.
        article.state = "embargo"
    elif article.status == "draft":
        article.state = "draft"
    else:
        article.state = "published"
    # Counted with the conversion (bodies.py, cached) unless the body was changed since.
    body = raw_content(article)
    words = newsroom.bodies.words.get(body) if getattr(newsroom, "bodies", None) is not None else None
    words = bodies.word_count(body) if words is None else words
    article.word_count = words
    article.reading_time = max(1, round(words / cfg["READING_WPM"]))
    article.photo = None
    siteurl = newsroom.settings["SITEURL"]
    if meta.get("image"):
        photo = photos.measure(newsroom.content_path, meta["image"], cfg["PHOTO_WIDTHS"], siteurl,
                               size=meta.get("image_size"), modern=cfg["PHOTO_FORMATS"], card=True)
        photo.alt = meta.get("imagealt") or meta.get("caption", "")
        photo.caption = meta.get("caption", "")
        photo.credit = meta.get("credit", "")
        photo.card.alt = photo.alt
        article.photo = photo
        article.card = photo.card
    else:
        article.card = photos.drawn_card(f"{cfg['IMAGES_PATH']}/kartu", article.slug, card_text(article, newsroom), siteurl)
    bodyphotos.rewrite(article, newsroom)
    article.share = lazy.Lazy(share_links, article, newsroom)  # only its page shows them
    article.breadcrumbs = links.article_trail(article)
    article.related = []


def card_text(article, newsroom) -> dict:
    """What the drawn social card of a story without a photo shows (cards.draw)."""
    site = newsroom.data.site
    colors = site.get("colors", {})
    region = getattr(article, "region", None)
    return {"headline": plain_title(article.title), "region": getattr(region, "name", "") or "",
            "site": site.get("site", {}).get("name", ""), "primary": colors.get("primary", ""),
            "accent": colors.get("accent", "")}


def plain_title(title: str) -> str:
    # Typogrify has put &nbsp; and tags into the title; a picture or a shared text wants plain words.
    return html.unescape(TAG_RE.sub("", title)).replace("\xa0", " ")


def share_links(article, newsroom) -> list[dict]:
    base = newsroom.settings["SITEURL"] or newsroom.data.site.get("site", {}).get("url", "")
    url = f"{base}/{article.url}"
    title = plain_title(article.title)
    u, t, both = quote(url, safe=""), quote(title, safe=""), quote(f"{title} {url}", safe="")
    targets = {
        "whatsapp": ("WhatsApp", f"https://wa.me/?text={both}"),
        "facebook": ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        "x": ("X", f"https://x.com/intent/post?text={t}&url={u}"),
        "telegram": ("Telegram", f"https://t.me/share/url?url={u}&text={t}"),
        "email": ("E-mail", f"mailto:?subject={t}&body={u}"),
    }
    return [
        {"name": key, "label": targets[key][0], "url": targets[key][1], "icon": key}
        for key in newsroom.config["SHARE"]
        if key in targets
    ]


def settle_order(generator) -> None:
    """Order the articles as ARTICLE_ORDER_BY says, stories with the same date by source path.

    Pelican reads the files in the order of a set (its `get_files`), which follows the string hash
    seed, and its sort is stable: two stories published in the same minute would swap places from
    one process to the next, and the site would not be byte-identical between builds.
    """
    from pelican.utils import order_content

    order_by = generator.settings["ARTICLE_ORDER_BY"]
    for name in ("articles", "hidden_articles", "drafts"):
        items = sorted(getattr(generator, name), key=lambda a: a.source_path or "")
        setattr(generator, name, order_content(items, order_by))


# --- indexes ------------------------------------------------------------------------------------
def build_indexes(generator, newsroom) -> None:
    """Attach article lists to reporters, rubrics and regions; give empty ones a page too."""
    data = newsroom.data
    articles = generator.articles  # newest first (ARTICLE_ORDER_BY = reversed-date)

    for obj in (*data.reporters, *data.rubrics, *data.regions):
        obj.articles = []
    for article in articles:
        for author in article.authors:
            if isinstance(author, Reporter):
                author.articles.append(article)
        if isinstance(article.category, Rubric):
            article.category.articles.append(article)
        if article.region is not None:
            article.region.articles.append(article)

    # Every reporter and every rubric has a page, even before their first story.
    have = {a for a, _ in generator.authors}
    generator.authors.extend((a, []) for a in data.reporters if a not in have)
    generator.authors.sort(key=lambda pair: reporter_order(pair[0]))
    have = {c for c, _ in generator.categories}
    generator.categories.extend((c, []) for c in data.rubrics if c not in have)
    order = {c.slug: i for i, c in enumerate(data.rubrics)}
    generator.categories.sort(key=lambda pair: (order.get(pair[0].slug, len(order)), pair[0].name))
    # The templates' `authors` and `categories` are these lists: hand them over explicitly rather
    # than rely on Pelican's context sharing the generator's list objects.
    generator.context["authors"] = generator.authors
    generator.context["categories"] = generator.categories


def reporter_order(author):
    # Editors (who have initials for the Editor field) first, then by name.
    return (not getattr(author, "is_editor", False), author.name)


RELATED_WINDOW = 200  # the most recent stories of each region, topic and rubric that are scored
RELATED_FILE = "newsroom-related.pickle"
RELATED_VERSION = "1"  # change it with relate()'s rule: a stored answer is then not used


def relation_key(articles, count: int) -> str:
    """Everything relate() reads of the stories, in their order: the same key, the same answer."""
    digest = hashlib.sha256(f"{RELATED_VERSION}|{count}|{RELATED_WINDOW}".encode())
    for a in articles:
        region = a.region.slug if a.region is not None else None
        tags = [t.slug for t in getattr(a, "tags", [])]
        digest.update(repr((region, tags, a.category.slug, a.date.isoformat())).encode() + b"\0")
    return digest.hexdigest()


def relate_cached(articles, count: int, cache_path) -> None:
    """relate(), or its answer from the last build when no story's region, topics, rubric or date
    changed, none came or went and the order is the same (an edit of a story's words, the common
    case): about a second of every rebuild at 5,000 stories. `cache_path`: the folder, or None."""
    path = cache_path / RELATED_FILE if cache_path else None
    key = relation_key(articles, count)
    stored = cachefile.load(path, "related stories")
    answer = stored.get("related")
    if stored.get("key") == key and isinstance(answer, list) and len(answer) == len(articles):
        for a, found in zip(articles, answer):
            a.related = [articles[i] for i in found]
        return
    relate(articles, count)
    if path is not None:
        position = {id(a): i for i, a in enumerate(articles)}
        cachefile.save(path, {"key": key, "related": [[position[id(b)] for b in a.related] for a in articles]},
                       "related stories")


def relate(articles, count: int) -> None:
    """Related stories: same region and shared tags first, then same rubric; newer wins ties.

    Score: 3 for the same region, 2 per shared tag, 1 for the same rubric, over the most recent
    `window` stories of each kind (linear, not quadratic). Ranked by (score, date), and on a full
    tie by the order in which the candidates were met (region, tags, rubric). The counting and the
    ordering by score run in C (Counter over index lists, most_common's stable sort); only the
    best scores' candidates are then ranked by date, the few needed of them.
    """
    window = RELATED_WINDOW
    position = {id(a): i for i, a in enumerate(articles)}
    by_region, by_tag, by_rubric = defaultdict(list), defaultdict(list), defaultdict(list)
    for i, a in enumerate(articles):
        if a.region is not None:
            by_region[a.region.slug].append(i)
        for tag in getattr(a, "tags", []):
            by_tag[tag.slug].append(i)
        by_rubric[a.category.slug].append(i)
    # Each kind's window, repeated by its weight once (a region counts 3, a tag 2, a rubric 1).
    for lists, weight in ((by_region, 3), (by_tag, 2), (by_rubric, 1)):
        for key, found in lists.items():
            lists[key] = found[:window] * weight
    ranks = {date: r for r, date in enumerate(sorted({a.date for a in articles}))}
    rank = [ranks[a.date] for a in articles]  # equal dates, equal rank

    def newest(item):
        return rank[item[0]]

    for a in articles:
        met = by_region[a.region.slug] if a.region is not None else []
        for tag in getattr(a, "tags", []):
            met = met + by_tag[tag.slug]
        met = met + by_rubric[a.category.slug]
        score = Counter(met)  # keys in the order first met, as the ranking's tie-break wants
        score.pop(position[id(a)], None)
        best, need = [], count
        # Highest score first; equal scores in the order met (most_common's sort is stable). Within
        # a score, newest first, equal dates still in the order met (sort and nlargest are stable).
        for _score, group in groupby(score.most_common(), key=itemgetter(1)):
            if need <= 0:
                break
            group = list(group)
            best += sorted(group, key=newest, reverse=True) if len(group) <= need else heapq.nlargest(need, group, key=newest)
            need = count - len(best)
        a.related = [articles[b] for b, _ in best]


def home(articles, newsroom) -> SimpleNamespace:
    cfg = newsroom.config
    data = newsroom.data
    headline = next((a for a in articles if a.featured), articles[0] if articles else None)
    rest = [a for a in articles if a is not headline]
    tags = Counter(t for a in articles for t in getattr(a, "tags", []))
    return SimpleNamespace(
        headline=headline,
        latest=rest[: cfg["HOME_LATEST"]],
        rubrics=[(c, c.articles[: cfg["HOME_PER_RUBRIC"]]) for c in data.rubrics if c.articles],
        regions=[
            (r, r.articles[: cfg["HOME_PER_REGION"]])
            for r in data.regions
            if not r.province_wide
        ],
        popular_tags=tags.most_common(12),
    )


def tag_cloud(articles) -> list[tuple]:
    """Every topic with its number of stories, by name (for the topic index)."""
    counts = Counter(t for a in articles for t in getattr(a, "tags", []))
    return sorted(counts.items(), key=lambda kv: kv[0].name.lower())


def archive(generator) -> list[SimpleNamespace]:
    """Years, newest first, each with its months and story counts (for the archive pages)."""
    periods = generator.period_archives
    months_by_year = defaultdict(list)
    for month in periods.get("month", []):
        months_by_year[month["period_num"][0]].append(
            SimpleNamespace(date=month["dates"][0].date, url=month["url"], count=len(month["dates"]))
        )
    years = [
        SimpleNamespace(year=y["period_num"][0], url=y["url"], count=len(y["dates"]),
                        months=sorted(months_by_year[y["period_num"][0]], key=lambda m: m.date, reverse=True))
        for y in periods.get("year", [])
    ]
    return sorted(years, key=lambda y: y.year, reverse=True)

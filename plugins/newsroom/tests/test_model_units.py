"""model.relate, model.home and checks.duplicate_urls on small objects, without a build."""

from __future__ import annotations

import datetime
from types import SimpleNamespace as NS

from newsroom import checks, model
from newsroom.data import Region
from newsroom.problems import ProblemLog


class Item(NS):
    """A stand-in for an article: hashable by identity, as Pelican's content objects are."""

    __hash__ = object.__hash__
    __eq__ = object.__eq__


def story(slug, day, region=None, tags=(), category="a", featured=False):
    return Item(slug=slug, date=datetime.datetime(2026, 1, day), region=region, category=NS(slug=category),
                tags=[NS(slug=t) for t in tags], featured=featured, related=[])


def region(slug, kind="kabupaten"):
    return Region(slug, {}, slug=slug, kind=kind)


def test_relate_prefers_region_then_tags_then_rubric_and_newer_on_ties():
    north, south = region("utara"), region("selatan")
    a = story("a", 10, north, ["banjir"])
    same_region_and_tag = story("b", 1, north, ["banjir"])
    same_region = story("c", 2, north)
    shared_tag = story("d", 3, south, ["banjir"])
    rubric_old, rubric_new = story("e", 4, south), story("f", 5, south)
    other = story("g", 6, south, category="b")
    everything = [a, same_region_and_tag, same_region, shared_tag, rubric_old, rubric_new, other]
    model.relate(everything, 5)
    assert a.related == [same_region_and_tag, same_region, shared_tag, rubric_new, rubric_old]
    assert a not in a.related and other not in a.related
    model.relate(everything, 2)
    assert len(a.related) == 2


def test_home_headline_is_the_featured_story_and_province_wide_region_has_no_block():
    province, town = region("provinsi-uji", kind=Region.PROVINCE_WIDE), region("kota-uji", kind="kota")
    rubric = NS(slug="a", articles=[])
    stories = [story(str(i), 20 - i, town) for i in range(6)]
    stories[3].featured = True
    rubric.articles = stories[:]
    town.articles = stories[:]
    newsroom = NS(config={"HOME_LATEST": 2, "HOME_PER_RUBRIC": 3, "HOME_PER_REGION": 1},
                  data=NS(rubrics=[rubric, NS(slug="kosong", articles=[])], regions=[province, town]))
    home = model.home(stories, newsroom)
    assert home.headline is stories[3]
    assert home.latest == [stories[0], stories[1]]
    assert home.rubrics == [(rubric, stories[:3])]  # a rubric without stories has no block
    assert home.regions == [(town, stories[:1])]  # the province-wide region has none
    assert model.home([], newsroom).headline is None


def test_duplicate_urls_keep_the_oldest_file_and_refuse_reserved_targets():
    problems = ProblemLog()
    newsroom = NS(problems=problems)
    first = Item(slug="x", save_as="berita/x/index.html", source_path="/c/berita/2026/01/x.md")
    second = Item(slug="x", save_as="berita/x/index.html", source_path="/c/berita/2026/02/x.md")
    on_home = Item(slug="index", save_as="index.html", source_path="/c/halaman/index.md")
    nameless = Item(slug="", save_as="", source_path="/c/berita/2026/01/---.md")
    losers = checks.duplicate_urls([second, first, on_home, nameless], newsroom, {"index.html": "the home page"})
    assert losers == {second, on_home, nameless}
    named = {p.path: p for p in problems.items}
    assert set(named) == {second.source_path, on_home.source_path, nameless.source_path}
    assert "the home page" in named[on_home.source_path].message
    assert all(p.field == "Slug" for p in problems.items)
    assert checks.duplicate_urls([first], NS(problems=ProblemLog()), {}) == set()


def reference_relate(articles, count):
    """The scoring rule written plainly (Counter per story, ranked by (score, date))."""
    import heapq
    from collections import Counter

    related = {}
    for a in articles:
        score = Counter()
        recent = lambda pick: [b for b in articles if pick(b)][:200]  # noqa: E731
        if a.region is not None:
            for b in recent(lambda b: b.region is not None and b.region.slug == a.region.slug):
                score[b] += 3
        for tag in a.tags:
            for b in recent(lambda b: any(t.slug == tag.slug for t in b.tags)):
                score[b] += 2
        for b in recent(lambda b: b.category.slug == a.category.slug):
            score[b] += 1
        score.pop(a, None)
        related[id(a)] = [b for b, _ in heapq.nlargest(count, score.items(), key=lambda kv: (kv[1], kv[0].date))]
    return related


def test_relate_matches_the_plain_rule_with_many_ties_and_a_full_window():
    import random

    rng = random.Random(7)
    regions = [region(f"r{i}") for i in range(3)] + [None]
    stories = [story(f"s{i}", 1 + rng.randrange(4), rng.choice(regions), rng.sample(["a", "b", "c", "d"], rng.randrange(3)),
                     category=rng.choice("xy")) for i in range(450)]  # more than the window of 200 per kind
    stories.sort(key=lambda s: s.date, reverse=True)
    expected = reference_relate(stories, 6)
    model.relate(stories, 6)
    assert all(s.related == expected[id(s)] for s in stories)
    assert any(len({b.date for b in s.related}) < len(s.related) for s in stories)  # ties on dates were decided


def test_related_stories_come_from_the_last_build_only_while_what_relates_them_is_the_same(tmp_path, monkeypatch):
    import random

    rng = random.Random(11)
    regions = [region(f"r{i}") for i in range(3)] + [None]
    stories = [story(f"s{i}", 1 + rng.randrange(9), rng.choice(regions), rng.sample(["a", "b", "c"], rng.randrange(3)),
                     category=rng.choice("xy")) for i in range(120)]
    stories.sort(key=lambda s: s.date, reverse=True)
    expected = reference_relate(stories, 4)
    model.relate_cached(stories, 4, tmp_path)  # computed, and kept
    assert all(s.related == expected[id(s)] for s in stories)
    assert (tmp_path / model.RELATED_FILE).exists()

    computed = []
    real_relate = model.relate
    monkeypatch.setattr(model, "relate", lambda articles, count: computed.append(1) or real_relate(articles, count))
    again = [story(s.slug, s.date.day, s.region, [t.slug for t in s.tags], s.category.slug) for s in stories]
    model.relate_cached(again, 4, tmp_path)  # the next build, new objects, nothing that relates them changed
    assert computed == []
    assert [[b.slug for b in s.related] for s in again] == [[b.slug for b in expected[id(s)]] for s in stories]

    again[5].tags.append(NS(slug="baru"))  # a topic added to one story: every answer is computed again
    model.relate_cached(again, 4, tmp_path)
    assert computed == [1]
    fresh = reference_relate(again, 4)
    assert all(s.related == fresh[id(s)] for s in again)
    model.relate_cached(again, 5, tmp_path)  # another count
    assert computed == [1, 1]
    model.relate_cached(again[1:], 5, tmp_path)  # a story gone
    assert computed == [1, 1, 1]
    model.relate_cached(again, 5, None)  # no cache folder: computed, nothing kept
    assert computed == [1, 1, 1, 1]

"""Listings without quadratic scans: same stories, same order, same pages as Pelican's own lookups."""

from __future__ import annotations

import copy
import datetime
import pickle
from types import SimpleNamespace

from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.settings import DEFAULT_CONFIG

import newsroom
from newsroom import membership
from newsroom.membership import Members
from newsroom.tests.conftest import FIXTURE, PUBLISH, build


class Story:  # like Pelican's contents: no ==, so `in` is identity
    def __init__(self, date):
        self.date = date


def test_members_answer_in_by_identity_and_follow_every_change():
    a, b, c = Story(1), Story(2), Story(3)
    members = Members([a, b])
    assert a in members and b in members and c not in members and Story(1) not in members
    members.append(c)
    assert c in members
    members.remove(a)
    assert a not in members
    members[0] = a  # same length, another story
    assert a in members and b not in members
    members.pop()
    assert c not in members and members == [a]


def test_copies_and_pickles_rebuild_the_identities():
    a = Story(1)
    members = Members([a])
    assert a in members
    shallow = copy.copy(members)
    assert type(shallow) is Members and a in shallow
    deep = copy.deepcopy(members)
    assert a not in deep and deep[0] in deep
    loaded = pickle.loads(pickle.dumps(members))
    assert a not in loaded and loaded[0] in loaded


def test_period_archives_hold_what_pelicans_scan_gives():
    start = datetime.datetime(2024, 11, 20, 8, 0)
    stories = [Story(start + datetime.timedelta(hours=37 * i)) for i in range(60)]
    dates = sorted(stories, key=lambda s: s.date, reverse=True)
    listed = stories[::2] + stories[1::2]  # another order than dates, as Pelican's articles may be
    settings = {**DEFAULT_CONFIG, "YEAR_ARCHIVE_SAVE_AS": "{date:%Y}/index.html", "YEAR_ARCHIVE_URL": "{date:%Y}/",
                "MONTH_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/index.html", "MONTH_ARCHIVE_URL": "{date:%Y}/{date:%m}/",
                "DAY_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/{date:%d}/index.html", "DAY_ARCHIVE_URL": ""}
    generator = ArticlesGenerator.__new__(ArticlesGenerator)
    expected = generator._build_period_archives(dates, listed, settings)
    membership.linear_period_archives(generator)
    got = generator._build_period_archives(dates, listed, settings)
    assert set(got) == set(expected) == {"year", "month", "day"}
    for granularity, periods in expected.items():
        assert len(got[granularity]) == len(periods) > 1
        for mine, pelicans in zip(got[granularity], periods, strict=True):
            assert {k: v for k, v in mine.items() if k != "articles"} == {k: v for k, v in pelicans.items()
                                                                        if k != "articles"}
            assert [id(a) for a in mine["articles"]] == [id(a) for a in pelicans["articles"]]


def test_the_site_is_the_same_bytes_without_the_shortcuts(tmp_path, monkeypatch):
    lookups, dated = [], []
    contains = Members.__contains__
    monkeypatch.setattr(Members, "__contains__", lambda self, item: lookups.append(1) or contains(self, item))
    wrap = membership.dated_listings

    def noting(generator):
        wrap(generator)
        for name in membership.DATED:
            method = getattr(generator, name)
            setattr(generator, name, lambda write, method=method, name=name: dated.append(name) or method(write))

    monkeypatch.setattr(membership, "dated_listings", noting)
    signals.article_generator_init.disconnect(wrap)
    signals.article_generator_init.connect(noting)
    try:
        fast = build(PUBLISH, FIXTURE, tmp_path / "fast")
    finally:
        signals.article_generator_init.disconnect(noting)
        signals.article_generator_init.connect(wrap)
    assert sorted(set(dated)) == sorted(membership.DATED), "the listings were not dated from their own stories"
    monkeypatch.setattr(membership, "dated_listings", wrap)

    # The same build with Pelican's own scans: our two receivers disconnected, and the plugin not
    # registered again by the new Pelican instance (its other receivers stay connected).
    monkeypatch.setattr(newsroom, "register", lambda: None)
    hooks = ((signals.article_generator_init, membership.linear_period_archives),
             (signals.article_generator_init, membership.dated_listings),
             (signals.article_generator_finalized, membership.fast_listings))
    for signal, receiver in hooks:
        signal.disconnect(receiver)
    lookups.clear()
    dated.clear()
    try:
        plain = build(PUBLISH, FIXTURE, tmp_path / "plain")
    finally:
        for signal, receiver in hooks:
            signal.connect(receiver)
    assert not lookups and not dated

    def files(site):
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    mine, pelicans = files(fast), files(plain)
    assert set(mine) == set(pelicans)
    assert [f for f in mine if mine[f] != pelicans[f]] == []


def test_dated_listings_give_each_page_the_dates_pelicans_scan_gives():
    start = datetime.datetime(2024, 11, 20, 8, 0)
    stories = [Story(start + datetime.timedelta(hours=13 * i)) for i in range(120)]
    stray = Story(start)  # listed, not in the archive

    class Subject(SimpleNamespace):
        __hash__ = object.__hash__

    def subject(name):
        return Subject(name=name, slug=name, save_as=f"{name}/index.html", url=f"{name}/", page_name=name)

    def generator():
        made = ArticlesGenerator.__new__(ArticlesGenerator)
        made.dates = sorted(stories, key=lambda s: s.date)  # another order than the listings
        made.articles = sorted(stories, key=lambda s: s.date, reverse=True)
        made.context = {}
        made.get_template = lambda name: name
        made.tags = {subject(f"t{k}"): [s for i, s in enumerate(made.articles) if i % (k + 2) == 0]
                     for k in range(7)}
        made.tags[subject("dobel")] = [stories[3], stories[3], stories[40]]  # a story listed twice
        made.tags[subject("lain")] = [stray, stories[7]]
        made.categories = [(subject(f"c{k}"), made.articles[k::3]) for k in range(3)]
        made.authors = [(subject(f"a{k}"), made.articles[k * 10:k * 10 + 25][::-1]) for k in range(5)]
        return made

    def pages(made):
        written = []
        for name in membership.DATED:
            getattr(made, name)(lambda *args, **kwargs: written.append((args, kwargs)))
        return written

    pelicans = pages(generator())
    dated = generator()
    archive = dated.dates
    membership.dated_listings(dated)
    mine = pages(dated)
    assert dated.dates is archive  # the archive is given back after each method
    assert len(mine) == len(pelicans) == 9 + 3 + 5
    for (args, kwargs), (p_args, p_kwargs) in zip(mine, pelicans, strict=True):
        assert args[0] == p_args[0] and set(kwargs) == set(p_kwargs)
        assert [id(s) for s in kwargs["dates"]] == [id(s) for s in p_kwargs["dates"]], args[0]
        assert kwargs["articles"] is p_kwargs["articles"] or kwargs["articles"] == p_kwargs["articles"]

"""Pelican's listings look a story up in a list: one scan per lookup, quadratic in the archive.

ArticlesGenerator writes every tag, rubric and reporter page after computing
`dates = [a for a in self.dates if a in articles]`, and builds each year and month archive with
`[a for a in articles if a in dates]`: for every story of the site, a scan of the listing's
stories. At 10,000 stories that is about 12 s of every build (measured with 10,000 objects:
tags 6.8 s, rubrics 2.2 s, years and months 3.2 s; reporters come on top), 25 times less at
2,000; the live preview pays it on every save. Here the lists those lookups scan answer `in` from
a set instead, and the period archives are grouped by Pelican and then filled in one pass. What
each list holds, and in which order, is unchanged, so every page is the same bytes.

Even with a set lookup, each tag, rubric and reporter page still walked the whole archive once
(`for a in self.dates`): 80 subjects x 5,000 stories, 400,000 lookups and 0.3-0.4 s of every
build, growing with both. `dated_listings` gives each such page its `dates` from its own stories,
ordered by their place in `self.dates` (which is what the scan gives), and lets Pelican's method
scan an empty archive.

Pelican's contents do not define `==`, so `in` on a list of them is identity: `Members` keeps
exactly that meaning (`id()` of the items), only faster. `_build_period_archives` is private
Pelican API (listed in pelican_compat.py, checked by its test); `generate_tags`,
`generate_categories` and `generate_authors` are public, and their wrappers are compared with
Pelican's own in test_membership.py.
"""

from __future__ import annotations


class Members(list):
    """A list of stories whose `in` is a set lookup by identity, recomputed after any change."""

    _ids: tuple[int, frozenset] | None = None

    def __contains__(self, item) -> bool:
        ids = self._ids
        if ids is None or ids[0] != len(self):
            ids = self._ids = (len(self), frozenset(map(id, self)))
        return id(item) in ids[1]

    def __setitem__(self, index, value) -> None:
        self._ids = None
        super().__setitem__(index, value)

    def __reduce_ex__(self, protocol):
        # Copies and pickles rebuild the list; never the identities, which belong to these objects.
        return (Members, (list(self),))


def linear_period_archives(generator) -> None:
    """article_generator_init: Pelican groups the periods, its membership scan is done in one pass."""
    original = generator._build_period_archives

    def build(sorted_articles, articles, settings):
        archives = original(sorted_articles, [], settings)  # [] : nothing to scan, "articles" filled below
        for periods in archives.values():
            for archive in periods:
                ids = {id(a) for a in archive["dates"]}
                archive["articles"] = [a for a in articles if id(a) in ids]
        return archives

    generator._build_period_archives = build


def fast_listings(generator) -> None:
    """article_generator_finalized: the stories of each tag, rubric and reporter as `Members`."""
    for tag, articles in list(generator.tags.items()):
        generator.tags[tag] = Members(articles)
    generator.categories[:] = [(rubric, Members(articles)) for rubric, articles in generator.categories]
    generator.authors[:] = [(author, Members(articles)) for author, articles in generator.authors]


DATED = ("generate_tags", "generate_categories", "generate_authors")  # each writes `dates` from a scan


def dated_listings(generator) -> None:
    """article_generator_init: the tag, rubric and reporter pages get their `dates` (their stories
    in the order of the archive, `generator.dates`) from their own stories, not from a scan of
    the whole archive per page. Pelican's method runs as it is, over an empty archive, and its
    `dates` keyword is replaced on the way to `write`."""
    for name in DATED:
        original = getattr(generator, name, None)
        if original is None:
            continue

        def generate(write, original=original):
            archive = generator.dates
            place = {id(story): index for index, story in enumerate(archive)}

            def write_dated(*args, **kwargs):
                listed = kwargs.get("articles")
                if "dates" in kwargs and listed is not None:
                    ours = {id(story): story for story in listed if id(story) in place}  # once each, as the scan
                    kwargs["dates"] = [ours[key] for key in sorted(ours, key=place.__getitem__)]
                return write(*args, **kwargs)

            generator.dates = []  # what Pelican's own scan walks: nothing
            try:
                return original(write_dated)
            finally:
                generator.dates = archive

        setattr(generator, name, generate)

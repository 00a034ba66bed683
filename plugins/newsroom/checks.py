"""Checks that need every piece of content at once: two files that would be one URL."""

from __future__ import annotations

from collections import defaultdict


def duplicate_urls(items, newsroom, reserved: dict[str, str]) -> set:
    """Report content that would be written to the same place; return the items to leave out.

    `reserved` maps save_as paths of generated index pages to a description. The oldest file
    (by path) keeps the URL in development builds; strict builds stop before writing anything.
    """
    by_target = defaultdict(list)
    for item in items:
        if item.save_as:
            by_target[item.save_as].append(item)
    losers = set()
    for target, group in by_target.items():
        group.sort(key=lambda i: i.source_path)
        if target in reserved:
            for item in group:
                newsroom.problems.add(item.source_path, "Slug", f"would be written to {target}, which is {reserved[target]}; choose another slug")
                losers.add(item)
            continue
        if len(group) < 2:
            continue
        names = ", ".join(newsroom_display(i.source_path) for i in group)
        for item in group[1:]:
            newsroom.problems.add(
                item.source_path, "Slug",
                f"would be written to {target}, like {newsroom_display(group[0].source_path)} "
                f"(all of: {names}); give one of them another file name or Slug",
            )
            losers.add(item)
    return losers


def newsroom_display(path) -> str:
    from .problems import display_path

    return display_path(path)


def reserved_targets(settings, newsroom) -> dict[str, str]:
    reserved = {}
    for key, what in (("INDEX_SAVE_AS", "the home page"), ("AUTHORS_SAVE_AS", "the reporter index"),
                      ("CATEGORIES_SAVE_AS", "the rubric index"), ("TAGS_SAVE_AS", "the topic index"),
                      ("ARCHIVES_SAVE_AS", "the archive"), ("REGIONS_SAVE_AS", "the region index")):
        if settings.get(key):
            reserved[settings[key]] = what
    for region in newsroom.data.regions:
        reserved[region.save_as] = f"the page of region {region.name}"
    for author in newsroom.data.reporters:
        reserved[author.save_as] = f"the page of reporter {author.name}"
    for category in newsroom.data.categories:
        reserved[category.save_as] = f"the page of rubric {category.name}"
    return reserved

"""Checks that need every piece of content at once: two files that would be one URL."""

from __future__ import annotations

from collections import defaultdict

from .messages import _


def duplicate_urls(items, newsroom, reserved: dict[str, str]) -> set:
    """Report content that would be written to the same place; return the items to leave out.

    `reserved` maps save_as paths of generated index pages to a description. The oldest file
    (by path) keeps the URL in development builds; strict builds stop before writing anything.
    """
    by_target = defaultdict(list)
    losers = set()
    for item in items:
        if not item.slug:
            newsroom.problems.add(item.source_path, "Slug", _("is empty: the file name has no letters or digits to make a "
                                                      "web address from; rename the file (e.g. banjir-di-bima.md)"))
            losers.add(item)
        elif item.save_as:
            by_target[item.save_as].append(item)
    for target, group in by_target.items():
        group.sort(key=lambda i: i.source_path)
        if target in reserved:
            for item in group:
                newsroom.problems.add(item.source_path, "Slug", _("would be written to {target}, which is {what}; choose "
                                                                  "another slug", target=target, what=reserved[target]))
                losers.add(item)
            continue
        if len(group) < 2:
            continue
        names = ", ".join(newsroom_display(i.source_path) for i in group)
        for item in group[1:]:
            newsroom.problems.add(
                item.source_path, "Slug",
                _("would be written to {target}, like {first} (all of: {names}); give one of them another file "
                  "name or Slug", target=target, first=newsroom_display(group[0].source_path), names=names),
            )
            losers.add(item)
    return losers


def newsroom_display(path) -> str:
    from .problems import display_path

    return display_path(path)


def reserved_targets(settings, newsroom) -> dict[str, str]:
    reserved = {}
    for key, what in (("INDEX_SAVE_AS", _("the home page")), ("AUTHORS_SAVE_AS", _("the reporter index")),
                      ("CATEGORIES_SAVE_AS", _("the rubric index")), ("TAGS_SAVE_AS", _("the topic index")),
                      ("ARCHIVES_SAVE_AS", _("the archive")), ("REGIONS_SAVE_AS", _("the region index"))):
        if settings.get(key):
            reserved[settings[key]] = what
    for region in newsroom.data.regions:
        reserved[region.save_as] = _("the page of region {name}", name=region.name)
    for author in newsroom.data.reporters:
        reserved[author.save_as] = _("the page of reporter {name}", name=author.name)
    for rubric in newsroom.data.rubrics:
        reserved[rubric.save_as] = _("the page of rubric {name}", name=rubric.name)
    return reserved


def links_to_unpublished(items, generated_content: dict, newsroom) -> None:
    """A published story or page that links ({filename}) to a draft or an embargoed story would
    send readers to a dead link that also reveals the unpublished story's slug.

    A problem in builds that publish (no preview of unpublished stories), a warning in the
    editors' development build, where the linked draft is visible. Links to missing files are
    reported by the reader.
    """
    for item in items:
        if getattr(item, "state", "published") != "published" or getattr(item, "status", "published") == "draft":
            continue
        for rel in item.metadata.get("content_links", ()):
            target = generated_content.get(rel)
            if target is None:
                continue
            state = getattr(target, "state", None) or ("draft" if target.status == "draft" else "published")
            if state == "published" and target.status != "draft":
                continue
            if state == "embargo":
                message = _("links to {link}, which is an embargoed story (not published yet); remove the link, "
                            "or publish that story first", link=f"{{filename}}{rel}")
            else:
                message = _("links to {link}, which is a draft (not published); remove the link, or publish that "
                            "story first", link=f"{{filename}}{rel}")
            if newsroom.preview:
                newsroom.problems.warn(item.source_path, "", message)
            else:
                newsroom.problems.add(item.source_path, "", message)

"""`invoke check`: read and validate all content without building the site.

Runs Pelican's own generators up to the point where everything is read and resolved (the same
reader and checks as a real build), then reports, without writing a single file.
"""

from __future__ import annotations

import sys

from pelican import Pelican, signals
from pelican.settings import read_settings

from . import state
from .problems import ContentError


def check(settings: str | dict, override: dict | None = None, stream=None) -> int:
    """Return 0 when all content is valid, 1 when anything is wrong (drafts included).

    `settings` is a settings file (as for `pelican -s`) or an already read settings dict.
    """
    stream = stream or sys.stdout
    if isinstance(settings, str):
        settings = read_settings(settings, override=override or {})
    else:
        settings = {**settings, **(override or {})}
    settings["NEWSROOM"] = {**settings.get("NEWSROOM", {}), "STRICT": False}
    pelican = Pelican(settings)
    context = settings.copy()
    context.update(generated_content={}, static_links=set(), static_content={}, localsiteurl=settings["SITEURL"])
    generators = [
        cls(context=context, settings=settings, path=pelican.path, theme=pelican.theme, output_path=pelican.output_path)
        for cls in pelican._get_generator_classes()
    ]
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
    signals.all_generators_finalized.send(generators)
    newsroom = state.current(settings)
    articles = len(context.get("articles", [])) + len(context.get("drafts", []))
    if newsroom.problems.errors:
        print(f"{len(newsroom.problems.errors)} problem(s) found in {articles} readable article(s).", file=stream)
        return 1
    print(f"All content is valid: {articles} article(s), {len(context.get('pages', []))} page(s).", file=stream)
    return 0


__all__ = ["check", "ContentError"]

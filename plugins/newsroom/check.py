"""`invoke check`: read and validate all content without building the site.

Runs Pelican's own generators up to the point where everything is read and resolved (the same
reader and checks as a real build), then reports, without writing a single file.
"""

from __future__ import annotations

import sys

from pelican import Pelican, signals
from pelican.settings import read_settings

from . import state
from .messages import _, n_
from .problems import ContentError, display_path


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
    read = newsroom.files_read
    checked = _("Checked {articles} article(s) and {pages} page(s), and the data in {data}.",
                articles=read["articles"], pages=read["pages"],
                data=display_path(newsroom.content_path / newsroom.config["DATA_PATH"]))
    errors, warnings = newsroom.problems.errors, newsroom.problems.warnings
    print(checked, file=stream)
    if errors:
        files = len({p.path for p in errors})
        print(n_("{count} problem in {files} file(s) must be fixed (listed above).",
                 "{count} problems in {files} file(s) must be fixed (listed above).", len(errors), files=files),
              file=stream)
        return 1
    if warnings:
        print(n_("No problems; {count} warning (listed above).", "No problems; {count} warnings (listed above).",
                 len(warnings)), file=stream)
    else:
        print(_("No problems: everything can be published."), file=stream)
    return 0


__all__ = ["check", "ContentError"]

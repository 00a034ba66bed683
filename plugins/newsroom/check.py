"""`invoke check`: read and validate all content without building the site.

A real Pelican run with the site's own settings and plugins (the same readers, generators and
checks as a build), which the newsroom plugin stops once everything is read and checked
(NEWSROOM["CHECK_ONLY"]: CheckFinished at all_generators_finalized), before the writer exists.
Its output folder is a temporary one that is never deleted from nor written to.
"""

from __future__ import annotations

import signal
import sys
import tempfile
import threading

from pelican import Pelican
from pelican.settings import read_settings

from . import state
from .messages import _, n_
from .problems import CheckFinished, ContentError, display_path


def check(settings: str | dict, override: dict | None = None, stream=None) -> int:
    """Return 0 when all content is valid, 1 when anything is wrong (drafts included).

    `settings` is a settings file (as for `pelican -s`) or an already read settings dict.
    """
    stream = stream or sys.stdout
    with tempfile.TemporaryDirectory(prefix="newsroom-check-") as nowhere:
        # Nothing is written, and nothing may be deleted: a throwaway output folder, no atomic swap.
        stop = {"OUTPUT_PATH": nowhere, "DELETE_OUTPUT_DIRECTORY": False, "ATOMIC_OUTPUT": False}
        if isinstance(settings, str):
            settings = read_settings(settings, override={**(override or {}), **stop})
        else:
            settings = {**settings, **(override or {}), **stop}
        settings["NEWSROOM"] = {**settings.get("NEWSROOM", {}), "STRICT": False, "CHECK_ONLY": True}
        # A plugin may take over Ctrl-C for the run (safe_build does); the check gives it back.
        main_thread = threading.current_thread() is threading.main_thread()
        sigint = signal.getsignal(signal.SIGINT) if main_thread else None
        try:
            Pelican(settings).run()
        except CheckFinished:
            pass
        else:  # the newsroom plugin is not in PLUGINS: nothing was checked
            raise RuntimeError("invoke check needs the newsroom plugin in PLUGINS")
        finally:
            if main_thread and sigint is not None:
                signal.signal(signal.SIGINT, sigint)
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

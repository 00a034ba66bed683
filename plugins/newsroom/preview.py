"""Live preview for editors: rebuild in the same process on every save, not in a new one.

`invoke livereload` used to start a new `pelican` for every change: a second or two of Python
start-up and imports, the newsroom data and catalogues loaded again, every template compiled
again, every body converted again. `LivePreview` keeps one Pelican instance alive (as `pelican -r`
does) and runs it again after each change, so a rebuild only pays for the build itself, with the
article bodies from the content cache (bodies.py: only the edited file is converted again) and
the pages rendered on every core (render.py).

Code cannot be reloaded safely in a running process: when a settings file or a plugin changes,
the preview falls back to full builds in a fresh `pelican` process from then on (`stale`). A
build that fails (a content problem in strict mode, a template error) is reported and the
preview keeps serving the last site. tests/test_preview.py checks that an in-process rebuild
after an edit gives the same files as a full build of the edited content.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from pathlib import Path

from .messages import _

logger = logging.getLogger(__name__)


class LivePreview:
    def __init__(self, root: Path, settings_file: str, content: str = "content", override: dict | None = None):
        self.root = Path(root)
        self.settings_file = settings_file
        self.content = content
        self.override = dict(override or {})
        self.pelican = None
        self.stale = False  # code or settings changed: full builds in a new process from now on

    def _instance(self):
        if self.pelican is None:
            from pelican import Pelican
            from pelican.settings import read_settings

            settings = read_settings(str(self.root / self.settings_file),
                                     override={"PATH": str(self.root / self.content), **self.override})
            self.pelican = Pelican(settings)
        return self.pelican

    def build(self) -> bool:
        """Build the site in this process (or, once stale, in a new one); True if it succeeded."""
        start = time.perf_counter()
        if self.stale:
            return self.full_build()
        try:
            self._instance().run()
        except (Exception, SystemExit) as exc:  # ContentError is a SystemExit: keep serving the last site
            logger.error(_("The preview was not rebuilt: {error}", error=exc))
            return False
        logger.info(_("Preview rebuilt in {seconds} s.", seconds=f"{time.perf_counter() - start:.2f}"))
        return True

    def full_build(self) -> bool:
        command = [sys.executable, "-m", "pelican", self.content, "-s", self.settings_file]
        for key, value in self.override.items():
            command += ["-e", f"{key}={json.dumps(value)}"]
        return subprocess.run(command, cwd=self.root, check=False).returncode == 0

    def code_changed(self) -> bool:
        """A settings file or plugin changed: from now on every build starts a new process."""
        self.stale = True
        self.pelican = None
        return self.full_build()

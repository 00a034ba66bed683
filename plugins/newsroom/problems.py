"""Content problems: collected during a build, reported all at once, fatal in strict builds."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass

from .messages import _, n_

logger = logging.getLogger(__name__)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    field: str
    message: str
    # A problem in a draft does not stop a publish build: the draft is not published.
    blocking: bool = True
    # A warning says what the build changed for safety (markup it removed); never blocking.
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}" if self.field else self.path
        return f"{where}: {self.message}"


class CheckFinished(Exception):
    """Raised when every file has been read and checked and NEWSROOM["CHECK_ONLY"] is on: it
    stops a real Pelican run (`invoke check`) before anything is written."""


class ContentError(SystemExit):
    """Raised by strict builds before anything is written.

    A SystemExit, so `pelican` ends with status 1 and this one message instead of a traceback
    (the list of problems has been printed just before); code that runs Pelican itself, like
    the tests and `invoke check`, catches it as ContentError.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        files = len({p.path for p in problems})
        message = n_("ERROR: {count} content problem in {files} file(s); nothing was published. Fix it (see the "
                     "list above) and build again.",
                     "ERROR: {count} content problems in {files} file(s); nothing was published. Fix them (see the "
                     "list above) and build again.", len(problems), files=files)
        super().__init__(message)
        # SystemExit prints its message only when the code is not a number: say it here, exit 1.
        print(message, file=sys.stderr, flush=True)
        self.code = 1

    def __str__(self) -> str:
        return str(self.args[0])


def display_path(path: str | os.PathLike) -> str:
    """A path as a reporter would type it: relative to the current folder when inside it."""
    path = os.fspath(path)
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


class ProblemLog:
    """Every problem of a build once, in the order met.

    A set beside the list keeps adding constant-time: an archive import can bring thousands of
    problems, and checking each against a list of the others was quadratic.
    """

    def __init__(self) -> None:
        self._order: list[Problem] = []
        self._known: set[Problem] = set()

    @property
    def items(self) -> list[Problem]:
        return list(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def _keep(self, problem: Problem) -> None:
        if problem not in self._known:
            self._known.add(problem)
            self._order.append(problem)

    def add(self, path, field: str, message: str, blocking: bool = True) -> None:
        self._keep(Problem(display_path(path), field, message, blocking))

    def warn(self, path, field: str, message: str) -> None:
        self._keep(Problem(display_path(path), field, message, blocking=False, warning=True))

    def extend(self, problems) -> None:
        """Problems met before (a file the live preview did not read again), each once."""
        for problem in problems:
            self._keep(problem)

    def discard(self, problems) -> None:
        """Forget these problems (a file the live preview read again reports its own anew)."""
        gone = set(problems) & self._known
        if gone:
            self._known -= gone
            self._order = [p for p in self._order if p not in gone]

    def since(self, count: int) -> list[Problem]:
        """The problems added after the first `count`."""
        return self._order[count:]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.items if p.blocking]

    def report(self, stream=None) -> None:
        """Print every problem once, one line each (easy to read in CI logs and editors):
        errors first, then warnings."""
        if not self.items:
            return
        stream = stream or sys.stderr
        for title, items in ((_("Content problems"), self.errors), (_("Warnings"), self.warnings)):
            if not items:
                continue
            files = len({p.path for p in items})
            print(_("{title} ({count} in {files} file(s)):", title=title, count=len(items), files=files), file=stream)
            for problem in sorted(items):
                suffix = "" if problem.blocking or problem.warning else _("  [draft: not published, does not block]")
                print(f"  {problem}{suffix}", file=stream)
        stream.flush()

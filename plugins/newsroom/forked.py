"""Work done by a forked copy of the build process, its result or its error sent back through a pipe.

A forked child already holds the whole site in memory, so nothing is copied or pickled to give it
work; it returns bytes, and leaves with `os._exit` so that none of the build process's exit
handlers (Pelican's, pytest's, the live preview's) runs twice. The renderers (render.py) and the
photos' child (generator.py) use it. The search plugin and safe_build keep their own children:
they are plugins of their own that do not need this one (the search child replaces itself with a
fresh interpreter that reports as JSON; safe_build's emptying child reports nothing on failure).
"""

from __future__ import annotations

import os
import signal
import traceback
from collections.abc import Callable


class ChildFailed(RuntimeError):
    """The child raised (its traceback is the message) or ended without a report."""


class Child:
    """`work()` run in a forked child; `result()` waits for it and returns what it returned."""

    def __init__(self, work: Callable[[], bytes]):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: work, report, leave without running any exit handler
            code = 0
            try:
                os.close(read_end)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                report = b"D" + work()
            except BaseException:  # noqa: BLE001 (everything is reported to the build process)
                report, code = b"E" + traceback.format_exc()[-20000:].encode("utf-8", "replace"), 1
            try:
                while report:
                    report = report[os.write(write_end, report):]
            finally:
                os._exit(code)
        os.close(write_end)
        self.pid, self._read_end = pid, read_end

    def result(self) -> bytes:
        """Wait for the child (once): what `work()` returned; ChildFailed if it raised or died."""
        if self.pid is None:
            raise ChildFailed("the child was already waited for")
        pid, self.pid = self.pid, None
        with os.fdopen(self._read_end, "rb") as fh:
            report = fh.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not report.startswith(b"D"):
            raise ChildFailed(report[1:].decode("utf-8", "replace")
                              or f"it ended with status {os.waitstatus_to_exitcode(status)} and no report")
        return report[1:]

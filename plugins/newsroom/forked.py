"""Work done by a forked copy of the build process, its result or its error sent back through a pipe.

A forked child already holds the whole site in memory, so nothing is copied or pickled to give it
work; it returns bytes, and leaves with `os._exit` so that none of the build process's exit
handlers (Pelican's, pytest's, the live preview's) runs twice. `Child` reports once, at its end
(the renderers, render.py; the photos' child, generator.py); `Stream` sends objects as it goes
(the checks of the stories' files, parsed.py). The search plugin and safe_build keep their own children:
they are plugins of their own that do not need this one (the search child replaces itself with a
fresh interpreter that reports as JSON; safe_build's emptying child reports nothing on failure).
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import traceback
from collections.abc import Callable


class ChildFailed(RuntimeError):
    """The child raised (its traceback is the message) or ended without a report."""


def _fork(body: Callable[[int], int]) -> tuple[int, int]:
    """Fork: the child runs body(write end of a pipe) with Ctrl-C's default action and leaves with
    `os._exit` (body's return value, 1 if it raised); the build process gets (pid, read end)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            code = body(write_end)
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


class Child:
    """`work()` run in a forked child; `result()` waits for it and returns what it returned."""

    def __init__(self, work: Callable[[], bytes]):
        def body(write_end: int) -> int:
            code = 0
            try:
                report = b"D" + work()
            except BaseException:  # noqa: BLE001 (everything is reported to the build process)
                report, code = b"E" + traceback.format_exc()[-20000:].encode("utf-8", "replace"), 1
            while report:
                report = report[os.write(write_end, report):]
            return code

        self.pid, self._read_end = _fork(body)

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


class Stream:
    """`work(send)` run in a forked child, its garbage collector off (its collections would copy
    the build's memory page by page): each object it sends reaches the build process at once,
    pickled through the pipe, and `receive()` gives them in order. When the child ends, fails or
    dies, `receive()` raises EOFError (or the error of a report cut short); `close()` stops it (its
    next send fails on the closed pipe) and waits for it."""

    def __init__(self, work: Callable[[Callable[[object], None]], None]):
        def body(write_end: int) -> int:
            gc.disable()
            with os.fdopen(write_end, "wb") as out:
                def send(obj) -> None:
                    pickle.dump(obj, out, protocol=pickle.HIGHEST_PROTOCOL)
                    out.flush()

                work(send)
            return 0

        self.pid, read_end = _fork(body)
        self._file = os.fdopen(read_end, "rb")

    def receive(self):
        return pickle.load(self._file)

    def close(self) -> None:
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        self._file.close()
        os.waitpid(pid, 0)

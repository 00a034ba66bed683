"""Ctrl-C during a build ends the process with exit status 130, not 0.

Pelican's `main()` catches KeyboardInterrupt, logs a warning and returns: the shell, `invoke`
and CI see success, with half a site written. While a build runs (from `get_generators` to the
end of `finalized`), SIGINT raises BuildInterrupted instead: a SystemExit(130), which Pelican
does not catch (it catches KeyboardInterrupt and Exception only), so the process ends with the
status a shell gives a program stopped by Ctrl-C, after `finally` blocks and `atexit` ran.

Only the main thread may set signal handlers, so a build in another thread (a server, a test)
keeps whatever handler the process has. Pelican sends no signal when a build fails, so the
handler cannot be taken down then; instead, on each SIGINT it checks that its build is still
running (its `Pelican.run` frame is on the main thread's stack) and otherwise puts the previous
handler back and hands the signal to it. A build that is not a run at all (the newsroom's
`invoke check` asks for generators without running them) installs nothing.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import weakref
from contextlib import contextmanager
from types import CodeType, FrameType

from newsroom.messages import _

logger = logging.getLogger(__name__)

EXIT_STATUS = 130  # 128 + SIGINT, what a shell reports for a program stopped by Ctrl-C


class BuildInterrupted(SystemExit):
    """The build was stopped by Ctrl-C (SIGINT)."""

    def __init__(self):
        super().__init__(EXIT_STATUS)


class _State:
    previous = None  # the handler ours replaced
    pelican = None  # weak reference to the Pelican instance whose build is running
    run_code: CodeType | None = None
    message = ""
    deferring = False
    pending = False


_state = _State()


def run_frame(pelican) -> FrameType | None:
    """The frame of `pelican.run()` on the calling thread's stack, if there is one."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "run" and frame.f_locals.get("self") is pelican:
            return frame
        frame = frame.f_back
    return None


def install(pelican, frame: FrameType, message: str) -> bool:
    """Make SIGINT end the build of `pelican` (whose `run()` frame is `frame`) with status 130."""
    if threading.current_thread() is not threading.main_thread():
        return False
    current = signal.getsignal(signal.SIGINT)
    if current is not _on_sigint:
        _state.previous = current
    _state.pelican = weakref.ref(pelican)
    _state.run_code = frame.f_code
    _state.message = message
    _state.pending = False
    signal.signal(signal.SIGINT, _on_sigint)
    return True


def uninstall() -> None:
    """Put back the handler that was there before the build."""
    previous = _state.previous
    _state.pelican = _state.run_code = _state.previous = None
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGINT) is _on_sigint:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)


@contextmanager
def deferred():
    """Hold SIGINT back for a moment that must not be cut in two (the swap of folders).

    Yields a function telling whether SIGINT arrived meanwhile; if it did and the block ends
    normally, BuildInterrupted is raised on leaving it.
    """
    _state.deferring, _state.pending = True, False
    try:
        yield lambda: _state.pending
    finally:
        _state.deferring = False
        arrived, _state.pending = _state.pending, False
    if arrived:
        raise BuildInterrupted()


def _build_running(frame: FrameType | None) -> bool:
    pelican = _state.pelican() if _state.pelican is not None else None
    if pelican is None:
        return False
    while frame is not None:
        if frame.f_code is _state.run_code and frame.f_locals.get("self") is pelican:
            return True
        frame = frame.f_back
    return False


def _on_sigint(signum, frame):
    if not _build_running(frame):
        previous = _state.previous
        uninstall()
        _pass_on(previous, signum, frame)
        return
    if _state.deferring:
        _state.pending = True
        return
    logger.error(_("Build interrupted (Ctrl-C): {what}", what=_state.message))
    raise BuildInterrupted()


def _pass_on(previous, signum, frame) -> None:
    if previous is signal.SIG_IGN:
        return
    if callable(previous):
        previous(signum, frame)  # signal.default_int_handler raises KeyboardInterrupt
    elif previous is signal.SIG_DFL:
        os.kill(os.getpid(), signum)  # uninstall() put SIG_DFL back: the process ends as it would have
    else:  # a handler not set from Python
        raise KeyboardInterrupt

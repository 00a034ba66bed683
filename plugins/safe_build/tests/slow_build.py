"""Test-only Pelican plugin: makes a build wait after its first written file, so a test can
interrupt it at a known moment. SLOW_BUILD_MARKER names a file written when the wait begins."""

import os
import time
from pathlib import Path

from pelican import signals

_waited = False


def wait_once(path, context):
    global _waited
    if _waited:
        return
    _waited = True
    Path(os.environ["SLOW_BUILD_MARKER"]).write_text(str(path))
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:  # short sleeps: the interrupt is handled between them
        time.sleep(0.05)


def register():
    signals.content_written.connect(wait_once)

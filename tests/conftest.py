"""Shared fixtures: real Pelican builds of the sample content, made once per test session."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from pathlib import Path

import pytest

from tests.helpers import build_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def publish_site(tmp_path_factory) -> Path:
    """The sample site built with publishconf.py (absolute SITEURL, strict, no drafts)."""
    out = tmp_path_factory.mktemp("publish")
    build_site("publishconf.py", out)
    return out


@pytest.fixture(scope="session")
def dev_site(tmp_path_factory) -> Path:
    """The sample site built with pelicanconf.py (drafts and embargoed stories visible)."""
    out = tmp_path_factory.mktemp("dev")
    build_site("pelicanconf.py", out)
    return out


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The publish build with SITEURL pointing at a local server, served on 127.0.0.1.

    Yields (base_url, output_dir). Browser tests use it: with the production SITEURL every
    stylesheet would load from a host this machine cannot reach.
    """
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    out = tmp_path_factory.mktemp("served")
    build_site("publishconf.py", out, SITEURL=base, FEED_DOMAIN=base)
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, out
    finally:
        server.shutdown()
        server.server_close()

"""Fixtures of the quality gates: one headless Debian chromium per session, a fresh context per test.

The site builds themselves (`publish_site`, `served_site`) come from tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

import pytest

from tests.quality.checks import CHROMIUM, CHROMIUM_ARGS


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives headless chromium through Playwright (slow)")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium (or set CHROMIUM)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_context(browser):
    """Make browser contexts (keyword arguments as Browser.new_context); all closed after the test."""
    contexts = []

    def make(**kwargs):
        kwargs.setdefault("reduced_motion", "reduce")
        context = browser.new_context(**kwargs)
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_dir(directory: Path, port: int = 0):
    """Serve a folder on 127.0.0.1 (port 0: a free one); yields the base URL, no trailing slash."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def serve_html(tmp_path):
    """Write {name: text} files into a temporary folder and serve it: for the gates' own self-tests."""
    stack = contextlib.ExitStack()

    def serve(files: dict[str, str]) -> tuple[str, Path]:
        for name, text in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text, encoding="utf-8")
        return stack.enter_context(serve_dir(tmp_path)), tmp_path

    with stack:
        yield serve

"""Fixtures of the quality gates: headless Debian chromium (one per test module), a fresh context per test.

The site builds themselves (`publish_site`, `served_site`) come from tests/conftest.py.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from tests.quality.checks import CHROMIUM, CHROMIUM_ARGS, serve_dir


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives headless chromium through Playwright (slow)")


@pytest.fixture(scope="module")
def browser():
    """Headless chromium for the tests of one module.

    Module scope, not session: while Playwright's sync API is running, its event loop counts as
    running in this thread, so any later Pelican build that calls asyncio.run() (the search
    plugin does) would fail. Session-scoped builds (`served_site`) are set up before this
    fixture; a module that uses `browser` must not ask for another build.
    """
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

"""typesetting.py: typogrify's amp and widont, skipping what they cannot change, give the same HTML.

Each is compared with typogrify's own on every Markdown file of the repository as the site turns
it into a body (Markdown, then the sanitiser), on a seeded corpus of generated snippets dense in
block ends, inline tags, white space of every kind and ampersands, and on hypothesis' own; so is
the whole pass with the site's settings and with every filter on.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from pelican.settings import read_settings
from typogrify import filters

from newsroom import bodies, sanitize, typesetting

ROOT = Path(__file__).resolve().parents[3]

PIECES = [
    "<p>", "</p>", "<p class=\"x\">", "<h2>", "</h2>", "</h6>", "<li>", "</li>", "<dt>", "</dt>", "<dd>", "</dd>",
    "<a href=\"https://x.id/a\">", "</a>", "<em>", "</em>", "<b>", "</b>", "<i>", "</i>", "<span class=\"amp\">",
    "</span>", "<strong>", "</strong>", "<br>", "<br />", "<code>", "</code>", "<pre>", "</pre>", "<div>", "</div>",
    "<blockquote>", "</blockquote>", "<bdi>", "<abbr title=\"a b\">", "</abbr>", "</P>", "</A>", "</span >", "<b",
    "<", ">", " ", " ", "  ", "\n", "\n\n", "\t", "\xa0", "\u2009", "\u3000", "\x1c", "a", "kata", "NTB", "x.",
    "&", "&amp;", "&#38;", "&nbsp;", "&ldquo;", "'", "\"", "-", "\u2014",
]


def _pieces(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))


def _same(text: str) -> None:
    assert typesetting.widont(text) == filters.widont(text), repr(text)
    assert typesetting.amp(text) == filters.amp(text), repr(text)


def test_typogrifys_expressions_are_the_ones_written_here():
    """Otherwise every call falls back to typogrify's own filters (correct, but no faster)."""
    assert typesetting.EXACT


def test_the_site_keeps_the_filters_made_fast():
    """If the site's TYPOGRIFY_OMIT_FILTERS drop both, this module has nothing left to speed up."""
    omitted = set(read_settings(str(ROOT / "pelicanconf.py")).get("TYPOGRIFY_OMIT_FILTERS") or ())
    assert {"amp", "widont"} - omitted


def test_widont_examples():
    assert typesetting.widont("<p>In a couple of paragraphs</p><p>paragraph two</p>") == \
        "<p>In a couple of&nbsp;paragraphs</p><p>paragraph&nbsp;two</p>"
    assert typesetting.widont("<h1><a href=\"#\">In a link</a> followed by other text</h1>") == \
        "<h1><a href=\"#\">In a link</a> followed by other&nbsp;text</h1>"
    assert typesetting.widont("<p>a <em>b c</em> </p>") == "<p>a <em>b&nbsp;c</em> </p>"
    assert typesetting.widont("<p>a <em>b</em></p>") == "<p>a <em>b</em></p>"  # a word starts after a space
    assert typesetting.widont("<div>Divs get no love!</div>") == "<div>Divs get no love!</div>"
    assert typesetting.widont("A very simple test\n") == "A very simple&nbsp;test\n"
    text = "<p>a <b <p> c</p>"  # a "<" inside a tag: typogrify's own widont
    assert typesetting.widont(text) == filters.widont(text)


def test_space_means_what_it_means_to_the_expression():
    """_start reads white space with str.isspace, the expression with \\s: the same characters."""
    space = re.compile(r"\s")
    assert all(bool(space.match(c)) == c.isspace() for c in map(chr, range(sys.maxunicode + 1)))


def _site_bodies() -> list[str]:
    config = read_settings(str(ROOT / "pelicanconf.py"))
    md = Markdown(**bodies.markdown_settings(config))
    found = []
    for path in ROOT.rglob("*.md"):
        if {".venv", "node_modules", ".git"} & set(path.parts):
            continue
        md.reset()
        html = md.convert(path.read_text(encoding="utf-8", errors="replace"))
        found.append(sanitize.clean_body(html, site_url=config.get("SITEURL", ""))[0])
    return found


def test_every_markdown_file_of_the_repository_typesets_the_same():
    config = read_settings(str(ROOT / "pelicanconf.py"))
    ignore, omit = config.get("TYPOGRIFY_IGNORE_TAGS") or [], config.get("TYPOGRIFY_OMIT_FILTERS") or []
    texts = _site_bodies()
    assert len(texts) > 10
    changed = 0
    for text in texts:
        _same(text)
        site = typesetting.typogrify(text, ignore, **dict.fromkeys(omit, False))
        assert site == filters.typogrify(text, ignore, **dict.fromkeys(omit, False))
        changed += site != text
        assert typesetting.typogrify(text) == filters.typogrify(text)  # every filter on
    assert changed > 10  # the comparison is about text the filters do change


def test_generated_snippets_typeset_the_same():
    rng = random.Random(20261130)
    for _ in range(6000):
        _same(_pieces(rng))
    for _ in range(500):
        text = _pieces(rng)
        assert typesetting.typogrify(text, ["abbr"], smartypants=False) == \
            filters.typogrify(text, ["abbr"], smartypants=False), repr(text)


def test_unknown_filters_are_refused_as_typogrify_refuses_them():
    with pytest.raises(TypeError):
        typesetting.typogrify("<p>a b</p>", widnot=False)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=200))
def test_any_text_typesets_the_same(text):
    _same(text)

"""prefilter.py: Python-Markdown with its inline patterns prefiltered gives the same HTML.

Two parsers built from the site's own MARKDOWN settings (as bodies.Converter builds one), one of
them prefiltered, convert the same text; the HTML must be equal: every Markdown file of the
repository (the sample stories, the standing pages, the test fixtures, the docs), a seeded corpus
of generated snippets dense in Markdown's special characters, and hypothesis' own.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from markdown.treeprocessors import InlineProcessor
from pelican.settings import read_settings

from newsroom import bodies, prefilter

ROOT = Path(__file__).resolve().parents[3]

# Pieces that make Markdown's inline patterns (and smarty's) match, half match, or nearly match.
PIECES = [
    "a", "kata", " ", " ", "\n", "\n\n", "  \n", "*", "**", "_", "__", "`", "``", "\\", "\\\\", "[", "]", "(", ")",
    "!", "![", "[^1]", "[^1]: catatan", "<", ">", "<<", ">>", "&", "&amp;", "&#8212;", "&mdash;", "'", '"', "\"'",
    "'\"", "'90s", "-", "--", "---", "----", ".", "...", "....", "<b>", "</b>", "<!-- x -->", "<https://x.id/a>",
    "<a@b.id>", "[t](https://x.id)", "[t][r]", "[r]: https://x.id", "*[PDI]: Partai", "PDI", "{: .k }", "# ",
    "> ", "- ", "1. ", "    ", "~~~\n", "```\n", "|a|b|\n|-|-|\n", "Term\n:   def\n", "<div markdown=\"1\">", "</div>",
    "\x02", "\x03", "klzzwxh:0000", "\n===", "\n---", "\n-", "* * *", "- - -", "_  _  _", "***", "___", "\n: def",
    "Judul\n=====\n", "#", "## Sub ##", "> kutipan\n> lagi", "[^1]:", "*[NTB]: Nusa", "[ref]: /a \"t\"", ":", "]:",
    "\t", "\r\n", "\r", " \n", "   \n\n", "\t\n",
]


def _settings_markdown() -> dict:
    return bodies.markdown_settings(read_settings(str(ROOT / "pelicanconf.py")))


def _parsers(config: dict) -> tuple[Markdown, Markdown]:
    plain, fast = Markdown(**config), Markdown(**config)
    assert prefilter.prefilter(fast) > 0
    return plain, fast


def _convert(md: Markdown, text: str) -> str:
    md.reset()
    return md.convert(text)


@pytest.fixture(scope="module")
def parsers():
    return _parsers(_settings_markdown())


def test_the_site_parsers_patterns_are_prefiltered(parsers):
    _plain, fast = parsers
    inline = fast.inlinePatterns
    for name in ("backtick", "escape", "link", "html", "entity", "em_strong"):
        assert isinstance(inline[name].compiled_re, prefilter.Prefiltered), name
    processors = [p for p in fast.treeprocessors if isinstance(p, InlineProcessor)]
    assert len(processors) == 2  # Markdown's own, and smarty's with its own patterns
    assert processors[0].inlinePatterns == tuple(inline)  # a tuple, in the registry's order
    smarty = processors[1].inlinePatterns
    assert type(smarty) is tuple and smarty and smarty != processors[0].inlinePatterns
    assert any(isinstance(p.compiled_re, prefilter.Prefiltered) for p in smarty)
    blocks = {type(p).__name__: p for p in fast.parser.blockprocessors}
    for name in ("HashHeaderProcessor", "SetextHeaderProcessor", "BlockQuoteProcessor", "ReferenceProcessor",
                 "DefListProcessor", "FootnoteBlockProcessor", "AbbrBlockprocessor"):
        assert isinstance(blocks[name].RE, prefilter.Prefiltered), name
    assert isinstance(blocks["HRProcessor"].SEARCH_RE, prefilter.Prefiltered)
    assert prefilter.prefilter(fast) == 0  # wrapping twice wraps nothing
    assert prefilter._LOOP_KNOWN  # this Markdown still has the loop the skipping one stands in for
    for processor in processors:
        assert "_InlineProcessor__handleInline" in vars(processor)
    assert prefilter._NORMALIZE_KNOWN  # this Markdown's whitespace step is the one _normalizing repeats
    assert "run" in vars(fast.preprocessors["normalize_whitespace"])


def test_the_whitespace_step_gives_what_markdowns_gives():
    from markdown.preprocessors import NormalizeWhitespace

    md = Markdown()
    original = NormalizeWhitespace(md)
    fast = prefilter._normalizing(NormalizeWhitespace(md))
    rng = random.Random(7)
    pieces = ["kata", " ", "  ", "\t", "\n", "\r\n", "\r", "\x02", "\x03", " \n", "\n   \n", "    kode"]
    for _ in range(2000):
        lines = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))).split("\n")
        assert fast(list(lines)) == original.run(list(lines)), lines


def test_a_pattern_that_cannot_match_a_text_is_not_tried_on_it(monkeypatch):
    """The skipping loop calls Python-Markdown's __applyPattern only for the patterns that may
    match: on a text with no special character, only for those that are not prefiltered."""
    calls = []
    original = InlineProcessor._InlineProcessor__applyPattern

    def counted(self, pattern, data, index, start=0):
        calls.append(pattern)
        return original(self, pattern, data, index, start)

    monkeypatch.setattr(InlineProcessor, "_InlineProcessor__applyPattern", counted)
    plain, fast = _parsers(_settings_markdown())
    text = "Warga desa menanam jagung di lahan kering pada musim hujan tahun ini"
    assert _convert(fast, text) == _convert(plain, text)
    calls.clear()
    _convert(plain, text)
    everything = len(calls)
    calls.clear()
    _convert(fast, text)
    assert everything > 10  # every pattern, on the paragraph
    assert all(not isinstance(getattr(p, "compiled_re", None), prefilter.Prefiltered) for p in calls)
    assert len(calls) < everything / 3
    calls.clear()
    _convert(fast, "Kata *miring* dan `kode`")  # the patterns whose literals are there are still tried
    assert fast.inlinePatterns["backtick"] in calls and fast.inlinePatterns["em_strong"] in calls


def test_a_pattern_it_does_not_know_is_left_alone():
    md = Markdown()
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    md.inlinePatterns.register(SimpleTagInlineProcessor(r"(\+\+)(.+?)\+\+", "ins"), "ins", 65)
    prefilter.prefilter(md)
    assert not isinstance(md.inlinePatterns["ins"].compiled_re, prefilter.Prefiltered)
    assert md.convert("a ++b++ c") == "<p>a <ins>b</ins> c</p>"


def test_a_prefiltered_expression_finds_what_the_expression_finds():
    import re

    expression = re.compile(r"(?<!\\)`")
    wrapped = prefilter.Prefiltered(expression, ("`",))
    for text, pos in (("a`b`", 0), ("a`b`", 2), ("a`b", 2), ("tanpa", 0), ("", 0)):
        assert [m.span() for m in wrapped.finditer(text, pos)] == [m.span() for m in expression.finditer(text, pos)]
    assert wrapped.pattern == expression.pattern


def test_a_prefiltered_block_expression_searches_and_matches_as_the_expression():
    import re

    expression = re.compile(r"(^|\n)[ ]{0,3}>[ ]?(.*)")
    wrapped = prefilter.Prefiltered(expression, (">",))
    for text in ("> a", "a\n > b", "a > b", "tanpa", "", "a\n\n>"):
        for pos, endpos in ((0, len(text)), (1, len(text)), (0, 1), (2, 3)):
            for method in ("search", "match"):
                found, expected = (getattr(x, method)(text, pos, endpos) for x in (wrapped, expression))
                assert (found and found.span()) == (expected and expected.span()), (text, pos, endpos, method)
        assert (wrapped.search(text) and wrapped.search(text).span()) == (expression.search(text) and expression.search(text).span())


def test_a_block_expression_it_does_not_know_is_left_alone():
    md = Markdown()
    from markdown.blockprocessors import BlockQuoteProcessor

    quote = next(p for p in md.parser.blockprocessors if isinstance(p, BlockQuoteProcessor))
    quote.RE = __import__("re").compile(r"(^|\n)[ ]{0,3}%[ ]?(.*)")  # a chapter's own quote marker
    prefilter.prefilter(md)
    assert not isinstance(quote.RE, prefilter.Prefiltered)


def test_every_markdown_file_of_the_repository_converts_the_same(parsers):
    plain, fast = parsers
    files = [p for p in ROOT.rglob("*.md") if not ({".venv", "node_modules", ".git"} & set(p.parts))]
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _convert(fast, text) == _convert(plain, text), path


def test_generated_snippets_convert_the_same(parsers):
    plain, fast = parsers
    rng = random.Random(20261130)
    for _ in range(1500):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))
        assert _convert(fast, text) == _convert(plain, text), repr(text)


_SHARED: list = []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join) | st.text(max_size=200))
def test_any_text_converts_the_same(text):
    if not _SHARED:
        _SHARED.extend(_parsers(_settings_markdown()))
    plain, fast = _SHARED
    assert _convert(fast, text) == _convert(plain, text)

"""Python-Markdown's inline and block expressions, skipped where they cannot match: same HTML, in about half the time.

Python-Markdown converts each block of text by trying every inline pattern on it in turn (links,
emphasis, code, HTML, entities, and the smarty extension's quotes, dashes and ellipses: some 30
regular expressions). A pattern that does not match still scans the whole text, and several
start with a look-behind or an alternation, which the regular expression engine cannot skip
quickly. Most paragraphs of a news story contain no backtick, bracket, angle bracket, asterisk
or underscore, so most of that scanning finds nothing: it was about two thirds of a story's
conversion, itself the largest part of reading a story.

The block processors do the same per block: a heading, a setext underline, a rule, a quote, a
definition, a footnote, an abbreviation or a link reference is looked for with an expression
that scans the whole block, and news paragraphs are long: prefiltered too (`BLOCK_TRIGGERS`; their
`search` and `match`), about a sixth of a story's conversion.

Python-Markdown's inline processor also looks each pattern up in its registry (a `Registry`,
which checks its order and goes through the pattern's name on every lookup) for every pattern it
tries on every piece of text, a few hundred times a story: each inline processor is given its
patterns as a tuple in the registry's order instead (about 8 % of a story's conversion). The
registries themselves (`md.inlinePatterns`, smarty's) stay as they are. And a prefiltered pattern
none of whose literals is in a text is not tried on it at all: each inline processor's loop over
its patterns passes it over instead of calling Python-Markdown's `__applyPattern`, which would
find nothing (`_skipping`; about a fifth of a story's conversion). The whitespace preprocessor
runs its expression for lines of spaces only where a space stands before a newline (`_normalizing`).

Every one of those expressions needs a literal in the text it matches: a link needs "[", an
entity "&", a line break two spaces and a newline, a closing quote the quote. `prefilter(md)`
gives each pattern whose expression is one listed here a stand-in for its compiled expression
that looks for those literals first (`str.find`, in C) and runs the expression only if one of
them is there. Python-Markdown calls `finditer` on an inline one (InlineProcessor.__applyPattern)
and `search`, `match` or `finditer` on a block one; every other attribute is the real expression's.

It is an optimisation only, never a change of output:

- A pattern is wrapped only when its expression is, character for character, one in
  `TRIGGERS` (a block expression: and its flags, in `BLOCK_TRIGGERS`): an extension a chapter
  adds, or an upgrade of Python-Markdown that changes an expression, leaves that pattern as it
  is (slower, never wrong).
- The literals of each expression are the ones every match must contain at or after the place
  where the search starts (look-aheads included; look-behinds only narrow a match).
- tests/test_prefilter.py converts every Markdown file of the repository and thousands of
  generated snippets full of Markdown's special characters with and without it, and compares.

Python-Markdown has no such hook of its own; this is the smallest custom code that gets the
speed without changing the engine (a different Markdown engine would change what reporters'
Markdown means).
"""

from __future__ import annotations

import re
import sys

from markdown import Markdown
from markdown import inlinepatterns as patterns
from markdown.preprocessors import NormalizeWhitespace
from markdown.treeprocessors import InlineProcessor
from markdown.util import ETX, STX, AtomicString, Registry

try:  # the expressions of the smarty extension, where this version of Markdown names them
    from markdown.extensions import smarty
except ImportError:  # pragma: no cover - smarty ships with Markdown
    smarty = None

_SINGLE, _DOUBLE = ("'",), ('"',)

# The expression (as Python-Markdown writes it) -> the literals one of which every match contains.
TRIGGERS: dict[str, tuple[str, ...]] = {
    patterns.BACKTICK_RE: ("`",),  # a run of backslashes counts only before a backtick (look-ahead)
    patterns.ESCAPE_RE: ("\\",),
    patterns.REFERENCE_RE: ("[",),  # also LINK_RE, the same expression
    patterns.IMAGE_LINK_RE: ("![",),  # also IMAGE_REFERENCE_RE
    patterns.AUTOLINK_RE: ("<",),
    patterns.AUTOMAIL_RE: ("<",),
    patterns.LINE_BREAK_RE: ("  \n",),
    patterns.HTML_RE: ("<",),
    patterns.ENTITY_RE: ("&",),
    r"\*|_": ("*", "_"),  # emphasis and strong (AsteriskProcessor, UnderscoreProcessor)
    r"\[\^([^\]]*)\]": ("[^",),  # footnote references (extra)
    # smarty: dashes, ellipses, angled quotes
    r"(?<!-)---(?!-)": ("---",),
    r"(?<!-)--(?!-)": ("--",),
    r"(?<!\.)\.{3}(?!\.)": ("...",),
    r"\<\<": ("<<",),
    r"\>\>": (">>",),
}
if smarty is not None:
    for _name, _literals in (
        ("singleQuoteStartRe", _SINGLE), ("doubleQuoteStartRe", _DOUBLE),
        ("doubleQuoteSetsRe", ("\"'",)), ("singleQuoteSetsRe", ("'\"",)),
        ("doubleQuoteSetsRe2", ("'\"",)), ("singleQuoteSetsRe2", ("\"'",)),
        ("decadeAbbrRe", _SINGLE), ("openingSingleQuotesRegex", _SINGLE),
        ("closingSingleQuotesRegex", _SINGLE), ("closingSingleQuotesRegex2", _SINGLE),
        ("remainingSingleQuotesRegex", _SINGLE), ("openingDoubleQuotesRegex", _DOUBLE),
        ("closingDoubleQuotesRegex", _DOUBLE), ("closingDoubleQuotesRegex2", _DOUBLE),
        ("remainingDoubleQuotesRegex", _DOUBLE),
    ):
        _expression = getattr(smarty, _name, None)
        if isinstance(_expression, str):
            TRIGGERS[_expression] = _literals


# The block processors' expressions (Python-Markdown tests every block of a story against each
# in turn, and several scan the whole block): (expression, flags) -> the literals one of which
# every match contains. Keyed by flags too, since they could change what an expression means.
_M = re.UNICODE | re.MULTILINE
BLOCK_TRIGGERS: dict[tuple[str, int], tuple[str, ...]] = {
    (r"(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)", re.UNICODE): ("#",),
    (r"^.*?\n(?:=+|-+)[ ]*(\n|$)", _M): ("\n=", "\n-"),  # setext: the underline starts its line
    # a rule: three of -, _ or *, the first two apart by at most two spaces
    (r"^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))(?P=atomicgroup)[ ]*$", _M):
        ("--", "- -", "-  -", "__", "_ _", "_  _", "**", "* *", "*  *"),
    (r"(^|\n)[ ]{0,3}:[ ]{1,3}(.*?)(\n|$)", re.UNICODE): (": ",),  # a definition
    (r"(^|\n)[ ]{0,3}>[ ]?(.*)", re.UNICODE): (">",),  # a quote
    (r"^[ ]{0,3}\[\^([^\]]*)\]:[ ]*(.*)$", _M): ("[^",),  # a footnote
    (r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*\n?[ ]*(?P<title>.*)$", _M): ("*[",),  # an abbreviation
    (r"""^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?((["\'])(.*)\4[ ]*|\((.*)\)[ ]*)?$""", _M):
        ("]:",),  # a link reference
}


class Prefiltered:
    """A compiled expression that looks for its literals before searching."""

    __slots__ = ("expression", "literals")

    def __init__(self, expression, literals: tuple[str, ...]):
        self.expression, self.literals = expression, literals

    def finditer(self, string: str, pos: int = 0, *args):
        for literal in self.literals:
            if string.find(literal, pos) >= 0:
                return self.expression.finditer(string, pos, *args)
        return iter(())

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        for literal in self.literals:  # a loop, not any(): this runs for every block of every story
            if string.find(literal, pos, endpos) >= 0:
                return self.expression.search(string, pos, endpos)
        return None

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        for literal in self.literals:
            if string.find(literal, pos, endpos) >= 0:
                return self.expression.match(string, pos, endpos)
        return None

    def __getattr__(self, name):
        return getattr(self.expression, name)


def _registries(md: Markdown):
    """The inline pattern registries of a parser: its own, and those of tree processors (smarty)."""
    yield md.inlinePatterns
    for processor in md.treeprocessors:
        registry = getattr(processor, "inlinePatterns", None)
        if registry is not None and registry is not md.inlinePatterns:
            yield registry


def prefilter(md: Markdown) -> int:
    """Wrap the inline patterns and block expressions of `md` that `TRIGGERS` and `BLOCK_TRIGGERS`
    know, and give its inline processors their patterns as tuples; how many were wrapped. Call
    it once every extension has registered its patterns (bodies.Converter: right after `Markdown()`)."""
    wrapped = 0
    for registry in _registries(md):
        for pattern in registry:
            expression = getattr(pattern, "compiled_re", None)
            if not isinstance(pattern, patterns.InlineProcessor) or isinstance(expression, Prefiltered):
                continue  # legacy patterns are matched with .match() on a slice; already wrapped
            literals = TRIGGERS.get(getattr(expression, "pattern", None))
            if literals:
                pattern.compiled_re = Prefiltered(expression, literals)
                wrapped += 1
    for processor in md.parser.blockprocessors:
        for name in ("RE", "SEARCH_RE"):
            expression = getattr(processor, name, None)
            if isinstance(expression, re.Pattern):
                literals = BLOCK_TRIGGERS.get((expression.pattern, expression.flags))
                if literals:
                    setattr(processor, name, Prefiltered(expression, literals))  # this parser's own
                    wrapped += 1
    for processor in md.treeprocessors:  # the patterns, in the registry's order, indexed directly
        if isinstance(processor, InlineProcessor) and isinstance(processor.inlinePatterns, Registry):
            processor.inlinePatterns = tuple(processor.inlinePatterns)
            if _LOOP_KNOWN:  # name-mangled: the processor's own calls (self.__handleInline) find this first
                processor._InlineProcessor__handleInline = _skipping(processor)
    for processor in md.preprocessors:
        if type(processor) is NormalizeWhitespace and _NORMALIZE_KNOWN and "run" not in vars(processor):
            processor.run = _normalizing(processor)
    return wrapped


# The two methods of Python-Markdown's InlineProcessor that _skipping() stands in for and calls:
# an upgrade that renames them leaves the processor's own loop in place (slower, never wrong).
_LOOP_KNOWN = all(hasattr(InlineProcessor, name) for name in ("_InlineProcessor__handleInline",
                                                              "_InlineProcessor__applyPattern"))


def _skipping(processor: InlineProcessor):
    """The processor's `__handleInline` (Python-Markdown 3.x, treeprocessors.py), the same loop
    over its patterns, except that a prefiltered pattern none of whose literals is in the text
    (from where the search starts) is passed over without calling `__applyPattern`, which would
    only find no match there: it returns `(data, False, 0)` then, so the loop goes on with the
    next pattern from the start of the text, as here. A text is tried against some 17 patterns,
    a story's some 35 texts: that call, made and returning nothing, was about a fifth of a
    story's conversion."""
    apply = processor._InlineProcessor__applyPattern
    known: list = [None, ()]  # the patterns tuple, and each pattern's literals (None: always applied)

    def handle_inline(data: str, patternIndex: int = 0) -> str:
        if not isinstance(data, AtomicString):
            tried = processor.inlinePatterns
            if known[0] is not tried:
                known[:] = [tried, tuple(
                    pattern.compiled_re.literals
                    if isinstance(pattern, patterns.InlineProcessor) and isinstance(pattern.compiled_re, Prefiltered)
                    else None for pattern in tried)]
            literals_of = known[1]
            startIndex = 0
            count = len(tried)
            while patternIndex < count:
                literals = literals_of[patternIndex]
                if literals is not None:
                    for literal in literals:
                        if data.find(literal, startIndex) >= 0:
                            break
                    else:
                        patternIndex += 1
                        startIndex = 0
                        continue
                data, matched, startIndex = apply(tried[patternIndex], data, patternIndex, startIndex)
                if not matched:
                    patternIndex += 1
        return data

    return handle_inline


# Python-Markdown's NormalizeWhitespace.run, as _normalizing() repeats it: its constants and the
# names it uses. Another version's run (another step, another expression) keeps its own.
_NORMALIZE_CODE = (
    (None, "\n", "", "\r\n", "\r", "\n\n", r"(?<=\n) +\n"),
    ("join", "replace", "util", "STX", "ETX", "expandtabs", "md", "tab_length", "re", "sub", "split"),
)
_NORMALIZE_KNOWN = (NormalizeWhitespace.run.__code__.co_consts, NormalizeWhitespace.run.__code__.co_names) == _NORMALIZE_CODE
_BLANK_LINE_SPACES = re.compile(r"(?<=\n) +\n")


def _normalizing(processor: NormalizeWhitespace):
    """The preprocessor's run, step for step, except that the expression that empties lines of
    spaces (a look-behind, which the engine tries at every character of the story) runs only
    where a space stands before a newline, as each of its matches ends. About 6 % of a story's
    conversion."""

    def run(lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        source = source.replace(STX, "").replace(ETX, "")
        source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
        source = source.expandtabs(processor.md.tab_length)
        if " \n" in source:
            source = _BLANK_LINE_SPACES.sub("\n", source)
        return source.split("\n")

    return run

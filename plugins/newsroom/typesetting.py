"""Typogrify's filters with amp and widont skipping the text they cannot change: same HTML, a tenth of the time.

Pelican's TYPOGRIFY pass runs typogrify over every story's body; the site keeps two of its
filters (pelicanconf.py): `amp` and `widont`. Profiled on a 5,000-story build they took about
9 s of CPU (a fifth of reading), and widont alone 7 s, more than half of a story's Markdown:

- widont's expression (a no-break space before the last word of a paragraph, heading, list item
  or definition) starts with an alternation the regular expression engine cannot skip, so it is
  tried at every character of the text, and backtracks through every word, to find at most one
  place per block.
- amp calls a Python function for every run of text between two tags, to look for a lone "&".

Both are exact here, never a change of output:

- `amp(text)` is the text itself when its expression finds nothing in the whole text (it only
  ever looks inside the text between tags, so a match there is a match in the whole); the part of
  its expression after the first group is looked for first, being quicker to find.
- `widont(text)` looks for the one place each block end can have, from the end backwards, and
  runs typogrify's own expression there only. A match cannot hold a "<" except in its first
  group (one inline tag) and the inline closing tags before the block's end, so it never spans
  two block ends, and its start is fixed by the text before the end (see _start). Text where a
  "<" appears inside a tag (`<a <b>`: then a tag could hold a block end) goes to typogrify's own
  widont, as does everything if typogrify's expressions are not, character for character, the
  ones written here (an upgrade: slower, never wrong).
- tests/test_typesetting.py compares both with typogrify's on every Markdown file of the
  repository converted as the site converts it, and on many thousand generated snippets dense in
  tags, spaces and ampersands.

Typogrify offers no such option, and the rest of it (process_ignores, the other filters) is used
as it is: this module is only the part that pays.
"""

from __future__ import annotations

import re

from typogrify import filters

# typogrify.filters.widont's and amp's expressions, character for character (checked below).
WIDONT_EXPRESSION = r"""((?:</?(?:a|em|span|strong|i|b)[^>]*>)|[^<>\s]) # must be proceeded by an approved inline opening or closing tag or a nontag/nonspace
                                   \s+                                             # the space to replace
                                   ([^<>\s]+                                       # must be flollowed by non-tag non-space characters
                                   \s*                                             # optional white space!
                                   (</(a|em|span|strong|i|b)>\s*)*                 # optional closing inline tags with optional white space after each
                                   ((</(p|h[1-6]|li|dt|dd)>)|$))                   # end with a closing p, h1-6, li or the end of the string
                                   """
AMP_EXPRESSION = r"(\s|&nbsp;)(&|&amp;|&\#38;)(\s|&nbsp;)"

EXACT = WIDONT_EXPRESSION in filters.widont.__code__.co_consts and AMP_EXPRESSION in filters.amp.__code__.co_consts

_WIDONT = re.compile(WIDONT_EXPRESSION, re.VERBOSE)
_AMP = re.compile(AMP_EXPRESSION)
# What every match of amp's expression holds after its first group, starting with a literal "&",
# which the engine finds fast (amp's own expression starts with an alternation: tried everywhere).
_AMP_TAIL = re.compile(r"&(?:amp;|#38;)?(?:\s|&nbsp;)")
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|dt|dd)>")  # the block ends of widont's expression
_TAG_IN_TAG = re.compile(r"<[^>]*<")
_CLOSERS = ("</a>", "</em>", "</span>", "</strong>", "</i>", "</b>")
_NOT_WORD = "<>"


def amp(text: str) -> str:
    if EXACT and (_AMP_TAIL.search(text) is None or _AMP.search(text) is None):
        return text
    return filters.amp(text)


def widont(text: str) -> str:
    if not EXACT or _TAG_IN_TAG.search(text):
        return filters.widont(text)
    out, done, bound = [], 0, 0
    ends = [m.span() for m in _BLOCK_END.finditer(text)]
    ends.append((len(text), len(text)))
    for end, after in ends:
        start = _start(text, bound, end)
        bound = after
        if start is None:
            continue
        match = _WIDONT.match(text, start)
        if match is None:
            continue
        out.append(text[done:start])
        out.append(f"{match.group(1)}&nbsp;{match.group(2)}")  # match.expand parses its template every time
        done = match.end()
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def _start(text: str, bound: int, end: int) -> int | None:
    """Where a match of widont's expression ending at the block end `end` must start, if one can:
    before `end` come white space and inline closing tags, before them the last word (no space,
    no "<" or ">"), before it white space, and before that the first group: one character that
    is none of those, or an inline tag, which has no "<" inside (widont checked) and so starts
    at the last "<" before its ">". Nothing before `bound` (the last block end) can be in it."""
    i = end
    while True:
        while i > bound and text[i - 1].isspace():
            i -= 1
        closer = next((c for c in _CLOSERS if text.endswith(c, bound, i)), None)
        if closer is None:
            break
        i -= len(closer)
    word_end = i
    while i > bound and text[i - 1] not in _NOT_WORD and not text[i - 1].isspace():
        i -= 1
    if i == word_end:
        return None
    word_start = i
    while i > bound and text[i - 1].isspace():
        i -= 1
    if i == word_start or i == bound:
        return None
    before = text[i - 1]
    if before == "<":
        return None
    if before == ">":
        tag = text.rfind("<", bound, i - 1)
        return tag if tag >= 0 else None
    return i - 1


_FILTERS = {"amp": amp, "smartypants": filters.smartypants, "caps": filters.caps,
            "initial_quotes": filters.initial_quotes, "widont": widont}


def applyfilters(text: str, **kwargs) -> str:
    """typogrify.filters.applyfilters, with the two filters above."""
    for name, function in _FILTERS.items():
        if kwargs.pop(name, True):
            text = function(text)
    if kwargs:
        raise TypeError("Unexpected keyword argument(s): %s" % list(kwargs.keys()))
    return text


def typogrify(text: str, ignore_tags=None, **kwargs) -> str:
    """typogrify.filters.typogrify, with the two filters above."""
    return "".join(applyfilters(item, **kwargs) if process else item
                   for item, process in filters.process_ignores(text, ignore_tags))

"""Every use of a private Pelican name in our plugins, in one place.

Pelican's plugin API is its signals and the public attributes of its objects; what it keeps
private can change in any release without notice. Where we cannot do without, the private name
is used here (or, for modules other helpers own, listed here) and tests/test_pelican_compat.py
checks each one, so that a Pelican upgrade that breaks it fails loudly, naming the use, instead of
silently switching a check off.

Used through this module (newsroom):
- ``pelican.readers._DISCARD``: a reader's ``process_metadata`` returns it for a header field it
  refused; Pelican drops such fields (reader.py reports the problem with its line instead).
- ``Content._content``: the body as the reader produced it, before Pelican rewrites its
  ``{filename}`` links for the page (``content`` would do that on every access): the word count
  (model.py) and the bodies that accountability.py rewrites or removes.
- ``Content._context``: the build's shared context an article or page resolves its links with;
  the live preview (preview.py) hands a copy of an article read in an earlier build the context
  of the running one.
- ``Writer._written_files`` / ``Writer._overridden_files``: the files Pelican has written in this
  build, which it checks to refuse writing a file twice. render.py places a page taken unchanged
  from the last site without letting Pelican open (create) the file, and records it there as
  written, so that the check still holds.
- ``FileStampDataCacher._filestamp_func`` / ``_cache_data_policy`` / ``_cache`` (generators and
  their readers): with Pelican's content cache off (bodies.py switches it off), nothing is kept or
  loaded, but every file read is still stamped twice with ``os.path.getmtime``;
  ``skip_unused_file_stamps`` gives such a cacher a constant stamp instead.

Relied upon, not private (a change fails plugins/newsroom/tests/test_bodies.py, which compares
with Pelican's own pass):
- ``Readers.read_file`` reads ``settings["TYPOGRIFY"]`` after the reader returns: reader.py's
  ``pelican_typogrify_off`` sets it False while one of the newsroom reader's files is read (the
  reader typogrified it already, cached), and back right after.

Wrapped, public (tests/test_pelican_compat.py compares the wrapper with Pelican's own method):
- ``Content.get_relative_source_path()``: Pelican computes it (abspath twice, relpath) for every
  ``url``, ``save_as`` and JSON-LD URL of a story, 20,000 times in a 5,000-article build for
  5,000 answers. ``remember_relative_source_paths`` keeps each object's answer with the source
  path and content folder it was computed for, and computes it again when either changes.

- ``pelican.utils.strftime`` (what ``SafeDatetime.strftime`` and ``{date:%Y}`` in a URL setting
  call): it finds the format's directives with regular expressions and formats each one apart, on
  every call; about 2 s of a 5,000-article build (three URLs and a date per story, the sitemap).
  ``faster_strftime`` formats a format that only holds directives Pelican formats as they are (no
  ``%-d``, nothing it leaves as text, no stray ``%``) with ``datetime.strftime``, which gives the
  same text, or, when they are all fixed-width numbers (``%Y %m %d %H %M %S``, a year of four
  digits), from the date's fields directly; any other format with Pelican's own function.

- ``ArticlesGenerator.generate_tags`` / ``generate_categories`` / ``generate_authors`` (membership.py:
  each page's ``dates`` from its own stories in the archive's order, instead of a scan of the
  whole archive per page; relies on these methods reading ``self.dates`` only for that scan and
  passing its result as ``dates`` to ``write``; test_membership.py compares every page's
  arguments with Pelican's own methods, and a whole site byte for byte).

- ``os.makedirs`` as Pelican's writer calls it (``pelican.writers.os``) before every page:
  ``makedirs(folder, exist_ok=True)`` is a failing ``mkdir`` and a ``stat`` for a folder that
  exists, 0.45 s of the build process in a 5,000-story rebuild (8,000 pages, most in a folder of
  their own, every one already in the spare tree safe_build empties of its files).
  ``known_folders`` gives the writer an ``os`` whose ``makedirs`` does not ask for the folders
  safe_build says the staging folder holds, and asks once for the others (a new one at each
  ``get_writer``, ``os`` itself again at ``finalized``); everything else is ``os`` itself.

Listed here, used in their own modules (the tests check them all the same):
- ``Writer._open_w`` (render.py: pages rendered in worker processes are written through it;
  preview.py: the live preview records pages instead of opening their files).
- ``ArticlesGenerator._build_period_archives`` (membership.py: the periods grouped by Pelican, their
  stories filled in one pass instead of a scan per story).
- ``Pelican._get_generator_classes`` (preview.py: a live update builds the context with the
  generators of a build, without running one).
- ``Writer._create_new_feed`` (safe_build/reproducible.py: an empty feed dated by the content).
- ``pelican.plugins.sitemap.sitemap.generator._main_pelican`` (safe_build/reproducible.py: the
  sitemap plugin's instance of the build, reset after a build that stopped early).
- ``Pelican.run``'s frame on the stack (safe_build/interrupt.py: Ctrl-C ends the build cleanly).
- ``Content._content`` (search/__init__.py: a story's search record holds its body as read, made
  before the pages and static files its links resolve against are known).
"""

from __future__ import annotations

import datetime
import functools
import os
import re
import types

from pelican import contents, readers, utils, writers

# A header field the reader refused: Pelican drops it from the metadata.
DISCARD = readers._DISCARD


def raw_content(content) -> str:
    """The body of an article or page as read, before Pelican rewrites its internal links."""
    return content._content or ""


def set_raw_content(content, html: str) -> None:
    """Replace the body of an article or page before Pelican rewrites its links."""
    content._content = html


CONTEXT = "_context"  # the attribute set_context sets


def set_context(content, context: dict) -> None:
    """Make an article or page resolve its links with `context` (that of the running build)."""
    content._context = context


def first_write(writer, filename: str) -> bool:
    """True when Pelican's `writer` has not written (nor skipped) `filename` in this build."""
    return filename not in writer._written_files and filename not in writer._overridden_files


def mark_written(writer, filename: str, override: bool = False) -> None:
    """Record `filename` as written by `writer`, as its `_open_w` does for a first write."""
    if override:
        writer._overridden_files.add(filename)
    writer._written_files.add(filename)


def _no_stamp(_filename) -> bytes:
    return b""


def skip_unused_file_stamps(generator) -> None:
    """article_generator_init, page_generator_init: with Pelican's content cache off, the
    generator and its readers neither keep nor load anything, yet each stamps every file it reads
    twice (os.path.getmtime in cache_data and in get_cached_data): 20,000 stats in a 5,000-story
    build. Such stamps are never compared with anything kept: one constant stamp for every file
    (get_cached_data still answers "nothing cached")."""
    for cacher in (generator, getattr(generator, "readers", None)):
        if hasattr(cacher, "_filestamp_func") and not cacher._cache_data_policy and not cacher._cache:
            cacher._filestamp_func = _no_stamp


_relative_source_path = contents.Content.get_relative_source_path


def _remembered_relative_source_path(self, source_path=None):
    if source_path:  # another file's path: as Pelican computes it
        return _relative_source_path(self, source_path)
    own, root = self.source_path, self.settings["PATH"]
    if own is None or not (os.path.isabs(own) and os.path.isabs(root)):  # would depend on the cwd
        return _relative_source_path(self)
    memo = self.__dict__.get("_newsroom_relative_source_path")
    if memo is None or memo[0] != own or memo[1] != root:
        memo = self.__dict__["_newsroom_relative_source_path"] = (own, root, _relative_source_path(self))
    return memo[2]


def remember_relative_source_paths() -> None:
    """Content.get_relative_source_path() computed once per object (see the module docstring)."""
    contents.Content.get_relative_source_path = _remembered_relative_source_path


_pelican_strftime = utils.strftime
_DIRECTIVE = re.compile("%[-]?.")  # what Pelican's strftime takes for a directive
_AS_IS = set("aAbBcdfGHIjmMpSUuVwWxXyYzZ%")  # the directives it formats with datetime.strftime
# Directives whose text is a number with fixed digits (the year: for years 1000 to 9999 only).
_NUMBERS = {"%Y": "{0.year:04d}", "%m": "{0.month:02d}", "%d": "{0.day:02d}", "%H": "{0.hour:02d}",
            "%M": "{0.minute:02d}", "%S": "{0.second:02d}", "%%": "%"}


@functools.lru_cache(maxsize=256)
def _plan(date_format: str) -> tuple[bool, str | None]:
    """(Pelican formats this format as datetime.strftime does, a str.format template giving the
    same text from the date's fields when every directive is a number)."""
    directives = _DIRECTIVE.findall(date_format)
    literals = _DIRECTIVE.split(date_format)
    plain = all(len(d) == 2 and d[1] in _AS_IS for d in directives) and "%" not in "".join(literals)
    if not plain or not all(d in _NUMBERS for d in directives):
        return plain, None
    template = literals[0].replace("{", "{{").replace("}", "}}")
    for directive, literal in zip(directives, literals[1:]):
        template += _NUMBERS[directive] + literal.replace("{", "{{").replace("}", "}}")
    return True, template


def _strftime(date, date_format: str) -> str:
    if isinstance(date, datetime.datetime):
        plain, template = _plan(date_format)
        if template is not None and 1000 <= date.year <= 9999:
            return template.format(date)
        if plain:
            return datetime.datetime.strftime(date, date_format)
    return _pelican_strftime(date, date_format)


def faster_strftime() -> None:
    """pelican.utils.strftime without parsing a plain format on every call (module docstring)."""
    utils.strftime = _strftime


def _writer_os(existing=frozenset):
    """A copy of the `os` module whose makedirs(folder, exist_ok=True) asks once per folder, and
    not at all for the folders `existing()` (asked at the first call) says exist."""
    made: set[str] = set()
    asked = False  # existing(), at the first call
    makedirs = os.makedirs

    def makedirs_once(name, mode=0o777, exist_ok=False):
        nonlocal asked
        if exist_ok:
            if not asked:
                made.update(existing() or ())
                asked = True
            if name in made:
                return
        makedirs(name, mode, exist_ok)
        if exist_ok:
            made.add(name)

    module = types.ModuleType(os.__name__, os.__doc__)
    module.__dict__.update(vars(os))
    module.makedirs = makedirs_once
    return module


def known_folders(pelican) -> None:
    """get_writer: Pelican's writer makes (or finds) each page's folder once in this build, and
    does not ask for those the staging folder holds from the start (safe_build's spare tree)."""
    settings = pelican.settings
    from . import state

    if getattr(state.current(settings), "live_update", False):  # the live preview writes feeds only
        return

    def existing():
        try:
            from safe_build import existing_folders
        except ImportError:  # the newsroom plugin without safe_build
            return None
        return existing_folders(settings)

    writers.os = _writer_os(existing)


def forget_folders(*_args) -> None:
    """finalized: Pelican's writer sees `os` itself again (another build, maybe not ours, may
    follow in this process, into folders removed since)."""
    writers.os = os


# (owner module, class, private instance attribute) for the uses outside this module.
ATTRIBUTES_ELSEWHERE = (
    ("search/__init__.py", "pelican.contents.Article", "_content"),
)

# (owner module, object, private attribute) for the uses outside this module.
ELSEWHERE = (
    ("newsroom/render.py", "pelican.writers.Writer", "_open_w"),
    ("newsroom/preview.py", "pelican.writers.Writer", "_open_w"),
    ("newsroom/preview.py", "pelican.Pelican", "_get_generator_classes"),
    ("newsroom/membership.py", "pelican.generators.ArticlesGenerator", "_build_period_archives"),
    ("safe_build/reproducible.py", "pelican.writers.Writer", "_create_new_feed"),
    ("safe_build/reproducible.py", "pelican.plugins.sitemap.sitemap.SitemapGenerator", "_main_pelican"),
)

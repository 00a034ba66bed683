"""A page rendered with only the names of its context that its templates can read.

Pelican hands every template the whole build context: every setting and every list of the site,
about 180 names. Jinja copies that dictionary whenever a template includes another one or
imports macros with context, a dozen times and more per page, and a page's templates read about
30 of the names. Jinja's own meta API says which: `find_undeclared_variables` gives the names a
template reads from its context, `find_referenced_templates` the templates it extends, includes
or imports; the union over a page's template and every template it reaches is all the page can
read, so leaving out the rest changes nothing in the output (tests/test_build_safety.py compares
whole sites). Measured on 5,000 synthetic stories, each page rendered both ways in turn in one
process: an article page 1.90 -> 1.84 ms, all 8,065 pages 13.50 -> 13.13 s (3 %): small, but on
every page of every build, for a few dozen lines and Jinja's own analysis.

Kept whatever the templates say:
- everything, for a template that reaches another one through a variable (`{% include name %}`,
  for which Jinja cannot tell the template) or that the loader cannot find;
- everything, in an environment with a filter, test or global function that is handed the
  context (`@pass_context`) and is not one of Jinja's own (its i18n functions, `map`, `select`...,
  which read no name from it), or with a template extension other than those known to read no
  name but the ones below (`EXTENSIONS`; Jinja's `{% debug %}` prints the whole context, so it is
  not one of them): such code may read any name;
- the names read at run time by the code Jinja and our extensions generate rather than by the
  templates' own code: `SITEURL` (fragments.py keys every fragment with it) and the gettext
  functions the i18n extension looks up for `_()`.

The analysis of a template's source is kept per (name, source), so each template is parsed once
per process however many environments (Pelican makes one per generator) and builds (live
preview) ask; the union for a page's template is kept per environment. Between builds the
analyses are kept in CACHE_PATH (`use_cache`, `save_cache`), keyed by the template's name, the
SHA-256 of its source and what parsing depends on (Jinja's version, the environment's extensions
and delimiters): parsing the theme's 46 templates took about 0.4 s of every build, before the
pages could be handed to the workers, about 5 % of a rebuild at 5,000 stories.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from weakref import WeakKeyDictionary

import jinja2
from jinja2 import TemplateNotFound, TemplateSyntaxError, meta
from jinja2.utils import _PassArg

from . import cachefile

ALWAYS = frozenset({"SITEURL", "gettext", "ngettext", "pgettext", "npgettext"})
JINJA_OWN = ("jinja2.",)  # modules whose context-taking functions read no name from the context
EXTENSIONS = frozenset({  # template extensions that read no name of the context but ALWAYS's
    "jinja2.ext.InternationalizationExtension", "jinja2.ext.ExprStmtExtension",
    "jinja2.ext.LoopControlExtension", "newsroom.fragments.FragmentCache",
})

Analysis = tuple[frozenset[str], tuple[str | None, ...]]
_parsed: dict[tuple[str, str, str], Analysis] = {}  # (parsing, name, source) -> analysis, this process
_open: WeakKeyDictionary = WeakKeyDictionary()  # environment -> whether its pages may be narrowed
_trees: WeakKeyDictionary = WeakKeyDictionary()  # environment -> {template name: sorted names or None}
_parsing: WeakKeyDictionary = WeakKeyDictionary()  # environment -> what its parser depends on (_parsing_of)

CACHE_FILE = "newsroom-contextnames.pickle"
CACHE_FORMAT = 1
_kept: dict[tuple[str, str, str], Analysis] = {}  # (parsing, name, SHA-256 of source) -> analysis, on disk
_kept_from: Path | None = None  # the file _kept was read from
_kept_changed = False
_used: set[tuple[str, str, str]] = set()  # the keys of _kept this process asked for since use_cache


def _parsing_of(env) -> str:
    """What the parse of a source depends on besides the source: Jinja, the environment's
    extensions (their tags) and delimiters."""
    known = _parsing.get(env)
    if known is None:
        known = _parsing[env] = repr((
            jinja2.__version__, sorted(env.extensions), env.block_start_string, env.block_end_string,
            env.variable_start_string, env.variable_end_string, env.comment_start_string,
            env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix))
    return known


def _analysis(env, name: str) -> Analysis:
    """The names the template `name` reads from its context, and the templates it refers to
    (None for one named by a variable)."""
    global _kept_changed
    source = env.loader.get_source(env, name)[0]
    parsing = _parsing_of(env)
    known = _parsed.get((parsing, name, source))
    if known is None:
        key = (parsing, name, hashlib.sha256(source.encode("utf-8")).hexdigest())
        known = _kept.get(key)
        _used.add(key)
        if known is None:
            tree = env.parse(source, name)
            known = _kept[key] = (frozenset(meta.find_undeclared_variables(tree)),
                                  tuple(meta.find_referenced_templates(tree)))
            _kept_changed = True
        _parsed[(parsing, name, source)] = known
    return known


def _valid(key, value) -> bool:
    return (isinstance(key, tuple) and len(key) == 3 and all(isinstance(part, str) for part in key)
            and isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], frozenset)
            and all(isinstance(n, str) for n in value[0]) and isinstance(value[1], tuple)
            and all(r is None or isinstance(r, str) for r in value[1]))


def use_cache(folder) -> None:
    """Take the analyses earlier builds kept in `folder` (CACHE_PATH; None: none), once per
    process and folder. A damaged or foreign file is an empty cache."""
    global _kept_from, _kept_changed
    path = Path(folder) / CACHE_FILE if folder else None
    if path == _kept_from:
        return
    _kept.clear()
    _used.clear()
    _kept_from, _kept_changed = path, False
    stored = cachefile.load(path, "template analyses")
    if stored.get("format") == CACHE_FORMAT and isinstance(stored.get("analyses"), dict):
        _kept.update((k, v) for k, v in stored["analyses"].items() if _valid(k, v))


def save_cache() -> None:
    """Keep the analyses asked for since use_cache for the next build, when one of them was new
    (a template added or edited; those of sources no longer asked for are left out then)."""
    global _kept_changed
    if _kept_from is not None and _kept_changed:
        used = {key: _kept[key] for key in _used if key in _kept}
        if cachefile.save(_kept_from, {"format": CACHE_FORMAT, "analyses": used}, "template analyses"):
            _kept_changed = False


def _reachable(env, name: str) -> tuple[str, ...] | None:
    """The sorted names read by `name` and every template it reaches; None when one of them is
    named at run time, missing or broken (the render itself reports a broken template)."""
    found, seen, todo = set(ALWAYS), set(), [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            read, referenced = _analysis(env, current)
        except (TemplateNotFound, TemplateSyntaxError):
            return None
        if None in referenced:  # a template named at run time: any name may be read
            return None
        found |= read
        todo.extend(referenced)
    return tuple(sorted(found))


def names(template) -> tuple[str, ...] | None:
    """The context names `template` and the templates it reaches can read, sorted (the narrowed
    context is the same dictionary in every process); None: every name."""
    env, name = getattr(template, "environment", None), getattr(template, "name", None)
    if env is None or env.loader is None or name is None:  # a template made from a string
        return None
    if env not in _open:
        _open[env] = _reads_nothing_else(env)
    if not _open[env]:  # an environment whose functions or extensions may read any name
        return None
    trees = _trees.setdefault(env, {})
    if name not in trees:
        trees[name] = _reachable(env, name)
    return trees[name]


def _reads_nothing_else(env) -> bool:
    """No filter, test or global of `env` but Jinja's own is handed the context, and every
    extension of `env` is one of EXTENSIONS."""
    if not set(env.extensions) <= EXTENSIONS:
        return False
    for functions in (env.filters, env.tests, env.globals):
        for function in functions.values():
            if (callable(function) and _PassArg.from_obj(function) is _PassArg.context
                    and not (getattr(function, "__module__", None) or "").startswith(JINJA_OWN)):
                return False
    return True


def narrowed(template, localcontext: dict) -> dict:
    """`localcontext` with only the names `template` can read (all of it when that is unknown)."""
    wanted = names(template)
    if wanted is None:
        return localcontext
    return {key: localcontext[key] for key in wanted if key in localcontext}

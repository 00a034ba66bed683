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
preview) ask; the union for a page's template is kept per environment.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from jinja2 import TemplateNotFound, TemplateSyntaxError, meta
from jinja2.utils import _PassArg

ALWAYS = frozenset({"SITEURL", "gettext", "ngettext", "pgettext", "npgettext"})
JINJA_OWN = ("jinja2.",)  # modules whose context-taking functions read no name from the context
EXTENSIONS = frozenset({  # template extensions that read no name of the context but ALWAYS's
    "jinja2.ext.InternationalizationExtension", "jinja2.ext.ExprStmtExtension",
    "jinja2.ext.LoopControlExtension", "newsroom.fragments.FragmentCache",
})

_parsed: dict[tuple[str, str], tuple[frozenset[str], tuple[str | None, ...]]] = {}
_open: WeakKeyDictionary = WeakKeyDictionary()  # environment -> whether its pages may be narrowed
_trees: WeakKeyDictionary = WeakKeyDictionary()  # environment -> {template name: sorted names or None}


def _analysis(env, name: str) -> tuple[frozenset[str], tuple[str | None, ...]]:
    """The names the template `name` reads from its context, and the templates it refers to
    (None for one named by a variable)."""
    source = env.loader.get_source(env, name)[0]
    known = _parsed.get((name, source))
    if known is None:
        tree = env.parse(source, name)
        known = _parsed[(name, source)] = (frozenset(meta.find_undeclared_variables(tree)),
                                           tuple(meta.find_referenced_templates(tree)))
    return known


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

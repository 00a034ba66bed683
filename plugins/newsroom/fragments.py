"""`{% cache key, ... %}...{% endcache %}`: a piece of a template rendered once per build and key.

Most of a page is the same on thousands of pages: the masthead and menu (which differ only in the
item marked current), the footer, and a story's card, which looks the same in every listing,
topic, reporter page and "related" block it appears in. Rendering them again on every page is most
of the rendering time. The theme marks such a piece with `{% cache %}` and names in the key
everything the piece depends on besides what is the same for the whole build (the settings,
`newsroom`, the language); `SITEURL` (per page with RELATIVE_URLS) is always part of the key, and
so is the block's place (template, line, rank), so two blocks never share an entry.

The fragments live on the Jinja environment, which Pelican creates for each generator of each
build, so a live-reload run never sees the last one's. A worker process (render.py) starts with
the fragments of the build process at the time of the fork and keeps its own; since a fragment
depends only on its key, who renders it first makes no difference to the output.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from jinja2 import nodes
from jinja2.exceptions import TemplateRuntimeError
from jinja2.ext import Extension

LIMIT = 20_000  # fragments kept per environment (a few KB each); past it the store starts again


class FragmentCache(Extension):
    tags = {"cache"}

    def __init__(self, environment):
        super().__init__(environment)
        self.fragments: dict = {}
        self._blocks: WeakKeyDictionary = WeakKeyDictionary()  # parser -> cache blocks seen so far

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        # The template, the line and the block's rank in the template: two blocks never share a fragment.
        rank = self._blocks[parser] = self._blocks.get(parser, 0) + 1
        key = [nodes.Const(parser.name), nodes.Const(lineno), nodes.Const(rank), parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            key.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        call = self.call_method("_fragment", [nodes.Tuple(key, "load"), nodes.ContextReference()])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, key, context, caller):
        key = (*key, context.get("SITEURL"))
        try:
            return self.fragments[key]
        except KeyError:
            pass
        except TypeError as error:  # a list or a dict in the key: a mistake in the theme
            raise TemplateRuntimeError(f"{{% cache %}} in {key[0]} line {key[1]}: every part of the key "
                                       f"must be hashable ({error})") from error
        output = caller()
        if len(self.fragments) >= LIMIT:
            self.fragments.clear()
        self.fragments[key] = output
        return output


# Compiled templates (kept in CACHE_PATH, render.bytecode_cache) name the extension by this identifier:
# the same whatever name the plugin was imported under (Babel's extractor imports plugins.newsroom...).
FragmentCache.identifier = "newsroom.fragments.FragmentCache"


def install(env) -> None:
    """generator_init: every template environment of the build understands `{% cache %}`."""
    if FragmentCache.identifier not in env.extensions:
        env.add_extension(FragmentCache)

"""UI strings through gettext: the theme's Babel catalogs, compiled in memory at build time.

No compiled .mo files are kept in git; the .po catalog is the source of truth. Pelican's own
JINJA_ENVIRONMENT could load the i18n extension, but only a plugin can install translations.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup


@lru_cache(maxsize=8)
def _compiled(po_path: str, mtime: float, locale: str) -> Translations:
    with open(po_path, "rb") as fh:
        catalog = read_po(fh, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)


def translations_for(theme_path: str, lang: str):
    po = Path(theme_path) / "translations" / lang / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return NullTranslations()
    return _compiled(str(po), po.stat().st_mtime, lang)


def install(env, theme_path: str, lang: str) -> None:
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    translations = translations_for(theme_path, lang)
    env.install_gettext_translations(translations, newstyle=True)
    if env.autoescape is True:
        env.globals.update(Newstyle(translations).callables())


class Newstyle:
    """Jinja's new-style gettext for an environment that always escapes: the same strings.

    Jinja's i18n extension wraps each function so that it takes the template's context (to ask
    whether the template escapes) and `_` looks `gettext` up in the context at every call: three
    calls through the context for each `_("...")`, about 8 us, some fifteen times a page. Where the
    environment escapes every template (`autoescape=True`, as pelicanconf.py sets it) the answer
    is always yes, and these plain functions do what Jinja's do then: the translation as Markup,
    formatted with the variables (escaped by Markup's `%`), `num` given to ngettext's. A
    translation with no variables is kept once made. Installed only for autoescape=True: with a
    function deciding per template, Jinja's own stay.
    (`{% autoescape false %}` inside a template is not supported by the theme; its own
    templates have none: tests/test_i18n.py.)"""

    def __init__(self, translations):
        self._gettext, self._ngettext = translations.gettext, translations.ngettext
        self._plain: dict[str, Markup] = {}

    def gettext(self, __string: str, **variables) -> Markup:
        if not variables:
            done = self._plain.get(__string)
            if done is None:
                done = self._plain[__string] = Markup(self._gettext(__string)) % variables
            return done
        return Markup(self._gettext(__string)) % variables

    def ngettext(self, __singular: str, __plural: str, __num: int, **variables) -> Markup:
        variables.setdefault("num", __num)
        return Markup(self._ngettext(__singular, __plural, __num)) % variables

    def callables(self) -> dict:
        return {"_": self.gettext, "gettext": self.gettext, "ngettext": self.ngettext}

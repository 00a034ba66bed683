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
    env.install_gettext_translations(translations_for(theme_path, lang), newstyle=True)

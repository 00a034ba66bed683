"""What reporters and editors read (problems, `invoke` output and help), in the newsroom's language.

Messages are written in English in the code, wrapped in `_()` (or `n_()` for counts), and
translated by gettext catalogues: every `*.po` file in
`plugins/newsroom/translations/<language>/LC_MESSAGES/` (one file per area, so the importer,
the tasks and the content checks each keep their own), compiled in memory like the theme's, so
no `.mo` file is kept in git. The language is the `language` of `content/data/site.toml`
(Indonesian for FPII chapters); `NEWSROOM = {"MESSAGES_LANGUAGE": "en"}` or the environment
variable NEWSROOM_LANG=en gives English to a chapter that wants it.

`_("{what} is unknown", what=value)` translates first, then fills in the values with
str.format, so translators see whole sentences with named places.
"""

from __future__ import annotations

import io
import os
import tomllib
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

CATALOGS = Path(__file__).resolve().parent / "translations"
ENVIRONMENT = "NEWSROOM_LANG"
DEFAULT = "id"

_translations: NullTranslations = NullTranslations()
_language = "en"


@lru_cache(maxsize=8)
def _compiled(language: str, stamp: tuple) -> NullTranslations:
    files = sorted((CATALOGS / language / "LC_MESSAGES").glob("*.po"))
    if not files:
        return NullTranslations()
    merged = Catalog(locale=language)
    for path in files:
        with path.open("rb") as fh:
            for message in read_po(fh, locale=language):
                if message.id and message.string and not message.fuzzy:
                    merged[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, merged, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)


def use(language: str | None) -> str:
    """Speak `language` from now on (the environment variable NEWSROOM_LANG wins); return it."""
    global _translations, _language
    chosen = (os.environ.get(ENVIRONMENT) or language or DEFAULT).split("_")[0].lower()
    folder = CATALOGS / chosen / "LC_MESSAGES"
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.po"))) if folder.is_dir() else ()
    _translations = _compiled(chosen, stamp) if stamp else NullTranslations()
    _language = chosen
    return chosen


def language_of(content: str | os.PathLike, data_path: str = "data") -> str | None:
    """The `language` of a newsroom's site.toml, or None when it cannot be read."""
    try:
        with (Path(content) / data_path / "site.toml").open("rb") as fh:
            return tomllib.load(fh).get("site", {}).get("language")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None


def current() -> str:
    return _language


def _(message: str, /, **values) -> str:
    text = _translations.gettext(message)
    return text.format(**values) if values else text


def n_(singular: str, plural: str, count: int, /, **values) -> str:
    text = _translations.ngettext(singular, plural, count)
    return text.format(count=count, **values)

"""i18n.Newstyle: the theme's gettext without Jinja's context wrappers gives Jinja's own strings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations
from jinja2 import DictLoader, Environment
from markupsafe import Markup

from newsroom import i18n

ROOT = Path(__file__).resolve().parents[3]

TEMPLATE = """{{ _("Share this story") }}|{{ _("Copy link") }}|{{ _("100%% local") }}|{{ _("Hi %(name)s", name=who) }}|\
{% trans name=who %}Stories by {{ name }}{% endtrans %}|\
{% trans count=n %}{{ count }} story{% pluralize %}{{ count }} stories{% endtrans %}|\
{% trans minutes=n %}{{ minutes }} minute read{% pluralize %}{{ minutes }} minutes read{% endtrans %}|\
{{ gettext("Copy link") }}|{{ ngettext("%(num)s item", "%(num)s items", n) }}|{{ _("<b>bold</b>") }}"""


def _translations() -> Translations:
    catalog = Catalog(locale="id")
    catalog.add("Share this story", "Bagikan berita ini")
    catalog.add("Hi %(name)s", "Hai %(name)s & <selamat>")
    catalog.add(("%(count)s story", "%(count)s stories"), ("%(count)s berita", "%(count)s berita"))
    catalog.add("100%% local", "100%% lokal")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def _render(fast: bool, **values) -> str:
    env = Environment(loader=DictLoader({"t.html": TEMPLATE}), autoescape=True, extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(_translations(), newstyle=True)
    if fast:
        env.globals.update(i18n.Newstyle(_translations()).callables())
    return env.get_template("t.html").render(**values)


@pytest.mark.parametrize("who, n", [("Ani", 1), ("<script>alert(1)</script>", 3), ("A & B \"q\"", 0), ("%(x)s", 2)])
def test_the_same_strings_as_jinjas_own(who, n):
    fast = _render(True, who=who, n=n)
    assert fast == _render(False, who=who, n=n)
    assert "<script>" not in fast and "Bagikan berita ini" in fast and "100% lokal" in fast


def test_a_translation_without_variables_is_made_once():
    newstyle = i18n.Newstyle(_translations())
    first = newstyle.gettext("Share this story")
    assert first == "Bagikan berita ini" and isinstance(first, Markup)
    assert newstyle.gettext("Share this story") is first
    assert newstyle.gettext("Hi %(name)s", name="<i>") == "Hai &lt;i&gt; & <selamat>"


def test_installed_only_where_every_template_escapes():
    for autoescape, ours in ((True, True), (False, False), (lambda name: True, False)):
        env = Environment(loader=DictLoader({}), autoescape=autoescape)
        i18n.install(env, str(ROOT / "theme"), "id")
        assert isinstance(getattr(env.globals["_"], "__self__", None), i18n.Newstyle) is ours
        rendered = env.from_string('{{ _("Share this story") }}|{{ _("Hi %(name)s", name="<i>") }}').render()
        assert rendered == ("Bagikan berita ini|Hi <i>" if autoescape is False else "Bagikan berita ini|Hi &lt;i&gt;")


def test_the_theme_never_switches_escaping_off():
    templates = list((ROOT / "theme" / "templates").rglob("*.html"))
    assert templates
    for path in templates:
        assert "autoescape" not in path.read_text(encoding="utf-8"), path

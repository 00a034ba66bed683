"""contextnames.py: a page is rendered with the names its templates can read, and the output is
the same as with the whole context. (Whole sites, rendered both ways, are compared in
tests/test_build_safety.py.)"""

from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment, pass_context

from newsroom import contextnames, fragments

TEMPLATES = {
    "base.html": ('{% import "macros.html" as m with context %}<title>{{ SITENAME }}</title>'
                  '{% block body %}{% endblock %}{% include "footer.html" %}'),
    "macros.html": "{% macro who(x) %}{{ x }} di {{ REGION_LABEL }}{% endmacro %}",
    "footer.html": "<footer>{{ FOOTER_TEXT }} {{ _('Beranda') }}</footer>",
    "article.html": ('{% extends "base.html" %}{% block body %}{% set local = 1 %}'
                     '{% for tag in article.tags %}{{ tag }}{% endfor %}{{ m.who(article.author) }}{{ local }}'
                     '{% cache "x", article.title %}{{ article.title }}{% endcache %}{% endblock %}'),
    "dynamic.html": "{% include which %}",
    "missing.html": '{% include "nowhere.html" %}{{ article }}',
}


def _env(**extra) -> Environment:
    env = Environment(loader=DictLoader({**TEMPLATES, **extra}), autoescape=True,
                      extensions=["jinja2.ext.i18n", fragments.FragmentCache])
    env.install_null_translations(newstyle=True)
    return env


def _context(**extra) -> dict:
    article = {"title": "Banjir <b>surut</b>", "tags": ["cuaca", "banjir"], "author": "Rina"}
    return {"SITENAME": "Portal", "REGION_LABEL": "Mataram", "FOOTER_TEXT": "Alamat", "SITEURL": "https://x",
            "article": article, "UNUSED_SETTING": "tidak dipakai", "articles": list(range(100)), **extra}


def test_the_names_are_those_of_the_page_and_every_template_it_reaches():
    names = contextnames.names(_env().get_template("article.html"))
    # the page, the template it extends, the macros it imports with context, the partial it includes
    assert {"article", "SITENAME", "REGION_LABEL", "FOOTER_TEXT"} <= set(names)
    assert {"UNUSED_SETTING", "articles", "local", "tag"}.isdisjoint(names)
    assert contextnames.ALWAYS <= set(names)  # read by generated code (fragments, i18n)
    assert list(names) == sorted(names)  # the same narrowed dictionary in every process


def test_a_narrowed_context_renders_the_same_page():
    template = _env().get_template("article.html")
    context = _context()
    narrowed = contextnames.narrowed(template, context)
    assert "UNUSED_SETTING" not in narrowed and narrowed["article"] is context["article"]
    assert template.render(narrowed) == template.render(context)
    assert "cuacabanjirRina di Mataram1" in template.render(narrowed)


@pytest.mark.parametrize("name", ["dynamic.html", "missing.html"])
def test_a_template_that_reaches_an_unknown_one_gets_the_whole_context(name):
    env = _env()
    assert contextnames.names(env.get_template(name)) is None
    context = _context(which="footer.html")
    assert contextnames.narrowed(env.get_template(name), context) is context


def test_a_function_handed_the_context_keeps_the_whole_context():
    @pass_context
    def setting(context, key):  # may read any name: nothing can be left out
        return context.get(key)

    env = _env(**{"page.html": "{{ 'UNUSED_SETTING'|setting }}"})
    env.filters["setting"] = setting
    template = env.get_template("page.html")
    assert contextnames.names(template) is None
    assert template.render(contextnames.narrowed(template, _context())) == "tidak dipakai"


def test_an_extension_that_may_read_any_name_keeps_the_whole_context():
    env = _env(**{"page.html": "{% debug %}"})
    env.add_extension("jinja2.ext.debug")  # prints the whole context
    template = env.get_template("page.html")
    assert contextnames.names(template) is None
    assert "UNUSED_SETTING" in template.render(contextnames.narrowed(template, _context()))


def test_jinja_own_context_functions_do_not_stop_the_narrowing():
    env = _env(**{"page.html": "{{ article.tags|map('upper')|join(',') }} {{ _('Beranda') }}"})
    template = env.get_template("page.html")
    assert contextnames.names(template) is not None
    assert template.render(contextnames.narrowed(template, _context())) == "CUACA,BANJIR Beranda"


def test_a_broken_template_is_left_to_the_render_to_report():
    env = _env(**{"broken.html": "{% if %}"})
    template = type("Stub", (), {"environment": env, "name": "broken.html"})()
    assert contextnames.names(template) is None


def test_a_template_from_a_string_or_a_stand_in_gets_the_whole_context():
    context = _context()
    assert contextnames.narrowed(Environment().from_string("{{ SITENAME }}"), context) is context
    assert contextnames.narrowed(object(), context) is context


def test_a_changed_template_is_analysed_again():
    env = _env(**{"page.html": "{{ FIRST }}"})
    assert "FIRST" in contextnames.names(env.get_template("page.html"))
    other = _env(**{"page.html": "{{ SECOND }}"})  # another build: a new environment, new source
    names = contextnames.names(other.get_template("page.html"))
    assert "SECOND" in names and "FIRST" not in names


@pytest.fixture
def fresh_process(monkeypatch):
    """contextnames as a new process finds it: nothing analysed, no cache file read yet."""
    for name, value in (("_parsed", {}), ("_kept", {}), ("_used", set()), ("_kept_from", None),
                        ("_kept_changed", False)):
        monkeypatch.setattr(contextnames, name, value)

    def restart():
        contextnames._parsed.clear()
        monkeypatch.setattr(contextnames, "_kept_from", None)

    return restart


def _counting_parses(monkeypatch) -> list[str]:
    parsed = []
    original = Environment.parse

    def parse(self, source, name=None, filename=None):
        parsed.append(name)
        return original(self, source, name, filename)

    monkeypatch.setattr(Environment, "parse", parse)
    return parsed


def test_the_analyses_are_kept_for_the_next_build(tmp_path, monkeypatch, fresh_process):
    contextnames.use_cache(tmp_path)
    first = contextnames.names(_env().get_template("article.html"))
    contextnames.save_cache()
    assert (tmp_path / contextnames.CACHE_FILE).is_file()

    fresh_process()  # the next build, in a new process
    parsed = _counting_parses(monkeypatch)
    contextnames.use_cache(tmp_path)
    assert contextnames.names(_env().get_template("article.html")) == first
    assert parsed == []  # nothing parsed: every analysis came from the cache

    fresh_process()  # an edited partial: that one only is parsed again, and its new names count
    contextnames.use_cache(tmp_path)
    edited = _env(**{"footer.html": "<footer>{{ FOOTER_TEXT }} {{ ADDRESS }}</footer>"})
    names = contextnames.names(edited.get_template("article.html"))
    assert parsed == ["footer.html"] and "ADDRESS" in names


def test_another_parser_is_not_given_an_analysis_made_by_another(tmp_path, fresh_process):
    contextnames.use_cache(tmp_path)
    assert "FIRST" in contextnames.names(_env(**{"page.html": "{{ FIRST }}"}).get_template("page.html"))
    contextnames.save_cache()
    fresh_process()
    contextnames.use_cache(tmp_path)
    # The same name and source, other delimiters: "{{ FIRST }}" is text there, no name is read.
    other = Environment(loader=DictLoader({"page.html": "{{ FIRST }}"}), autoescape=True,
                        variable_start_string="[[", variable_end_string="]]")
    assert "FIRST" not in contextnames.names(other.get_template("page.html"))


def test_a_damaged_cache_file_is_an_empty_cache(tmp_path, fresh_process):
    (tmp_path / contextnames.CACHE_FILE).write_bytes(b"not a pickle")
    contextnames.use_cache(tmp_path)
    assert "FIRST" in contextnames.names(_env(**{"page.html": "{{ FIRST }}"}).get_template("page.html"))
    contextnames.save_cache()  # replaced by a good one
    fresh_process()
    contextnames.use_cache(tmp_path)
    assert contextnames._kept

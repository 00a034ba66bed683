"""{% cache %} (fragments.py): a piece of a template rendered once per key, the same output as without it."""

from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment
from jinja2.exceptions import TemplateRuntimeError
from markupsafe import Markup

from newsroom import fragments

TEMPLATES = {
    "card.html": ('{% cache "card", item, level %}<h{{ level }}><a href="{{ SITEURL }}/{{ item.url }}">{{ item.title }}</a>'
                  '</h{{ level }}>{{ seen(item) }}{% endcache %}'),
    "plain.html": '<h{{ level }}><a href="{{ SITEURL }}/{{ item.url }}">{{ item.title }}</a></h{{ level }}>',
    "two.html": '{% cache "x" %}A{{ seen("a") }}{% endcache %}{% cache "x" %}B{{ seen("b") }}{% endcache %}',
    "listed.html": '{% cache [1, 2] %}{% endcache %}',
}


class Item:
    def __init__(self, url, title):
        self.url, self.title = url, title


@pytest.fixture
def env():
    environment = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    fragments.install(environment)
    fragments.install(environment)  # once is enough: a second install changes nothing
    return environment


def render(env, name, renders, **context):
    def seen(thing):
        renders.append(thing)
        return ""

    return env.get_template(name).render(seen=seen, **context)


def test_a_fragment_is_rendered_once_per_key_and_is_the_same_as_without_cache(env):
    renders = []
    a, b = Item("a/", "<A & B>"), Item("b/", "Judul")
    plain = env.get_template("plain.html")
    for item, level in [(a, 2), (a, 2), (b, 2), (a, 3), (a, 2)]:
        out = render(env, "card.html", renders, item=item, level=level, SITEURL="https://x.test")
        assert out == plain.render(item=item, level=level, SITEURL="https://x.test")
        assert "&lt;A &amp; B&gt;" in out or item is b  # escaped once, not twice
    assert renders == [a, b, a]  # (a, 2) came back from the cache twice


def test_the_site_url_is_part_of_every_key(env):
    """With RELATIVE_URLS, SITEURL differs from page to page: a fragment from another depth is not reused."""
    renders, item = [], Item("a/", "Judul")
    deep = render(env, "card.html", renders, item=item, level=2, SITEURL="../..")
    shallow = render(env, "card.html", renders, item=item, level=2, SITEURL=".")
    assert 'href="../../a/"' in deep and 'href="./a/"' in shallow and len(renders) == 2


def test_blocks_with_the_same_key_in_one_template_are_apart(env):
    renders = []
    assert render(env, "two.html", renders) == "AB" and renders == ["a", "b"]
    assert render(env, "two.html", renders) == "AB" and renders == ["a", "b"]


def test_a_new_environment_starts_empty(env):
    """Pelican makes new environments for every build: nothing of the last build's output is reused."""
    renders, item = [], Item("a/", "Lama")
    render(env, "card.html", renders, item=item, level=2, SITEURL="")
    fresh = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    fragments.install(fresh)
    item.title = "Baru"
    assert "Baru" in render(fresh, "card.html", renders, item=item, level=2, SITEURL="") and len(renders) == 2


def test_an_unhashable_key_is_a_theme_error(env):
    with pytest.raises(TemplateRuntimeError, match="listed.html line 1"):
        env.get_template("listed.html").render()


def test_the_store_stays_bounded(env, monkeypatch):
    monkeypatch.setattr(fragments, "LIMIT", 3)
    renders = []
    for n in range(10):
        render(env, "card.html", renders, item=Item(f"{n}/", "t"), level=2, SITEURL="")
    store = env.extensions[fragments.FragmentCache.identifier].fragments
    assert 1 <= len(store) <= 3 and len(renders) == 10
    assert all(isinstance(value, Markup) for value in store.values())

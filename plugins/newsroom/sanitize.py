"""Sanitize article HTML: everything committed is untrusted, reporters paste raw HTML from chats and the web.

The reader calls `clean_body` on the HTML that Markdown produced, before Pelican replaces its link
placeholders (`{filename}../x.md`, `{static}/images/a.jpg`, `{tag}x`, ...), which therefore pass as
relative URLs. (Header values, the Summary included, are plain text: the reader escapes them.)

nh3 (ammonia) does the actual cleaning: allowed elements and attributes, URL schemes, classes,
comments, and the elements that go together with their content. The custom code here does only what
nh3 cannot do:

* report what was removed, so a reporter learns why the photo or the video is missing. nh3 returns
  only the clean HTML, so the stdlib `HTMLParser` reads the input once and names, from the same tables,
  what is removed, in document order. Ordinary Markdown needs no report, so that scan only runs when
  a cheap comparison of nh3's input and output (tags and attribute names) shows a removal, or when
  an iframe or an image from another host was handled;
* keep ids, classes and `cite` by value prefix or scheme (footnote ids, `language-*` code classes),
  through nh3's `attribute_filter` hook;
* turn Markdown's table alignment (`style="text-align: left;"`) into classes, since no style survives;
* rewrite an allowed `<iframe>` (`EMBEDS`) into one responsive, sandboxed shape and drop any other,
  keeping the output valid HTML (an embed is never left inside a `<p>`);
* drop images from other hosts (a third-party request, and blocked by the CSP anyway);
* add `rel="noopener"` (and `nofollow` on request) to links to other hosts only;
* keep cleaning idempotent: put back the newline nh3's serializer loses at the start of a `<pre>`,
  drop the byte order marks its parser would drop from the start of the next input, and clean a second
  time when the first call removed something (see `_sanitize`).

The passes after nh3 work on nh3's own serialization, which is regular: lower-case names, every
attribute value double-quoted with `"`, `<` and `>` escaped, no comments. Regular expressions over it
are therefore exact. An ordinary article costs one nh3 call and a few `re` passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from .messages import _

__all__ = ["EMBEDS", "Embed", "clean_body", "frame_origins"]


# --- embeds ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Embed:
    """One provider whose player may be embedded with an `<iframe>`."""

    kind: str  # suffix of the wrapper class: embed-<kind>
    label: str  # how reporters know the provider, for the report
    title: str  # default iframe title (Indonesian, read by screen readers)
    origin: str  # where the iframe is loaded from after the rewrite; also the CSP frame-src
    hosts: frozenset[str]  # hosts accepted in the author's src
    path: re.Pattern[str]  # path accepted in the author's src (full match)


EMBEDS: tuple[Embed, ...] = (
    Embed("youtube", "YouTube", "Video YouTube", "https://www.youtube-nocookie.com",
          frozenset({"www.youtube.com", "youtube.com", "www.youtube-nocookie.com"}),
          re.compile(r"/embed/[A-Za-z0-9_-]+")),
    Embed("vimeo", "Vimeo", "Video Vimeo", "https://player.vimeo.com",
          frozenset({"player.vimeo.com"}), re.compile(r"/video/[0-9]+")),
    Embed("maps", "Google Maps", "Peta Google Maps", "https://www.google.com",
          frozenset({"www.google.com"}), re.compile(r"/maps/embed")),
    Embed("facebook", "Facebook video", "Video Facebook", "https://www.facebook.com",
          frozenset({"www.facebook.com"}), re.compile(r"/plugins/video\.php")),
)

def _embed_hint() -> str:
    return _(" (only {providers} and {last} can be embedded)",
             providers=", ".join(e.label for e in EMBEDS[:-1]), last=EMBEDS[-1].label)


def _player_hint() -> str:
    return _("; copy the code from the provider's Share > Embed")
_EMBED_ATTRS = (
    'loading="lazy" allow="accelerometer; encrypted-media; gyroscope; picture-in-picture; fullscreen" '
    'allowfullscreen referrerpolicy="strict-origin-when-cross-origin" '
    'sandbox="allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox"'
)


def frame_origins() -> list[str]:
    """The origins embeds are loaded from, sorted, for the CSP `frame-src`."""
    return sorted({e.origin for e in EMBEDS})


# --- URLs -----------------------------------------------------------------------------------------
_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
def _image_hint() -> str:
    return _("; put the photo in content/images/ and use {static}")  # no values: {static} is literal


def _normalize_url(url: str) -> str:
    """The URL as a browser reads it: trimmed, without tabs or newlines, backslashes as slashes."""
    return url.strip(_C0_AND_SPACE).translate(_TAB_NEWLINE).replace("\\", "/")


def _scheme(url: str) -> str | None:
    """Lower-case scheme of a normalized URL; None for relative URLs and Pelican placeholders."""
    match = _SCHEME.match(url)
    return match[1].lower() if match else None


def _host(url: str) -> str | None:
    """The host a browser contacts for a normalized http(s) or protocol-relative URL, else None.

    `https:cdn.example.com/x` counts as absolute too: browsers read it so on an http page.
    """
    scheme = _scheme(url)
    if scheme in ("http", "https"):
        rest = url[len(scheme) + 1:]
    elif url.startswith("//"):
        rest = url
    else:
        return None
    authority = re.split(r"[/?#]", rest.lstrip("/"), maxsplit=1)[0]
    try:
        return urlsplit("//" + authority).hostname or ""
    except ValueError:  # a broken IPv6 literal: still another host
        return authority.lower()


def _embed_for(src: str | None) -> tuple[Embed, str] | None:
    """The provider and the rewritten src of an allowed embed, or None."""
    if not src:
        return None
    url = _normalize_url(src)
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    for embed in EMBEDS:
        if host in embed.hosts and embed.path.fullmatch(parts.path):
            return embed, embed.origin + parts.path + (f"?{parts.query}" if parts.query else "")
    return None


def _iframe_problem(src: str | None) -> tuple[str, str]:
    """(report line, hint) for an iframe that is not an allowed embed."""
    url = _normalize_url(src or "")
    host = _host(url)
    provider = next((e for e in EMBEDS if host in e.hosts), None)
    if provider:  # say a page address pasted instead of the player's
        return _("<iframe> from {host} that is not a {provider} player", host=host, provider=provider.label), \
            _player_hint()
    if host:
        return _("<iframe> from {host}", host=host), _embed_hint()
    scheme = _scheme(url)
    if scheme:
        return _("<iframe> with a {scheme}: address", scheme=scheme), _embed_hint()
    return _("<iframe> without an address"), _embed_hint()


def _image_problem(src: str | None, site_host: str | None) -> tuple[str, str] | None:
    """(report line, hint) when an image cannot stay, or None for a local image or a placeholder."""
    if src is None:
        return _("<img> without a src"), ""
    url = _normalize_url(src)
    scheme = _scheme(url)
    if scheme and scheme not in ("http", "https"):
        return _("{scheme}: image", scheme=scheme), _image_hint() if scheme == "data" else ""
    host = _host(url)
    if host == "":
        return _("image with a broken address ({src})", src=src), ""
    if host is not None and host != site_host:
        return _("image from another site ({host})", host=host), _image_hint()
    return None


# --- policies -------------------------------------------------------------------------------------
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
                   "param", "source", "track", "wbr"})
# Removed together with their content: code, widgets, fallback text and tickers, never article text.
# (marquee also because, stripped with its text kept, it would leave a <p> inside a <p>.)
_DROP_CONTENT = frozenset({"script", "style", "template", "noscript", "object", "embed", "applet",
                           "textarea", "select", "button", "svg", "math", "title", "noembed", "noframes",
                           "audio", "video", "marquee"})
# Reported, like on* handlers, when removed from a kept element; other attributes go silently.
_REPORTED_ATTRS = frozenset({"style", "srcdoc", "formaction"})
_URL_NOUNS = {("a", "href"): "link", ("q", "cite"): "cite", ("blockquote", "cite"): "cite"}
_FOOTNOTE_ID = re.compile(r"fn(?:ref\d*)?:.+", re.S)
_ALIGNS = ("left", "center", "right")


@dataclass(frozen=True)
class _Policy:
    tags: frozenset[str]
    cleaner: nh3.Cleaner


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    """nh3 hook: the value checks nh3 has no option for."""
    if attr == "class" and tag == "code":
        return " ".join(c for c in value.split() if c.startswith("language-")) or None
    if attr == "id":
        return value if _FOOTNOTE_ID.fullmatch(value) else None
    if attr == "cite":
        scheme = _scheme(_normalize_url(value))
        return value if scheme is None or scheme in _SCHEMES else None
    return value


_BODY_TAGS = frozenset("""
    p br hr h1 h2 h3 h4 h5 h6 strong em b i u s del ins mark small sub sup code pre kbd samp var
    blockquote q cite abbr dfn a ul ol li dl dt dd table caption colgroup col thead tbody tfoot tr th td
    figure figcaption img div span details summary time iframe
""".split())
_BODY = _Policy(
    tags=_BODY_TAGS,
    cleaner=nh3.Cleaner(
        tags=set(_BODY_TAGS),
        clean_content_tags=set(_DROP_CONTENT),
        attributes={
            "*": set(),  # nh3 would otherwise allow lang and title everywhere
            "a": {"href", "title", "rel"},
            "img": {"src", "alt", "title", "width", "height"},
            "abbr": {"title"}, "dfn": {"title"},
            "ol": {"start", "reversed"},
            "th": {"colspan", "rowspan", "scope"}, "td": {"colspan", "rowspan"},
            "time": {"datetime"},
            "q": {"cite"}, "blockquote": {"cite"},
            "col": {"span"}, "colgroup": {"span"},
            "iframe": {"src", "title"},  # the rest of an embed is rebuilt by _place_embeds
            "sup": {"id"}, "li": {"id"},  # where Python-Markdown's footnotes put their ids
            "code": {"class"},
        },
        allowed_classes={
            "a": {"footnote-ref", "footnote-backref"},
            "div": {"footnote", "embed", *(f"embed-{e.kind}" for e in EMBEDS)},
            "th": {f"align-{a}" for a in _ALIGNS},
            "td": {f"align-{a}" for a in _ALIGNS},
        },
        attribute_filter=_attribute_filter,
        url_schemes=set(_SCHEMES),
        link_rel=None,
        strip_comments=True,
    ),
)



# --- report ---------------------------------------------------------------------------------------
class _Report:
    """Distinct removals in order of first appearance, each with a count."""

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str], int] = {}

    def add(self, what: str, hint: str = "") -> None:
        self._counts[what, hint] = self._counts.get((what, hint), 0) + 1

    def lines(self) -> list[str]:
        return [f"{what} ({n}×){hint}" if n > 1 else what + hint for (what, hint), n in self._counts.items()]


class _Scanner(HTMLParser):
    """Names, in document order, what nh3 and the passes after it remove from the input."""

    def __init__(self, policy: _Policy, site_host: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.report = _Report()
        self._policy = policy
        self._site_host = site_host
        self._dropping = 0  # depth inside elements removed with their content

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "image":  # the HTML parser in nh3 reads it as <img>
            tag = "img"
        if self._dropping:
            self._dropping += int(tag in _DROP_CONTENT and tag not in _VOID)
            return
        if tag in _DROP_CONTENT:
            self.report.add(_("<{tag}> element", tag=tag))
            self._dropping = int(tag not in _VOID)
            return
        values: dict[str, str | None] = {}
        for name, value in attrs:  # the first of duplicate attributes wins, as in browsers
            values.setdefault(name, value)
        if tag not in self._policy.tags:
            self.report.add(_("<{tag}> element", tag=tag) if tag in _VOID else _("<{tag}> tag, text kept", tag=tag))
            return
        if tag == "img":
            problem = _image_problem(values.get("src"), self._site_host)
            if problem:
                self.report.add(*problem)
                return
        elif tag == "iframe" and not _embed_for(values.get("src")):
            self.report.add(*_iframe_problem(values.get("src")))
            return
        for name in values:
            if name.startswith("on") or (name in _REPORTED_ATTRS and (tag, name) != ("iframe", "style")):
                self.report.add(_("{name} attribute on <{tag}>", name=name, tag=tag))
        self._check_urls(tag, values)

    def handle_endtag(self, tag: str) -> None:
        if self._dropping and tag in _DROP_CONTENT:
            self._dropping -= 1

    def _check_urls(self, tag: str, values: dict[str, str | None]) -> None:
        for name, value in values.items():
            noun = _URL_NOUNS.get((tag, name))
            if noun and value:
                scheme = _scheme(_normalize_url(value))
                if scheme and scheme not in _SCHEMES:
                    self.report.add(_("{scheme}: link", scheme=scheme) if noun == "link"
                                    else _("{scheme}: quotation source", scheme=scheme))


def _scan(text: str, policy: _Policy, site_host: str | None) -> list[str]:
    scanner = _Scanner(policy, site_host)
    scanner.feed(text)
    scanner.close()
    return scanner.report.lines()


# --- passes over nh3's output -----------------------------------------------------------------------
_ATTR = re.compile(r'([a-z][a-z0-9-]*)="([^"]*)"')
# An embed wrapper from an earlier pass (or the author), a bare iframe (its raw text content up to the
# first </iframe>, as browsers read it), or any other tag.
_EMBED_TOKEN = re.compile(
    r'<div class="embed[^"]*">\s*(<iframe[^<>]*>)(?>.*?</iframe>)\s*</div>'
    r"|(<iframe[^<>]*>)(?>.*?</iframe>)"
    r"|<(/?)([a-z][a-z0-9]*)[^<>]*>",
    re.S,
)
# Elements that may contain a <div>: an embed is moved out of the elements opened inside the innermost one.
_FLOW = frozenset({"div", "li", "dd", "dt", "td", "th", "blockquote", "figure", "figcaption", "details",
                   "caption"})
_LINK_OR_IMAGE = re.compile(r"<(a|img)( [^<>]*)?>")
_EMPTY_P = re.compile(r"<p>\s*</p>")
_REL_ORDER = ("nofollow", "sponsored", "ugc", "noopener", "noreferrer")


def _attrs(tag_text: str) -> dict[str, str]:
    """Attributes of one tag in nh3's serialization, unescaped."""
    return {name: unescape(value) for name, value in _ATTR.findall(tag_text)}


def _embed_markup(iframe_tag: str) -> str | None:
    """The single shape of an allowed embed, or None when the iframe must go."""
    attrs = _attrs(iframe_tag[len("<iframe"):-1])
    found = _embed_for(attrs.get("src"))
    if not found:
        return None
    embed, src = found
    title = " ".join(attrs.get("title", "").split()) or embed.title
    return (f'<div class="embed embed-{embed.kind}"><iframe src="{escape(src)}" '
            f'title="{escape(title)}" {_EMBED_ATTRS}></iframe></div>')


@dataclass
class _Open:
    name: str
    tag: str
    index: int  # position of the start tag in the output pieces
    reopened: bool  # reopened after an embed: dropped if nothing follows


def _place_embeds(text: str) -> str:
    """Rewrite allowed iframes into the embed shape, drop the others, move embeds out of phrasing."""
    out: list[str] = []
    stack: list[_Open] = []

    def close(entry: _Open, drop_if_empty: bool) -> None:
        if drop_if_empty and not "".join(out[entry.index + 1:]).strip():
            del out[entry.index:]
        else:
            out.append(f"</{entry.name}>")

    pos = 0
    for match in _EMBED_TOKEN.finditer(text):
        out.append(text[pos:match.start()])
        pos = match.end()
        iframe = match[1] or match[2]
        if iframe:
            markup = _embed_markup(iframe)
            if markup:
                split = max((i + 1 for i, e in enumerate(stack) if e.name in _FLOW), default=0)
                moved = stack[split:]
                del stack[split:]
                for entry in reversed(moved):
                    close(entry, drop_if_empty=True)
                out.append(markup)
                for entry in moved:
                    stack.append(_Open(entry.name, entry.tag, len(out), reopened=True))
                    out.append(entry.tag)
        elif match[3]:
            entry = stack.pop()
            close(entry, drop_if_empty=entry.reopened)
        elif match[4] in _VOID:
            out.append(match[0])
        else:
            stack.append(_Open(match[4], match[0], len(out), reopened=False))
            out.append(match[0])
    out.append(text[pos:])
    return "".join(out)


def _fix_links_and_images(text: str, site_host: str | None, nofollow: bool) -> tuple[str, bool]:
    """Drop images that cannot stay; give links to other hosts their rel, keep only known rel values.

    Returns the HTML and whether an image was dropped.
    """
    removed = False

    def rewrite(match: re.Match[str]) -> str:
        nonlocal removed
        pairs = _ATTR.findall(match[2] or "")
        attrs = {name: unescape(value) for name, value in pairs}
        if match[1] == "img":
            if _image_problem(attrs.get("src"), site_host):
                removed = True
                return ""
            return match[0]
        rel = set(attrs.get("rel", "").lower().split())
        href = attrs.get("href")
        host = _host(_normalize_url(href)) if href is not None else None
        if host is not None and host != site_host:
            rel.add("noopener")
            if nofollow:
                rel.add("nofollow")
        kept = [f'{name}="{value}"' for name, value in pairs if name != "rel"]
        if rel_text := " ".join(r for r in _REL_ORDER if r in rel):
            kept.append(f'rel="{rel_text}"')
        return f"<a {' '.join(kept)}>" if kept else "<a>"

    text = _LINK_OR_IMAGE.sub(rewrite, text)
    return (_EMPTY_P.sub("", text), True) if removed else (text, False)


# A start tag in the plain form Python-Markdown and nh3 write, or any other "<" + letter.
_PLAIN_TAG = re.compile(r'<([a-z][a-z0-9]*)((?: [a-z][a-z0-9-]*="[^"<>]*")*)>|<[a-zA-Z]')
_VALUE = re.compile(r'="[^"]*"')


def _tag_signature(text: str) -> str | None:
    """Start tags and their attribute names in order; None if a tag is not in the plain form.

    nh3 only ever removes elements and attributes, so when the input and nh3's output have the same
    signature nh3 removed nothing the scan would report, and the (costlier) scan can be skipped.
    """
    found = _PLAIN_TAG.findall(text)
    if ("", "") in found:
        return None
    return _VALUE.sub("", "<".join(name + attrs for name, attrs in found))


def _nh3(policy: _Policy, text: str) -> str:
    text = policy.cleaner.clean(text)
    if "<pre>\n" in text:  # nh3's serializer drops the newline that protects a leading one in <pre>
        text = text.replace("<pre>\n", "<pre>\n\n")
    return text


def _sanitize(policy: _Policy, html: str) -> tuple[str, bool]:
    """nh3's output, and whether nh3 removed nothing (so the report scan can be skipped).

    When nh3 removed something, the output is cleaned once more: a stripped element (the <form> in
    `<li><form><li>`, the <font> in `<h1><font><h2>`) can leave a tree that the HTML parser builds
    differently when it reads the output again, and cleaning must be idempotent.
    """
    text = _nh3(policy, html)
    signature = _tag_signature(html)
    if signature is not None and signature == _tag_signature(text):
        return text, True
    return _nh3(policy, text), False


# --- public API -----------------------------------------------------------------------------------
_BOM = "\ufeff"  # nh3's parser drops it from the start of its input: never start the output with one
_TABLE_ALIGN = re.compile(r'(<t[hd]\b[^<>]*?) style="text-align: (left|center|right);"')


def clean_body(html: str, *, site_url: str = "", nofollow: bool = False) -> tuple[str, list[str]]:
    """Clean an article body; return the HTML and what was removed (empty for ordinary Markdown).

    site_url decides which images may stay and which links get rel; "" means every absolute URL is
    on another host. nofollow adds rel="nofollow" to links to other hosts.
    """
    if 'style="text-align: ' in html:
        html = _TABLE_ALIGN.sub(r'\1 class="align-\2"', html)
    site_host = _host(_normalize_url(site_url))
    text, plain = _sanitize(_BODY, html)
    if "<iframe" in text:  # every iframe is rebuilt or dropped: only the scan can tell which
        text = _place_embeds(text)
        plain = False
    if "<a " in text or "<img" in text:
        text, dropped_image = _fix_links_and_images(text, site_host, nofollow)
        plain = plain and not dropped_image
    return text.lstrip(_BOM), [] if plain else _scan(html, _BODY, site_host)


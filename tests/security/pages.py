"""Checks over built pages and feeds, shared by the security tests (plain functions returning problems)."""

from __future__ import annotations

from tests.helpers import jsonld, jsonld_nodes  # noqa: F401 (used by the security tests)

import re
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

# Where the allowed embeds are loaded from (the CSP frame-src): YouTube (rewritten to the
# no-cookie host), Vimeo's player, Google Maps, Facebook's video plugin.
EMBED_ORIGINS = {
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://www.google.com",
    "https://www.facebook.com",
}
URL_ATTRS = ("href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "cite")
ACTIVE_TAGS = ("object", "embed", "applet", "base", "frame", "frameset", "portal")


def parse_html(text: str) -> LexborHTMLParser:
    return LexborHTMLParser(text)


def read_page(out: Path, path: str) -> LexborHTMLParser:
    target = out / path if path.endswith(".html") else out / path / "index.html"
    assert target.is_file(), f"/{path} was not built ({target})"
    return parse_html(target.read_text(encoding="utf-8"))


def normalise(text: str) -> str:
    return " ".join((text or "").replace("\u00a0", " ").split())


def _scheme(url: str) -> str:
    cleaned = re.sub(r"[\x00-\x20]", "", url or "").lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return match[1] if match else ""


def host_of(url: str) -> str | None:
    url = (url or "").strip()
    if url.startswith("//"):
        url = "https:" + url
    if _scheme(url) not in ("http", "https"):
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return "?"


def active_markup(tree, site_host: str = "127.0.0.1") -> list[str]:
    """Markup that would run, load or send something on its own: what hostile text must never become.

    Scripts other than the site's own files and JSON-LD, on* handlers, javascript:/vbscript:/data:
    URLs in links and sources, style attributes, frames other than the allowed embeds, plugins,
    <base>, refresh, and images from other hosts.
    """
    problems = []
    for node in tree.css("*"):
        tag = node.tag
        attrs = node.attributes
        for name, value in attrs.items():
            lname = name.lower()
            if lname.startswith("on"):
                problems.append(f"<{tag} {name}={value!r}>: event handler attribute")
            if lname == "style":
                problems.append(f"<{tag} style={value!r}>: style attribute")
            if lname == "srcdoc":
                problems.append(f"<{tag} srcdoc>: inline frame document")
            if lname in URL_ATTRS and _scheme(value or "") in ("javascript", "vbscript", "livescript"):
                problems.append(f"<{tag} {name}={value!r}>: script URL")
            if lname in ("src", "data", "action", "formaction") and _scheme(value or "") == "data" and tag != "img":
                problems.append(f"<{tag} {name}=data:...>: data URL")
        if tag == "script":
            kind = (attrs.get("type") or "").lower()
            src = attrs.get("src")
            if kind == "application/ld+json" and not src:
                continue
            if not src:
                problems.append(f"inline <script>: {normalise(node.text(deep=True))[:80]!r}")
            elif host_of(src) not in (None, site_host):
                problems.append(f"<script src={src!r}>: script from another host")
        elif tag == "iframe":
            src = attrs.get("src") or ""
            origin = f"{urlsplit(src).scheme}://{urlsplit(src).netloc}" if host_of(src) else ""
            if origin not in EMBED_ORIGINS:
                problems.append(f"<iframe src={src!r}>: frame that is not an allowed embed")
        elif tag in ACTIVE_TAGS:
            problems.append(f"<{tag}>: element that loads or redirects")
        elif tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            problems.append(f"<meta http-equiv=refresh content={attrs.get('content')!r}>")
        elif tag == "img":
            for value in [attrs.get("src") or "", *re.split(r",\s+", attrs.get("srcset") or "")]:
                url = value.split()[0] if value.split() else ""
                if host_of(url) not in (None, site_host):
                    problems.append(f"<img src={url!r}>: image from another host")
        elif tag == "link":
            rels = (attrs.get("rel") or "").lower().split()
            href = attrs.get("href") or ""
            if {"stylesheet", "preload", "modulepreload", "import"} & set(rels) and host_of(href) not in (None, site_host):
                problems.append(f"<link rel={attrs.get('rel')!r} href={href!r}>: resource from another host")
        elif tag == "style":
            if re.search(r"url\(|@import", node.text(deep=True) or "", re.I):
                problems.append("<style> that loads a URL")
    return problems


def types(node: dict) -> set[str]:
    value = node.get("@type", [])
    return {value} if isinstance(value, str) else set(value)


def csp_directives(policy: str) -> dict[str, list[str]]:
    """A policy as {directive: [sources]} (the first of a repeated directive wins, as in browsers)."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens:
            directives.setdefault(tokens[0].lower(), tokens[1:])
    return directives


def csp_problems(policy: str, where: str, meta: bool = True) -> list[str]:
    """What the hardening contract asks of the Content Security Policy."""
    d = csp_directives(policy)
    problems = []
    sources = [s.lower() for values in d.values() for s in values]
    if "'unsafe-inline'" in sources:
        problems.append(f"{where}: the policy allows 'unsafe-inline'")
    if "'unsafe-eval'" in sources:
        problems.append(f"{where}: the policy allows 'unsafe-eval'")
    if sorted(d.get("script-src", [])) != sorted(["'self'", "'wasm-unsafe-eval'"]):
        problems.append(f"{where}: script-src is {d.get('script-src')}, want 'self' 'wasm-unsafe-eval'")
    for name, want in (("object-src", ["'none'"]), ("base-uri", ["'self'"]), ("form-action", ["'self'"])):
        if d.get(name) != want:
            problems.append(f"{where}: {name} is {d.get(name)}, want {' '.join(want)}")
    frames = set(d.get("frame-src", []))
    if frames != EMBED_ORIGINS:
        problems.append(f"{where}: frame-src is {sorted(frames)}, want exactly the embed hosts {sorted(EMBED_ORIGINS)}")
    if meta and "frame-ancestors" in d:
        problems.append(f"{where}: frame-ancestors in a <meta> policy (ignored by browsers; it belongs in _headers)")
    return problems


def parse_headers_file(text: str) -> dict[str, dict[str, str]]:
    """A Netlify / Cloudflare Pages `_headers` file: {path pattern: {lower-case header: value}}."""
    blocks: dict[str, dict[str, str]] = {}
    current = None
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw[0].isspace():
            current = blocks.setdefault(raw.strip(), {})
        elif current is not None and ":" in raw:
            name, _, value = raw.strip().partition(":")
            current[name.strip().lower()] = value.strip()
    return blocks

"""The site's Content Security Policy and security headers, from one place.

Every page carries the policy as `<meta http-equiv="Content-Security-Policy">` (it works on any
static host); hosts that read a `_headers` file (Netlify, Cloudflare Pages) also send it as a real
header, with what only a header can say (`frame-ancestors`, HSTS, `nosniff`). Scripts and styles
come from the site only: no inline script, no style attribute, no `unsafe-inline`/`unsafe-eval`.
Pagefind's search runs WebAssembly, which needs `'wasm-unsafe-eval'` (WebAssembly compilation
only, not JavaScript eval). Frames are limited to the embed allowlist of the body sanitiser.
"""

from __future__ import annotations

from pathlib import Path

from .sanitize import frame_origins

REFERRER_POLICY = "strict-origin-when-cross-origin"


def policy(*, header: bool = False) -> str:
    directives = [
        ("default-src", "'self'"),
        ("script-src", "'self' 'wasm-unsafe-eval'"),
        ("style-src", "'self'"),
        ("img-src", "'self' data:"),
        ("font-src", "'self'"),
        ("connect-src", "'self'"),
        ("media-src", "'self'"),
        ("manifest-src", "'self'"),
        ("worker-src", "'self'"),
        ("frame-src", " ".join(frame_origins())),
        ("object-src", "'none'"),
        ("base-uri", "'self'"),
        ("form-action", "'self'"),
    ]
    if header:
        # Only honoured as an HTTP header; a <meta> policy must not carry it.
        directives.append(("frame-ancestors", "'self'"))
    return "; ".join(f"{name} {value}" for name, value in directives)


def headers_file() -> str:
    """A `_headers` file (Netlify / Cloudflare Pages format) for every path of the site."""
    lines = [
        "/*",
        f"  Content-Security-Policy: {policy(header=True)}",
        "  Strict-Transport-Security: max-age=31536000; includeSubDomains",
        "  X-Content-Type-Options: nosniff",
        f"  Referrer-Policy: {REFERRER_POLICY}",
        "  X-Frame-Options: SAMEORIGIN",
        "  Permissions-Policy: camera=(), microphone=(), geolocation=()",
        "",
    ]
    return "\n".join(lines)


def write_headers_file(output_path: Path, name: str) -> None:
    target = Path(output_path) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(headers_file(), encoding="utf-8")

"""Quality checks that need a human or take long: Lighthouse scores and screenshots.

    python tools/qa.py lighthouse            # home + newest article, mobile; exit 1 under the bar
    python tools/qa.py screenshots [--out D] # home + newest article at 390 and 1366 px

Both build the site with publishconf.py and SITEURL pointing at a local http.server (with the
production SITEURL the pages would load their CSS from a host this machine cannot reach).
Needs `npm ci` (lighthouse) and Debian's chromium (CHROMIUM overrides /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers import build_site
from tests.quality.checks import CHROMIUM, CHROMIUM_ARGS, newest_article, serve_dir, settle

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MINIMUM = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def built_and_served(workdir: Path):
    """Build the publish site for a local server in workdir, serve it; yield (base_url, out_dir)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    out = workdir / "site"
    build_site("publishconf.py", out, SITEURL=base, FEED_DOMAIN=base)
    with serve_dir(out, port) as served:
        yield served, out


def lighthouse_scores(url: str, workdir: Path) -> tuple[dict[str, int], Path]:
    """Run Lighthouse (mobile, the default) on one URL; return the category scores and the JSON report."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        sys.exit(f"{binary} is missing: run `npm ci` first")
    report = Path(tempfile.mkdtemp(prefix="report-", dir=workdir)) / "lighthouse.json"
    profile = tempfile.mkdtemp(prefix="chrome-", dir=workdir)
    flags = " ".join(["--headless", *CHROMIUM_ARGS, f"--user-data-dir={profile}"])
    cmd = [
        str(binary),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--chrome-flags={flags}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    proc = subprocess.run(
        cmd, check=False, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True
    )
    if proc.returncode != 0 or not report.exists():
        sys.exit(f"lighthouse failed on {url} (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    result = json.loads(report.read_text(encoding="utf-8"))
    return {c: round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES}, report


def lighthouse(args) -> int:
    rows, failed = [], False
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp, built_and_served(Path(tmp)) as (base, out):
        for name, path in {"home": "", "article": newest_article(out)}.items():
            scores, report = lighthouse_scores(f"{base}/{path}", Path(tmp))
            low = [c for c in CATEGORIES if scores[c] < MINIMUM[c]]
            failed |= bool(low)
            rows.append((name, f"/{path}", scores, low))
            if args.keep:
                Path(args.keep).mkdir(parents=True, exist_ok=True)
                (Path(args.keep) / f"{name}.json").write_bytes(report.read_bytes())
    print(f"{'page':<9} {'performance':>12} {'accessibility':>14} {'best-practices':>15} {'seo':>5}  path")
    for name, path, scores, low in rows:
        cells = [f"{scores[c]}{'!' if c in low else ''}" for c in CATEGORIES]
        print(f"{name:<9} {cells[0]:>12} {cells[1]:>14} {cells[2]:>15} {cells[3]:>5}  {path}")
    print(f"bar: performance >= {MINIMUM['performance']}, every other category = 100 ('!': under the bar)")
    return 1 if failed else 0


def screenshots(args) -> int:
    from playwright.sync_api import sync_playwright

    folder = Path(args.out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="screenshots-") as tmp,
        built_and_served(Path(tmp)) as (base, out),
    ):
        pages = {"home": "", "article": newest_article(out)}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for width in (390, 1366):
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(f"{base}/{path}", wait_until="networkidle")
                    settle(page)
                    target = folder / f"{name}-{width}.png"
                    page.screenshot(path=target, full_page=True)
                    print(target)
                context.close()
            browser.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/qa.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    lh = sub.add_parser("lighthouse", help="Lighthouse (mobile) on the home page and the newest article")
    lh.add_argument("--keep", metavar="DIR", help="also copy the JSON reports into DIR")
    lh.set_defaults(run=lighthouse)
    shots = sub.add_parser(
        "screenshots", help="full-page screenshots of home and newest article, 390 and 1366 px"
    )
    shots.add_argument(
        "--out", default="qa-screenshots", help="folder for the PNG files (default: qa-screenshots)"
    )
    shots.set_defaults(run=screenshots)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

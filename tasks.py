"""Tasks for reporters, editors and CI: `invoke --list` shows them all.

Every task runs Pelican itself; none adds a step that a plain `pelican content -s publishconf.py`
would miss (photos, region pages, sitemap and checks all run inside the Pelican build).
"""

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

CONFIG = {
    "content": "content",
    "output": "output",
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "host": "127.0.0.1",
    "port": 8000,
}


def pelican(c, *args):
    return c.run(shlex.join([sys.executable, "-m", "pelican", CONFIG["content"], *args]), pty=False)


@task
def clean(c):
    """Remove the generated site."""
    if os.path.isdir(CONFIG["output"]):
        shutil.rmtree(CONFIG["output"])


@task
def build(c):
    """Build the development site (drafts and embargoed stories visible, marked)."""
    pelican(c, "-s", CONFIG["settings_base"])


@task(clean, build)
def rebuild(c):
    """Clean, then build."""


@task
def regenerate(c):
    """Rebuild whenever content, theme or plugins change."""
    pelican(c, "-r", "-s", CONFIG["settings_base"])


@task
def serve(c, port=None):
    """Serve output/ at http://127.0.0.1:8000 (build first)."""
    pelican(c, "-l", "-s", CONFIG["settings_base"], "-b", CONFIG["host"], "-p", str(port or CONFIG["port"]))


@task
def reserve(c):
    """Build, then serve."""
    build(c)
    serve(c)


@task
def preview(c):
    """Build the production site (exactly what will be published) into output/."""
    pelican(c, "-s", CONFIG["settings_publish"])


@task
def livereload(c, port=None):
    """Editors' preview: build, serve, and reload the browser whenever anything changes."""
    from livereload import Server

    def rebuild_site():
        pelican(c, "-s", CONFIG["settings_base"])

    rebuild_site()
    server = Server()
    for pattern in ("pelicanconf.py", f"{CONFIG['content']}/**/*", "theme/**/*", "plugins/**/*.py"):
        server.watch(pattern, rebuild_site)
    server.serve(host=CONFIG["host"], port=int(port or CONFIG["port"]), root=CONFIG["output"])


@task(help={"content": "content folder to check (default: content/)"})
def check(c, settings=None, content=None):
    """Check every article and page without building; list every problem; exit 1 if any."""
    from newsroom.check import check as run_check

    override = {"PATH": str(Path(content).resolve())} if content else {}
    code = run_check(str(ROOT / (settings or CONFIG["settings_publish"])), override=override)
    if code:
        sys.exit(code)


@task
def publish(c):
    """Build the production site; CI deploys output/ to static hosting."""
    pelican(c, "-s", CONFIG["settings_publish"])


@task(help={"title": "Headline of the story", "region": "Region (name, slug or alias)",
            "author": "Reporter (name or slug)", "category": "Rubric (name or slug)"})
def new(c, title, region="", author="", category=""):
    """Start a new article: content/berita/YYYY/MM/<slug>.md with the full header to fill in."""
    from newsroom.scaffold import new_article

    path = new_article(ROOT / CONFIG["content"], title=title, region=region, author=author, category=category)
    print(f"Created {path.relative_to(ROOT)} (Status: draft). Fill in the header, write, then `invoke check`.")


@task
def test(c, args=""):
    """Run the whole test suite (as CI does)."""
    c.run(f"{sys.executable} -m pytest -n 2 {args}", pty=False)


@task(help={"articles": "number of synthetic articles", "runs": "builds per configuration (median reported)"})
def bench(c, articles=2000, runs=3):
    """Benchmark a build of N synthetic articles against plain Pelican; prints figures and ratios."""
    c.run(f"{sys.executable} tools/bench.py --articles {int(articles)} --runs {int(runs)}", pty=False)


@task
def translations(c):
    """Extract UI strings from the theme and update the catalogs (theme/translations/)."""
    c.run(f"{sys.executable} -m babel.messages.frontend extract -F theme/babel.cfg -o theme/translations/messages.pot theme")
    c.run(f"{sys.executable} -m babel.messages.frontend update -i theme/translations/messages.pot -d theme/translations")


@task
def lighthouse(c):
    """Lighthouse (mobile) on the home page and an article page of the sample site."""
    c.run(f"{sys.executable} tools/qa.py lighthouse", pty=False)


@task
def screenshots(c, out="qa-screenshots"):
    """Screenshots of home and an article at 390 and 1366 px into qa-screenshots/."""
    c.run(f"{sys.executable} tools/qa.py screenshots --out {shlex.quote(out)}", pty=False)

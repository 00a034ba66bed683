"""Tasks for reporters, editors and CI: `invoke --list` shows them all.

Every task runs Pelican itself; none adds a step that a plain `pelican content -s publishconf.py`
would miss (photos, region pages, sitemap and checks all run inside the Pelican build).
"""

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

DEPLOY_TARGET_VARIABLE = "FPII_DEPLOY_TARGET"
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
    """Build the production site (exactly what will be published) into output/.

    A failed or interrupted build leaves output/ as it was (publishconf.py: ATOMIC_OUTPUT).
    """
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


def checked_build(c):
    """What every deploy runs first: `invoke check`, then the strict production build (atomic:
    output/ changes only when the whole build succeeded). Stops, deploying nothing, if either fails."""
    from newsroom.check import check as run_check

    if run_check(str(ROOT / CONFIG["settings_publish"])):
        raise Exit("Nothing deployed: the content has problems (listed above). Fix them, then try again.",
                   code=1)
    command = shlex.join([sys.executable, "-m", "pelican", CONFIG["content"],
                          "-s", CONFIG["settings_publish"]])
    result = c.run(command, pty=False, warn=True)
    if not result.ok:
        raise Exit(f"Nothing deployed: the production build failed (exit status {result.exited}); "
                   f"{CONFIG['output']}/ is left as it was.", code=result.exited or 1)
    if not (Path(CONFIG["output"]) / "index.html").is_file():
        raise Exit(f"Nothing deployed: the build finished but {CONFIG['output']}/index.html is missing.",
                   code=1)


@task(help={"target": "rsync destination, e.g. deploy@host:/var/www/ntb/ (default: $FPII_DEPLOY_TARGET)",
            "dry_run": "show what rsync would change, change nothing"})
def publish(c, target=None, dry_run=False):
    """Check, build the production site, then copy output/ to the server with rsync.

    The destination is --target or $FPII_DEPLOY_TARGET (user@host:/path/); without one, nothing
    is built or deployed. A content problem or a failed build deploys nothing.
    """
    destination = target or os.environ.get(DEPLOY_TARGET_VARIABLE, "")
    if not destination.strip():
        raise Exit(f"Nothing deployed: no target. Set {DEPLOY_TARGET_VARIABLE}=user@host:/path/ "
                   "or pass --target user@host:/path/.", code=2)
    if not shutil.which("rsync"):
        raise Exit("Nothing deployed: rsync is not installed (apt-get install rsync).", code=2)
    checked_build(c)
    # --checksum: reproducible builds leave unchanged files byte-identical, so only real changes travel;
    # --delay-updates: changed files appear on the server together, at the end of the transfer.
    options = ["-rlptz", "--checksum", "--delete", "--delay-updates"]
    if dry_run:
        options += ["--dry-run", "-v"]
    c.run(shlex.join(["rsync", *options, f"{CONFIG['output']}/", destination]), pty=False)


@task(help={"remote": "git remote to push to (default: origin)",
            "branch": "branch to publish on (default: gh-pages)",
            "cname": "domain for GitHub Pages' CNAME file (default: the host of SITEURL in publishconf.py; "
                     "'none' for no CNAME)"})
def gh_pages(c, remote="origin", branch="gh-pages", cname=None):
    """Check, build the production site, then commit output/ to gh-pages and push (ghp-import -n -p -f).

    The branch is replaced by the new site (force push), with .nojekyll and a CNAME file. A
    content problem or a failed build publishes nothing.
    """
    from ghp_import import GhpError, ghp_import

    if cname is None:
        cname = site_host()
    elif cname.lower() == "none":
        cname = None
    checked_build(c)
    commit = c.run("git rev-parse --short HEAD", hide=True, warn=True, pty=False)
    message = f"Publish the site built from {commit.stdout.strip()}" if commit.ok else "Publish the site"
    try:
        ghp_import(CONFIG["output"], mesg=message, remote=remote, branch=branch, push=True, force=True,
                   nojekyll=True, cname=cname)
    except GhpError as exc:
        raise Exit(f"The site was built but not published: ghp-import failed: {exc}", code=1) from None


def site_host():
    """The host of the production SITEURL, for GitHub Pages' CNAME file (none for *.github.io)."""
    from urllib.parse import urlparse

    from pelican.settings import read_settings

    host = urlparse(read_settings(str(ROOT / CONFIG["settings_publish"]))["SITEURL"]).hostname
    return None if not host or host.endswith(".github.io") else host


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

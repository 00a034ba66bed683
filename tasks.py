"""Tasks for reporters, editors and CI: `invoke --list` shows them all.

Every task runs Pelican itself; none adds a step that a plain `pelican content -s publishconf.py`
would miss (photos, region pages, sitemap and checks all run inside the Pelican build).

What the tasks say (their help in `invoke --list` and `invoke --help TASK`, and every message they
print) is in the newsroom's language: the `language` of content/data/site.toml (Indonesian), or
English with NEWSROOM_LANG=en. The texts are English ids in `_()` (plugins/newsroom/messages.py),
translated in plugins/newsroom/translations/<language>/LC_MESSAGES/tasks.po; declare a task with
`@localized(_("What it does."), help={"option": _("what it means")})` instead of `@task`, so its
help is translated when this file is loaded.
"""

import json
import os
import shlex
import shutil
import subprocess
import sys
import textwrap
from collections import Counter, defaultdict
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from newsroom import messages  # noqa: E402
from newsroom.messages import _  # noqa: E402

messages.use(messages.language_of(ROOT / "content"))

DEPLOY_TARGET_VARIABLE = "FPII_DEPLOY_TARGET"
CONFIG = {
    "content": "content",
    "output": "output",
    # `invoke preview` builds here: the published site with local addresses, never deployed.
    "preview_output": "output-preview",
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "host": "127.0.0.1",
    "port": 8000,
}
PLUGIN_CATALOGUES = "plugins/newsroom/translations"


def _examples() -> dict:
    """The chapter's own words for the help's examples: a region as reporters type it, a rubric and
    what the newsroom calls its clock (content/data; plain fallbacks while the data is broken)."""
    import tomllib

    data = ROOT / CONFIG["content"] / "data"

    def load(name):
        try:
            return tomllib.loads((data / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    regions = load("regions.toml").get("region", [])
    region = next((r["aliases"][0] for r in regions if r.get("aliases")), regions[0].get("name", "") if regions else "")
    rubrics = load("categories.toml").get("category", [])
    site = load("site.toml").get("site", {})
    return {"region": region or "Kota", "rubric": (rubrics[0].get("name", "") if rubrics else "") or "Berita",
            "zone": site.get("timezone_abbr") or site.get("timezone") or "UTC"}


EXAMPLES = _examples()


def localized(doc: str, *pre, help: dict | None = None, **options):
    """`@task`, with the docstring and the options' help given as already translated text.

    The first paragraph of `doc` is the line of `invoke --list`; the others are wrapped for
    `invoke --help TASK`.
    """

    def decorate(body):
        first, *more = doc.split("\n\n")
        wrapped = [textwrap.fill(p, 100, break_long_words=False, break_on_hyphens=False) for p in more]
        body.__doc__ = "\n\n".join([first, *wrapped])
        return task(*pre, help=help or {}, **options)(body)

    return decorate


def pelican(c, *args, **kwargs):
    return c.run(shlex.join([sys.executable, "-m", "pelican", CONFIG["content"], *args]), pty=False, **kwargs)


def _scaffold(function, *args, **kwargs):
    """Call a newsroom.scaffold function; its refusals (SystemExit with a message) end the task
    with that message and status 1, like every other task's."""
    try:
        return function(*args, **kwargs)
    except SystemExit as exc:
        if isinstance(exc.code, str):
            raise Exit(exc.code, code=1) from None
        raise


PORT_HELP = _("port to serve on (default: 8000)")


@localized(_("Remove the generated site (output/ and output-preview/)."))
def clean(c):
    for folder in (CONFIG["output"], CONFIG["preview_output"]):
        # With the publish build's own folders beside it (safe_build: staging, previous, spare).
        path = Path(folder)
        for target in (path, *(path.with_name(f".{path.name}.{kind}") for kind in ("building", "previous", "spare"))):
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)


@localized(_("Build the development site into output/ (drafts and embargoed stories visible, marked)."))
def build(c):
    pelican(c, "-s", CONFIG["settings_base"])


@localized(_("Clean, then build."), clean, build)
def rebuild(c):
    pass


@localized(_("Rebuild the development site whenever content, theme or plugins change."))
def regenerate(c):
    pelican(c, "-r", "-s", CONFIG["settings_base"])


@localized(_("Serve output/ at http://127.0.0.1:8000 (build it first)."), help={"port": PORT_HELP})
def serve(c, port=None):
    pelican(c, "-l", "-s", CONFIG["settings_base"], "-b", CONFIG["host"], "-p", str(port or CONFIG["port"]))


@localized(_("Build, then serve."), help={"port": PORT_HELP})
def reserve(c, port=None):
    build(c)
    serve(c, port)


@localized(
    _("Editors: build exactly what will be published and look at it at http://127.0.0.1:8000.\n\n"
      "The same pages as the public site (publishconf.py: strict, no drafts, no embargoed stories), "
      "with local addresses, built into output-preview/ (never deployed), then served. A problem in "
      "a story stops the build, as it would stop publishing; the last preview is left as it was."),
    help={"port": PORT_HELP, "build_only": _("build output-preview/, do not serve it")},
)
def preview(c, port=None, build_only=False):
    port = int(port or CONFIG["port"])
    local = f"http://{CONFIG['host']}:{port}"
    folder = CONFIG["preview_output"]
    result = pelican(c, "-s", CONFIG["settings_publish"], "-o", folder,
                     "-e", f"SITEURL={json.dumps(local)}", f"FEED_DOMAIN={json.dumps(local)}", warn=True)
    if not result.ok:
        raise Exit(_("The preview was not built: the build stopped (exit status {code}); the problems are listed "
                     "above. {folder}/ is left as it was.", code=result.exited, folder=folder),
                   code=result.exited or 1)
    if build_only:
        print(_("Preview built in {folder}/ (addresses: {url}).", folder=folder, url=local))
        return
    print(_("Preview of what will be published: {url} (Ctrl-C stops it).", url=local))
    pelican(c, "-l", "-s", CONFIG["settings_publish"], "-o", folder, "-b", CONFIG["host"], "-p", str(port))


@localized(_("Editors' live preview: build the development site, serve it, and reload the browser whenever "
             "anything changes."), help={"port": PORT_HELP})
def livereload(c, port=None):
    from livereload import Server

    from newsroom.preview import LivePreview

    # One Pelican kept alive between saves, its site in memory (newsroom/preview.py): a saved story
    # updates the site in memory (in place if only its words changed, newsroom/inplace.py) and the
    # server renders each page when it is asked for; any other change
    # rebuilds in this process; a change of settings or plugins falls back to full builds.
    preview = LivePreview(ROOT, CONFIG["settings_base"], CONFIG["content"])
    preview.build()
    server = Server(app=preview.wsgi_app)
    server.watch(f"{CONFIG['content']}/**/*", preview.build)
    server.watch("theme/**/*", preview.rebuild)
    for pattern in ("pelicanconf.py", "plugins/**/*.py"):
        server.watch(pattern, preview.code_changed)
    # debug=False: Tornado's debug mode would restart the process when a plugin changes.
    server.serve(host=CONFIG["host"], port=int(port or CONFIG["port"]), debug=False)


@localized(_("Check every article, page and data file without building; list every problem; exit 1 if any."),
           help={"content": _("content folder to check (default: content/)"),
                 "settings": _("settings file (default: publishconf.py)")})
def check(c, settings=None, content=None):
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
        raise Exit(_("Nothing deployed: the content has problems (listed above). Fix them, then try again."),
                   code=1)
    result = pelican(c, "-s", CONFIG["settings_publish"], warn=True)
    if not result.ok:
        raise Exit(_("Nothing deployed: the production build failed (exit status {code}); {folder}/ is left "
                     "as it was.", code=result.exited, folder=CONFIG["output"]), code=result.exited or 1)
    if not (Path(CONFIG["output"]) / "index.html").is_file():
        raise Exit(_("Nothing deployed: the build finished but {folder}/index.html is missing.",
                     folder=CONFIG["output"]), code=1)


@localized(
    _("Check, build the production site, then copy output/ to the server with rsync.\n\n"
      "The destination is --target or $FPII_DEPLOY_TARGET (user@host:/path/); without one, nothing is "
      "built or deployed. A content problem or a failed build deploys nothing."),
    help={"target": _("rsync destination, e.g. deploy@host:/var/www/ntb/ (default: $FPII_DEPLOY_TARGET)"),
          "dry_run": _("show what rsync would change, change nothing")},
)
def publish(c, target=None, dry_run=False):
    destination = target or os.environ.get(DEPLOY_TARGET_VARIABLE, "")
    if not destination.strip():
        raise Exit(_("Nothing deployed: no target. Set {variable}=user@host:/path/ or pass --target "
                     "user@host:/path/.", variable=DEPLOY_TARGET_VARIABLE), code=2)
    if not shutil.which("rsync"):
        raise Exit(_("Nothing deployed: rsync is not installed (apt-get install rsync)."), code=2)
    checked_build(c)
    # --checksum: reproducible builds leave unchanged files byte-identical, so only real changes travel;
    # --delay-updates: changed files appear on the server together, at the end of the transfer.
    options = ["-rlptz", "--checksum", "--delete", "--delay-updates"]
    if dry_run:
        options += ["--dry-run", "-v"]
    c.run(shlex.join(["rsync", *options, f"{CONFIG['output']}/", destination]), pty=False)


@localized(
    _("Check, build the production site, then commit output/ to the gh-pages branch and push it.\n\n"
      "The branch is replaced by the new site (ghp-import, force push), with .nojekyll and a CNAME file. "
      "A content problem or a failed build publishes nothing."),
    help={"remote": _("git remote to push to (default: origin)"),
          "branch": _("branch to publish on (default: gh-pages)"),
          "cname": _("domain for GitHub Pages' CNAME file (default: the host of SITEURL in publishconf.py; "
                     "'none' for no CNAME)")},
)
def gh_pages(c, remote="origin", branch="gh-pages", cname=None):
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
        raise Exit(_("The site was built but not published: ghp-import failed: {error}", error=exc), code=1) from None


def site_host():
    """The host of the production SITEURL, for GitHub Pages' CNAME file (none for *.github.io)."""
    from urllib.parse import urlparse

    from pelican.settings import read_settings

    host = urlparse(read_settings(str(ROOT / CONFIG["settings_publish"]))["SITEURL"]).hostname
    return None if not host or host.endswith(".github.io") else host


@localized(
    _("Start a new article: content/berita/YYYY/MM/<slug>.md, a draft with the whole header to fill in.\n\n"
      'Example: invoke new --title "Judul berita" --region {region} --author "Nama Anda" --category {rubric}',
      region=EXAMPLES["region"], rubric=EXAMPLES["rubric"]),
    help={"title": _("headline of the story, in quotes (required)"),
          "date": _('date and time of the story, "YYYY-MM-DD HH:MM" in {zone} (default: now); it chooses the '
                    "month folder, and a time in the future is an embargo", zone=EXAMPLES["zone"]),
          "region": _("region (name, slug or alias, e.g. {region})", region=EXAMPLES["region"]),
          "author": _("reporter (name or slug)"),
          "category": _("rubric (name or slug)")},
)
def new(c, title="", date="", region="", author="", category=""):
    from newsroom.scaffold import new_article

    path = _scaffold(new_article, ROOT / CONFIG["content"], title=title, date=date, region=region, author=author,
                     category=category)
    print(_("Created {path} (Status: draft). Fill in the header, write the story, then run `invoke check`.",
            path=path.relative_to(ROOT)))


@localized(
    _("Add a reporter: content/data/authors/<slug>.toml, every field explained (an existing file is never "
      "overwritten).\n\n"
      'Example: invoke reporter "Nama Lengkap" --region {region} --role Wartawan', region=EXAMPLES["region"]),
    help={"name": _("the reporter's full name, in quotes (required)"),
          "region": _("region covered (name, slug or alias, e.g. {region})", region=EXAMPLES["region"]),
          "role": _("role in the newsroom (default: Wartawan); see the comment in the file for the allowed roles"),
          "initials": _("editors only: initials for the Editor field of articles (default: the first letters "
                        "of the name)")},
)
def reporter(c, name, region="", role="", initials=""):
    from newsroom.scaffold import new_reporter

    if name in ("-h", "--help"):  # `invoke reporter --help`: the name was expected first
        subprocess.run([sys.executable, "-m", "invoke", "--help", "reporter"], check=False)
        return
    path = _scaffold(new_reporter, ROOT / CONFIG["content"], name, region=region, role=role, initials=initials)
    print(_("Created {path}. Fill in bio and email, check it with `invoke check`, then commit it.",
            path=path.relative_to(ROOT)))


@localized(
    _("Install the Git pre-commit hook: every commit first checks its staged articles and data files.\n\n"
      "The hook (.git/hooks/pre-commit) runs plugins/newsroom/hook.py with this Python; a problem that would "
      "stop publishing stops the commit, with the file and what is wrong. `git commit --no-verify` skips it."),
    help={"force": _("replace a pre-commit hook that this task did not install (it is kept as pre-commit.bak)")},
)
def setup_hooks(c, force=False):
    from newsroom.hook import install

    path, backup = _scaffold(install, ROOT, python=sys.executable, force=force)
    if backup:
        print(_("The previous hook is kept as {path}.", path=backup))
    print(_("Installed {path}: each commit now checks its staged articles and data files.", path=path))


@localized(_("Developers: run the whole test suite (as CI does)."),
           help={"args": _("more pytest arguments, in quotes")})
def test(c, args=""):
    c.run(f"{sys.executable} -m pytest -n 2 {args}", pty=False)


@localized(_("Developers: benchmark a build of N synthetic articles against plain Pelican; prints figures "
             "and ratios."),
           help={"articles": _("number of synthetic articles"),
                 "photos": _("how many of the synthetic articles have a lead photo (default: none)"),
                 "runs": _("builds per configuration (median reported)")})
def bench(c, articles=2000, photos=0, runs=3):
    # tools/bench.py is the implementation: cold build, rebuild after one edit, memory, files, and
    # plain Pelican over the same corpus as the reference.
    c.run(f"{shlex.quote(sys.executable)} tools/bench.py --articles {int(articles)} --photos {int(photos)} "
          f"--runs {int(runs)}", pty=False)


def update_catalogues(template_path: Path, folder: Path) -> list[str]:
    """Update every `<language>/LC_MESSAGES/*.po` under `folder` from the template: each message id
    stays in the catalogue that has it; a new one goes to the catalogue that already translates its
    source file (or is named after it: tasks.py -> tasks.po). Return notes on ids that have none."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    with template_path.open("rb") as fh:
        template = read_po(fh)
    notes = []
    for messages_dir in sorted(folder.glob("*/LC_MESSAGES")):
        locale = messages_dir.parent.name
        catalogs = {}
        for path in sorted(messages_dir.glob("*.po")):
            with path.open("rb") as fh:
                catalogs[path] = read_po(fh, locale=locale)
        if not catalogs:
            continue
        owners = defaultdict(Counter)  # source file -> catalogues translating its messages
        for path, catalog in catalogs.items():
            for message in catalog:
                for filename, _line in message.locations if message.id else ():
                    owners[filename][path] += 1
        by_stem = {path.stem: path for path in catalogs}
        parts = {path: Catalog(locale=locale) for path in catalogs}
        for message in template:
            if not message.id:
                continue
            owner = next((path for path, catalog in catalogs.items() if message.id in catalog), None)
            for filename, _line in message.locations:
                if owner is not None:
                    break
                owner = owners[filename].most_common(1)[0][0] if owners[filename] else by_stem.get(Path(filename).stem)
            if owner is None:
                where = ", ".join(f"{f}:{n}" for f, n in message.locations)
                notes.append(_("{language}: no catalogue for the message of {where}; add it to one of the .po "
                               "files in {folder}", language=locale, where=where, folder=messages_dir))
                continue
            parts[owner][message.id] = message
        for path, catalog in catalogs.items():
            catalog.update(parts[path], update_creation_date=False)
            with path.open("wb") as fh:
                write_po(fh, catalog)
            untranslated = sum(1 for m in catalog if m.id and (not m.string or m.fuzzy))
            if untranslated:
                notes.append(_("{path}: {count} message(s) to translate (empty or fuzzy)", path=path,
                               count=untranslated))
    return notes


@localized(_("Developers: extract the texts of the theme, the plugin and the tasks, and update their catalogues "
             "(theme/translations/, plugins/newsroom/translations/)."))
def translations(c):
    babel = f"{shlex.quote(sys.executable)} -m babel.messages.frontend"
    c.run(f"{babel} extract -F theme/babel.cfg -o theme/translations/messages.pot theme")
    c.run(f"{babel} update -i theme/translations/messages.pot -d theme/translations")
    template = f"{PLUGIN_CATALOGUES}/messages.pot"
    c.run(f"{babel} extract -F plugins/newsroom/babel.cfg -k _ -k n_:1,2 --ignore-dirs '.* ._ tests' "
          f"-o {template} plugins/newsroom tasks.py")
    for note in update_catalogues(Path(template), Path(PLUGIN_CATALOGUES)):
        print(note)


@localized(_("Developers: Lighthouse (mobile) on the home page and an article page of the sample site."))
def lighthouse(c):
    c.run(f"{sys.executable} tools/qa.py lighthouse", pty=False)


@localized(_("Developers: screenshots of the home page and an article at 390 and 1366 px."),
           help={"out": _("folder for the screenshots (default: qa-screenshots/)")})
def screenshots(c, out="qa-screenshots"):
    c.run(f"{sys.executable} tools/qa.py screenshots --out {shlex.quote(out)}", pty=False)


@localized(
    _("Import a story as reporters send it (.txt, .docx, or - for standard input) as a draft article.\n\n"
      "It finds the headline, byline, date (converted to the newsroom's time zone), dateline and sign-off, writes "
      "content/berita/YYYY/MM/<slug>.md with Status: draft, creates the profiles of people the newsroom does "
      "not know yet, and prints the article's path last."),
    help={"file": _("the story: a .txt or .docx file, or - to read standard input"),
          "region": _("Region (name, slug or alias); needed when the dateline does not name one, "
                      "and wins over it"),
          "author": _("Reporter(s), comma-separated, name or slug; wins over the byline"),
          "category": _("Rubric (name or slug); always needed, a pasted story never says it")},
)
def import_text(c, file, region="", author="", category=""):
    from newsroom import importer

    # This file changes into ROOT when loaded: a relative FILE is relative to where invoke was typed.
    typed_in = Path(os.environ.get("PWD") or ROOT)
    source = file
    if file != "-" and not Path(file).is_absolute() and (typed_in / file).is_file():
        source = str(typed_in / file)
    try:
        lines = importer.run(source, ROOT / CONFIG["content"], region=region, author=author,
                             category=category)
    except importer.ImportRefused as exc:
        raise Exit(str(exc), code=1) from None
    print("\n".join(lines))

"""The Git pre-commit hook: check only the staged articles and data files, in well under a second.

`invoke setup-hooks` installs `.git/hooks/pre-commit`, a few lines of shell that run this file
with the project's Python. It asks Git which files are staged, reads the articles among them
(`content/**/*.md`) with the newsroom's own reader and the data files (`content/data/**.toml`)
with its data loader, the same checks as `invoke check` and every build, and prints the problems
of those files only. A problem that would stop the publish build ends the hook with status 1,
which stops the commit; problems in a draft are shown but do not (drafts are never published).

What needs all the content at once (two files with one URL, a link to a draft) is left to
`invoke check` and CI. A file with changes that are not staged is checked as it is in the
working folder, and the hook says so.
"""

from __future__ import annotations

import fnmatch
import os
import shlex
import subprocess
import sys
from pathlib import Path, PurePosixPath

MARKER = "fpii-newsroom-pre-commit"
SETTINGS = ("publishconf.py", "pelicanconf.py")  # the first that exists: what the publish build checks
CONTENT = "content"


def _git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def staged_files(cwd: Path | None = None) -> list[str]:
    """Paths (relative to the top of the working tree) of files added, copied, modified or renamed
    in the index: what this commit adds or changes."""
    out = _git("diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z", cwd=cwd)
    return [p for p in out.split("\0") if p]


def select(paths: list[str], content: str = CONTENT, data: str = "data",
           ignore: tuple[str, ...] = (".#*", "README.md")) -> tuple[list[str], list[str]]:
    """(articles and pages, data files) among `paths`: `content/**/*.md` (less ignored names such
    as content/README.md) and `content/data/**.toml`."""
    articles, data_files = [], []
    for path in paths:
        pure = PurePosixPath(path)
        if not pure.is_relative_to(content):
            continue
        if pure.suffix == ".toml" and pure.is_relative_to(PurePosixPath(content) / data):
            data_files.append(path)
        elif pure.suffix == ".md" and not any(fnmatch.fnmatch(pure.name, pattern) for pattern in ignore):
            articles.append(path)
    return articles, data_files


def _read_by_pelican(rel: str, settings: dict) -> bool:
    """Whether a build reads this file as an article or a page (ARTICLE_PATHS, PAGE_PATHS, IGNORE_FILES)."""
    pure = PurePosixPath(rel)
    if any(fnmatch.fnmatch(pure.name, pattern) for pattern in settings.get("IGNORE_FILES", ())):
        return False
    inside = pure.relative_to(CONTENT)
    return any(inside.is_relative_to(folder) for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]])


def check(top: Path, articles: list[str], data_files: list[str], stream=None) -> int:
    """Read `articles` and load the data (both relative to `top`); print the problems of these
    files; return 1 if any would stop the publish build, else 0."""
    from pelican.settings import read_settings

    from . import state
    from .messages import _, n_
    from .reader import NewsroomMarkdownReader

    stream = stream or sys.stderr
    config = next((top / name for name in SETTINGS if (top / name).is_file()), None)
    settings = read_settings(str(config) if config else None, override={"PATH": str(top / CONTENT)})
    articles = [rel for rel in articles if _read_by_pelican(rel, settings)]
    if not articles and not data_files:
        return 0  # only Markdown files that no build reads (content/README.md and the like)
    newsroom = state.begin(settings)  # loads the data files; speaks the newsroom's language from now on
    reader = NewsroomMarkdownReader(settings)
    for rel in articles:
        try:
            reader.read(str(top / rel))
        except Exception as exc:  # a crash in a dependency must still name the file, not hide it
            error = type(exc).__name__ + ": " + str(exc)
            newsroom.problems.add(top / rel, "", _("could not be read ({error})", error=error))
    wanted = {os.path.normcase(os.path.abspath(top / rel)) for rel in [*articles, *data_files]}
    mine = [p for p in newsroom.problems.items if os.path.normcase(os.path.abspath(p.path)) in wanted]
    blocking = [p for p in mine if p.blocking and not p.warning]
    others = [p for p in mine if p not in blocking]
    for problem in sorted(blocking):
        print(f"  {problem}", file=stream)
    for problem in sorted(others):
        note = _("warning") if problem.warning else _("draft: not published, does not stop the commit")
        print(f"  {problem}  [{note}]", file=stream)
    unstaged = set(_git("diff", "--name-only", "-z", "--", *articles, *data_files, cwd=top).split("\0")) - {""}
    for rel in sorted(unstaged):
        print(_("Note: {path} has changes that are not staged; the file was checked as it is in the working "
                "folder.", path=rel), file=stream)
    checked = len(articles) + len(data_files)
    if blocking:
        files = len({p.path for p in blocking})
        print(n_("Commit stopped: {count} problem in {files} staged file(s), listed above.",
                 "Commit stopped: {count} problems in {files} staged file(s), listed above.",
                 len(blocking), files=files), file=stream)
        print(_("Fix them, `git add` the files again, then commit. (`git commit --no-verify` skips this "
                "check; CI still checks everything.)"), file=stream)
        return 1
    print(n_("Checked {count} staged file: no problem stops the commit.",
             "Checked {count} staged files: no problem stops the commit.", checked), file=stream)
    return 0


def main(argv: list[str] | None = None) -> int:
    top = Path(_git("rev-parse", "--show-toplevel").strip())
    articles, data_files = select(staged_files(top))
    if not articles and not data_files:
        return 0  # nothing of the newsroom's is staged: nothing to import, nothing to say
    from newsroom.hook import check as run_check  # the package's copy, also when run as a script

    return run_check(top, articles, data_files)


# --- installing -----------------------------------------------------------------------------------

SCRIPT = """\
#!/bin/sh
# {marker}: {installed}
# {what}
PYTHON={python}
if [ ! -x "$PYTHON" ]; then
  # shellcheck disable=SC2016  # the backquotes are text to read, not a command
  echo {missing} >&2
  exit 1
fi
exec "$PYTHON" plugins/newsroom/hook.py "$@"
"""


def hook_path(root: Path) -> Path:
    """Where Git looks for the pre-commit hook (honours core.hooksPath)."""
    path = Path(_git("rev-parse", "--git-path", "hooks/pre-commit", cwd=root).strip())
    return path if path.is_absolute() else root / path


def install(root: Path, python: str, force: bool = False) -> tuple[Path, Path | None]:
    """Write the pre-commit hook of the repository at `root`; return (hook, backup of a replaced
    foreign hook or None). A hook this function did not write is replaced only with `force`."""
    from .messages import _

    target = hook_path(root)
    backup = None
    if target.exists() or target.is_symlink():
        try:
            current = target.read_text(encoding="utf-8", errors="replace")
        except OSError:
            current = ""
        if MARKER not in current:
            backup = target.with_name(target.name + ".bak")
            if not force:
                raise SystemExit(_("{path} already exists and was not installed by `invoke setup-hooks`; "
                                   "nothing was changed. `invoke setup-hooks --force` replaces it and keeps the "
                                   "old one as {backup}.", path=target, backup=backup.name))
            os.replace(target, backup)
    text = SCRIPT.format(
        marker=MARKER,
        installed=_("installed by `invoke setup-hooks` (run it again to update this file; delete the file "
                    "to remove the hook)."),
        what=_("Checks the staged articles and data files before each commit; `git commit --no-verify` skips it."),
        python=shlex.quote(python),
        missing=shlex.quote(_("pre-commit: the Python of the project ({python}) is missing; set up the project "
                              "(bash tools/dev.sh setup), then run `invoke setup-hooks` again.", python=python)),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.chmod(0o755)
    os.replace(tmp, target)
    return target, backup


if __name__ == "__main__":  # .git/hooks/pre-commit runs this file with the project's Python
    sys.path[0] = str(Path(__file__).resolve().parent.parent)  # plugins/, not plugins/newsroom/
    sys.exit(main(sys.argv[1:]))  # imports Pelican and the plugin only when there is something to check

"""Site-level guarantees of the publish build: reproducible bytes, all-or-nothing output, and
deploy tasks that deploy only a checked, finished build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from invoke import Exit, MockContext, Result
from pelican.settings import read_settings

from tests.helpers import ROOT, build_site

BUILD = re.compile(r".* -m pelican content -s publishconf\.py$")
CHECK_RESULT = [0]  # what `invoke check` answers in the deploy task tests


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_two_publish_builds_are_byte_identical(tmp_path):
    """Build the sample site twice: here, and in another process as unlike this one as a
    machine can easily be made (hash seed, time zone, locale, temporary folder on another file
    system, every module imported afresh at another time), which also renders every page with the
    whole context instead of the names its templates read (plugins/newsroom/contextnames.py).
    Every file must have the same bytes."""
    first = build_site("publishconf.py", tmp_path / "a")
    other_tmp = Path("/dev/shm") if Path("/dev/shm").is_dir() else tmp_path / "tmp"
    other_tmp.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONHASHSEED": "4242", "TZ": "America/Los_Angeles", "LC_ALL": "C",
           "TMPDIR": str(other_tmp)}
    script = ("import sys; from pathlib import Path; from tests.helpers import build_site; "
              "from newsroom import contextnames; "
              "contextnames.narrowed = lambda template, localcontext: localcontext; "
              "build_site('publishconf.py', Path(sys.argv[1]))")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "b")], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    a, b = files(first), files(tmp_path / "b")
    assert len(a) > 100
    differing = sorted(
        [f"only in the first build: {name}" for name in a.keys() - b.keys()]
        + [f"only in the second build: {name}" for name in b.keys() - a.keys()]
        + [f"different bytes: {name}" for name in a.keys() & b.keys() if a[name] != b[name]]
    )
    assert not differing, "\n".join(differing)


def test_the_real_theme_is_rendered_with_narrowed_contexts(tmp_path, monkeypatch):
    """contextnames.py is in force for the site's own theme and settings: no extension, filter or
    global of the site switches it off and no page reaches a template through a variable, so
    every page gets far fewer names than Pelican's whole context (the output is the same: above)."""
    from newsroom import contextnames

    log = tmp_path / "names.log"
    original = contextnames.narrowed

    def spy(template, localcontext):
        narrowed = original(template, localcontext)
        with open(log, "a", encoding="utf-8") as fh:  # O_APPEND: whole lines from the render workers too
            fh.write(f"{template.name} {len(localcontext)} {len(narrowed)}\n")
        return narrowed

    monkeypatch.setattr(contextnames, "narrowed", spy)
    build_site("publishconf.py", tmp_path / "out")
    pages = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert len({name for name, _, _ in pages}) >= 5
    wider = sorted({name for name, whole, narrowed in pages if int(narrowed) * 2 > int(whole)})
    assert not wider, f"rendered with more than half of Pelican's context: {wider}"


def test_failed_publish_build_leaves_the_previous_site_untouched(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    # The oldest story that is not a draft: published, so its problem stops the strict build.
    article = next(p for p in sorted((content / "berita").rglob("*.md"))
                   if "Status: draft" not in p.read_text(encoding="utf-8"))
    text = article.read_text(encoding="utf-8")
    article.write_text(re.sub(r"(?m)^Region: .*$", "Region: Atlantis", text, count=1), encoding="utf-8")
    output = tmp_path / "output"
    (output / "berita").mkdir(parents=True)
    (output / "index.html").write_text("<p>the last good site</p>")
    (output / "berita" / "index.html").write_text("<p>its news</p>")
    before = files(output)
    with pytest.raises(SystemExit) as stopped:  # newsroom's ContentError
        build_site("publishconf.py", output, content=content)
    assert stopped.value.code not in (0, None)
    assert files(output) == before
    # Beside it, at most the spare tree (plugins/safe_build/atomic.py: kept on purpose; here the
    # folders of the last site, made while the content was read, without a single file).
    beside = [p for p in tmp_path.iterdir() if p.name.startswith(".output.")]
    assert [p.name for p in beside] in ([], [".output.spare"])
    assert not [f for p in beside for f in p.rglob("*") if not f.is_dir()]


def test_publish_settings_build_atomically_and_development_ones_do_not():
    publish = read_settings(str(ROOT / "publishconf.py"))
    development = read_settings(str(ROOT / "pelicanconf.py"))
    assert publish["ATOMIC_OUTPUT"] is True and not development.get("ATOMIC_OUTPUT")
    plugins = publish["PLUGINS"]
    assert plugins.index("safe_build") == plugins.index("newsroom") + 1


def test_ci_pins_actions_and_grants_least_permissions():
    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text()
    uses = re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", workflow, re.MULTILINE)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.match(r"\s*# v\d", comment), f"{action}: say which version the SHA is"
    assert re.search(r"^permissions:\n  contents: read\n", workflow, re.MULTILINE)
    upload = workflow.index("uses: actions/upload-pages-artifact")
    build_step = workflow[workflow.index("name: Build the site"):upload]
    assert "set -euo pipefail" in build_step and "publishconf.py" in build_step


# --- Deploy tasks ----------------------------------------------------------------------------------

@pytest.fixture
def tasks(monkeypatch, tmp_path):
    """tasks.py with a throwaway output folder and the content check answered by the test."""
    import newsroom.check

    import tasks as module

    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<p>site</p>")
    monkeypatch.setitem(module.CONFIG, "output", str(output))
    monkeypatch.setattr(module.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(newsroom.check, "check", lambda *args, **kwargs: CHECK_RESULT[0])
    CHECK_RESULT[0] = 0
    return module


@pytest.fixture
def pushed(monkeypatch):
    import ghp_import

    calls = []
    monkeypatch.setattr(ghp_import, "ghp_import", lambda srcdir, **options: calls.append((srcdir, options)))
    return calls


def context(build_status=0):
    return MockContext(run={BUILD: Result(exited=build_status), re.compile(r"^rsync "): Result(),
                            "git rev-parse --short HEAD": Result("abc1234\n")}, repeat=True)


def commands(c) -> list[str]:
    return [call.args[0] for call in c.run.call_args_list]


def test_publish_refuses_without_a_target(tasks, monkeypatch):
    monkeypatch.delenv("FPII_DEPLOY_TARGET", raising=False)
    c = context()
    with pytest.raises(Exit, match="FPII_DEPLOY_TARGET") as refused:
        tasks.publish(c)
    assert refused.value.code != 0 and commands(c) == []


@pytest.mark.parametrize("failing", ["check", "build"])
def test_deploy_tasks_deploy_nothing_unless_check_and_build_pass(tasks, pushed, failing):
    CHECK_RESULT[0] = 1 if failing == "check" else 0
    for deploy in (lambda c: tasks.publish(c, target="deploy@example:/srv/ntb/"), tasks.gh_pages):
        c = context(build_status=1 if failing == "build" else 0)
        with pytest.raises(Exit, match="Nothing deployed") as stopped:
            deploy(c)
        assert stopped.value.code != 0
        ran = commands(c)
        assert ran == [] if failing == "check" else (len(ran) == 1 and BUILD.match(ran[0])), ran
    assert pushed == []


def test_publish_deploys_the_checked_build_with_rsync(tasks, monkeypatch):
    monkeypatch.setenv("FPII_DEPLOY_TARGET", "deploy@example:/srv/ntb/")
    c = context()
    tasks.publish(c)
    build, rsync = commands(c)
    assert BUILD.match(build)
    assert rsync.startswith("rsync ")
    assert rsync.endswith(f" {tasks.CONFIG['output']}/ deploy@example:/srv/ntb/")
    assert "--delete" in rsync and "--dry-run" not in rsync


def test_gh_pages_pushes_the_checked_build(tasks, pushed):
    c = context()
    tasks.gh_pages(c)
    assert BUILD.match(commands(c)[0])
    [(srcdir, options)] = pushed
    assert srcdir == tasks.CONFIG["output"]
    assert options["push"] and options["force"] and options["nojekyll"]
    # The host of the public address in site.toml (publishconf.py's SITEURL).
    from urllib.parse import urlsplit

    from tests.helpers import chapter_settings

    assert options["cname"] == urlsplit(chapter_settings()["SITEURL"]).hostname and options["branch"] == "gh-pages"


def test_gh_pages_makes_the_branch_with_ghp_import(tasks, tmp_path, monkeypatch):
    """The real ghp-import, into a local repository: the options we pass are ones it knows."""
    remote, work = tmp_path / "remote.git", tmp_path / "work"
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run([*git, "init", "-q", str(work)], check=True)
    subprocess.run(["git", "-C", str(work), "remote", "add", "origin", str(remote)], check=True)
    for key, value in (("user.name", "Uji"), ("user.email", "uji@example.invalid")):
        subprocess.run(["git", "-C", str(work), "config", key, value], check=True)
    monkeypatch.chdir(work)
    monkeypatch.setattr(tasks, "checked_build", lambda c: None)
    tasks.gh_pages(MockContext(run={"git rev-parse --short HEAD": Result("abc1234\n")}))
    listed = subprocess.run(["git", "--git-dir", str(remote), "ls-tree", "--name-only", "gh-pages"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert sorted(listed) == [".nojekyll", "CNAME", "index.html"]

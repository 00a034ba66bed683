"""A publish build replaces the output folder completely or not at all; Ctrl-C ends it with 130."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from newsroom.problems import ContentError
from newsroom.tests.conftest import FIXTURE, PLUGINS, PUBLISH, THEME, build, settings_for
from pelican import Pelican, signals

from safe_build import atomic, interrupt

HERE = Path(__file__).resolve().parent
SITE_PLUGINS = ["newsroom", "safe_build", "pelican.plugins.sitemap", "search"]
ATOMIC = {"PLUGINS": SITE_PLUGINS, "ATOMIC_OUTPUT": True, "DELETE_OUTPUT_DIRECTORY": True}


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file's bytes (and every symbolic link's target), by path relative to `folder`."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            found[rel] = path.read_bytes()
        else:
            found[rel] = "dir"
    return found


def old_site(folder: Path) -> Path:
    """An output folder as a previous build could have left it."""
    (folder / "berita" / "lama").mkdir(parents=True)
    (folder / "index.html").write_text("<p>situs lama</p>")
    (folder / "berita" / "lama" / "index.html").write_text("<p>berita lama</p>")
    (folder / "sitemap.xml").write_bytes(b"<urlset/>")
    (folder / "tautan").symlink_to("index.html")
    return folder


def leftovers(output: Path) -> list[str]:
    """Folders a build left beside the output, except the spare tree (kept on purpose, atomic.py)."""
    spare = atomic.Folders.beside(output).spare.name
    return sorted(p.name for p in output.parent.iterdir() if p.name.startswith(f".{output.name}.")
                  and p.name != spare)


@pytest.fixture
def broken(tmp_path) -> Path:
    """The fixture content with one published article naming a region that does not exist."""
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    article = content / "berita" / "2026" / "10" / "harga-cabai-mataram.md"
    article.write_text(article.read_text().replace("Region: Kota Mataram", "Region: Atlantis"))
    return content


def test_failed_strict_build_leaves_the_output_untouched(broken, tmp_path):
    output = old_site(tmp_path / "out")
    before = snapshot(output)
    with pytest.raises(ContentError):
        build(PUBLISH, broken, output, **ATOMIC)
    assert snapshot(output) == before
    assert leftovers(output) == []


def test_failed_build_while_writing_leaves_the_output_untouched(tmp_path):
    """A template error stops the build after it has written part of the site (into staging)."""
    import shutil

    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    (theme / "templates" / "region.html").write_text("{{ region.name | no_such_filter }}")
    output = old_site(tmp_path / "out")
    before = snapshot(output)
    with pytest.raises(Exception, match="no_such_filter"):
        build(PUBLISH, FIXTURE, output, THEME=str(theme), **ATOMIC)
    assert snapshot(output) == before


def test_successful_build_replaces_the_output(tmp_path):
    output = old_site(tmp_path / "out")
    build(PUBLISH, FIXTURE, output, **ATOMIC)
    assert not (output / "berita" / "lama").exists() and not (output / "tautan").is_symlink()
    assert (output / "berita/2026/10/harga-cabai-mataram/index.html").exists()
    assert b"harga-cabai-mataram" in (output / "sitemap.xml").read_bytes()
    assert (output / "pagefind" / "pagefind-entry.json").exists()
    assert leftovers(output) == []


def test_the_replaced_site_is_recycled_without_leaking_into_the_next(tmp_path):
    """The site a swap replaces waits as the spare tree; the next build starts from its folders
    without its files, and the folders it does not use are gone: the same site as a first build."""
    output = old_site(tmp_path / "out")
    build(PUBLISH, FIXTURE, output, **ATOMIC)
    spare = atomic.Folders.beside(output).spare
    assert (spare / "berita" / "lama" / "index.html").read_text() == "<p>berita lama</p>"
    first = snapshot(output)
    build(PUBLISH, FIXTURE, output, **ATOMIC)  # its staging folder is the spare, emptied
    assert snapshot(output) == first
    assert not (output / "berita" / "lama").exists() and not (output / "tautan").is_symlink()
    fresh = tmp_path / "fresh"
    build(PUBLISH, FIXTURE, fresh, **ATOMIC)
    assert snapshot(fresh) == first
    assert not [p for p in output.rglob("*") if p.is_dir() and not any(p.iterdir())]  # no empty folder left


def test_without_a_spare_the_next_build_starts_from_the_live_sites_folders(tmp_path, monkeypatch):
    """After a cold build there is no spare tree: a forked child makes one of the live site's
    folders (no file) while the content is read, and the folders the new site leaves empty (a
    deleted story's) are gone before the swap: the same site as a build into an empty folder."""
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    output = tmp_path / "out"
    build(PUBLISH, content, output, **ATOMIC)
    spare = atomic.Folders.beside(output).spare
    assert not spare.exists()
    (content / "berita/2026/10/pasar-lotim-sepi.md").unlink()
    started = []
    prepare = atomic.prepare

    def prepare_and_see(folders, keep_existing, emptying=None):
        kept = prepare(folders, keep_existing, emptying)
        started.append((emptying is not None, set(kept), sorted(p for p in folders.staging.rglob("*") if not p.is_dir())))
        return kept

    monkeypatch.setattr(atomic, "prepare", prepare_and_see)
    build(PUBLISH, content, output, **ATOMIC)
    [(in_background, kept, files)] = started
    assert in_background and "berita/2026/10/pasar-lotim-sepi" in kept and files == []
    assert not (output / "berita/2026/10/pasar-lotim-sepi").exists()
    assert not [p for p in output.rglob("*") if p.is_dir() and not any(p.iterdir())]  # no empty folder left
    assert (spare / "berita/2026/10/pasar-lotim-sepi/index.html").exists()  # the replaced site, as before
    monkeypatch.setattr(atomic, "prepare", prepare)
    fresh = tmp_path / "fresh"
    build(PUBLISH, content, fresh, CACHE_PATH=str(tmp_path / "fresh-cache"), **ATOMIC)
    assert snapshot(output) == snapshot(fresh)


def test_first_build_creates_the_output(tmp_path):
    output = tmp_path / "out"
    build(PUBLISH, FIXTURE, output, **ATOMIC)
    assert (output / "index.html").exists() and leftovers(output) == []


def test_output_retention_is_kept_from_the_old_site(tmp_path):
    output = old_site(tmp_path / "out")
    (output / ".git").mkdir()
    (output / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (output / "CNAME").write_text("ntb.example\n")
    build(PUBLISH, FIXTURE, output, OUTPUT_RETENTION=[".git", "CNAME", "absent"], **ATOMIC)
    assert (output / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (output / "CNAME").read_text() == "ntb.example\n"
    assert not (output / "berita" / "lama").exists()
    assert leftovers(output) == []


def test_without_delete_output_directory_old_files_stay_as_pelican_keeps_them(tmp_path):
    output = old_site(tmp_path / "out")
    build(PUBLISH, FIXTURE, output, **{**ATOMIC, "DELETE_OUTPUT_DIRECTORY": False})
    assert (output / "berita" / "lama" / "index.html").read_text() == "<p>berita lama</p>"
    assert (output / "berita/2026/10/harga-cabai-mataram/index.html").exists()
    assert leftovers(output) == []


def test_the_swap_comes_after_every_other_finalized_receiver(tmp_path):
    """Sitemap, search index and a plugin listed (and connecting at run time) after safe_build
    all write during `finalized`; everything they write is in the output, nothing in staging."""
    output = tmp_path / "out"
    try:
        build(PUBLISH, FIXTURE, output, PLUGIN_PATHS=[str(PLUGINS), str(HERE)],
              **{**ATOMIC, "PLUGINS": [*SITE_PLUGINS, "late_writer"]})
    finally:  # its receivers stay connected in this process otherwise: later builds would run them
        late = sys.modules.get("late_writer")
        if late is not None:
            signals.finalized.disconnect(late.write_early_connected)
            signals.finalized.disconnect(late.write_late_connected)
            signals.get_generators.disconnect(late.connect_more)
    for name in ("late-register.txt", "late-runtime.txt", "sitemap.xml", "pagefind/pagefind-entry.json"):
        assert (output / name).exists(), name
    assert leftovers(output) == []


def test_refuses_an_output_folder_that_holds_the_content(tmp_path):
    import shutil

    content = tmp_path / "site" / "content"
    shutil.copytree(FIXTURE, content)
    settings = settings_for(PUBLISH, content, tmp_path / "site", **ATOMIC)
    with pytest.raises(atomic.UnsafeOutput, match="contains PATH"):
        Pelican(settings)


def test_a_stopped_swap_is_repaired_by_the_next_build(tmp_path):
    output = tmp_path / "out"
    folders = atomic.Folders.beside(output)
    old_site(folders.previous)  # killed after moving the old site aside, before the new one came in
    (folders.staging / "half").mkdir(parents=True)
    atomic.recover(folders)
    assert (output / "berita" / "lama" / "index.html").exists()
    assert not folders.previous.exists() and not folders.staging.exists()


@pytest.mark.parametrize("step", [1, 2])
def test_swap_is_undone_when_interrupted_or_failing(tmp_path, monkeypatch, step):
    """Ctrl-C arriving during the renames (held back, then honoured) or a rename failing:
    every rename done is undone, the old site is back."""
    output = old_site(tmp_path / "out")
    (output / ".git").mkdir()
    folders = atomic.Folders.beside(output)
    folders.staging.mkdir()
    (folders.staging / "index.html").write_text("baru")
    before = snapshot(output)
    rename = os.rename

    def flaky_rename(source, target):
        if step == 2 and Path(source) == folders.staging:
            raise OSError("disk trouble")
        rename(source, target)
        if step == 1 and Path(source) == folders.staging:
            assert interrupt._state.deferring
            interrupt._state.pending = True  # what the handler does for a SIGINT while the swap holds it back

    monkeypatch.setattr(atomic.os, "rename", flaky_rename)
    with pytest.raises(interrupt.BuildInterrupted if step == 1 else OSError):
        atomic.swap(folders, [".git"])
    assert snapshot(output) == before
    assert (folders.staging / "index.html").read_text() == "baru"
    assert not folders.previous.exists()


def test_sigint_handler_is_put_back_after_a_build_and_passed_on_after_a_failed_one(broken, tmp_path):
    calls = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: calls.append(signum))
    try:
        build(PUBLISH, FIXTURE, tmp_path / "ok", **ATOMIC)
        assert signal.getsignal(signal.SIGINT) is not interrupt._on_sigint
        with pytest.raises(ContentError):
            build(PUBLISH, broken, tmp_path / "broken", **ATOMIC)
        # Pelican sends nothing when a build fails: the handler stays, knows its build is over,
        # and hands the signal to the one it replaced.
        signal.raise_signal(signal.SIGINT)
        assert calls == [signal.SIGINT]
        assert signal.getsignal(signal.SIGINT) is not interrupt._on_sigint
    finally:
        signal.signal(signal.SIGINT, previous)


def test_a_build_in_another_thread_touches_no_signal_handler(tmp_path):
    before = signal.getsignal(signal.SIGINT)
    errors = []

    def run():
        try:
            build(PUBLISH, FIXTURE, tmp_path / "out", **ATOMIC)
        except BaseException as exc:  # noqa: BLE001 - reported to the test thread
            errors.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert errors == []
    assert signal.getsignal(signal.SIGINT) is before
    assert (tmp_path / "out" / "index.html").exists() and leftovers(tmp_path / "out") == []


def test_checking_content_writes_nothing_and_sets_no_handler(tmp_path):
    from newsroom.check import check

    before = signal.getsignal(signal.SIGINT)
    settings = settings_for(PUBLISH, FIXTURE, tmp_path / "out", **ATOMIC)
    assert check(settings) == 0
    assert signal.getsignal(signal.SIGINT) is before
    assert not (tmp_path / "out").exists() and leftovers(tmp_path / "out") == []


# --- The `pelican` command, in a process of its own --------------------------------------------

def settings_file(tmp_path: Path, **extra) -> Path:
    """A settings file for `pelican -s` with the fixture's publish settings."""
    values = {**PUBLISH, **ATOMIC, "PLUGIN_PATHS": [str(PLUGINS), str(HERE)],
              "CACHE_PATH": str(tmp_path / "cache"), **extra}
    path = tmp_path / "settings.py"
    path.write_text("".join(f"{key} = {value!r}\n" for key, value in values.items()))
    return path


def pelican_command(content: Path, output: Path, settings: Path, *args) -> list[str]:
    return [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output), *args]


def wait_for(condition, timeout=300.0, process=None):
    deadline = time.monotonic() + timeout
    while not condition():
        if process is not None and process.poll() is not None:
            raise AssertionError(f"pelican ended early ({process.returncode}): {process.stdout.read()}")
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_interrupted_build_exits_non_zero_and_leaves_the_output(tmp_path):
    output = old_site(tmp_path / "out")
    before = snapshot(output)
    marker = tmp_path / "waiting"
    settings = settings_file(tmp_path, PLUGINS=[*SITE_PLUGINS, "slow_build"])
    process = subprocess.Popen(pelican_command(FIXTURE, output, settings),
                               env={**os.environ, "SLOW_BUILD_MARKER": str(marker)},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(marker.exists, process=process)  # the build has written its first file (into staging)
        assert (output.parent / ".out.building").is_dir()
        process.send_signal(signal.SIGINT)
        log, _ = process.communicate(timeout=300)
    finally:
        process.kill()
    assert process.returncode == interrupt.EXIT_STATUS, log
    assert "Build interrupted" in log
    assert snapshot(output) == before
    assert leftovers(output) == []


def test_pelican_listen_serves_the_real_output_folder(tmp_path):
    import socket

    output = old_site(tmp_path / "out")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = pelican_command(FIXTURE, output, settings_file(tmp_path), "-l", "-p", str(port))
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        def answers():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=2) as response:
                    return response.read() == b"<p>situs lama</p>"
            except OSError:
                return False

        wait_for(answers, process=process)
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 0  # stopping the server is a normal end
    assert leftovers(output) == []


def test_pelican_autoreload_rebuilds_atomically(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    output = tmp_path / "out"
    article = output / "berita/2026/10/harga-cabai-mataram/index.html"
    process = subprocess.Popen(pelican_command(content, output, settings_file(tmp_path), "-r"),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(lambda: article.exists() and not leftovers(output), process=process)
        source = content / "berita/2026/10/harga-cabai-mataram.md"
        edited = source.read_text().replace("Harga Cabai di Mataram Naik", "Harga Cabai Melonjak")
        saved = [0.0]

        def rebuilt():
            # Pelican starts watching only after its build: a save made before that is never seen,
            # so save again every few seconds until the rebuild shows it (as an editor would).
            if time.monotonic() - saved[0] > 5 and not leftovers(output):
                source.write_text(edited)
                saved[0] = time.monotonic()
            return article.exists() and "Melonjak" in article.read_text() and not leftovers(output)

        wait_for(rebuilt, process=process)
        time.sleep(3)  # let the rebuild finish on a loaded machine
        process.send_signal(signal.SIGINT)  # waiting for changes, not building: a normal end
        log, _ = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 0, log
    assert leftovers(output) == []

"""Reporters and editors read Indonesian: every message has a translation, and the usual mistakes
read as one Indonesian line naming the file, the field and the fix."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from newsroom import messages
from newsroom.check import check

from .conftest import PUBLISH, settings_for

PLUGIN = Path(__file__).resolve().parent.parent
ROOT = PLUGIN.parent.parent
KEYWORDS = {"_": None, "n_": (1, 2)}


def _sources():
    yield from (p for p in PLUGIN.glob("*.py"))
    yield from (p for p in (PLUGIN.parent / "safe_build").glob("*.py"))  # build messages editors read
    if (ROOT / "tasks.py").is_file():
        yield ROOT / "tasks.py"


def _message_ids() -> dict[str, str]:
    """Every message id in the plugin's code and tasks.py, with where it is."""
    found = {}
    for path in _sources():
        for line, message, _comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS):
            for text in (message if isinstance(message, tuple) else (message,)):
                found.setdefault(text, f"{path.name}:{line}")
    return found


def _catalogue(language: str) -> dict[str, str]:
    translated = {}
    for po in sorted((messages.CATALOGS / language / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as fh:
            for message in read_po(fh, locale=language):
                if message.id and not message.fuzzy:
                    ids = message.id if isinstance(message.id, tuple) else (message.id,)
                    strings = message.string if isinstance(message.string, tuple) else (message.string,)
                    for mid in ids:
                        translated[mid] = strings[0]
    return translated


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_an_indonesian_translation_with_the_same_places():
    ids = _message_ids()
    assert len(ids) > 50, "the extraction found the messages"
    catalogue = _catalogue("id")
    missing = [f"{where}: {mid!r}" for mid, where in ids.items() if not catalogue.get(mid)]
    assert not missing, "untranslated (add them to a .po file in translations/id/):\n" + "\n".join(missing)
    wrong = [mid for mid in ids if _fields(mid) != _fields(catalogue[mid])]
    assert not wrong, f"placeholders differ between English and Indonesian: {wrong}"


@pytest.fixture
def indonesian(monkeypatch):
    monkeypatch.setenv(messages.ENVIRONMENT, "id")
    yield
    monkeypatch.setenv(messages.ENVIRONMENT, "en")
    messages.use("en")


def test_a_reporters_three_usual_mistakes_read_in_indonesian(content, tmp_path, capsys, indonesian):
    folder = content / "berita/2026/10"
    base = (folder / "pasar-lotim-sepi.md").read_text(encoding="utf-8")
    region = re.search(r"^Region: (.+)$", base, re.M)[1]
    author = re.search(r"^Authors: (.+)$", base, re.M)[1]
    (folder / "wilayah-salah.md").write_text(base.replace(f"Region: {region}", f"Region: {region}x"), encoding="utf-8")
    (folder / "tanggal-lokal.md").write_text(
        re.sub(r"^Date: .+$", "Date: 20/08/2026 12:40\nModified: 2026-10-02 10:00", base, flags=re.M).replace(
            "berita/2026/10", "berita/2026/08"), encoding="utf-8")
    (folder / "penulis-baru.md").write_text(base.replace(f"Authors: {author}", "Authors: Nama Yang Belum Ada"),
                                            encoding="utf-8")
    stream = io.StringIO()
    assert check(settings_for(PUBLISH, content, tmp_path / "out"), stream=stream) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err

    def only_line(name: str) -> str:
        lines = [line for line in err.splitlines() if name in line]
        assert len(lines) == 1, lines
        return lines[0]

    line = only_line("wilayah-salah.md")
    assert "Region: Wilayah" in line and "tidak dikenal; maksudnya" in line and f"'{region}'" in line
    line = only_line("tanggal-lokal.md")
    assert "Date: '20/08/2026 12:40' tidak dalam format yang dibaca situs; tulis sebagai 2026-08-20 12:40" in line
    line = only_line("penulis-baru.md")
    assert "Authors: Wartawan 'Nama Yang Belum Ada' tidak dikenal" in line and "invoke reporter" in line
    assert "data/authors" in line, "it names the folder to create the profile in"
    summary = stream.getvalue()
    assert "masalah di 3 berkas harus diperbaiki" in summary and "Sudah diperiksa:" in summary


def test_english_on_request(content, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(messages.ENVIRONMENT, "en")
    folder = content / "berita/2026/10"
    base = (folder / "pasar-lotim-sepi.md").read_text(encoding="utf-8")
    (folder / "rusak.md").write_text(re.sub(r"^Date: .+$", "Date: besok", base, flags=re.M), encoding="utf-8")
    check(settings_for(PUBLISH, content, tmp_path / "out"), stream=io.StringIO())
    assert "'besok' is not a date" in capsys.readouterr().err

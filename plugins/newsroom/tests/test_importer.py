"""`invoke import-text`: stories as reporters paste them become draft articles.

The samples in import_samples/ are written like the stories NTB reporters send over WhatsApp or
in a word processor. Expectations about people and places are read from the fixture's newsroom
data (which names are known reporters, editors, regions), never from NTB's real newsroom.
"""

from __future__ import annotations

import datetime
import html
import io
import os
import re
import subprocess
import sys
import zoneinfo
from collections import Counter
from pathlib import Path

import docx
import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom import importer, messages
from newsroom.data import load
from newsroom.importer import (
    Context, ImportRefused, parse_date_line, parse_story, read_source, rejoin, split_dateline, write_article,
)
from newsroom.problems import ProblemLog
from newsroom.reader import scan_header

from .conftest import FIXTURE, PUBLISH, build

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "import_samples"
REPO = HERE.parents[2]
CATALOGUE = HERE.parent / "translations" / "id" / "LC_MESSAGES" / "importer.po"
WITA = zoneinfo.ZoneInfo("Asia/Makassar")
QUOTES = "\"“”‘’"
SPLIT_MARK = re.compile(r"[^.!?:;\"”’')…\]]$")


def fixture_data(content: Path = FIXTURE):
    return load(content / "data", {}, ProblemLog())


DATA = fixture_data()
CATEGORY = DATA.rubrics[0].slug  # a pasted story never names its rubric
OTHER_REGION = DATA.regions[-1].slug  # for stories whose dateline names no region of the data


@pytest.fixture
def english():
    """Messages in English for assertions on their wording; the previous language afterwards."""
    previous = messages.current()
    messages.use("en")
    yield
    messages.use(previous)


# --- the samples ---------------------------------------------------------------------------------

# For each sample: what the header must say, what must leave the body, what must stay in it.
CASES = {
    "01-wa-outlet-byline-tanggal-inggris.txt": dict(
        title="Warga Ampenan Keluhkan Harga Beras Medium Tembus Rp14 Ribu", reporters=["Lalu Uji Dua"],
        date="2024-08-20 12:40", place="Mataram", editor="Adb", paragraphs=5,
        gone=["NTB.FPII.OR.ID", "Aug 20, 2024", "Mataram NTB -", "(Adb)", "Lalu Uji Dua"],
        kept=['"Stok di gudang tinggal sedikit.', '"Kami sudah berkoordinasi dengan Bulog.', "ujarnya."]),
    "02-tanggal-indonesia-wita-penulis-di-akhir.txt": dict(
        title="Ratusan Petani Tembakau Datangi Gudang Pembelian di Sakra Barat", reporters=["Lalu Uji Dua"],
        date="2024-08-20 12:40", place="Selong", editor="BUS", paragraphs=4,
        gone=["BERITA NTB", "Selasa, 20 Agustus 2024 |", "SELONG", "Penulis", "Editor", "BUS"],
        kept=['"Daun kami bagus, warnanya oranye.', "kata Sahril."]),
    "03-tanggal-angka-kutip-tipografis-red.txt": dict(
        title="Polres Dompu Amankan Dua Terduga Pencuri Sapi di Kecamatan Woja",
        reporters=["Siti Tanpa Berita", "Rahmat Hidayat"], date="2024-08-20 12:40", place="Dompu",
        editor="Red", paragraphs=4,
        gone=["20/08/2024", "NTB.FPII.OR.ID", "Reporter", "Rahmat Hidayat", "(Red)"],
        kept=["“Keduanya kami amankan",
              "“Kata polisi, ‘sapi Bapak sudah ketemu,’ saya langsung sujud syukur,” tuturnya."]),
    "04-kalimat-terpotong-kode-redaksi.txt": dict(
        title="Festival Pesona Senggigi Ditutup, Pengunjung Capai Sepuluh Ribu Orang",
        reporters=["Baiq Uji Satu"],
        date="2024-10-06 19:59", place="Mataram", editor="LNG04", paragraphs=3, rejoined=2,
        gone=["Minggu, 6 Oktober", "Outlet.com", "Wartawan", "(LNG04)"],
        kept=["selama tiga hari pelaksanaan festival", "terutama wisatawan mancanegara yang menginap",
              '"Tahun depan kami ingin festival ini']),
    "05-wib-pukul-ganti-bulan.txt": dict(
        title="Pemadaman Listrik Bergilir di Mataram Berakhir Tengah Malam",
        reporters=["Lalu Uji Dua", "Baiq Uji Satu"], date="2024-11-01 00:30", place="Mataram", editor="BUS",
        paragraphs=3, gone=["Oleh", "pukul 23.30", "WIB", "MATARAM -", "(BUS)"],
        kept=['"Sistem sudah normal kembali.', "ujarnya."]),
    "06-dokumen-word.txt": dict(
        title="Sekolah di Pinggiran Dompu Kekurangan Guru Kelas", reporters=["Siti Tanpa Berita"],
        date="2024-12-12 09:05", place="Dompu", editor="Red", paragraphs=3,
        gone=["FPII NTB", "Penulis", "12 Des 2024", "Dompu NTB —", "Editor"],
        kept=["“Kami sudah mengusulkan tambahan guru, tetapi belum ada jawaban,” katanya."]),
    "07-stdin-whatsapp.txt": dict(
        title="Pelajar Lombok Timur Raih Emas di Kejuaraan Pencak Silat Nasional", reporters=["Lalu Uji Dua"],
        date="2024-08-20 20:15", place="Lotim", editor="", paragraphs=3,
        gone=["*Pelajar", "Tuesday", "8:15 PM", "Lotim, NTB —", "Reporter"],
        kept=["Pelatih mereka, **Lalu Ramdan**, mengatakan", '"Anak-anak berlatih setiap sore']),
    "08-wit-judul-kapital.txt": dict(
        title="BANJIR RENDAM PULUHAN RUMAH WARGA DI KECAMATAN WOJA", reporters=["Lalu Uji Dua"],
        date="2024-12-04 06:10", place="Dompu", editor="BUS", paragraphs=4,
        gone=["FPII NTB", "07:10 WIT", "DOMPU, NTB", "Penulis", "| Editor"],
        kept=["Badan Penanggulangan Bencana Daerah (BPBD) mencatat tidak ada korban jiwa.",
              '"Air masuk sekitar pukul tiga dini hari.']),
    "09-tanpa-dateline-byline-atas.txt": dict(
        title="Pemkot Buka Pendaftaran Beasiswa Mahasiswa Kurang Mampu", reporters=["Baiq Uji Satu"],
        date="2024-08-05 09:00", place="", editor="", paragraphs=3,
        gone=["BERITA NTB", "Tanggal", "(*)"],
        kept=["“Kami ingin tidak ada anak yang berhenti kuliah karena biaya,” "
              "kata kepala bagian kesejahteraan rakyat."]),
}


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def docx_of(text: str, path: Path) -> Path:
    """A word-processor file with one paragraph per line of `text` (python-docx)."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def region_option(story) -> str:
    """--region only for a story whose dateline names no region the data knows."""
    return "" if story.region is not None else OTHER_REGION


def expected_authors(names: list[str], data) -> list[str]:
    return [data.reporter_lookup.get(n).name if data.reporter_lookup.get(n) else n for n in names]


def assert_body(story, case: dict, source: str) -> None:
    body = story.body
    assert len(story.paragraphs) == case["paragraphs"]
    for text in case["gone"]:
        assert text not in body, text
    for text in case["kept"]:
        assert text in body, text
    # Every quotation mark of the text is still there, typographic ones included.
    assert Counter(c for c in body if c in QUOTES) == Counter(c for c in source if c in QUOTES)
    # No sentence is left split across two paragraphs.
    for before, after in zip(story.paragraphs, story.paragraphs[1:]):
        assert not (SPLIT_MARK.search(before) and after[0].islower()), (before, after)
    assert story.rejoined == case.get("rejoined", 0)


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_story_is_parsed(name):
    case, text = CASES[name], sample(name)
    story = parse_story(text, DATA)
    assert story.title == case["title"]
    assert story.reporters == case["reporters"]
    assert f"{story.date.when:%Y-%m-%d %H:%M}" == case["date"]
    assert story.dateline == case["place"]
    assert story.region is (DATA.region_lookup.get(case["place"]) if case["place"] else None)
    assert story.editor == case["editor"]
    assert_body(story, case, text)


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_story_becomes_a_draft_with_the_scaffold_header(name, content):
    case = CASES[name]
    story = parse_story(sample(name), DATA)
    imported = write_article(story, content, region=region_option(story), category=CATEGORY)
    when = datetime.datetime.strptime(case["date"], "%Y-%m-%d %H:%M")
    assert imported.path.parent == content / "berita" / f"{when:%Y}" / f"{when:%m}"
    text = imported.path.read_text(encoding="utf-8")
    header = scan_header(text)
    fields = [name for _, name, _ in header.fields]
    template_header = importer.scaffold.TEMPLATE.split("\n\n")[0]
    assert fields == [line.split(":")[0].lower() for line in template_header.splitlines()]
    region = story.region or DATA.region_lookup.get(OTHER_REGION)
    assert header.value("title") == case["title"]
    assert header.value("date") == case["date"]
    assert header.value("authors") == ", ".join(expected_authors(case["reporters"], DATA))
    assert header.value("region") == region.name
    assert header.value("category") == DATA.rubric_lookup.get(CATEGORY).name
    assert header.value("dateline") == case["place"]
    assert header.value("editor") == case["editor"]
    assert header.value("status") == "draft"
    assert text.endswith("\n\n" + story.body + "\n")


def test_a_word_processor_file_reads_like_the_text(tmp_path, content):
    text = sample("06-dokumen-word.txt")
    path = docx_of(text, tmp_path / "naskah.docx")
    assert read_source(str(path)).splitlines() == text.splitlines()
    story = parse_story(read_source(str(path)), DATA)
    case = CASES["06-dokumen-word.txt"]
    assert (story.title, story.dateline, story.editor) == (case["title"], case["place"], case["editor"])
    assert_body(story, case, text)
    lines = importer.run(str(path), content, category=CATEGORY)
    assert Path(lines[-1]).resolve().is_file()


def test_standard_input_is_read_with_a_dash(content):
    lines = importer.run("-", content, category=CATEGORY, stdin=io.StringIO(sample("07-stdin-whatsapp.txt")))
    path = Path(lines[-1])
    assert path.is_file()
    assert path.name == "pelajar-lombok-timur-raih-emas-di-kejuaraan-pencak-silat-nasional.md"


# --- the task, as reporters run it ----------------------------------------------------------------

RUN_TASK = """\
import sys
sys.path.insert(0, {repo!r})
from invoke import Collection, Program
import tasks
tasks.CONFIG["content"] = sys.argv[1]
Program(namespace=Collection.from_module(tasks)).run(["invoke", "import-text", *sys.argv[2:]])
"""


def run_task(content: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """`invoke import-text ARGS` on a copy of the content (tasks.CONFIG pointed at it)."""
    env = {k: v for k, v in os.environ.items() if k != messages.ENVIRONMENT}
    return subprocess.run([sys.executable, "-c", RUN_TASK.format(repo=str(REPO)), str(content), *args],
                          input=stdin, capture_output=True, text=True, cwd=REPO, env=env, timeout=120)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_task_reads_standard_input_and_prints_the_path_last(content):
    result = run_task(content, "-", "--category", CATEGORY, stdin=sample("07-stdin-whatsapp.txt"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    path = Path(lines[-1])
    assert path.is_file() and path.is_relative_to(content / "berita" / "2024" / "08")
    assert any(CASES["07-stdin-whatsapp.txt"]["title"] in line for line in lines[:-1])
    assert any("Status: draft" in line for line in lines[:-1])


def test_task_refuses_with_status_1_and_writes_nothing(content):
    before = files_of(content)
    result = run_task(content, "-", "--category", CATEGORY, stdin=sample("tolak-tanpa-tanggal.txt"))
    assert result.returncode == 1
    assert "Selasa, 20 Agustus 2024 | 12:40 WITA" in result.stderr  # the example date line to add
    assert files_of(content) == before
    missing = run_task(content, str(SAMPLES / "01-wa-outlet-byline-tanggal-inggris.txt"))
    assert missing.returncode == 1 and "--category" in missing.stderr
    assert files_of(content) == before


def test_task_help_is_indonesian():
    env = {k: v for k, v in os.environ.items() if k != messages.ENVIRONMENT}
    result = subprocess.run([str(REPO / ".venv" / "bin" / "invoke"), "--help", "import-text"], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for words in ("Impor naskah berita", "--region", "Wilayah", "--author", "Wartawan", "--category",
                  "Rubrik", "masukan standar"):
        assert words in result.stdout
    assert "Import a story" not in result.stdout


# --- refusals ------------------------------------------------------------------------------------

def test_refuses_a_story_without_headline(content, english):
    story = parse_story(sample("tolak-tanpa-judul.txt"), DATA)
    assert story.date is not None and story.title == ""
    with pytest.raises(ImportRefused, match="No headline"):
        write_article(story, content, category=CATEGORY)
    assert files_of(content) == files_of(FIXTURE)


def test_refuses_a_story_without_date(content, english):
    story = parse_story(sample("tolak-tanpa-tanggal.txt"), DATA)
    assert story.title and story.date is None
    with pytest.raises(ImportRefused, match="No date"):
        write_article(story, content, category=CATEGORY)
    assert files_of(content) == files_of(FIXTURE)  # not even the profile of the unknown sign-off


def test_refuses_to_overwrite_and_names_the_existing_file(content):
    story = parse_story(sample("05-wib-pukul-ganti-bulan.txt"), DATA)
    first = write_article(story, content, category=CATEGORY).path
    written = first.read_bytes()
    first.write_text(first.read_text(encoding="utf-8") + "Catatan redaktur.\n", encoding="utf-8")
    edited = files_of(content)
    with pytest.raises(ImportRefused) as refused:
        write_article(parse_story(sample("05-wib-pukul-ganti-bulan.txt"), DATA), content, category=CATEGORY)
    assert first.name in str(refused.value)
    assert files_of(content) == edited and first.read_bytes() != written


def test_refuses_without_category_or_region_naming_the_option(content, english):
    story = parse_story(sample("09-tanpa-dateline-byline-atas.txt"), DATA)
    with pytest.raises(ImportRefused, match="--category"):
        write_article(story, content, region=OTHER_REGION)
    with pytest.raises(ImportRefused, match="--region"):
        write_article(story, content, category=CATEGORY)
    unknown_place = parse_story(sample("02-tanggal-indonesia-wita-penulis-di-akhir.txt"), DATA)
    assert unknown_place.region is None
    with pytest.raises(ImportRefused, match="--region") as refused:
        write_article(unknown_place, content, category=CATEGORY)
    assert "Selong" in str(refused.value)
    rubric = DATA.rubrics[0].name
    with pytest.raises(ImportRefused, match=re.escape(rubric)):
        write_article(story, content, region=OTHER_REGION, category=rubric[:-1] + "x")  # a typo: suggested
    assert files_of(content) == files_of(FIXTURE)


def test_options_override_what_the_text_says(content):
    story = parse_story(sample("01-wa-outlet-byline-tanggal-inggris.txt"), DATA)
    other = next(r for r in DATA.regions if r is not story.region)
    reporter = DATA.reporters[-1]
    imported = write_article(story, content, region=other.slug, author=reporter.slug, category=CATEGORY)
    header = scan_header(imported.path.read_text(encoding="utf-8"))
    assert header.value("region") == other.name and header.value("authors") == reporter.name
    assert imported.region_from == "option"


# --- people the newsroom does not know yet ----------------------------------------------------------

def test_unknown_reporter_and_sign_offs_get_profiles_and_are_reported(content, english):
    created = []
    for name in ("03-tanggal-angka-kutip-tipografis-red.txt", "01-wa-outlet-byline-tanggal-inggris.txt",
                 "04-kalimat-terpotong-kode-redaksi.txt"):
        story = parse_story(sample(name), DATA)
        data = fixture_data(content)
        unknown = [n for n in story.reporters if data.reporter_lookup.get(n) is None]
        unknown_sign_off = data.editor_lookup.get(story.editor) is None
        imported = write_article(story, content, region=region_option(story), category=CATEGORY)
        lines = importer.summary(imported, "WITA")
        assert [p.name for p in imported.profiles if not p.initials] == unknown
        sign_offs = [p.initials for p in imported.profiles if p.initials]
        assert sign_offs == ([story.editor] if unknown_sign_off else [])
        for profile in imported.profiles:
            assert profile.path.is_file() and profile.path.parent == content / "data" / "authors"
            assert any(str(profile.path) in line or profile.path.name in line for line in lines)
        assert sum("must be completed" in line for line in lines) == len(imported.profiles)
        created += imported.profiles
    assert {p.name for p in created if not p.initials} == {"Rahmat Hidayat"}
    assert {p.initials for p in created if p.initials} >= {"Adb", "LNG04"}
    after = fixture_data(content)
    for profile in created:
        if profile.initials:
            assert after.editor_lookup.get(profile.initials) is not None
            assert after.reporter_lookup.get(profile.initials).name == profile.initials
        else:
            assert after.reporter_lookup.get(profile.name) is not None


def test_a_known_sign_off_creates_nothing(content):
    known = next(r for r in DATA.reporters if r.initials)
    text = sample("05-wib-pukul-ganti-bulan.txt").replace("(BUS)", f"({known.initials})")
    imported = write_article(parse_story(text, DATA), content, category=CATEGORY)
    assert imported.profiles == [] and imported.editor == known.initials


def test_an_editor_line_with_a_full_name_signs_off_with_initials(content):
    known = next(r for r in DATA.reporters if r.initials)
    text = sample("06-dokumen-word.txt")
    story = parse_story(text.replace("Editor : Red", f"Editor : {known.name}"), DATA)
    assert write_article(story, content, category=CATEGORY).editor == known.initials
    text = text.replace("Editor : Red", "Editor : Ahmad Yani Saputra").replace("Guru", "Dosen")
    unknown = parse_story(text, DATA)
    imported = write_article(unknown, content, category=CATEGORY)
    assert imported.editor == "AYS"
    assert [(p.name, p.initials) for p in imported.profiles] == [("Ahmad Yani Saputra", "AYS")]
    assert fixture_data(content).editor_lookup.get("AYS") is not None


# --- end to end: imported stories pass the strict publish build ----------------------------------------

def test_imported_stories_pass_a_strict_publish_build(content, tmp_path):
    titles = {}
    for name in sorted(CASES):
        story = parse_story(sample(name), DATA)
        imported = write_article(story, content, region=region_option(story), category=CATEGORY)
        text = imported.path.read_text(encoding="utf-8")
        assert "Status: draft\n" in text
        imported.path.write_text(text.replace("Status: draft\n", "Status: published\n"), encoding="utf-8")
        when = story.date.when
        titles[f"berita/{when:%Y}/{when:%m}/{imported.path.stem}/index.html"] = story.title
    out = build(PUBLISH, content, tmp_path / "out")
    for page, title in titles.items():
        assert html.escape(title, quote=False) in (out / page).read_text(encoding="utf-8"), page


# --- the pieces ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("Aug 20, 2024 - 12:40", "2024-08-20 12:40"),
    ("Selasa, 20 Agustus 2024 | 12:40 WITA", "2024-08-20 12:40"),
    ("20/08/2024 12:40", "2024-08-20 12:40"),
    ("Minggu, 6 Oktober 2024 - 19:59 WITA", "2024-10-06 19:59"),
    ("Selasa, 20 Agustus 2024 | 12:40 WIB", "2024-08-20 13:40"),
    ("Selasa, 20 Agustus 2024 | 12:40 WIT", "2024-08-20 11:40"),
    ("Selasa, 20 Agu 2024 pukul 12.40 Wita", "2024-08-20 12:40"),
    ("Minggu, 6 Okt 2024, 07.05", "2024-10-06 07:05"),
    ("31 Des 2024 23:30 WIB", "2025-01-01 00:30"),
    ("Jum'at, 1 Nopember 2024 - 08:00", "2024-11-01 08:00"),
    ("Tuesday, August 20, 2024 at 12:40 PM", "2024-08-20 12:40"),
    ("Aug 20, 2024 - 12:10 AM", "2024-08-20 00:10"),
    ("August 20th, 2024 12:40 UTC+7", "2024-08-20 13:40"),
    ("2024-08-20 12:40", "2024-08-20 12:40"),
    ("20-08-2024 12.40 WITA", "2024-08-20 12:40"),
    ("Tanggal: 20 Agustus 2024", "2024-08-20 00:00"),
    ("*Selasa, 20 Agustus 2024 | 12:40 WITA*", "2024-08-20 12:40"),
])
def test_date_lines_in_english_and_indonesian(line, expected):
    found = parse_date_line(line, WITA)
    assert f"{found.when:%Y-%m-%d %H:%M}" == expected
    assert found.has_time == (line != "Tanggal: 20 Agustus 2024")


@pytest.mark.parametrize("line", [
    "Selasa (20/8/2024) warga berkumpul di kantor desa.", "31 Februari 2024 10:00", "20 Agustos 2024",
    "Pukul 12:40 WITA", "Harga naik 20/08", "13/13/2024 12:40", "20 Agustus 2024 25:00",
])
def test_lines_that_are_not_date_lines(line):
    assert parse_date_line(line, WITA) is None


@pytest.mark.parametrize("paragraph, place", [
    ("Mataram NTB - Harga naik.", "Mataram"),
    ("SELONG, NTB – Petani protes.", "Selong"),
    ("Dompu, NTB.FPII.OR.ID – Polisi menangkap.", "Dompu"),
    ("Mataram, Outlet.com - Festival ditutup.", "Mataram"),
    ("MATARAM — Listrik padam.", "Mataram"),
    ("Lombok Timur (FPII NTB) - Panen dimulai.", "Lombok Timur"),
    ("KOTA MATARAM - Wali kota meresmikan pasar.", "Kota Mataram"),
    ("Kupang, NTT - Hujan turun.", "Kupang"),
    ("Praya – Bandara ramai.", "Praya"),
])
def test_datelines_leave_the_place_only(paragraph, place):
    found, rest = split_dateline(paragraph, Context.of(DATA))
    assert found == place
    assert rest == re.split(r"\s*[-–—]\s+", paragraph, maxsplit=1)[1]


@pytest.mark.parametrize("paragraph", [
    "Harga beras naik sejak awal pekan - kata pedagang.",
    "Pemerintah kota membuka pendaftaran beasiswa.",
    "\"Kami - warga desa - menolak,\" katanya.",
])
def test_paragraphs_without_a_dateline_are_kept_whole(paragraph):
    assert split_dateline(paragraph, Context.of(DATA)) == ("", paragraph)


def test_a_headline_with_a_dash_is_a_headline_not_a_dateline():
    text = ("Jembatan Gantung Dibuka - Warga Desa Bersyukur\n20/08/2024 12:40\n\n"
            "Mataram NTB - Jembatan gantung di desa itu akhirnya dibuka untuk warga.\n")
    story = parse_story(text, DATA)
    assert story.title == "Jembatan Gantung Dibuka - Warga Desa Bersyukur"
    assert story.dateline == "Mataram"


def test_rejoin_only_joins_a_split_sentence():
    paragraphs = ["Panitia mencatat sepuluh ribu pengunjung selama tiga hari", "pelaksanaan festival.",
                  "Ketua panitia berkata:", "tahun depan lebih besar.", "\"Kami siap,\" katanya.",
                  "- satu", "- dua"]
    joined, count = rejoin(paragraphs)
    assert count == 1
    assert joined[0] == "Panitia mencatat sepuluh ribu pengunjung selama tiga hari pelaksanaan festival."
    assert joined[1:] == paragraphs[2:]


def test_a_title_split_in_two_is_joined():
    text = ("Harga Cabai Rawit di Pasar Kebon Roek\nnaik jelang Maulid\n20/08/2024 12:40\n\n"
            "Mataram - Harga naik.\n")
    assert parse_story(text, DATA).title == "Harga Cabai Rawit di Pasar Kebon Roek naik jelang Maulid"


def test_a_sentence_in_the_story_that_starts_with_a_label_stays():
    text = ("Judul Berita Uji Tentang Laporan Statistik\n20/08/2024 12:40\n\n"
            "Mataram - BPS merilis data baru.\n\nLaporan: angka kemiskinan turun dua persen tahun ini.\n")
    story = parse_story(text, DATA)
    assert story.reporters == []
    assert story.paragraphs[-1].startswith("Laporan: angka kemiskinan")


def test_a_dateline_alone_on_its_line_and_oleh_inside_the_story():
    paragraphs = ["Pasar baru itu dibangun dua tahun.", "Oleh Bupati Dompu pasar itu diresmikan.",
                  "Pedagang senang."]
    text = ("Bupati Resmikan Pasar Baru di Kota Dompu\nOleh Lalu Uji Dua\n20/08/2024 12:40\n\n"
            "DOMPU, NTB -\n\n"
            + "\n\n".join(paragraphs))
    story = parse_story(text, DATA)
    assert story.reporters == ["Lalu Uji Dua"] and story.dateline == "Dompu"
    assert story.paragraphs == paragraphs


def test_refused_file_kinds_and_missing_files(tmp_path, english):
    old = tmp_path / "naskah.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ImportRefused, match=r"\.docx or \.txt"):
        read_source(str(old))
    broken = tmp_path / "rusak.docx"
    broken.write_text("bukan docx", encoding="utf-8")
    with pytest.raises(ImportRefused, match="not a readable .docx"):
        read_source(str(broken))
    with pytest.raises(ImportRefused, match="does not exist"):
        read_source(str(tmp_path / "tidak-ada.txt"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80), max_size=12))
def test_any_text_parses_without_losing_quotes(lines):
    text = "\n".join(lines)
    story = parse_story(text, DATA)
    assert all(p.strip() for p in story.paragraphs)
    assert Counter(c for c in story.body if c in "“”‘’") <= Counter(c for c in text if c in "“”‘’")


def test_every_message_of_the_importer_is_translated():
    found = {m[1] for m in extract_from_file("python", str(Path(importer.__file__)),
                                               keywords={"_": None, "n_": (1, 2)})}
    with CATALOGUE.open("rb") as fh:
        catalogue = read_po(fh, locale="id")
    assert catalogue.locale.language == "id" and catalogue.plural_forms == "nplurals=1; plural=0;"
    assert len(found) > 30
    for message_id in found:
        message = catalogue.get(message_id[0] if isinstance(message_id, tuple) else message_id)
        assert message is not None and not message.fuzzy, message_id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message_id if isinstance(message_id, tuple) else (message_id,)
        wanted = set(re.findall(r"\{(\w+)\}", ids[-1]))
        assert all(s and set(re.findall(r"\{(\w+)\}", s)) == wanted for s in strings), message_id


def test_a_chapter_in_another_time_zone_gets_its_own_clock(content, english):
    """site.toml decides the zone: in Jakarta (WIB, no abbreviation written in site.toml) a story
    dated 23.30 WIB keeps its time, one dated in WITA is converted, and every message says WIB."""
    site = content / "data" / "site.toml"
    site.write_text(site.read_text().replace('timezone = "Asia/Makassar"\ntimezone_abbr = "WITA"\n',
                                             'timezone = "Asia/Jakarta"\n'), encoding="utf-8")
    data = fixture_data(content)
    story = parse_story(sample("05-wib-pukul-ganti-bulan.txt"), data)
    assert story.date.when == datetime.datetime(2024, 10, 31, 23, 30) and not story.date.zone_written
    lines = importer.run(str(SAMPLES / "05-wib-pukul-ganti-bulan.txt"), content, category=CATEGORY)
    assert "Date: 2024-10-31 23:30 WIB" in lines
    assert "Date: 2024-10-31 23:30" in Path(lines[-1]).read_text(encoding="utf-8")
    wita = parse_date_line("Selasa, 20 Agustus 2024 | 12:40 WITA", importer.Context.of(data).zone)
    assert (wita.when, wita.zone_written) == (datetime.datetime(2024, 8, 20, 11, 40), "WITA")
    with pytest.raises(importer.ImportRefused, match=r"12:40 WIB'"):
        importer.check_story(importer.Story(title="Judul", date=None), "WIB")

"""`invoke new` and `invoke reporter` without invoke: new_article and new_reporter over the fixture."""

import datetime
import tomllib
import zoneinfo
from pathlib import Path

import pytest

from newsroom import messages
from newsroom.data import load
from newsroom.problems import ProblemLog
from newsroom.scaffold import EDITOR_ROLES, ROLES, _toml_string, check_role, new_article, new_reporter

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
SAMPLE_AUTHORS = Path(__file__).resolve().parents[3] / "content" / "data" / "authors"


@pytest.fixture
def indonesian(monkeypatch):
    monkeypatch.setenv(messages.ENVIRONMENT, "id")
    messages.use("id")
    yield
    monkeypatch.undo()
    messages.use(None)


# --- new_reporter ---------------------------------------------------------------------------------

def test_reporter_file_is_complete_and_loads(content):
    path = new_reporter(content, "Dewi Kartika", region="Lotim")
    assert path == content / "data/authors/dewi-kartika.toml"
    entry = tomllib.loads(path.read_text(encoding="utf-8"))
    assert entry == {"name": "Dewi Kartika", "role": "Wartawan", "region": "lombok-timur", "bio": "", "email": ""}
    problems = ProblemLog()
    data = load(content / "data", {}, problems)
    assert not problems.items
    reporter = data.reporter_lookup.get("Dewi Kartika")
    assert reporter.slug == "dewi-kartika" and reporter.region.slug == "lombok-timur"


def test_an_editor_gets_initials_that_articles_can_name(content):
    path = new_reporter(content, "Made Wirawan Putra", region="kota-mataram", role="redaktur pelaksana")
    entry = tomllib.loads(path.read_text(encoding="utf-8"))
    assert entry["role"] == "Redaktur Pelaksana" and entry["initials"] == "MWP"
    data = load(content / "data", {}, ProblemLog())
    assert data.editor_lookup.get("MWP").name == "Made Wirawan Putra"
    given = new_reporter(content, "Rina Aulia", role="Pemimpin Redaksi", initials="r a")
    assert tomllib.loads(given.read_text(encoding="utf-8"))["initials"] == "RA"


def test_every_key_is_explained_with_the_allowed_roles(content):
    text = new_reporter(content, "Dewi Kartika", region="Lotim").read_text(encoding="utf-8")
    for role in ROLES:
        assert f'"{role}"' in text
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert len(comments) >= 8 and '# initials = ""' in comments


def test_the_comments_are_in_indonesian(content, indonesian):
    text = new_reporter(content, "Dewi Kartika", region="Lotim").read_text(encoding="utf-8")
    assert "# Profil wartawan." in text and "Jabatan di redaksi" in text and "Wilayah liputan" in text
    assert tomllib.loads(text)["name"] == "Dewi Kartika"


def test_never_overwrites_and_names_the_file(content, indonesian):
    path = new_reporter(content, "Dewi Kartika", region="Lotim")
    before = path.read_bytes()
    with pytest.raises(SystemExit, match=r"dewi-kartika\.toml sudah ada; tidak ada yang ditimpa"):
        new_reporter(content, "Dewi Kartika", region="Dompu", role="Fotografer")
    assert path.read_bytes() == before


@pytest.mark.parametrize("kwargs, expected", [
    ({"region": "Lombok Timurr"}, "did you mean 'Lombok Timur'?"),
    ({"role": "Wartwan"}, "did you mean 'Wartawan'?"),
    ({"role": "Presiden"}, "Allowed: Pemimpin Redaksi"),
    ({"initials": "DK"}, "Only editors"),
    ({"role": "Redaktur", "initials": "BUS"}, "already belong to Baiq Uji Satu"),
])
def test_refusals_write_nothing(content, kwargs, expected):
    with pytest.raises(SystemExit, match=expected.replace("?", r"\?")):
        new_reporter(content, "Dewi Kartika", **kwargs)
    assert not (content / "data/authors/dewi-kartika.toml").exists()


@pytest.mark.parametrize("name, expected", [
    ("", "name is missing"), ("--help", "looks like an option"), ("!!!", "no letters or digits"),
    ("Lalu Uji Dua", "already exists"), ("LALU  uji dua", "already exists"),
])
def test_names_that_cannot_be_a_reporter(content, name, expected):
    with pytest.raises(SystemExit, match=expected):
        new_reporter(content, name)


@pytest.mark.parametrize("name", ['Andi "Bung" Firman', "Back\\slash Ali", "Ni Luh Çağlar Ñoño", "Tab\tBaris"])
def test_any_name_is_written_as_valid_toml(content, name):
    entry = tomllib.loads(new_reporter(content, name).read_text(encoding="utf-8"))
    assert entry["name"] == " ".join(name.split())


@pytest.mark.parametrize("value", ['a"b', "c\\d", "e\nf", "\x00\x1f\x7f", "é ü 你好"])
def test_toml_strings_round_trip(value):
    assert tomllib.loads(f"x = {_toml_string(value)}")["x"] == value


def test_the_roles_of_the_sample_newsroom_are_allowed():
    for path in SAMPLE_AUTHORS.glob("*.toml"):
        role = tomllib.loads(path.read_text(encoding="utf-8")).get("role", "")
        assert check_role(role) == role, path.name
    assert set(EDITOR_ROLES) <= set(ROLES) and check_role("") == "Wartawan"


# --- new_article ----------------------------------------------------------------------------------

def test_date_chooses_the_month_folder(content):
    path = new_article(content, "Panen Jagung di Dompu", region="Dompu", date="2025-03-04 10:05")
    assert path == content / "berita/2025/03/panen-jagung-di-dompu.md"
    assert "Date: 2025-03-04 10:05\n" in path.read_text(encoding="utf-8")
    later = new_article(content, "Embargo", date=datetime.datetime(2031, 1, 2, 7, 0, tzinfo=WITA))
    assert later == content / "berita/2031/01/embargo.md"


@pytest.mark.parametrize("date", ["kemarin", "04-03-2025 10:05", "2025-02-30 10:00", "2025-03-04"])
def test_a_date_that_is_not_one_is_refused(content, date):
    with pytest.raises(SystemExit, match="YYYY-MM-DD HH:MM"):
        new_article(content, "Lain", date=date)
    assert not list((content / "berita").rglob("lain.md"))


@pytest.mark.parametrize("title, expected", [("", "headline is missing"), ("   ", "headline is missing"),
                                             ("--help", "looks like an option"), ("-t", "looks like an option")])
def test_a_title_that_is_not_a_headline_is_refused(content, title, expected):
    before = sorted((content / "berita").rglob("*"))
    with pytest.raises(SystemExit, match=expected):
        new_article(content, title)
    assert sorted((content / "berita").rglob("*")) == before


def test_article_messages_in_indonesian(content, indonesian):
    now = datetime.datetime(2026, 11, 2, 8, 5, tzinfo=WITA)
    path = new_article(content, "Jalan Rusak", now=now)
    assert "Tulis berita di sini." in path.read_text(encoding="utf-8")
    with pytest.raises(SystemExit, match="sudah ada; pilih judul lain"):
        new_article(content, "Jalan Rusak", now=now)

"""`filmtui import imdb ratings.csv`: IMDb's ratings export, matched by IMDb id; with a TMDB key
the films the collection lacks are looked up (on the loopback stand-in) and added."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_cli import filmtui
from test_import_letterboxd import EXPORT, SAMPLES, user_data, yours
from tmdb.server import FakeTmdb, point_filmtui_at, real_films, synthetic

RATINGS = SAMPLES / "imdb-ratings.csv"
TOKEN = "tok-import-93d1-SECRET-never-shown"


def test_ratings_match_by_imdb_id_and_tv_and_bad_rows_are_skipped(data_dir: Path) -> None:
    result = filmtui("import", "imdb", str(RATINGS), "--apply")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Matched 2 films (2 by IMDb id)" in out
    assert "  imdb-ratings.csv line 4: Breaking Bad is a TV Series, not a film" in out
    assert "  imdb-ratings.csv line 6: a rating is a whole number from 1 to 10, not 'eleven'" in out
    assert "  A Film Not Here (1950): not in the collection" in out
    assert "they would be looked up on TMDB" in out  # no key: said, not tried
    assert yours("heat") == {"watchlist": False, "rating": 9, "note": "",
                             "diary": [{"date": None, "rating": None, "note": "", "rewatch": False}]}
    assert yours("the godfather")["rating"] == 10


def test_a_bom_and_windows_line_ends_read_the_same(data_dir: Path, tmp_path: Path) -> None:
    windows = tmp_path / "ratings.csv"
    windows.write_bytes(b"\xef\xbb\xbf" + RATINGS.read_bytes().replace(b"\n", b"\r\n"))
    result = filmtui("import", "imdb", str(windows))
    assert result.returncode == 0, result.stderr
    assert "Matched 2 films (2 by IMDb id)" in result.stdout
    assert "ratings.csv line 6:" in result.stdout  # line numbers unchanged by \r\n


def test_missing_columns_name_the_file(data_dir: Path, tmp_path: Path) -> None:
    cut = tmp_path / "ratings.csv"
    cut.write_text("Const,Title,Year\ntt0113277,Heat,1995\n")
    result = filmtui("import", "imdb", str(cut), "--apply")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "filmtui: ratings.csv lacks the columns Your Rating, Date Rated (it has: Const, Title, "
        "Year); nothing was imported"
    )
    folder = filmtui("import", "imdb", str(tmp_path))
    assert folder.returncode == 2 and "is a folder" in folder.stderr
    assert user_data(data_dir) == {}


@pytest.fixture(scope="module")
def tmdb_server() -> Iterator[FakeTmdb]:
    with FakeTmdb(token=TOKEN, api_key=None) as server:
        yield server


@pytest.fixture
def tmdb(tmdb_server: FakeTmdb, monkeypatch: pytest.MonkeyPatch) -> FakeTmdb:
    tmdb_server.films = real_films()
    tmdb_server.reset_log()
    point_filmtui_at(tmdb_server, monkeypatch, TOKEN, timeout="2", retries="1")
    return tmdb_server


def test_with_a_key_unmatched_films_are_looked_up_and_added_with_apply(
    data_dir: Path, tmdb: FakeTmdb
) -> None:
    tmdb.add({**synthetic(70001, "A Film Not Here", 1950), "imdb_id": "tt0000001"})
    tmdb.add(synthetic(70002, "Le Samouraï", 1967))
    dry = filmtui("import", "imdb", str(RATINGS))
    assert dry.returncode == 0, dry.stderr
    assert "Added from TMDB (with --apply):\n  A Film Not Here (1950) [70001]" in dry.stdout
    assert "would add 1 from TMDB" in dry.stdout
    assert "70001" not in filmtui("search", "A Film Not Here").stdout  # a dry run adds nothing
    applied = filmtui("import", "imdb", str(RATINGS), "--apply")
    assert applied.returncode == 0, applied.stderr
    assert "Matched 3 films (2 by IMDb id, 1 by a TMDB lookup), add 1 from TMDB" in applied.stdout
    added = json.loads(filmtui("show", "70001", "--json").stdout)
    assert added["title"] == "A Film Not Here" and added["user"]["rating"] == 8
    # Letterboxd has no ids: the lookup goes by title and year.
    letterboxd = filmtui("import", "letterboxd", str(EXPORT), "--apply")
    assert letterboxd.returncode == 0, letterboxd.stderr
    assert "Le Samouraï (1967) [70002]" in letterboxd.stdout
    samourai = json.loads(filmtui("show", "70002", "--json").stdout)["user"]
    assert samourai["rating"] == 8 and samourai["diary"][0]["date"] == "2024-02-29"
    assert TOKEN not in dry.stdout + dry.stderr + applied.stdout + applied.stderr


def test_tmdb_unreachable_lists_the_rest_with_why(data_dir: Path, tmdb: FakeTmdb,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FILMTUI_TMDB_URL", "http://127.0.0.1:9/3")  # nothing listens there
    result = filmtui("import", "imdb", str(RATINGS), "--apply")
    assert result.returncode == 0, result.stderr
    assert "A Film Not Here (1950): not in the collection" in result.stdout
    assert "TMDB could not be asked about the rest" in result.stdout
    assert yours("heat")["rating"] == 9  # what matched is still imported


def test_a_json_film_the_collection_lacks_is_added_by_its_tmdb_id(
    data_dir: Path, tmdb: FakeTmdb, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"format": "filmtui-yours", "version": 1, "films": [
        {"tmdb_id": 550, "title": "Fight Club", "year": 1999, "rating": 8, "watchlist": True,
         "diary": [{"date": "2024-02-02", "rating": 8, "note": "", "rewatch": False}]},
        {"tmdb_id": 99999999, "title": "Gone From TMDB", "rating": 3}]}))
    result = filmtui("import", "json", str(mine), "--apply")
    assert result.returncode == 0, result.stderr
    assert "  Gone From TMDB: TMDB has no such film" in result.stdout
    fight_club = json.loads(filmtui("show", "550", "--json").stdout)
    assert fight_club["title"] == "Fight Club" and fight_club["user"]["watchlist"] is True
    assert fight_club["user"]["diary"] == [{"date": "2024-02-02", "rating": 8, "note": "", "rewatch": False}]

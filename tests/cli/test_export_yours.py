"""`filmtui export --yours`: your data as Letterboxd's import CSV, a plain CSV and JSON that
`filmtui import json` reads back whole."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from test_cli import filmtui
from test_import_letterboxd import EXPORT, user_data


def _life() -> None:
    """Some of everything: viewings with and without ratings and notes, a rewatch, an undated
    viewing, a rating set apart from the diary, a watchlist mark, a multi-line note."""
    for args in (
        ("seen", "heat", "--on", "2024-01-04", "--rating", "9", "--note", "first, \"quoted\""),
        ("seen", "heat", "--on", "2024-05-31", "--rating", "7", "--note", "line one\nline two"),
        ("rate", "heat", "10", "--note", "the film's own note"),
        ("seen", "godfather", "--on", "2023-12-25"),
        ("watchlist", "add", "zodiac", "thief"),
        ("rate", "casino", "5"),
    ):
        assert filmtui(*args).returncode == 0, args
    assert filmtui("import", "letterboxd", str(EXPORT), "--apply").returncode == 0  # undated ones


def test_json_round_trip_brings_back_the_same_user_data(data_dir: Path, tmp_path: Path) -> None:
    _life()
    before = user_data(data_dir)
    out = tmp_path / "mine.json"
    exported = filmtui("export", "--yours", "--format", "json", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.strip() == f"Your data for {len(before)} films -> {out}"
    (data_dir / "user.json").unlink()  # wiped
    assert user_data(data_dir) == {}
    dry = filmtui("import", "json", str(out))
    assert f"Matched {len(before)} films ({len(before)} by IMDb id)" in dry.stdout
    assert user_data(data_dir) == {}
    # Without IMDb ids the TMDB id matches (filmtui's own id; a Letterboxd import CSV has it).
    doc = json.loads(out.read_text())
    for film in doc["films"]:
        film["imdb_id"] = None
    no_imdb = tmp_path / "no-imdb.json"
    no_imdb.write_text(json.dumps(doc))
    by_tmdb = filmtui("import", "json", str(no_imdb))
    assert f"Matched {len(before)} films ({len(before)} by TMDB id)" in by_tmdb.stdout
    applied = filmtui("import", "json", str(out), "--apply")
    assert applied.returncode == 0, applied.stderr
    assert user_data(data_dir) == before
    again = filmtui("import", "json", str(out), "--apply")
    assert "Nothing to change" in again.stdout and user_data(data_dir) == before


def test_letterboxd_format_has_its_columns_half_stars_and_a_watchlist_file(
    data_dir: Path, tmp_path: Path
) -> None:
    _life()
    out = tmp_path / "letterboxd.csv"
    result = filmtui("export", "--yours", "--format", "letterboxd", "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert list(rows[0]) == ["Title", "Year", "imdbID", "tmdbID", "WatchedDate", "Rating",
                             "Rating10", "Rewatch", "Review", "Tags"]
    heat = [r for r in rows if r["tmdbID"] == "949"]
    assert [(r["WatchedDate"], r["Rating"], r["Rating10"], r["Rewatch"]) for r in heat] == [
        ("2024-01-04", "4.5", "9", ""), ("2024-05-31", "3.5", "7", "Yes"),
    ]
    assert heat[0]["Review"] == 'first, "quoted"' and heat[1]["Review"] == "line one\nline two"
    assert heat[0]["imdbID"] == "tt0113277" and heat[0]["Year"] == "1995"
    casino = [r for r in rows if r["Title"] == "Casino"]
    assert casino == [{**casino[0], "WatchedDate": "", "Rating": "2.5", "Rating10": "5"}]
    watchlist = list(csv.DictReader((tmp_path / "letterboxd-watchlist.csv").open(encoding="utf-8")))
    assert {r["Title"] for r in watchlist} == {"Zodiac", "Thief"}
    assert {"Zodiac", "Thief"}.isdisjoint(r["Title"] for r in rows)  # not marked as watched


def test_plain_csv_has_a_row_per_viewing_and_a_film_never_logged(data_dir: Path) -> None:
    _life()
    result = filmtui("export", "--yours", "--format", "csv", "--out", "-")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines(keepends=True)))
    heat = [r for r in rows if r["tmdb_id"] == "949"]
    assert [r["watched_date"] for r in heat] == ["2024-01-04", "2024-05-31"]
    assert {r["rating"] for r in heat} == {"10"} and heat[0]["note"] == "the film's own note"
    zodiac = [r for r in rows if r["title"] == "Zodiac"]
    assert len(zodiac) == 1 and zodiac[0]["watchlist"] == "True" and zodiac[0]["watched_date"] == ""


def test_bad_export_requests_are_one_line(data_dir: Path, tmp_path: Path) -> None:
    for args, says in (
        (("export", "--yours", "heat"), "name no films"),
        (("export", "--yours", "--format", "markdown"), "letterboxd, csv or json"),
        (("export", "heat", "--format", "letterboxd"), "is for --yours"),
        (("export",), "--yours"),
    ):
        result = filmtui(*args)
        assert result.returncode == 2 and says in result.stderr, (args, result.stderr)
    blocked = tmp_path / "file"
    blocked.write_text("")
    result = filmtui("export", "--yours", "--out", str(blocked / "mine.json"))
    assert result.returncode == 1 and result.stderr.startswith("filmtui: cannot write")


def test_a_json_file_that_is_not_ours_imports_nothing(data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"films": []}')
    result = filmtui("import", "json", str(other), "--apply")
    assert result.returncode == 2 and "is not a filmtui export" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"format": "filmtui-yours", "version": 1, "films": [
        {"tmdb_id": 949, "rating": 11}, {"tmdb_id": 238, "rating": 8}]}))
    result = filmtui("import", "json", str(broken), "--apply")
    assert result.returncode == 0, result.stderr
    assert "broken.json film 1: a rating is a whole number from 1 to 10, not 11" in result.stdout
    assert list(user_data(data_dir)) == ["238"]

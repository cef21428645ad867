"""`filmtui seen` and `filmtui diary`: logging viewings, listing them by month, and the diary
surviving a TMDB refresh and a catalogue re-sync untouched."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from filmtui.store import Store
from test_cli import filmtui
from tmdb.server import FakeTmdb, point_filmtui_at, real_films, synthetic

TOKEN = "tok-diary-41c7-SECRET-never-shown"


def diary_json(*args: str) -> list[dict]:
    result = filmtui("diary", "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_seen_logs_today_by_default_and_a_second_time_is_a_rewatch(data_dir: Path) -> None:
    first = filmtui("seen", "heat")
    today = date.today().isoformat()
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == f"Heat (1995): seen {today}."
    again = filmtui("seen", "heat", "--on", "2024-05-31", "--rating", "9", "--note", "still the best")
    assert again.stdout.strip() == "Heat (1995): seen 2024-05-31, 9/10 · a rewatch (2 viewings logged)."
    assert diary_json() == [
        {"date": today, "film_id": 949, "title": "Heat", "year": 1995, "rating": None,
         "rewatch": False, "note": ""},
        {"date": "2024-05-31", "film_id": 949, "title": "Heat", "year": 1995, "rating": 9,
         "rewatch": True, "note": "still the best"},
    ]
    # The viewing's rating became the film's rating.
    assert json.loads(filmtui("show", "heat", "--json").stdout)["user"]["rating"] == 9


def test_diary_lists_by_month_newest_first_with_notes_shown_literally(data_dir: Path) -> None:
    assert filmtui("seen", "godfather", "--on", "2024-02-09", "--rating", "10").returncode == 0
    note = "the [bold]coffee[/] scene\x1b[31m\x07\nsecond line"
    assert filmtui("seen", "heat", "casino", "--on", "2024-03-15", "--note", note).returncode == 0
    assert filmtui("seen", "zodiac", "--on", "2024-03-20", "--rewatch").returncode == 0
    shown = filmtui("diary")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == [
        "March 2024",
        "  2024-03-20  Zodiac (2007)  rewatch",
        "  2024-03-15  Casino (1995)  · the [bold]coffee[/] scene",
        "              second line",
        "  2024-03-15  Heat (1995)  · the [bold]coffee[/] scene",
        "              second line",
        "",
        "February 2024",
        "  2024-02-09  The Godfather (1972)  10/10",
        "",
    ]
    assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
    february = filmtui("diary", "--month", "2024-02").stdout
    assert "Godfather" in february and "Heat" not in february
    assert filmtui("diary", "--month", "2023-01").stdout.startswith("Nothing logged in 2023-01")


@pytest.mark.parametrize("args, says", [
    (("seen", "heat", "--on", "2024-02-30"), "a day like"),
    (("seen", "heat", "--on", "yesterday"), "a day like"),
    (("seen", "heat", "--on", "2999-01-01"), "in the future"),
    (("seen", "heat", "--rating", "11"), "1 to 10"),
    (("seen", "heat", "--note", "x" * 10_001), "at most 10,000"),
    (("diary", "--month", "2024-13"), "a month like"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_logged(data_dir: Path, args, says) -> None:
    result = filmtui(*args)
    assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr
    assert diary_json() == []


def test_an_unknown_film_logs_none_of_them(data_dir: Path) -> None:
    result = filmtui("seen", "heat", "zzqqxx")
    assert result.returncode == 1 and "no film matches 'zzqqxx'" in result.stderr
    assert diary_json() == []


@pytest.fixture(scope="module")
def tmdb_server() -> Iterator[FakeTmdb]:
    with FakeTmdb(token=TOKEN, api_key=None) as server:
        yield server


def test_the_diary_is_untouched_by_a_refresh(
    data_dir: Path, tmdb_server: FakeTmdb, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmdb_server.films = real_films()
    point_filmtui_at(tmdb_server, monkeypatch, TOKEN, timeout="2", retries="1")
    assert filmtui("seen", "heat", "--on", "2024-01-04", "--rating", "9", "--note", "first").returncode == 0
    assert filmtui("seen", "heat", "--on", "2024-05-31", "--rewatch").returncode == 0
    before = diary_json()
    user_file = (data_dir / "user.json").read_bytes()
    refreshed = filmtui("refresh", "949")
    assert refreshed.returncode == 0, refreshed.stderr
    assert json.loads(filmtui("show", "949", "--json").stdout)["refreshed_at"]
    assert diary_json() == before and (data_dir / "user.json").read_bytes() == user_file


def test_the_diary_is_untouched_by_a_catalogue_resync(data_dir: Path, catalog: Path) -> None:
    assert filmtui("seen", "heat", "--on", "2024-01-04", "--rating", "8").returncode == 0
    before = diary_json()
    heat = catalog / "heat-1995.toml"
    text = heat.read_text()
    start = text.index("blurb = ")
    heat.write_text(text[:start] + 'blurb = "Rewritten."' + text[text.index("\n", start):])
    resynced = Store.open(data_dir, catalog)  # a new fingerprint: the catalogue is re-synced
    assert resynced.film(949).blurb == "Rewritten."
    assert [v.date for v in resynced.user(949).diary] == ["2024-01-04"]
    # And back to the embedded catalogue, another re-sync, from the command line.
    assert diary_json() == before

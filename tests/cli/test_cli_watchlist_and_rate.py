"""`filmtui watchlist` and `filmtui rate`: the user's own data from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli import filmtui


def test_watchlist_add_list_remove_and_the_film_page_says_so(data_dir: Path) -> None:
    empty = filmtui("watchlist")
    assert empty.returncode == 0 and "watchlist is empty" in empty.stdout
    added = filmtui("watchlist", "add", "heat", "godfather")
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines() == [
        "Heat (1995) is on your watchlist.",
        "The Godfather (1972) is on your watchlist.",
    ]
    listed = filmtui("watchlist").stdout.split()
    assert "Godfather" in listed and "Heat" in listed
    assert listed.index("Godfather") < listed.index("Heat")  # title order ignores "The"
    assert json.loads(filmtui("show", "949", "--json").stdout)["user"]["watchlist"] is True
    assert "Yours: on your watchlist" in filmtui("show", "heat").stdout
    assert "Yours:         2 on your watchlist, 0 rated" in filmtui("status").stdout
    assert json.loads(filmtui("status", "--json").stdout)["watchlist"] == 2
    removed = filmtui("watchlist", "remove", "949")
    assert removed.stdout.strip() == "Heat (1995) is off your watchlist."
    assert "Heat" not in filmtui("watchlist").stdout


def test_an_unknown_film_changes_nothing(data_dir: Path) -> None:
    result = filmtui("watchlist", "add", "heat", "zzqqxx")
    assert result.returncode == 1 and "no film matches 'zzqqxx'" in result.stderr
    assert "Heat" not in filmtui("watchlist").stdout  # all found first, then written
    by_id = filmtui("watchlist", "add", "123456789")
    assert by_id.returncode == 1 and "filmtui add --id 123456789" in by_id.stderr


def test_rate_with_a_note_then_clear_and_bad_ratings_exit_2(data_dir: Path) -> None:
    rated = filmtui("rate", "heat", "9", "--note", "the coffee [bold]scene[/]")
    assert rated.returncode == 0, rated.stderr
    assert rated.stdout.strip() == "Heat (1995): your rating 9/10 · with your note."
    page = filmtui("show", "heat").stdout
    assert "your rating 9/10" in page and "Your note: the coffee [bold]scene[/]" in page
    for bad in ("11", "0", "8.5", "nine"):
        refused = filmtui("rate", "heat", bad)
        assert refused.returncode == 2 and "1 to 10" in refused.stderr and "Traceback" not in refused.stderr
    assert json.loads(filmtui("show", "heat", "--json").stdout)["user"]["rating"] == 9
    nothing = filmtui("rate", "heat")
    assert nothing.returncode == 2 and "--note" in nothing.stderr
    cleared = filmtui("rate", "heat", "none", "--note", "")
    assert cleared.stdout.strip() == "Heat (1995): no rating."
    assert json.loads(filmtui("show", "heat", "--json").stdout)["user"] == {
        "watchlist": False, "rating": None, "note": "", "diary": [],
    }

"""`filmtui show` on links out and where to watch, from what the store holds: nothing yet (a
catalogue film never refreshed), and a stored document with hostile names in it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from filmtui.store import Store, TmdbUpdate
from filmtui.terms import JUSTWATCH_CREDIT

HOSTILE = "[bold red]Owned[/] \x1b]8;;https://evil.example\x07Flix\x1b[31m"
"""A provider name with Rich markup, an OSC 8 hyperlink and a colour escape in it."""


@pytest.fixture(autouse=True)
def in_the_us(monkeypatch: pytest.MonkeyPatch) -> None:
    """The region set, so the machine's locale cannot choose it."""
    monkeypatch.setenv("FILMTUI_REGION", "US")


def filmtui(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "filmtui", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)


def hostile_film(data_dir: Path) -> None:
    Store.open(data_dir).write_tmdb([TmdbUpdate(4244, {
        "id": 4244, "title": "Night Shift", "year": 2003, "refreshed_at": "2026-11-20T10:00:00+00:00",
        "homepage": "https://example.org/night-shift",
        "videos": [{"name": "[link=https://evil.example]Trailer[/link]\x1b[2J", "site": "YouTube",
                    "key": "k3y\x1b[2J\x9b", "type": "Trailer", "official": True}],
        "providers": {"US": {"link": "", "flatrate": [HOSTILE], "rent": [], "buy": ["*Shop*"]}},
    })])


def test_nothing_stored_says_so_in_one_line_and_still_links_out() -> None:
    result = filmtui("show", "casino")
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert ("Watch: Not known yet: updating from TMDB (filmtui refresh 524) fetches where to watch "
            "in US.\n") in page
    assert "  TMDB: https://www.themoviedb.org/movie/524\n" in page
    assert "  Letterboxd: https://letterboxd.com/tmdb/524\n" in page
    assert "Trailer" not in page and JUSTWATCH_CREDIT not in page
    watch = json.loads(filmtui("show", "casino", "--json").stdout)
    assert watch["trailers"] == [] and [link["label"] for link in watch["links"]][0] == "TMDB"
    assert watch["watch"] == {
        "region": "US", "known": False, "as_of": None, "age": None, "stream": [], "rent": [],
        "buy": [], "link": None, "credit": None,
        "line": "Not known yet: updating from TMDB (filmtui refresh 524) fetches where to watch in US.",
    }


def test_hostile_names_are_printed_literally_and_without_controls(data_dir: Path) -> None:
    hostile_film(data_dir)
    text = filmtui("show", "4244")
    assert text.returncode == 0, text.stderr
    assert "Watch: Stream: [bold red]Owned[/] Flix · Buy: *Shop* (in US, as of 2026-11-20" in text.stdout
    assert "  Trailer: [link=https://evil.example]Trailer[/link] (YouTube): https://www.youtube.com/watch?v=k3y" in text.stdout
    assert "  Official site: https://example.org/night-shift" in text.stdout

    as_json = filmtui("show", "4244", "--json")
    assert json.loads(as_json.stdout)["watch"]["stream"] == ["[bold red]Owned[/] Flix"]

    markdown = filmtui("show", "4244", "--markdown")
    assert "- **Watch:** Stream: \\[bold red\\]Owned\\[/\\] Flix · Buy: \\*Shop\\*" in markdown.stdout
    for result in (text, as_json, markdown):
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "evil.example\x07" not in result.stdout


def test_a_bad_region_setting_costs_the_region_not_the_page() -> None:
    result = filmtui("show", "heat", env={"FILMTUI_REGION": "Gondor"})
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1 and "FILMTUI_REGION" in result.stderr
    assert "Where to watch shows US" in result.stderr and "Traceback" not in result.stderr
    assert "Watch: Not known yet" in result.stdout and "in US." in result.stdout


def test_export_writes_the_watch_line_for_the_region(data_dir: Path, tmp_path: Path) -> None:
    hostile_film(data_dir)
    result = filmtui("export", "4244", "--out", str(tmp_path / "out"), env={"FILMTUI_REGION": "FR"})
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "night-shift-2003.md").read_text()
    assert ("- **Watch:** Not streaming, for rent or for sale in FR that TMDB knows of "
            "(as of 2026-11-20; filmtui refresh 4244 updates it).") in page
    assert "- Official site: <https://example.org/night-shift>" in page


def test_the_screen_and_show_share_one_watch_line_and_differ_only_in_how_to_update() -> None:
    from filmtui import film_page
    from filmtui.models import Film, WatchOptions

    film = Film(949, "Heat", refreshed_at="2026-11-30T10:00:00+00:00",
                providers={"US": WatchOptions("US", flatrate=("Max",))})
    on_screen = film_page.watch_line(film, "GB", "1 day ago", keys=True)
    in_show = film_page.watch_line(film, "GB", "1 day ago")
    assert on_screen == ("Not streaming, for rent or for sale in GB that TMDB knows of "
                         "(as of 2026-11-30, 1 day ago; u updates it).")
    assert in_show == on_screen.replace("; u updates", "; filmtui refresh 949 updates")
    assert film_page.watch_line(film, "US") == (
        f"Stream: Max (in US, as of 2026-11-30). {JUSTWATCH_CREDIT}")

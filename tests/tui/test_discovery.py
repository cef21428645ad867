"""Discovery when online: from an empty TMDB search, Enter lists TMDB's trending films, again
its popular ones (also palette commands); films already stored are marked and opened, others
added with Enter. Offline or without a key the dialog says why."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import OptionList, Static

from filmtui.app import FilmApp
from filmtui.screens import FilmScreen
from filmtui.screens.tmdb_search_dialog import TmdbSearchDialog
from filmtui.store import Store
from tmdb.server import FakeTmdb, point_filmtui_at, synthetic
from tui_helpers import press, settle

TOKEN = "tok-discover-SECRET"
HEAT = {"id": 949, "title": "Heat", "original_title": "Heat", "release_date": "1995-12-15",
        "overview": "Overview withheld: TMDB's text is not committed to filmtui.", "popularity": 50.0}


@pytest.fixture
def tmdb(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTmdb]:
    with FakeTmdb(token=TOKEN, api_key=None) as server:
        server.trending["results"].insert(1, HEAT)
        server.add(synthetic(76600, "Avatar: The Way of Water", 2022))
        point_filmtui_at(server, monkeypatch, TOKEN, timeout="2", retries="0")
        yield server


def results(app: FilmApp) -> list[str]:
    listing = app.screen.query_one("#tmdb-results", OptionList)
    return [str(listing.get_option_at_index(i).prompt).split("\n")[0] for i in range(listing.option_count)]


def status(app: FilmApp) -> str:
    return str(app.screen.query_one("#tmdb-search-status", Static).render())


async def empty_search_enter(pilot) -> None:
    await settle(pilot)
    await press(pilot, "ctrl+t")
    assert isinstance(pilot.app.screen, TmdbSearchDialog)
    await press(pilot, "enter")


async def test_trending_then_popular_marks_yours_opens_and_adds(app: FilmApp, tmdb: FakeTmdb,
                                                                store: Store) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await empty_search_enter(pilot)
        assert tmdb.hits("/3/trending/movie/week") == 1
        assert status(app) == "21 films trending on TMDB this week, 1 in your films: Enter adds one (or opens yours)."
        shown = results(app)
        assert shown[0] == "Avatar: The Way of Water (2022)"
        assert shown[1] == "Heat (1995) · in your films"
        await press(pilot, "down", "enter")  # Heat: yours, opened
        assert isinstance(app.screen, FilmScreen) and app.screen.film_id == 949
        assert tmdb.hits("/3/movie/949") == 0
        await press(pilot, "escape", "ctrl+t", "enter", "enter")  # the first: Avatar, added
        assert isinstance(app.screen, FilmScreen) and app.screen.film_id == 76600
        assert store.film(76600) is not None


async def test_enter_again_on_the_empty_search_lists_popular(app: FilmApp, tmdb: FakeTmdb) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await empty_search_enter(pilot)
        app.screen.query_one("#tmdb-query").focus()
        await press(pilot, "enter")
        assert tmdb.hits("/3/movie/popular") == 1
        assert status(app).endswith("popular on TMDB, 0 in your films: Enter adds one (or opens yours).")


async def test_offline_and_without_a_key_the_dialog_says_why(app: FilmApp, tmdb: FakeTmdb,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    tmdb.stop()
    async with app.run_test(size=(100, 32)) as pilot:
        await empty_search_enter(pilot)
        assert status(app).startswith("No films trending on TMDB this week: cannot connect")
        assert not app.screen.query_one("#tmdb-results").display
        offline = status(app)
        monkeypatch.delenv("TMDB_READ_ACCESS_TOKEN")
        app.screen.query_one("#tmdb-query").focus()
        await press(pilot, "enter")
        assert "TMDB_READ_ACCESS_TOKEN" in status(app) and status(app) != offline


async def test_the_palette_offers_trending_and_popular(app: FilmApp, tmdb: FakeTmdb) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"Trending on TMDB", "Popular on TMDB"} <= commands.keys()
        commands["Popular on TMDB"].callback()
        await settle(pilot)
        assert isinstance(app.screen, TmdbSearchDialog)
        assert tmdb.hits("/3/movie/popular") == 1 and results(app)

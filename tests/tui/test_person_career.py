"""Person pages worth opening, against the loopback stand-in: with a TMDB key their details and
every film credit are fetched in a worker and stored, the store's films marked and openable, the
rest added with a key; offline after a fetch the stored career shows; with nothing stored the
page says why it shows only the store's films."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from filmtui.app import FilmApp
from filmtui.library import Library
from filmtui.screens import FilmScreen, PersonScreen
from filmtui.store import Store
from tmdb.server import FakeTmdb, person, point_filmtui_at, synthetic
from tui_helpers import open_by_search, press, screen_text

TOKEN = "tok-person-SECRET"
CATALOG = Path(__file__).parent / "data" / "catalog"
PACINO = person(1158, "Al Pacino",
                cast=[(949, "Heat", 1995, "Lt. Vincent Hanna"), (9008, "The Insider", 1999, "Lowell Bergman"),
                      (111, "Scarface", 1983, "Tony Montana")],
                crew=[(20298, "Looking for Richard", 1996, "Director")])


@pytest.fixture
def tmdb(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTmdb]:
    with FakeTmdb(token=TOKEN, api_key=None) as server:
        server.people[1158] = PACINO
        server.add(synthetic(111, "Scarface", 1983))
        point_filmtui_at(server, monkeypatch, TOKEN, timeout="2", retries="0")
        yield server


def rows(app: FilmApp) -> list[str]:
    listing = app.screen.query_one("#person-films", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def count_line(app: FilmApp) -> str:
    return str(app.screen.query_one("#person-count", Static).render())


async def open_pacino(pilot) -> None:
    await open_by_search(pilot, "heat")
    await press(pilot, "2", "enter")  # the first of the cast
    assert isinstance(pilot.app.screen, PersonScreen) and pilot.app.screen.person == "Al Pacino"


async def test_online_the_whole_career_is_fetched_marked_and_addable(app: FilmApp, tmdb: FakeTmdb,
                                                                     store: Store) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pacino(pilot)
        assert tmdb.hits("/3/person/1158") == 1
        assert rows(app) == [
            "The Insider (1999)  as Lowell Bergman  ● in your films",
            "Looking for Richard (1996)  Director",
            "Heat (1995)  as Lt. Vincent Hanna  ● in your films",
            "Scarface (1983)  as Tony Montana",
        ]
        assert count_line(app).startswith("4 films on TMDB, 2 in your films (● Enter opens, a adds) · TMDB 20")
        about = str(app.screen.query_one("#person-about", Static).render())
        assert about.startswith("Born 1963-12-18 in Shawnee, Oklahoma, USA · known for Acting")
        assert "Biography withheld" in about
        assert "Scarface (1983)" in screen_text(pilot)  # 80x24 holds it
        await press(pilot, "j", "j", "enter")
        assert isinstance(app.screen, FilmScreen) and app.screen.film_id == 949
        await press(pilot, "escape")
        assert isinstance(app.screen, PersonScreen)
        await press(pilot, "a")  # The Insider: already stored, nothing to add
        assert "The Insider is in your films already: Enter opens it" in [n.message for n in app._notifications]
        await press(pilot, "k", "a")
        assert isinstance(app.screen, FilmScreen) and app.screen.film_id == 111
        assert store.film(111) is not None
    assert Store.open(store.root, catalog=CATALOG).person("Al Pacino").tmdb_id == 1158


async def test_offline_after_a_fetch_the_stored_career_shows(tmdb: FakeTmdb, store: Store,
                                                             data_dir: Path) -> None:
    first = FilmApp(Library(store))
    async with first.run_test(size=(100, 32)) as pilot:
        await open_pacino(pilot)
    tmdb.stop()
    again = FilmApp(Library(Store.open(data_dir, catalog=CATALOG)))
    async with again.run_test(size=(100, 32)) as pilot:
        await open_pacino(pilot)
        assert "Scarface (1983)  as Tony Montana" in rows(again)
        assert count_line(again).startswith("4 films on TMDB")


async def test_with_nothing_stored_and_no_key_the_page_says_why(app: FilmApp,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TMDB_READ_ACCESS_TOKEN", "TMDB_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_pacino(pilot)
        assert count_line(app) == "2 films in the catalogue"
        said = str(app.screen.query_one("#person-status", Static).render())
        assert "Only the films in your store: their TMDB career is not stored yet" in said
        assert "TMDB_READ_ACCESS_TOKEN" in said

"""What a refresh now stores with a film, against the loopback stand-in: trailers in the `o`
chooser, TMDB's recommendations in More like this (those not stored added with `a`), and Where to
watch for the configured region with its age and JustWatch's credit; then offline from the store,
and with nothing stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import OptionList

from filmtui.app import FilmApp
from filmtui.library import Library
from filmtui.screens import FilmScreen, LinkChooser
from filmtui.store import Store
from tmdb.server import FakeTmdb, extras, point_filmtui_at, real_films, synthetic
from tui_helpers import facts, open_by_search, press, screen_text

TOKEN = "tok-watch-SECRET"
CATALOG = Path(__file__).parent / "data" / "catalog"
THE_INSIDER = {"id": 9008, "title": "The Insider", "release_date": "1999-11-05"}


@pytest.fixture
def tmdb(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTmdb]:
    with FakeTmdb(token=TOKEN, api_key=None) as server:
        server.add({**real_films()[949], **extras([THE_INSIDER])})
        server.add(synthetic(680, "Pulp Fiction", 1994))
        point_filmtui_at(server, monkeypatch, TOKEN, timeout="2", retries="0")
        monkeypatch.setenv("FILMTUI_REGION", "US")
        yield server


def similar(screen: FilmScreen) -> list[str]:
    listing = screen.query_one("#similar-list", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_a_refresh_brings_trailers_recommendations_and_where_to_watch(app: FilmApp, tmdb: FakeTmdb,
                                                                              store: Store) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_by_search(pilot, "heat")
        assert "Watch Not known yet: updating from TMDB (u) fetches where to watch in US." in facts(app, 200)
        await press(pilot, "u")
        shown = facts(app, 200)
        assert "Watch Stream: Peacock Premium · Rent: Apple TV, Amazon Video" in shown
        assert "(in US, as of 20" in shown and "just now). Streaming data from JustWatch." in shown
        await press(pilot, "o")
        assert isinstance(app.screen, LinkChooser)
        assert "Trailer: #TBT Trailer (YouTube)" in screen_text(pilot)
        assert "https://www.youtube.com/watch?v=BdJKm16Co6M" in screen_text(pilot)
        await press(pilot, "escape", "5")
        screen = app.screen
        assert isinstance(screen, FilmScreen)
        entries = similar(screen)
        assert entries[0].startswith("The Insider (1999)\n  recommended on TMDB · Michael Mann")
        assert "Pulp Fiction (1994)\n  not in your films: a adds it" in entries
        listing = screen.query_one("#similar-list", OptionList)
        listing.highlighted = next(i for i, e in enumerate(entries) if e.startswith("Pulp Fiction"))
        await press(pilot, "a")
        assert isinstance(app.screen, FilmScreen) and app.screen.film_id == 680
        assert store.film(680) is not None and app.library.summary(680) is not None


async def test_offline_after_a_fetch_the_stored_offers_show_with_their_date(tmdb: FakeTmdb, store: Store,
                                                                            data_dir: Path) -> None:
    first = FilmApp(Library(store))
    async with first.run_test(size=(100, 32)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "u")
    tmdb.stop()  # offline from here on
    again = FilmApp(Library(Store.open(data_dir, catalog=CATALOG)))
    async with again.run_test(size=(100, 32)) as pilot:
        await open_by_search(pilot, "heat")
        shown = facts(again)
        assert "Stream: Peacock Premium" in shown and "Streaming data from JustWatch." in shown
        await press(pilot, "5")
        assert any(e.startswith("Pulp Fiction (1994)") for e in similar(again.screen))


async def test_another_region_without_offers_says_so(app: FilmApp, tmdb: FakeTmdb,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FILMTUI_REGION", "ZZ")
    async with app.run_test(size=(100, 32)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "u")
        assert "Not streaming, for rent or for sale in ZZ that TMDB knows of" in facts(app, 200)

"""The user's own data in the browser: watchlist (w), rating and note (m), the list's stars and
its watchlist filter; saved in the store, never blocking a key, and a failed save said in one line."""

from __future__ import annotations

import asyncio

from textual import events
from textual.widgets import Checkbox, Input, Static

from filmtui.app import FilmApp
from filmtui.requests import OpenFilm, OpenPerson
from filmtui.library import Library
from filmtui.models import UserData
from filmtui.screens import FilmScreen, FilterDialog, ListScreen, RateDialog
from filmtui.store import Store
from filmtui.widgets import FilmList
from tui_helpers import open_by_search, press, said, screen_text, settle

HEAT = 949


def flat(pilot) -> str:
    return " ".join(screen_text(pilot).split())


def starred(app: FilmApp) -> list[str]:
    film_list = app.screen.query_one(FilmList)
    lines = [film_list.render_line(y).text for y in range(1, len(film_list.rows) + 1)]
    return [line[1:].split("  ")[0].strip() for line in lines if line.startswith("★")]


async def open_heat(pilot) -> None:
    await open_by_search(pilot, "heat")
    assert isinstance(pilot.app.screen, FilmScreen) and pilot.app.screen.film_id == HEAT


async def test_w_puts_a_film_on_the_watchlist_the_list_stars_it_and_filters_by_it(
    app: FilmApp, store: Store
) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await open_heat(pilot)
        assert "Yours Nothing yet: w adds it to your watchlist" in flat(pilot)
        await press(pilot, "w")
        assert store.user(HEAT).watchlist is True  # saved, by a worker
        assert "Yours On your watchlist" in flat(pilot)
        assert "Heat is on your watchlist" in said(app)
        await press(pilot, "escape", "escape", "escape")
        assert isinstance(app.screen, ListScreen)
        assert starred(app) == ["Heat"]
        await press(pilot, "down", "f")
        assert isinstance(app.screen, FilterDialog)
        app.screen.query_one("#filter-watchlist", Checkbox).value = True
        await press(pilot, "ctrl+s")
        assert [f.title for f in app.screen.query_one(FilmList).rows] == ["Heat"]
        assert "filter: your watchlist" in flat(pilot)
        app.post_message(OpenFilm(HEAT))
        await settle(pilot)
        await press(pilot, "w", "escape")  # off the watchlist: the filtered list follows
        assert isinstance(app.screen, ListScreen)
        assert not app.screen.query_one(FilmList).rows
        assert "No films pass the filters (your watchlist)" in flat(pilot)
        assert store.user(HEAT).watchlist is False


async def test_m_rates_and_notes_a_film_literally_and_refuses_a_bad_rating(
    app: FilmApp, store: Store
) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await open_heat(pilot)
        await press(pilot, "m")
        assert isinstance(app.screen, RateDialog)
        app.screen.query_one("#rate-rating", Input).value = "11"
        app.screen.query_one("#rate-note", Input).value = "the [bold]coffee[/] scene"
        await press(pilot, "enter")
        assert isinstance(app.screen, RateDialog)  # not closed: the rating is refused
        assert "whole number from 1 to 10" in str(app.screen.query_one("#rate-error", Static).render())
        assert store.user(HEAT) == UserData()
        app.screen.query_one("#rate-rating", Input).value = "8"
        await press(pilot, "enter")
        assert isinstance(app.screen, FilmScreen)
        assert store.user(HEAT) == UserData(rating=8, note="the [bold]coffee[/] scene")
        page = flat(pilot)
        assert "Yours Your rating 8/10" in page and "Your note the [bold]coffee[/] scene" in page
        await press(pilot, "m", "escape")  # cancelled: nothing changes
        assert store.user(HEAT).rating == 8

    reopened = FilmApp(Library(Store.open(store.root, store.catalog)))
    async with reopened.run_test(size=(100, 40)) as pilot:
        await open_heat(pilot)
        assert "Yours Your rating 8/10" in flat(pilot)


async def test_a_save_that_fails_is_one_line_and_the_page_stays(app: FilmApp, store: Store) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await open_heat(pilot)
        store.user_path.unlink(missing_ok=True)
        store.user_path.mkdir()  # the user's file cannot be read or replaced
        await press(pilot, "w")
        failed = [text for text in said(app) if text.startswith("Not saved:")]
        assert len(failed) == 1 and "\n" not in failed[0]
        assert isinstance(app.screen, FilmScreen) and "Nothing yet" in flat(pilot)


async def test_rating_keeps_a_note_written_from_another_terminal_meanwhile(
    app: FilmApp, store: Store
) -> None:
    """The dialog is seeded from a fresh read, and only what the user changed is saved."""
    async with app.run_test(size=(100, 40)) as pilot:
        await open_heat(pilot)
        # `filmtui rate` in another terminal: its own Store on the same folder.
        Store.open(store.root, store.catalog).set_user(HEAT, note="seen at the Aero", watchlist=True)
        await press(pilot, "m")
        assert isinstance(app.screen, RateDialog)
        assert app.screen.query_one("#rate-note", Input).value == "seen at the Aero"
        app.screen.query_one("#rate-rating", Input).value = "9"
        await press(pilot, "enter")
        assert isinstance(app.screen, FilmScreen)
    assert Store.open(store.root, store.catalog).user(HEAT) == UserData(
        watchlist=True, rating=9, note="seen at the Aero"
    )


async def test_quitting_right_after_w_keeps_the_watchlist_mark(app: FilmApp, store: Store) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await open_heat(pilot)
        # Both keys in one read from the terminal, as a quick typist sends them: q is handled
        # before the save's worker has started.
        app.post_message(events.Key("w", "w"))
        app.post_message(events.Key("q", "q"))
        for _ in range(100):  # until the app has quit on its own
            if app.return_code is not None:
                break
            await asyncio.sleep(0.02)
        assert app.return_code == 0
    assert Store.open(store.root, store.catalog).user(HEAT).watchlist is True


async def test_w_after_visiting_a_person_page_saves_and_redraws(app: FilmApp, store: Store) -> None:
    """Once a person page exists, a save still reaches every screen that shows the user's data."""
    async with app.run_test(size=(100, 40)) as pilot:
        await open_heat(pilot)
        await press(pilot, "2", "enter", "escape")  # Al Pacino's page, and back to Heat
        assert isinstance(app.screen, FilmScreen) and app.screen.film_id == HEAT
        await press(pilot, "w", "1")  # back came to the Cast tab; "Yours" is on the Overview
        assert "Yours On your watchlist" in flat(pilot)
    assert store.user(HEAT).watchlist is True

"""Start-up as a person meets it: the list and its count before any background work is done,
keys typed before the first frame kept and searched, the people index left for first use."""

from __future__ import annotations

import threading

from textual import events
from textual.widgets import Input, Static
from tui_helpers import screen_text, settle

from filmtui.app import FilmApp
from filmtui.browser import Browser
from filmtui.library import Library
from filmtui.store import Store


async def test_the_list_and_count_show_before_search_is_ready(store: Store, monkeypatch) -> None:
    release = threading.Event()
    built = Browser.build_index

    def slow_build(self: Browser) -> None:
        release.wait(10)  # the search index is still being built while we look
        built(self)

    monkeypatch.setattr(Browser, "build_index", slow_build)
    app = FilmApp(Library(store))
    async with app.run_test(size=(100, 32)) as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            if "of" in str(app.screen.query_one("#status", Static).render()):
                break
        total = len(store.summaries())
        assert str(app.screen.query_one("#status", Static).render()) == f"{total} of {total} films"
        assert "Heat" in screen_text(pilot)
        # The first frame's rows come from the index itself: the films may not even be loaded yet.
        browser = app.library.browser
        assert browser is None or not browser.searchable
        release.set()
        await settle(pilot)
        assert app.library.browser.searchable


class TypedBeforeTheFirstFrame(FilmApp):
    """Keys that reach the app before anything has the focus, as typed at launch."""

    def on_load(self) -> None:
        for key in "heat":
            self.post_message(events.Key(key, key))


async def test_keys_typed_at_launch_reach_the_search_box_and_are_searched(store: Store) -> None:
    app = TypedBeforeTheFirstFrame(Library(store))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#search", Input).value == "heat"
        view = app.screen.view
        assert view is not None and view.query == "heat" and view.rows[0].title == "Heat"


async def test_the_people_index_waits_for_first_use(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.library.people_if_ready() is None
        assert "Al Pacino" in [name for _, name in app.library.people().names]


async def test_rows_and_count_show_before_any_background_work_finishes(
    store: Store, monkeypatch
) -> None:
    """Even on a first start: the first screenful comes from the list index on the event loop,
    while the loading worker (the browser, the user's data, search) has not finished."""
    release = threading.Event()
    load = Library.load

    def slow_load(self: Library):
        release.wait(10)  # the loading worker is stuck while we look
        return load(self)

    monkeypatch.setattr(Library, "load", slow_load)
    app = FilmApp(Library(Store.open(store.root, store.catalog)))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause(0.1)
        total = len(store.summaries())
        assert str(app.screen.query_one("#status", Static).render()) == f"{total} of {total} films"
        text = screen_text(pilot)
        assert "The Insider" in text and "Heat" in text and app.library.browser is None
        await pilot.press(*"heat")
        assert "Preparing search" in str(app.screen.query_one("#status", Static).render())
        release.set()
        await settle(pilot)
        assert app.screen.view is not None and app.screen.view.rows[0].title == "Heat"


async def test_the_film_page_and_typo_matching_wait_until_typing_stops(
    store: Store, monkeypatch
) -> None:
    """The warm-ups hold the interpreter for tens of ms (hundreds at 1M films): not while the
    user types, and done once they stop, so the first Enter still opens a built page."""
    from filmtui import load_flow

    monkeypatch.setattr(load_flow, "IDLE_FOR", 3600.0)  # the user never stops typing
    app = FilmApp(Library(store))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press(*"hea")
        await settle(pilot)
        assert app.library.browser is not None and app.library.browser.searchable
        assert app.page_flow.film_page is None
        monkeypatch.setattr(load_flow, "IDLE_FOR", 0.0)  # now they have stopped
        for _ in range(100):
            await pilot.pause(0.05)
            if app.page_flow.film_page is not None:
                break
        await settle(pilot)
        assert app.page_flow.film_page is not None
        await pilot.press("t", "enter")
        await settle(pilot)
        assert app.screen is app.page_flow.film_page and "Heat" in screen_text(pilot)


async def test_a_search_index_a_write_behind_searches_at_once_and_is_made_current_when_idle(
    store: Store, monkeypatch
) -> None:
    """After a refresh or an add elsewhere, the next start does not rebuild search while the
    user types: it searches the index saved before the write, and makes the current one (with
    the film written) once they stop."""
    from filmtui import load_flow
    from filmtui.store import TmdbUpdate

    first = Library(Store.open(store.root, store.catalog))
    first.load()
    first.build_search(first.browser)  # saved for the store as it is now
    store.write_tmdb([TmdbUpdate(7_000_001, {"id": 7_000_001, "title": "Brand New Heat",
                                             "year": 2026, "refreshed_at": "2026-12-01T00:00:00+00:00"})])
    monkeypatch.setattr(load_flow, "IDLE_FOR", 3600.0)  # the user keeps typing
    app = FilmApp(Library(Store.open(store.root, store.catalog)))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        search.value = "heat"
        await settle(pilot)
        assert app.library.search_stale and app.screen.view is not None
        found = [row.title for row in app.screen.view.rows]
        assert "Heat" in found and "Brand New Heat" not in found  # the index before the write
        monkeypatch.setattr(load_flow, "IDLE_FOR", 0.0)  # they stop typing
        for _ in range(200):
            await pilot.pause(0.05)
            if not app.library.search_stale:
                break
        await settle(pilot)
        assert not app.library.search_stale
        found = [row.title for row in app.screen.view.rows]
        assert "Heat" in found and "Brand New Heat" in found  # searched again, current
        assert "Brand New Heat" in screen_text(pilot)
    again = Library(Store.open(store.root, store.catalog))
    again.load()
    assert again.derived().search_columns(again._stamp) is not None  # kept for the next start

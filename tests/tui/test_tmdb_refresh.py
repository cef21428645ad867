"""The browser's TMDB side against the loopback stand-in: refresh the open film (u), refresh every
film (ctrl+r) with progress, search TMDB from an empty search (ctrl+t), the online/offline sign,
and what a refused key, no key or no network look like. No test reaches the internet."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import OptionList, ProgressBar, Static

from filmtui.app import FilmApp
from filmtui.library import Library
from filmtui.screens import FilmScreen, ListScreen
from filmtui.screens.tmdb_search_dialog import TmdbSearchDialog
from filmtui.store import Store
from filmtui.widgets.film_list import FilmList
from filmtui.widgets.tmdb_status import RefreshPanel
from tmdb.server import FakeTmdb, point_filmtui_at, real_films, synthetic
from tui_helpers import open_by_search, press, said, screen_text, settle

TOKEN = "tok-tui-5be1-SECRET-never-shown"
TUI_CATALOG = Path(__file__).parent / "data" / "catalog"


@pytest.fixture(scope="module")
def tmdb_server() -> Iterator[FakeTmdb]:
    with FakeTmdb(token=TOKEN, api_key=None) as server:
        yield server


@pytest.fixture
def tmdb(tmdb_server: FakeTmdb, store: Store, monkeypatch: pytest.MonkeyPatch) -> FakeTmdb:
    """The server with a body for every film of the test store, and filmtui pointed at it."""
    server = tmdb_server
    server.films = real_films()
    for summary in store.summaries():
        if summary.id not in server.films:
            server.add(synthetic(summary.id, summary.title, summary.year or 1990))
    server.token = TOKEN
    server.rate = None
    server.slow_seconds = 1.0
    server._faults.clear()
    server.reset_log()
    point_filmtui_at(server, monkeypatch, TOKEN, timeout="2", retries="1")
    for name in ("FILMTUI_TMDB_CONCURRENCY", "FILMTUI_TMDB_MAX_RETRY_AFTER"):
        monkeypatch.delenv(name, raising=False)
    return server


@pytest.fixture
def slow_tmdb(tmdb: FakeTmdb, store: Store, monkeypatch: pytest.MonkeyPatch) -> FakeTmdb:
    """Every film takes half a second, one at a time: a refresh of all is still going after 0.2 s."""
    monkeypatch.setenv("FILMTUI_TMDB_CONCURRENCY", "1")
    tmdb.slow_seconds = 0.5
    for summary in store.summaries():
        tmdb.fault(summary.id, "slow")
    return tmdb


def text(app: FilmApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def messages(app: FilmApp) -> list[str]:
    return said(app)


def flat(pilot) -> str:
    return " ".join(screen_text(pilot).split())


async def open_heat(pilot) -> FilmScreen:
    await open_by_search(pilot, "heat")
    screen = pilot.app.screen
    assert isinstance(screen, FilmScreen) and screen.film_id == 949
    return screen


def heat_body(**changes) -> dict:
    return {**real_films()[949], **changes}


async def test_u_refreshes_the_open_film_and_its_age_line(app: FilmApp, tmdb: FakeTmdb) -> None:
    tmdb.add(heat_body(vote_average=6.5, vote_count=1234, tagline="Tested tagline."))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_heat(pilot)
        assert text(app, "#film-age").startswith("Catalogue only")
        assert "TMDB rating" not in flat(pilot)
        assert text(app, "#film-tmdb-status") == "TMDB: online"
        await press(pilot, "u")
        assert tmdb.hits("/3/movie/949") == 1
        assert text(app, "#film-age") == "TMDB data from just now"
        assert text(app, "#film-tagline") == "Tested tagline."
        assert "TMDB rating 6.5/10 from 1,234 votes" in flat(pilot)
        assert "Heat refreshed from TMDB" in messages(app)
        assert app.library.browser is not None and app.library.browser.by_id[949].rating == 6.5


async def test_a_refreshed_film_replaces_the_apps_copy(app: FilmApp, tmdb: FakeTmdb) -> None:
    """Reopening the film (or its poster) after u must not bring back the data from before."""
    async with app.run_test(size=(100, 32)) as pilot:
        await open_heat(pilot)
        assert app.library.cached_film(949).refreshed_at is None
        await press(pilot, "u")
        assert app.library.cached_film(949).refreshed_at is not None
        assert app.library.cached_film(949).poster_path == "/rrBuGu0Pjq7Y2BWSI6teGfZzviY.jpg"


async def test_a_refused_key_says_which_variable_and_keeps_the_film(app: FilmApp, tmdb: FakeTmdb) -> None:
    tmdb.token = "some-other-token"  # the server refuses ours
    async with app.run_test(size=(100, 32)) as pilot:
        await open_heat(pilot)
        await press(pilot, "u")
        shown = [m for m in messages(app) if "TMDB_READ_ACCESS_TOKEN" in m]
        assert len(shown) == 1 and "\n" not in shown[0]
        assert not any(TOKEN in m for m in messages(app))
        assert tmdb.hits("/3/movie/949") == 1  # no retries after a 401
        assert text(app, "#film-age").startswith("Catalogue only")
        assert text(app, "#film-tagline") == "A Los Angeles crime saga."
        assert "Directed by Michael Mann" in flat(pilot)
        assert text(app, "#film-tmdb-status") == "TMDB: key refused"
        assert TOKEN not in screen_text(pilot)


async def test_refresh_all_shows_progress_then_the_list_updates(app: FilmApp, tmdb: FakeTmdb) -> None:
    tmdb.slow_seconds = 0.6
    tmdb.fault(11636, "slow")  # one film takes a while, so the progress is on screen
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "7.9" not in screen_text(pilot)
        panel = app.screen.query_one(RefreshPanel)
        assert not panel.display or not panel.has_class("-active")
        await pilot.press("ctrl+r")
        await pilot.pause(0.35)
        assert panel.has_class("-active")
        assert "Refreshing from TMDB" in text(app, "#refresh-label")
        assert app.screen.query_one(ProgressBar).total == 6
        # Typing goes on while it runs.
        await pilot.press(*"heat")
        assert app.screen.query_one("#search").value == "heat"
        await settle(pilot)
        assert not panel.has_class("-active")
        assert any(m.startswith("TMDB refresh: refreshed 6") for m in messages(app))
        assert len(tmdb.requests) >= 6
        rows = app.screen.query_one(FilmList).rows
        assert rows[0].id == 949 and rows[0].rating == 7.9
        assert "7.9" in screen_text(pilot)


async def test_ctrl_r_again_cancels(app: FilmApp, slow_tmdb: FakeTmdb) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause(0.2)
        await pilot.press("ctrl+r")
        await settle(pilot)
        summary = [m for m in messages(app) if m.startswith("TMDB refresh:")]
        assert summary and "(cancelled)" in summary[0]
        assert len(slow_tmdb.requests) < 6
        # Films the cancel came before were never tried: not tried, not failed.
        assert "failed 0" in summary[0] and "not tried " in summary[0], summary[0]
        assert "not tried: the refresh was cancelled" not in summary[0]
        assert not app.screen.query_one(RefreshPanel).has_class("-active")


async def test_no_credentials_says_how_to_set_them_and_sends_nothing(
    app: FilmApp, tmdb: FakeTmdb, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TMDB_READ_ACCESS_TOKEN")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert text(app, "#tmdb-status") == "TMDB: no key"
        await press(pilot, "ctrl+r")
        await open_heat(pilot)
        await press(pilot, "u")
        told = [m for m in messages(app) if "TMDB_READ_ACCESS_TOKEN" in m]
        assert len(told) == 2 and all("filmtui config set-token" in m for m in told)
        assert tmdb.requests == []
        assert text(app, "#film-age").startswith("Catalogue only")


async def test_unverified_id_is_skipped(
    tmdb: FakeTmdb, data_dir: Path, tmp_path: Path
) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(TUI_CATALOG, catalog)
    heat = catalog / "heat-1995.toml"
    heat.write_text(heat.read_text().replace('unverified = ["certification"]',
                                             'unverified = ["certification", "id"]'))
    app = FilmApp(Library(Store.open(data_dir / "other", catalog=catalog)))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_heat(pilot)
        await press(pilot, "u")
        assert any(m.startswith("Heat was skipped: its TMDB id is unverified") for m in messages(app))
        assert tmdb.hits("/3/movie/949") == 0
        assert text(app, "#film-age").startswith("Catalogue only")


async def test_search_tmdb_from_an_empty_search_adds_the_film_and_opens_it(
    app: FilmApp, tmdb: FakeTmdb
) -> None:
    tmdb.add(synthetic(77, "Memento", 2000))
    tmdb.add(synthetic(78, "[red]Memento[/red] Mori", 2005))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, *"memento")
        assert "ctrl+t" in app.screen.query_one(FilmList).notice
        await press(pilot, "ctrl+t")
        dialog = app.screen
        assert isinstance(dialog, TmdbSearchDialog)
        results = dialog.query_one("#tmdb-results", OptionList)
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert len(prompts) == 2
        assert any(p.startswith("Memento (2000)") for p in prompts)
        assert any(p.startswith("[red]Memento[/red] Mori (2005)") for p in prompts)  # as typed
        assert "[red]Memento[/red] Mori" in screen_text(pilot)
        results.highlighted = next(i for i, p in enumerate(prompts) if p.startswith("Memento ("))
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, FilmScreen) and screen.film_id == 77
        assert text(app, "#film-title") == "Memento (2000)"
        assert text(app, "#film-age") == "TMDB data from just now"
        assert any("Memento added from TMDB" in m for m in messages(app))
        await press(pilot, "escape")
        assert isinstance(app.screen, ListScreen)
        assert [r.title for r in app.screen.query_one(FilmList).rows] == ["Memento"]
        assert app.library.store().film(77) is not None


def refused_url() -> str:
    """An address where nothing listens: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/3"


async def test_offline_shows_offline_and_keeps_the_cached_film(
    app: FilmApp, tmdb: FakeTmdb, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FILMTUI_TMDB_URL", refused_url())
    monkeypatch.setenv("FILMTUI_TMDB_RETRIES", "0")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert text(app, "#tmdb-status") == "TMDB: offline"
        await open_heat(pilot)
        await press(pilot, "u")
        assert any(m.startswith("Heat was not refreshed:") for m in messages(app))
        assert text(app, "#film-tmdb-status") == "TMDB: offline"
        assert text(app, "#film-age").startswith("Catalogue only")
        assert text(app, "#film-tagline") == "A Los Angeles crime saga."
        assert "Directed by Michael Mann" in flat(pilot)


async def test_quitting_stops_a_refresh_of_every_film(app: FilmApp, slow_tmdb: FakeTmdb) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause(0.2)
        assert app.tmdb_state.refreshing
    assert app.tmdb_flow.cancel is not None and app.tmdb_flow.cancel.is_set()
    assert len(slow_tmdb.requests) < 6


async def test_search_tmdb_with_a_refused_key_says_so_and_adds_nothing(app: FilmApp, tmdb: FakeTmdb) -> None:
    tmdb.add(synthetic(77, "Memento", 2000))
    tmdb.token = "some-other-token"
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, *"memento", "ctrl+t")
        dialog = app.screen
        assert isinstance(dialog, TmdbSearchDialog)
        status = str(dialog.query_one("#tmdb-search-status", Static).render())
        assert "TMDB_READ_ACCESS_TOKEN" in status and TOKEN not in status
        assert not dialog.query_one("#tmdb-results", OptionList).display
        await press(pilot, "escape")
        assert isinstance(app.screen, ListScreen)
        assert app.library.store().film(77) is None

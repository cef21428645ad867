"""The filmtui browser: a thin Textual App that routes the screens' requests, switches pages and
runs workers (filmtui.jobs) whose results come back as named messages (filmtui.results)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import Worker

from filmtui import app_bindings, jobs, requests, results
from filmtui.commands import FilmCommands
from filmtui.info_flow import InfoFlow
from filmtui.launch_keys import LaunchKeys
from filmtui.library import Library
from filmtui.load_flow import LoadFlow
from filmtui.page_flow import PageFlow
from filmtui.quit_flow import QuitFlow
from filmtui.screens.list_screen import ListScreen
from filmtui.settings_flow import SettingsFlow
from filmtui.text import clean
from filmtui.tmdb_flow import TmdbFlow
from filmtui.tmdb_service import TmdbService
from filmtui.user_flow import UserFlow
from filmtui.widgets.teardown import tolerates_teardown
from filmtui.widgets.tmdb_status import TmdbState


class FilmApp(App[None]):
    """Browse a Library's films: a searchable list, film pages and person pages."""

    # Absolute, so a subclass in another folder (a benchmark, a test) finds the stylesheet too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "filmtui"
    COMMANDS = App.COMMANDS | {FilmCommands}
    BINDINGS = app_bindings.BINDINGS

    def __init__(self, library: Library, tmdb: TmdbService | None = None,
                 notices: Sequence[str] = (), *, theme: str | None = None,
                 keys: Mapping[str, str] | None = None) -> None:
        """`theme` and `keys` are the user's [ui] theme and [keys] table from config.toml; what
        cannot be used is one notice at start, and its default stays."""
        super().__init__()
        self.library = library
        self.tmdb = tmdb or TmdbService()
        self.settings_flow = SettingsFlow(self)
        self.notices = tuple(notices) + self.settings_flow.use(theme, keys or {})
        self.told: list[tuple[str, str]] = []
        """Every line said to the user this session, with its severity, oldest first."""
        self.tmdb_state = TmdbState()
        """What the TMDB widgets show; replaced (never mutated) by `set_tmdb_state`."""
        self.tmdb_signal: Signal[TmdbState] = Signal(self, "tmdb")
        self.page_flow = PageFlow(self)
        self.tmdb_flow = TmdbFlow(self)
        self.user_flow = UserFlow(self)
        self.info_flow = InfoFlow(self)
        self.load_flow = LoadFlow(self)
        self.quit_flow = QuitFlow(self)
        self.launch_keys = LaunchKeys()
        self.list_screen = ListScreen(library)

    def get_default_screen(self) -> Screen[Any]:
        return self.list_screen

    async def on_load(self) -> None:
        # The modules and the App live for the whole session: out of the collector's sight, so
        # its full passes while filmtui starts (30-90 ms each, at a key's echo) walk only what
        # is new. Again once the first frame is up, for its widgets.
        gc.freeze()
        pool = jobs.WorkerPool(thread_name_prefix="filmtui")
        pool.prestart()
        asyncio.get_running_loop().set_default_executor(pool)

    def on_mount(self) -> None:
        for notice in self.notices:
            self.say(notice, "warning", timeout=12)
        self.load_flow.start()
        self.call_after_refresh(self.check_online)
        self.theme_changed_signal.subscribe(self, self.settings_flow.theme_changed)

    async def on_event(self, event: events.Event) -> None:
        """Keys after q are dropped; keys before the first frame are kept for the search box."""
        if isinstance(event, events.Key):
            self.load_flow.typed()
            if self.quit_flow.quitting or self.launch_keys.keep(event):
                return
        await super().on_event(event)

    def on_ready(self) -> None:
        """The first frame is up and the search box has the focus: the keys typed before it go there."""
        gc.freeze()
        self.launch_keys.replay(self.post_message)

    def on_unmount(self) -> None:
        """However the App ends, TMDB work stops and its requests are cut."""
        self.quit_flow.ended()

    # What every flow uses ---------------------------------------------------------------------

    def work(self, job: Callable[..., None], *args: Any, group: str, exclusive: bool = False) -> Worker[None]:
        """Run `job(*args)` in a thread worker (its result comes back as a message)."""
        return self.run_worker(partial(job, *args), thread=True, group=group, exclusive=exclusive,
                               exit_on_error=False)

    def say(self, message: str, severity: Any = "information", timeout: float = 6) -> None:
        """One line for the user, as plain text (never markup); kept in `told`."""
        self.told.append((clean(message), severity))
        self.notify(clean(message), severity=severity, timeout=timeout, markup=False)

    def set_tmdb_state(self, **changes: Any) -> None:
        """Change the TMDB state and tell every widget that shows it."""
        self.tmdb_state = replace(self.tmdb_state, **changes)
        self.tmdb_signal.publish(self.tmdb_state)

    def check_online(self) -> None:
        self.work(jobs.check_network, self.tmdb, self.post_message, group="tmdb-online", exclusive=True)

    # Requests and results: routed to their flows ----------------------------------------------

    @on(results.FilmsLoaded)
    @on(results.FilmsReloaded)
    @on(results.FilmsUnreadable)
    @on(results.IndexBuilt)
    @tolerates_teardown
    def _films(self, event: Message) -> None:
        self.load_flow.handle(event)

    @on(requests.OpenFilm)
    @on(requests.OpenPerson)
    @on(results.FilmRead)
    @on(requests.OpenLink)
    @on(requests.CopyText)
    @on(requests.SavePage)
    @tolerates_teardown
    def _pages(self, event: Message) -> None:
        self.page_flow.handle(event)

    @on(requests.ToggleWatchlist)
    @on(requests.SaveUserData)
    @on(requests.RateFilm)
    @on(requests.LogViewing)
    @on(requests.EditNote)
    @on(results.UserDataRead)
    @on(results.UserDataSaved)
    @on(results.FreshUserData)
    @tolerates_teardown
    def _user_data(self, event: Message) -> None:
        self.user_flow.handle(event)

    @on(requests.RefreshFilm)
    @on(requests.CancelRefresh)
    @on(requests.ShowPoster)
    @on(requests.DrawPoster)
    @on(requests.SearchTmdb)
    @on(requests.AddFromTmdb)
    @on(requests.FetchPerson)
    @on(requests.DiscoverTmdb)
    @on(results.FilmAdded)
    @on(results.FilmRefreshed)
    @on(results.RefreshStarted)
    @on(results.RefreshFinished)
    @tolerates_teardown
    def _tmdb(self, event: Message) -> None:
        self.tmdb_flow.handle(event, self.screen)

    @on(results.NetworkChecked)
    def _network_checked(self, event: results.NetworkChecked) -> None:
        self.set_tmdb_state(network=event.network)

    @on(results.LastRefreshRead)
    @tolerates_teardown
    def _last_refresh_read(self, event: results.LastRefreshRead) -> None:
        self.info_flow.last_refresh_read(event.last_refresh)

    @on(results.Said)
    def _said(self, event: results.Said) -> None:
        self.say(event.message, event.severity, event.timeout)

    # The App's keys (filmtui.app_bindings) and the palette ------------------------------------

    async def action_quit(self) -> None:
        """Quit once what came with q is handled (a `w` just before it is saved)."""
        self.quit_flow.quit()

    async def action_back(self) -> None:
        """Back to the previous page, like a browser; from the first page, back to the list."""
        self.page_flow.back()

    def action_forward(self) -> None:
        """Forward to the page we came back from."""
        self.page_flow.forward()

    def action_refresh_all(self) -> None:
        """Refresh every film from TMDB, with progress; pressed again, cancel."""
        self.tmdb_flow.toggle_all()

    def action_search_tmdb(self) -> None:
        """Search TMDB for the list's query (or anything typed in the dialog) and add a film."""
        self.tmdb_flow.search_dialog()

    def action_help(self) -> None:
        """Show every key."""
        self.info_flow.help()

    def action_about(self) -> None:
        """Version, data folder and TMDB's notice."""
        self.info_flow.about()

    def action_diary(self) -> None:
        """Your viewings by month, newest first."""
        self.page_flow.open_picked("diary")

    def action_recent(self) -> None:
        """The last film pages you opened."""
        self.page_flow.open_picked("recent")

    def action_next_theme(self) -> None:
        """filmtui's next own theme (saved for the next start)."""
        self.settings_flow.next_theme()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from self.info_flow.system_commands(screen)

"""The filmtui browser: a thin Textual App that routes the screens' requests, switches pages and
runs workers (filmtui.jobs) whose results come back as named messages (filmtui.results)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import Worker

from filmtui import jobs, requests, results
from filmtui.commands import FilmCommands
from filmtui.info_flow import InfoFlow
from filmtui.library import Library
from filmtui.page_flow import PageFlow
from filmtui.screens.list_screen import ListScreen
from filmtui.settings_flow import SettingsFlow
from filmtui.text import clean
from filmtui.tmdb_flow import TmdbFlow
from filmtui.tmdb_service import TmdbService
from filmtui.user_flow import UserFlow
from filmtui.widgets.teardown import tolerates_teardown
from filmtui.widgets.tmdb_status import TmdbState

MINE_WATCH = 2.0
"""Seconds between looks (one stat) at whether another filmtui changed the user's data."""


class FilmApp(App[None]):
    """Browse a Library's films: a searchable list, film pages and person pages."""

    # Absolute, so a subclass in another folder (a benchmark, a test) finds the stylesheet too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "filmtui"
    COMMANDS = App.COMMANDS | {FilmCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit",
                tooltip="quit (in the search box q types: Ctrl+Q there)"),
        Binding("question_mark,f1", "help", "Help", id="open_help", tooltip="this help (from the search box too)"),
        Binding("f2", "about", "About", show=False, id="open_about",
                tooltip="about filmtui: version, where data lives"),
        Binding("left_square_bracket,alt+left", "back", "Back", show=False, id="back",
                tooltip="back to the previous page (from the search box too)"),
        Binding("right_square_bracket,alt+right", "forward", "Forward", show=False, id="forward",
                tooltip="forward again"),
        Binding("ctrl+r", "refresh_all", "Refresh all", show=False, id="refresh_all",
                tooltip="refresh every film from TMDB (progress below; again cancels)"),
        Binding("ctrl+t", "search_tmdb", "Search TMDB", show=False, id="search_tmdb",
                tooltip="search TMDB for a film you do not have and add it"),
        Binding("f3", "diary", "Diary", show=False, id="diary",
                tooltip="your diary: every viewing you logged, by month"),
        Binding("f4", "recent", "Recently viewed", show=False, id="recent",
                tooltip="the last 50 film pages you opened"),
        Binding("f6", "next_theme", "Theme", show=False, id="next_theme",
                tooltip="next theme, kept for next time: filmtui-dark, filmtui-light (all: Ctrl+P)"),
    ]
    SAVE_GRACE = 0.5
    """Seconds quitting waits for the user's data to be saved (a save takes milliseconds; the
    network is never waited for)."""

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
        self._quitting = False
        """True once q is pressed: keys after it are dropped."""
        self._quit_started = False
        self._early_keys: list[events.Key] | None = []
        """Keys typed before the first frame (nothing has the focus yet): kept, and replayed
        to the search box once it has the focus, so a query typed at launch is not lost."""
        self.list_screen = ListScreen(library)

    def get_default_screen(self) -> Screen[Any]:
        return self.list_screen

    async def on_load(self) -> None:
        asyncio.get_running_loop().set_default_executor(jobs.WorkerPool(thread_name_prefix="filmtui"))

    def on_mount(self) -> None:
        for notice in self.notices:
            self.say(notice, "warning", timeout=12)
        # The first screenful as the last start left it (a few KB), so the first frame has
        # rows and the count while the worker reads every film.
        head = None
        try:
            head = self.library.head()
        except Exception:
            pass  # only a head start: the worker reads the films and says what went wrong
        if head is not None:
            self.list_screen.show_head(head.rows, head.total, head.rated)
        # After the first frame: reading 100,000 rows holds the GIL in C for a while, and the
        # search box should be on screen and taking keys before that starts.
        self.call_after_refresh(self.work, jobs.load_films, self.library, self.post_message, group="load")
        self.call_after_refresh(self.check_online)
        self.set_interval(MINE_WATCH, self._watch_mine)
        self.theme_changed_signal.subscribe(self, self.settings_flow.theme_changed)

    def action_next_theme(self) -> None:
        """filmtui's next own theme (saved for the next start)."""
        self.settings_flow.next_theme()

    async def on_event(self, event: events.Event) -> None:
        """Keys that arrive after q (pressed together with it) are dropped: the screens they
        would go to are being torn down."""
        if isinstance(event, events.Key):
            if self._quitting:
                return
            if self._early_keys is not None and not event.is_forwarded:
                self._early_keys.append(event)
                return
        await super().on_event(event)

    def on_ready(self) -> None:
        """The first frame is up and the search box has the focus: the keys typed before it
        go there now, in the order they came."""
        early, self._early_keys = self._early_keys or [], None
        for key in early:
            self.post_message(events.Key(key.key, key.character))

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

    def _watch_mine(self) -> None:
        if self.library.browser is not None:  # the first read is the loading worker's
            self.work(jobs.watch_mine, self.library, self.post_message, group="watch-mine", exclusive=True)

    def check_online(self) -> None:
        self.work(jobs.check_network, self.tmdb, self.post_message, group="tmdb-online", exclusive=True)

    # Loading --------------------------------------------------------------------------------

    @on(results.FilmsLoaded)
    @on(results.FilmsReloaded)
    @tolerates_teardown
    def _films_loaded(self, event: results.FilmsLoaded | results.FilmsReloaded) -> None:
        self.list_screen.set_browser(event.browser)
        drawn = getattr(event, "drawn", None)
        if drawn is not None:
            self.call_after_refresh(drawn.set)
        # Build the film page while the reader looks at the list, so the first Enter is quick;
        # its modules are imported in a thread (~60 ms that would hold up a key's echo).
        if self.page_flow.film_page is None:
            self.set_timer(0.5, lambda: self.run_worker(
                self._warm_film_page, thread=True, group="warm", exit_on_error=False))

    def _warm_film_page(self) -> None:
        import filmtui.screens.film_screen  # noqa: F401

        try:
            self.call_from_thread(self.page_flow.film_screen)
        except RuntimeError:
            pass  # the app is closing: no page to build

    @on(results.FilmsUnreadable)
    @tolerates_teardown
    def _films_unreadable(self, event: results.FilmsUnreadable) -> None:
        self.say(event.message, "error", timeout=30)
        self.list_screen.load_failed(clean(event.message))

    @on(results.IndexBuilt)
    @tolerates_teardown
    def _index_built(self) -> None:
        self.list_screen.refresh_view()

    @on(results.Said)
    def _said(self, event: results.Said) -> None:
        self.say(event.message, event.severity, event.timeout)

    # Pages, the user's data and TMDB: routed to their flows -------------------------------

    @on(requests.OpenFilm)
    @on(requests.OpenPerson)
    @on(results.FilmRead)
    @on(requests.OpenLink)
    @on(requests.CopyText)
    @on(requests.SavePage)
    @tolerates_teardown
    def _pages(self, event: Message) -> None:
        self.page_flow.handle(event)

    async def action_back(self) -> None:
        """Back to the previous page, like a browser; from the first page, back to the list."""
        self.page_flow.back()

    def action_forward(self) -> None:
        """Forward to the page we came back from."""
        self.page_flow.forward()

    # The user's data and TMDB: routed to their flows -------------------------------------

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

    def action_refresh_all(self) -> None:
        """Refresh every film from TMDB, with progress; pressed again, cancel."""
        self.tmdb_flow.toggle_all()

    def action_cancel_refresh(self) -> None:
        """Stop a refresh of every film (what was fetched is saved)."""
        self.tmdb_flow.handle(requests.CancelRefresh(), self.screen)

    def action_search_tmdb(self) -> None:
        """Search TMDB for the list's query (or anything typed in the dialog) and add a film."""
        self.tmdb_flow.search_dialog()

    async def action_quit(self) -> None:
        """Quit once what came with q is handled (a `w` just before it is saved); the network
        is cut, never waited for."""
        if self._quitting:
            return
        self._quitting = True
        # Through the screen's queue, then the App's: a request the screen posted before q (the
        # watchlist toggle) reaches the App first. The timer covers a screen being torn down.
        self.screen.call_later(self.call_later, self._quit)
        self.set_timer(self.SAVE_GRACE, self._quit)

    async def _quit(self) -> None:
        if self._quit_started:
            return
        self._quit_started = True
        await self.user_flow.saved(self.SAVE_GRACE)
        await self.settings_flow.saved(self.SAVE_GRACE)
        self.exit()

    def on_unmount(self) -> None:
        """However the app ends, the refresh of every film stops and requests are cut."""
        self.tmdb_flow.stop()
        self.tmdb.abort()

    # Help, about and the palette: the app's own pages ---------------------------------------

    def action_help(self) -> None:
        """Show every key."""
        self.info_flow.help()

    def action_about(self) -> None:
        """Version, data folder and TMDB's notice."""
        self.info_flow.about()

    @on(results.LastRefreshRead)
    @tolerates_teardown
    def _last_refresh_read(self, event: results.LastRefreshRead) -> None:
        self.info_flow.last_refresh_read(event.last_refresh)

    def action_diary(self) -> None:
        """Your viewings by month, newest first."""
        self.page_flow.open_picked("diary")

    def action_recent(self) -> None:
        """The last film pages you opened."""
        self.page_flow.open_picked("recent")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from self.info_flow.system_commands(screen)

"""The filmtui browser: a thin Textual App that routes the screens' requests, switches pages and
runs workers (filmtui.jobs) whose results come back as named messages (filmtui.results)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import Worker

from filmtui import jobs, requests, results
from filmtui.commands import FilmCommands
from filmtui.library import Library
from filmtui.navigation import FilmPage, History, Page, PersonPage, Visit
from filmtui.screens.list_screen import ListScreen
from filmtui.text import clean
from filmtui.tmdb_flow import TmdbFlow
from filmtui.tmdb_service import TmdbService
from filmtui.user_flow import UserFlow
from filmtui.widgets.teardown import tolerates_teardown
from filmtui.widgets.tmdb_status import TmdbState

if TYPE_CHECKING:
    from filmtui.screens.film_screen import FilmScreen
    from filmtui.screens.person_screen import PersonScreen


class FilmApp(App[None]):
    """Browse a Library's films: a searchable list, film pages and person pages."""

    # Absolute, so a subclass in another folder (a benchmark, a test) finds the stylesheet too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "filmtui"
    COMMANDS = App.COMMANDS | {FilmCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark,f1", "help", "Help"),
        Binding("f2", "about", "About", show=False),
        Binding("left_square_bracket,alt+left", "back", "Back", show=False),
        Binding("right_square_bracket,alt+right", "forward", "Forward", show=False),
        Binding("ctrl+r", "refresh_all", "Refresh all", show=False),
        Binding("ctrl+t", "search_tmdb", "Search TMDB", show=False),
    ]
    SAVE_GRACE = 0.5
    """Seconds quitting waits for the user's data to be saved (a save takes milliseconds; the
    network is never waited for)."""

    def __init__(self, library: Library, tmdb: TmdbService | None = None,
                 notices: Sequence[str] = ()) -> None:
        super().__init__()
        self.library = library
        self.tmdb = tmdb or TmdbService()
        self.notices = tuple(notices)
        self.history = History()
        self.tmdb_state = TmdbState()
        """What the TMDB widgets show; replaced (never mutated) by `set_tmdb_state`."""
        self.tmdb_signal: Signal[TmdbState] = Signal(self, "tmdb")
        self.tmdb_flow = TmdbFlow(self)
        self.user_flow = UserFlow(self)
        self._pending: Visit | None = None
        self._quitting = False
        """True once q is pressed: keys after it are dropped."""
        self._quit_started = False
        self._early_keys: list[events.Key] | None = []
        """Keys typed before the first frame (nothing has the focus yet): kept, and replayed
        to the search box once it has the focus, so a query typed at launch is not lost."""
        """A film page whose film is being read before it is shown."""
        self.list_screen = ListScreen(library)
        self._film_page: FilmScreen | None = None
        self._person_page: PersonScreen | None = None

    def get_default_screen(self) -> Screen[Any]:
        return self.list_screen

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
        """One line for the user, as plain text."""
        self.notify(clean(message), severity=severity, timeout=timeout, markup=False)

    def set_tmdb_state(self, **changes: Any) -> None:
        """Change the TMDB state and tell every widget that shows it."""
        self.tmdb_state = replace(self.tmdb_state, **changes)
        self.tmdb_signal.publish(self.tmdb_state)

    def check_online(self) -> None:
        self.work(jobs.check_network, self.tmdb, self.post_message, group="tmdb-online", exclusive=True)

    def pages(self) -> Iterable[Any]:
        """Every screen that shows films: the list and the page screens built so far."""
        return [self.list_screen, *self._page_screens()]

    def _page_screens(self) -> list[FilmScreen | PersonScreen]:
        return [page for page in (self._film_page, self._person_page) if page is not None]

    # Loading --------------------------------------------------------------------------------

    @on(results.FilmsLoaded)
    @on(results.FilmsReloaded)
    @tolerates_teardown
    def _films_loaded(self, event: results.FilmsLoaded | results.FilmsReloaded) -> None:
        self.list_screen.set_browser(event.browser)
        # Build the film page while the reader looks at the list, so the first Enter is quick;
        # its modules are imported in a thread (~60 ms that would hold up a key's echo).
        if self._film_page is None:
            self.set_timer(0.5, lambda: self.run_worker(
                self._warm_film_page, thread=True, group="warm", exit_on_error=False))

    def _warm_film_page(self) -> None:
        import filmtui.screens.film_screen  # noqa: F401

        try:
            self.call_from_thread(self._film_screen)
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

    # Pages and history ----------------------------------------------------------------------

    def _film_screen(self) -> FilmScreen:
        """The one FilmScreen, built on first use and kept for the session."""
        from filmtui.screens.film_screen import FilmScreen

        if self._film_page is None:
            self._film_page = FilmScreen(self.library)
            self.install_screen(self._film_page, "film-page")
        return self._film_page

    def _person_screen(self) -> PersonScreen:
        from filmtui.screens.person_screen import PersonScreen

        if self._person_page is None:
            self._person_page = PersonScreen(self.library)
            self.install_screen(self._person_page, "person-page")
        return self._person_page

    @property
    def film_page(self) -> FilmScreen | None:
        """The FilmScreen, once built (None before)."""
        return self._film_page

    def _on_page(self) -> bool:
        return self.screen in self._page_screens()

    def _in_pages(self) -> bool:
        """True when a page screen is in the stack (perhaps under help or a dialog)."""
        return any(screen in self._page_screens() for screen in self.screen_stack)

    def _leave(self) -> None:
        """Remember where the reader is on the film page, for back and forward."""
        page = self.film_page
        if page is not None and page in self.screen_stack:
            self.history.leave(page.place())

    def _show(self, visit: Visit, restore: bool = False) -> None:
        """Show `visit`'s page; with `restore` (back and forward), where it was left."""
        page = visit.page
        if isinstance(page, FilmPage) and visit is not self._pending and self.library.cached_film(page.film_id) is None:
            # Read the film first and switch once it is in: the page is drawn once, with the
            # film. A slow disk still gets the page (saying "Loading…") after a moment.
            self._pending = visit
            self.work(jobs.read_film, self.library, self.post_message, visit, restore, group="open")
            self.set_timer(0.12, lambda: self._show_pending(visit, restore))
            return
        self._pending = None
        # Going to a page closes help, about or a dialog on top: a page screen is never twice in the stack.
        while self.screen.is_modal and len(self.screen_stack) > 1:
            self.pop_screen()
        place = visit.place if restore else None
        screen: FilmScreen | PersonScreen
        if isinstance(page, FilmPage):
            screen = self._film_screen()
            screen.show_film_id(page.film_id, place)
        else:
            screen = self._person_screen()
            screen.show_person(page.name, page.known)
        if self.screen is screen:
            return
        if self._on_page():
            self.switch_screen(screen)  # film <-> person: swap, the list stays below
        else:
            self.push_screen(screen)

    @on(results.FilmRead)
    @tolerates_teardown
    def _film_read(self, event: results.FilmRead) -> None:
        self._show_pending(event.visit, event.restore)

    def _show_pending(self, visit: Visit, restore: bool) -> None:
        if self._pending is visit:  # not superseded by another page meanwhile
            self._show(visit, restore)

    def open_page(self, page: Page) -> None:
        """Go to a new page: it joins the history and the forward history is dropped."""
        if self._pending is not None and self._pending.page == page:
            return  # Enter pressed again while the film is read
        self._leave()
        self._show(self.history.open(page, from_list=not self._in_pages()))

    @on(requests.OpenFilm)
    def _open_film(self, event: requests.OpenFilm) -> None:
        self.open_page(FilmPage(event.film_id))

    @on(requests.OpenPerson)
    def _open_person(self, event: requests.OpenPerson) -> None:
        self.open_page(PersonPage(event.name, event.known))

    async def action_back(self) -> None:
        """Back to the previous page, like a browser; from the first page, back to the list."""
        if not self._on_page() or self.screen.is_modal:
            return
        self._leave()
        visit = self.history.back()
        if visit is not None:
            self._show(visit, restore=True)
        else:
            self.pop_screen()

    def action_forward(self) -> None:
        """Forward to the page we came back from."""
        if self.screen.is_modal:
            return
        self._leave()
        visit = self.history.forward(from_list=not self._in_pages())
        if visit is not None:
            self._show(visit, restore=True)

    # The user's data and TMDB: routed to their flows -------------------------------------

    @on(requests.ToggleWatchlist)
    @on(requests.SaveUserData)
    @on(requests.RateFilm)
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
        self.exit()

    def on_unmount(self) -> None:
        """However the app ends, the refresh of every film stops and requests are cut."""
        self.tmdb_flow.stop()
        self.tmdb.abort()

    # Help, about and the palette ------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key."""
        from filmtui.screens import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_about(self) -> None:
        """Version, data folder and TMDB's notice."""
        from filmtui.screens import AboutScreen

        if not isinstance(self.screen, AboutScreen):
            browser = self.library.browser
            last = self.library.describe_last_refresh(self.library.meta_last_refresh())
            self.push_screen(AboutScreen(self.library.root, len(browser) if browser else None, last))
            self.work(jobs.last_refresh, self.library, self.post_message, group="meta")

    @on(results.LastRefreshRead)
    @tolerates_teardown
    def _last_refresh_read(self, event: results.LastRefreshRead) -> None:
        from filmtui.screens import AboutScreen

        if isinstance(self.screen, AboutScreen):
            self.screen.show_last_refresh(event.last_refresh)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key filmtui knows", self.action_help)
        yield SystemCommand("About filmtui", "Version, data folder, TMDB notice", self.action_about)
        yield from self.tmdb_flow.system_commands(screen)

"""The filmtui browser: the Textual app that holds the store and moves between pages."""

from __future__ import annotations

import gc
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.cache import LRUCache
from textual.screen import Screen

from filmtui.commands import FilmCommands
from filmtui.models import Film, FilmSummary, PersonCredit
from filmtui.screens.list_screen import ListScreen
from filmtui.text import clean
from filmtui.tmdb_actions import TmdbActions
from filmtui.user_actions import UserActions

if TYPE_CHECKING:
    from filmtui.browse import Browser
    from filmtui.people import PeopleIndex
    from filmtui.screens.about_screen import AboutScreen
    from filmtui.store import Store  # the caller opens it; the UI never imports TinyDB itself

#: A page in the history: ("film", film_id) or ("person", (name, known credits)).
Page = tuple[str, object]


class FilmApp(UserActions, TmdbActions, App):
    """Browse the store's films: a searchable list, film pages and person pages."""

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

    def __init__(self, store: Store, notices: Sequence[str] = ()) -> None:
        super().__init__()
        self.store = store
        self.notices = tuple(notices)
        self.browser: Browser | None = None
        """The films in memory with their search index; None until the loading worker is done."""
        self._people: PeopleIndex | None = None
        self._people_lock = threading.Lock()
        self._collections: dict[str, list[FilmSummary]] | None = None
        self._collections_lock = threading.Lock()
        self._films: LRUCache[int, Film] = LRUCache(64)
        self._films_lock = threading.Lock()  # workers fill the cache; LRUCache is not thread-safe
        self._history: list[Page] = []
        """Pages from the first one opened from the list to the one showing."""
        self._forward: list[Page] = []
        self._pending: Page | None = None
        """A film page being read before it is shown."""

    def get_default_screen(self) -> Screen:
        return ListScreen()

    def on_mount(self) -> None:
        for notice in self.notices:
            self.notify(clean(notice), severity="warning", timeout=12, markup=False)
        # After the first frame: reading 100,000 rows holds the GIL in C for a while, and the
        # search box should be on screen and taking keys before that starts.
        self.call_after_refresh(self.load_films)
        self.call_after_refresh(self.check_online)  # TMDB online/offline, in a worker

    # Loading (workers: the event loop never waits on the disk) ----------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_films(self) -> None:
        """Read the slim index and build the search index off the event loop."""
        from filmtui.browse import Browser  # imported here: rapidfuzz is not needed for frame one

        try:
            browser = Browser(self.store.summaries(), build=False)
        except Exception as error:  # a store that cannot be read: say so instead of "Loading…"
            self.call_from_thread(self._load_failed, error)
            return
        browser.order("title")  # the first list's order: sorted here, not on the event loop
        self.call_from_thread(self._films_loaded, browser)
        self.read_mine()  # the watchlist marks follow the list
        # The list is up; search follows (about a second at 100,000 films).
        browser.build_index()
        self.call_from_thread(self._index_built)
        self.people()  # warm the people index for the palette and person pages
        # The films and their indexes live for the whole session: millions of objects that a full
        # garbage collection would otherwise walk (a 100-300 ms pause mid-keystroke at 100k films).
        gc.freeze()

    def _films_loaded(self, browser: Browser) -> None:
        self.browser = browser
        for screen in self.screen_stack:
            if isinstance(screen, ListScreen):
                screen.set_browser(browser)
        # Build the film page while the reader looks at the list, so the first Enter is quick;
        # a moment later, so it never delays the first frames.
        self.set_timer(0.5, lambda: self._page_screen("film"))

    def _load_failed(self, error: Exception) -> None:
        message = f"Could not read the films in {self.store.root}: {error}"
        self.notify(clean(message), severity="error", timeout=30, markup=False)
        for screen in self.screen_stack:
            if isinstance(screen, ListScreen):
                screen.load_failed(clean(message))

    def _index_built(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ListScreen):
                screen.refresh_view()

    def summary(self, film_id: int) -> FilmSummary | None:
        """The slim row for `film_id`, when the films are loaded."""
        return self.browser.by_id.get(film_id) if self.browser else None

    def cached_film(self, film_id: int) -> Film | None:
        """A film read earlier in this session (or prefetched), so opening it is instant."""
        with self._films_lock:
            return self._films.get(film_id)

    def keep_film(self, film: Film) -> None:
        """Make `film` the app's copy (refreshed, added, or the user's data changed). Textual's
        LRUCache.set keeps an existing entry, so the stale copy is dropped first (else a page
        reopened later shows the old data)."""
        with self._films_lock:
            self._films.discard(film.id)
            self._films[film.id] = film

    def worker_store(self) -> Store:
        """A Store instance of the worker's own on the app's folders (call from a worker: the
        store's lock counts per instance, not per thread)."""
        return type(self.store).open(self.store.root, self.store.catalog)

    def load_film(self, film_id: int) -> Film | None:
        """Read one film from the store (call from a worker thread)."""
        film = self.cached_film(film_id) or self.store.film(film_id)
        if film is not None:
            with self._films_lock:
                self._films[film_id] = film
        return film

    def people(self) -> PeopleIndex:
        """Everyone in the summaries with their credits (built once; call from a worker)."""
        from filmtui.people import PeopleIndex

        with self._people_lock:
            if self._people is None:
                self._people = PeopleIndex(self.browser.films if self.browser else self.store.summaries())
            return self._people

    def people_if_ready(self) -> PeopleIndex | None:
        """The people index if it is built, without waiting for it."""
        return self._people

    def collection_films(self, film: Film) -> list[FilmSummary]:
        """The other films of `film`'s collection (call from a worker thread).

        FilmSummary does not carry `collection`, so the catalogue's films are read once and the
        collections remembered; TMDB-only films outside the catalogue are not linked.
        """
        with self._collections_lock:
            if self._collections is None:
                found: dict[str, list[FilmSummary]] = {}
                for summary in self.browser.films if self.browser else ():
                    if not summary.editorial:
                        continue
                    other = self.cached_film(summary.id) or self.store.film(summary.id)
                    if other is not None and other.collection:
                        found.setdefault(other.collection, []).append(summary)
                self._collections = found  # only once complete: a failed read is tried again
        films = self._collections.get(film.collection or "", [])
        return sorted((f for f in films if f.id != film.id), key=lambda f: f.year or 0)

    # Pages and history ----------------------------------------------------------------------------

    def _page_screen(self, kind: str) -> Screen:
        """The one FilmScreen or PersonScreen, installed on first use and kept for the session."""
        from filmtui.screens import FilmScreen, PersonScreen

        name = f"{kind}-page"
        if not self.is_screen_installed(name):
            self.install_screen(FilmScreen() if kind == "film" else PersonScreen(), name)
        return self.get_screen(name)

    def _show(self, page: Page, restore: bool = False) -> None:
        """Show `page`; with `restore` (back and forward), on the tab it was left on."""
        kind, key = page
        if kind == "film" and page != self._pending and self.cached_film(int(key)) is None:  # type: ignore[arg-type]
            # Read the film first and switch once it is in: the page is laid out and drawn once,
            # with the film, instead of a "Loading…" page and then again. A slow disk still gets
            # the page (saying "Loading…") after a moment.
            self._pending = page
            self._read_then_show(page, restore)
            self.set_timer(0.12, lambda: self._show_pending(page, restore))
            return
        self._pending = None
        # Going to a page closes help, about or a dialog on top (from the palette, say): the
        # page screens must never be in the stack twice.
        while self.screen.is_modal and len(self.screen_stack) > 1:
            self.pop_screen()
        screen = self._page_screen(kind)
        if kind == "film":
            screen.show_film_id(int(key), restore=restore)  # type: ignore[attr-defined, arg-type]
        else:
            screen.show_person(*key)  # type: ignore[attr-defined, misc]
        if self.screen is screen:
            return
        if getattr(self.screen, "page", None) is not None:
            self.switch_screen(screen)  # film <-> person: swap, the list stays below
        else:
            self.push_screen(screen)

    @work(thread=True, group="open", exit_on_error=False)
    def _read_then_show(self, page: Page, restore: bool) -> None:
        try:
            self.load_film(int(page[1]))  # type: ignore[arg-type]
        except Exception:
            pass  # the page reads it again and says what went wrong
        self.call_from_thread(self._show_pending, page, restore)

    def _show_pending(self, page: Page, restore: bool) -> None:
        """Show `page` if it is still the one asked for (not superseded by another page)."""
        if self._pending == page:
            self._show(page, restore)

    def _open(self, page: Page) -> None:
        """Go to a new page: it joins the history and the forward history is dropped."""
        if page == self._pending:
            return  # Enter pressed again while the film is read
        if not any(getattr(s, "page", None) for s in self.screen_stack):
            self._history = []  # from the list, history starts again
        self._forward.clear()
        self._history.append(page)
        self._show(page)

    def open_film(self, film_id: int) -> None:
        """Open a film's page."""
        self._open(("film", film_id))

    def open_person(self, name: str, known: Sequence[PersonCredit] = ()) -> None:
        """Open a person's page."""
        self._open(("person", (name, tuple(known))))

    def action_back(self) -> None:
        """Back to the previous page, like a browser; from the first page, back to the list."""
        if getattr(self.screen, "page", None) is None or not self._history:
            return
        self._forward.append(self._history.pop())
        if self._history:
            self._show(self._history[-1], restore=True)
        else:
            self.pop_screen()

    def action_forward(self) -> None:
        """Forward to the page we came back from."""
        if not self._forward or self.screen.is_modal:
            return
        if getattr(self.screen, "page", None) is None:
            self._history = []
        page = self._forward.pop()
        self._history.append(page)
        self._show(page, restore=True)

    # Quitting -------------------------------------------------------------------------------------

    #: Seconds quitting waits for the user's own data to be saved (a save takes milliseconds; the
    #: network is never waited for).
    SAVE_GRACE = 2.0

    async def action_quit(self) -> None:
        """Quit once the user's pending saves are written (a `w` just before `q` is kept)."""
        await self.saves_written()
        self.exit()

    async def saves_written(self) -> None:
        """Wait (at most SAVE_GRACE seconds) for the workers saving the user's data."""
        import asyncio

        saves = [w for w in self.workers if w.group == "mine" and not w.is_finished]
        if saves:
            await asyncio.wait([asyncio.ensure_future(w.wait()) for w in saves], timeout=self.SAVE_GRACE)

    # Help, about and the palette ------------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key."""
        from filmtui.screens import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_about(self) -> None:
        """Version, data folder and TMDB's notice."""
        from filmtui.screens import AboutScreen

        if not isinstance(self.screen, AboutScreen):
            films = len(self.browser) if self.browser else None
            screen = AboutScreen(self.store.root, films, self.store.meta.get("last_refresh"))
            self.push_screen(screen)
            self._reload_meta(screen)

    def action_poster(self) -> None:
        """The open film's poster, drawn in the terminal (the film page's `p`)."""
        from filmtui.screens import FilmScreen, PosterScreen

        page = self.screen
        if isinstance(page, FilmScreen) and page.film_id is not None:
            film = page.film or self.summary(page.film_id)
            title, year = (film.title, film.year) if film else ("", None)
            self.push_screen(PosterScreen(page.film_id, title, year))

    @work(thread=True, group="meta", exit_on_error=False)
    def _reload_meta(self, screen: AboutScreen) -> None:
        """The About page's last refresh, read again: another filmtui may have refreshed since."""
        try:
            last_refresh = self.worker_store().reload_meta().get("last_refresh")
        except Exception:
            return  # the page keeps what the store said at start
        self.call_from_thread(screen.show_last_refresh, last_refresh)

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key filmtui knows", self.action_help)
        yield SystemCommand("About filmtui", "Version, data folder, TMDB notice", self.action_about)
        yield from self.tmdb_system_commands()

"""What the App's thread workers do: blocking reads, writes and TMDB calls, each ending in a named
message (filmtui.results, or a dialog's own) handed to `post` (a thread-safe post_message).

Plain functions of the Library and the TMDB service, so the App stays a router: it starts these
with `run_worker` and handles what they post.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from textual.geometry import Size
from textual.message import Message

from filmtui.library import Library
from filmtui.models import Viewing
from filmtui.navigation import FilmPage, Visit
from filmtui.results import (
    FilmRead,
    FilmRefreshed,
    FilmsLoaded,
    FilmsReloaded,
    FilmsUnreadable,
    FreshUserData,
    IndexBuilt,
    LastRefreshRead,
    NetworkChecked,
    RefreshFinished,
    RefreshStarted,
    Said,
    UserDataRead,
    UserDataSaved,
)
from filmtui.tmdb_service import RefreshStep, TmdbService

Post = Callable[[Message], bool]

#: Seconds the loading worker waits for the list to be drawn before it builds the search index.
DRAW_FIRST = 2.0


class WorkerPool(ThreadPoolExecutor):
    """The event loop's executor for thread workers. Closing the loop does not wait for work in
    flight (a TMDB request, a poster download): quitting must not hang on the network. What is
    still running when the app has quit is ended by `filmtui.cli.browse`."""

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=False, cancel_futures=True)

    def prestart(self) -> None:
        """Start every thread now, before the first frame. A thread started later, while a
        worker holds the interpreter, kept the event loop waiting in Thread.start() for it to
        run at all (93 ms once, at 100k films): a typed key waited with it."""
        ready = threading.Barrier(self._max_workers)
        for _ in range(self._max_workers):  # each waits for the others: no thread is reused
            self.submit(ready.wait, 1.0)


def load_films(library: Library, post: Post) -> None:
    """The list first, then the user's marks, then search. The people and similar-films indexes
    are built on first use (the palette, a person page, a film page): built here they stalled
    typing for a second and held 100 MB at 100k films."""
    try:
        browser = library.load()
    except Exception as error:  # a store that cannot be read: say so instead of "Loading…"
        post(FilmsUnreadable(f"Could not read the films in {library.root}: {error}"))
        return
    drawn = threading.Event()
    post(FilmsLoaded(browser, drawn))
    drawn.wait(DRAW_FIRST)
    # The collector paused while loading: what is read here lives for the session and holds
    # no cycles, and its passes (up to 98 ms at 100k films, on whichever thread allocated)
    # landed on the keys typed meanwhile.
    enabled = gc.isenabled()
    gc.disable()
    try:
        read_mine(library, post)
        library.recent()  # a small file: read now, so the Recently viewed page opens at once
        library.build_search(browser)  # saved from the last start, or built (seconds at 100k)
        post(IndexBuilt())
        # Then the title order's ids, so a page deep in the list is read by id (0.6 s at a
        # million films: after search, for a query typed at launch). A key's worker wanting
        # them meanwhile waits for this read instead of making its own.
        browser.prepare()
        # "More like this" is made when a film page's tab for it is first shown: made here it
        # held 26 MB at 100,000 films for sessions that never look at one.
        library.region  # noqa: B018 (reads the settings once, off the event loop, for Where to watch)
        # The films and their indexes live for the whole session: millions of objects that a
        # full garbage collection would otherwise walk (a 100-300 ms pause mid-keystroke at 100k).
        gc.freeze()
    finally:
        if enabled:
            gc.enable()


def read_mine(library: Library, post: Post) -> None:
    """The user's data for every film (a bad file costs the marks, not the app)."""
    try:
        mine = library.read_mine()
    except Exception as error:
        post(Said(f"Could not read your watchlist and ratings: {error}", "warning"))
        return
    post(UserDataRead(mine))


def save_page(library: Library, post: Post, film_id: int) -> None:
    """Write the film's page as Markdown into the data folder's pages/ and say where."""
    from filmtui.editorial import slug
    from filmtui.markdown_page import markdown
    from filmtui.store import write_atomic

    try:
        film = library.film(film_id)
        if film is None:
            post(Said("That film's page could not be read", "error"))
            return
        path = library.root / "pages" / slug(film.title, film.year).replace(".toml", ".md")
        write_atomic(path, markdown(film, region=library.region).encode("utf-8"))
    except OSError as error:
        post(Said(f"The page was not saved: {error.strerror or error}", "error"))
        return
    post(Said(f"Saved the page as Markdown: {path}", "information", 12))


def watch_mine(library: Library, post: Post) -> None:
    """Read the user's data again when user.json changed under us: a rating from `filmtui rate`
    in another terminal, or a file repaired since start-up, reaches the screens."""
    try:
        changed = library.mine_changed_on_disk()
    except OSError:
        return  # the folder is gone for a moment: the next look will tell
    if changed:
        read_mine(library, post)


def fresh_mine(library: Library, post: Post, film_id: int, purpose: str = "rate") -> None:
    """One film's user data as it is on disk now, for a dialog or the editor."""
    try:
        mine = library.fresh_mine(film_id)
    except Exception:
        mine = library.mine(film_id)  # the dialog still opens, with what was read before
    post(FreshUserData(film_id, mine, purpose))


def save_mine(library: Library, post: Post, film_id: int, changes: dict[str, object]) -> None:
    """Apply `changes` to the user's data for one film."""
    try:
        data = library.save_mine(film_id, **changes)
    except Exception as error:  # a bad value or the store's folder: one line, nothing lost
        post(Said(f"Not saved: {error}", "error"))
        return
    post(UserDataSaved(film_id, data, changes))


def log_viewing(library: Library, post: Post, film_id: int, viewing: Viewing) -> None:
    """Add one viewing to a film's diary."""
    try:
        data = library.log_viewing(film_id, viewing)
    except Exception as error:  # a bad value or the store's folder: one line, nothing lost
        post(Said(f"Not saved: {error}", "error"))
        return
    post(UserDataSaved(film_id, data, {"diary": viewing}))


def remember_opened(library: Library, post: Post, film_id: int) -> None:
    """Put a film at the top of the recently viewed pages (kept across runs)."""
    try:
        library.opened(film_id)
    except Exception as error:  # a read-only folder: the list is kept for this run only
        post(Said(f"Could not keep the recently viewed list: {error}", "warning"))


def read_film(library: Library, post: Post, visit: Visit, restore: bool) -> None:
    """Read a film page's film into the cache before the page is shown."""
    if isinstance(visit.page, FilmPage):
        try:
            library.film(visit.page.film_id)
        except Exception:
            pass  # the page reads it again and says what went wrong
    post(FilmRead(visit, restore))


def reload_films(library: Library, post: Post) -> None:
    """Read the films again (new titles, ratings, films)."""
    try:
        browser = library.reload()
    except Exception:
        return  # the list keeps what it showed; the next reload tries again
    post(FilmsReloaded(browser))


def last_refresh(library: Library, post: Post) -> None:
    """The store's last refresh, read again for the About page."""
    try:
        stamp = library.last_refresh()
    except Exception:
        return  # the page keeps what it showed
    post(LastRefreshRead(library.describe_last_refresh(stamp)))


def save_theme(name: str, post: Post) -> None:
    """Keep the theme for the next start ([ui] theme in config.toml, the rest of it untouched)."""
    save_ui_setting("theme", name, post)


def save_ui_setting(key: str, value: str, post: Post, what: str = "") -> None:
    """Keep `[ui] key = value` for the next start (the rest of config.toml untouched); a failure
    is one line naming `what` (the key when not given)."""
    from filmtui.config import ConfigError, save_setting

    what = what or key
    try:
        save_setting("ui", key, value)
    except ConfigError as error:
        post(Said(f"{what} not saved: {error}", "error", timeout=12))
    except OSError as error:
        post(Said(f"{what} not saved: cannot write config.toml: {error.strerror or error}", "error", timeout=12))


def check_network(tmdb: TmdbService, post: Post) -> None:
    post(NetworkChecked(tmdb.network()))


def refresh_film(library: Library, tmdb: TmdbService, post: Post, film_id: int, title: str) -> None:
    outcome = tmdb.refresh_film(library.store(), film_id, title)
    if outcome.film is not None:
        library.keep_film(outcome.film)
    post(FilmRefreshed(film_id, outcome))


def refresh_all(library: Library, tmdb: TmdbService, post: Post, cancel: threading.Event,
                step: Callable[[RefreshStep], None]) -> None:
    def started(total: int) -> None:
        post(RefreshStarted(total))

    outcome = tmdb.refresh_all(library.store(), started, step, cancel)
    if outcome.ran:
        library.forget_films()
    post(RefreshFinished(outcome))


# The dialogs' answers are their own messages; they are imported when first used, as the
# dialogs are: start-up needs neither.

def search_tmdb(tmdb: TmdbService, reply: Post, query: str) -> None:
    from filmtui.screens.tmdb_search_dialog import TmdbSearchDialog, split_year

    words, year = split_year(query)
    found = tmdb.search(words, year)
    reply(TmdbSearchDialog.Found(query, found.candidates, found.problem))


def films_list(tmdb: TmdbService, reply: Post, which: str) -> None:
    from filmtui.screens.tmdb_search_dialog import TmdbSearchDialog

    listed = tmdb.films_list(which)
    reply(TmdbSearchDialog.Found("", listed.candidates, listed.problem, which))


def add_from_tmdb(library: Library, tmdb: TmdbService, reply: Post, tmdb_id: int) -> None:
    from filmtui.screens.tmdb_search_dialog import TmdbSearchDialog

    added = tmdb.add(library.store(), tmdb_id)
    if added.film is not None:
        library.keep_film(added.film)
    reply(TmdbSearchDialog.Added(added.film, added.problem))


def fetch_person(library: Library, tmdb: TmdbService, reply: Post, name: str, films: list[int]) -> None:
    from filmtui.screens.person_screen import PersonScreen

    fetched = tmdb.person(library.store(), name, films)
    reply(PersonScreen.Fetched(name, fetched.person, fetched.problem))


def draw_poster(library: Library, tmdb: TmdbService, reply: Post, film_id: int, size: Size) -> None:
    from filmtui.screens.poster_screen import PosterScreen

    try:
        film = library.film(film_id)
    except Exception as error:  # a store problem: one line on the screen, not a crash
        reply(PosterScreen.Failed(f"Could not show the poster: {error}"))
        return
    if film is None:
        reply(PosterScreen.Failed("This film is not in the store any more."))
        return
    cells = tmdb.poster(film.poster_path, size.width, size.height)
    if cells.grid is None:
        reply(PosterScreen.Failed(cells.problem))
    else:
        reply(PosterScreen.Drawn(size, cells.grid, film.title, film.year))

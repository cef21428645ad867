"""What the App's thread workers do: blocking reads, writes and TMDB calls, each ending in a named
message (filmtui.results, or a dialog's own) handed to `post` (a thread-safe post_message).

Plain functions of the Library and the TMDB service, so the App stays a router: it starts these
with `run_worker` and handles what they post.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

from textual.geometry import Size
from textual.message import Message

from filmtui.library import Library
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
from filmtui.screens.poster_screen import PosterScreen
from filmtui.screens.tmdb_search_dialog import TmdbSearchDialog, split_year
from filmtui.tmdb_service import RefreshStep, TmdbService

Post = Callable[[Message], bool]


def load_films(library: Library, post: Post) -> None:
    """The list first, then the user's marks, then search, then the people index."""
    try:
        browser = library.load()
    except Exception as error:  # a store that cannot be read: say so instead of "Loading…"
        post(FilmsUnreadable(f"Could not read the films in {library.root}: {error}"))
        return
    post(FilmsLoaded(browser))
    read_mine(library, post)
    browser.build_index()  # about a second at 100,000 films
    post(IndexBuilt())
    library.people()  # warm the people index for the palette and person pages
    library.similar()  # and "more like this", so the first film page's list comes at once
    library.region  # noqa: B018 (reads the settings once, off the event loop, for Where to watch)
    # The films and their indexes live for the whole session: millions of objects that a full
    # garbage collection would otherwise walk (a 100-300 ms pause mid-keystroke at 100k films).
    gc.freeze()


def read_mine(library: Library, post: Post) -> None:
    """The user's data for every film (a bad file costs the marks, not the app)."""
    try:
        mine = library.read_mine()
    except Exception as error:
        post(Said(f"Could not read your watchlist and ratings: {error}", "warning"))
        return
    post(UserDataRead(mine))


def fresh_mine(library: Library, post: Post, film_id: int) -> None:
    """One film's user data as it is on disk now, for the rating dialog."""
    try:
        mine = library.fresh_mine(film_id)
    except Exception:
        mine = library.mine(film_id)  # the dialog still opens, with what was read before
    post(FreshUserData(film_id, mine))


def save_mine(library: Library, post: Post, film_id: int, changes: dict[str, object]) -> None:
    """Apply `changes` to the user's data for one film."""
    try:
        data = library.save_mine(film_id, **changes)
    except Exception as error:  # a bad value or the store's folder: one line, nothing lost
        post(Said(f"Not saved: {error}", "error"))
        return
    post(UserDataSaved(film_id, data, changes))


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


def search_tmdb(tmdb: TmdbService, reply: Post, query: str) -> None:
    words, year = split_year(query)
    found = tmdb.search(words, year)
    reply(TmdbSearchDialog.Found(query, found.candidates, found.problem))


def films_list(tmdb: TmdbService, reply: Post, which: str) -> None:
    listed = tmdb.films_list(which)
    reply(TmdbSearchDialog.Found("", listed.candidates, listed.problem, which))


def add_from_tmdb(library: Library, tmdb: TmdbService, reply: Post, tmdb_id: int) -> None:
    added = tmdb.add(library.store(), tmdb_id)
    if added.film is not None:
        library.keep_film(added.film)
    reply(TmdbSearchDialog.Added(added.film, added.problem))


def fetch_person(library: Library, tmdb: TmdbService, reply: Post, name: str, films: list[int]) -> None:
    from filmtui.screens.person_screen import PersonScreen

    fetched = tmdb.person(library.store(), name, films)
    reply(PersonScreen.Fetched(name, fetched.person, fetched.problem))


def draw_poster(library: Library, tmdb: TmdbService, reply: Post, film_id: int, size: Size) -> None:
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

"""The films a browser session works on: the store behind them, the films in memory with their
search index, a cache of film pages, people, collections and the user's own data.

Thread-safe: the App's workers call it from threads, each through a Store of its own (the
store's lock counts per instance, not per thread). No Textual here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filmtui.models import Film, FilmSummary, Person, UserData

if TYPE_CHECKING:
    from filmtui.browse import Browser
    from filmtui.people import PeopleIndex
    from filmtui.similar import MoreLikeThis, SimilarIndex
    from filmtui.store import Store


class Library:
    """Everything the browser reads and writes, over one store folder. Satisfies FilmSource."""

    CACHED_FILMS = 64
    """Film pages kept in memory (the open one, its neighbours, the read-ahead)."""

    def __init__(self, store: Store) -> None:
        self._opened = store
        self._opened_in = threading.get_ident()
        self._local = threading.local()
        self._lock = threading.RLock()
        self.browser: Browser | None = None
        """The films in memory with their search index; None until `load()` has run."""
        self._films: OrderedDict[int, Film] = OrderedDict()
        self._people: PeopleIndex | None = None
        self._similar: SimilarIndex | None = None
        self._collections: dict[str, list[FilmSummary]] | None = None
        self._mine: dict[int, UserData] = {}
        self._region: str | None = None

    # The store ------------------------------------------------------------------------------

    @property
    def root(self) -> Path:
        return self._opened.root

    @property
    def notices(self) -> list[str]:
        """What opening the store had to repair, one line each."""
        return self._opened.notices

    def store(self) -> Store:
        """This thread's own Store on the library's folders."""
        if threading.get_ident() == self._opened_in:
            return self._opened
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = type(self._opened).open(self._opened.root, self._opened.catalog)
        return store

    def meta_last_refresh(self) -> str | None:
        """The last refresh as the store said at opening (no disk read)."""
        last: str | None = self._opened.meta.get("last_refresh")
        return last

    def last_refresh(self) -> str | None:
        """When the films were last refreshed from TMDB, read again (another filmtui may have)."""
        last: str | None = self.store().reload_meta().get("last_refresh")
        return last

    @property
    def region(self) -> str:
        """The country Where to watch shows (config `region`; read once, a bad file says US)."""
        if self._region is None:
            from filmtui.config import ConfigError, load_config

            try:
                self._region = load_config().region
            except ConfigError:
                self._region = "US"  # the TMDB calls say what is wrong with the file
        return self._region

    @staticmethod
    def data_age(refreshed_at: str) -> str:
        """How old a film's TMDB data is: "TMDB data from 3 days ago" (no disk, no network)."""
        from filmtui.tmdb.freshness import describe_age

        return describe_age(refreshed_at)

    @staticmethod
    def describe_last_refresh(last_refresh: str | None) -> str:
        """"2026-11-25 21:04 UTC (3 hours ago)"; how to refresh when it never was."""
        from filmtui.tmdb.freshness import ago

        when = ago(last_refresh)
        if last_refresh is None or when is None:
            return "never: run `filmtui refresh` with a TMDB key"
        return f"{last_refresh[:16].replace('T', ' ')} UTC ({when})"

    # The films ------------------------------------------------------------------------------

    def load(self) -> Browser:
        """Read the slim index into a Browser sorted by title, without its search index yet."""
        from filmtui.browse import Browser  # rapidfuzz is not needed for the first frame

        browser = Browser(self.store().summaries(), build=False)
        browser.order("title")  # the first list's order, sorted here and not on the event loop
        self.browser = browser
        return browser

    def reload(self) -> Browser:
        """Read the films again (after a refresh or an add), searchable; people and collections
        are gathered again on next use."""
        from filmtui.browse import Browser

        browser = Browser(self.store().summaries(), build=False)
        browser.order("title")
        browser.build_index()
        with self._lock:
            self.browser = browser
            self._people = None
            self._similar = None
            self._collections = None
        return browser

    def summary(self, film_id: int) -> FilmSummary | None:
        browser = self.browser
        return browser.by_id.get(film_id) if browser else None

    def cached_film(self, film_id: int) -> Film | None:
        with self._lock:
            film = self._films.get(film_id)
            if film is not None:
                self._films.move_to_end(film_id)
            return film

    def keep_film(self, film: Film) -> None:
        """Make `film` the library's copy (refreshed, added, or the user's data changed)."""
        with self._lock:
            self._films[film.id] = film
            self._films.move_to_end(film.id)
            while len(self._films) > self.CACHED_FILMS:
                self._films.popitem(last=False)

    def forget_films(self) -> None:
        """Drop every cached page (a refresh of every film rewrote them)."""
        with self._lock:
            self._films.clear()

    def film(self, film_id: int) -> Film | None:
        """One film's page, from the cache or the store (call from a worker)."""
        film = self.cached_film(film_id)
        if film is None:
            film = self.store().film(film_id)
            if film is not None:
                self.keep_film(film)
        return film

    def people(self) -> PeopleIndex:
        """Everyone in the films with their credits (built once; call from a worker)."""
        from filmtui.people import PeopleIndex

        with self._lock:
            if self._people is None:
                browser = self.browser
                self._people = PeopleIndex(browser.films if browser else self.store().summaries())
            return self._people

    def person(self, name: str) -> Person | None:
        """The person stored from TMDB under `name` (call from a worker: reads people.json)."""
        return self.store().person(name)

    def people_if_ready(self) -> PeopleIndex | None:
        return self._people

    def similar(self) -> SimilarIndex:
        """The "more like this" index over the films in memory (prepared once; call from a worker)."""
        from filmtui.similar import SimilarIndex

        with self._lock:
            if self._similar is None:
                browser = self.browser
                self._similar = SimilarIndex(browser.films if browser else self.store().summaries())
            index = self._similar
        index.prepare()  # outside the lock: seconds at 100,000 films, and the index locks itself
        return index

    def more_like(self, film: Film) -> MoreLikeThis:
        """Films like `film`, with TMDB's recommendations stored with it (call from a worker)."""
        return self.similar().like(film, recommended=film.recommendations)

    def collection_films(self, film: Film) -> list[FilmSummary]:
        """The other films of `film`'s collection (call from a worker).

        FilmSummary does not carry `collection`, so the catalogue's films are read once and the
        collections remembered; TMDB-only films outside the catalogue are not linked.
        """
        with self._lock:
            if self._collections is None:
                found: dict[str, list[FilmSummary]] = {}
                for summary in self.browser.films if self.browser else ():
                    if summary.editorial:
                        other = self.film(summary.id)
                        if other is not None and other.collection:
                            found.setdefault(other.collection, []).append(summary)
                self._collections = found  # only once complete: a failed read is tried again
            films = self._collections.get(film.collection or "", [])
        return sorted((f for f in films if f.id != film.id), key=lambda f: f.year or 0)

    # The user's data ------------------------------------------------------------------------

    def read_mine(self) -> dict[int, UserData]:
        """Read the user's data for every film (call from a worker)."""
        mine = self.store().users()
        with self._lock:
            self._mine = dict(mine)
        return mine

    def fresh_mine(self, film_id: int) -> UserData:
        """The user's data for one film as it is on disk now (another terminal may have written
        it since start-up); call from a worker."""
        data = self.store().user(film_id)
        self._remember(film_id, data)
        return data

    def save_mine(self, film_id: int, **changes: Any) -> UserData:
        """Apply `changes` (watchlist, rating, note) to the user's data on disk; call from a
        worker. ValueError for an unsound value; OSError or StoreError for the folder."""
        data = self.store().set_user(film_id, **changes)
        self._remember(film_id, data)
        return data

    def _remember(self, film_id: int, data: UserData) -> None:
        with self._lock:
            if data:
                self._mine[film_id] = data
            else:
                self._mine.pop(film_id, None)
            film = self._films.get(film_id)
            if film is not None and film.user != data:
                self._films[film_id] = replace(film, user=data)

    def mine(self, film_id: int) -> UserData:
        with self._lock:
            return self._mine.get(film_id, UserData())

    @property
    def watchlist(self) -> frozenset[int]:
        with self._lock:
            return frozenset(i for i, data in self._mine.items() if data.watchlist)

"""The films a browser session works on: the store behind them, the list index with the search
index, a cache of film pages, people, collections and the user's own data.

Thread-safe: the App's workers call it from threads, each through a Store of its own (the
store's lock counts per instance, not per thread). No Textual here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filmtui.editorial import Pages
from filmtui.locations import editorial_dir
from filmtui.models import Film, FilmSummary, Person, UserData, Viewing
from filmtui.ratings import DEFAULT_SCALE, RatingScale
from filmtui.store.index import Where

if TYPE_CHECKING:
    from filmtui.browser import Browser
    from filmtui.store.derived import Derived, Stamp
    from filmtui.people import PeopleIndex
    from filmtui.similar import MoreLikeThis, SimilarIndex
    from filmtui.store import Store


#: Rows the first frame shows before the loading worker has run.
HEAD_ROWS = 80

#: Films a saved search index may miss and still be searched at start-up, while the current
#: one is built when the user is idle: a few films refreshed or added since, not a new store.
STALE_FILMS = 100


def _a_little_stale(saved: int, films: int) -> bool:
    """True when an index of `saved` films is close enough to today's `films` to search."""
    return abs(films - saved) <= max(STALE_FILMS, films // 100)


@dataclass(frozen=True)
class Head:
    """The list's first rows in title order, the film count, and whether any film is rated."""

    rows: list[FilmSummary]
    total: int
    rated: bool


class Library:
    """Everything the browser reads and writes, over one store folder. Satisfies FilmSource."""

    CACHED_FILMS = 64
    """Film pages kept in memory (the open one, its neighbours, the read-ahead)."""
    WHOLE_SIMILAR = 200_000
    """Films up to which "more like this" keeps an index over every row (see more_like)."""
    ASKED_PAGES = 1000
    """Pages "more like this" was asked about past WHOLE_SIMILAR films, kept for what they
    tell of other films (as the whole index learns each page it is asked about)."""

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
        self._asked: OrderedDict[int, Film] = OrderedDict()
        self._collections: dict[str, list[FilmSummary]] | None = None
        self._mine: dict[int, UserData] = {}
        self._pages = Pages(editorial_dir())
        self._mine_version: object = None
        self._derived: Derived | None = None
        self._stamp: Stamp | None = None
        """The index files' identity when the films in `browser` were read."""
        self.search_stale = False
        """True while `browser` searches an index saved a few writes ago (see build_search)."""
        self._recent: list[int] | None = None
        self._recent_unwritable = False
        """True once writing the recent file failed: the list is kept for this run only."""
        self._region: str | None = None
        self.rating_scale: RatingScale = DEFAULT_SCALE
        """How the user's ratings are shown ([ui] ratings; the browser's palette changes it)."""

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
    def ago(refreshed_at: str | None) -> str:
        """"3 days ago"; "" when never fetched (no disk, no network)."""
        from filmtui.tmdb.freshness import ago

        return ago(refreshed_at) or ""

    @staticmethod
    def describe_last_refresh(last_refresh: str | None) -> str:
        """"2026-11-25 21:04 UTC (3 hours ago)"; how to refresh when it never was."""
        from filmtui.tmdb.freshness import ago

        when = ago(last_refresh)
        if last_refresh is None or when is None:
            return "never: run `filmtui refresh` with a TMDB key"
        return f"{last_refresh[:16].replace('T', ' ')} UTC ({when})"

    # The films ------------------------------------------------------------------------------

    def derived(self) -> Derived:
        from filmtui.store.derived import Derived

        if self._derived is None:
            self._derived = Derived(self.root)
        return self._derived

    def head(self) -> Head | None:
        """The list's first screenful in title order and the count, read from the list index
        (a few queries, about a millisecond at any size: made before the first frame)."""
        from filmtui.browser import Browser

        index = self._opened.sound_list_index()
        if index is None:
            return None  # the loading worker repairs it (seconds at 100k: not before frame one)
        browser = Browser(index, build=False)
        return Head(browser.order("title")[:HEAD_ROWS], len(browser), browser.rated)

    def _read(self) -> Browser:
        from filmtui.browser import Browser  # rapidfuzz is not needed for the first frame

        stamp = self.derived().stamp()  # before the read: a write meanwhile makes it stale
        browser = Browser(self.store().list_index(), build=False)
        self._stamp = stamp
        return browser

    def load(self) -> Browser:
        """A Browser over the list index, without its search index yet, and the title order's
        ids not read yet (no row is read: the list reads the pages it shows). Call from a worker."""
        browser = self._read()
        self.browser = browser
        return browser

    def build_search(self, browser: Browser, *, earlier: bool = True) -> None:
        """Give `browser` its search index: the one saved for these index files when there is
        one (0.8 s instead of 6 s at 100,000 films on a busy machine); else, when `earlier`, the
        one saved a few writes ago if it misses at most a few films (`search_stale` is then
        True, and `rebuild_search` makes the current one once the user is idle); else built
        and saved."""
        from filmtui.search import SearchIndex
        from filmtui.search.vocabulary import collector_paused

        derived, stamp = self.derived(), self._stamp
        with collector_paused():
            columns = derived.search_columns(stamp)
            stale = columns is None
            if stale and earlier:
                columns = derived.earlier_search_columns(stamp)
        if columns is not None and (not stale or _a_little_stale(len(columns.ids), len(browser))):
            browser.index = SearchIndex.from_columns(columns)
            self.search_stale = stale
            return
        del columns
        self._build_search(browser, stamp)

    def rebuild_search(self) -> bool:
        """Replace a stale search index (see `build_search`) with the current one, built and
        saved; False when there was nothing to do. Call from a worker: seconds at 100k films."""
        browser = self.browser
        if not self.search_stale or browser is None:
            return False
        self._build_search(browser, self._stamp)
        return True

    def _build_search(self, browser: Browser, stamp: Stamp | None) -> None:
        from filmtui.search.vocabulary import collector_paused

        with collector_paused():
            browser.build_index()
        assert browser.index is not None
        self.search_stale = False
        self.derived().save_search(stamp, browser.index.columns)

    def warm_search(self) -> None:
        """Prepare what the first typo-tolerant search would (the titles sorted for "did you
        mean": 125 ms at 100,000 films), so no keystroke pays it; call from a worker."""
        from filmtui.search.vocabulary import collector_paused

        browser = self.browser
        if browser is not None and browser.index is not None:
            with collector_paused():
                browser.index.closest("", 1)  # prepares the likeness before it looks at the query

    def reload(self) -> Browser:
        """Read the films again (after a refresh or an add), searchable; people and collections
        are gathered again on next use."""
        browser = self._read()
        browser.prepare()
        # The current index, not an earlier one: the film just refreshed or added is searched.
        self.build_search(browser, earlier=False)
        with self._lock:
            self.browser = browser
            self._people = None
            self._similar = None
            self._asked = OrderedDict()
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
        # The editor's own page laid over ours, as the folder holds it now: a page saved in
        # another terminal shows the next time the film is opened (a few stats, no parsing
        # unless a file changed).
        return self._pages.apply(film) if film is not None else None

    def keep_film(self, film: Film) -> None:
        """Make `film` the library's copy (refreshed, added, or the user's data changed)."""
        with self._lock:
            _keep_newest(self._films, film, self.CACHED_FILMS)

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
                film = self._pages.apply(film)
        return film

    def people(self) -> PeopleIndex:
        """Everyone in the films with their credits (names gathered once, credits read from the
        list index on each ask: no row per film in memory; call from a worker)."""
        from filmtui.people import IndexedPeople

        with self._lock:
            if self._people is None:
                self._people = IndexedPeople(self.store().list_index())
            return self._people

    def person(self, name: str) -> Person | None:
        """The person stored from TMDB under `name` (call from a worker: reads people.json)."""
        return self.store().person(name)

    def people_if_ready(self) -> PeopleIndex | None:
        return self._people

    def similar(self) -> SimilarIndex:
        """The "more like this" index over every film (made when a film page's tab for it is
        first shown, not at start-up: 26 MB at 100,000 films; call from a worker)."""
        from filmtui.search.vocabulary import collector_paused
        from filmtui.similar import SimilarIndex

        with self._lock:
            if self._similar is None:
                with collector_paused():
                    self._similar = SimilarIndex(self.store().summaries())
            index = self._similar
        index.prepare()  # outside the lock: seconds at 100,000 films, and the index locks itself
        return index

    def more_like(self, film: Film) -> MoreLikeThis:
        """Films like `film`, with TMDB's recommendations stored with it (call from a worker).

        Up to WHOLE_SIMILAR films, from an index over every row, built on the first ask (3 s
        and 26 MB at 100,000 films; then ~50 ms a film). Past that, over the rows this film can
        reach, found in the list index in one pass each time (`similar.like_in`: 6 s and
        ~150 MB at 1,000,000 films, where the whole index took 30 s and 1.5 GB), with the pages
        asked about before (their collections and writers, which the rows do not hold)."""
        from filmtui.similar import like_in

        index = self.store().list_index()
        if index.count() <= self.WHOLE_SIMILAR:
            return self.similar().like(film, recommended=film.recommendations)
        with self._lock:
            _keep_newest(self._asked, film, self.ASKED_PAGES)
            pages = list(self._asked.values())
        return like_in(index, film, film.recommendations, pages)

    def collection_films(self, film: Film) -> list[FilmSummary]:
        """The other films of `film`'s collection (call from a worker).

        FilmSummary does not carry `collection`, so the catalogue's films are read once and the
        collections remembered; TMDB-only films outside the catalogue are not linked.
        """
        with self._lock:
            if self._collections is None:
                found: dict[str, list[FilmSummary]] = {}
                index = self.store().list_index()
                editorial = index.rows(index.ids("title", Where("editorial")))
                for summary in editorial.values():
                    other = self.film(summary.id)
                    if other is not None and other.collection:
                        found.setdefault(other.collection, []).append(summary)
                self._collections = found  # only once complete: a failed read is tried again
            films = self._collections.get(film.collection or "", [])
        return sorted((f for f in films if f.id != film.id), key=lambda f: f.year or 0)

    # The user's data ------------------------------------------------------------------------

    def read_mine(self) -> dict[int, UserData]:
        """Read the user's data for every film (call from a worker)."""
        store = self.store()
        version = store.user_version  # before the read: a write meanwhile is seen next time
        mine = store.users()
        with self._lock:
            self._mine = dict(mine)
            self._mine_version = version
        return mine

    def mine_changed_on_disk(self) -> bool:
        """True when user.json is not what `read_mine` last read: another filmtui wrote it, or
        it was repaired (one stat; call from a worker)."""
        return self.store().user_version != self._mine_version

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

    def log_viewing(self, film_id: int, viewing: Viewing) -> UserData:
        """Add `viewing` to the film's diary as it is on disk now (its rating becomes yours);
        call from a worker."""
        data = self.store().update_user(film_id, lambda current: current.logged(viewing))
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

    @property
    def seen(self) -> frozenset[int]:
        """The ids of the films the user has logged a viewing of."""
        with self._lock:
            return frozenset(i for i, data in self._mine.items() if data.seen)

    @property
    def ratings(self) -> dict[int, int]:
        """Film id -> the user's own rating, for the films they rated."""
        with self._lock:
            return {i: data.rating for i, data in self._mine.items() if data.rating is not None}

    def diary(self) -> list[tuple[int, Viewing]]:
        """Every viewing the user logged, as (film id, viewing), in no particular order."""
        with self._lock:
            return [(i, v) for i, data in self._mine.items() for v in data.diary]

    # Recently viewed ------------------------------------------------------------------------

    def recent(self) -> list[int]:
        """The film pages opened lately, newest first (read once, then kept in memory)."""
        from filmtui.store import read_recent

        with self._lock:
            if self._recent is None:
                self._recent = read_recent(self.root)
            return list(self._recent)

    def opened(self, film_id: int) -> None:
        """Remember that `film_id`'s page was opened, in memory and on disk (call from a
        worker). OSError the first time the file cannot be written; after that the list is
        kept in memory only, without asking the disk (or the user) again."""
        from filmtui.store import write_recent
        from filmtui.store.recent import opened

        with self._lock:
            ids = self._recent = opened(self.recent(), film_id)
            if self._recent_unwritable:
                return
            try:
                write_recent(self.root, ids)
            except OSError:
                self._recent_unwritable = True
                raise


def _keep_newest(kept: OrderedDict[int, Film], film: Film, limit: int) -> None:
    """`film` as the newest of `kept`; past `limit`, the oldest go."""
    kept[film.id] = film
    kept.move_to_end(film.id)
    while len(kept) > limit:
        kept.popitem(last=False)

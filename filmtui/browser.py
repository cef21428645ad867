"""The Browser: Views for the list screen over the list index (store/index.py), and their lazy
rows. A service, not the domain's browse.py: it reads the store, which screens may not import
(they are handed a Browser and name it only in type hints).

A View's rows are a `Rows` sequence: its length is a count from SQLite and its rows are read a
page at a time, a few pages kept, so memory does not grow with the collection; sorting and
filtering run in SQLite. With a query, the search's ordered match ids are kept ("best match") or
ordered in SQLite, and only the pages on screen are read by id. The user's own lists (watchlist,
seen, rated) and "your rating" come from memory and reach SQLite as JSON arrays of ids.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from filmtui.browse import PERSONAL_SORTS, Filters, View, match_ids
from filmtui.models import FilmSummary
from filmtui.sequences import Lazy
from filmtui.store.index import ListIndex, Where, ids_param
from filmtui.text import fold

if TYPE_CHECKING:
    from filmtui.search import SearchIndex


def filters_where(filters: Filters) -> Where:
    """`filters` as an SQL condition over the list index."""
    parts: list[str] = []
    params: list[object] = []
    if filters.only is not None:
        parts.append("id IN (SELECT value FROM json_each(?))")
        params.append(ids_param(filters.only))
    if filters.yours is not None:
        negate = "NOT " if filters.yours == "not seen" else ""
        parts.append(f"id {negate}IN (SELECT value FROM json_each(?))")
        params.append(ids_param(filters.yours_ids))
    if filters.genre is not None:
        parts.append("instr(char(9) || genres || char(9), ?) > 0")
        params.append(f"\t{filters.genre}\t")
    if filters.decade is not None:
        parts.append("rank_year BETWEEN ? AND ?")  # rank_year is -year: see store/index.py
        params += [-(filters.decade + 9), -filters.decade]
    if filters.certification is not None:
        parts.append("certification = ?")
        params.append(filters.certification)
    return Where(" AND ".join(parts), tuple(params))


def _within(where: Where, ids: Iterable[int]) -> Where:
    """`where`, and only these films."""
    sql = "id IN (SELECT value FROM json_each(?))" + (f" AND ({where.sql})" if where.sql else "")
    return Where(sql, (ids_param(ids), *where.params))


class Rows(Lazy[FilmSummary]):
    """Films in a list's order, read from the index a page at a time (a few pages kept).

    Either the films `where` keeps in `order`, read by LIMIT/OFFSET, or given `ids` read by id.
    `prepare()` (in a worker) turns the first kind into the second: reading a page deep down a
    million films by offset costs tens of milliseconds, by id a fraction of one."""

    PAGE = 100
    KEEP = 8

    def __init__(self, index: ListIndex, *, order: str = "title", where: Where = Where(),
                 ids: Sequence[int] | None = None, count: int | None = None) -> None:
        self.list_index = index
        self.order = order
        self.where = where
        self._ids = ids
        self._count = len(ids) if ids is not None else count
        self._pages: OrderedDict[int, list[FilmSummary]] = OrderedDict()
        self._lock = threading.Lock()
        self._reading = threading.Lock()

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.list_index.count(self.where)
        return self._count

    def item(self, at: int) -> FilmSummary:
        page = self._page(at // self.PAGE)
        offset = at % self.PAGE
        return page[offset] if offset < len(page) else FilmSummary(-1, "")

    def __iter__(self) -> Iterator[FilmSummary]:
        for number in range((len(self) + self.PAGE - 1) // self.PAGE):
            yield from self._page(number)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Rows({len(self)} films, {self.order})"

    def _page(self, number: int) -> list[FilmSummary]:
        with self._lock:
            page = self._pages.get(number)
            if page is not None:
                self._pages.move_to_end(number)
                return page
        start = number * self.PAGE
        ids = self._ids
        if ids is not None:
            wanted = list(ids[start:start + self.PAGE])
            found = self.list_index.rows(wanted)
            # A film dropped by another filmtui since the ids were read: an empty row, no gap.
            page = [found.get(i) or FilmSummary(i, "") for i in wanted]
        else:
            page = self.list_index.page(self.order, self.where, start, self.PAGE)
        with self._lock:
            self._pages[number] = page
            while len(self._pages) > self.KEEP:
                self._pages.popitem(last=False)
        return page

    def ids(self) -> Sequence[int]:
        """Every film's id in order (read once: a thread asking meanwhile waits for that read,
        rather than making its own, as workers for several keys once did at once)."""
        if self._ids is None:
            with self._reading:
                if self._ids is None:
                    ids = array("q", self.list_index.iter_ids(self.order, self.where))  # 8 bytes a film, not 36
                    self._ids, self._count = ids, len(ids)
        return self._ids

    def prepare(self) -> None:
        """Read the ids and the first page now (call from a worker): later pages, anywhere in
        the list, are read by id in a fraction of a millisecond."""
        self.ids()
        if len(self):
            self._page(0)


class _ById(Mapping[int, FilmSummary]):
    """Film id -> row, read from the index on demand."""

    def __init__(self, index: ListIndex) -> None:
        self._index = index

    def __getitem__(self, film_id: int) -> FilmSummary:
        found = self._index.rows([film_id]).get(film_id)
        if found is None:
            raise KeyError(film_id)
        return found

    def __iter__(self) -> Iterator[int]:
        return iter(self._index.ids(None))

    def __len__(self) -> int:
        return self._index.count()


class Browser:
    """The list index and its search index, ready to answer `view()` per keystroke."""

    #: Up to this many films an order's pages are cheap by offset anywhere (ids never needed).
    SMALL = 20_000

    def __init__(
        self, summaries: Sequence[FilmSummary] | ListIndex, index: SearchIndex | None = None, *,
        build: bool = True,
    ) -> None:
        """Over a list index, or over `summaries` (an in-memory index of them); build the search
        index now unless `build` is False (then call `build_index()` later: at 100,000 films the
        list can show a second before search works)."""
        self.list_index = summaries if isinstance(summaries, ListIndex) else ListIndex.in_memory(summaries)
        self.by_id: Mapping[int, FilmSummary] = _ById(self.list_index)
        self.total = self.list_index.count()
        self.rated = self.list_index.any_rated()
        """True when some film has a TMDB rating (none has until a first refresh)."""
        self.index: SearchIndex | None = index
        self._orders: dict[str, Rows] = {}
        if index is None and build:
            self.build_index()

    @property
    def films(self) -> list[FilmSummary]:
        """Every row, read from the index now (search, people and similar films need them all;
        the list never does)."""
        return self.list_index.load()

    def build_index(self) -> None:
        """Build the search index (about a second at 100,000 films: call it from a worker)."""
        # Imported here: rapidfuzz loads in the worker that builds the index, not before frame one.
        from filmtui.search import SearchIndex

        self.index = SearchIndex(self.films)

    @property
    def searchable(self) -> bool:
        """True once the search index is built."""
        return self.index is not None

    def __len__(self) -> int:
        return self.total

    def order(self, sort: str) -> Rows:
        """Every film in `sort` order (unknown values last), one Rows per sort; "your rating"
        changes as the user rates, so `view` makes it from their ratings each time."""
        key = "title" if sort == "relevance" else sort
        assert key not in PERSONAL_SORTS, "view() orders by the user's ratings"
        order = self._orders.get(key)
        if order is None:
            order = self._orders[key] = Rows(self.list_index, order=key, count=self.total)
        return order

    def _by_your_rating(self, where: Where, ratings: Mapping[int, int], among: Iterable[int] | None = None) -> Rows:
        """The films you rated, highest first (ties by title), then the rest by title."""
        index = self.list_index
        rated = set(ratings)
        scope = where if among is None else _within(where, among)
        if rated:
            mine = index.ids("title", _within(scope, rated))
            mine.sort(key=lambda i: -ratings[i])
            rest_where = Where(
                "id NOT IN (SELECT value FROM json_each(?))" + (f" AND ({scope.sql})" if scope.sql else ""),
                (ids_param(rated), *scope.params),
            )
        else:
            mine, rest_where = [], scope
        return Rows(index, ids=mine + index.ids("title", rest_where))

    def has_order(self, sort: str) -> bool:
        """True when `sort`'s order is read and ready (so a view without a query is cheap);
        always for "your rating", which has no order kept to read ahead."""
        key = "title" if sort == "relevance" else sort
        if key in PERSONAL_SORTS:
            return True
        order = self._orders.get(key)
        return order is not None and (order._ids is not None or self.total <= self.SMALL)

    def prepare(self, sort: str = "relevance") -> None:
        """Read `sort`'s order now (call from a worker): its pages then read by id. Nothing for
        "your rating" (see `has_order`)."""
        if ("title" if sort == "relevance" else sort) not in PERSONAL_SORTS:
            self.order(sort).prepare()

    def first_matches(self, query: str, limit: int) -> View:
        """The best `limit` matches by relevance only: what a keystroke shows at once when the
        full search would take too long. `rows` holds at most `limit` films."""
        assert self.index is not None, "build_index() first"
        matches = self.index.search(query, limit=limit, quick=True)
        return View(Rows(self.list_index, ids=[m.id for m in matches]), self.total, query, matches)

    def view(
        self, query: str = "", sort: str = "relevance", filters: Filters = Filters(),
        ratings: Mapping[int, int] | None = None,
    ) -> View:
        """The rows for `query` in `sort` order, kept by `filters`; `ratings` (film id -> the
        user's rating) orders "your rating"."""
        index = self.list_index
        key = "title" if sort == "relevance" else sort
        where = filters_where(filters)
        if not query.strip():
            if key in PERSONAL_SORTS:
                rows = self._by_your_rating(where, ratings or {})
            elif filters:
                rows = Rows(index, order=key, where=where)
            else:
                rows = self.order(key)
            return View(rows, self.total, query)
        assert self.index is not None, "build_index() first"
        matches = self.index.results(query)
        found = match_ids(matches)
        if sort == "relevance":
            if filters:
                kept = set(index.ids(None, _within(where, found)))
                found = [i for i in found if i in kept]
            rows = Rows(index, ids=found)
        elif key in PERSONAL_SORTS:
            rows = self._by_your_rating(where, ratings or {}, among=found)
        else:
            rows = Rows(index, ids=index.ids(key, _within(where, found)))
        suggestions: list[FilmSummary] = []
        if not rows:
            closest = self.index.closest(query, limit=5)
            by_id = index.rows(closest)
            suggestions = [by_id[i] for i in closest if i in by_id]
        ranked = sort == "relevance" and not filters
        return View(rows, self.total, query, matches, suggestions, ranked)

    # Filter choices ---------------------------------------------------------------------------

    @cached_property
    def genres(self) -> list[str]:
        """Every genre in the collection, A-Z."""
        return sorted(self.list_index.distinct("genres"), key=fold)

    @cached_property
    def decades(self) -> list[int]:
        """Every decade with a film, newest first."""
        return sorted(self.list_index.distinct("decade"), reverse=True)

    @cached_property
    def certifications(self) -> list[str]:
        """Every certification in the collection."""
        return sorted(self.list_index.distinct("certification"))

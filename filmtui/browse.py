"""What the list screen shows: search, sort and filters combined over the in-memory films.

Domain layer (no Textual): the list screen asks for a `View` on every keystroke, so the work per
call is a search on the index plus one pass over a pre-sorted order, never a sort of 100,000 rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from filmtui.models import FilmSummary
from filmtui.text import fold

if TYPE_CHECKING:
    from filmtui.search import Match, SearchIndex

#: Sort orders, in the order the sort key cycles through them.
SORTS = ("relevance", "title", "year", "rating", "box office", "your rating")
#: The user's own lists the filter offers, by what the status line calls them.
YOURS = ("seen", "not seen", "rated by you")
#: Sorts that depend on the user's data: computed on each view, never cached.
PERSONAL_SORTS = frozenset({"your rating"})
#: What each sort is called on screen; "relevance" becomes title order when nothing is typed.
SORT_LABELS = {
    "relevance": "best match",
    "title": "title A–Z",
    "year": "newest first",
    "rating": "highest rated",
    "your rating": "your rating",
    "box office": "box office",
}


@dataclass(frozen=True, slots=True)
class Filters:
    """Which films the list keeps besides the search; None means any."""

    genre: str | None = None
    decade: int | None = None
    """The decade's first year: 1990 keeps 1990-1999."""
    certification: str | None = None
    only: frozenset[int] | None = None
    """Keep just these films: the user's watchlist when they ask for it."""
    yours: str | None = None
    """One of YOURS: the films the user has seen, not seen, or rated."""
    yours_ids: frozenset[int] = frozenset()
    """The films `yours` names (seen or rated ones; "not seen" keeps the others)."""

    def __post_init__(self) -> None:
        if self.yours is not None and self.yours not in YOURS:
            raise ValueError(f"unknown list {self.yours!r}")

    def __bool__(self) -> bool:
        return any(
            value is not None for value in (self.genre, self.decade, self.certification, self.only, self.yours)
        )

    def keeps(self, film: FilmSummary) -> bool:
        """True when `film` passes every filter that is set."""
        if self.only is not None and film.id not in self.only:
            return False
        if self.yours is not None and (film.id in self.yours_ids) == (self.yours == "not seen"):
            return False
        if self.genre is not None and self.genre not in film.genres:
            return False
        if self.decade is not None and (film.year is None or film.year // 10 * 10 != self.decade):
            return False
        if self.certification is not None and film.certification != self.certification:
            return False
        return True

    def describe(self) -> str:
        """The filters in a few words, "" when none is set."""
        parts = ["your watchlist"] if self.only is not None else []
        if self.yours:
            parts.append(self.yours)
        if self.genre:
            parts.append(self.genre)
        if self.decade is not None:
            parts.append(f"{self.decade}s")
        if self.certification:
            parts.append(self.certification)
        return ", ".join(parts)


@dataclass(frozen=True)
class View:
    """The rows to show for one query, sort and filter, and the search's matches to highlight."""

    rows: Sequence[FilmSummary]
    total: int
    """How many films the collection holds."""
    query: str
    matches: Sequence[Match] = ()
    suggestions: Sequence[FilmSummary] = ()
    """Closest titles, when the query found nothing."""

    @cached_property
    def spans(self) -> Mapping[int, tuple[tuple[int, int], ...]]:
        """Film id -> title spans to highlight (built on first use: only visible rows need it)."""
        return {m.id: m.spans for m in self.matches if m.spans}

    @cached_property
    def fields(self) -> Mapping[int, str]:
        """Film id -> where the search matched it ("cast", "keyword", ...)."""
        return {m.id: m.field for m in self.matches}


class Browser:
    """The films in memory with their search index, ready to answer `view()` per keystroke."""

    def __init__(
        self, summaries: Sequence[FilmSummary], index: SearchIndex | None = None, *, build: bool = True
    ) -> None:
        """Hold `summaries`; build their search index now unless `build` is False (then call
        `build_index()` later: at 100,000 films the list can show a second before search works)."""
        self.films = list(summaries)
        self.by_id = {film.id: film for film in self.films}
        self.rated = any(film.rating for film in self.films)
        """True when some film has a TMDB rating (none has until a first refresh)."""
        self.index: SearchIndex | None = index
        self._orders: dict[str, list[FilmSummary]] = {}
        if index is None and build:
            self.build_index()

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
        return len(self.films)

    def order(self, sort: str, ratings: Mapping[int, int] | None = None) -> list[FilmSummary]:
        """Every film in `sort` order (unknown values last); computed once per sort, except
        "your rating" (from `ratings`, film id -> the user's rating), which changes as they rate."""
        key = "title" if sort == "relevance" else sort
        if key in PERSONAL_SORTS:
            mine = ratings or {}
            return sorted(self.order("title"), key=lambda f: -mine.get(f.id, 0))
        order = self._orders.get(key)
        if order is None:
            by_title = sorted(self.films, key=lambda f: (_title_key(f.title), f.year or 0))
            if key == "title":
                order = by_title
            elif key == "year":
                order = sorted(by_title, key=lambda f: -(f.year or 0))
            elif key == "rating":
                order = sorted(by_title, key=lambda f: -(f.rating or -1.0))
            elif key == "box office":
                order = sorted(by_title, key=lambda f: -(f.revenue or -1))
            else:
                raise ValueError(f"unknown sort {sort!r}")
            self._orders[key] = order
        return order

    def has_order(self, sort: str) -> bool:
        """True when `sort`'s order is already computed (so a view without a query is cheap)."""
        return ("title" if sort == "relevance" else sort) in self._orders

    def first_matches(self, query: str, limit: int) -> View:
        """The best `limit` matches by relevance only: what a keystroke shows at once when the
        full search would take too long. `rows` holds at most `limit` films."""
        assert self.index is not None, "build_index() first"
        matches = self.index.search(query, limit=limit)
        by_id = self.by_id
        return View([by_id[m.id] for m in matches], len(self.films), query, matches)

    def view(
        self, query: str = "", sort: str = "relevance", filters: Filters = Filters(),
        ratings: Mapping[int, int] | None = None,
    ) -> View:
        """The rows for `query` in `sort` order, kept by `filters`; `ratings` (film id -> the
        user's rating) orders "your rating"."""
        order = self.order(sort, ratings)
        if not query.strip():
            rows = [f for f in order if filters.keeps(f)] if filters else order
            return View(rows, len(self.films), query)
        assert self.index is not None, "build_index() first"
        matches = self.index.search(query)
        by_id = self.by_id
        if sort == "relevance":
            found = [by_id[m.id] for m in matches]
            rows = [f for f in found if filters.keeps(f)] if filters else found
        else:
            wanted = {m.id for m in matches}
            rows = [f for f in order if f.id in wanted and (not filters or filters.keeps(f))]
        suggestions: list[FilmSummary] = []
        if not rows:
            suggestions = [by_id[i] for i in self.index.closest(query, limit=5) if i in by_id]
        return View(rows, len(self.films), query, matches, suggestions)

    # Filter choices ---------------------------------------------------------------------------

    @cached_property
    def genres(self) -> list[str]:
        """Every genre in the collection, A-Z."""
        return sorted({g for f in self.films for g in f.genres}, key=fold)

    @cached_property
    def decades(self) -> list[int]:
        """Every decade with a film, newest first."""
        return sorted({f.year // 10 * 10 for f in self.films if f.year}, reverse=True)

    @cached_property
    def certifications(self) -> list[str]:
        """Every certification in the collection."""
        return sorted({f.certification for f in self.films if f.certification})


def _title_key(title: str) -> str:
    """Titles sort as a reader expects: case- and accent-blind, leading article ignored."""
    # casefold() is fold() for ASCII and far cheaper: 100,000 titles sort in a fraction of the time.
    folded = (title.casefold() if title.isascii() else fold(title)).strip()
    for article in ("the ", "a ", "an "):
        if folded.startswith(article):
            return folded[len(article):]
    return folded

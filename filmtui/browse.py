"""What the list screen asks for: sorts, filters and the View (rows for a query, sort and filter).

Domain layer (no Textual). The Browser that makes Views over the list index is
filmtui.browser: its rows are lazy (a count from SQLite, pages read as they are drawn).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from filmtui.models import FilmSummary

if TYPE_CHECKING:
    from filmtui.search import Match
    # The Browser reads the store, which screens may not import: it is a service
    # (filmtui/browser.py), named here for the screens' type hints.
    from filmtui.browser import Browser as Browser

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

    def prepare(self) -> None:
        """Read what drawing the view needs (call from a worker): the ids and first page of its
        rows, the highlights."""
        prepare = getattr(self.rows, "prepare", None)
        if prepare is not None:
            prepare()
        self.spans, self.fields  # noqa: B018 (cached properties, built here)

    @cached_property
    def spans(self) -> Mapping[int, tuple[tuple[int, int], ...]]:
        """Film id -> title spans to highlight (built on first use: only visible rows need it)."""
        return {m.id: m.spans for m in self.matches if m.spans}

    @cached_property
    def fields(self) -> Mapping[int, str]:
        """Film id -> where the search matched it ("cast", "keyword", ...)."""
        return {m.id: m.field for m in self.matches}

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
    ranked: bool = True
    """The rows are in the matches' order (by relevance, unfiltered): row i is match i."""

    def prepare(self) -> None:
        """Read what drawing the view needs (call from a worker): the ids and first page of its
        rows, and for rows in another order than the matches', where each film's match is."""
        prepare = getattr(self.rows, "prepare", None)
        if prepare is not None:
            prepare()
        if not self.ranked:
            self._places  # noqa: B018 (a cached property, built here)

    def match(self, at: int, film_id: int) -> Match | None:
        """How the search matched the film at row `at` (its field, its title's highlights);
        None when it was not matched (no query, or a suggestion)."""
        matches = self.matches
        if self.ranked and at < len(matches):
            match = matches[at]
            if match.id == film_id:
                return match
        place = self._places.get(film_id)
        return None if place is None else matches[place]

    @cached_property
    def _places(self) -> Mapping[int, int]:
        """Film id -> its place in the matches, for rows in another order."""
        return dict(zip(match_ids(self.matches), range(len(self.matches))))


def match_ids(matches: Sequence[Match]) -> Sequence[int]:
    """The matched films' ids, in order. A search's whole result (`search.found.Found`) has
    them in an array: read there, no match is made."""
    ids = getattr(matches, "ids", None)
    return ids if ids is not None else [m.id for m in matches]

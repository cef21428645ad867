"""What a screen may read about the films: the shape of a read-only film source.

Screens are handed one (the App's Library, or a small fake in tests) and never write through it;
what they want changed they ask for with a message (filmtui.requests).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from filmtui.browse import Browser
    from filmtui.models import Film, FilmSummary, Person, UserData, Viewing
    from filmtui.people import PeopleIndex
    from filmtui.ratings import RatingScale
    from filmtui.similar import MoreLikeThis


class FilmSource(Protocol):
    """Films, people and the user's data, read-only. Methods that say "worker" may read the disk."""

    @property
    def browser(self) -> Browser | None:
        """The films with their search index; None until they are loaded."""

    def summary(self, film_id: int) -> FilmSummary | None:
        """The slim row for `film_id`, when the films are loaded."""

    def cached_film(self, film_id: int) -> Film | None:
        """A film already read this session (instant), else None."""

    def film(self, film_id: int) -> Film | None:
        """One film's page (worker: may read the store)."""

    def collection_films(self, film: Film) -> list[FilmSummary]:
        """The other films of `film`'s collection (worker)."""

    def more_like(self, film: Film) -> MoreLikeThis:
        """Films like `film`, each with why, and TMDB's recommendations the store lacks (worker)."""

    def people(self) -> PeopleIndex:
        """Everyone in the films with their credits (worker: built on first use)."""

    def person(self, name: str) -> Person | None:
        """The person as last fetched from TMDB, or None (worker: reads the store)."""

    def people_if_ready(self) -> PeopleIndex | None:
        """The people index if it is built, without waiting for it."""

    @property
    def region(self) -> str:
        """The country whose streaming, rental and purchase offers are shown ("US")."""

    @property
    def rating_scale(self) -> RatingScale:
        """How the user's ratings are shown: "ten" (7/10) or "stars" (★★★½)."""

    def data_age(self, refreshed_at: str) -> str:
        """How old a film's TMDB data is: "TMDB data from 3 days ago"."""

    def ago(self, refreshed_at: str | None) -> str:
        """The same age alone: "3 days ago"; "" when never fetched (or unreadable)."""

    def mine(self, film_id: int) -> UserData:
        """The user's data for `film_id` as last read or saved."""

    @property
    def watchlist(self) -> frozenset[int]:
        """The ids of the films on the user's watchlist."""

    @property
    def seen(self) -> frozenset[int]:
        """The ids of the films the user has logged a viewing of."""

    @property
    def ratings(self) -> dict[int, int]:
        """Film id -> the user's own rating, for the films they rated."""

    def diary(self) -> list[tuple[int, Viewing]]:
        """Every viewing the user logged, as (film id, viewing)."""

    def recent(self) -> list[int]:
        """The film pages opened lately, newest first."""

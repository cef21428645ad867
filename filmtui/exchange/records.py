"""The neutral records every reader produces and every writer reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from filmtui.models import Viewing


class FormatError(Exception):
    """A file that cannot be read at all (missing columns, not UTF-8, not an export): one line
    naming the file; nothing is imported from it."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row skipped, and why: "diary.csv line 7: the rating '7' is not 0.5 to 5 stars"."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Entry:
    """What one row (or one JSON record) says about one film."""

    where: str
    """The file and line it came from, for the report."""
    title: str
    year: int | None = None
    imdb_id: str | None = None
    tmdb_id: int | None = None
    viewings: tuple[Viewing, ...] = ()
    seen: bool = False
    """Seen, on no known day (Letterboxd's watched.csv, a rating on IMDb)."""
    rating: int | None = None
    rated_on: str | None = None
    """The day the rating was given, when the file says (to keep a newer local rating)."""
    watchlist: bool = False
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title


@dataclass(slots=True)
class Parsed:
    """A file read: its entries and the rows skipped."""

    source: str
    entries: list[Entry] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the reader wants the user to know that is not a skipped row (a review cut short)."""

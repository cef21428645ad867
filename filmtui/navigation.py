"""The browser's history as plain data: pages, where each was left (tab and row), back and forward.

No Textual here: the App asks History what to show and tells it where the reader left a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from filmtui.models import PersonCredit


@dataclass(frozen=True)
class FilmPage:
    """A film's page."""

    film_id: int


@dataclass(frozen=True)
class PersonPage:
    """A person's page."""

    name: str
    known: tuple[PersonCredit, ...] = ()
    """Credits the caller already knew (a crew job seen on a film's Cast tab)."""


Page = FilmPage | PersonPage


@dataclass(frozen=True)
class Place:
    """Where the reader was on a page: its tab and the row highlighted there."""

    tab: str = "overview"
    row: int | None = None


@dataclass
class Visit:
    """One page in the history, with where it was left."""

    page: Page
    place: Place | None = None


@dataclass
class History:
    """Pages from the first one opened from the list to the one showing, like a browser's."""

    visits: list[Visit] = field(default_factory=list)
    """Back to front: the last one is showing (when a page is showing at all)."""
    ahead: list[Visit] = field(default_factory=list)
    """Pages gone back from, nearest last: what forward brings back."""

    @property
    def current(self) -> Visit | None:
        return self.visits[-1] if self.visits else None

    def open(self, page: Page, *, from_list: bool) -> Visit:
        """Go to a new page: from the list the history starts again; forward is dropped."""
        if from_list:
            self.visits.clear()
        self.ahead.clear()
        visit = Visit(page)
        self.visits.append(visit)
        return visit

    def leave(self, place: Place | None) -> None:
        """Remember where the showing page was left, for coming back to it."""
        if self.visits:
            self.visits[-1].place = place

    def back(self) -> Visit | None:
        """The page before this one, or None when back goes to the list."""
        if not self.visits:
            return None
        self.ahead.append(self.visits.pop())
        return self.current

    def forward(self, *, from_list: bool) -> Visit | None:
        """The page last gone back from (None when there is none)."""
        if not self.ahead:
            return None
        if from_list:
            self.visits.clear()
        visit = self.ahead.pop()
        self.visits.append(visit)
        return visit

"""The command palette's films and people: Ctrl+P, type a name, Enter opens the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.message import Message

from filmtui.requests import OpenFilm, OpenPerson
from filmtui.text import clean

if TYPE_CHECKING:
    from filmtui.film_source import FilmSource

_FILMS = 8
_PEOPLE = 6


def _film_label(title: str, year: int | None) -> Content:
    # Content(), never from_markup: a title like "[bold]x[/]" is shown as typed.
    return Content(f"{clean(title)} ({year})" if year else clean(title))


class FilmCommands(Provider):
    """Films (through the search index) and people (directors and top-billed cast) by name."""

    @property
    def films(self) -> FilmSource:
        films: FilmSource = getattr(self.app, "library")  # the palette is built by Textual: no constructor to pass it
        return films

    def _ask(self, message: Message) -> None:
        self.app.post_message(message)

    async def startup(self) -> None:
        """The palette opened: build the people index now, in a thread (built on first use, not
        at start-up); until it is in, the palette finds films only."""
        if self.films.people_if_ready() is None:
            self.app.run_worker(self.films.people, thread=True, group="people", exclusive=True,
                                exit_on_error=False)

    async def search(self, query: str) -> Hits:
        browser = self.films.browser
        if browser is None or browser.index is None or not query.strip():
            return
        # People first: a query that names someone ("pacino") means that person more than the
        # films they are in, which the film hits list anyway.
        people = self.films.people_if_ready()
        for rank, name in enumerate(people.find(query, limit=_PEOPLE) if people else ()):
            yield Hit(
                0.99 - rank / 100,
                Content(clean(name)),
                lambda name=name: self._ask(OpenPerson(name)),
                text=name,
                help="Open person",
            )
        for match in browser.index.search(query, limit=_FILMS):
            film = browser.by_id.get(match.id)
            if film is None:
                continue
            yield Hit(
                match.score / 101,
                _film_label(film.title, film.year),
                lambda film_id=film.id: self._ask(OpenFilm(film_id)),
                text=film.title,
                help="Open film",
            )

    async def discover(self) -> Hits:
        browser = self.films.browser
        if browser is None:
            return
        for film in browser.order("rating")[:_FILMS]:
            yield DiscoveryHit(
                _film_label(film.title, film.year),
                lambda film_id=film.id: self._ask(OpenFilm(film_id)),
                text=film.title,
                help="Open film",
            )

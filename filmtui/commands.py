"""The command palette's films and people: Ctrl+P, type a name, Enter opens the page."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from filmtui.text import clean

if TYPE_CHECKING:
    from filmtui.app import FilmApp

_FILMS = 8
_PEOPLE = 6


def _film_label(title: str, year: int | None) -> Content:
    # Content(), never from_markup: a title like "[bold]x[/]" is shown as typed.
    return Content(f"{clean(title)} ({year})" if year else clean(title))


class FilmCommands(Provider):
    """Films (through the search index) and people (directors and top-billed cast) by name."""

    @property
    def film_app(self) -> FilmApp:
        return cast("FilmApp", self.app)

    async def search(self, query: str) -> Hits:
        app = self.film_app
        browser = app.browser
        if browser is None or browser.index is None or not query.strip():
            return
        # People first: a query that names someone ("pacino") means that person more than the
        # films they are in, which the film hits list anyway.
        people = app.people_if_ready()
        for rank, name in enumerate(people.find(query, limit=_PEOPLE) if people else ()):
            yield Hit(
                0.99 - rank / 100,
                Content(clean(name)),
                partial(app.open_person, name),
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
                partial(app.open_film, film.id),
                text=film.title,
                help="Open film",
            )

    async def discover(self) -> Hits:
        app = self.film_app
        if app.browser is None:
            return
        for film in app.browser.order("rating")[:_FILMS]:
            yield DiscoveryHit(
                _film_label(film.title, film.year),
                partial(app.open_film, film.id),
                text=film.title,
                help="Open film",
            )

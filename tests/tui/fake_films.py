"""A small in-memory film source for trying screens alone: no store, no App of filmtui's."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.message import Message
from textual.screen import Screen

from filmtui import requests
from filmtui.browser import Browser
from filmtui.models import Film, FilmSummary, Person, UserData, Viewing
from filmtui.people import PeopleIndex
from filmtui.similar import MoreLikeThis, SimilarIndex


def film(film_id: int, title: str, **fields: Any) -> Film:
    """A film from editorial fields (faq, trivia, tagline, ...) and, with `tmdb`, TMDB's."""
    tmdb = fields.pop("tmdb", None)
    return Film.merge({"id": film_id, "title": title, **fields}, tmdb)


class FakeFilms:
    """Satisfies filmtui.film_source.FilmSource over a few films held in memory."""

    def __init__(self, *films: Film, mine: dict[int, UserData] | None = None,
                 recent: list[int] | None = None) -> None:
        self.films = {f.id: f for f in films}
        self.browser: Browser | None = Browser([f.summary() for f in films])
        self._mine = mine or {}
        self._recent = recent or []

    def summary(self, film_id: int) -> FilmSummary | None:
        return self.browser.by_id.get(film_id) if self.browser else None

    def cached_film(self, film_id: int) -> Film | None:
        return self.films.get(film_id)

    def film(self, film_id: int) -> Film | None:
        return self.films.get(film_id)

    def collection_films(self, film: Film) -> list[FilmSummary]:
        return []

    def more_like(self, film: Film) -> MoreLikeThis:
        return SimilarIndex(self.browser.films if self.browser else []).like(film, recommended=film.recommendations)

    def people(self) -> PeopleIndex:
        return PeopleIndex(self.browser.films if self.browser else [])

    def person(self, name: str) -> Person | None:
        return None

    def people_if_ready(self) -> PeopleIndex | None:
        return self.people()

    region = "US"
    rating_scale = "ten"

    def data_age(self, refreshed_at: str) -> str:
        return f"TMDB data from {refreshed_at}"

    def ago(self, refreshed_at: str | None) -> str:
        return refreshed_at or ""

    def mine(self, film_id: int) -> UserData:
        return self._mine.get(film_id, UserData())

    @property
    def watchlist(self) -> frozenset[int]:
        return frozenset(i for i, d in self._mine.items() if d.watchlist)

    @property
    def seen(self) -> frozenset[int]:
        return frozenset(i for i, d in self._mine.items() if d.seen)

    @property
    def ratings(self) -> dict[int, int]:
        return {i: d.rating for i, d in self._mine.items() if d.rating is not None}

    def diary(self) -> list[tuple[int, Viewing]]:
        return [(i, v) for i, d in self._mine.items() for v in d.diary]

    def recent(self) -> list[int]:
        return list(self._recent)


class ScreenHost(App[None]):
    """A bare App that shows one screen and records the messages it asks for."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.first = screen
        self.asked: list[Message] = []

    def get_default_screen(self) -> Screen[Any]:
        return self.first

    def compose(self) -> ComposeResult:
        yield from ()

    @on(requests.OpenFilm)
    @on(requests.OpenPerson)
    @on(requests.ToggleWatchlist)
    @on(requests.RateFilm)
    @on(requests.RefreshFilm)
    @on(requests.ShowPoster)
    @on(requests.DrawPoster)
    def _asked(self, message: Message) -> None:
        self.asked.append(message)

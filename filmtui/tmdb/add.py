"""Finding a film on TMDB and adding it to the store (with empty editorial tabs)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from filmtui.config import Config
from filmtui.models import Film
from filmtui.store import Store, TmdbUpdate
from filmtui.tmdb.client import TmdbClient, borrowed
from filmtui.tmdb.mapping import map_movie, now_iso
from filmtui.tmdb.readers import count, items, iso_date, number, obj, text
from filmtui.text import fold


#: What an IMDb title id looks like; `filmtui add tt0113277` looks it up instead of searching.
IMDB_ID = re.compile(r"tt\d{5,12}")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One `/search/movie` result, display-safe."""

    id: int
    title: str
    original_title: str = ""
    year: int | None = None
    overview: str = ""
    popularity: float | None = None
    vote_count: int | None = None

    @property
    def label(self) -> str:
        """"Title (Year)"."""
        return f"{self.title} ({self.year})" if self.year else self.title


def search_tmdb(
    config: Config, query: str, year: int | None = None, *, client: TmdbClient | None = None
) -> list[Candidate]:
    """TMDB's first page of films matching `query` (and `year`), most relevant first."""
    with borrowed(config, client) as tmdb:
        data = tmdb.search_movies(query, year)
    return [c for c in (_candidate(item) for item in items(data.get("results"))) if c]


def films_list(config: Config, which: str, *, client: TmdbClient | None = None) -> list[Candidate]:
    """TMDB's films of the week ("trending") or its "popular" ones: one page, in TMDB's order."""
    with borrowed(config, client) as tmdb:
        data = tmdb.films_list(which)
    return [c for c in (_candidate(item) for item in items(data.get("results"))) if c]


def find_by_imdb_id(
    config: Config, imdb_id: str, *, client: TmdbClient | None = None
) -> list[Candidate]:
    """The film TMDB lists under an IMDb id ("tt0113277"): one candidate, or none."""
    if not IMDB_ID.fullmatch(imdb_id):
        return []
    with borrowed(config, client) as tmdb:
        data = tmdb.find_imdb(imdb_id)
    return [c for c in (_candidate(item) for item in items(data.get("movie_results"))) if c]


def _candidate(item: Any) -> Candidate | None:
    item = obj(item)
    film_id = count(item.get("id"))
    if not film_id:
        return None
    released = iso_date(item.get("release_date"))
    return Candidate(
        id=film_id,
        title=text(item.get("title")) or text(item.get("original_title")) or f"#{film_id}",
        original_title=text(item.get("original_title")),
        year=int(released[:4]) if released else None,
        overview=text(item.get("overview"), multiline=True),
        popularity=number(item.get("popularity")),
        vote_count=count(item.get("vote_count")),
    )


def pick(candidates: list[Candidate], query: str, year: int | None = None) -> Candidate | None:
    """The one candidate `query` clearly means, or None when several could be meant.

    Clear: the only result, or the only one whose title is exactly the query (in `year`, if given).
    """
    if len(candidates) == 1:
        return candidates[0]
    wanted = fold(query.strip())
    exact = [
        c for c in candidates
        if wanted in (fold(c.title), fold(c.original_title)) and (year is None or c.year == year)
    ]
    return exact[0] if len(exact) == 1 else None


def add_film(
    store: Store, config: Config, tmdb_id: int, *, client: TmdbClient | None = None
) -> Film:
    """Fetch film `tmdb_id` and store it (a film already stored is refreshed); return its page.

    Editorial fields stay as they are: empty for a film our catalogue does not have.
    """
    with borrowed(config, client) as tmdb:
        raw = tmdb.movie(tmdb_id)
    fields = map_movie(raw, now_iso(), film_id=tmdb_id)
    store.write_tmdb([TmdbUpdate(tmdb_id, fields, raw)])
    film = store.film(tmdb_id)
    assert film is not None  # just written
    return film

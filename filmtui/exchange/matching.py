"""Finding the store's film for an entry: by IMDb id, then TMDB id, then title and year."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from filmtui.exchange.records import Entry
from filmtui.text import fold


def title_key(title: str) -> str:
    """A title folded for matching: case, accents and punctuation ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(title).replace("&", " and ")).split())


@dataclass(frozen=True, slots=True)
class Known:
    """A film in the store, as matching needs it."""

    id: int
    title: str
    original_title: str = ""
    year: int | None = None
    imdb_id: str | None = None


class Matcher:
    """Match entries against the films in the store."""

    def __init__(self, films: Iterable[Known]) -> None:
        self.by_id: dict[int, Known] = {}
        self.by_imdb: dict[str, int] = {}
        self.by_title: dict[str, list[Known]] = defaultdict(list)
        for film in films:
            self.by_id[film.id] = film
            if film.imdb_id:
                self.by_imdb[film.imdb_id] = film.id
            for title in {title_key(film.title), title_key(film.original_title)} - {""}:
                self.by_title[title].append(film)

    def match(self, entry: Entry) -> tuple[int | None, str]:
        """(film id, how it was matched), or (None, why not)."""
        if entry.imdb_id and entry.imdb_id in self.by_imdb:
            return self.by_imdb[entry.imdb_id], "IMDb id"
        if entry.tmdb_id and entry.tmdb_id in self.by_id:
            return entry.tmdb_id, "TMDB id"
        films = self.by_title.get(title_key(entry.title), [])
        if entry.year is not None:
            films = [f for f in films if f.year == entry.year]
        ids = {f.id for f in films}
        if len(ids) == 1:
            return ids.pop(), "title and year" if entry.year else "title"
        if len(ids) > 1:
            return None, f"{len(ids)} films in the collection have that title; give the year"
        return None, "not in the collection"

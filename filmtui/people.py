"""People in the catalogue: who is in which film, from the slim index (no detail reads)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import TYPE_CHECKING

from filmtui.models import PACK, FilmSummary, PersonCredit, unpack
from filmtui.text import fold

if TYPE_CHECKING:
    from filmtui.store.index import ListIndex


class PeopleIndex:
    """Every person named in the summaries (directors and top-billed cast) with their credits."""

    def __init__(self, summaries: Iterable[FilmSummary]) -> None:
        # Plain (film, role) pairs, made into PersonCredits only when a page asks: 100,000 films
        # hold ~900,000 name slots, and a frozen dataclass each would cost seconds.
        credits: dict[str, list[tuple[FilmSummary, str]]] = defaultdict(list)
        names: dict[str, str] = {}
        keys: dict[str, str] = {}  # names repeat across films: fold each once
        for film in summaries:
            for name in film.directors:
                key = keys.get(name) or keys.setdefault(name, fold(name))
                names.setdefault(key, name)
                credits[key].append((film, "Director"))
            characters = film.characters
            for position, name in enumerate(film.cast):
                key = keys.get(name) or keys.setdefault(name, fold(name))
                names.setdefault(key, name)
                role = characters[position] if position < len(characters) else ""
                credits[key].append((film, role or "Cast"))
        self._credits = credits
        self._names = names
        #: (folded name, display name), for name search in the command palette.
        self.names: list[tuple[str, str]] = sorted(names.items())

    def __len__(self) -> int:
        return len(self._names)

    def name(self, name: str) -> str:
        """The catalogue's spelling of `name` (or `name` itself when unknown)."""
        return self._names.get(fold(name), name)

    def credits(self, name: str) -> list[PersonCredit]:
        """`name`'s films, newest first; a person both directing and acting has two credits."""
        return sort_credits(
            [PersonCredit(f.id, f.title, f.year, role) for f, role in self._credits.get(fold(name), [])]
        )

    def find(self, query: str, limit: int = 20) -> list[str]:
        """Names containing `query` (case- and accent-insensitive), names starting with it first."""
        needle = fold(query.strip())
        if not needle:
            return []
        starts: list[str] = []
        inside: list[str] = []
        for key, display in self.names:
            position = key.find(needle)
            if position == 0 or (position > 0 and key[position - 1] == " "):
                starts.append(display)
            elif position > 0:
                inside.append(display)
            if len(starts) >= limit:
                break
        return (starts + inside)[:limit]


class IndexedPeople(PeopleIndex):
    """PeopleIndex's answers without a row per film in memory: the names are gathered in one
    streamed pass over the list index's two name columns (distinct names only are kept: 4 s at
    1,000,000 films) and kept in the index until its next write, and a person's credits are
    read by one scan in SQLite (0.6 s there)."""

    def __init__(self, index: ListIndex) -> None:
        self._index = index
        seen = index.saved_names()  # kept by the last gathering, while no write came since
        if seen is None:
            identity = index.identity()
            found: dict[str, None] = {}  # every spelling, first seen first (as PeopleIndex meets them)
            for rows in index.people_columns():
                found.update(dict.fromkeys(chain.from_iterable(
                    packed.split(PACK) for row in rows for packed in row if packed)))
            seen = list(found)
            if identity is not None:
                index.save_names(seen, identity[1])
        self._keys = {name: fold(name) for name in seen}
        names: dict[str, str] = {}
        self._spellings: dict[str, list[str]] = defaultdict(list)
        for name, key in self._keys.items():
            names.setdefault(key, name)
            self._spellings[key].append(name)
        self._names = names
        self.names = sorted(names.items())

    def credits(self, name: str) -> list[PersonCredit]:
        key = fold(name)
        keys = self._keys
        found: list[PersonCredit] = []
        for film_id, title, year, directors, cast, characters in self._index.naming(self._spellings.get(key, [])):
            found += [PersonCredit(film_id, title, year, "Director")
                      for member in unpack(directors) if keys.get(member) == key]
            roles = unpack(characters)
            found += [PersonCredit(film_id, title, year, (roles[at] if at < len(roles) else "") or "Cast")
                      for at, member in enumerate(unpack(cast)) if keys.get(member) == key]
        return sort_credits(found)


def sort_credits(credits: Sequence[PersonCredit]) -> list[PersonCredit]:
    """Credits newest first, then by title; films with no year last."""
    return sorted(credits, key=lambda c: (-(c.year or 0), fold(c.title), c.role))


def merge_credits(*groups: Iterable[PersonCredit]) -> list[PersonCredit]:
    """Credits from several sources without duplicates (same film and role), sorted."""
    seen: dict[tuple[int, str], PersonCredit] = {}
    for group in groups:
        for credit in group:
            seen.setdefault((credit.film_id, credit.role), credit)
    return sort_credits(list(seen.values()))

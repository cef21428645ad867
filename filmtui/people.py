"""People in the catalogue: who is in which film, from the slim index (no detail reads)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from filmtui.models import FilmSummary, PersonCredit
from filmtui.text import fold


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

"""A person's TMDB details and movie credits, found by name and stored for their page.

TMDB's answers are untrusted (see mapping.py): every key is read with a default. The person's
id comes from a stored film's raw credits when one of their films has been refreshed, else from
`/search/person` (the exact name, most popular first).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from filmtui.config import Config
from filmtui.models import Person
from filmtui.store import Store
from filmtui.text import fold
from filmtui.tmdb.client import TmdbClient, borrowed
from filmtui.tmdb.errors import NotFound
from filmtui.tmdb.mapping import now_iso
from filmtui.tmdb.readers import count, items, iso_date, number, obj, text

#: Longest biography stored (TMDB's text; the page cuts it shorter).
STORED_BIOGRAPHY = 2000


def fetch_person(store: Store, config: Config, name: str, films: Iterable[int] = (), *,
                 client: TmdbClient | None = None) -> Person:
    """Fetch `name`'s details and movie credits from TMDB, store them, and return them.

    `films`: ids of films they are known to be in (their raw credits may name their TMDB id).
    NotFound when TMDB knows nobody of that name."""
    with borrowed(config, client) as tmdb:
        person_id = _id_from_films(store, name, films) or _id_from_search(tmdb, name)
        if person_id is None:
            raise NotFound(f"TMDB has no one named {name}")
        raw = tmdb.person(person_id)
    doc = map_person(raw, person_id, now_iso())
    doc["name"] = doc["name"] or name
    store.write_person(doc)
    person = Person.from_doc(doc)
    assert person is not None  # just mapped with an id and a name
    return person


def _id_from_films(store: Store, name: str, films: Iterable[int]) -> int | None:
    wanted = fold(name)
    for film_id in films:
        raw = obj(store.raw_tmdb(film_id))
        credits = obj(raw.get("credits"))
        for item in items(credits.get("cast")) + items(credits.get("crew")):
            item = obj(item)
            if fold(text(item.get("name"))) == wanted and count(item.get("id")):
                return count(item.get("id"))
    return None


def _id_from_search(tmdb: TmdbClient, name: str) -> int | None:
    wanted = fold(name)
    found = [obj(item) for item in items(tmdb.search_people(name).get("results"))]
    exact = [p for p in found if fold(text(p.get("name"))) == wanted and count(p.get("id"))]
    exact.sort(key=lambda p: -(number(p.get("popularity")) or 0))
    return count(exact[0].get("id")) if exact else None


def map_person(raw: Any, person_id: int, fetched_at: str) -> dict[str, Any]:
    """The stored record of a person: details and credits by year (cast, then crew)."""
    raw = obj(raw)
    credits = obj(raw.get("movie_credits"))
    return {
        "id": person_id,
        "name": text(raw.get("name")),
        "birthday": iso_date(raw.get("birthday")),
        "deathday": iso_date(raw.get("deathday")),
        "place_of_birth": text(raw.get("place_of_birth")),
        "known_for": text(raw.get("known_for_department")),
        "biography": text(raw.get("biography"))[:STORED_BIOGRAPHY],
        "cast": _credits(credits.get("cast"), "character"),
        "crew": _credits(credits.get("crew"), "job"),
        "fetched_at": fetched_at,
    }


def _credits(value: Any, role_key: str) -> list[dict[str, Any]]:
    """Credits as {film_id, title, year, role}, by year (undated last), one per film and role."""
    seen: dict[tuple[int, str], dict[str, Any]] = {}
    for item in items(value):
        item = obj(item)
        film_id = count(item.get("id"))
        title = text(item.get("title")) or text(item.get("original_title"))
        if not film_id or not title:
            continue
        released = iso_date(item.get("release_date"))
        role = text(item.get(role_key))
        seen.setdefault((film_id, role), {"film_id": film_id, "title": title,
                                          "year": int(released[:4]) if released else None,
                                          "role": role})
    return sorted(seen.values(), key=lambda c: (c["year"] is None, c["year"] or 0, c["title"]))

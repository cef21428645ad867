"""More like this over only the rows a call reaches (similar.like_in, from the list index)
answers as the index over every row does."""

from __future__ import annotations

import random
from pathlib import Path

from filmtui.library import Library
from filmtui.models import Film
from filmtui.similar import SimilarIndex, like_in
from filmtui.store import Store, TmdbUpdate

from test_similar import GODFATHER, GODFATHER_II, synthetic_store


def assert_alike(store: Store, film_ids: list[int], pages: list[Film] = ()) -> None:
    """like_in answers each film as one index over every row does, given the pages that index
    has learned by then (those given, and every film asked about before, as Library keeps)."""
    whole = SimilarIndex(store.summaries(), pages)
    asked = list(pages)
    for film_id in film_ids:
        film = store.film(film_id)
        asked.append(film)
        for limit in (None, 12, 3):
            expected = whole.like(film, film.recommendations, limit=limit)
            assert like_in(store.list_index(), film, film.recommendations, asked, limit=limit) == expected, film.title


def test_every_catalogue_film_gets_the_same_list(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    rows = store.summaries()
    assert len(rows) > 40
    assert_alike(store, [r.id for r in rows])
    # A page asked about before tells its collection: Part II then names it, as before.
    assert_alike(store, [GODFATHER_II], pages=[store.film(GODFATHER)])
    first = like_in(store.list_index(), store.film(GODFATHER_II), pages=[store.film(GODFATHER)]).films[0]
    assert first.film_id == GODFATHER and "collection" in first.why


def test_on_2000_films_with_common_keywords_the_lists_are_the_same(data_dir: Path, catalog: Path) -> None:
    store = synthetic_store(data_dir, catalog)
    ids = [r.id for r in store.summaries()]
    assert_alike(store, random.Random(5).sample(ids, 25))


def test_common_keywords_bring_in_and_add_to_the_same_films(data_dir: Path, catalog: Path) -> None:
    store = synthetic_store(data_dir, catalog)
    rng = random.Random(8)
    # Two keywords in over 200 films (the least a keyword counts as common in): they only add
    # to films found otherwise, and bring in their own for a film that shares nothing else.
    tagged = [TmdbUpdate(film_id, {
        "id": film_id, "title": rng.choice(["Rain", "Snow"]), "year": rng.randint(1950, 2020),
        "directors": [f"Person {rng.randrange(150)}"], "keywords": rng.sample(["keyword 3", "keyword 7", "keyword 9"], 2),
        "popularity": rng.choice([1.0, 2.0]), "refreshed_at": "2026-11-01T12:00:00+00:00",
    }) for film_id in range(6_000_000, 6_000_000 + 600)]
    loner = 7_000_000
    store.write_tmdb([*tagged, TmdbUpdate(loner, {
        "id": loner, "title": "Alone", "year": 1901, "directors": ["Nobody Else"],
        "keywords": ["keyword 3", "keyword 7"], "refreshed_at": "2026-11-01T12:00:00+00:00",
    })])
    found = like_in(store.list_index(), store.film(loner), limit=None).films
    assert 100 < len(found) <= 500  # brought in by the two keywords alone, at most _SAMPLE
    ids = [r.id for r in store.summaries()]
    assert_alike(store, [loner, *random.Random(6).sample(ids, 15), *range(6_000_000, 6_000_010)])


def test_the_library_past_its_whole_index_size_answers_alike_without_one(data_dir: Path, catalog: Path) -> None:
    store = synthetic_store(data_dir, catalog, count=600)
    narrow, whole = Library(store), Library(Store.open(data_dir, catalog))
    narrow.WHOLE_SIMILAR = 100  # a store "larger" than the index over every row is kept for
    for film_id in random.Random(9).sample([r.id for r in store.summaries()], 12) + [GODFATHER, GODFATHER_II]:
        film = store.film(film_id)
        assert narrow.more_like(film) == whole.more_like(film), film.title
    assert narrow._similar is None and whole._similar is not None

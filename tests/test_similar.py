"""More like this: films in the store ranked by what they share with one film, and why."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from filmtui.models import CastMember, Film, FilmSummary
from filmtui.similar import MoreLikeThis, Similar, SimilarIndex
from filmtui.store import Store, TmdbUpdate

HEAT, THIEF, COLLATERAL, LA_TAKEDOWN = 949, 11524, 1538, 76081
GODFATHER, GODFATHER_II, DOG_DAY = 238, 240, 968


@pytest.fixture
def store(data_dir: Path, catalog: Path) -> Store:
    """The shipped catalogue, in a store of the test's own."""
    return Store.open(data_dir, catalog)


def like(store: Store, film_id: int, **options) -> MoreLikeThis:
    """More like `film_id`, asked as the film page would: a fresh index over the store's rows."""
    return SimilarIndex(store.summaries()).like(store.film(film_id), **options)


def ids(found: list[Similar]) -> list[int]:
    return [entry.film_id for entry in found]


def test_heat_puts_manns_thief_collateral_and_la_takedown_in_its_top_five(store: Store) -> None:
    found = like(store, HEAT).films
    top = {entry.film_id: entry for entry in found[:5]}
    assert {THIEF, COLLATERAL, LA_TAKEDOWN} <= set(top), [e.why for e in found[:5]]
    for film_id in (THIEF, COLLATERAL, LA_TAKEDOWN):
        assert "Michael Mann" in top[film_id].why
    # The keyword "michael mann" is the director already named: said once, not twice.
    assert top[LA_TAKEDOWN].why.count("ichael") == 1
    assert "heist" in top[THIEF].why and "los angeles" in top[COLLATERAL].why
    assert all(isinstance(entry, Similar) and entry.in_store for entry in found)
    assert [e.score for e in found] == sorted((e.score for e in found), reverse=True)


def test_the_godfather_lists_part_ii_first_naming_the_collection(store: Store) -> None:
    index = SimilarIndex(store.summaries())
    # The slim rows hold no collection: the index knows Part II's once its page was shown.
    index.like(store.film(GODFATHER_II))
    first = index.like(store.film(GODFATHER)).films[0]
    assert first.film_id == GODFATHER_II
    assert first.why.startswith("The Godfather collection · Francis Ford Coppola")
    # And given every page up front, as a small store can afford.
    pages = [store.film(s.id) for s in store.summaries()]
    first = SimilarIndex(store.summaries(), pages).like(store.film(GODFATHER)).films[0]
    assert first.film_id == GODFATHER_II and "The Godfather collection" in first.why
    assert "Mario Puzo" in first.why  # a writer of both, known from the pages


def test_a_film_sharing_nothing_gets_an_empty_list(store: Store) -> None:
    index = SimilarIndex(store.summaries())
    stranger = Film(999_999, "Unknown Shores", year=1931, genres=["Documentary"],
                    cast=[CastMember("Nobody Known")], keywords=["lighthouse keeping"])
    assert index.like(stranger) == MoreLikeThis([], [])
    # Sharing only a genre and a decade is not being alike: every crime film shares "Crime".
    crime = Film(999_998, "Another Crime Film", year=1995, genres=["Crime", "Drama"])
    assert index.like(crime).films == []
    assert SimilarIndex([]).like(stranger) == MoreLikeThis([], [])


def test_the_film_itself_never_appears(store: Store) -> None:
    index = SimilarIndex(store.summaries())
    for summary in store.summaries():
        found = index.like(store.film(summary.id), recommended=[summary.id], limit=None)
        assert summary.id not in ids(found.films) + ids(found.elsewhere), summary.title


def test_the_why_line_is_plain_text_whatever_the_data_holds(store: Store) -> None:
    hostile = ["[bold]x[/bold]", "bell\x07 and\x1b[31m red", "heist"]
    refreshed = "2026-11-01T12:00:00+00:00"
    store.write_tmdb([
        TmdbUpdate(film_id, {"id": film_id, "keywords": hostile, "refreshed_at": refreshed})
        for film_id in (HEAT, THIEF)
    ])  # fmt: skip
    why = next(e.why for e in like(store, HEAT).films if e.film_id == THIEF)
    assert "[bold]x[/bold]" in why  # shown literally, never read as markup
    assert "bell and red" in why
    assert not any(ch in why for ch in "\x07\x1b\n\t")


def test_tmdb_recommendations_are_merged_in_and_the_rest_listed_apart(store: Store) -> None:
    before = {e.film_id: e for e in like(store, HEAT, limit=None).films}
    recommended = [
        {"id": DOG_DAY, "title": "Dog Day Afternoon"},
        4_000_001,
        {"id": 4_000_002, "title": "Heat\x1b[2J Wave", "release_date": "2031-05-01"},
        HEAT,  # its own page: never suggested
        4_000_001,  # repeated: once
    ]
    found = like(store, HEAT, recommended=recommended, limit=None)
    dog_day = next(e for e in found.films if e.film_id == DOG_DAY)
    assert dog_day.why.startswith("recommended on TMDB · Al Pacino")
    assert dog_day.score > before[DOG_DAY].score
    assert ids(found.films).index(DOG_DAY) < list(before).index(DOG_DAY)
    assert found.elsewhere == [
        Similar(4_000_001, 6.0, "recommended on TMDB", False, "", None),
        Similar(4_000_002, 6.0, "recommended on TMDB", False, "Heat Wave", 2031),
    ]
    # A recommended film in the store that shares nothing else is still listed, for that.
    lonely = like(store, GODFATHER, recommended=[2034], limit=None).films  # Training Day
    assert next(e.why for e in lonely if e.film_id == 2034) == "recommended on TMDB"


def synthetic_store(data_dir: Path, catalog: Path, count: int = 2_000) -> Store:
    """The catalogue plus `count` made-up films from small pools, so that scores tie often."""
    rng = random.Random(12)
    people = [f"Person {i}" for i in range(150)]
    words = [f"keyword {i}" for i in range(40)]
    genres = ["Crime", "Drama", "Thriller", "Comedy", "Western", "War"]
    updates = []
    # Ids spread over 16 of the store's shards: one file write each, not one per film.
    for film_id in (5_000_000 + k % 16 + 4096 * (k // 16) for k in range(count)):
        year = rng.randint(1950, 2020)
        fields = {
            "id": film_id,
            "title": rng.choice(["Night", "Day", "The Job", "Night"]),  # titles tie too
            "year": year,
            "release_date": f"{year}-01-01",
            "genres": rng.sample(genres, rng.randint(1, 3)),
            "directors": [rng.choice(people)],
            "cast": [{"name": n, "character": ""} for n in rng.sample(people, 6)],
            "crew": [{"name": rng.choice(people), "job": "Screenplay"}],
            "keywords": rng.sample(words, rng.randint(1, 5)),
            "popularity": rng.choice([1.0, 2.0, 3.0]),
            "refreshed_at": "2026-11-01T12:00:00+00:00",
        }
        updates.append(TmdbUpdate(film_id, fields))
    store = Store.open(data_dir, catalog)
    store.write_tmdb(updates)
    return store


def test_on_2000_films_ranking_is_deterministic_and_a_limit_is_a_head(
    data_dir: Path, catalog: Path
) -> None:
    store = synthetic_store(data_dir, catalog)
    rows = store.summaries()
    assert len(rows) > 2_000
    forwards, backwards = SimilarIndex(rows), SimilarIndex(rows[::-1])
    for film_id in random.Random(3).sample([r.id for r in rows], 25):
        film = store.film(film_id)
        everything = forwards.like(film, limit=None).films
        assert everything, film.title
        assert forwards.like(film, limit=5).films == everything[:5]
        assert forwards.like(film).films == everything[:12]
        # The same answer whatever order the rows came in: ties go by popularity, title, id.
        assert backwards.like(film, limit=None).films == everything
        assert len(set(ids(everything))) == len(everything) and film_id not in ids(everything)


def test_a_film_sharing_only_a_very_common_keyword_still_finds_films_that_share_it() -> None:
    # "heist" is in every one of 400 films: too common to look through for every film, so it
    # brings in films of its own only when rarer ties found few.
    rows = [
        FilmSummary(i, f"Film {i}", year=1990 + i % 20, popularity=float(i % 3),
                    keywords=("heist", "night" if i % 7 else "rain"))
        for i in range(1, 401)
    ]  # fmt: skip
    loner = Film(10_000, "Lone Job", year=1995, keywords=["heist"], cast=[CastMember("Nobody")])
    found = SimilarIndex(rows).like(loner).films
    assert len(found) == 12 and {e.why for e in found} == {"heist · 1990s"}
    assert SimilarIndex(rows[::-1]).like(loner).films == found
    # With a rarer keyword too, the films sharing both come first, the rarer named first.
    rainy = Film(10_001, "Wet Job", year=2030, keywords=["heist", "rain"])
    found = SimilarIndex(rows).like(rainy, limit=None).films
    assert len(found) == 400 and all(e.film_id % 7 == 0 for e in found[:57])
    assert found[0].why == "rain · heist" and found[57].why == "heist"

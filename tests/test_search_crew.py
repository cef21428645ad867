"""Crew and characters are searchable (issue 12): below titles, directors and cast, with the
field saying how a film was found, on the shipped catalogue and on small hand-made rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmtui.models import CastMember, CrewMember, Film, FilmSummary
from filmtui.search import SearchIndex
from filmtui.store import Store


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[SearchIndex, dict[int, FilmSummary]]:
    """The search index over the shipped catalogue, as a fresh store holds it."""
    rows = Store.open(tmp_path_factory.mktemp("data")).summaries()
    return SearchIndex(rows), {row.id: row for row in rows}


def found(index: SearchIndex, query: str) -> list[tuple[int, str]]:
    return [(m.id, m.field) for m in index.search(query)]


def test_a_cinematographer_finds_the_films_he_shot(shipped) -> None:
    index, rows = shipped
    matches = index.search("spinotti")
    assert 949 in [m.id for m in matches]  # Heat
    assert {m.field for m in matches} == {"crew"}
    for match in matches:
        assert ("Dante Spinotti", "Director of Photography") in rows[match.id].crew


def test_a_composer_and_a_whole_crew_name_find_heat(shipped) -> None:
    index, _ = shipped
    assert (949, "crew") in found(index, "goldenthal")
    assert found(index, "dante spinotti")[0][1] == "crew"
    assert 949 in [film for film, _ in found(index, "dante spinotti")]


def test_a_character_finds_the_film_they_are_in(shipped) -> None:
    index, _ = shipped
    assert found(index, "mccauley")[0] == (949, "character")
    assert (949, "character") in found(index, "neil mccauley")


def test_a_typo_in_a_crew_name_still_finds_the_film(shipped) -> None:
    index, _ = shipped
    assert 949 in [m.id for m in index.search("spinoti")]


def test_the_old_fields_still_find_what_they_found(shipped) -> None:
    index, _ = shipped
    assert found(index, "heat")[0] == (949, "title")
    assert all(field == "director" for _, field in found(index, "michael mann")[:5])
    assert ("cast" in {field for _, field in found(index, "pacino")})


ROWS = [
    FilmSummary(1, "Night Shift", crew=[("Ann Spinotti", "Editor")], popularity=90.0),
    FilmSummary(2, "Spinotti Story", popularity=1.0),
    FilmSummary(3, "Blue", cast=("Ann Spinotti",), popularity=2.0),
    FilmSummary(4, "Red", directors=("Ann Spinotti",), popularity=3.0),
    FilmSummary(5, "Green", characters=("Ann Spinotti",), cast=("Someone",), popularity=99.0),
]


def test_crew_ranks_below_title_director_and_cast_and_characters_below_crew() -> None:
    # Whatever the popularity: the most popular films are the crew and character matches.
    index = SearchIndex(ROWS)
    assert found(index, "spinotti") == [
        (2, "title"), (4, "director"), (3, "cast"), (1, "crew"), (5, "character"),
    ]


def test_a_film_found_by_an_old_field_is_not_listed_again_for_its_crew() -> None:
    index = SearchIndex([FilmSummary(1, "Heat", cast=("Al Pacino",),
                                     crew=[("Al Pacino", "Producer")])])
    assert found(index, "pacino") == [(1, "cast")]


def test_without_crew_or_characters_nothing_changes() -> None:
    plain = [row._replace(packed_crew="", packed_characters="") for row in ROWS]
    index = SearchIndex(plain)
    assert found(index, "spinotti") == [(2, "title"), (4, "director"), (3, "cast")]


def test_a_film_row_keeps_key_crew_but_directors_each_person_once() -> None:
    film = Film(
        id=1, title="Heat", directors=["Michael Mann"],
        cast=[CastMember("Robert De Niro", "Neil McCauley")],
        crew=[
            CrewMember("Michael Mann", "Director"), CrewMember("Michael Mann", "Screenplay"),
            CrewMember("Dante Spinotti", "Director of Photography"),
            CrewMember("Elliot Goldenthal", "Original Music Composer"),
            CrewMember("Elliot Goldenthal", "Music"), CrewMember("Someone", "Caterer"),
        ],
    )
    row = film.summary()
    assert row.crew == (
        ("Elliot Goldenthal", "Original Music Composer"),
        ("Dante Spinotti", "Director of Photography"),
    )
    assert row.characters == ("Neil McCauley",)
    assert FilmSummary(**row.fields()) == row


def test_the_stored_index_keeps_the_crew(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    heat = next(row for row in store.summaries() if row.id == 949)
    assert ("Dante Spinotti", "Director of Photography") in heat.crew
    reopened = next(row for row in Store.open(tmp_path / "data").summaries() if row.id == 949)
    assert reopened == heat


def test_a_refreshed_film_keeps_its_crew_through_the_index_delta(tmp_path: Path) -> None:
    from filmtui.store import TmdbUpdate

    store = Store.open(tmp_path / "data")
    store.write_tmdb([TmdbUpdate(7_000_001, {
        "id": 7_000_001, "title": "Night Work", "year": 2026,
        "crew": [{"name": "Ann Spinotti", "job": "Director of Photography"},
                 {"name": "Bo Key", "job": "Gaffer"}],
        "refreshed_at": "2026-12-01T00:00:00+00:00",
    })])  # fmt: skip
    row = next(r for r in Store.open(tmp_path / "data").summaries() if r.id == 7_000_001)
    assert row.crew == (("Ann Spinotti", "Director of Photography"),)
    assert found(SearchIndex([row]), "spinotti") == [(7_000_001, "crew")]

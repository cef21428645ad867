"""People read from the list index (IndexedPeople) answer as the in-memory PeopleIndex does."""

from __future__ import annotations

from pathlib import Path

from filmtui.people import IndexedPeople, PeopleIndex
from filmtui.store import Store, TmdbUpdate


def film(film_id: int, title: str, year: int, directors: list[str], cast: list[tuple[str, str]]) -> TmdbUpdate:
    return TmdbUpdate(film_id, {
        "id": film_id, "title": title, "year": year, "directors": directors,
        "cast": [{"name": name, "character": role} for name, role in cast],
        "refreshed_at": "2026-11-01T12:00:00+00:00",
    })


def test_names_credits_and_finds_equal_the_in_memory_index(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    store.write_tmdb([
        # Spellings folding alike are one person; a name inside a longer one is not them;
        # a director acting in their own film has both credits; a role left blank is "Cast".
        film(9_000_001, "Ünder", 1999, ["José Ferrer"], [("JOSE FERRER", "Himself"), ("Al Pacinos", "")]),
        film(9_000_002, "Over", 2001, ["Jose Ferrer"], [("Jose Ferrer", "Lead"), ("Al Pacino", "Cop")]),
    ])
    rows = store.summaries()
    memory, indexed = PeopleIndex(rows), IndexedPeople(store.list_index())
    assert indexed.names == memory.names and len(indexed) == len(memory) > 100
    for _, name in memory.names:
        assert indexed.credits(name) == memory.credits(name), name
        assert indexed.name(name) == memory.name(name)
    jose = indexed.credits("josé ferrer")
    assert [(c.title, c.role) for c in jose] == [
        ("Over", "Director"), ("Over", "Lead"), ("Ünder", "Director"), ("Ünder", "Himself")]
    assert [c.title for c in indexed.credits("Al Pacino")] == [c.title for c in memory.credits("Al Pacino")]
    assert "Over" in [c.title for c in indexed.credits("Al Pacino")]
    assert "Ünder" not in [c.title for c in indexed.credits("Al Pacino")]
    assert indexed.credits("Nobody At All") == []
    for query in ("pac", "al", "Mann", "josé", "ferrer", "r", "", "zz"):
        assert indexed.find(query) == memory.find(query), query


def test_the_names_kept_in_the_index_are_gathered_again_after_a_write(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    index = store.list_index()
    assert index.saved_names() is None
    first = IndexedPeople(index)
    assert index.saved_names() is not None  # the next start reads them, not every film
    assert IndexedPeople(Store.open(data_dir, catalog).list_index()).names == first.names
    store.write_tmdb([film(9_000_003, "Newcomer", 2020, ["Ngozi Newname"], [])])
    assert index.saved_names() is None
    again = IndexedPeople(Store.open(data_dir, catalog).list_index())
    assert "Ngozi Newname" in again.find("newname")
    assert again.names == PeopleIndex(store.summaries()).names

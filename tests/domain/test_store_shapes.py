"""Store files that parse but have the wrong shape are damaged files: set aside, rebuilt, said once.

Each case writes valid JSON of a shape filmtui never writes into a real store, then reads it the
way the commands and the browser do.
"""

from __future__ import annotations

import json
import sqlite3
import shutil
from pathlib import Path

import pytest

from filmtui.models import UserData
from filmtui.store import Store, TmdbUpdate

HEAT, CASINO, ADDED = 949, 524, 550


def make_store(data_dir: Path, catalog: Path) -> Store:
    """A store with TMDB data for Heat, a film added from TMDB, user data, and the index."""
    store = Store.open(data_dir, catalog)
    store.write_tmdb([
        TmdbUpdate(HEAT, {"id": HEAT, "title": "Heat", "tagline": "A Los Angeles crime saga",
                          "refreshed_at": "2026-01-01T00:00:00+00:00"}),
        TmdbUpdate(ADDED, {"id": ADDED, "title": "Fight Club", "year": 1999,
                           "refreshed_at": "2026-01-01T00:00:00+00:00"}),
    ])  # fmt: skip
    store.set_user(HEAT, watchlist=True, rating=9, note="the coffee scene")
    store.set_user(CASINO, watchlist=True)
    store.list_index().close()  # checkpointed: index.sqlite alone holds the rows
    return store


def edit(path: Path, change) -> None:
    """Rewrite a JSON file with `change(data)` (which returns the new data)."""
    path.write_text(json.dumps(change(json.loads(path.read_text()))))


def heat_shard(data_dir: Path) -> Path:
    return data_dir / "films" / f"{HEAT % 4096:03x}.json"


def _heat_doc(change):
    def apply(data):
        change(data["films"][str(HEAT)])
        return data

    return apply


#: (file, what to write over it): valid JSON, wrong shape.
DAMAGE = {
    "meta-films-list": ("meta.json", lambda d: {"films": []}),
    "meta-schema-text": ("meta.json", lambda d: {"films": {"1": {**d["films"]["1"], "schema": "1"}}}),
    "meta-schema-zero": ("meta.json", lambda d: {"films": {"1": {**d["films"]["1"], "schema": 0}}}),
    "meta-top-list": ("meta.json", lambda d: [1, 2, 3]),
    "index-foreign-sqlite": ("index.sqlite", "CREATE TABLE notes (text TEXT)"),
    "index-no-films-table": ("index.sqlite", "DROP TABLE films"),
    "index-no-meta-table": ("index.sqlite", "DROP TABLE meta"),
    "shard-films-list": ("shard", lambda d: {"films": []}),
    "shard-unknown-key": ("shard", _heat_doc(lambda doc: doc.update(extra=1))),
    "shard-editorial-text": ("shard", _heat_doc(lambda doc: doc.update(editorial="Heat"))),
    "shard-faq-no-question": ("shard", _heat_doc(
        lambda doc: doc["editorial"].update(faq=[{"answer": "yes"}]))),
    "shard-cast-names": ("shard", _heat_doc(lambda doc: doc["editorial"].update(cast=["Al Pacino"]))),
    "shard-year-text": ("shard", _heat_doc(lambda doc: doc["tmdb"].update(year="1995"))),
    "shard-no-id": ("shard", _heat_doc(lambda doc: (doc["editorial"].pop("id"), doc["tmdb"].pop("id")))),
}  # fmt: skip


def damage(data_dir: Path, case: str) -> Path:
    name, change = DAMAGE[case]
    path = heat_shard(data_dir) if name == "shard" else data_dir / name
    if name == "index.sqlite":  # SQL run on the index (a foreign file: on a new one)
        if "CREATE" in change:
            path.unlink()
        with sqlite3.connect(path) as db:
            db.execute(change)
        db.close()
    else:
        edit(path, change)
    return path


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_a_file_of_the_wrong_shape_is_set_aside_and_rebuilt(
    data_dir: Path, catalog: Path, case: str
) -> None:
    before = make_store(data_dir, catalog)
    ids = {s.id for s in before.summaries()}
    path = damage(data_dir, case)

    store = Store.open(data_dir, catalog)
    rows = {s.id: s for s in store.summaries()}
    heat = store.film(HEAT)
    assert heat is not None and heat.title == "Heat" and heat.blurb
    assert heat.user == UserData(watchlist=True, rating=9, note="the coffee scene")
    assert store.users()[CASINO].watchlist
    if path.parent.name == "films":
        assert HEAT in rows  # the shard's TMDB data is lost; the catalogue film stays
    else:
        assert set(rows) == ids and rows[ADDED].title == "Fight Club"
        assert store.film(ADDED).title == "Fight Club"
    assert len(store.notices) == 1, store.notices
    assert path.name in store.notices[0] and "set aside" in store.notices[0]
    assert not store.unrepaired
    kept = [p for p in path.parent.glob(f"{path.name}.corrupt-*") if not p.name.endswith("-wal")]
    assert len(kept) == 1, "the damaged file is kept, never deleted (with its write-ahead log)"

    again = Store.open(data_dir, catalog)  # the rebuilt file is sound: nothing more to say
    again.summaries(), again.film(HEAT), again.users()
    assert again.notices == []


@pytest.mark.parametrize(
    "content",
    [
        {"films": []},
        {"films": "watchlist"},
        ["949"],
        {"films": {"not-a-number": {"watchlist": True}}},
    ],
)
def test_a_user_file_of_the_wrong_shape_is_set_aside_and_starts_empty(
    data_dir: Path, catalog: Path, content: object
) -> None:
    make_store(data_dir, catalog)
    (data_dir / "user.json").write_text(json.dumps(content))
    store = Store.open(data_dir, catalog)
    assert store.users() == {} and store.film(HEAT).user == UserData()
    assert len(store.notices) == 1 and "user.json" in store.notices[0]
    assert "set aside" in store.notices[0] and "start empty" in store.notices[0]
    assert len(list(data_dir.glob("user.json.corrupt-*"))) == 1
    store.set_user(HEAT, rating=7)  # writable again
    assert Store.open(data_dir, catalog).user(HEAT) == UserData(rating=7)


def test_a_user_file_of_the_wrong_shape_keeps_what_is_sound(data_dir: Path, catalog: Path) -> None:
    make_store(data_dir, catalog)
    (data_dir / "user.json").write_text(json.dumps({"films": {
        str(HEAT): ["not", "an", "object"],
        str(CASINO): {"watchlist": True, "rating": 8, "note": "seen twice"},
    }}))  # fmt: skip
    store = Store.open(data_dir, catalog)
    assert store.users() == {CASINO: UserData(watchlist=True, rating=8, note="seen twice")}
    assert len(store.notices) == 1 and "of 1 films were kept" in store.notices[0]
    assert Store.open(data_dir, catalog).users() == store.users()  # written back, sound
    saved = json.loads((data_dir / "user.json").read_text())
    assert saved == {"films": {str(CASINO): {"watchlist": True, "rating": 8, "note": "seen twice"}}}


def test_two_failures_in_one_second_keep_both_damaged_files(data_dir: Path, catalog: Path) -> None:
    make_store(data_dir, catalog)
    for content in ('{"films": []}', '{"films": 3}'):
        (data_dir / "user.json").write_text(content)
        Store.open(data_dir, catalog).users()
    kept = sorted(p.read_text() for p in data_dir.glob("user.json.corrupt-*"))
    assert kept == ['{"films": 3}', '{"films": []}']


def test_a_journal_of_the_wrong_shape_is_dropped(data_dir: Path, catalog: Path) -> None:
    make_store(data_dir, catalog)
    (data_dir / "journal.json").write_text('["949"]')
    store = Store.open(data_dir, catalog)
    assert store.film(HEAT).title == "Heat" and not (data_dir / "journal.json").exists()


def test_a_missing_index_is_rebuilt_from_the_films(data_dir: Path, catalog: Path) -> None:
    ids = {s.id for s in make_store(data_dir, catalog).summaries()}
    (data_dir / "index.sqlite").unlink()
    store = Store.open(data_dir, catalog)
    assert {s.id for s in store.summaries()} == ids, "every film in films/ is listed, not 0"
    assert len(store.notices) == 1 and "index" in store.notices[0] and "rebuilt" in store.notices[0]
    assert Store.open(data_dir, catalog).summaries() and (data_dir / "index.sqlite").exists()


def test_an_index_without_its_write_ahead_log_still_lists_the_films_it_was_checkpointed_with(
    data_dir: Path, catalog: Path
) -> None:
    store = make_store(data_dir, catalog)
    store.write_tmdb([TmdbUpdate(999_001, {"id": 999_001, "title": "Added after the checkpoint",
                                           "refreshed_at": "2026-01-02T00:00:00+00:00"})])
    store.list_index().close()
    rows = {s.id: s for s in Store.open(data_dir, catalog).summaries()}
    assert rows[999_001].title == "Added after the checkpoint" and ADDED in rows


def test_a_missing_films_folder_is_reseeded_from_the_catalogue(data_dir: Path, catalog: Path) -> None:
    make_store(data_dir, catalog)
    shutil.rmtree(data_dir / "films")
    store = Store.open(data_dir, catalog)
    heat = store.film(HEAT)
    assert heat is not None and heat.blurb and heat.faq
    assert heat.user.note == "the coffee scene", "the user's data is not in films/ and stays"
    rows = {s.id for s in store.summaries()}
    assert HEAT in rows and ADDED not in rows, "the list shows only films that can be opened"
    assert all(store.film(film_id) is not None for film_id in rows)
    assert len(store.notices) == 1 and "films folder was missing" in store.notices[0]
    assert Store.open(data_dir, catalog).notices == []


def test_a_film_doc_of_the_wrong_shape_is_never_written(data_dir: Path, catalog: Path) -> None:
    from filmtui.store import StoreError

    store = make_store(data_dir, catalog)
    shard = heat_shard(data_dir).read_bytes()
    with pytest.raises(StoreError, match="not stored"):
        store.write_tmdb([TmdbUpdate(HEAT, {"id": HEAT, "title": "Heat", "year": "1995"})])
    assert heat_shard(data_dir).read_bytes() == shard
    assert Store.open(data_dir, catalog).film(HEAT).tagline == "A Los Angeles crime saga"


def test_tmdb_data_that_cannot_be_stored_is_refused_before_anything_is_written(
    data_dir: Path, catalog: Path
) -> None:
    from filmtui.store import StoreError

    store = make_store(data_dir, catalog)
    before = {p: p.read_bytes() for p in data_dir.rglob("*.json")}
    deep: dict = {}
    for _ in range(300):
        deep = {"x": deep}
    good = TmdbUpdate(CASINO, {"id": CASINO, "title": "Casino", "refreshed_at": "2026-02-01T00:00:00+00:00"})
    for raw in ({"budget": 2**70}, deep):
        with pytest.raises(StoreError, match=f"film {ADDED} was not stored"):
            store.write_tmdb([good, TmdbUpdate(ADDED, {"id": ADDED, "title": "Fight Club"}, raw)])
    assert {p: p.read_bytes() for p in data_dir.rglob("*.json")} == before
    assert Store.open(data_dir, catalog).notices == []

"""The store on real files: round trips, re-syncs, corruption, crashes and concurrent writers."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from filmtui.catalog import load_catalog
from filmtui.store import SCHEMA, Store, StoreError, TmdbUpdate

HEAT = 949


def tmdb_fields(film_id: int, version: int) -> dict:
    """TMDB fields whose every value says which version wrote them."""
    return {
        "id": film_id,
        "title": f"Film {film_id} v{version}",
        "tagline": f"tagline v{version}",
        "overview": f"overview v{version}",
        "runtime": 100 + version,
        "refreshed_at": f"2026-01-01T00:00:{version % 60:02d}+00:00",
    }


def test_first_open_builds_the_store_from_the_catalogue(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    assert store.notices == []
    expected = {f["id"] for f in load_catalog(catalog).films}
    assert {s.id for s in store.summaries()} == expected
    heat = store.film(HEAT)
    assert heat is not None
    assert (heat.title, heat.year, heat.directors) == ("Heat", 1995, ["Michael Mann"])
    assert heat.budget == 60_000_000 and heat.faq and heat.trivia
    assert heat.refreshed_at is None
    assert store.film(123456789) is None


def test_tmdb_and_user_data_round_trip_and_survive_reopening(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    store.write_tmdb([TmdbUpdate(HEAT, tmdb_fields(HEAT, 1), {"id": HEAT, "raw": True})])
    store.set_user(HEAT, watchlist=True, note="with the director's commentary")
    again = Store.open(data_dir, catalog)
    heat = again.film(HEAT)
    assert heat.tagline == "tagline v1" and heat.title == f"Film {HEAT} v1"
    assert heat.blurb, "the editorial blurb must survive a TMDB write"
    assert heat.user.watchlist and heat.user.note == "with the director's commentary"
    assert again.raw_tmdb(HEAT) == {"id": HEAT, "raw": True}
    row = next(s for s in again.summaries() if s.id == HEAT)
    assert row.title == f"Film {HEAT} v1" and row.refreshed_at
    assert again.meta["last_refresh"]


def test_a_film_added_from_tmdb_alone_is_listed(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    store.write_tmdb([TmdbUpdate(550, tmdb_fields(550, 3))])
    film = Store.open(data_dir, catalog).film(550)
    assert film.title == "Film 550 v3" and not film.editorial and film.faq == []
    assert 550 in {s.id for s in store.summaries()}


def test_resync_updates_writing_but_keeps_tmdb_and_user_fields(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    store.write_tmdb([TmdbUpdate(HEAT, tmdb_fields(HEAT, 2))])
    store.set_user(HEAT, rating=9)
    path = catalog / "heat-1995.toml"
    text = path.read_text()
    start = text.index("blurb = ")
    end = text.index("\n", start)
    path.write_text(text[:start] + 'blurb = "A rewritten line from the editors."' + text[end:])

    heat = Store.open(data_dir, catalog).film(HEAT)
    assert heat.blurb == "A rewritten line from the editors."
    assert heat.tagline == "tagline v2" and heat.user.rating == 9


def test_a_film_removed_from_the_catalogue_keeps_its_tmdb_data(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    store.write_tmdb([TmdbUpdate(HEAT, tmdb_fields(HEAT, 4))])
    (catalog / "heat-1995.toml").unlink()
    heat = Store.open(data_dir, catalog).film(HEAT)
    assert heat.title == f"Film {HEAT} v4" and not heat.editorial and heat.blurb == ""


def test_a_broken_catalogue_file_keeps_the_last_good_version(data_dir: Path, catalog: Path) -> None:
    Store.open(data_dir, catalog)
    (catalog / "heat-1995.toml").write_text('id = 949\ntitle = "Heat\n')
    store = Store.open(data_dir, catalog)
    assert len(store.notices) == 1
    assert store.notices[0].startswith("catalogue: heat-1995.toml: not valid TOML")
    assert store.film(HEAT).blurb, "the film must keep its last good writing"


def _garbage(path: Path) -> None:
    path.write_bytes(b'{"films": {"949": {"id": 9')


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _scrambled(path: Path) -> None:
    """The SQLite header kept, every page after the first overwritten."""
    data = bytearray(path.read_bytes())
    data[4096:] = bytes(len(data) - 4096)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(("name", "damage"), [
    ("index.sqlite", _garbage), ("index.sqlite", _truncated), ("index.sqlite", _scrambled),
    ("meta.json", _garbage),
])
def test_a_corrupt_index_is_set_aside_and_rebuilt_with_nothing_lost(
    data_dir: Path, catalog: Path, name: str, damage
) -> None:
    store = Store.open(data_dir, catalog)
    store.write_tmdb([TmdbUpdate(550, tmdb_fields(550, 5))])
    count = len(store.summaries())
    store.list_index().close()  # checkpointed: the damage hits the only copy
    damage(data_dir / name)
    again = Store.open(data_dir, catalog)
    summaries = again.summaries()
    assert len(again.notices) == 1 and "set aside" in again.notices[0] and name in again.notices[0]
    assert len(summaries) == count
    assert {s.id: s.title for s in summaries}[550] == "Film 550 v5"
    assert again.film(550).title == "Film 550 v5"
    assert len(list(data_dir.glob(f"{name}.corrupt-*"))) == 1, "the bad file is kept, not deleted"
    assert Store.open(data_dir, catalog).notices == [], "repaired once"


def test_a_missing_index_is_rebuilt_from_the_film_files(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    store.write_tmdb([TmdbUpdate(550, tmdb_fields(550, 5))])
    count = len(store.summaries())
    store.list_index().close()
    (data_dir / "index.sqlite").unlink()
    again = Store.open(data_dir, catalog)
    assert len(again.summaries()) == count
    assert again.notices == ["the film index (index.sqlite) was missing and was rebuilt from the film files."]


def test_rebuilding_the_index_on_demand_keeps_every_film_and_moves_the_stamp(
    data_dir: Path, catalog: Path
) -> None:
    from filmtui.store.derived import Derived

    store = Store.open(data_dir, catalog)
    store.write_tmdb([TmdbUpdate(550, tmdb_fields(550, 5))])
    before, stamp = sorted(store.summaries()), Derived(data_dir).stamp()
    assert store.rebuild_index() == len(before)
    assert sorted(Store.open(data_dir, catalog).summaries()) == before
    assert Derived(data_dir).stamp() != stamp, "caches of the old index go stale"


def test_every_write_moves_the_stamp_seen_by_another_reader(data_dir: Path, catalog: Path) -> None:
    from filmtui.store.derived import Derived

    reader = Derived(data_dir)
    store = Store.open(data_dir, catalog)
    first = reader.stamp()
    store.write_tmdb([TmdbUpdate(550, tmdb_fields(550, 5))])
    second = reader.stamp()
    assert None not in (first, second) and first != second
    assert reader.stamp() == second, "no write, same stamp"


def test_a_corrupt_film_file_is_set_aside_and_refilled_from_the_catalogue(
    data_dir: Path, catalog: Path
) -> None:
    store = Store.open(data_dir, catalog)
    shard = store.shard_path(HEAT)
    shard.write_text("not json at all")
    heat = store.film(HEAT)
    assert heat is not None and heat.title == "Heat" and heat.blurb
    assert any("set aside" in n for n in store.notices)
    assert list(shard.parent.glob(f"{shard.name}.corrupt-*"))


def test_a_corrupt_user_file_is_set_aside_and_the_films_stay(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    store.set_user(HEAT, watchlist=True)
    store.user_path.write_bytes(b"\x00\x00garbage")
    heat = store.film(HEAT)
    assert heat.title == "Heat" and heat.user.watchlist is False
    assert any("user.json" in n and "set aside" in n for n in store.notices)
    assert list(data_dir.glob("user.json.corrupt-*"))


def test_a_store_from_a_newer_filmtui_is_refused(data_dir: Path, catalog: Path) -> None:
    Store.open(data_dir, catalog)
    meta = json.loads((data_dir / "meta.json").read_text())
    meta["films"]["1"]["schema"] = SCHEMA + 1
    (data_dir / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(StoreError, match="newer filmtui"):
        Store.open(data_dir, catalog)


def test_an_unwritable_data_folder_is_one_clear_error(tmp_path: Path, catalog: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="data folder"):
        Store.open(blocker / "store", catalog)


_WRITER = r"""
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from test_store import tmdb_fields
from filmtui.store import Store, TmdbUpdate
store = Store.open(Path(sys.argv[1]), Path(sys.argv[2]))
ids = [int(i) for i in sys.argv[4].split(",")]
version = int(sys.argv[5])
print("ready", flush=True)
while True:
    version += 1
    store.write_tmdb([TmdbUpdate(i, tmdb_fields(i, version), {"v": version}) for i in ids])
"""


def _writer(data_dir: Path, catalog: Path, ids: list[int], version: int) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(data_dir), str(catalog), str(Path(__file__).parent),
         ",".join(map(str, ids)), str(version)],
        stdout=subprocess.PIPE,
    )
    assert child.stdout.readline().strip() == b"ready"
    return child


def test_a_writer_killed_mid_batch_leaves_every_film_old_or_new(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    store.set_user(HEAT, watchlist=True, note="keep me")
    ids = [HEAT, 550] + [100_000 + i * 4096 + 7 for i in range(40)]  # many share a shard
    rng = random.Random(1995)
    for trial in range(25):
        child = _writer(data_dir, catalog, ids, trial * 1000)
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        reopened = Store.open(data_dir, catalog)
        rows = {s.id: s for s in reopened.summaries()}
        for film_id in ids:
            film = reopened.film(film_id)
            if film is None or not film.refreshed_at:
                continue  # killed before this film's first write: still its old self
            version = film.tagline.removeprefix("tagline v")
            assert film.title == f"Film {film_id} v{version}", "a film mixes two writes"
            assert film.runtime == 100 + int(version), "a film mixes two writes"
            assert reopened.raw_tmdb(film_id) == {"v": int(version)}
            assert rows[film_id].title == film.title, "the index disagrees with the film"
        assert sorted(rows.values()) == sorted(reopened._shard_rows()), "index and shards disagree"
        assert reopened.user(HEAT).note == "keep me"
        assert not list(data_dir.rglob("*.corrupt-*"))


_USER_WRITER = r"""
import sys
from pathlib import Path
from filmtui.store import Store, TmdbUpdate
store = Store.open(Path(sys.argv[1]), Path(sys.argv[2]))
offset = int(sys.argv[3])
for n in range(60):
    store.set_user(offset + n, note=f"note {offset + n}")
    store.write_tmdb([TmdbUpdate(offset + n, {"id": offset + n, "title": f"t{offset + n}",
                                              "refreshed_at": "2026-01-01T00:00:00+00:00"})])
"""


def test_two_processes_writing_at_once_lose_nothing(data_dir: Path, catalog: Path) -> None:
    Store.open(data_dir, catalog)
    children = [
        subprocess.Popen([sys.executable, "-c", _USER_WRITER, str(data_dir), str(catalog), str(o)])
        for o in (1_000_000, 2_000_000)
    ]
    assert [c.wait(timeout=120) for c in children] == [0, 0]
    store = Store.open(data_dir, catalog)
    ids = {s.id for s in store.summaries()}
    for offset in (1_000_000, 2_000_000):
        for n in range(60):
            assert offset + n in ids
            assert store.user(offset + n).note == f"note {offset + n}"


def test_an_index_in_another_layout_is_rebuilt_quietly(data_dir: Path, catalog: Path) -> None:
    import sqlite3

    store = Store.open(data_dir, catalog)
    count = len(store.summaries())
    store.list_index().close()
    with sqlite3.connect(data_dir / "index.sqlite") as db:
        db.execute("UPDATE meta SET value = '0:id,title' WHERE key = 'layout'")
        db.execute("DELETE FROM films")
    again = Store.open(data_dir, catalog)
    assert len(again.summaries()) == count
    assert again.notices == []


def test_a_store_of_the_old_index_json_layout_is_migrated_once_without_losing_a_film(
    data_dir: Path, catalog: Path
) -> None:
    store = Store.open(data_dir, catalog)
    store.write_tmdb([TmdbUpdate(550, tmdb_fields(550, 5))])
    rows = sorted(store.summaries())
    store.list_index().close()
    # What filmtui 0.x left: index.json, its delta and the list head, no index.sqlite. Its rows
    # lack the key crew the new index holds, so the index is made again from the film files.
    for name in ("index.json", "index-delta.json", "list-head.json"):
        (data_dir / name).write_bytes(b'{"columns": {"1": {"format": 1, "id": [949]}}}')
    for suffix in ("", "-wal", "-shm"):
        (data_dir / f"index.sqlite{suffix}").unlink(missing_ok=True)
    migrated = Store.open(data_dir, catalog)
    assert sorted(migrated.summaries()) == rows
    assert any(row.crew for row in rows)
    assert migrated.notices == []
    for name in ("index.json", "index-delta.json", "list-head.json"):
        assert not (data_dir / name).exists()
    assert sorted(Store.open(data_dir, catalog).summaries()) == rows


def test_an_older_store_is_migrated_forward_once(
    data_dir: Path, catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import filmtui.store.store as store_module

    Store.open(data_dir, catalog).set_user(HEAT, note="before the upgrade")
    ran: list[Path] = []
    monkeypatch.setattr(store_module, "SCHEMA", SCHEMA + 1)
    monkeypatch.setattr(store_module, "MIGRATIONS", {SCHEMA: lambda store: ran.append(store.root)})
    upgraded = Store.open(data_dir, catalog)
    assert ran == [data_dir]
    assert upgraded.meta["schema"] == SCHEMA + 1
    assert upgraded.film(HEAT).user.note == "before the upgrade"
    Store.open(data_dir, catalog)
    assert ran == [data_dir], "a migration runs once"

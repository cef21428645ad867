"""The bulk builder (store/bulk.py, bench/make_catalogue.py's): a store built in bulk is the store
the same films written one refresh batch at a time make, and a build that fails or is killed
leaves nothing at its target that the app would open as a good store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from filmtui.store import Store, StoreError
from filmtui.store.bulk import build

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
from make_catalogue import films_of  # noqa: E402

FILMS, SEED = 600, 3


def bulk_films(shards: range):
    return films_of(shards, FILMS, SEED)


def every_film(store: Store) -> dict[int, tuple]:
    """What a user can see of each film: its page, its raw TMDB data and its list row."""
    rows = {row.id: row for row in store.summaries()}
    return {i: (store.film(i), store.raw_tmdb(i), rows[i]) for i in sorted(rows)}


def test_a_bulk_built_store_holds_what_film_by_film_writes_make(tmp_path: Path, catalog: Path) -> None:
    bulk = tmp_path / "bulk"
    assert build(bulk, bulk_films, catalog=catalog, group_shards=64) == FILMS
    one_by_one = Store.open(tmp_path / "batches", catalog)
    updates = [update for first in range(0, 4096, 64) for update, _ in bulk_films(range(first, first + 64))]
    for at in range(0, len(updates), 50):
        one_by_one.write_tmdb(updates[at:at + 50])

    built = Store.open(bulk, catalog)
    assert built.notices == []
    assert len(built.list_index().ids("title")) == FILMS + 41
    expected = every_film(one_by_one)
    assert every_film(built) == expected
    for sort in ("title", "year", "rating", "box office"):
        assert built.list_index().ids(sort) == one_by_one.list_index().ids(sort)
    # `filmtui store rebuild-index` derives the same rows from the shards.
    assert built.rebuild_index() == FILMS + 41
    assert every_film(Store.open(bulk, catalog)) == expected


def test_films_given_without_their_rows_get_the_ones_the_model_derives(tmp_path: Path, catalog: Path) -> None:
    build(tmp_path / "rows", bulk_films, catalog=catalog)
    build(tmp_path / "plain", lambda shards: (u for u, _ in bulk_films(shards)), catalog=catalog, workers=2)
    assert every_film(Store.open(tmp_path / "plain", catalog)) == every_film(Store.open(tmp_path / "rows", catalog))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_maker_whose_rows_are_wrong_fails_the_build_and_leaves_no_store(
    tmp_path: Path, catalog: Path, workers: int
) -> None:
    def wrong(shards: range):
        for update, row in bulk_films(shards):
            yield update, row._replace(year=1066)

    target = tmp_path / "films"
    with pytest.raises(ValueError, match="index row"):
        build(target, wrong, catalog=catalog, workers=workers)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [catalog]  # no staging folder left either


def test_a_build_refuses_a_folder_that_holds_anything(tmp_path: Path, catalog: Path) -> None:
    store = Store.open(tmp_path / "mine", catalog)
    store.set_user(949, note="keep me")
    with pytest.raises(StoreError, match="not empty"):
        build(tmp_path / "mine", bulk_films, catalog=catalog)
    assert Store.open(tmp_path / "mine", catalog).user(949).note == "keep me"
    assert len(Store.open(tmp_path / "mine", catalog).summaries()) == 41


_KILLED_BUILD = r"""
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from make_catalogue import films_of
from filmtui.store.bulk import build

def make(shards):
    if shards.start == 128:  # two groups written: say so, then wait to be killed
        print("writing", flush=True)
        time.sleep(60)
    return films_of(shards, 3000, 3)

build(Path(sys.argv[1]), make, catalog=Path(sys.argv[2]))
"""


@pytest.mark.parametrize("target_exists", [False, True])
def test_a_killed_build_leaves_no_store_and_the_next_build_clears_its_folder(
    tmp_path: Path, catalog: Path, target_exists: bool
) -> None:
    target = tmp_path / "films"
    if target_exists:
        target.mkdir()  # an empty folder made for it beforehand
    child = subprocess.Popen([sys.executable, "-c", _KILLED_BUILD, str(target), str(catalog), str(BENCH)],
                             stdout=subprocess.PIPE)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"writing"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()

    # Nothing at the target: the app would start a new store there, not open the half-built one.
    assert not target.exists() or list(target.iterdir()) == []
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".films.building-")]
    assert len(left) == 1 and any((left[0] / "films").iterdir())  # the half-built store, aside

    assert build(target, bulk_films, catalog=catalog) == FILMS  # and the next build clears it
    assert [p.name for p in tmp_path.iterdir() if ".building-" in p.name] == []
    assert every_film(Store.open(target, catalog)) == every_film(Store.open(_built(tmp_path, catalog), catalog))


def _built(tmp_path: Path, catalog: Path) -> Path:
    build(tmp_path / "reference", bulk_films, catalog=catalog)
    return tmp_path / "reference"


def test_the_search_index_saved_by_a_build_is_the_one_a_first_start_would_build(tmp_path: Path, catalog: Path) -> None:
    from filmtui.library import Library

    root = tmp_path / "films"
    build(root, bulk_films, catalog=catalog, workers=2, search_index=True)
    saved = (root / "search-index.bin").read_bytes()
    library = Library(Store.open(root, catalog))
    library.load()
    library.build_search(library.browser)  # reads the saved file: the stamp is the index's
    assert library.browser.index.search("pacino")
    (root / "search-index.bin").unlink()
    library.load()
    library.build_search(library.browser)  # no file: built from the index and saved, as at a first start
    assert (root / "search-index.bin").read_bytes() == saved

"""Bulk loading: a million films written in minutes and bounded memory (benchmark stores).

`Store.write_tmdb` is the safe path for a refresh batch: TinyDB per shard, a journal, one index
transaction. For building a large store from scratch, here each shard file is written once, from a
group of shards whose films are made together, and their index rows go into one SQLite
transaction (no fsync until the end, the indexes built once), so memory holds one group, never
the collection.

Not crash-safe the way a refresh is: a load killed midway leaves shards the index does not know
yet (the transaction is rolled back); `filmtui store rebuild-index` lists them.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from filmtui.models import Film, FilmSummary
from filmtui.store.index import tidy
from filmtui.store.shapes import check_shard
from filmtui.store.storage import read_checked
from filmtui.store.store import SHARDS, Store, TmdbUpdate, _now

#: Makes the films of a group of shards: called with the shard numbers, yields their updates.
Maker = Callable[[range], Iterable[TmdbUpdate]]


def bulk_load(store: Store, make: Maker, *, group_shards: int = 64,
              progress: Callable[[int, int], None] | None = None, workers: int = 1) -> int:
    """Add the films `make` yields for each group of `group_shards` shards, each shard file
    written once, and their index rows in one transaction committed after every shard is on
    disk. Every film `make(shards)` yields must belong to one of those shards. With `workers`
    > 1, groups are made in that many processes (forked: `make` need not be picklable) while
    this one writes the index. Returns films written."""
    written = 0
    groups = [range(first, min(first + group_shards, SHARDS)) for first in range(0, SHARDS, group_shards)]
    with store.lock():
        index = store.list_index()
        with index.bulk() as db, _groups_made(store, make, groups, workers) as made:
            for number, rows in enumerate(made):
                index.insert(db, rows, tidied=True)
                written += len(rows)
                if progress:
                    progress(number + 1, len(groups))
            os.sync()  # the shards are on disk before the index that lists them
        store._write_meta(last_refresh=_now())
    return written


_forked: tuple[Store, Maker] | None = None


def _make_forked(shards: range) -> list[tuple[Any, ...]]:
    assert _forked is not None
    store, make = _forked
    # Plain tuples: a FilmSummary unpickles through its constructor, which packs names again.
    return [tuple(row) for row in _write_group(store, shards, make(shards))]


@contextmanager
def _groups_made(store: Store, make: Maker, groups: list[range], workers: int) -> Iterator[Iterator[list[FilmSummary]]]:
    """Each group's rows, in order, its shards written: here, or in forked worker processes."""
    global _forked
    if workers <= 1:
        yield (_write_group(store, shards, make(shards)) for shards in groups)
        return
    _forked = (store, make)  # inherited by the forked workers
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            made = pool.map(_make_forked, groups)
            yield ([tuple.__new__(FilmSummary, row) for row in rows] for rows in made)
    finally:
        _forked = None


def _write_unsynced(path: Path, payload: bytes) -> None:
    """Swap in `path` whole, without its own fsync: 4,096 fsyncs cost more than making the
    films, so `bulk_load` syncs everything once before the index names them."""
    temp = path.with_name(f".{path.name}.bulk")
    temp.write_bytes(payload)
    os.replace(temp, path)


def _write_group(store: Store, shards: range, updates: Iterable[TmdbUpdate]) -> list[FilmSummary]:
    """One group's shards, each written once; the index rows of its new films."""
    by_shard: dict[int, dict[str, Any]] = {}
    rows: list[FilmSummary] = []
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of fresh dicts: collections would only rescan them
    try:
        for update in updates:
            shard = update.film_id % SHARDS
            if shard not in shards:
                raise ValueError(f"film {update.film_id} is not in shards {shards}")
            docs = by_shard.get(shard)
            if docs is None:
                path = store.shard_path(update.film_id)
                docs = by_shard[shard] = dict((read_checked(path, check_shard) or {}).get("films", {}))
            old = docs.get(str(update.film_id)) or {"editorial": None}
            doc = {**old, "tmdb": update.fields, "raw": update.raw}
            docs[str(update.film_id)] = doc
            rows.append(tidy(Film.merge(doc.get("editorial"), doc["tmdb"]).summary()))
        for shard, docs in by_shard.items():
            _write_unsynced(store.films_dir / f"{shard:03x}.json", orjson.dumps({"films": docs}))
    finally:
        if enabled:
            gc.enable()
    return rows


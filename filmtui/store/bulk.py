"""Bulk building: a new store of a million films in minutes and bounded memory (benchmark stores).

`Store.write_tmdb` is the safe path for a refresh batch: TinyDB per shard, a journal, one index
transaction. `build` makes a new store from scratch: each shard file written once, from a group
of shards whose films are made together (in one forked process per core), and every index row
in one SQLite transaction, so memory holds a shard and a group's rows, never the collection
(but for the search index, when asked for: it is built from every row, as a first start does).

Crash safety is the folder's: the store is built in a hidden folder beside the target
(`.NAME.building-PID`) and renamed into place only once every file is on disk, so a build
killed or failed midway leaves no store at the target, never one the app would take for a good
one (a failed build removes its folder; a killed one's is removed by the next build). `build`
refuses a target that holds anything: it never writes into an existing store.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any, Union

import orjson

from filmtui.models import Film, FilmSummary
from filmtui.store.errors import StoreError
from filmtui.store.index import FIELDS, _Reader, _record, tidy
from filmtui.store.shapes import check_shard
from filmtui.store.storage import fsync_dir, read_checked
from filmtui.store.store import SHARDS, Store, TmdbUpdate, _now

#: A film to add: its update, or its update and the index row it makes (the row made by the
#: maker, cheaper than the model's; `build` checks one film in CHECK_EVERY against the model).
Made = Union[TmdbUpdate, tuple[TmdbUpdate, FilmSummary]]
#: Makes the films of a group of shards: called with the shard numbers, yields them.
Maker = Callable[[range], Iterable[Made]]
CHECK_EVERY = 512
_FIELDS = len(FIELDS)
_STAGING = ".{name}.building-"


@dataclass
class Phases:
    """Where a build's time went, in seconds: the workers' CPU (summed over them), then this
    process's wall clock for each step it takes."""

    making: float = 0.0
    """Films made, encoded and their index rows made (workers' CPU)."""
    shards: float = 0.0
    """Shard files put together and written (workers' CPU)."""
    rows: float = 0.0
    """Index rows put in a scratch table (this process, while the workers make more)."""
    ordering: float = 0.0
    """The rows copied into the index in id order."""
    indexes: float = 0.0
    """The list index's sort indexes built and the transaction committed and checkpointed."""
    search: float = 0.0
    """Waiting for the search index after the rows were committed (`search_index`)."""
    sync: float = 0.0
    """Every file flushed to disk before the folder is renamed into place."""


def build(root: Path, make: Maker, *, catalog: Path | None = None, group_shards: int = 64,
          workers: int = 1, progress: Callable[[int, int], None] | None = None,
          phases: Phases | None = None, search_index: bool = False) -> int:
    """Make a new store at `root` (absent or an empty folder) of the catalogue and the films
    `make` yields for each group of `group_shards` shards; every film `make(shards)` yields
    must belong to one of them. With `workers` > 1, groups are made in that many forked
    processes (`make` need not be picklable) while this one writes the index. Returns the
    films written. StoreError when `root` holds anything.

    `search_index`: also save the search index a first start would build (search-index.bin,
    the same file), built in a forked process while this one orders and indexes the rows. It
    needs every row in memory, as a first start does (~2 GB at 1,000,000 films)."""
    root = Path(root)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise StoreError(f"{root} is not empty: a bulk build makes a new store, never writes into one")
    root.parent.mkdir(parents=True, exist_ok=True)
    _sweep_staging(root)
    staging = root.with_name(_STAGING.format(name=root.name) + str(os.getpid()))
    shutil.rmtree(staging, ignore_errors=True)
    phases = phases if phases is not None else Phases()
    try:
        store = Store.open(staging, catalog)
        written = _load(store, make, group_shards, workers, progress, phases, search_index)
        store.list_index().close()  # before the rename: no connection to the staging path
        started = time.perf_counter()
        os.sync()  # shard files were written without fsync: everything is on disk before
        phases.sync = time.perf_counter() - started
        os.rename(staging, root)  # replaces an empty folder; atomic
        fsync_dir(root.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def _sweep_staging(root: Path) -> None:
    """Remove the staging folders of builds of `root` killed midway (their process is gone)."""
    prefix = _STAGING.format(name=root.name)
    for path in root.parent.glob(prefix + "*"):
        pid = path.name[len(prefix):]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _load(store: Store, make: Maker, group_shards: int, workers: int,
          progress: Callable[[int, int], None] | None, phases: Phases, search_index: bool) -> int:
    """Add the films of every group to `store`, each shard file written once (no fsync: the
    caller syncs), their index rows in one transaction. Returns films written.

    The rows go to a scratch table first and into the index in id order at the end: a group's
    films are spread over the whole id range, and inserting them there directly touches a page
    of the table per row (28 s at 1M, against 7 s here and 8 s for the ordered copy)."""
    written = 0
    groups = [range(first, min(first + group_shards, SHARDS)) for first in range(0, SHARDS, group_shards)]
    with store.lock():
        index = store.list_index()
        kept = index.load() if search_index else None  # the catalogue's rows, then every group's
        searcher: _Searcher | None = None
        try:
            with index.bulk() as db:
                db.execute("CREATE TEMP TABLE bulk_rows AS SELECT * FROM main.films WHERE 0")
                insert = ""
                read = _Reader()
                with _groups_made(store, make, groups, workers) as made:
                    for number, (records, making, shards) in enumerate(made):
                        started = time.perf_counter()
                        if records:
                            insert = insert or f"INSERT INTO bulk_rows VALUES ({', '.join('?' * len(records[0]))})"
                            db.executemany(insert, records)
                        if kept is not None:
                            kept += [read(record[:_FIELDS]) for record in records]
                        phases.rows += time.perf_counter() - started
                        phases.making += making
                        phases.shards += shards
                        written += len(records)
                        if progress:
                            progress(number + 1, len(groups))
                if kept is not None:  # forked once the workers are gone (no thread of theirs)
                    searcher = _Searcher(kept, store.root)
                    kept = None  # the child has them: this process leaves them untouched
                started = time.perf_counter()
                db.execute("INSERT OR REPLACE INTO main.films SELECT * FROM bulk_rows ORDER BY id")
                db.execute("DROP TABLE bulk_rows")
                phases.ordering = time.perf_counter() - started
                started = time.perf_counter()  # the indexes are built, then the commit, on exit
            phases.indexes = time.perf_counter() - started
            store._write_meta(last_refresh=_now())
            if searcher is not None:
                started = time.perf_counter()
                searcher.finish(index.identity())
                phases.search = time.perf_counter() - started
        finally:
            if searcher is not None:
                searcher.stop()
    return written


class _Searcher:
    """The search index of `rows`, built in a forked process from the moment it is made, and
    saved in `root` under the list index's stamp once the rows are committed (`finish`)."""

    def __init__(self, rows: list[FilmSummary], root: Path) -> None:
        context = multiprocessing.get_context("fork")
        self._root = root
        self._stamps, theirs = context.Pipe()
        self._process = context.Process(target=_search_child, args=(rows, root, theirs))
        self._process.start()
        theirs.close()

    def finish(self, identity: tuple[int, int] | None) -> None:
        """Send the stamp of the committed index (its `identity`); wait for the file to be
        saved under it. StoreError if it was not."""
        from filmtui.store.derived import VERSION

        assert identity is not None
        self._stamps.send((VERSION, *identity))  # as Derived.stamp() makes it
        self._process.join()
        if self._process.exitcode != 0:
            raise StoreError(f"the search index was not built (exit code {self._process.exitcode})")

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._stamps.close()


def _search_child(rows: list[FilmSummary], root: Path, stamps: Any) -> None:
    from filmtui.search import SearchIndex
    from filmtui.search.vocabulary import collector_paused
    from filmtui.store.derived import Derived

    with collector_paused():
        rows.sort(key=itemgetter(0))  # by id: the list index's order, as a first start reads them
        columns = SearchIndex(rows).columns
    stamp = stamps.recv()
    derived = Derived(root)
    derived.save_search(stamp, columns)
    # No interpreter exit: nothing of the parent's (its SQLite connection) is touched here.
    os._exit(0 if derived.search_path.exists() else 1)


#: One group's result: its index rows as the table stores them, and the CPU seconds spent
#: making films and writing shards.
_Group = tuple[list[Any], float, float]
_forked: tuple[Store, Maker] | None = None


def _make_forked(shards: range) -> tuple[bytes, float, float]:
    assert _forked is not None
    store, make = _forked
    records, making, writing = _write_group(store, shards, make(shards))
    # As JSON: a quarter of pickle's cost both ways for rows of strings and numbers.
    return orjson.dumps(records), making, writing


@contextmanager
def _groups_made(store: Store, make: Maker, groups: list[range], workers: int) -> Iterator[Iterator[_Group]]:
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
            try:
                yield ((orjson.loads(records), making, writing) for records, making, writing in made)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)  # a failed build stops at once
                raise
    finally:
        _forked = None


def _write_unsynced(path: Path, payload: bytes) -> None:
    """Swap in `path` whole, without its own fsync: 4,096 fsyncs cost more than making the
    films, so `build` syncs everything once before the folder is renamed into place."""
    temp = path.with_name(f".{path.name}.bulk")
    temp.write_bytes(payload)
    os.replace(temp, path)


def _write_group(store: Store, shards: range, made: Iterable[Made]) -> _Group:
    """One group's shards, each written once its films are made (a maker yields them shard by
    shard; a shard it comes back to is read again), and the index rows of its films.

    Each document is encoded as soon as it is made and its objects let go: held until their
    shard is written, a shard's films (2.5 MB of objects at 1M films) were cold in the cache by
    then, and made every film cost a third more."""
    records: list[Any] = []
    writing = 0.0
    stored: dict[str, Any] = {}  # the shard's documents before the build (the catalogue's)
    encoded: dict[str, orjson.Fragment] = {}  # the shard's documents, encoded, in the file's order
    shard = -1
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of fresh dicts: collections would only rescan them
    started = time.process_time()
    try:
        for item in made:
            update, row = item if isinstance(item, tuple) else (item, None)
            if update.film_id % SHARDS != shard:
                if shard >= 0:
                    writing += _write_shard(store, shard, encoded)
                shard = update.film_id % SHARDS
                if shard not in shards:
                    raise ValueError(f"film {update.film_id} is not in shards {shards}")
                path = store.films_dir / f"{shard:03x}.json"
                stored = dict((read_checked(path, check_shard) or {}).get("films", {}))
                encoded = {key: orjson.Fragment(orjson.dumps(doc)) for key, doc in stored.items()}
            key = str(update.film_id)
            editorial = (stored.get(key) or {}).get("editorial")
            doc = {**(stored.get(key) or {"editorial": None}), "tmdb": update.fields, "raw": update.raw}
            encoded[key] = orjson.Fragment(orjson.dumps(doc))
            if row is None or editorial or len(records) % CHECK_EVERY == 0:
                derived = tidy(Film.merge(editorial, update.fields).summary())
                if row is not None and row != derived and not editorial:
                    raise ValueError(f"film {update.film_id}: the maker's index row is not the one "
                                     f"the store derives ({row} != {derived})")
                row = derived
            records.append(_record(row))
        if shard >= 0:
            writing += _write_shard(store, shard, encoded)
    finally:
        if enabled:
            gc.enable()
    return records, time.process_time() - started - writing, writing


def _write_shard(store: Store, shard: int, encoded: dict[str, orjson.Fragment]) -> float:
    """Write one shard's encoded documents, as orjson.dumps({"films": docs}) would; the CPU
    seconds it took."""
    started = time.process_time()
    # Fragments are copied in as they are: joining the documents in Python copied each shard
    # three times (11 s of CPU at 1,000,000 films, against under 1 s).
    _write_unsynced(store.films_dir / f"{shard:03x}.json", orjson.dumps({"films": encoded}))
    return time.process_time() - started

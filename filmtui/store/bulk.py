"""Bulk loading: a million films written in minutes and bounded memory (benchmark stores).

`Store.write_tmdb` is the safe path for a refresh batch: TinyDB per shard, a journal, the index
delta, a compaction every `COMPACT_AT` rows. For building a large store from scratch that costs
a compaction per few thousand films (each re-reading and re-writing the whole index) and holds
every batch in memory. Here each shard file is written once, from a group of shards whose films
are made together, and the index's columns are streamed to one file per column and joined at
the end, so memory holds one group, never the collection.

Not crash-safe the way a refresh is: a load killed midway leaves shards the index does not know
yet; deleting index-delta.json makes the next open rebuild the index from the shards.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from filmtui.models import Film, FilmSummary
from filmtui.store.index import _LISTS, _NUMBERS, _ROWS, _TEXT, FORMAT, _ITEMS, tidy
from filmtui.store.shapes import check_shard
from filmtui.store.storage import fsync_dir, read_checked, write_atomic
from filmtui.store.store import SHARDS, Store, TmdbUpdate, _now

#: Makes the films of a group of shards: called with the shard numbers, yields their updates.
Maker = Callable[[range], Iterable[TmdbUpdate]]


class _Columns:
    """The index's columns, appended group by group to one temporary file each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, BinaryIO] = {}
        self.count = 0
        for name in ("id", *_TEXT, *_LISTS, *_NUMBERS, "editorial"):
            self.files[name] = open(folder / name, "wb")  # noqa: SIM115 (closed in finish)

    def add(self, rows: list[FilmSummary]) -> None:
        if not rows:
            return
        first = self.count == 0
        text_sep = b"" if first else b"\\n"
        number_sep = b"" if first else b","
        for name in _TEXT:
            joined = _ROWS.join(getattr(r, name) or "" for r in rows)
            self.files[name].write(text_sep + orjson.dumps(joined)[1:-1])
        for name in _LISTS:
            joined = _ROWS.join(_ITEMS.join(getattr(r, name)) for r in rows)
            self.files[name].write(text_sep + orjson.dumps(joined)[1:-1])
        for name in ("id", *_NUMBERS):
            self.files[name].write(number_sep + orjson.dumps([getattr(r, name) for r in rows])[1:-1])
        self.files["editorial"].write(number_sep + orjson.dumps([int(r.editorial) for r in rows])[1:-1])
        self.count += len(rows)

    def finish(self, target: Path) -> None:
        """Write index.json (the layout `SlimIndex` reads) from the column files, atomically."""
        for handle in self.files.values():
            handle.close()
        temp = self.folder / "index.json"
        with open(temp, "wb") as out:
            out.write(b'{"columns":{"1":{"format":%d' % FORMAT)
            for name in self.files:
                quote = b'"' if name in _TEXT or name in _LISTS else b""
                open_, close = (quote, quote) if quote else (b"[", b"]")
                out.write(b',"%s":%s' % (name.encode(), open_))
                with open(self.folder / name, "rb") as part:
                    shutil.copyfileobj(part, out, 1 << 20)
                out.write(close)
            out.write(b"}}}")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
        fsync_dir(target.parent)


def bulk_load(store: Store, make: Maker, *, group_shards: int = 64,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Add the films `make` yields for each group of `group_shards` shards, each shard file
    written once; rebuild the index's columns from what the store held and the new rows.
    Every film `make(shards)` yields must belong to one of those shards. Returns films written."""
    written = 0
    with store.lock():
        kept = {row.id: row for row in store.summaries()}
        with tempfile.TemporaryDirectory(dir=store.root, prefix=".bulk-") as scratch:
            columns = _Columns(Path(scratch))
            groups = range(0, SHARDS, group_shards)
            for number, first in enumerate(groups):
                shards = range(first, min(first + group_shards, SHARDS))
                rows = _write_group(store, shards, make(shards))
                for row in rows:
                    kept.pop(row.id, None)
                columns.add(rows)
                written += len(rows)
                if progress:
                    progress(number + 1, len(groups))
            columns.add([tidy(row) for row in kept.values()])
            os.sync()  # the shards are on disk before the index that lists them
            columns.finish(store._index.base_path)
        # An empty delta: the columns hold every row now.
        write_atomic(store._index.delta_path, orjson.dumps({"films": {}}))
        store._write_meta(last_refresh=_now())
    return written


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


"""The film store: a slim index for start-up, detail shards loaded on demand, the user's own file.

Layout of the data folder (each file a TinyDB database written by `AtomicJSONStorage`):

    meta.json        schema version, catalogue fingerprint, last refresh
    index.json       one slim row per film, as columns: what the list and search need
    index-delta.json rows changed since index.json was written (see store/index.py)
    films/xyz.json   full documents, sharded by `id % SHARDS`: {"editorial", "tmdb", "raw"}
    user.json        the user's own data (watchlist, rating, note); never rewritten by a sync
    journal.json     ids of a batch being written; present only if a writer died mid-batch

Every read-modify-write holds an advisory lock on `.lock`, so the TUI and a `filmtui refresh` in
another terminal can run at once without losing each other's writes. Writers update the shards
first and the index last; a batch killed in between is finished from its journal on next open.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

import orjson
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.table import Document

from filmtui.catalog import catalog_fingerprint, load_catalog
from filmtui.locations import catalog_dir as default_catalog_dir
from filmtui.locations import data_dir as default_data_dir
from filmtui.models import Film, FilmSummary, UserData
from filmtui.store.index import SlimIndex, StaleIndexError
from filmtui.store.storage import (
    AtomicJSONStorage,
    CorruptFileError,
    fsync_dir,
    locked,
    read_json,
    write_atomic,
)

#: The layout version this code writes. Older stores are migrated forward; newer ones refused.
SCHEMA = 1
#: Detail shards. At 100,000 films a shard holds ~25 films, so a batch of 100 refreshed films
#: rewrites ~100 small files instead of a few huge ones.
SHARDS = 4096
_TABLE = "films"


class StoreError(Exception):
    """A problem the user must act on, said in one line (a newer schema, an unwritable folder)."""


@dataclass(frozen=True, slots=True)
class TmdbUpdate:
    """One film's refreshed TMDB data: mapped fields (with `refreshed_at`) and the raw response."""

    film_id: int
    fields: dict[str, Any]
    raw: dict[str, Any] | None = None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """filmtui's persistent films. Open with `Store.open()`; all paths live under `root`."""

    def __init__(self, root: Path, catalog: Path | None = None) -> None:
        self.root = root
        self.catalog = catalog or default_catalog_dir()
        self.notices: list[str] = []
        """One-line messages for the user about what opening the store had to do."""
        self._meta: dict[str, Any] = {}
        self._lock_depth = 0
        self._index = SlimIndex(root)

    # -- paths -------------------------------------------------------------------------------

    @property
    def meta_path(self) -> Path:
        return self.root / "meta.json"

    @property
    def user_path(self) -> Path:
        return self.root / "user.json"

    @property
    def journal_path(self) -> Path:
        return self.root / "journal.json"

    def shard_path(self, film_id: int) -> Path:
        """The detail shard that holds `film_id`."""
        return self.root / "films" / f"{film_id % SHARDS:03x}.json"

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, root: Path | None = None, catalog: Path | None = None) -> Store:
        """Open (creating or re-syncing when needed) the store under `root`.

        Raises StoreError when the store cannot be used at all; everything it could repair is
        repaired and reported in `notices`.
        """
        store = cls(root or default_data_dir(), catalog)
        try:
            store.root.mkdir(parents=True, exist_ok=True)
            store._prepare()
        except PermissionError as error:
            raise StoreError(f"cannot write to the data folder {store.root}: {error.strerror}")
        except OSError as error:
            raise StoreError(f"cannot use the data folder {store.root}: {error}") from None
        return store

    def _prepare(self) -> None:
        meta = self._read_meta()
        fingerprint = catalog_fingerprint(self.catalog)
        current = meta.get("schema", SCHEMA) == SCHEMA
        if current and meta.get("catalog") == fingerprint and not self.journal_path.exists():
            self._meta = meta
            return
        with self.lock():
            meta = self._read_meta()
            if self.journal_path.exists():
                self._finish_journal()
            for version in range(meta.get("schema", SCHEMA), SCHEMA):
                MIGRATIONS[version](self)
                self._write_meta(schema=version + 1)
                meta = self._read_meta()
            if meta.get("catalog") != fingerprint:
                self._sync_catalog(meta, fingerprint)
            self._meta = self._read_meta()

    def _read_meta(self) -> dict[str, Any]:
        try:
            meta = self._table(self.meta_path).get(doc_id=1) or {}
        except CorruptFileError as error:
            self._set_aside(error.path, "the catalogue was re-synced into the store")
            return {}
        schema = meta.get("schema", SCHEMA)
        if schema > SCHEMA:
            raise StoreError(
                f"the store in {self.root} was written by a newer filmtui (schema {schema}, "
                f"this one knows {SCHEMA}); upgrade filmtui or set FILMTUI_DATA_DIR to another folder"
            )
        return dict(meta)

    def _write_meta(self, **changes: Any) -> None:
        meta = {"schema": SCHEMA, **self._read_meta(), **changes}
        with self._batch(self.meta_path) as table:
            table.upsert(Document(meta, doc_id=1))
        self._meta = meta

    @property
    def meta(self) -> dict[str, Any]:
        """Schema, film count and `last_refresh` (ISO 8601 or absent), as last read or written."""
        return dict(self._meta)

    def reload_meta(self) -> dict[str, Any]:
        """Read `meta` again: another filmtui (a `filmtui refresh` in another terminal) may
        have refreshed since this one opened the store."""
        with self.lock():
            self._meta = self._read_meta()
        return self.meta

    # -- TinyDB access -----------------------------------------------------------------------

    @staticmethod
    def _table(path: Path):
        return TinyDB(path, storage=AtomicJSONStorage).table(_TABLE)

    @contextmanager
    def _batch(self, path: Path) -> Iterator[Any]:
        """A table whose writes are buffered and land in one atomic file write on exit."""
        db = TinyDB(path, storage=CachingMiddleware(AtomicJSONStorage))
        try:
            yield db.table(_TABLE)
            db.storage.flush()
        finally:
            # Never flush on error: a failed batch must leave the old file in place.
            db.storage.cache = None

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's write lock (shared with other filmtui processes); re-entrant."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        with locked(self.root / ".lock"):
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0

    def _set_aside(self, path: Path, consequence: str) -> None:
        """Move a corrupt file out of the way (never delete it) and tell the user in one line."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        path.replace(target)
        self.notices.append(
            f"{path.relative_to(self.root)} was unreadable and was set aside as {target.name}; "
            f"{consequence}."
        )

    @staticmethod
    def _read_docs(path: Path) -> dict[str, Any]:
        """A file's documents as stored (keys are doc ids); CorruptFileError when unreadable."""
        return (AtomicJSONStorage(path).read() or {}).get(_TABLE, {})

    def _index_rows(self) -> list[FilmSummary]:
        """The index rows; a corrupt index file is set aside and rebuilt from the shards."""
        try:
            return self._index.load()
        except CorruptFileError:
            with self.lock():
                try:
                    return self._index.load()  # another process repaired it meanwhile
                except StaleIndexError:
                    return self._rebuild_index()
                except CorruptFileError as error:
                    self._set_aside(error.path, "the index was rebuilt from the film files")
                    return self._rebuild_index()

    def _shard_docs(self, path: Path) -> dict[str, Any]:
        """A detail shard's documents; a corrupt shard is set aside and refilled from the catalogue."""
        try:
            return self._read_docs(path)
        except CorruptFileError:
            with self.lock():
                try:
                    return self._read_docs(path)
                except CorruptFileError:
                    self._set_aside(
                        path,
                        "its films were reloaded from the catalogue "
                        "(their TMDB data returns with the next refresh)",
                    )
                    self._reseed(path)
                    return self._read_docs(path)

    # -- reading -----------------------------------------------------------------------------

    def summaries(self) -> list[FilmSummary]:
        """Every film's slim row: the one read the list screen needs at start-up."""
        return self._index_rows()

    def film(self, film_id: int) -> Film | None:
        """One film's full page, merged from catalogue, TMDB and user data; None if unknown."""
        doc = self._shard_docs(self.shard_path(film_id)).get(str(film_id))
        if doc is None:
            return None
        return Film.merge(doc.get("editorial"), doc.get("tmdb"), self._user_doc(film_id))

    def raw_tmdb(self, film_id: int) -> dict[str, Any] | None:
        """The TMDB response last stored for `film_id`, for replaying a mapping fix offline."""
        doc = self._shard_docs(self.shard_path(film_id)).get(str(film_id))
        return doc.get("raw") if doc else None

    # -- user data ---------------------------------------------------------------------------

    def _user_docs(self) -> dict[str, Any]:
        try:
            return self._read_docs(self.user_path)
        except CorruptFileError:
            with self.lock():
                try:
                    return self._read_docs(self.user_path)
                except CorruptFileError:
                    self._set_aside(self.user_path, "your watchlist, ratings and notes start empty")
                    return {}

    def _user_doc(self, film_id: int) -> dict[str, Any]:
        return self._user_docs().get(str(film_id), {})

    def user(self, film_id: int) -> UserData:
        """The user's own data for `film_id`."""
        return UserData.from_doc(self._user_doc(film_id))

    def users(self) -> dict[int, UserData]:
        """The user's data for every film they have marked, rated or noted."""
        found = {}
        for key, doc in self._user_docs().items():
            data = UserData.from_doc(doc)
            if data and key.isdigit():
                found[int(key)] = data
        return found

    def set_user(self, film_id: int, **changes: Any) -> UserData:
        """Change the user's data for one film (watchlist, rating, note) and return it.

        ValueError for a value that is not sound (a rating outside 1-10); nothing is written then.
        """
        self._user_docs()  # sets a corrupt file aside before TinyDB reads it
        with self.lock(), self._batch(self.user_path) as table:
            current = asdict(UserData.from_doc(table.get(doc_id=film_id)))
            updated = UserData(**{**current, **changes})
            if updated:
                table.upsert(Document(asdict(updated), doc_id=film_id))
            elif table.contains(doc_id=film_id):
                table.remove(doc_ids=[film_id])  # nothing left to keep
        return updated

    # -- writing -----------------------------------------------------------------------------

    def write_tmdb(self, updates: Iterable[TmdbUpdate]) -> int:
        """Store a batch of refreshed films: one write per touched file, editorial and user data
        untouched. Returns the number of films written."""
        batch = {u.film_id: u for u in updates}
        if not batch:
            return 0
        with self.lock():
            write_atomic(self.journal_path, orjson.dumps({"ids": sorted(batch)}))
            self._update_docs(
                batch, lambda doc, u: {**doc, "tmdb": u.fields, "raw": u.raw}
            )
            self._write_meta(last_refresh=_now())
            self.journal_path.unlink(missing_ok=True)
        return len(batch)

    def _update_docs(self, batch: dict[int, Any], change) -> None:
        """Apply `change(doc, item)` to each film's document, shard by shard, then the index."""
        by_shard: dict[Path, list[int]] = defaultdict(list)
        for film_id in batch:
            by_shard[self.shard_path(film_id)].append(film_id)
        rows: dict[int, FilmSummary | None] = {}
        for path, ids in by_shard.items():
            self._shard_docs(path)  # sets a corrupt shard aside before TinyDB reads it
            with self._batch(path) as table:
                new_docs = []
                for film_id in ids:
                    old = table.get(doc_id=film_id) or {"editorial": None, "tmdb": None}
                    doc = change(dict(old), batch[film_id])
                    if doc.get("editorial") or doc.get("tmdb"):
                        new_docs.append(Document(doc, doc_id=film_id))
                        rows[film_id] = Film.merge(doc.get("editorial"), doc.get("tmdb")).summary()
                    else:
                        rows[film_id] = None
                table.remove(doc_ids=[i for i in ids if table.contains(doc_id=i)])
                table.insert_multiple(new_docs)
        fsync_dir(self.root / "films")
        self._write_rows(rows)

    def _write_rows(self, rows: dict[int, FilmSummary | None]) -> None:
        """Replace (or drop, for None) index rows in one write."""
        try:
            self._index.apply(rows)
        except StaleIndexError:
            self._rebuild_index()
        except CorruptFileError as error:
            self._set_aside(error.path, "the index was rebuilt from the film files")
            self._rebuild_index()

    # -- catalogue sync and recovery ---------------------------------------------------------

    def _sync_catalog(self, meta: dict[str, Any], fingerprint: str) -> None:
        loaded = load_catalog(self.catalog)
        self.notices.extend(f"catalogue: {problem}" for problem in loaded.problems)
        bad_files = {p.split(":", 1)[0] for p in loaded.problems}
        wanted = {film["id"]: film for film in loaded.films}
        # Films that left the catalogue lose their editorial part; a film whose file is broken
        # keeps its last good version until the file is fixed.
        for row in self._index_rows():
            if row.editorial and row.id not in wanted:
                wanted[row.id] = _KEEP_IF_FILE_BROKEN
        def change(doc: dict[str, Any], film: Any) -> dict[str, Any]:
            if film is _KEEP_IF_FILE_BROKEN:
                keep = (doc.get("editorial") or {}).get("file") in bad_files
                return doc if keep else {**doc, "editorial": None}
            return {**doc, "editorial": film}
        self._update_docs(wanted, change)
        self._write_meta(catalog=fingerprint)

    def _finish_journal(self) -> None:
        """Complete a batch whose writer died: rebuild its films' index rows from the shards."""
        try:
            ids = (read_json(self.journal_path) or {}).get("ids", [])
        except CorruptFileError:
            ids = []
        if ids:
            rows = {}
            for film_id in ids:
                doc = self._shard_docs(self.shard_path(film_id)).get(str(film_id))
                rows[film_id] = (
                    Film.merge(doc.get("editorial"), doc.get("tmdb")).summary() if doc else None
                )
            self._write_rows(rows)
        self.journal_path.unlink(missing_ok=True)

    def _rebuild_index(self) -> list[FilmSummary]:
        """Rebuild the whole index from the detail shards (after an index file was set aside)."""
        rows = {}
        for path in sorted((self.root / "films").glob("*.json")):
            for key, doc in self._shard_docs(path).items():
                rows[int(key)] = Film.merge(doc.get("editorial"), doc.get("tmdb")).summary()
        self._index.replace(rows.values())
        return self._index.load()

    def _reseed(self, shard: Path) -> None:
        """Refill a shard that was set aside from the catalogue; drop index rows it can't refill."""
        loaded = load_catalog(self.catalog)
        wanted = {f["id"]: f for f in loaded.films if self.shard_path(f["id"]) == shard}
        lost = [
            row.id
            for row in self._index_rows()
            if self.shard_path(row.id) == shard and row.id not in wanted
        ]
        self._update_docs(wanted, lambda doc, film: {**doc, "editorial": film})
        if lost:
            self._write_rows({film_id: None for film_id in lost})


_KEEP_IF_FILE_BROKEN = object()

#: Forward migrations: MIGRATIONS[n] turns a schema-n store into schema n+1, in place, under the
#: lock. Schema 1 is the first layout, so there is nothing to migrate yet.
MIGRATIONS: dict[int, Callable[[Store], None]] = {}

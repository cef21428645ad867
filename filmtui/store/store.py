"""The film store: a slim index for start-up, detail shards loaded on demand, the user's own file.

Layout of the data folder (each file a TinyDB database written by `AtomicJSONStorage`):

    meta.json        schema version, catalogue fingerprint, last refresh
    index.sqlite     one slim row per film, what the list and search need (see store/index.py)
    films/xyz.json   full documents, sharded by `id % SHARDS`: {"editorial", "tmdb", "raw"}
    user.json        the user's own data (watchlist, rating, note); never rewritten by a sync
    people.json      people fetched from TMDB for their pages (details, every film credit)
    journal.json     ids of a batch being written; present only if a writer died mid-batch

Every read-modify-write holds an advisory lock on `.lock`, so the TUI and a `filmtui refresh` in
another terminal can run at once without losing each other's writes. Writers update the shards
first and the index last (one SQLite transaction per batch); a batch killed in between is finished
from its journal on next open. A store of filmtui 0.x (index.json) is migrated once.

User data is read as it is on disk now (user.json is parsed again whenever it changed, see
store/user_file.py) and written only by `update_user`, which applies a change to the stored
record under the lock: a long-lived browser neither misses nor undoes another terminal's writes.

A damaged file (undecodable, or of the wrong shape: see store/shapes.py) is set aside, never
deleted, said in one line in `notices`, and rebuilt. When the folder cannot be written (read-only,
full) the store says so in one line, sets `unrepaired`, and serves what the repair would have
given, from memory.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, TypeVar

import orjson
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.table import Document

from filmtui.catalog import catalog_fingerprint, load_catalog
from filmtui.locations import catalog_dir as default_catalog_dir
from filmtui.locations import data_dir as default_data_dir
from filmtui.models import Film, FilmSummary, Person, UserData
from filmtui.store.index import NAME as INDEX_NAME
from filmtui.store.index import ListIndex, StaleIndexError, Where, tidy
from filmtui.store.shapes import check_meta, check_people, check_shard, film_doc_problem, table
from filmtui.text import fold
from filmtui.store.storage import (
    AtomicJSONStorage,
    CorruptFileError,
    StoreError,
    fsync_dir,
    locked,
    read_checked,
    read_json,
    temp_files,
    write_atomic,
)
from filmtui.store.user_file import Stamp, UserFile

#: The layout version this code writes. Older stores are migrated forward; newer ones refused.
SCHEMA = 1
#: Detail shards. At 100,000 films a shard holds ~25 films, so a batch of 100 refreshed films
#: rewrites ~100 small files instead of a few huge ones.
SHARDS = 4096
_TABLE = "films"
T = TypeVar("T")


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
        self.unrepaired = False
        """True once a damaged file could not be repaired (the folder cannot be written): what
        was read is served from memory, and a command should exit 1."""
        self._meta: dict[str, Any] = {}
        self._lock_depth = 0
        self._thread_lock = threading.RLock()
        self._index = ListIndex(root)
        self._legacy = root / "index.json"
        """The list index of filmtui 0.x (beside it, index-delta.json and list-head.json)."""
        self._served: ListIndex | None = None
        """An in-memory index served when the one on disk cannot be repaired (read-only folder)."""
        self._user = UserFile(root / "user.json")
        self._told: set[str] = set()
        self._journal_ids: set[int] = set()
        self._unfinished = False  # a writer died mid-batch: its temp files may be in films/
        self._films_lost = False  # films/ is gone and cannot be restored on disk
        self._catalog: list[dict[str, Any]] | None = None

    # -- paths -------------------------------------------------------------------------------

    @property
    def meta_path(self) -> Path:
        return self.root / "meta.json"

    @property
    def user_path(self) -> Path:
        return self.root / "user.json"

    @property
    def people_path(self) -> Path:
        return self.root / "people.json"

    @property
    def journal_path(self) -> Path:
        return self.root / "journal.json"

    @property
    def films_dir(self) -> Path:
        return self.root / "films"

    def shard_path(self, film_id: int) -> Path:
        """The detail shard that holds `film_id`."""
        return self.films_dir / f"{film_id % SHARDS:03x}.json"

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
            store._sweep()
        except PermissionError as error:
            raise StoreError(f"cannot write to the data folder {store.root}: {error.strerror}")
        except OSError as error:
            raise StoreError(f"cannot use the data folder {store.root}: {error}") from None
        return store

    def _prepare(self) -> None:
        meta = self._read_meta()
        fingerprint = catalog_fingerprint(self.catalog)
        current = meta.get("schema", SCHEMA) == SCHEMA
        films_lost = bool(meta.get("catalog")) and not self.films_dir.is_dir()
        up_to_date = current and meta.get("catalog") == fingerprint and not films_lost
        self._unfinished = self.journal_path.exists()
        if (up_to_date and not self._unfinished) or self.unrepaired:
            self._meta = meta
            return
        try:
            with self.lock():
                self._bring_up_to_date(fingerprint)
        except OSError as error:
            if not meta and not self._index.exists() and not self._legacy.exists():
                raise  # a new store in a folder that cannot be written: nothing to show
            self._cannot_write(f"the store in {self.root} could not be brought up to date", error)
            self._meta = meta
            # Pages the films folder would hold come from the catalogue meanwhile.
            self._films_lost = not self.films_dir.is_dir()

    def _bring_up_to_date(self, fingerprint: str) -> None:
        """Under the lock: finish a dead writer's batch, migrate, restore lost films, re-sync."""
        meta = self._read_meta()
        if self.journal_path.exists():
            self._finish_journal()
        for version in range(meta.get("schema", SCHEMA), SCHEMA):
            MIGRATIONS[version](self)
            self._write_meta(schema=version + 1)
            meta = self._read_meta()
        if meta.get("catalog") and not self.films_dir.is_dir():
            self._restore_films(fingerprint)
        elif meta.get("catalog") != fingerprint:
            self._sync_catalog(fingerprint)
        self._meta = self._read_meta()

    def _sweep(self) -> None:
        """Remove the temporary files of writers killed mid-write (SIGKILL, power loss).

        Only under the lock: every writer holds it while its temporary file exists, so none
        found then belongs to a live writer. films/ (4,096 entries at 100,000 films) is scanned
        only when a batch was left unfinished: shards are written only inside a journalled
        batch. A read-only folder keeps them (and says nothing: they hold no committed data).
        """
        in_root = temp_files(self.root)
        if not in_root and not self._unfinished:
            return  # the usual case: one small directory scan, no lock
        folders = (self.root, self.films_dir)
        try:
            with self.lock():
                for folder in folders:
                    for path in temp_files(folder):
                        path.unlink(missing_ok=True)
        except OSError:
            pass

    def _meta_doc(self) -> dict[str, Any]:
        return dict(table(read_checked(self.meta_path, check_meta) or {}).get("1", {}))

    def _read_meta(self) -> dict[str, Any]:
        def repair(error: CorruptFileError) -> tuple[dict[str, Any], str]:
            return {}, self._set_aside(error, "the catalogue was re-synced into the store")

        meta = self._read_or_repair(self._meta_doc, repair, lambda error: {})
        schema = meta.get("schema", SCHEMA)
        if schema > SCHEMA:
            raise StoreError(
                f"the store in {self.root} was written by a newer filmtui (schema {schema}, "
                f"this one knows {SCHEMA}); upgrade filmtui or set FILMTUI_DATA_DIR to another folder"
            )
        return meta

    def _write_meta(self, **changes: Any) -> None:
        meta = {"schema": SCHEMA, **self._read_meta(), **changes}
        with self._batch(self.meta_path, check_meta) as table_:
            table_.upsert(Document(meta, doc_id=1))
        self._meta = meta

    @property
    def meta(self) -> dict[str, Any]:
        """Schema, film count and `last_refresh` (ISO 8601 or absent), as last read or written."""
        return dict(self._meta)

    def reload_meta(self) -> dict[str, Any]:
        """Read `meta` again: another filmtui (a `filmtui refresh` in another terminal) may
        have refreshed since this one opened the store."""
        self._meta = self._read_meta()  # one atomic file: no lock needed to read it whole
        return self.meta

    # -- TinyDB access -----------------------------------------------------------------------

    @contextmanager
    def _batch(self, path: Path, shape: Callable | None, sync_dir: bool = True) -> Iterator[Any]:
        """A table whose writes are buffered and land in one atomic file write on exit."""
        db = TinyDB(
            path, storage=CachingMiddleware(AtomicJSONStorage), shape=shape, sync_dir=sync_dir
        )
        try:
            yield db.table(_TABLE)
            db.storage.flush()
        finally:
            # Never flush on error: a failed batch must leave the old file in place.
            db.storage.cache = None

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's write lock (shared with other filmtui processes); re-entrant within
        a thread, exclusive between threads (the browser saves from worker threads)."""
        with self._thread_lock:
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

    # -- damaged files -----------------------------------------------------------------------

    def _read_or_repair(
        self,
        read: Callable[[], T],
        repair: Callable[[CorruptFileError], tuple[T, str | None]],
        fallback: Callable[[CorruptFileError], T],
    ) -> T:
        """`read()`; when it meets a damaged file: under the lock, read again (another filmtui
        may have repaired it meanwhile), else `repair(error)` -> (value, one-line notice). When
        the folder cannot be written, one line says so and `fallback(error)` is what was read."""
        try:
            return read()
        except CorruptFileError as error:
            damaged = error
        try:
            with self.lock():
                try:
                    return read()
                except CorruptFileError as error:
                    damaged = error
                    value, notice = repair(error)
        except OSError as error:
            self._cannot_write(f"{self._name(damaged.path)} is damaged ({damaged.reason})", error)
            return fallback(damaged)
        if notice:
            self.notices.append(notice)
        return value

    def _cannot_write(self, problem: str, error: OSError) -> None:
        """Say once, in one line, that a repair could not be written; mark the store unrepaired."""
        self.unrepaired = True
        if problem not in self._told:
            self._told.add(problem)
            self.notices.append(
                f"{problem}, and {self.root} cannot be written ({error.strerror or error}); "
                "showing what could be read"
            )

    def _name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _set_aside(self, error: CorruptFileError, consequence: str,
                   companions: tuple[str, ...] = ()) -> str:
        """Move a damaged file out of the way (never delete it), with its `companions` (suffixes
        of files that belong to it, as SQLite's "-wal"); the one line that says so."""
        path = error.path
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        same_second = 1
        while target.exists():  # a second failure within the second must not replace the first
            same_second += 1
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{same_second}")
        path.replace(target)
        for suffix in companions:
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.replace(target.with_name(target.name + suffix))
        return (
            f"{self._name(path)} was damaged ({error.reason}) and was set aside as "
            f"{target.name}; {consequence}."
        )

    @staticmethod
    def _read_docs(path: Path, shape: Callable | None) -> dict[str, Any]:
        """A file's documents as stored (keys are doc ids); CorruptFileError when unusable."""
        return (read_checked(path, shape) or {}).get(_TABLE, {})

    def list_index(self) -> ListIndex:
        """The list index, checked: a damaged one is set aside and rebuilt from the shards, a
        missing or stale one rebuilt (an old store's index.json migrated). When the folder
        cannot be written, an in-memory index of what the repair would have given."""
        if self._served is not None:
            return self._served

        def read() -> ListIndex:
            self._index.check()
            return self._index

        def repair(error: CorruptFileError) -> tuple[ListIndex, str | None]:
            notice = None
            if isinstance(error, StaleIndexError):
                self._rebuild_index()  # another layout: nothing to tell
            elif not self._index.path or self._index.path.exists():
                notice = self._set_aside_index(error)
                self._rebuild_index()
            elif self._migrate_legacy():
                pass
            elif self._has_shards():
                self._rebuild_index()
                notice = f"the film index ({INDEX_NAME}) was missing and was rebuilt from the film files."
            else:
                self._index.replace(())  # a new store
            return self._index, notice

        def fallback(error: CorruptFileError) -> ListIndex:
            self._served = ListIndex.in_memory(self._shard_rows())
            return self._served

        return self._read_or_repair(read, repair, fallback)

    def sound_list_index(self) -> ListIndex | None:
        """The list index if it needs no repair (None: `list_index()` would repair it)."""
        if self._served is not None:
            return self._served
        try:
            self._index.check()
        except CorruptFileError:
            return None
        return self._index

    def _index_rows(self) -> list[FilmSummary]:
        return self.list_index().load()

    def _has_shards(self) -> bool:
        return any(self.films_dir.glob("*.json"))

    def _migrate_legacy(self) -> bool:
        """Under the lock: an old store's index.json becomes index.sqlite, then the old files
        go (they were derived, like the new one). Rebuilt from the shards, which are the truth:
        the old rows lack fields the new index holds (key crew). False when there is none."""
        if not self._legacy.exists():
            return False
        self._rebuild_index()
        for name in ("index.json", "index-delta.json", "list-head.json"):
            (self.root / name).unlink(missing_ok=True)
        return True

    def _set_aside_index(self, error: CorruptFileError) -> str:
        """Set a damaged index.sqlite aside with its write-ahead log (never deleted)."""
        self._index.close()
        path = error.path
        path.with_name(path.name + "-shm").unlink(missing_ok=True)  # a lock table, no data
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and not wal.stat().st_size:
            wal.unlink()  # made by the read that found the damage: holds nothing
        return self._set_aside(error, "the index was rebuilt from the film files", ("-wal",))

    def rebuild_index(self) -> int:
        """Rebuild the list index from the film files now (`filmtui store rebuild-index`);
        returns the number of films it holds."""
        with self.lock():
            if self._index.exists():
                try:
                    self._index.check()
                except StaleIndexError:
                    pass
                except CorruptFileError as error:
                    self.notices.append(self._set_aside_index(error))
            self._rebuild_index()
            return self._index.count()

    def _shard_docs(self, path: Path, films: Iterable[int] | None = None) -> dict[str, Any]:
        """A detail shard's documents, those of `films` (all when None) checked in full; a
        damaged shard is set aside and refilled from the catalogue."""

        def read() -> dict[str, Any]:
            if self._films_lost:
                return self._catalog_docs(path)
            docs = self._read_docs(path, check_shard)
            for key in docs if films is None else map(str, films):
                if key in docs and (problem := film_doc_problem(docs[key])):
                    raise CorruptFileError(path, f"wrong shape: film {key}: {problem}")
            return docs

        def repair(error: CorruptFileError) -> tuple[dict[str, Any], str]:
            notice = self._set_aside(
                error,
                "its films were reloaded from the catalogue "
                "(their TMDB data returns with the next refresh)",
            )
            self._reseed(path)
            return read(), notice

        return self._read_or_repair(read, repair, lambda e: self._catalog_docs(path))

    # -- reading -----------------------------------------------------------------------------

    def summaries(self) -> list[FilmSummary]:
        """Every film's slim row (search, people, similar films, the CLI; the list reads pages
        from `list_index()`)."""
        return self._index_rows()

    def film(self, film_id: int) -> Film | None:
        """One film's full page, merged from catalogue, TMDB and user data; None if unknown."""
        doc = self._shard_docs(self.shard_path(film_id), [film_id]).get(str(film_id))
        if doc is None:
            return None
        return Film.merge(doc.get("editorial"), doc.get("tmdb"), self._user_docs().get(str(film_id)))

    def raw_tmdb(self, film_id: int) -> dict[str, Any] | None:
        """The TMDB response last stored for `film_id`, for replaying a mapping fix offline."""
        doc = self._shard_docs(self.shard_path(film_id), [film_id]).get(str(film_id))
        return doc.get("raw") if doc else None

    # -- people ------------------------------------------------------------------------------

    def _people_docs(self) -> dict[str, Any]:
        def repair(error: CorruptFileError) -> tuple[dict[str, Any], str]:
            return {}, self._set_aside(error, "people are fetched from TMDB again when opened")

        return self._read_or_repair(lambda: self._read_docs(self.people_path, check_people),
                                    repair, lambda error: {})

    def person(self, name: str) -> Person | None:
        """The person stored under `name` (as fetched from TMDB), or None."""
        wanted = fold(name)
        for doc in self._people_docs().values():
            if isinstance(doc.get("name"), str) and fold(doc["name"]) == wanted:
                return Person.from_doc(doc)
        return None

    def write_person(self, doc: dict[str, Any]) -> None:
        """Store one person's TMDB record (replacing theirs): one atomic write under the lock."""
        with self.lock():
            self._people_docs()  # sets a damaged file aside before TinyDB reads it
            with self._batch(self.people_path, check_people) as table_:
                table_.upsert(Document(doc, doc_id=int(doc["id"])))

    # -- user data ---------------------------------------------------------------------------

    def _user_docs(self, *, fresh: bool = False) -> dict[str, Any]:
        """user.json's documents as on disk now; a damaged file is set aside and rebuilt from
        what is sound in it."""

        def repair(error: CorruptFileError) -> tuple[dict[str, Any], str]:
            kept = {k: d for k, d in (error.salvage or {}).items() if UserData.from_doc(d)}
            if kept:
                consequence = f"the watchlist marks, ratings and notes of {len(kept)} films were kept"
            else:
                consequence = "your watchlist, ratings and notes start empty"
            notice = self._set_aside(error, consequence)
            if kept:
                self._user.write(kept)
            return kept, notice

        return self._read_or_repair(
            lambda: self._user.read(fresh=fresh), repair, lambda error: error.salvage or {}
        )

    def user(self, film_id: int) -> UserData:
        """The user's own data for `film_id`, as on disk now: another filmtui may have written
        it since this one opened the store (costs one stat when nothing changed)."""
        return UserData.from_doc(self._user_docs().get(str(film_id)))

    def users(self) -> dict[int, UserData]:
        """The user's data for every film they have marked, rated or noted, as on disk now."""
        found = {}
        for key, doc in self._user_docs().items():
            data = UserData.from_doc(doc)
            if data:
                found[int(key)] = data
        return found

    @property
    def user_version(self) -> Stamp:
        """Changes whenever user.json does: poll it (one stat) to know when to read `users()`
        again."""
        return self._user.version

    def update_user(self, film_id: int, change: Callable[[UserData], UserData]) -> UserData:
        """Apply `change` to the user's data for one film as it is on disk now, under the lock,
        and store the result: the only way user data is written, so a note written from another
        terminal a moment ago survives a rating set here. Returns the stored data.

        ValueError (from UserData) for a value that is not sound; nothing is written then.
        """
        return self.update_users({film_id: change})[film_id]

    def update_users(
        self, changes: dict[int, Callable[[UserData], UserData]]
    ) -> dict[int, UserData]:
        """`update_user` for many films in one write of user.json: all of them or, when one
        change fails, none (an import must not stop half-way)."""
        with self.lock():
            docs = dict(self._user_docs(fresh=True))
            before = dict(docs)
            results = {}
            for film_id, change in changes.items():
                key = str(film_id)
                updated = change(UserData.from_doc(docs.get(key)))
                if not isinstance(updated, UserData):
                    raise TypeError(f"a user data change must return UserData, not {updated!r}")
                if updated:
                    docs[key] = updated.to_doc()
                else:
                    docs.pop(key, None)
                results[film_id] = updated
            if docs != before:
                self._user.write(docs)
        return results

    def set_user(self, film_id: int, **changes: Any) -> UserData:
        """Change only the named parts (watchlist, rating, note) of the user's data for one
        film, keeping the rest as it is on disk now (see update_user)."""
        return self.update_user(film_id, lambda current: replace(current, **changes))

    # -- writing -----------------------------------------------------------------------------

    def write_tmdb(self, updates: Iterable[TmdbUpdate]) -> int:
        """Store a batch of refreshed films: one write per touched file, editorial and user data
        untouched. Returns the number of films written.

        StoreError, with nothing written, when a film's data cannot be stored (an integer past
        64 bits, JSON nested too deep, a field of the wrong type)."""
        batch = {u.film_id: u for u in updates}
        if not batch:
            return 0
        for update in batch.values():
            try:  # checked before anything is written: a failure mid-batch would leave it half
                orjson.dumps({"tmdb": update.fields, "raw": update.raw})
            except orjson.JSONEncodeError as error:  # past 64 bits, nested past 254 levels
                raise StoreError(f"film {update.film_id} was not stored: {error}") from None
        with self.lock():
            self._update_docs(batch, lambda doc, u: {**doc, "tmdb": u.fields, "raw": u.raw})
            self._write_meta(last_refresh=_now())
        return len(batch)

    @contextmanager
    def _journal(self, ids: Iterable[int]) -> Iterator[None]:
        """Keep the ids of the batch being written in journal.json until it is done: a writer
        killed mid-batch leaves it, and the next open finishes the index rows from the shards
        and sweeps the dead writer's temp files. Nested batches (a shard refilled mid-sync) add
        their ids to the outer one's."""
        outer = not self._journal_ids
        wanted = self._journal_ids | set(ids)
        if wanted != self._journal_ids:
            # No folder fsync: the index write that ends the batch syncs the same folder.
            write_atomic(self.journal_path, orjson.dumps({"ids": sorted(wanted)}), sync_dir=False)
            self._journal_ids = wanted
        try:
            yield
        except BaseException:
            if outer:
                self._journal_ids = set()  # left on disk: the next open finishes the batch
            raise
        if outer:
            self.journal_path.unlink(missing_ok=True)
            self._journal_ids = set()

    def _update_docs(self, batch: dict[int, Any], change) -> None:
        """Apply `change(doc, item)` to each film's document, shard by shard, then the index."""
        with self._journal(batch):
            self._update_shards(batch, change)

    def _update_shards(self, batch: dict[int, Any], change) -> None:
        by_shard: dict[Path, list[int]] = defaultdict(list)
        for film_id in batch:
            by_shard[self.shard_path(film_id)].append(film_id)
        rows: dict[int, FilmSummary | None] = {}
        for path, ids in by_shard.items():
            self._shard_docs(path, ids)  # sets a damaged shard aside before TinyDB reads it
            # Just checked, under the lock: TinyDB's own read of it need not check it again.
            with self._batch(path, None, sync_dir=False) as table_:
                new_docs = []
                for film_id in ids:
                    old = table_.get(doc_id=film_id) or {"editorial": None, "tmdb": None}
                    doc = change(dict(old), batch[film_id])
                    if problem := film_doc_problem(doc):
                        # Refused before it is written: stored, it would get the shard set aside.
                        raise StoreError(f"film {film_id} was not stored: {problem}")
                    if doc.get("editorial") or doc.get("tmdb"):
                        new_docs.append(Document(doc, doc_id=film_id))
                        rows[film_id] = Film.merge(doc.get("editorial"), doc.get("tmdb")).summary()
                    else:
                        rows[film_id] = None
                table_.remove(doc_ids=[i for i in ids if table_.contains(doc_id=i)])
                table_.insert_multiple(new_docs)
        fsync_dir(self.films_dir)
        self._write_rows(rows)

    def _write_rows(self, rows: dict[int, FilmSummary | None]) -> None:
        """Replace (or drop, for None) index rows in one transaction."""
        index = self.list_index()  # sets a damaged index aside and rebuilds it first
        try:
            index.apply(rows)
        except sqlite3.DatabaseError as error:  # damaged past what `check` sees
            if index is self._served:
                raise
            damaged = CorruptFileError(self._index.path or self.root, str(error))
            self.notices.append(self._set_aside_index(damaged))
            self._rebuild_index()

    # -- catalogue sync and recovery ---------------------------------------------------------

    def _catalog_films(self) -> list[dict[str, Any]]:
        """The catalogue's films (read once per Store: repairs may need them many times)."""
        if self._catalog is None:
            self._catalog = load_catalog(self.catalog).films
        return self._catalog

    def _catalog_docs(self, shard: Path) -> dict[str, Any]:
        """What a damaged shard is refilled with, as stored documents: its catalogue films."""
        return {
            str(film["id"]): {"editorial": film, "tmdb": None}
            for film in self._catalog_films()
            if self.shard_path(film["id"]) == shard
        }

    def _sync_catalog(self, fingerprint: str) -> None:
        loaded = load_catalog(self.catalog)
        self.notices.extend(f"catalogue: {problem}" for problem in loaded.problems)
        bad_files = {p.split(":", 1)[0] for p in loaded.problems}
        wanted = {film["id"]: film for film in loaded.films}
        # Films that left the catalogue lose their editorial part; a film whose file is broken
        # keeps its last good version until the file is fixed.
        for film_id in self.list_index().ids(None, Where("editorial")):
            if film_id not in wanted:
                wanted[film_id] = _KEEP_IF_FILE_BROKEN
        def change(doc: dict[str, Any], film: Any) -> dict[str, Any]:
            if film is _KEEP_IF_FILE_BROKEN:
                keep = (doc.get("editorial") or {}).get("file") in bad_files
                return doc if keep else {**doc, "editorial": None}
            return {**doc, "editorial": film}
        self._update_docs(wanted, change)
        self._write_meta(catalog=fingerprint)

    def _restore_films(self, fingerprint: str) -> None:
        """The films folder is gone: re-seed it from the catalogue and rebuild the index from
        it, so the list shows only films that can be opened."""
        films = {film["id"]: film for film in self._catalog_films()}
        self._update_docs(films, lambda doc, film: {**doc, "editorial": film})
        self._rebuild_index()
        self._write_meta(catalog=fingerprint)
        self.notices.append(
            "the films folder was missing; the catalogue's films were restored "
            "(their TMDB data returns with the next refresh, films added from TMDB must be added again)."
        )

    def _finish_journal(self) -> None:
        """Complete a batch whose writer died: rebuild its films' index rows from the shards."""
        try:
            journal = read_json(self.journal_path)
        except CorruptFileError:
            journal = None
        ids = journal.get("ids") if isinstance(journal, dict) else None
        if isinstance(ids, list) and all(type(i) is int for i in ids):
            rows = {}
            for film_id in ids:
                doc = self._shard_docs(self.shard_path(film_id), [film_id]).get(str(film_id))
                rows[film_id] = (
                    Film.merge(doc.get("editorial"), doc.get("tmdb")).summary() if doc else None
                )
            self._write_rows(rows)
        self.journal_path.unlink(missing_ok=True)

    def _shard_rows(self) -> list[FilmSummary]:
        """Every film's index row, built from the detail shards (the truth the index mirrors)."""
        rows = {}
        for path in sorted(self.films_dir.glob("*.json")):
            for key, doc in self._shard_docs(path).items():
                rows[int(key)] = tidy(Film.merge(doc.get("editorial"), doc.get("tmdb")).summary())
        return list(rows.values())

    def _rebuild_index(self) -> None:
        """Rebuild the whole index from the detail shards (after an index file was set aside)."""
        self._index.replace(self._shard_rows(), tidied=True)

    def _reseed(self, shard: Path) -> None:
        """Refill a shard that was set aside from the catalogue; drop index rows it can't refill."""
        wanted = {int(key): doc["editorial"] for key, doc in self._catalog_docs(shard).items()}
        number = int(shard.stem, 16)
        in_shard = self.list_index().ids(None, Where(f"id % {SHARDS} = ?", (number,)))
        lost = [film_id for film_id in in_shard if film_id not in wanted]
        self._update_docs(wanted, lambda doc, film: {**doc, "editorial": film})
        if lost:
            self._write_rows({film_id: None for film_id in lost})


_KEEP_IF_FILE_BROKEN = object()

#: Forward migrations: MIGRATIONS[n] turns a schema-n store into schema n+1, in place, under the
#: lock. Schema 1 is the first layout, so there is nothing to migrate yet.
MIGRATIONS: dict[int, Callable[[Store], None]] = {}

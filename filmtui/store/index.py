"""The list index: every film's slim row in one SQLite file (`index.sqlite`), read a page at a time.

Derived from the detail shards (the store of record) and rebuilt from them when missing, damaged
or of another layout. One table, `films`, holds every FilmSummary field (its columns are made from
FilmSummary's own fields, so a field added there flows through) plus sort keys with an index
each, so the list sorts, filters and counts in SQLite and memory never holds the collection.

`meta` holds the layout (the version and the field names: another one is rebuilt quietly), an
`instance` (random, new with every file) and a `generation`, bumped in every write transaction:
(instance, generation) is the index's identity, the stamp that caches derived from it check.

WAL journal: a reader in another process (the browser while `filmtui refresh` writes) never waits
on a writer and sees each committed batch with its next query. A folder that cannot be written is
read as it is (`immutable`); a store whose index cannot be repaired there is served from a
private in-memory copy (`ListIndex.in_memory`).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sqlite3
import threading
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filmtui.models import PACK, FilmSummary, _SummaryRow, unpack
from filmtui.store.errors import CorruptFileError
from filmtui.text import clean, fold

#: Bumped when the table's shape changes in a way the field names do not show.
FORMAT = 1
NAME = "index.sqlite"
FIELDS: tuple[str, ...] = FilmSummary._fields
#: Fields held as tuples of names (stored joined by PACK).
_TYPES = {n: getattr(t, "__forward_arg__", str(t)) for n, t in _SummaryRow.__annotations__.items()}
_LISTS = frozenset(n for n, t in _TYPES.items() if "Sequence" in t)
_BOOLS = frozenset(n for n, t in _TYPES.items() if t == "bool")
LAYOUT = f"{FORMAT}:{','.join(FIELDS)}"
_REFRESHED_AT = FIELDS.index("refreshed_at")
#: Sort keys stored beside the fields, each ascending in the list's order (unknown values last).
_KEYS = ("title_key", "rank_year", "rank_rating", "rank_revenue")
#: The list's sorts: ORDER BY clauses, each served by an index.
ORDERS = {
    "title": "title_key, rank_year DESC, id",
    "year": "rank_year, title_key, id",
    "rating": "rank_rating, title_key, rank_year DESC, id",
    "box office": "rank_revenue, title_key, rank_year DESC, id",
}
_INDEXES = {
    "films_title": "title_key, rank_year DESC",
    "films_year": "rank_year, title_key",
    "films_rating": "rank_rating, title_key, rank_year DESC",
    "films_revenue": "rank_revenue, title_key, rank_year DESC",
    # Filters: a certification is picked from a short list and can be rare; decades ride on
    # films_year; a genre is matched in the packed column (measured: see the README).
    "films_certification": "certification, title_key",
}
_COLUMNS = ", ".join(FIELDS)
_PLACES = ", ".join("?" * (len(FIELDS) + len(_KEYS)))
_memory_names = itertools.count(1)


class StaleIndexError(CorruptFileError):
    """An index in another layout: rebuilt from the film files, with nothing to tell the user."""


def title_key(title: str) -> str:
    """Titles sort as a reader expects: case- and accent-blind, leading article ignored."""
    # casefold() is fold() for ASCII and far cheaper.
    folded = (title.casefold() if title.isascii() else fold(title)).strip()
    for article in ("the ", "a ", "an "):
        if folded.startswith(article):
            return folded[len(article):]
    return folded


#: What `clean` would change in a single-line string: control and format characters (escapes
#: start with one), whitespace other than a space, a run of spaces, a space at either end. The
#: same, for names packed with PACK (a tab) between them: one search for the lot.
_FORMATS = r"\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u206f\ufff9-\ufffb"
_UNCLEAN = re.compile(rf"[\x00-\x1f{_FORMATS}]|[^\S ]|  |^ | $")
_UNCLEAN_PACKED = re.compile(rf"[\x00-\x08\x0a-\x1f{_FORMATS}]|[^\S \t]|  |^ | $| \t|\t ")


def _clean(text: str) -> str:
    # A search is ~20x cheaper than clean(), and almost every string is clean already.
    return clean(text) if _UNCLEAN.search(text) else text


def _clean_packed(text: str) -> str:
    if not _UNCLEAN_PACKED.search(text):
        return text
    return PACK.join(clean(item) for item in text.split(PACK))


def _clean_names(names: Sequence[str]) -> tuple[str, ...]:
    names = tuple(names)
    if any(PACK in name for name in names) or _UNCLEAN_PACKED.search(PACK.join(names)):
        return tuple(clean(name) for name in names)
    return names


def tidy(summary: FilmSummary) -> FilmSummary:
    """The row as stored: display-safe single-line text (so separators cannot occur in it)."""
    values: list[Any] = list(summary)
    for at, name in enumerate(FIELDS):
        value = values[at]
        if name in _LISTS:
            values[at] = _clean_names(value)
        elif isinstance(value, str):
            values[at] = _clean_packed(value) if name.startswith("packed_") else _clean(value)
    values[_REFRESHED_AT] = values[_REFRESHED_AT] or None
    return tuple.__new__(FilmSummary, values)


def _record(row: FilmSummary) -> tuple[Any, ...]:
    """A row as the table stores it: the fields, lists packed, then the sort keys."""
    fields: tuple[Any, ...] = tuple(row)
    values = [PACK.join(v) if n in _LISTS else v for n, v in zip(FIELDS, fields)]
    values += [
        title_key(row.title), -(row.year or 0), -(row.rating or -1.0), -(row.revenue or -1),
    ]
    return tuple(values)


class _Reader:
    """Turns stored records back into FilmSummary rows, sharing repeated tuples."""

    def __init__(self) -> None:
        self._tuples: dict[str, tuple[str, ...]] = {"": ()}
        self._lists = [i for i, n in enumerate(FIELDS) if n in _LISTS]
        self._bools = [i for i, n in enumerate(FIELDS) if n in _BOOLS]

    def __call__(self, record: Sequence[Any]) -> FilmSummary:
        values = list(record)
        seen = self._tuples
        for i in self._lists:
            cell = values[i] or ""
            values[i] = seen.get(cell) or seen.setdefault(cell, unpack(cell))
        for i in self._bools:
            values[i] = bool(values[i])
        # tuple.__new__ straight from C: FilmSummary() would pack the names again.
        return tuple.__new__(FilmSummary, values)


@dataclass(frozen=True)
class Where:
    """A filter as SQL: a condition over `films` and its parameters ("" keeps every film)."""

    sql: str = ""
    params: tuple[Any, ...] = ()

    def clause(self) -> str:
        return f" WHERE {self.sql}" if self.sql else ""


def ids_param(ids: Iterable[int]) -> str:
    """A set of ids as one parameter for `id IN (SELECT value FROM json_each(?))`."""
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


class ListIndex:
    """The list index of one store folder, or an in-memory one. Thread-safe: each thread reads
    through a connection of its own."""

    def __init__(self, root: Path | None) -> None:
        self.path = root / NAME if root is not None else None
        self._memory: str | None = None
        self._keeper: sqlite3.Connection | None = None
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.read_only = False
        """True when the folder cannot be written: the file is read as it is."""

    @classmethod
    def in_memory(cls, rows: Iterable[FilmSummary]) -> ListIndex:
        """A private index of `rows` (tests, a Browser over given rows, an unrepaired store)."""
        index = cls(None)
        index._memory = f"file:filmtui-list-{os.getpid()}-{next(_memory_names)}?mode=memory&cache=shared"
        index._keeper = sqlite3.connect(index._memory, uri=True, check_same_thread=False)
        index._create(index._keeper)
        index.replace(rows)
        return index

    # Connections -----------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self._memory is not None:
            db = sqlite3.connect(self._memory, uri=True, check_same_thread=False)
            db.execute("PRAGMA read_uncommitted = 1")  # shared cache: no table locks between threads
            return db
        db = self._open_file()
        # A page cache of its own per thread: the default 2 MB each was ~9 MB of the peak at
        # 100,000 films; the OS caches the file anyway (a page by id: 0.82 -> 0.88 ms).
        db.execute("PRAGMA cache_size = -512")
        return db

    def _open_file(self) -> sqlite3.Connection:
        assert self.path is not None
        if not self.read_only:
            try:
                db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
                return db
            except sqlite3.OperationalError:
                # Only a folder that cannot be written is read as it is: a busy moment must not
                # turn a writable store into a stale, read-only one.
                if not self.path.exists() or os.access(self.path.parent, os.W_OK):
                    raise
                self.read_only = True
        uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    def db(self) -> sqlite3.Connection:
        """This thread's connection (reopened when the file was replaced meanwhile)."""
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        inode = self._inode()
        if db is not None and self._local.inode == inode:
            return db
        if db is not None:
            self._forget(db)
        db = self._open()
        self._local.db, self._local.inode = db, inode
        with self._lock:
            self._all.append(db)
        return db

    def _inode(self) -> int:
        if self.path is None:
            return 0
        try:
            return self.path.stat().st_ino
        except OSError:
            return -1

    def _forget(self, db: sqlite3.Connection) -> None:
        with self._lock:
            if db in self._all:
                self._all.remove(db)
        db.close()

    def close(self) -> None:
        """Close every connection (before the file is set aside or replaced)."""
        with self._lock:
            connections, self._all = self._all, []
        for db in connections:
            db.close()
        self._local = threading.local()

    # Health ----------------------------------------------------------------------------------

    def exists(self) -> bool:
        return self.path is None or self.path.exists()

    def check(self) -> None:
        """CorruptFileError when the file is not an index filmtui can read (StaleIndexError for
        another layout); cheap enough for every start (no full scan).

        Only through SQLite and `stat`: opening the file with a handle of our own and closing it
        would drop every POSIX lock this process's connections hold on it, and another process
        could then take itself for the last one and reset the write-ahead log under a writer."""
        if self.path is None:
            return
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            raise CorruptFileError(self.path, "missing") from None
        try:
            db = self.db()
            pages = db.execute("PRAGMA page_count").fetchone()[0]
            page_size = db.execute("PRAGMA page_size").fetchone()[0]
            wal = self.path.with_name(NAME + "-wal")
            if not (wal.exists() and wal.stat().st_size) and pages * page_size > size:
                raise CorruptFileError(self.path, "truncated")
            layout = db.execute("SELECT value FROM meta WHERE key = 'layout'").fetchone()
            db.execute("SELECT id FROM films LIMIT 1").fetchall()
        except sqlite3.DatabaseError as error:
            self.close()
            reason = "not an SQLite file" if "not a database" in str(error) else str(error)
            raise CorruptFileError(self.path, reason) from None
        if layout is None or layout[0] != LAYOUT:
            raise StaleIndexError(self.path, "written by another version of filmtui")

    def identity(self) -> tuple[int, int] | None:
        """(instance, generation): changes with every write (None when there is no index)."""
        if not self.exists():
            return None
        try:
            found = dict(self.db().execute(
                "SELECT key, value FROM meta WHERE key IN ('instance', 'generation')"
            ).fetchall())
            return int(found["instance"]), int(found["generation"])
        except (sqlite3.DatabaseError, KeyError, ValueError, TypeError):
            return None

    # Writing ---------------------------------------------------------------------------------

    def _create(self, db: sqlite3.Connection) -> None:
        """The tables and indexes, emptied, with a fresh identity."""
        db.executescript(
            "DROP TABLE IF EXISTS films; DROP TABLE IF EXISTS meta;"
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value);"
            f"CREATE TABLE films (id INTEGER PRIMARY KEY, {', '.join(FIELDS[1:] + _KEYS)});"
        )
        db.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("layout", LAYOUT), ("instance", random.randrange(1, 1 << 62)), ("generation", 0),
        ])
        self._make_indexes(db)
        db.commit()

    @staticmethod
    def _make_indexes(db: sqlite3.Connection) -> None:
        for name, columns in _INDEXES.items():
            db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON films ({columns})")

    @staticmethod
    def _drop_indexes(db: sqlite3.Connection) -> None:
        for name in _INDEXES:
            db.execute(f"DROP INDEX IF EXISTS {name}")

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction that bumps the generation; rolled back on any error."""
        db = self._keeper if self._memory is not None else self.db()
        assert db is not None
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
            # The film count kept beside the rows: the first frame's count is one row, not a scan
            # of a million (this count costs the writer ~10 ms at 1M, once per batch).
            db.execute("INSERT OR REPLACE INTO meta VALUES ('count', (SELECT count(*) FROM films))")
            db.commit()
        except BaseException:
            db.rollback()
            raise

    def apply(self, changes: dict[int, FilmSummary | None]) -> None:
        """Store changed rows (None drops a film) in one transaction; idempotent."""
        with self._writing() as db:
            db.executemany("DELETE FROM films WHERE id = ?", [(i,) for i, r in changes.items() if r is None])
            db.executemany(
                f"INSERT OR REPLACE INTO films VALUES ({_PLACES})",
                [_record(tidy(row)) for row in changes.values() if row is not None],
            )

    def replace(self, rows: Iterable[FilmSummary], *, tidied: bool = False) -> None:
        """Every row anew, in one transaction (a new file when there is none or another layout);
        `tidied`: the rows are display-safe already (made by `tidy`, as the shards' rows are)."""
        if self.path is not None and not self._usable_layout():
            self.close()
            for suffix in ("", "-wal", "-shm"):
                self.path.with_name(NAME + suffix).unlink(missing_ok=True)
            self._create(self.db())
        with self._writing() as db:
            db.execute("DELETE FROM films")
            self._drop_indexes(db)  # built once after the rows: several times faster
            self.insert(db, rows, tidied=tidied)
            self._make_indexes(db)

    def _usable_layout(self) -> bool:
        try:
            self.check()
            return True
        except CorruptFileError:
            return False

    @staticmethod
    def insert(db: sqlite3.Connection, rows: Iterable[FilmSummary], *, tidied: bool = False) -> None:
        """Add (or replace) rows within the caller's transaction, a batch at a time."""
        it = iter(rows)
        while part := list(itertools.islice(it, 5000)):
            db.executemany(
                f"INSERT OR REPLACE INTO films VALUES ({_PLACES})",
                [_record(r if tidied else tidy(r)) for r in part],
            )

    @contextmanager
    def bulk(self) -> Iterator[sqlite3.Connection]:
        """A transaction for a bulk load: no fsync until the end (then one), indexes rebuilt once."""
        if self.path is not None and not self._usable_layout():
            self.replace(())
        db = self.db()
        db.execute("PRAGMA synchronous = OFF")
        try:
            with self._writing() as db:
                self._drop_indexes(db)
                yield db
                self._make_indexes(db)
        finally:
            db.execute("PRAGMA synchronous = FULL")
        # The one fsync: the checkpoint copies the log into the file and syncs both (never an
        # os.open of our own: closing it would drop this process's SQLite locks, see check).
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA synchronous = NORMAL")

    # Reading ---------------------------------------------------------------------------------

    def load(self) -> list[FilmSummary]:
        """Every row, in id order (for consumers that need all of them: search, people, CLI)."""
        read = _Reader()
        cursor = self.db().execute(f"SELECT {_COLUMNS} FROM films")
        return [read(record) for record in cursor]

    def count(self, where: Where = Where()) -> int:
        """How many films `where` keeps (all of them: the count kept in meta)."""
        db = self.db()
        if not where.sql:
            kept = db.execute("SELECT value FROM meta WHERE key = 'count'").fetchone()
            if kept is not None:
                return int(kept[0])
        found: int = db.execute(f"SELECT count(*) FROM films{where.clause()}", where.params).fetchone()[0]
        return found

    def page(self, order: str, where: Where, offset: int, limit: int) -> list[FilmSummary]:
        """Rows `offset`.. of the films `where` keeps in `order` (an ORDERS key)."""
        read = _Reader()
        cursor = self.db().execute(
            f"SELECT {_COLUMNS} FROM films{where.clause()} ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?",
            (*where.params, limit, offset),
        )
        return [read(record) for record in cursor]

    def ids(self, order: str | None, where: Where = Where()) -> list[int]:
        """The ids of the films `where` keeps, in `order` (None: any order)."""
        return list(self.iter_ids(order, where))

    def iter_ids(self, order: str | None, where: Where = Where()) -> Iterator[int]:
        """`ids` one at a time (a million of them need not be a list first)."""
        sql = f"SELECT id FROM films{where.clause()}"
        if order is not None:
            sql += f" ORDER BY {ORDERS[order]}"
        return (i for (i,) in self.db().execute(sql, where.params))

    def rows(self, ids: Sequence[int]) -> dict[int, FilmSummary]:
        """The rows of these films (those the index holds), by id."""
        read = _Reader()
        cursor = self.db().execute(
            f"SELECT {_COLUMNS} FROM films WHERE id IN (SELECT value FROM json_each(?))",
            (ids_param(ids),),
        )
        return {row.id: row for row in map(read, cursor)}

    def distinct(self, column: str) -> list[Any]:
        """The distinct non-empty values of a column (certification, genres, decades)."""
        if column == "decade":
            sql = "SELECT DISTINCT -rank_year / 10 * 10 FROM films WHERE rank_year < 0"
        else:
            sql = f"SELECT DISTINCT {column} FROM films WHERE {column} != ''"
        values = [v for (v,) in self.db().execute(sql)]
        if column in _LISTS:
            values = sorted({item for v in values for item in unpack(v)})
        return values

    def people_columns(self) -> Iterator[list[tuple[str, str]]]:
        """(directors, packed cast) of every film in id order, a batch of rows at a time: the
        people's names without a row object per film."""
        cursor = self.db().execute("SELECT directors, packed_cast FROM films ORDER BY id")
        return iter(lambda: cursor.fetchmany(20_000), [])

    def saved_names(self) -> list[str] | None:
        """The people's spellings `save_names` kept for the index as it is now (None: none, or
        kept before a write since)."""
        found = dict(self.db().execute(
            "SELECT key, value FROM meta WHERE key IN ('generation', 'names_at', 'names')").fetchall())
        if "names" not in found or found.get("names_at") != found.get("generation"):
            return None
        try:
            names = json.loads(found["names"])
        except (TypeError, ValueError):
            return None
        return names if isinstance(names, list) and all(isinstance(n, str) for n in names) else None

    def save_names(self, names: list[str], generation: int) -> None:
        """Keep the people's spellings gathered at `generation`, unless a write came since (a
        cache: no generation bump, and a busy or read-only file just goes without)."""
        if self.read_only:
            return
        db = self._keeper if self._memory is not None else self.db()
        assert db is not None
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return
        try:
            db.execute("INSERT OR REPLACE INTO meta SELECT 'names', ? FROM meta WHERE key = 'generation' AND value = ?",
                       (json.dumps(names, ensure_ascii=False), generation))
            db.execute("INSERT OR REPLACE INTO meta SELECT 'names_at', value FROM meta WHERE key = 'generation' AND value = ?",
                       (generation,))
            db.commit()
        except sqlite3.DatabaseError:
            db.rollback()

    def naming(self, names: Sequence[str]) -> list[tuple[Any, ...]]:
        """(id, title, year, directors, packed cast, packed characters) of the films whose
        directors or billed cast may hold one of `names`, in id order: a superset (a name
        inside a longer one matches too), for the caller to check. One scan in SQLite, no
        rows made for the films that do not match (0.5 s at 1,000,000 films)."""
        if not names:
            return []
        test = " OR ".join(["instr(directors, ?) OR instr(packed_cast, ?)"] * len(names))
        return self.db().execute(
            "SELECT id, title, year, directors, packed_cast, packed_characters FROM films "
            f"WHERE {test} ORDER BY id", [name for name in names for _ in (0, 1)],
        ).fetchall()

    def reach(self, people: Sequence[str], keywords: Sequence[str], genres: Sequence[str]
              ) -> tuple[list[int], dict[str, list[int]], dict[str, int]]:
        """In one pass over the name, keyword and genre columns (no row made per film): the ids
        of the films naming one of `people` among their directors or billed cast, the ids of
        those listing each of `keywords`, and how many list each of `genres`; whole names, as
        spelled. 3 s at 1,000,000 films."""
        named = frozenset(people)
        listing = {keyword: array("q") for keyword in keywords}
        genre_counts = dict.fromkeys(genres, 0)
        tied: list[int] = []
        cursor = self.db().execute(
            "SELECT id, directors || char(9) || packed_cast, packed_keywords, genres FROM films ORDER BY id")
        wanted_keywords, wanted_genres = frozenset(keywords), frozenset(genres)
        for rows in iter(lambda: cursor.fetchmany(20_000), []):
            for film_id, names, packed_keywords, packed_genres in rows:
                if not named.isdisjoint(names.split(PACK)):
                    tied.append(film_id)
                if packed_keywords:
                    for keyword in wanted_keywords.intersection(packed_keywords.split(PACK)):
                        listing[keyword].append(film_id)
                if packed_genres:
                    for genre in wanted_genres.intersection(packed_genres.split(PACK)):
                        genre_counts[genre] += 1
        return tied, {k: list(v) for k, v in listing.items()}, genre_counts

    def counts(self) -> tuple[int, int, int]:
        """(films, catalogue films, films with TMDB data), counted in SQLite."""
        found = self.db().execute(
            "SELECT count(*), count(editorial OR NULL), count(refreshed_at) FROM films").fetchone()
        return int(found[0]), int(found[1] or 0), int(found[2] or 0)

    def refreshed_before(self, when: str) -> list[tuple[int, str]]:
        """(id, refreshed_at) of the films whose stamp sorts before `when` (ISO text), in id
        order; the caller dates each exactly (the text compares by local time, not UTC)."""
        return self.db().execute(
            "SELECT id, refreshed_at FROM films WHERE refreshed_at < ? ORDER BY id",
            (when,)).fetchall()

    def any_rated(self) -> bool:
        # rank_rating is -(rating or -1): negative exactly for a rated film, and on the rating
        # sort's index, so this is a lookup, not a scan of every film (there is none to find
        # before a first refresh, when a scan costs the most).
        return self.db().execute("SELECT 1 FROM films WHERE rank_rating < 0 LIMIT 1").fetchone() is not None

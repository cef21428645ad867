"""The slim index: every film's list row, stored so that 100,000 of them load in a blink.

Two TinyDB files:
- `index.json` holds one document of *columns*: each text field of all films joined into one string
  (rows split by newline, list items by tab), numbers as arrays. Parsing a few long strings is
  many times cheaper than parsing 100,000 small objects, so start-up stays well under 0.3 s.
- `index-delta.json` holds rows changed since the columns were last written, one document per film
  (doc_id = film id). A refresh batch touches only this small file; when it grows past
  `COMPACT_AT` rows it is folded into the columns.
Rows are cleaned with `text.clean` on the way in, so the separators can never occur inside them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.table import Document

from filmtui.models import PACK, FilmSummary, unpack
from filmtui.store.shapes import check_columns, check_delta
from filmtui.store.storage import AtomicJSONStorage, CorruptFileError, ShapeError, read_checked
from filmtui.text import clean

#: Fold the delta into the columns once it holds this many rows: small enough to parse in a few
#: milliseconds, large enough that a refresh of 1,000 films never pays for a compaction.
COMPACT_AT = 2000
#: Version of the columns layout; the index is rebuilt from the film files when it differs.
FORMAT = 2  # 2: key crew (packed_crew) searchable
_ROWS, _ITEMS = "\n", PACK
_TEXT = (
    "title", "original_title", "certification", "refreshed_at",
    "packed_cast", "packed_characters", "packed_keywords", "packed_crew",
)  # fmt: skip
_LISTS = ("directors", "genres")
_REPEATED = ("certification", "refreshed_at")
_NUMBERS = ("year", "rating", "revenue", "popularity")
_DEFAULTS = FilmSummary(0, "").fields()


class StaleIndexError(CorruptFileError):
    """An index in an older layout: rebuilt from the film files, with nothing to tell the user."""


def tidy(summary: FilmSummary) -> FilmSummary:
    """The row as stored: display-safe single-line text (so separators cannot occur in it)."""
    values = summary.fields()
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = clean(value)
        elif isinstance(value, tuple):  # names, or (name, job) pairs for the crew
            values[name] = tuple(
                clean(item) if isinstance(item, str) else tuple(map(clean, item)) for item in value
            )
    values["refreshed_at"] = values["refreshed_at"] or None
    return FilmSummary(**values)


def encode(rows: Iterable[FilmSummary]) -> dict[str, Any]:
    """All rows as one document of columns."""
    rows = list(rows)
    columns: dict[str, Any] = {"format": FORMAT, "id": [r.id for r in rows]}
    for name in _TEXT:
        columns[name] = _ROWS.join(getattr(r, name) or "" for r in rows)
    for name in _LISTS:
        columns[name] = _ROWS.join(_ITEMS.join(getattr(r, name)) for r in rows)
    for name in _NUMBERS:
        columns[name] = [getattr(r, name) for r in rows]
    columns["editorial"] = [int(r.editorial) for r in rows]
    return columns


def _shared(column: str) -> list[str]:
    """Split a column whose values repeat (a batch shares one refresh time): one string each."""
    seen: dict[str, str] = {}
    return [seen.setdefault(cell, cell) for cell in column.split(_ROWS)]


def _split_lists(column: str) -> list[tuple[str, ...]]:
    # Directors and genres repeat across films: one shared tuple per distinct value.
    seen: dict[str, tuple[str, ...]] = {"": ()}
    return [seen.get(cell) or seen.setdefault(cell, unpack(cell)) for cell in column.split(_ROWS)]


def decode(columns: dict[str, Any]) -> list[FilmSummary]:
    """The rows of a columns document, in stored order; ShapeError when it is not one that
    `encode` wrote (a wrong type, a column of another length)."""
    if columns.get("format") != FORMAT or not columns.get("id"):
        return []
    count = check_columns(columns, _TEXT + _LISTS, (*_NUMBERS, "editorial"))
    ids = columns["id"]
    text = {n: columns[n].split(_ROWS) for n in _TEXT if n not in _REPEATED}
    text.update((n, _shared(columns[n])) for n in _REPEATED)
    lists = {n: _split_lists(columns[n]) for n in _LISTS}
    for name, cells in (*text.items(), *lists.items()):
        if len(cells) != count:
            raise ShapeError(f"the {name!r} column has {len(cells)} rows for {count} films")
    refreshed = [value or None for value in text["refreshed_at"]]
    # tuple.__new__ straight from C: FilmSummary._make would run a Python frame per film.
    return list(
        map(
            tuple.__new__,
            repeat(FilmSummary),
            zip(
                ids, text["title"], text["original_title"], columns["year"], lists["directors"],
                text["packed_cast"], text["packed_characters"], lists["genres"],
                text["certification"], columns["rating"], columns["revenue"],
                columns["popularity"], text["packed_keywords"], refreshed,
                map(bool, columns["editorial"]), text["packed_crew"],
            ),
        )
    )  # fmt: skip


def _row_doc(row: FilmSummary) -> dict[str, Any]:
    """A delta row: the fields that differ from the defaults."""
    return {
        key: (list(value) if isinstance(value, tuple) else value)
        for key, value in row.fields().items()
        if key in ("id", "title") or value != _DEFAULTS[key]
    }


@contextmanager
def _no_gc():
    """Pause the cyclic GC while building 100,000+ rows: it would scan them all, repeatedly,
    and triple the load time. Afterwards the rows are frozen out of the GC's sight: they live
    as long as the process and form no cycles, so no later collection should walk them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class SlimIndex:
    """The index files under one store folder."""

    def __init__(self, root: Path) -> None:
        self.base_path = root / "index.json"
        self.delta_path = root / "index-delta.json"

    @property
    def paths(self) -> tuple[Path, Path]:
        return self.base_path, self.delta_path

    def load(self) -> list[FilmSummary]:
        """Every row (CorruptFileError when a file is unreadable)."""
        with _no_gc():
            base = read_checked(self.base_path)
            columns = _columns(self.base_path, base)
            try:
                rows = decode(columns)
            except ShapeError as error:
                raise CorruptFileError(self.base_path, f"wrong shape: {error}") from None
            changes = (read_checked(self.delta_path, check_delta) or {}).get("films", {})
            if changes:
                by_id = {r.id: r for r in rows}
                for key, doc in changes.items():
                    if doc.get("deleted"):
                        by_id.pop(int(key), None)
                    else:
                        by_id[int(key)] = FilmSummary(**doc)
                rows = list(by_id.values())
        return rows

    def apply(self, changes: dict[int, FilmSummary | None]) -> None:
        """Store changed rows (None drops a film); fold them into the columns when many."""
        with _batch(self.delta_path, "films") as table:
            table.remove(doc_ids=[i for i in changes if table.contains(doc_id=i)])
            table.insert_multiple(
                Document(_row_doc(tidy(row)) if row else {"deleted": True}, doc_id=film_id)
                for film_id, row in changes.items()
            )
            pending = len(table)
        if pending > COMPACT_AT:
            self.replace(self.load())

    def replace(self, rows: Iterable[FilmSummary]) -> None:
        """Write every row as the new columns and empty the delta.

        The columns land first: a crash before the delta is emptied only re-applies rows that
        are already in them.
        """
        with _batch(self.base_path, "columns") as table:
            table.truncate()
            table.insert(Document(encode(tidy(r) for r in rows), doc_id=1))
        with _batch(self.delta_path, "films") as table:
            table.truncate()


_SHAPES = {"films": check_delta, "columns": None}


def _columns(path: Path, base: dict[str, Any] | None) -> dict[str, Any]:
    """The columns document of index.json ({} when there is no file): StaleIndexError for an
    older layout, CorruptFileError for something filmtui never wrote."""
    if base is None:
        return {}
    tables = base.get("columns", {})
    columns = tables.get("1", {}) if type(tables) is dict else None
    if type(columns) is not dict:
        raise CorruptFileError(path, "wrong shape: no columns document")
    if columns.get("format") != FORMAT:
        raise StaleIndexError(path, "written by another version of filmtui")
    return columns


@contextmanager
def _batch(path: Path, name: str):
    """A TinyDB table whose writes land in one atomic file write on a clean exit."""
    db = TinyDB(path, storage=CachingMiddleware(AtomicJSONStorage), shape=_SHAPES[name])
    try:
        yield db.table(name)
        db.storage.flush()
    finally:
        db.storage.cache = None  # a failed batch must leave the old file in place

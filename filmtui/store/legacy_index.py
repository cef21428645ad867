"""The slim index as filmtui 0.x wrote it, read once to migrate a store to index.sqlite.

Two TinyDB files:
- `index.json` holds one document of *columns*: each text field of all films joined into one string
  (rows split by newline, list items by tab), numbers as arrays. Parsing a few long strings is
  many times cheaper than parsing 100,000 small objects, so start-up stays well under 0.3 s.
- `index-delta.json` holds rows changed since the columns were last written, one document per film
  (doc_id = film id). A refresh batch touches only this small file; when it grows past
  2,000 rows it was folded into the columns.
Rows are cleaned with `text.clean` on the way in, so the separators can never occur inside them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path
from typing import Any

from filmtui.models import PACK, FilmSummary, unpack
from filmtui.store.shapes import check_columns, check_delta
from filmtui.store.index import StaleIndexError
from filmtui.store.storage import CorruptFileError, ShapeError, read_checked

#: Version of the columns layout; the index is rebuilt from the film files when it differs.
FORMAT = 1
_ROWS, _ITEMS = "\n", PACK
_TEXT = (
    "title", "original_title", "certification", "refreshed_at",
    "packed_cast", "packed_characters", "packed_keywords",
)  # fmt: skip
_LISTS = ("directors", "genres")
_REPEATED = ("certification", "refreshed_at")
_NUMBERS = ("year", "rating", "revenue", "popularity")
#: The row fields the columns hold: a newer FilmSummary with more is migrated from the shards.
FIELDS = (
    "id", "title", "original_title", "year", "directors", "packed_cast", "packed_characters",
    "genres", "certification", "rating", "revenue", "popularity", "packed_keywords",
    "refreshed_at", "editorial",
)  # fmt: skip


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
                map(bool, columns["editorial"]),
            ),
        )
    )  # fmt: skip


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


class LegacyIndex:
    """The old index files under one store folder (read only, for the migration)."""

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

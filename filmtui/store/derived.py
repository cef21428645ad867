"""Derived start-up files: the first screenful of the list and the built search index, kept
beside the index so a start need not rebuild them.

Both are caches of the index files (index.json, index-delta.json) and nothing else: each is
stamped with those files' identity (inode, size, mtime in ns) and used only while the stamp
still matches, so any write to the index (a refresh, an add, a repair, another filmtui) makes
them stale and they are rebuilt from the index. A missing, damaged, stale or foreign file is
ignored (and replaced); it never costs a film or an error. A writer killed mid-write leaves
only a temporary file (`write_atomic`), swept with the store's others.

`list-head.json` (a few KB) is read on the event loop before the first frame; `search-index.bin`
(raw arrays and strings, see search_file.py; nothing in it runs as code) is read in the loading
worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from filmtui.models import FilmSummary
from filmtui.store.storage import write_atomic

if TYPE_CHECKING:  # the search package (and rapidfuzz) loads in the worker, not for a first frame
    from filmtui.search.columns import Columns

#: Bumped whenever what the files hold changes shape (a new row field; the search file has its
#: own format number too).
VERSION = 2
HEAD_ROWS = 80
Stamp = tuple[int, ...]


@dataclass(frozen=True)
class Head:
    """The list's first rows in title order, the film count, and whether any film is rated."""

    rows: list[FilmSummary]
    total: int
    rated: bool


class Derived:
    """The derived files under one store folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.index_paths = (root / "index.json", root / "index-delta.json")
        self.head_path = root / "list-head.json"
        self.search_path = root / "search-index.bin"
        self.old_search_path = root / "search.pickle"  # before search-index.bin: never read

    def stamp(self) -> Stamp | None:
        """The index files' identity now (a small store may have only the delta); None when
        neither exists (nothing to derive from)."""
        parts: list[int] = [VERSION]
        for path in self.index_paths:
            try:
                info = path.stat()
            except OSError:
                parts += [0, 0, 0]
                continue
            parts += [info.st_ino, info.st_size, info.st_mtime_ns]
        return tuple(parts) if any(parts[1:]) else None

    # The first screenful ---------------------------------------------------------------------

    def head(self) -> Head | None:
        """The first rows as last derived, if the index has not changed since."""
        stamp = self.stamp()
        if stamp is None:
            return None
        try:
            doc = orjson.loads(self.head_path.read_bytes())
            if tuple(doc["stamp"]) != stamp:
                return None
            rows = [FilmSummary(**row) for row in doc["rows"]]
            return Head(rows, int(doc["total"]), bool(doc["rated"]))
        except Exception:  # missing, damaged or of another shape: derived again after loading
            return None

    def save_head(self, stamp: Stamp | None, rows: Sequence[FilmSummary], total: int,
                  rated: bool) -> None:
        """Keep the first rows of the list (as read under `stamp`) for the next start."""
        if stamp is None:
            return
        doc = {
            "stamp": list(stamp), "total": total, "rated": rated,
            "rows": [_row_doc(row) for row in rows[:HEAD_ROWS]],
        }
        _quietly(write_atomic, self.head_path, orjson.dumps(doc), sync_dir=False)

    # The search index ------------------------------------------------------------------------

    def search_columns(self, stamp: Stamp | None) -> Columns | None:
        """The search index's columns saved under `stamp`, or None (then build them)."""
        if stamp is None:
            return None
        from filmtui.store import search_file

        return search_file.read(self.search_path, stamp)

    def save_search(self, stamp: Stamp | None, columns: Columns) -> None:
        """Keep the built search index (built under `stamp`) for the next start."""
        if stamp is None:
            return
        from filmtui.store import search_file

        try:
            search_file.write(self.search_path, stamp, columns)
        except (OSError, TypeError, ValueError):  # unwritable, or a stamp that is not JSON
            pass
        _quietly(self.old_search_path.unlink, missing_ok=True)


def _row_doc(row: FilmSummary) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in row.fields().items()}


def _quietly(write: Any, *args: Any, **kwargs: Any) -> None:
    """A cache that cannot be written (read-only folder, full disk) is simply not kept."""
    try:
        write(*args, **kwargs)
    except OSError:
        pass

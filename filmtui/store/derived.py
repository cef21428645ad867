"""Derived start-up files: the built search index, kept beside the list index so a start need
not rebuild it.

A cache of the list index (index.sqlite) and nothing else: stamped with that index's identity
(its instance and the generation every write transaction bumps) and used only while the stamp
still matches, so any write to the index (a refresh, an add, a repair, another filmtui) makes it
stale and it is rebuilt. A missing, damaged, stale or foreign file is ignored (and replaced); it
never costs a film or an error. A writer killed mid-write leaves only a temporary file
(`write_atomic`), swept with the store's others.

`search-index.bin` (raw arrays and strings, see search_file.py; nothing in it runs as code) is
read in the loading worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from filmtui.store.index import ListIndex

if TYPE_CHECKING:  # the search package (and rapidfuzz) loads in the worker, not for a first frame
    from filmtui.search.columns import Columns

#: Bumped whenever what the files hold changes shape (a new row field; the search file has its
#: own format number too).
VERSION = 4
Stamp = tuple[int, ...]


class Derived:
    """The derived files under one store folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.search_path = root / "search-index.bin"
        self.old_search_path = root / "search.pickle"  # before search-index.bin: never read
        self._index = ListIndex(root)

    def stamp(self) -> Stamp | None:
        """The list index's identity now; None when there is none (nothing to derive from)."""
        identity = self._index.identity()
        return None if identity is None else (VERSION, *identity)

    # The search index ------------------------------------------------------------------------

    def search_columns(self, stamp: Stamp | None) -> Columns | None:
        """The search index's columns saved under `stamp`, or None (then build them)."""
        if stamp is None:
            return None
        from filmtui.store import search_file

        return search_file.read(self.search_path, stamp)

    def earlier_search_columns(self, stamp: Stamp | None) -> Columns | None:
        """The search index's columns saved under an earlier generation of this same list
        index (same VERSION and instance): films written since are missing from it, or as
        they were. Searchable at once while the current one is built; None when there is none."""
        if stamp is None:
            return None
        from filmtui.store import search_file

        def earlier(saved: Any) -> bool:
            return (
                type(saved) is list and len(saved) == len(stamp) and saved[:-1] == list(stamp[:-1])
                and type(saved[-1]) is int and saved[-1] < stamp[-1]
            )  # fmt: skip

        return search_file.read_if(self.search_path, earlier)

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


def _quietly(write: Any, *args: Any, **kwargs: Any) -> None:
    """A cache that cannot be written (read-only folder, full disk) is simply not kept."""
    try:
        write(*args, **kwargs)
    except OSError:
        pass

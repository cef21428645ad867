"""Derived start-up files: the built search index, kept beside the list index so a start need
not rebuild it.

A cache of the list index (index.sqlite) and nothing else: stamped with that index's identity
(its instance and the generation every write transaction bumps) and used only while the stamp
still matches, so any write to the index (a refresh, an add, a repair, another filmtui) makes it
stale and it is rebuilt. A missing, damaged, stale or foreign file is ignored (and replaced); it
never costs a film or an error. A writer killed mid-write leaves only a temporary file
(`write_atomic`), swept with the store's others.

`search.pickle` (~15 MB at 100,000 films; ~8x faster to load than to build) is read in the
loading worker. Pickle runs code from the file it reads, so it is read only when the user owns it.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

from filmtui.store.index import ListIndex
from filmtui.store.storage import write_atomic

#: Bumped whenever what the files hold changes shape (a new Columns field, a new row field).
VERSION = 2
Stamp = tuple[int, ...]


class Derived:
    """The derived files under one store folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.search_path = root / "search.pickle"
        self._index = ListIndex(root)

    def stamp(self) -> Stamp | None:
        """The list index's identity now; None when there is none (nothing to derive from)."""
        identity = self._index.identity()
        return None if identity is None else (VERSION, *identity)

    # The search index ------------------------------------------------------------------------

    def search_columns(self, stamp: Stamp | None) -> Any | None:
        """The search index's columns saved under `stamp`, or None (then build them)."""
        if stamp is None:
            return None
        try:
            with open(self.search_path, "rb") as handle:
                owner = getattr(os, "getuid", None)
                if owner is not None and os.fstat(handle.fileno()).st_uid != owner():
                    return None  # not the user's own file: never unpickle it
                saved_stamp, columns = pickle.load(handle)
        except Exception:
            return None
        return columns if tuple(saved_stamp) == stamp else None

    def save_search(self, stamp: Stamp | None, columns: Any) -> None:
        if stamp is None:
            return
        payload = pickle.dumps((list(stamp), columns), protocol=pickle.HIGHEST_PROTOCOL)
        _quietly(write_atomic, self.search_path, payload, sync_dir=False)


def _quietly(write: Any, *args: Any, **kwargs: Any) -> None:
    """A cache that cannot be written (read-only folder, full disk) is simply not kept."""
    try:
        write(*args, **kwargs)
    except OSError:
        pass

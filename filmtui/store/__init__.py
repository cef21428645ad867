"""The only layer that touches TinyDB: filmtui's films, on disk, safe against crashes and races.

Names are imported on first use, so the list index (store/index.py, SQLite only) can be read
without loading TinyDB.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from filmtui.store.recent import read_recent, write_recent
    from filmtui.store.errors import CorruptFileError, StoreError
    from filmtui.store.storage import write_atomic
    from filmtui.store.store import SCHEMA, Store, TmdbUpdate

_HOMES = {
    "read_recent": "recent", "write_recent": "recent",
    "CorruptFileError": "errors", "StoreError": "errors", "write_atomic": "storage",
    "SCHEMA": "store", "Store": "store", "TmdbUpdate": "store",
}  # fmt: skip

__all__ = ["SCHEMA", "CorruptFileError", "Store", "StoreError", "TmdbUpdate", "read_recent", "write_atomic",
           "write_recent"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'filmtui.store' has no attribute {name!r}")
    return getattr(import_module(f"filmtui.store.{home}"), name)

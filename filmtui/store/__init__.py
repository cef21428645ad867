"""The only layer that touches TinyDB: filmtui's films, on disk, safe against crashes and races."""

from filmtui.store.recent import read_recent, write_recent
from filmtui.store.storage import CorruptFileError, StoreError, write_atomic
from filmtui.store.store import SCHEMA, Store, TmdbUpdate

__all__ = ["SCHEMA", "CorruptFileError", "Store", "StoreError", "TmdbUpdate", "read_recent", "write_atomic",
           "write_recent"]

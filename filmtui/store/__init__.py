"""The only layer that touches TinyDB: filmtui's films, on disk, safe against crashes and races."""

from filmtui.store.store import SCHEMA, Store, StoreError, TmdbUpdate

__all__ = ["SCHEMA", "Store", "StoreError", "TmdbUpdate"]

"""user.json, the user's own file: read again whenever it changed on disk, written whole.

A long-lived filmtui (the browser) must see what another terminal wrote meanwhile, so every read
checks the file's identity (inode, size, mtime) and parses it again when it moved; an unchanged
file costs one stat. A read-modify-write never trusts this cache: the store reads the file fresh
under its lock (see Store.update_user).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from filmtui.store.shapes import TABLE, check_user, salvage_user, table
from filmtui.store.storage import CorruptFileError, read_checked, read_json, write_atomic

Stamp = tuple[int, int, int] | None


def stamp(path: Path) -> Stamp:
    """What identifies this version of the file (None: no file). os.replace gives every write a
    new inode, so two versions never share one even within a timestamp's resolution."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


class UserFile:
    """The documents of user.json (film id as text -> the stored object)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: Stamp | bool = False  # False: never read
        self._docs: dict[str, dict[str, Any]] = {}

    def read(self, *, fresh: bool = False) -> dict[str, dict[str, Any]]:
        """The documents as on disk now (parsed again only when the file changed, or when
        `fresh`). CorruptFileError, with the sound documents as `salvage`, for a bad file."""
        now = stamp(self.path)
        if not fresh and now == self._stamp:
            return self._docs
        try:
            data = read_checked(self.path, check_user)
        except CorruptFileError as error:
            raw = _parsed_or_none(self.path)
            raise CorruptFileError(error.path, error.reason, salvage_user(raw)) from None
        self._docs = table(data) if data else {}
        self._stamp = now
        return self._docs

    def write(self, docs: dict[str, dict[str, Any]]) -> None:
        """Replace the file with `docs` (atomically, see storage.write_atomic)."""
        write_atomic(self.path, orjson.dumps({TABLE: docs}))
        self._docs, self._stamp = docs, stamp(self.path)

    @property
    def version(self) -> Stamp:
        """A token that changes whenever the file does (cheap: one stat)."""
        return stamp(self.path)


def _parsed_or_none(path: Path) -> Any:
    try:
        return read_json(path)
    except CorruptFileError:
        return None

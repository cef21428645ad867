"""The store's errors (apart from storage.py, so the list index can raise them without TinyDB)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class StoreError(Exception):
    """A problem the user must act on, said in one line (a newer schema, an unwritable folder)."""


class CorruptFileError(Exception):
    """A store file that exists but cannot be used: undecodable, or of the wrong shape."""

    def __init__(self, path: Path, reason: str, salvage: Any = None) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason
        self.salvage = salvage
        """What of the file is still sound, for files that keep it (user.json)."""


class ShapeError(ValueError):
    """Raised by a shape check: the reason a parsed file is not what filmtui wrote."""

"""A TinyDB storage that survives crashes: every write is a new file swapped in atomically.

TinyDB's stock JSONStorage rewrites its file in place, so a process killed mid-write leaves a
truncated file. Here a write goes to a temporary file in the same folder, is flushed and fsynced,
then `os.replace`d over the old one: readers see the old file or the new one, never half.
Serialisation is orjson, which parses the 100,000-film index fast enough for start-up.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage


class CorruptFileError(Exception):
    """A store file that exists but cannot be parsed."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path


def write_atomic(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash leaves either the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def fsync_dir(path: Path) -> None:
    """Make renames inside `path` durable (a no-op where directories cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_json(path: Path) -> Any | None:
    """The parsed content of `path`, None when it does not exist; CorruptFileError when unreadable."""
    try:
        payload = path.read_bytes()
    except FileNotFoundError:
        return None
    if not payload.strip():
        raise CorruptFileError(path, "the file is empty")
    try:
        return orjson.loads(payload)
    except orjson.JSONDecodeError as error:
        raise CorruptFileError(path, f"not valid JSON ({error})") from None


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file, written atomically (see module docstring)."""

    def __init__(self, path: str | Path, **_: Any) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = read_json(self.path)
        if data is not None and not isinstance(data, dict):
            raise CorruptFileError(self.path, "expected a JSON object at the top")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomic(self.path, orjson.dumps(data))

    def close(self) -> None:
        pass


@contextlib.contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on `lock_path` (other filmtui processes wait for it)."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

"""A TinyDB storage that survives crashes: every write is a new file swapped in atomically.

TinyDB's stock JSONStorage rewrites its file in place, so a process killed mid-write leaves a
truncated file. Here a write goes to a temporary file in the same folder, is flushed and fsynced,
then `os.replace`d over the old one: readers see the old file or the new one, never half.
Serialisation is orjson, which parses the 100,000-film index fast enough for start-up.

A file that parses but has the wrong shape (a list where a table belongs, a string for a number)
is as damaged as one that does not parse: the storage checks it with a `shape` function and says
CorruptFileError either way, so no reader meets a wrong type deep inside a command.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import tempfile
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from filmtui.store.errors import CorruptFileError, ShapeError, StoreError  # noqa: F401 (their old home)



@functools.cache
def _file_lock() -> tuple[type, bool]:
    """filelock's lock class, and whether it is its lock-file fallback (no fcntl nor msvcrt).

    Imported on first use: it costs ~40 ms, and start-up only reads. Where the OS has no
    fcntl, filelock warns at import that it falls back to a lock file that records its holder's
    pid; that lock is still safe for us, and the warning is not the user's concern.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import filelock
    return filelock.FileLock, filelock.FileLock is filelock.SoftFileLock


def write_atomic(
    path: Path, payload: bytes | Sequence[bytes | memoryview], *, sync_dir: bool = True
) -> None:
    """Replace `path` with `payload` (bytes, or blocks written one after another, so a large
    file need not be joined in memory first) so that a crash leaves either the old or the new
    file.

    `sync_dir=False` leaves the folder's fsync to the caller (a batch of shards syncs it once).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines([payload] if isinstance(payload, bytes) else payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if sync_dir:
        fsync_dir(path.parent)


#: How `write_atomic` names its temporary files: `.NAME.XXXXXXXX.tmp` (mkstemp's 8 characters).
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"\.[^/\\]+\.[a-z0-9_]{8}\.tmp")


def temp_files(folder: Path) -> list[Path]:
    """The temporary files `write_atomic` left in `folder` (a writer killed mid-write)."""
    try:
        with os.scandir(folder) as entries:
            return [
                Path(entry.path)
                for entry in entries
                if entry.name.endswith(TEMP_SUFFIX) and _TEMP_NAME.fullmatch(entry.name)
            ]
    except OSError:  # no such folder, or not readable: nothing to sweep
        return []


def fsync_dir(path: Path) -> None:
    """Make renames inside `path` durable (a no-op where directories cannot be opened, as on
    Windows)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_json(path: Path) -> Any | None:
    """The parsed content of `path`, None when it does not exist; CorruptFileError when it does
    not parse, StoreError when it cannot be read at all (no permission, a folder in its place)."""
    try:
        payload = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror or error}") from None
    if not payload.strip():
        raise CorruptFileError(path, "the file is empty")
    try:
        return orjson.loads(payload)
    except orjson.JSONDecodeError as error:
        raise CorruptFileError(path, f"not valid JSON: {error}") from None


def read_checked(path: Path, shape: Callable[[dict[str, Any]], None] | None = None) -> Any | None:
    """`read_json`, then `shape(data)`: CorruptFileError when the file is not a JSON object of
    the shape filmtui writes."""
    data = read_json(path)
    if data is None:
        return None
    if not isinstance(data, dict):
        raise CorruptFileError(path, "wrong shape: not a JSON object")
    if shape is not None:
        try:
            shape(data)
        except ShapeError as error:
            raise CorruptFileError(path, f"wrong shape: {error}") from None
    return data


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file, written atomically and checked on read (see module
    docstring). Extra keywords from TinyDB(...): `shape`, the check; `sync_dir`, see write_atomic."""

    def __init__(
        self,
        path: str | Path,
        shape: Callable[[dict[str, Any]], None] | None = None,
        sync_dir: bool = True,
        **_: Any,
    ) -> None:
        self.path = Path(path)
        self.shape = shape
        self.sync_dir = sync_dir

    def read(self) -> dict[str, dict[str, Any]] | None:
        return read_checked(self.path, self.shape)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomic(self.path, orjson.dumps(data), sync_dir=self.sync_dir)

    def close(self) -> None:
        pass


@contextlib.contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path` (other filmtui processes wait for it).

    filelock takes flock on POSIX and msvcrt.locking on Windows: the OS drops either when the
    holder dies, so a killed filmtui never leaves the store locked (its lock-file fallback checks
    the holder's pid). OSError (a read-only folder) when the lock file cannot be opened.
    """
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    file_lock, soft = _file_lock()
    if soft:
        # A lock file left empty by flock would read as a holder that never lets go.
        lock_path = lock_path.with_name(f"{lock_path.name}-soft")
    lock = file_lock(lock_path, timeout=-1, thread_local=False)
    lock.acquire()
    try:
        yield
    finally:
        lock.release()

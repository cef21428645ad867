"""The built search index on disk, as raw arrays and strings: nothing in it can run as code.

Layout: a magic line; the header's length (4 bytes, little-endian); the header (JSON: format,
byte order, the stamp it was built under, a CRC-32 of the payload and each part's name, kind
and size); then the parts' bytes end to end. Reading checks the magic, format, byte order and
stamp before the payload is read at all, then its size and checksum, then that the parts fit
together (search/parts.py). Anything wrong, and the file is ignored: the index is built again.

The payload is read and checked a few MB at a time: file reads and CRC-32 let other threads run
while they work, and between chunks (and parts) the loading worker yields, so keys typed while
it loads are echoed at once rather than after one long call holding the interpreter.
"""

from __future__ import annotations

import sys
import time
import zlib
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from filmtui.search.columns import Columns
from filmtui.search.parts import DamagedParts, Part, from_parts, to_parts
from filmtui.store.storage import write_atomic

MAGIC = b"filmtui search index\n"
#: Bumped whenever the parts change (a new Columns field, another packing).
FORMAT = 1
CHUNK = 4 << 20  # bytes read, checked or decoded between pauses for other threads


def blocks(stamp: Sequence[Any], columns: Columns) -> list[bytes | memoryview]:
    """The file's bytes for `columns`, built under `stamp` (any JSON-able sequence), as blocks
    to write one after another: the arrays as views of themselves, not copies."""
    data: list[bytes | memoryview] = []
    described: list[list[Any]] = []
    crc = 0
    for name, part in to_parts(columns).items():
        block: bytes | memoryview
        if isinstance(part, array):
            kind, block = f"a{part.typecode}", memoryview(part).cast("B")
        elif isinstance(part, str):
            kind, block = "s", part.encode("utf-8", "surrogatepass")
        else:
            kind, block = "b", bytes(part)
        described.append([name, kind, len(block)])
        crc = zlib.crc32(block, crc)
        data.append(block)
    header = orjson.dumps({
        "format": FORMAT, "byteorder": sys.byteorder, "stamp": list(stamp), "crc": crc,
        "parts": described,
    })  # fmt: skip
    return [MAGIC, len(header).to_bytes(4, "little"), header, *data]


def write(path: Path, stamp: Sequence[Any], columns: Columns) -> None:
    """Save `columns` for the index state `stamp` (atomically: a reader sees old or new)."""
    write_atomic(path, blocks(stamp, columns), sync_dir=False)


def read(path: Path, stamp: Sequence[Any]) -> Columns | None:
    """The columns saved under `stamp`, or None: no file, another stamp (stale), another
    program's or version's file, or damaged. Never raises for what the file holds."""
    try:
        with open(path, "rb") as handle:
            header = _header(handle, stamp)
            if header is None:
                return None
            payload = _payload(handle, header)
        return None if payload is None else from_parts(_parts(payload, header["parts"]))
    except (OSError, ValueError, TypeError, KeyError, IndexError, OverflowError, MemoryError):
        return None  # DamagedParts and UnicodeDecodeError are ValueErrors


def _header(handle: Any, stamp: Sequence[Any]) -> dict[str, Any] | None:
    """The header, when the file is ours, of this format and byte order and `stamp`."""
    if handle.read(len(MAGIC)) != MAGIC:
        return None
    size = int.from_bytes(handle.read(4), "little")
    if size > 1 << 24:
        return None
    header = orjson.loads(handle.read(size))
    if type(header) is not dict or header.get("format") != FORMAT:
        return None
    if header.get("byteorder") != sys.byteorder:
        return None
    # Compared as JSON, so a stamp of any JSON-able values compares as it was written.
    if orjson.dumps(header.get("stamp")) != orjson.dumps(list(stamp)):
        return None
    parts = header.get("parts")
    if type(parts) is not list or not all(_described(p) for p in parts):
        return None
    return header


def _described(part: Any) -> bool:
    return (
        type(part) is list and len(part) == 3 and type(part[0]) is str
        and type(part[1]) is str and type(part[2]) is int and part[2] >= 0
    )  # fmt: skip


def _payload(handle: Any, header: dict[str, Any]) -> memoryview | None:
    """The payload, read and checksummed a chunk at a time; None when short, long or damaged."""
    size = sum(part[2] for part in header["parts"])
    payload = bytearray(size)
    view = memoryview(payload)
    done = 0
    while done < size:
        got = handle.readinto(view[done : done + CHUNK])
        if not got:
            return None  # shorter than its header says
        done += got
        time.sleep(0)
    if handle.read(1):
        return None  # longer: not what was written
    crc = 0
    for start in range(0, size, CHUNK):
        crc = zlib.crc32(view[start : start + CHUNK], crc)
        time.sleep(0)
    return view if crc == header.get("crc") else None


def _parts(payload: memoryview, described: list[list[Any]]) -> dict[str, Part]:
    """Each part of the payload as its kind."""
    parts: dict[str, Part] = {}
    at = 0
    for name, kind, size in described:
        data = payload[at : at + size]
        at += size
        part: Part
        if kind[:1] == "a" and len(kind) == 2:
            part = array(kind[1])
            if size % part.itemsize:
                raise DamagedParts(f"{name}: not whole items")
            part.frombytes(data)
        elif kind == "s":
            part = str(data, "utf-8", "surrogatepass")
        elif kind == "b":
            part = bytes(data)
        else:
            raise DamagedParts(f"{name}: unknown kind {kind[:8]!r}")
        parts[name] = part
        if size > CHUNK // 4:
            time.sleep(0)
    return parts

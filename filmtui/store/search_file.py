"""The built search index on disk, as raw arrays and strings: nothing in it can run as code.

Layout: a magic line; the header's length (4 bytes, little-endian); the header (JSON: format,
byte order, the stamp it was built under, a CRC-32 of the payload and each part's name, kind
and size); then the parts' bytes end to end. Reading checks the magic, format, byte order and
stamp before the payload is read at all, then its size and checksum, then that the parts fit
together (search/parts.py). Anything wrong, and the file is ignored: the index is built again.

The payload is read a part at a time, straight into each part's array or string, and a few MB at
a time: file reads and CRC-32 let other threads run while they work, and between chunks (and
parts) the loading worker yields, so keys typed while
it loads are echoed at once rather than after one long call holding the interpreter.
"""

from __future__ import annotations

import codecs
import sys
import time
import zlib
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import orjson

from filmtui.search.columns import Columns
from filmtui.search.parts import DamagedParts, Part, from_parts, to_parts
from filmtui.store.storage import write_atomic

MAGIC = b"filmtui search index\n"
#: Bumped whenever the parts change (a new Columns field, another packing).
FORMAT = 1
CHUNK = 4 << 20  # bytes read or checked between pauses for other threads
TEXT_CHUNK = 1 << 20  # bytes decoded between pauses (decoding is slower than a copy)


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
    # Compared as JSON, so a stamp of any JSON-able values compares as it was written.
    try:
        wanted = orjson.dumps(list(stamp))
    except TypeError:
        return None  # no file can have been saved under it
    return read_if(path, lambda saved: orjson.dumps(saved) == wanted)


def read_if(path: Path, fits: Callable[[Any], bool]) -> Columns | None:
    """`read`, for the columns saved under any stamp that `fits` (given the stamp as the file
    holds it, a JSON list); checked before the payload is read."""
    try:
        with open(path, "rb") as handle:
            header = _header(handle, fits)
            if header is None:
                return None
            parts = _parts(handle, header)
        return None if parts is None else from_parts(parts)
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError, OverflowError,
            MemoryError):
        return None  # DamagedParts and UnicodeDecodeError are ValueErrors


def _header(handle: Any, fits: Callable[[Any], bool]) -> dict[str, Any] | None:
    """The header, when the file is ours, of this format and byte order and a stamp that fits."""
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
    if not fits(header.get("stamp")):
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


def _parts(handle: Any, header: dict[str, Any]) -> dict[str, Part] | None:
    """Each part read straight into its own array or string, a chunk at a time, the checksum
    kept as it goes; None when the payload is short, long or damaged. Part by part, so memory
    never holds the payload and its parts at once (a 1M index is ~190 MB)."""
    parts: dict[str, Part] = {}
    crc = 0
    for name, kind, size in header["parts"]:
        part: Part
        if kind[:1] == "a" and len(kind) == 2:
            part = array(kind[1])
            if size % part.itemsize:
                raise DamagedParts(f"{name}: not whole items")
            left = size // part.itemsize
            while left:
                step = min(left, CHUNK // part.itemsize)
                part.fromfile(handle, step)  # EOFError when the file is short
                left -= step
                time.sleep(0)
            crc = zlib.crc32(memoryview(part).cast("B"), crc)
        elif kind == "s":
            text, crc = _text(handle, size, crc)
            if text is None:
                return None  # shorter than its header says
            part = text
        elif kind == "b":
            data = handle.read(size)
            if len(data) != size:
                return None  # shorter than its header says
            crc = zlib.crc32(data, crc)
            part = data
        else:
            raise DamagedParts(f"{name}: unknown kind {kind[:8]!r}")
        parts[name] = part
        time.sleep(0)
    if handle.read(1):
        return None  # longer: not what was written
    return parts if crc == header.get("crc") else None


def _text(handle: Any, size: int, crc: int) -> tuple[str | None, int]:
    """A string part of `size` bytes, decoded TEXT_CHUNK bytes at a time with a pause between
    (decoding holds the interpreter: 20 ms for each of a 1M index's two 15 MB title blobs in
    one call, about 1 ms a chunk); None when the file ends first. Also the checksum so far."""
    decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
    pieces: list[str] = []
    left = size
    while left:
        data = handle.read(min(left, TEXT_CHUNK))
        if not data:
            return None, crc
        left -= len(data)
        crc = zlib.crc32(data, crc)
        pieces.append(decoder.decode(data, final=not left))
        time.sleep(0)
    return "".join(pieces), crc

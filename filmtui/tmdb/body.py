"""Reading a TMDB answer without trusting its size or shape.

The body is read in chunks and given up as soon as it passes `MAX_BODY` bytes on the wire or
`MAX_DECODED` once unzipped (decompression is bounded per step, so a gzip bomb never expands
in memory). The JSON is then checked: nested at most `MAX_DEPTH` deep, and no number outside
64 bits (orjson reads those as floats, and the store cannot write them back).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

#: Largest answer read, as sent and once unzipped. TMDB's biggest film with everything appended
#: is about 0.3 MB; search pages and change lists are smaller.
MAX_BODY = 8 * 1024 * 1024
MAX_DECODED = 8 * 1024 * 1024
#: TMDB's answers nest about 5 deep.
MAX_DEPTH = 32
#: Numbers a 64-bit integer holds.
_LOW, _HIGH = -(2**63), 2**63 - 1


class BadBody(Exception):
    """The answer is too big, undecodable or of a shape we refuse; `str()` says which.

    `transient`: a broken transfer (bad compression, cut JSON) that asking again may mend.
    """

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


def read_body(chunks: Iterator[bytes], encoding: str, length: str | None) -> bytes:
    """The decoded body from raw `chunks` (as sent, `Content-Encoding: encoding`)."""
    if length is not None and length.strip().isdigit() and int(length) > MAX_BODY:
        raise BadBody(f"the answer is too large ({int(length) // 1024} KB)")
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        inflater = None
    elif encoding in ("gzip", "x-gzip", "deflate"):
        inflater = zlib.decompressobj(wbits=47)  # gzip or zlib header, told apart by zlib
    else:
        raise BadBody(f"the answer uses an unknown encoding ({encoding[:20]})")
    raw = 0
    out = bytearray()
    for chunk in chunks:
        raw += len(chunk)
        if raw > MAX_BODY:
            raise BadBody(f"the answer is too large (over {MAX_BODY // 1024 // 1024} MB)")
        if inflater is None:
            out += chunk
        else:
            _inflate(inflater, chunk, out)
        if len(out) > MAX_DECODED:
            raise BadBody(f"the answer unzips to over {MAX_DECODED // 1024 // 1024} MB")
    if inflater is not None:
        try:
            out += inflater.flush()
        except zlib.error:
            raise BadBody("the answer's compression is broken", transient=True) from None
    return bytes(out)


def _inflate(inflater: Any, chunk: bytes, out: bytearray) -> None:
    """Unzip `chunk` into `out`, never more than one byte past the cap in one step."""
    data = chunk
    try:
        while data:
            room = MAX_DECODED - len(out) + 1
            out += inflater.decompress(data, room)
            if len(out) > MAX_DECODED:
                return
            data = inflater.unconsumed_tail
    except zlib.error:
        raise BadBody("the answer's compression is broken", transient=True) from None


def parse_object(body: bytes) -> dict[str, Any]:
    """The JSON object in `body`; BadBody for malformed JSON, another type, or a refused shape."""
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        if "depth" in str(error) or "recursion" in str(error).lower():
            raise BadBody(f"the answer nests deeper than {MAX_DEPTH} levels") from None
        if "infinity" in str(error):
            raise BadBody("the answer holds a number too large to store") from None
        raise BadBody("malformed JSON in the answer", transient=True) from None
    if not isinstance(data, dict):
        raise BadBody("the answer is not a JSON object", transient=True)
    check_shape(data)
    return data


def check_shape(data: Any) -> None:
    """BadBody when `data` nests deeper than MAX_DEPTH or holds a number past 64 bits."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            if isinstance(value, (int, float)) and not isinstance(value, bool) \
                    and not _LOW <= value <= _HIGH:
                raise BadBody("the answer holds a number too large to store")
            continue
        if depth > MAX_DEPTH:
            raise BadBody(f"the answer nests deeper than {MAX_DEPTH} levels")
        stack.extend((child, depth + 1) for child in children)

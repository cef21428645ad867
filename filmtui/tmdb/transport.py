"""Connections that can be cut: an overall deadline per request, and `abort()` from any thread.

httpx's timeouts are per read: a server that drips one byte every half second never trips
them. And a thread blocked in `recv` cannot be woken by closing the client from another thread
(on Linux, `close()` leaves the blocked `recv` waiting). So every socket httpx opens goes
through `CuttableBackend`, which

- caps each read and write at the time left before the calling thread's deadline
  (`deadline(seconds)`, a context manager), raising httpcore's own timeout when it has passed;
- keeps the open sockets, so `abort()` can `shutdown()` them: a blocked read returns at once.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

_local = threading.local()


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Every socket read and write by this thread inside the block ends by `seconds` from now."""
    outer = getattr(_local, "until", None)
    until = None if seconds is None else time.monotonic() + seconds
    if outer is not None and (until is None or outer < until):
        until = outer  # an enclosing, earlier deadline still holds
    _local.until = until
    try:
        yield
    finally:
        _local.until = outer


def _time_left(timeout: float | None) -> float | None:
    """`timeout`, shortened to this thread's deadline; raises when the deadline has passed."""
    until = getattr(_local, "until", None)
    if until is None:
        return timeout
    left = until - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


class _CuttableStream(httpcore.NetworkStream):
    """A socket stream that honours the deadline and can be shut down from another thread."""

    def __init__(self, inner: httpcore.NetworkStream, backend: CuttableBackend) -> None:
        self._inner = inner
        self._backend = backend
        backend._opened(self)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        self._backend.check()
        data = self._inner.read(max_bytes, _time_left(timeout))
        self._backend.check()  # a shutdown reads as b"" (end of stream): say why instead
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._backend.check()
        self._inner.write(buffer, _time_left(timeout))

    def close(self) -> None:
        self._backend._closed(self)
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        self._backend._closed(self)
        return _CuttableStream(
            self._inner.start_tls(ssl_context, server_hostname, _time_left(timeout)), self._backend
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)

    def shutdown(self) -> None:
        sock = self._inner.get_extra_info("socket")
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed or never connected


class CuttableBackend(httpcore.SyncBackend):
    """httpcore's own sync backend, with every stream it opens wrapped (see module doc)."""

    def __init__(self) -> None:
        self.aborted = threading.Event()
        self._lock = threading.Lock()
        self._streams: set[_CuttableStream] = set()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        self.check()
        inner = super().connect_tcp(host, port, _time_left(timeout), local_address, socket_options)
        stream = _CuttableStream(inner, self)
        if self.aborted.is_set():  # aborted while connecting: this one was not shut down
            stream.shutdown()
            self.check()
        return stream

    def check(self) -> None:
        """Raise httpcore's ReadError once aborted (httpx maps it to a transport error)."""
        if self.aborted.is_set():
            raise httpcore.ReadError("aborted")

    def abort(self) -> None:
        """Cut every open connection now; every later read, write or connect fails at once."""
        self.aborted.set()
        with self._lock:
            streams = list(self._streams)
        for stream in streams:
            stream.shutdown()

    def _opened(self, stream: _CuttableStream) -> None:
        with self._lock:
            self._streams.add(stream)

    def _closed(self, stream: _CuttableStream) -> None:
        with self._lock:
            self._streams.discard(stream)


def cuttable_transport(limits: httpx.Limits, backend: CuttableBackend | None = None
                       ) -> tuple[httpx.HTTPTransport, CuttableBackend]:
    """An httpx transport whose connections go through `backend` (a new one by default)."""
    transport = httpx.HTTPTransport(limits=limits)
    backend = backend or CuttableBackend()
    pool = getattr(transport, "_pool", None)
    # httpx does not take a network backend; its pool (httpcore's ConnectionPool) does.
    if pool is not None and hasattr(pool, "_network_backend"):
        pool._network_backend = backend
    return transport, backend

"""Fixtures for the TMDB tests: a stand-in TMDB on loopback, and filmtui pointed at it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from filmtui.config import Config, load_config
from filmtui.store import Store

from .server import FakeTmdb, point_filmtui_at, real_films, synthetic

TOKEN = "tok-3f9a1c-SECRET-never-print"
API_KEY = "key-77b2e0-SECRET-never-print"

#: Settings of ours that a developer's shell could carry into a test.
_OUR_VARS = ("FILMTUI_RATE_LIMIT", "FILMTUI_TMDB_CONCURRENCY", "FILMTUI_TMDB_TIMEOUT",
             "FILMTUI_TMDB_RETRIES", "FILMTUI_TMDB_BACKOFF", "FILMTUI_TMDB_MAX_RETRY_AFTER",
             "FILMTUI_TMDB_DEADLINE", "FILMTUI_TMDB_GIVE_UP_AFTER")


@pytest.fixture(scope="module")
def tmdb_server() -> Iterator[FakeTmdb]:
    """One server per test module (reset before each test by `tmdb`)."""
    with FakeTmdb(token=TOKEN, api_key=API_KEY) as server:
        yield server


@pytest.fixture
def tmdb(tmdb_server: FakeTmdb) -> FakeTmdb:
    """The module's server, back to its starting films, with no faults, cap or log."""
    server = tmdb_server
    server.films = real_films()
    server.changed = []
    server.missing_images = set()
    server.rate = None
    server.retry_after = "0.05"
    server.slow_seconds = 1.0
    server.drip_seconds = 0.5
    server.always = {}
    server.token, server.api_key = TOKEN, API_KEY
    server._faults.clear()
    server.reset_log()
    server.max_in_flight = 0
    return server


@pytest.fixture
def tmdb_env(tmdb: FakeTmdb, monkeypatch: pytest.MonkeyPatch) -> FakeTmdb:
    """filmtui pointed at the server with a token, and short timeouts and backoffs."""
    for name in _OUR_VARS:
        monkeypatch.delenv(name, raising=False)
    point_filmtui_at(tmdb, monkeypatch, TOKEN, timeout="0.5")
    return tmdb


@pytest.fixture
def config(tmdb_env: FakeTmdb) -> Config:
    return load_config()


@pytest.fixture
def store(isolated_env) -> Store:
    """The user's store, seeded from the embedded catalogue."""
    return Store.open()


def serve_catalogue(tmdb: FakeTmdb, store: Store) -> None:
    """Give every film in the store a body on the server (real ones where the samples have them)."""
    for summary in store.summaries():
        if summary.id not in tmdb.films:
            tmdb.add(synthetic(summary.id, summary.title, summary.year or 1990))


def run_filmtui(*args: str, env: dict[str, str] | None = None, unset: tuple[str, ...] = (),
                stdin: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -m filmtui ARGS` as a user runs it, with this test's environment (plus `env`,
    less `unset`)."""
    environ = {k: v for k, v in {**os.environ, **(env or {})}.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "-m", "filmtui", *args],
        capture_output=True, text=True, input=stdin if stdin is not None else "",
        env=environ, timeout=timeout,
    )

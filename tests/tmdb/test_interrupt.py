"""Ctrl-C and cancelling: a refresh saves every film it reported, cuts what is in flight, and
exits 130 at once; a client's requests can be aborted from another thread."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from filmtui.config import Config
from filmtui.store import Store, TmdbUpdate
from filmtui.tmdb import Unavailable
from filmtui.tmdb.client import TmdbClient
from filmtui.tmdb.mapping import map_movie

from .server import FakeTmdb, synthetic

HERE = Path(__file__).resolve().parent
OLD = "2000-01-01T00:00:00+00:00"


def stale_films(tmdb: FakeTmdb, count: int, first: int = 940_000) -> list[int]:
    """`count` films in the store with old placeholder data, served by `tmdb`."""
    ids = list(range(first, first + count))
    for film_id in ids:
        tmdb.add(synthetic(film_id, f"Film {film_id}"))
    Store.open().write_tmdb(
        TmdbUpdate(i, map_movie({"id": i, "title": f"Film {i}"}, OLD)) for i in ids
    )
    return ids


def start(*command: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **env}, cwd=HERE.parent.parent,
    )


def reported(err: str) -> set[int]:
    return {int(line.rsplit("[", 1)[1].rstrip("]"))
            for line in err.splitlines() if "] refreshed " in line or "] unchanged " in line}


def fresh_ids() -> set[int]:
    return {s.id for s in Store.open().summaries() if s.refreshed_at and s.refreshed_at > "2001"}


def test_ctrl_c_while_a_batch_is_written_loses_no_film_it_reported(tmdb_env, isolated_env) -> None:
    stale_films(tmdb_env, 300)
    child = start(str(HERE / "interrupt_child.py"), "refresh", "--stale", "1",
                  FILMTUI_RATE_LIMIT="200")
    seen = ""
    while "writing" not in seen:
        line = child.stderr.readline()
        assert line, "the refresh ended before it wrote anything: " + seen
        seen += line
    child.send_signal(signal.SIGINT)  # inside the write
    err = child.stderr.read()  # the same buffered stream: none of its lines is skipped
    child.wait(timeout=60)
    err = seen + err
    assert child.returncode == 130, err
    assert err.strip().splitlines()[-1] == "filmtui: interrupted"
    assert "Traceback" not in err
    told = reported(err)
    assert told, err  # the batch being written when Ctrl-C came was saved, then told
    assert told <= fresh_ids()


def test_ctrl_c_with_requests_hanging_exits_at_once(tmdb_env, isolated_env) -> None:
    ids = stale_films(tmdb_env, 40)
    tmdb_env.slow_seconds = 120  # every request hangs far past the test's patience
    for film_id in ids:
        tmdb_env.fault(film_id, "slow")
    child = start("-m", "filmtui", "refresh", *map(str, ids), FILMTUI_TMDB_TIMEOUT="300",
                  FILMTUI_TMDB_DEADLINE="600", FILMTUI_TMDB_GIVE_UP_AFTER="600")
    while tmdb_env._in_flight < 8:  # all eight connections stuck in a request
        assert child.poll() is None, child.communicate()
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    # Without the cut it would wait 120 s for the requests in flight (the pool's shutdown).
    out, err = child.communicate(timeout=20)
    assert child.returncode == 130, err
    assert err.strip().splitlines()[-1] == "filmtui: interrupted"
    assert "Traceback" not in err
    assert "Refreshed 0, unchanged 0, failed 0, not tried 40 (cancelled)." in out  # not failed


def test_a_second_ctrl_c_interrupts_even_a_write(tmdb_env, isolated_env) -> None:
    stale_films(tmdb_env, 150)
    child = start(str(HERE / "interrupt_child.py"), "refresh", "--stale", "1",
                  FILMTUI_RATE_LIMIT="200")
    seen = ""
    while "writing" not in seen:
        line = child.stderr.readline()
        assert line, seen
        seen += line
    child.send_signal(signal.SIGINT)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert "Traceback" not in err
    assert Store.open().notices == []  # the store is whole


def test_abort_cuts_a_request_in_flight_from_another_thread(config: Config, tmdb_env) -> None:
    tmdb_env.slow_seconds = 120
    tmdb_env.fault(949, "slow")
    client = TmdbClient(dataclasses.replace(config, timeout=300.0, deadline=600.0,
                                            give_up_after=600.0))
    failure: list[BaseException] = []

    def fetch() -> None:
        try:
            client.movie(949)
        except BaseException as error:  # noqa: BLE001 - the test reads it
            failure.append(error)

    worker = threading.Thread(target=fetch, daemon=True)
    worker.start()
    while tmdb_env._in_flight < 1:
        time.sleep(0.02)
    client.abort()
    worker.join(timeout=10)  # the request itself would take 120 s
    assert not worker.is_alive()
    assert len(failure) == 1 and isinstance(failure[0], Unavailable)
    assert str(failure[0]) == "cancelled"
    with pytest.raises(Unavailable, match="cancelled"):
        client.movie(524)  # an aborted client asks nothing more
    client.close()


def test_abort_cuts_a_long_wait_for_retry_after(config: Config, tmdb_env) -> None:
    tmdb_env.retry_after = "50"
    tmdb_env.fault(949, "429")
    client = TmdbClient(config)
    worker = threading.Thread(target=lambda: pytest.raises(Unavailable, client.movie, 949),
                              daemon=True)
    worker.start()
    while tmdb_env.status_counts[429] < 1:
        time.sleep(0.02)
    client.abort()
    worker.join(timeout=10)
    assert not worker.is_alive()


def test_poster_cache_abort_cuts_a_download_in_flight(config: Config, tmdb_env, tmp_path) -> None:
    from filmtui.tmdb.posters import PosterCache

    posters = PosterCache(dataclasses.replace(config, timeout=300.0, deadline=600.0),
                          tmp_path / "cache")
    posters.image_config()  # fetched first: the download is what hangs
    tmdb_env.slow_seconds = 120
    tmdb_env.fault("/t/p/", "slow")
    failure: list[BaseException] = []

    def download() -> None:
        try:
            posters.get("/rrBuGu0Pjq7Y2BWSI6teGfZzviY.jpg")
        except BaseException as error:  # noqa: BLE001 - the test reads it
            failure.append(error)

    worker = threading.Thread(target=download, daemon=True)
    worker.start()
    while tmdb_env._in_flight < 1:
        time.sleep(0.02)
    posters.abort()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert len(failure) == 1 and isinstance(failure[0], Unavailable)
    assert not list((tmp_path / "cache" / "posters").glob("*.jpg"))  # nothing half-written

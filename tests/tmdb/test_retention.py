"""TMDB's terms: their notice word for word, and no TMDB data kept past six months."""

from __future__ import annotations

import datetime as dt
import json

from filmtui.store import Store, TmdbUpdate
from filmtui.terms import MAX_AGE_DAYS, TMDB_NOTICE, TMDB_WORDMARK
from filmtui.tmdb.mapping import map_movie
from filmtui.tmdb.retention import drop_tmdb, retention

from .conftest import run_filmtui
from .server import FakeTmdb, synthetic


def aged(days: float) -> str:
    when = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
    return when.isoformat(timespec="seconds")


def store_tmdb(store: Store, film_id: int, days_old: float, title: str = "") -> None:
    body = synthetic(film_id, title or f"Film {film_id}")
    store.write_tmdb([TmdbUpdate(film_id, map_movie(body, aged(days_old), film_id=film_id), body)])


def test_the_notice_is_the_terms_current_text() -> None:
    assert TMDB_NOTICE == ("This product uses TMDB and the TMDB APIs but is not endorsed, "
                           "certified, or otherwise approved by TMDB.")
    assert "TMDB" in TMDB_WORDMARK and MAX_AGE_DAYS == 180


def test_status_counts_data_near_and_past_the_limit_and_says_what_to_run(isolated_env) -> None:
    store = Store.open()
    store_tmdb(store, 949, 200)
    store_tmdb(store, 524, 181)
    store_tmdb(store, 680, 160)
    store_tmdb(store, 500, 10)
    text = run_filmtui("status")
    assert text.returncode == 0
    assert ("TMDB terms:    TMDB data of 2 past the 180-day limit and 1 within 30 days of it "
            "(TMDB's terms): run `filmtui refresh --expired`") in text.stdout
    assert TMDB_NOTICE in text.stdout and TMDB_WORDMARK in text.stdout
    info = json.loads(run_filmtui("status", "--json").stdout)
    assert info["tmdb_expired"] == 2 and info["tmdb_near_expiry"] == 1
    assert info["tmdb_notice"] == TMDB_NOTICE
    fresh = Store.open()
    drop_tmdb(fresh, [949, 524, 680])
    assert "TMDB terms:" not in run_filmtui("status").stdout


def test_refresh_expired_refreshes_old_data_and_drops_what_cannot_be(tmdb_env: FakeTmdb,
                                                                    isolated_env) -> None:
    store = Store.open()
    store.set_user(680, watchlist=True, note="mine")
    store_tmdb(store, 949, 200)     # past the limit, TMDB answers: refreshed
    store_tmdb(store, 680, 200)     # past the limit, TMDB has lost it: dropped
    store_tmdb(store, 500, 170)     # near the limit, TMDB fails: kept (still within the terms)
    store_tmdb(store, 550, 300, "Fight Club")  # added from TMDB, past the limit, TMDB fails
    store_tmdb(store, 524, 5)       # fresh: not asked for
    del tmdb_env.films[550]
    tmdb_env.fault(500, *["503"] * 10)
    result = run_filmtui("refresh", "--expired")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Refreshed 1, unchanged 0, failed 3." in result.stdout
    assert "Dropped the TMDB data of 2 films past TMDB's 180-day limit" in result.stdout
    assert tmdb_env.hits("/3/movie/524") == 0
    after = Store.open()
    assert retention(after).expired == []
    assert after.film(949).refreshed_at > aged(1)
    pulp = after.film(680)
    assert pulp.refreshed_at is None and after.raw_tmdb(680) is None and pulp.blurb  # ours stays
    assert after.user(680).note == "mine" and after.user(680).watchlist
    assert after.film(500).refreshed_at is not None  # near, not past: kept until next time
    assert after.film(550) is None  # nothing of it was ours
    assert after.notices == []
    again = run_filmtui("refresh", "--expired")  # only the near one is left to try
    assert "[500]" in again.stderr and "[949]" not in again.stderr


def test_refresh_expired_json_counts_the_dropped(tmdb_env, isolated_env) -> None:
    store = Store.open()
    store_tmdb(store, 949, 200)
    tmdb_env.fault(949, "404")
    report = json.loads(run_filmtui("refresh", "--expired", "--json").stdout)
    assert report["dropped"] == 1 and report["failed"][0]["id"] == 949
    assert Store.open().raw_tmdb(949) is None


def test_stamps_in_any_utc_offset_are_dated_by_their_instant(isolated_env) -> None:
    # The index picks candidates by the stamp's text, which is local time: a stamp written far
    # east of UTC reads hours later than its instant, and must still count as near the limit.
    store = Store.open()
    now = dt.datetime.now(dt.timezone.utc)
    for film_id, days, hours in ((949, 150.3, 14), (524, 180.2, 14), (680, 149.7, -12), (500, 150.2, -12)):
        body = synthetic(film_id, f"Film {film_id}")
        zone = dt.timezone(dt.timedelta(hours=hours))
        stamp = (now - dt.timedelta(days=days)).astimezone(zone).isoformat(timespec="seconds")
        store.write_tmdb([TmdbUpdate(film_id, map_movie(body, stamp, film_id=film_id), body)])
    found = retention(Store.open(), now)
    assert found.expired == [524]
    assert sorted(found.near) == [500, 949]

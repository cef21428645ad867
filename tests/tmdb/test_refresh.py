"""refresh_films and friends, in-process, against the loopback server and a real store."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest

from filmtui.config import Config
from filmtui.store import Store, TmdbUpdate
from filmtui.tmdb import (
    AuthError,
    MissingCredentials,
    Progress,
    add_film,
    changed_ids,
    pick,
    refresh_films,
    search_tmdb,
    stale_ids,
)
from filmtui.tmdb.mapping import map_movie

from .conftest import serve_catalogue
from .server import FakeTmdb, synthetic

LA_TAKEDOWN = 76081  # the catalogue marks its TMDB id as unverified


def test_refresh_writes_tmdb_fields_and_keeps_editorial_and_user_data(
    store: Store, config: Config, tmdb_env: FakeTmdb
) -> None:
    store.set_user(949, watchlist=True, rating=9, note="the coffee scene")
    before = store.film(949)
    report = refresh_films(store, [949], config)
    assert report.refreshed == [949] and report.ok
    heat = store.film(949)
    assert heat.refreshed_at and heat.rating == 7.9 and heat.vote_count == 4110
    assert heat.poster_path == "/rrBuGu0Pjq7Y2BWSI6teGfZzviY.jpg"
    assert heat.blurb == before.blurb and heat.faq == before.faq and heat.blurb
    assert heat.cast == before.cast  # that sample has no credits: the catalogue's stay
    assert heat.user.watchlist and heat.user.rating == 9 and heat.user.note == "the coffee scene"
    assert store.raw_tmdb(949)["title"] == "Heat"
    row = next(s for s in store.summaries() if s.id == 949)
    assert row.refreshed_at == heat.refreshed_at and row.editorial
    assert store.meta.get("last_refresh")


def test_second_refresh_of_the_same_data_is_unchanged(store, config, tmdb_env) -> None:
    assert refresh_films(store, [524], config).refreshed == [524]
    first = store.film(524).refreshed_at
    tmdb_env.films[524] = {**tmdb_env.films[524], "popularity": 1.5}  # drifts daily
    report = refresh_films(store, [524], config)
    assert report.unchanged == [524] and report.refreshed == []
    assert store.film(524).refreshed_at >= first
    tmdb_env.films[524] = {**tmdb_env.films[524], "runtime": 180}
    assert refresh_films(store, [524], config).refreshed == [524]
    assert store.film(524).runtime == 180


def test_one_film_failing_never_fails_the_batch_and_keeps_its_cached_copy(
    store, config, tmdb_env
) -> None:
    serve_catalogue(tmdb_env, store)
    refresh_films(store, [949, 524], config)
    cached = store.film(524)
    del tmdb_env.films[524]  # deleted on TMDB
    tmdb_env.fault(949, *["503"] * 10)  # and TMDB keeps failing for Heat
    report = refresh_films(store, [949, 524, 550, 680], config)
    failed = {p.film_id: p.reason for p in report.failed}
    assert failed[524] == "not found on TMDB"
    assert "HTTP 503" in failed[949] and "after 4 tries" in failed[949]
    assert sorted(report.refreshed) == [550, 680] and not report.ok
    assert store.film(524) == cached  # old copy intact
    assert store.film(949).refreshed_at  # and Heat's from the first refresh


def test_refresh_writes_in_batches(store, config, tmdb_env, monkeypatch) -> None:
    ids = list(range(900_000, 900_025))
    for film_id in ids:
        tmdb_env.add(synthetic(film_id, f"Batch Film {film_id}"))
    writes = []
    real = store.write_tmdb
    monkeypatch.setattr(store, "write_tmdb", lambda updates: writes.append(list(updates)) or real(
        writes[-1]))
    report = refresh_films(store, ids, config, batch_size=10)
    assert sorted(report.refreshed) == ids
    assert [len(w) for w in writes] == [10, 10, 5]
    assert {s.id for s in store.summaries()} >= set(ids)


def test_progress_is_reported_for_every_film_in_the_calling_thread(store, config, tmdb_env) -> None:
    seen: list[tuple[Progress, str]] = []
    report = refresh_films(
        store, [949, 524, 404404, LA_TAKEDOWN], config,
        on_progress=lambda p: seen.append((p, threading.current_thread().name)),
    )
    assert [p.done for p, _ in seen] == [1, 2, 3, 4] and {p.total for p, _ in seen} == {4}
    outcomes = {p.film_id: p.outcome for p, _ in seen}
    assert outcomes == {949: "refreshed", 524: "refreshed", 404404: "failed",
                        LA_TAKEDOWN: "skipped"}
    assert {name for _, name in seen} == {threading.current_thread().name}
    assert report.total == 4


def test_film_with_unverified_id_is_skipped_without_asking_tmdb(store, config, tmdb_env) -> None:
    assert "id" in store.film(LA_TAKEDOWN).unverified
    tmdb_env.add(synthetic(LA_TAKEDOWN, "Some Other Film"))
    report = refresh_films(store, [LA_TAKEDOWN], config)
    assert [p.film_id for p in report.skipped] == [LA_TAKEDOWN] and report.ok
    assert "unverified" in report.skipped[0].reason
    assert tmdb_env.hits(f"/3/movie/{LA_TAKEDOWN}") == 0
    assert store.film(LA_TAKEDOWN).refreshed_at is None


def test_rejected_credentials_stop_the_refresh(store, config, tmdb_env) -> None:
    tmdb_env.token = "rotated"
    with pytest.raises(AuthError, match="TMDB_READ_ACCESS_TOKEN"):
        refresh_films(store, [949, 524, 550, 607, 10140], config)
    assert len(tmdb_env.requests) <= config.concurrency  # no retry storm
    assert all(store.film(i) is None or store.film(i).refreshed_at is None for i in (949, 524))


def test_missing_credentials_raise_before_any_request(store, config, tmdb_env) -> None:
    bare = dataclasses.replace(config, read_access_token=None, api_key=None)
    with pytest.raises(MissingCredentials):
        refresh_films(store, [949], bare)
    assert tmdb_env.requests == []


def test_unreachable_tmdb_gives_up_quickly_and_says_offline(store, config) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dead = dataclasses.replace(config, tmdb_url=f"http://127.0.0.1:{port}/3", retries=1)
    ids = [s.id for s in store.summaries()]
    report = refresh_films(store, ids, dead)
    assert report.offline and not report.ok
    assert len(report.failed) + len(report.skipped) == len(ids)
    assert any("unreachable" in p.reason for p in report.failed)
    assert all(s.refreshed_at is None for s in store.summaries())


def test_cancel_stops_soon_and_keeps_what_was_fetched(store, config, tmdb_env) -> None:
    ids = list(range(910_000, 910_200))
    for film_id in ids:
        tmdb_env.add(synthetic(film_id, f"Film {film_id}"))
    cancel = threading.Event()
    slow = dataclasses.replace(config, rate_limit=50)
    told: list[Progress] = []

    def on_progress(progress: Progress) -> None:
        told.append(progress)
        cancel.set()  # at the first film told: by then it is saved

    report = refresh_films(store, ids, slow, on_progress=on_progress, cancel=cancel)
    assert report.cancelled and not report.ok
    fetched = report.refreshed + report.unchanged
    assert 0 < len(fetched) < len(ids)
    stored = {s.id for s in store.summaries()}
    assert set(fetched) <= stored  # what was fetched was saved
    assert {p.film_id for p in told if p.outcome == "refreshed"} == set(report.refreshed)
    # The films the cancel left are not failures, and were never told as such.
    assert report.failed == [] and report.not_tried
    assert set(report.not_tried).isdisjoint(stored)
    assert sorted(fetched + report.not_tried) == ids
    assert len(tmdb_env.requests) < len(ids)


def test_stale_ids(store: Store) -> None:
    now = dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc)
    store.write_tmdb([
        TmdbUpdate(949, map_movie({"id": 949, "title": "Heat"}, "2026-05-31T00:00:00+00:00")),
        TmdbUpdate(524, map_movie({"id": 524, "title": "Casino"}, "2026-05-01T00:00:00+00:00")),
    ])
    stale = stale_ids(store, 7, now=now)
    assert 949 not in stale and 524 in stale and 680 in stale  # 680 never refreshed


def test_changed_ids_asks_tmdb_for_recent_films_and_takes_old_ones_as_stale(
    store, config, tmdb_env
) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    recent = (now - dt.timedelta(days=3)).isoformat(timespec="seconds")
    old = (now - dt.timedelta(days=30)).isoformat(timespec="seconds")
    store.write_tmdb([
        TmdbUpdate(949, map_movie({"id": 949, "title": "Heat"}, recent)),
        TmdbUpdate(524, map_movie({"id": 524, "title": "Casino"}, recent)),
        TmdbUpdate(680, map_movie({"id": 680, "title": "Pulp Fiction"}, old)),
    ])
    tmdb_env.changed = [1, 2, 524] + list(range(10_000, 10_150))  # two pages
    ids = changed_ids(store, config)
    assert 524 in ids and 949 not in ids  # changed vs. unchanged recent films
    assert 680 in ids  # too old for the change list: stale
    never = {s.id for s in store.summaries() if not s.refreshed_at}
    assert never <= set(ids)
    calls = [r for r in tmdb_env.requests if r["path"] == "/3/movie/changes"]
    assert [c["query"]["page"] for c in calls] == ["1", "2"]
    assert calls[0]["query"]["start_date"] == (now - dt.timedelta(days=3)).date().isoformat()
    assert calls[0]["query"]["end_date"] == now.date().isoformat()


def test_search_and_pick(config, tmdb_env) -> None:
    tmdb_env.add(synthetic(10_001, "Heat", 1986))
    tmdb_env.add(synthetic(10_002, "Heat Wave", 1990))
    found = search_tmdb(config, "heat")
    assert {c.id for c in found} == {949, 10_001, 10_002}
    assert pick(found, "heat") is None  # two films called Heat
    assert pick(found, "heat", 1995).id == 949
    assert pick(found, "heat wave").id == 10_002
    narrowed = search_tmdb(config, "heat", 1986)
    assert [c.id for c in narrowed] == [10_001] and pick(narrowed, "heat").id == 10_001
    assert tmdb_env.requests[-1]["query"]["year"] == "1986"


def test_add_film_stores_a_film_with_empty_editorial(store, config, tmdb_env) -> None:
    film = add_film(store, config, 550)
    assert film.title == "Fight Club" and film.certification == "R"
    assert film.directors == ["David Fincher"] and not film.editorial and film.blurb == ""
    assert film.faq == [] and film.trivia == []
    assert any(s.id == 550 for s in store.summaries())


def test_describe_age() -> None:
    from filmtui.tmdb.freshness import data_age, describe_age

    now = dt.datetime(2026, 6, 1, 12, tzinfo=dt.timezone.utc)
    assert describe_age(None, now) == "no TMDB data yet"
    assert describe_age("garbage", now) == "no TMDB data yet"
    assert describe_age("2026-06-01T11:59:30+00:00", now) == "TMDB data from just now"
    assert describe_age("2026-06-01T09:00:00+00:00", now) == "TMDB data from 3 hours ago"
    assert describe_age("2026-05-31T12:00:00+00:00", now) == "TMDB data from 1 day ago"
    assert describe_age("2026-05-01T12:00:00+00:00", now) == "TMDB data from 1 month ago"
    assert describe_age("2024-05-01T12:00:00", now) == "TMDB data from 2 years ago"
    assert data_age("2026-06-02T00:00:00+00:00", now) == dt.timedelta(0)  # clock skew


def test_changes_are_asked_for_14_days_at_most(store, config, tmdb_env) -> None:
    now = dt.datetime(2026, 6, 15, 23, 59, tzinfo=dt.timezone.utc)
    for days, film_id in ((13.9, 949), (12.5, 524)):
        stamp = (now - dt.timedelta(days=days)).isoformat(timespec="seconds")
        store.write_tmdb([TmdbUpdate(film_id, map_movie({"id": film_id, "title": "x"}, stamp))])
    ids = changed_ids(store, config, now=now)
    assert 949 in ids  # just outside the safe window: refreshed as stale
    call = next(r for r in tmdb_env.requests if r["path"] == "/3/movie/changes")
    start = dt.date.fromisoformat(call["query"]["start_date"])
    end = dt.date.fromisoformat(call["query"]["end_date"])
    assert (end - start).days <= 14 and start == dt.date(2026, 6, 3)


def test_an_unexpected_error_costs_one_film_not_the_batch(store, config, tmdb_env, monkeypatch) -> None:
    import filmtui.tmdb.refresh as refresh_module

    real = refresh_module.map_movie

    def flaky(raw, *args, **kwargs):
        if isinstance(raw, dict) and raw.get("id") == 524:
            raise KeyError("a bug")
        return real(raw, *args, **kwargs)

    monkeypatch.setattr(refresh_module, "map_movie", flaky)
    report = refresh_films(store, [949, 524, 550], config)
    assert sorted(report.refreshed) == [550, 949]
    assert [(p.film_id, p.reason) for p in report.failed] == [(524, "unexpected error (KeyError)")]

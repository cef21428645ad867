"""Tests written against hand-made mutants no test caught: each fails if its safeguard goes."""

from __future__ import annotations

import json

import pytest

from filmtui.config import Config
from filmtui.tmdb.client import TmdbClient
from filmtui.tmdb.mapping import map_movie, poster_path
from filmtui.tmdb.posters import PosterCache
from filmtui.tmdb.rate_limit import RateLimiter

from .conftest import API_KEY, TOKEN, run_filmtui
from .server import FakeTmdb

HOSTILE_POSTERS = ["../../x", "/../../x.jpg", "https://evil.example/x.jpg", "//evil.example/x.jpg",
                   "/x.jpg?u=https://evil.example", "/a/../../b.jpg", "\\..\\x.jpg", "/x\x00.jpg"]


def test_editorial_fields_survive_a_refresh_of_a_catalogue_film(tmdb_env: FakeTmdb,
                                                                 isolated_env) -> None:
    before = json.loads(run_filmtui("show", "949", "--json").stdout)
    tmdb_env.films[949] = {**tmdb_env.films[949], "overview": "TMDB's own overview.",
                           "tagline": "TMDB's tagline"}
    assert run_filmtui("refresh", "949").returncode == 0
    after = json.loads(run_filmtui("show", "949", "--json").stdout)
    assert after["refreshed_at"] and after["rating"] == 7.9  # TMDB's part did change
    for field in ("blurb", "overview", "complexity", "advisories", "faq", "trivia"):
        assert after[field] == before[field] and before[field], field  # our writing did not
    assert after["overview"] != "TMDB's own overview."


@pytest.mark.parametrize("hostile", HOSTILE_POSTERS)
def test_a_hostile_poster_path_is_never_stored(hostile: str) -> None:
    assert poster_path(hostile) is None
    assert map_movie({"id": 1, "title": "X", "poster_path": hostile})["poster_path"] is None


@pytest.mark.parametrize("hostile", HOSTILE_POSTERS)
def test_a_hostile_poster_path_is_never_fetched(config: Config, tmdb_env, tmp_path,
                                                hostile: str) -> None:
    posters = PosterCache(config, tmp_path / "cache")
    assert posters.path_for(hostile) is None and posters.get(hostile) is None
    assert tmdb_env.requests == []
    assert sorted(p.name for p in tmp_path.rglob("*")) in ([], ["cache"])


def test_after_a_pause_acquire_waits_it_out() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(10, clock=lambda: now[0], sleep=sleep)
    limiter.acquire()
    limiter.pause(3.0)  # a 429 said Retry-After: 3
    limiter.acquire()
    assert sum(slept) >= 3.0
    assert now[0] >= 103.0


def test_after_a_429_the_next_request_waits_for_retry_after(config: Config, tmdb_env) -> None:
    tmdb_env.retry_after = "1"
    tmdb_env.fault(949, "429")
    with TmdbClient(config) as client:
        client.movie(949)
        client.movie(524)  # another film, another thread could have sent it: it waits too
    first, second, third = tmdb_env.requests
    assert first["status"] == 429 and second["status"] == 200
    assert second["at"] - first["at"] >= 1.0  # a lower bound: never flaky under load
    assert third["at"] - first["at"] >= 1.0


def test_tmdb_error_text_echoing_the_credential_never_reaches_output(tmdb_env) -> None:
    tmdb_env.fault(949, "echo-token")
    result = run_filmtui("add", "--id", "949")
    assert result.returncode == 1
    text = result.stdout + result.stderr
    assert "Invalid header" in text  # TMDB's message is shown...
    assert TOKEN not in text and TOKEN[8:] not in text  # ...with the credential masked
    tmdb_env.fault(949, "echo-token")
    keyed = run_filmtui("refresh", "949", unset=("TMDB_READ_ACCESS_TOKEN",),
                        env={"TMDB_API_KEY": API_KEY})
    assert "Invalid header" in keyed.stdout
    assert API_KEY not in keyed.stdout + keyed.stderr

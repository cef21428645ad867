"""The TMDB client against the loopback server: auth, errors, retries, 429, limits, secrets."""

from __future__ import annotations

import dataclasses
import logging
import socket
import threading
import time

import pytest

from filmtui.config import Config
from filmtui.tmdb.client import TmdbClient, redact
from filmtui.tmdb.errors import (
    AuthError,
    MissingCredentials,
    NotFound,
    RateLimited,
    TmdbError,
    Unavailable,
)
from filmtui.tmdb.rate_limit import RateLimiter

from .conftest import API_KEY, TOKEN
from .server import FakeTmdb


def client_for(config: Config, **changes) -> TmdbClient:
    return TmdbClient(dataclasses.replace(config, **changes))


def test_bearer_token_goes_in_the_header_never_the_url(config: Config, tmdb_env: FakeTmdb) -> None:
    with TmdbClient(config) as client:
        heat = client.movie(949)
    assert heat["title"] == "Heat"
    request = tmdb_env.requests[-1]
    assert request["path"] == "/3/movie/949"
    assert request["authorization"] == f"Bearer {TOKEN}"
    assert "api_key" not in request["query"] and TOKEN not in request["raw_query"]
    assert request["query"]["append_to_response"] == "credits,release_dates,keywords,external_ids,videos,recommendations,watch/providers"
    assert request["query"]["language"] == "en-US"


def test_api_key_is_a_query_parameter_only_without_a_token(config: Config, tmdb_env) -> None:
    with client_for(config, read_access_token=None, api_key=API_KEY) as client:
        assert client.movie(524)["title"] == "Casino"
    request = tmdb_env.requests[-1]
    assert request["authorization"] is None and request["query"]["api_key"] == API_KEY


def test_no_credentials_fails_before_any_request(config: Config, tmdb_env) -> None:
    with pytest.raises(MissingCredentials, match="TMDB_READ_ACCESS_TOKEN"):
        client_for(config, read_access_token=None, api_key=None)
    assert tmdb_env.requests == []


def test_401_names_the_variable_and_is_not_retried(config: Config, tmdb_env) -> None:
    bad = "wrong-token-SECRET"
    with client_for(config, read_access_token=bad) as client, pytest.raises(AuthError) as caught:
        client.movie(949)
    message = str(caught.value)
    assert "TMDB_READ_ACCESS_TOKEN" in message and bad not in message
    assert len(tmdb_env.requests) == 1 and tmdb_env.status_counts[401] == 1


def test_401_with_an_api_key_names_TMDB_API_KEY(config: Config, tmdb_env) -> None:
    bad = "wrong-key-SECRET"
    with client_for(config, read_access_token=None, api_key=bad, credential_source="TMDB_API_KEY") as client:
        with pytest.raises(AuthError) as caught:
            client.movie(949)
    assert "TMDB_API_KEY" in str(caught.value) and bad not in str(caught.value)
    assert "api_key" not in str(caught.value)


def test_404_is_not_found_and_not_retried(config: Config, tmdb_env) -> None:
    with TmdbClient(config) as client, pytest.raises(NotFound, match="not found on TMDB"):
        client.movie(123456789)
    assert tmdb_env.hits("/3/movie/123456789") == 1


@pytest.mark.parametrize(
    "fault", ["500", "502", "503", "truncated", "malformed", "array", "drop", "slow", "badgzip"]
)
def test_transient_faults_are_retried_then_succeed(config: Config, tmdb_env, fault: str) -> None:
    tmdb_env.slow_seconds = 0.4
    tmdb_env.fault(949, fault, fault)
    with client_for(config, timeout=0.15) as client:
        assert client.movie(949)["title"] == "Heat"
    assert tmdb_env.hits("/3/movie/949") == 3


@pytest.mark.parametrize("fault, words", [
    ("503", "HTTP 503"), ("malformed", "malformed JSON"), ("array", "not a JSON object"),
    ("truncated", "connection failed"), ("drop", "connection failed"),
])
def test_persistent_faults_give_up_after_the_retries(config: Config, tmdb_env, fault, words) -> None:
    tmdb_env.fault(949, *[fault] * 10)
    with client_for(config, retries=2) as client, pytest.raises(Unavailable) as caught:
        client.movie(949)
    assert words in str(caught.value) and "after 3 tries" in str(caught.value)
    assert not caught.value.offline
    assert tmdb_env.hits("/3/movie/949") == 3


def test_429_waits_for_retry_after_then_succeeds(config: Config, tmdb_env) -> None:
    tmdb_env.retry_after = "0.3"
    tmdb_env.fault(949, "429", "429")
    started = time.monotonic()
    with client_for(config, retries=0) as client:  # 429s do not use up the retries
        assert client.movie(949)["title"] == "Heat"
    assert time.monotonic() - started >= 0.55
    assert tmdb_env.hits("/3/movie/949") == 3


def test_429_asking_for_too_long_fails_the_request(config: Config, tmdb_env) -> None:
    tmdb_env.retry_after = "3600"
    tmdb_env.fault(949, "429")
    with TmdbClient(config) as client, pytest.raises(RateLimited, match="3600"):
        client.movie(949)


def test_other_4xx_is_reported_with_tmdbs_message_and_not_retried(config: Config, tmdb_env) -> None:
    with TmdbClient(config) as client, pytest.raises(TmdbError, match="HTTP 422.*query must be provided"):
        client.search_movies("")
    assert tmdb_env.hits("/3/search/movie") == 1


def test_refused_connection_is_unavailable_and_offline(config: Config) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dead = client_for(config, tmdb_url=f"http://127.0.0.1:{port}/3", retries=1)
    with dead, pytest.raises(Unavailable) as caught:
        dead.movie(949)
    assert caught.value.offline and "cannot connect" in str(caught.value)


def test_a_film_answered_under_another_id_is_refused(config: Config, tmdb_env) -> None:
    tmdb_env.films[949] = {**tmdb_env.films[524]}  # id 524 served at /movie/949
    with TmdbClient(config) as client, pytest.raises(TmdbError, match="film 524"):
        client.movie(949)


def test_concurrent_requests_share_the_rate_limit(config: Config, tmdb_env) -> None:
    rate = 50.0
    with client_for(config, rate_limit=rate, concurrency=8) as client:
        started = time.monotonic()
        threads = [threading.Thread(target=client.movie, args=(524,)) for _ in range(40)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    assert elapsed >= 39 / rate * 0.95, "8 threads must not each get their own budget"
    assert tmdb_env.max_in_flight <= 8


def test_connections_are_capped(config: Config, tmdb_env) -> None:
    tmdb_env.slow_seconds = 0.1
    for _ in range(12):
        tmdb_env.fault(524, "slow")
    with client_for(config, concurrency=3, timeout=2.0) as client:
        threads = [threading.Thread(target=client.movie, args=(524,)) for _ in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert tmdb_env.max_in_flight <= 3


def test_server_rate_cap_with_429s_loses_nothing(config: Config, tmdb_env) -> None:
    tmdb_env.rate, tmdb_env.burst, tmdb_env.retry_after = 20.0, 2, "0.1"
    tmdb_env._tokens = 2
    results = []
    with client_for(config, rate_limit=200, concurrency=4) as client:  # too fast on purpose
        threads = [threading.Thread(target=lambda: results.append(client.movie(524)))
                   for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(results) == 20
    assert tmdb_env.status_counts[429] > 0  # the cap was hit, and every request still made it


def test_httpx_log_lines_never_show_the_api_key(config: Config, tmdb_env, caplog) -> None:
    with caplog.at_level(logging.DEBUG):
        with client_for(config, read_access_token=None, api_key=API_KEY) as client:
            client.movie(949)
            with pytest.raises(NotFound):
                client.movie(1)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "HTTP Request" in text  # httpx did log the request...
    assert API_KEY not in text  # ...without the key


def test_redact_masks_keys_tokens_and_given_secrets() -> None:
    text = "GET http://x/3/movie/1?api_key=abc123&language=en Authorization: Bearer eyJhbGci s3cr3t"
    masked = redact(text, "s3cr3t")
    assert "abc123" not in masked and "eyJhbGci" not in masked and "s3cr3t" not in masked
    assert "language=en" in masked


def test_rate_limiter_spaces_requests_and_pauses_everyone() -> None:
    now = [0.0]
    slept = []
    limiter = RateLimiter(10, clock=lambda: now[0], sleep=slept.append)
    waits = [limiter.reserve() for _ in range(5)]
    assert waits == pytest.approx([0, 0.1, 0.2, 0.3, 0.4])
    now[0] = 10.0
    assert limiter.reserve() == 0
    limiter.pause(2.0)
    assert limiter.reserve() == pytest.approx(2.0)


def test_rate_limiter_allows_a_burst() -> None:
    limiter = RateLimiter(10, burst=3, clock=lambda: 0.0)
    assert [limiter.reserve() for _ in range(5)] == pytest.approx([0, 0, 0, 0.1, 0.2])


def test_config_repr_never_shows_the_secret(config: Config) -> None:
    assert TOKEN not in repr(config) and TOKEN not in str(config)


def test_late_threads_do_not_go_out_back_to_back() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(10, clock=lambda: now[0], sleep=sleep)
    waits = [limiter.reserve() for _ in range(3)]  # three threads booked slots 0, 0.1, 0.2...
    now[0] = 0.5  # ...and all woke late, together
    for _ in waits:
        limiter._keep_apart()
    assert slept == pytest.approx([0.1, 0.1])  # the 2nd and 3rd still go 0.1 s apart


def test_503_with_retry_after_waits_that_long(config: Config, tmdb_env) -> None:
    tmdb_env.retry_after = "0.4"
    tmdb_env.fault(949, "503")
    started = time.monotonic()
    with TmdbClient(config) as client:  # the backoff alone would be 0.01 s
        assert client.movie(949)["title"] == "Heat"
    assert time.monotonic() - started >= 0.38

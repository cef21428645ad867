"""Hostile TMDB answers: too big, endless, a gzip bomb, a drip, too deep, numbers past 64 bits,
429s asking for long waits. Each is one clear line, within its deadline, and nothing of it is
stored."""

from __future__ import annotations

import json
import zlib

import pytest

from filmtui.store import Store
from filmtui.tmdb.body import MAX_DECODED, BadBody, parse_object, read_body

from .conftest import run_filmtui
from .server import FakeTmdb, gzip_bomb, synthetic


def one_line(result) -> str:
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("filmtui: "), result.stderr
    return lines[0]


def untouched(film_id: int = 949) -> bool:
    """The film has no TMDB data: nothing of the refused answer was stored."""
    store = Store.open()
    film = store.film(film_id)
    return film is not None and film.refreshed_at is None and store.raw_tmdb(film_id) is None


@pytest.mark.parametrize("fault, words", [
    ("huge", "the answer is too large"),
    ("endless", "the answer is too large"),
    ("gzipbomb", "the answer unzips to over 8 MB"),
    ("deep", "the answer nests deeper than 32 levels"),
    ("bigint", "the answer holds a number too large to store"),
])
def test_hostile_answer_is_one_line_and_nothing_is_stored(tmdb_env: FakeTmdb, isolated_env,
                                                          fault, words) -> None:
    gzip_bomb()  # built before, not while the client waits
    tmdb_env.fault(949, fault)
    result = run_filmtui("add", "--id", "949")
    assert result.returncode == 1
    assert words in one_line(result)
    assert tmdb_env.hits("/3/movie/949") == 1  # the same answer again would not help
    assert untouched()


def test_hostile_film_in_a_refresh_costs_that_film_only(tmdb_env, isolated_env) -> None:
    tmdb_env.fault(949, "bigint")
    tmdb_env.fault(524, "deep")
    tmdb_env.add(synthetic(680, "Pulp Fiction", 1994))
    result = run_filmtui("refresh", "949", "524", "680")
    assert result.returncode == 1
    assert "Refreshed 1, unchanged 0, failed 2." in result.stdout
    assert "failed:  Heat [949]: the answer holds a number too large to store" in result.stdout
    assert "failed:  Casino [524]: the answer nests deeper than 32 levels" in result.stdout
    assert "Traceback" not in result.stderr
    assert untouched(949) and untouched(524)
    assert Store.open().notices == []


def test_a_drip_fails_at_the_request_deadline_not_per_read(tmdb_env, isolated_env) -> None:
    tmdb_env.drip_seconds = 0.3  # each byte well within the 10 s read timeout
    tmdb_env.fault(949, "drip")
    result = run_filmtui("add", "--id", "949", env={"FILMTUI_TMDB_TIMEOUT": "10",
                                                   "FILMTUI_TMDB_DEADLINE": "2"}, timeout=30)
    assert result.returncode == 1
    assert one_line(result) == "filmtui: TMDB took longer than 2 s to answer"
    assert untouched()
    assert tmdb_env.hits("/3/movie/949") == 1  # a drip drips again: not retried


def test_429s_with_long_retry_after_are_capped_said_and_given_up(tmdb_env, isolated_env) -> None:
    tmdb_env.retry_after = "3"
    tmdb_env.fault(949, *["429"] * 20)
    result = run_filmtui("add", "--id", "949", env={"FILMTUI_TMDB_MAX_RETRY_AFTER": "5"})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "filmtui: TMDB asked to wait 3 s (too many requests); waiting"
    assert lines[-1] == ("filmtui: TMDB asked to wait 3 s more (HTTP 429, too many requests); "
                         "gave up after waiting 3 s")
    assert len(lines) == 2
    assert tmdb_env.hits("/3/movie/949") == 2
    assert untouched()


def test_one_film_gives_up_after_its_deadline_whatever_the_retries(tmdb_env, isolated_env) -> None:
    tmdb_env.retry_after = "1"
    tmdb_env.fault(949, *["503"] * 50)
    result = run_filmtui("refresh", "949", "524", env={"FILMTUI_TMDB_RETRIES": "20",
                                                      "FILMTUI_TMDB_GIVE_UP_AFTER": "2.5"})
    assert result.returncode == 1
    assert "failed:  Heat [949]: TMDB answered HTTP 503; gave up after 2.5 s" in result.stdout
    assert "Refreshed 1," in result.stdout
    assert tmdb_env.hits("/3/movie/949") <= 4


def test_refresh_stops_asking_when_tmdb_keeps_answering_429(tmdb_env, isolated_env) -> None:
    store = Store.open()
    ids = [s.id for s in store.summaries() if s.id != 76081]
    for film_id in ids:
        tmdb_env.fault(film_id, *["429"] * 5)
    tmdb_env.retry_after = "0.2"
    result = run_filmtui("refresh", *map(str, ids), env={"FILMTUI_TMDB_MAX_RETRY_AFTER": "0.3",
                                                         "FILMTUI_TMDB_CONCURRENCY": "1"})
    assert result.returncode == 1
    assert result.stdout.count("not tried: TMDB kept answering 429") == len(ids) - 3
    assert len(tmdb_env.requests) <= 3 * 2 + 2  # the next film may have been asked for


# -- the caps themselves, without a server -----------------------------------------------------


def test_a_gzip_bomb_is_refused_without_unzipping_it_whole() -> None:
    bomb = zlib.compress(b"0" * (64 * MAX_DECODED), 9)
    chunks = [bomb[i:i + 65536] for i in range(0, len(bomb), 65536)]
    with pytest.raises(BadBody, match="unzips to over"):
        read_body(iter(chunks), "deflate", None)


def test_a_declared_length_over_the_cap_is_refused_before_reading() -> None:
    def never():
        raise AssertionError("read")
        yield b""

    with pytest.raises(BadBody, match="too large"):
        read_body(never(), "", str(50 * 1024 * 1024))


@pytest.mark.parametrize("body", [
    b'{"a": 18446744073709551616}', b'{"a": -1e19}', b'{"a": 1e300}',
    b'{"a": ' + b"[" * 40 + b"]" * 40 + b"}",
])
def test_shapes_the_store_cannot_write_are_refused(body: bytes) -> None:
    with pytest.raises(BadBody):
        parse_object(body)


def test_a_real_answer_passes_the_checks() -> None:
    from .server import real_films

    for body in real_films().values():
        assert parse_object(json.dumps(body).encode()) == body


def test_numbers_past_64_bits_never_reach_the_store_even_from_a_stored_answer() -> None:
    from filmtui.tmdb.mapping import map_movie

    mapped = map_movie({"id": 1, "budget": 1.8446744073709552e19, "runtime": 1e30,
                        "vote_count": 2**64, "vote_average": 5, "revenue": 10**30})
    assert mapped["budget"] is None and mapped["runtime"] is None
    assert mapped["vote_count"] is None and mapped["revenue"] is None

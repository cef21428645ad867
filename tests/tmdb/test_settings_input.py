"""Text and numbers from the user's settings and command line: each bad one is one clear line and
exit 2, before any request; a secret or a URL's password is never printed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from filmtui.tmdb.rate_limit import RateLimiter

from .conftest import TOKEN, run_filmtui
from .server import FakeTmdb


def refused(result, *words: str) -> str:
    assert result.returncode == 2, result
    text = result.stdout + result.stderr
    assert "Traceback" not in text
    line = result.stderr.strip().splitlines()[-1]
    for word in words:
        assert word in line, line
    return line


def config_file() -> Path:
    path = Path(os.environ["FILMTUI_CONFIG_DIR"]) / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_a_latin1_config_file_is_one_line(tmdb_env: FakeTmdb) -> None:
    config_file().write_bytes('[tmdb]\nlanguage = "fr"  # réglé à la main\n'.encode("latin-1"))
    for command in (("refresh", "949"), ("status",), ("config", "show")):
        line = refused(run_filmtui(*command), "config.toml", "not UTF-8")
        assert len(line) < 200
    assert tmdb_env.requests == []


@pytest.mark.parametrize("token", ["tok\u00e9n-SECRET", "tok\u200ben-SECRET", "tok en-SECRET",
                                   "tok\x1b[2Jen-SECRET"])
def test_a_token_that_cannot_be_sent_is_refused_at_the_settings_check(tmdb_env, token) -> None:
    result = run_filmtui("refresh", "949", env={"TMDB_READ_ACCESS_TOKEN": token})
    refused(result, "TMDB_READ_ACCESS_TOKEN", "cannot be sent")
    assert "SECRET" not in result.stdout + result.stderr
    assert tmdb_env.requests == []
    stored = run_filmtui("config", "set-token", stdin=token.replace(" ", "") + "\n",
                         unset=("TMDB_READ_ACCESS_TOKEN",))
    if " " not in token:
        refused(stored, "cannot be sent")
        assert not config_file().exists()


def test_a_key_in_the_config_file_that_cannot_be_sent_is_refused(tmdb_env) -> None:
    config_file().write_text('[tmdb]\napi_key = "k\u00ebySECRET"\n', encoding="utf-8")
    result = run_filmtui("refresh", "949", unset=("TMDB_READ_ACCESS_TOKEN",))
    refused(result, "api_key in config.toml", "cannot be sent")
    assert "SECRET" not in result.stderr


@pytest.mark.parametrize("language", ["xx_YY_ZZ", "english", "\x1b[31m", "en-US; DROP", "e"])
def test_a_garbage_language_is_refused(tmdb_env, language) -> None:
    result = run_filmtui("refresh", "949", env={"FILMTUI_LANGUAGE": language})
    refused(result, "FILMTUI_LANGUAGE", "en-US")
    assert "\x1b" not in result.stderr
    assert tmdb_env.requests == []


@pytest.mark.parametrize("language, sent", [("fr", "fr"), ("pt-br", "pt-BR"), ("EN-us", "en-US")])
def test_a_sound_language_is_sent_as_tmdb_spells_it(tmdb_env, language, sent) -> None:
    assert run_filmtui("refresh", "949", env={"FILMTUI_LANGUAGE": language}).returncode == 0
    assert tmdb_env.requests[-1]["query"]["language"] == sent


def test_a_huge_add_query_is_refused_before_asking_tmdb(tmdb_env) -> None:
    refused(run_filmtui("add", "heat " * 20_000), "too long", "200")
    refused(run_filmtui("add", "\x1b\x07"), "nothing to look for")
    assert tmdb_env.requests == []


@pytest.mark.parametrize("var, value", [
    ("FILMTUI_RATE_LIMIT", "nan"), ("FILMTUI_RATE_LIMIT", "inf"), ("FILMTUI_RATE_LIMIT", "-5"),
    ("FILMTUI_TMDB_TIMEOUT", "nan"), ("FILMTUI_TMDB_TIMEOUT", "inf"),
    ("FILMTUI_TMDB_TIMEOUT", "-1"), ("FILMTUI_TMDB_TIMEOUT", "1e10"),
    ("FILMTUI_TMDB_BACKOFF", "nan"), ("FILMTUI_TMDB_MAX_RETRY_AFTER", "inf"),
    ("FILMTUI_TMDB_CONCURRENCY", "1e3"), ("FILMTUI_TMDB_CONCURRENCY", "100000"),
    ("FILMTUI_TMDB_DEADLINE", "nan"), ("FILMTUI_TMDB_GIVE_UP_AFTER", "-1"),
])
def test_absurd_numbers_in_settings_are_refused(tmdb_env, var, value) -> None:
    for command in (("refresh", "949"), ("add", "--id", "949")):
        refused(run_filmtui(*command, env={var: value}), var)
    assert tmdb_env.requests == []


def test_a_nan_rate_never_switches_the_limiter_off() -> None:
    for rate in (float("nan"), float("inf"), 0.0, -1.0):
        with pytest.raises(ValueError):
            RateLimiter(rate)


@pytest.mark.parametrize("days", ["1e10", "nan", "inf", "-1", "99999999"])
def test_absurd_stale_days_are_one_clear_error(tmdb_env, days) -> None:
    result = run_filmtui("refresh", "--stale", days)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "DAYS must be from 0 to 36500" in result.stderr or "expected a number" in result.stderr
    assert tmdb_env.requests == []


@pytest.mark.parametrize("url", ["http://[::1/3", "http://127.0.0.1:99999/3", "http://:80/3",
                                 "http://exa mple.org/3", "http://ex\u00e4mple..org/3"])
def test_tmdb_urls_httpx_cannot_use_are_refused(tmdb_env, url) -> None:
    refused(run_filmtui("refresh", "949", env={"FILMTUI_TMDB_URL": url}), "FILMTUI_TMDB_URL")
    refused(run_filmtui("status", "--json", env={"FILMTUI_TMDB_URL": url}), "FILMTUI_TMDB_URL")


def test_a_password_in_the_tmdb_url_is_refused_and_never_printed(tmdb_env) -> None:
    url = tmdb_env.url.replace("http://", "http://someone:hunter2SECRET@")
    for command in (("status", "--json"), ("refresh", "949"), ("config", "show")):
        result = run_filmtui(*command, env={"FILMTUI_TMDB_URL": url})
        refused(result, "FILMTUI_TMDB_URL", "user name or password")
        assert "hunter2SECRET" not in result.stdout + result.stderr
    assert tmdb_env.requests == []  # never sent in place of the Bearer token
    status = run_filmtui("status", "--json")
    assert status.returncode == 0 and json.loads(status.stdout)["tmdb_url"] == tmdb_env.url
    assert TOKEN not in status.stdout


URLS = ["http://[::1/3", "http://127.0.0.1:99999/3", "http://:80/3", "http://exa mple.org/3",
        "http://ex\u00e4mple..org/3", "http://[::1]:8080/3", "http://[nothex]/3",
        "http://h\u00e9llo.example/3", "https://api.themoviedb.org/3", "http://a_b.local:1/x",
        "http://-bad-.org/3", "http://x/3", "http://x:0/3", "http://x:65535/3", "http://x:/3",
        "http://ex%61mple.org/3", "http://1.2.3.4/3", "http://" + "a" * 64 + ".org/3",
        "http://\u2603.example/3", "http://ex\u00adample.org/3", "http://x]/3"]


@pytest.mark.parametrize("url", URLS)
def test_every_tmdb_url_filmtui_accepts_httpx_can_use(url) -> None:
    import httpx

    from filmtui.config import ConfigError, check_tmdb_url

    try:
        check_tmdb_url(url)
    except ConfigError as error:
        assert "FILMTUI_TMDB_URL" in str(error)
        return
    parsed = httpx.URL(url)
    assert parsed.host and httpx.Request("GET", parsed.join("configuration"))

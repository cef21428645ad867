"""The TMDB secret never shows: not in output, errors, logs, the store, the cache or a traceback."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from filmtui.config import load_config
from filmtui.store import Store
from filmtui.tmdb import refresh_films

from .conftest import API_KEY, TOKEN, run_filmtui, serve_catalogue
from .server import FakeTmdb


def files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()]


def assert_nowhere(secret: str, texts: list[str], folders: list[Path]) -> None:
    for text in texts:
        assert secret not in text
    for path in files_under(*folders):
        if path.name == "config.toml":
            continue  # the one place it belongs
        assert secret.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("variable, secret", [("TMDB_READ_ACCESS_TOKEN", TOKEN),
                                              ("TMDB_API_KEY", API_KEY)])
def test_secret_never_in_output_or_files(tmdb_env: FakeTmdb, isolated_env: Path, variable,
                                         secret) -> None:
    env = {variable: secret}
    unset = tuple({"TMDB_READ_ACCESS_TOKEN", "TMDB_API_KEY"} - {variable})
    store = Store.open()
    serve_catalogue(tmdb_env, store)
    del tmdb_env.films[680]
    tmdb_env.fault(949, "503", "malformed", "drop")
    tmdb_env.fault(500, *["500"] * 9)
    tmdb_env.fault(524, "429")
    results = [
        run_filmtui("refresh", "--all", env=env, unset=unset),
        run_filmtui("add", "men in black", env=env, unset=unset),
        run_filmtui("add", "--id", "4040404", env=env, unset=unset),
        run_filmtui("refresh", "949", env={**env, "FILMTUI_TMDB_URL": "http://127.0.0.1:9/3"},
                    unset=unset),
        run_filmtui("status", env=env, unset=unset),
        run_filmtui("config", "show", env=env, unset=unset),
    ]
    assert results[0].returncode == 1 and "failed 2" in results[0].stdout
    if variable == "TMDB_API_KEY":
        assert any(r["query"].get("api_key") == secret for r in tmdb_env.requests)  # it was used
    texts = [r.stdout + r.stderr for r in results]
    assert_nowhere(secret, texts, [isolated_env / "data", isolated_env / "cache",
                                   isolated_env / "config"])


def test_refused_secret_is_not_echoed(tmdb_env: FakeTmdb) -> None:
    for variable in ("TMDB_READ_ACCESS_TOKEN", "TMDB_API_KEY"):
        wrong = f"wrong-{variable}-SECRET-9f8e7d"
        result = run_filmtui("refresh", "949", env={variable: wrong},
                             unset=tuple({"TMDB_READ_ACCESS_TOKEN", "TMDB_API_KEY"} - {variable}))
        assert result.returncode == 2 and variable in result.stderr
        assert wrong not in result.stdout + result.stderr


def test_debug_logging_of_a_whole_refresh_never_shows_the_key(tmdb_env, store, config,
                                                               caplog) -> None:
    import dataclasses

    keyed = dataclasses.replace(config, read_access_token=None, api_key=API_KEY)
    tmdb_env.fault(949, "503")
    with caplog.at_level(logging.DEBUG):
        refresh_films(store, [949, 524, 1234567], keyed)
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "/3/movie/949" in text and API_KEY not in text


def test_domain_modules_never_import_textual() -> None:
    code = (
        "import sys, filmtui.config, filmtui.tmdb, filmtui.tmdb.client, filmtui.tmdb.mapping, "
        "filmtui.tmdb.refresh, filmtui.tmdb.posters, filmtui.cli.refresh, filmtui.cli.add; "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_secret_in_config_file_is_read_and_env_wins(monkeypatch, tmdb_env) -> None:
    from filmtui.config import config_path, save_credentials

    monkeypatch.delenv("TMDB_READ_ACCESS_TOKEN")
    save_credentials(token="from-file")
    assert load_config().read_access_token == "from-file"
    assert load_config().credential_source == "config file"
    monkeypatch.setenv("TMDB_READ_ACCESS_TOKEN", "from-env")
    assert load_config().read_access_token == "from-env"
    assert load_config().credential_source == "TMDB_READ_ACCESS_TOKEN"
    assert (config_path().stat().st_mode & 0o777) == 0o600

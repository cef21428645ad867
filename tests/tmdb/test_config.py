"""Settings: environment over config.toml, checked numbers, a private credential file."""

from __future__ import annotations

import stat
import tomllib

import pytest

from filmtui.config import (
    ConfigError,
    config_path,
    file_is_private,
    load_config,
    save_credentials,
)
from filmtui.tmdb import reachable

from .conftest import run_filmtui


def test_defaults_without_anything(monkeypatch) -> None:
    config = load_config()
    assert config.tmdb_url == "https://api.themoviedb.org/3" and config.language == "en-US"
    assert config.rate_limit == 40.0 and config.concurrency == 8
    assert not config.has_credentials


def test_file_values_and_environment_overrides(monkeypatch) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text('[tmdb]\nurl = "http://file/3/"\nlanguage = "fr-FR"\n'
                             'rate_limit = 20\napi_key = "k"\n')
    config = load_config()
    assert config.tmdb_url == "http://file/3" and config.language == "fr-FR"
    assert config.rate_limit == 20 and config.api_key == "k"
    assert config.credential_name == "TMDB_API_KEY" and config.credential_source == "config file"
    monkeypatch.setenv("FILMTUI_TMDB_URL", "http://env/3")
    monkeypatch.setenv("FILMTUI_RATE_LIMIT", "5")
    monkeypatch.setenv("TMDB_READ_ACCESS_TOKEN", "t")
    config = load_config()
    assert config.tmdb_url == "http://env/3" and config.rate_limit == 5
    assert config.credential_name == "TMDB_READ_ACCESS_TOKEN"


@pytest.mark.parametrize("var, value", [("FILMTUI_RATE_LIMIT", "fast"), ("FILMTUI_RATE_LIMIT", "0"),
                                        ("FILMTUI_TMDB_CONCURRENCY", "0"),
                                        ("FILMTUI_TMDB_RETRIES", "-1")])
def test_bad_numbers_are_one_clear_error(monkeypatch, var, value) -> None:
    monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError, match=var):
        load_config()
    result = run_filmtui("refresh", "--all", env={"TMDB_READ_ACCESS_TOKEN": "t"})
    assert result.returncode == 2 and var in result.stderr and "Traceback" not in result.stderr


def test_broken_config_file_is_one_clear_error() -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text("[tmdb\n")
    with pytest.raises(ConfigError, match="config.toml"):
        load_config()
    result = run_filmtui("refresh", "949")
    assert result.returncode == 2 and "config.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_save_credentials_keeps_other_settings_and_is_private() -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text('[tmdb]\nlanguage = "de-DE"\n')
    config_path().chmod(0o644)
    assert not file_is_private()
    save_credentials(token='tok"en\\x')
    assert stat.S_IMODE(config_path().stat().st_mode) == 0o600 and file_is_private()
    saved = tomllib.loads(config_path().read_text())["tmdb"]
    assert saved == {"language": "de-DE", "read_access_token": 'tok"en\\x'}
    save_credentials(token="", api_key="k2")
    assert tomllib.loads(config_path().read_text())["tmdb"] == {"language": "de-DE", "api_key": "k2"}


def test_set_token_refuses_empty_input() -> None:
    result = run_filmtui("config", "set-token", stdin="\n")
    assert result.returncode == 2 and not config_path().exists()


def test_reachable(config, tmdb_env) -> None:
    assert reachable(config)
    import dataclasses

    assert not reachable(dataclasses.replace(config, tmdb_url="http://127.0.0.1:9/3"))
    assert reachable(dataclasses.replace(config, read_access_token="wrong"))  # network is fine
    assert reachable(dataclasses.replace(config, read_access_token=None, api_key=None))
    assert not reachable(dataclasses.replace(config, read_access_token=None, api_key=None,
                                             tmdb_url="http://127.0.0.1:9/3"))


def test_world_readable_credential_file_is_warned_about(tmdb_env) -> None:
    save_credentials(token="t0k3n-in-file")
    config_path().chmod(0o644)
    tmdb_env.token = "t0k3n-in-file"
    result = run_filmtui("refresh", "949", unset=("TMDB_READ_ACCESS_TOKEN",))
    assert result.returncode == 0, result.stderr
    assert "readable by others" in result.stderr and "chmod 600" in result.stderr
    assert "t0k3n-in-file" not in result.stderr + result.stdout
    config_path().chmod(0o600)
    quiet = run_filmtui("refresh", "949", unset=("TMDB_READ_ACCESS_TOKEN",))
    assert "readable by others" not in quiet.stderr


@pytest.mark.parametrize("url", ["ftp://x/3", "api.themoviedb.org/3", "http://", "http://a b/3"])
def test_tmdb_url_must_be_http(monkeypatch, url) -> None:
    monkeypatch.setenv("FILMTUI_TMDB_URL", url)
    with pytest.raises(ConfigError, match="FILMTUI_TMDB_URL"):
        load_config()


HAND_WRITTEN = """\
# my filmtui settings
[tmdb]
language = "fr-FR"   # films in French

[ui]
theme = "filmtui-light"
favourites = ["heat", "thief"]

[ui.colours.list]
accent = "red"
"""


def test_set_token_keeps_comments_arrays_and_nested_tables() -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text(HAND_WRITTEN)
    result = run_filmtui("config", "set-token", stdin="t0k3n\n")
    assert result.returncode == 0, result.stderr
    text = config_path().read_text()
    assert "# my filmtui settings" in text and "# films in French" in text
    saved = tomllib.loads(text)
    assert saved["tmdb"] == {"language": "fr-FR", "read_access_token": "t0k3n"}
    assert saved["ui"]["favourites"] == ["heat", "thief"]
    assert saved["ui"]["colours"] == {"list": {"accent": "red"}}
    assert stat.S_IMODE(config_path().stat().st_mode) == 0o600
    # Everything but the new line is as the user wrote it, in order.
    assert text.replace('read_access_token = "t0k3n"\n', "") == HAND_WRITTEN


def test_clear_token_keeps_the_rest_of_the_file() -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text(HAND_WRITTEN.replace('[tmdb]\n', '[tmdb]\napi_key = "k"\n'))
    assert run_filmtui("config", "clear-token").returncode == 0
    assert config_path().read_text() == HAND_WRITTEN


def test_a_setting_is_saved_into_the_hand_written_file() -> None:
    from filmtui.config import load_ui_settings, save_setting

    config_path().parent.mkdir(parents=True)
    config_path().write_text(HAND_WRITTEN)
    save_setting("ui", "theme", "filmtui-dark")
    text = config_path().read_text()
    assert text == HAND_WRITTEN.replace("filmtui-light", "filmtui-dark")
    assert load_ui_settings().theme == "filmtui-dark"
    config_path().unlink()
    save_setting("ui", "theme", "filmtui-light")  # no file yet: one is made, private
    assert tomllib.loads(config_path().read_text()) == {"ui": {"theme": "filmtui-light"}}
    assert stat.S_IMODE(config_path().stat().st_mode) == 0o600


def test_a_broken_file_is_not_overwritten_by_a_save() -> None:
    from filmtui.config import save_setting

    config_path().parent.mkdir(parents=True)
    config_path().write_text("[tmdb\nlanguage = ")
    with pytest.raises(ConfigError, match="config.toml"):
        save_setting("ui", "theme", "filmtui-dark")
    assert config_path().read_text() == "[tmdb\nlanguage = "
    assert not list(config_path().parent.glob(".config.*"))


def test_ui_settings_read_leniently() -> None:
    from filmtui.config import load_ui_settings

    assert load_ui_settings().theme is None and load_ui_settings().keys == {}
    config_path().parent.mkdir(parents=True)
    config_path().write_text('[ui]\ntheme = 3\n[keys]\nopen_help = "f1"\nquit = ["x"]\n')
    settings = load_ui_settings()
    assert settings.theme is None and settings.keys == {"open_help": "f1"}
    assert any("theme" in line and "text" in line for line in settings.problems)
    assert any("quit" in line for line in settings.problems)
    config_path().write_text("[keys\n")
    broken = load_ui_settings()
    assert broken.keys == {} and len(broken.problems) == 1 and "config.toml" in broken.problems[0]

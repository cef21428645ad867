"""The `region` setting for Where to watch: the setting, else the locale, else the language."""

from __future__ import annotations

import pytest

from filmtui.config import ConfigError, config_path, load_config


@pytest.fixture(autouse=True)
def no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "FILMTUI_REGION", "FILMTUI_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


def test_region_comes_from_the_locale_else_the_language_else_us(monkeypatch) -> None:
    assert load_config().region == "US"
    monkeypatch.setenv("FILMTUI_LANGUAGE", "pt-BR")
    assert load_config().region == "BR"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert load_config().region == "GB"
    monkeypatch.setenv("LANG", "C.UTF-8")  # no country in it: the language's
    assert load_config().region == "BR"


def test_the_setting_wins_and_is_checked(monkeypatch) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text('[tmdb]\nregion = "de"\n')
    assert load_config().region == "DE"
    monkeypatch.setenv("FILMTUI_REGION", "France")
    with pytest.raises(ConfigError, match="FILMTUI_REGION: expected a two-letter country code"):
        load_config()
